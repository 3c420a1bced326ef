/// The threefry PRNG that evaluates the random primitives on concrete key words. Key data is
/// uint32 with a trailing axis of 2 (one pair of words per key); results of `split` and
/// `foldIn` are key data of the same form.
public protocol PRNGImplementation: AnyObject {
    /// `random_seed`: keys from integer seeds of any shape.
    func seed(_ seeds: JaxArray) throws(PyException) -> JaxArray
    /// `random_split`: for each key, keys of `shape`.
    func split(_ keys: JaxArray, shape: [Int]) throws(PyException) -> JaxArray
    /// `random_fold_in`: each key folded with the matching uint32 of `data` (broadcast).
    func foldIn(_ keys: JaxArray, _ data: JaxArray) throws(PyException) -> JaxArray
    /// `random_bits`: for each key, unsigned bits of `shape` and `bitWidth`.
    func bits(_ keys: JaxArray, bitWidth: Int, shape: [Int]) throws(PyException) -> JaxArray
}

/// Abstract evaluation, implementation and batching of the random primitives, and of the
/// structural primitives applied to typed key arrays (whose words carry a hidden last axis).
enum RandomRules {
    static func isRandom(_ prim: Primitive) -> Bool {
        switch prim {
        case .randomSeed, .randomWrap, .randomUnwrap, .randomBits, .randomSplit, .randomFoldIn: return true
        default: return false
        }
    }

    /// Typed keys enter only the random primitives and those that move elements around;
    /// arithmetic on them is JAX's TypeError.
    static func checkKeyOperands(_ prim: Primitive, _ ins: [ShapedArray]) throws(PyException) {
        guard ins.contains(where: \.isKey) else { return }
        switch prim {
        case .randomUnwrap, .randomBits, .randomSplit, .randomFoldIn, .squeeze, .reshape, .broadcastInDim,
             .transpose, .slice, .concatenate, .stack, .jit, .stopGradient:
            return
        default:
            throw PyException.typeError("\(prim.name) does not accept dtypes \(ins.map(\.dtypeName).joined(separator: ", ")).")
        }
    }

    static func bitsDType(_ width: Int) -> DType {
        switch width {
        case 8: return .uint8
        case 16: return .uint16
        case 64: return .uint64
        default: return .uint32
        }
    }

    static func keyOperand(_ prim: Primitive, _ ins: [ShapedArray]) throws(PyException) -> ShapedArray {
        guard let x = ins.first, x.isKey else {
            throw PyException.typeError("\(prim.name) requires a typed key array (dtype key<fry>), got \(ins.first.map(\.description) ?? "nothing")")
        }
        return x
    }

    static func outAvals(_ prim: Primitive, _ ins: [ShapedArray], _ params: Params) throws(PyException) -> [ShapedArray] {
        switch prim {
        case .randomSeed:
            guard let x = ins.first else { throw PyException.typeError("random_seed needs seeds") }
            return [.keys(x.shape)]
        case .randomWrap:
            guard let x = ins.first, !x.isKey, x.dtype == .uint32, x.shape.last == 2 else {
                throw PyException.typeError("random_wrap expects uint32 key data with a trailing dimension of 2, got \(ins.first.map(\.description) ?? "nothing")")
            }
            return [.keys(Array(x.shape.dropLast()))]
        case .randomUnwrap:
            return [ShapedArray(shape: try keyOperand(prim, ins).shape + [2], dtype: .uint32)]
        case .randomSplit:
            return [.keys(try keyOperand(prim, ins).shape + params.ints("shape"))]
        case .randomFoldIn:
            let k = try keyOperand(prim, ins)
            guard ins.count == 2 else { throw PyException.typeError("random_fold_in needs a key and data") }
            return [.keys(try Kernels.broadcastShapes([k.shape, ins[1].shape]))]
        case .randomBits:
            let k = try keyOperand(prim, ins)
            return [ShapedArray(shape: k.shape + params.ints("shape"), dtype: bitsDType(params.int("bit_width")))]
        case .shiftRightLogical:
            return [try ShapeRules.elementwise(prim, ins)]
        case .bitcastConvertType:
            guard let x = ins.first else { throw PyException.typeError("bitcast_convert_type needs an operand") }
            return [ShapedArray(shape: x.shape, dtype: params.dtype("new_dtype") ?? x.dtype)]
        default:
            return []
        }
    }

    static func prng(_ ctx: JaxContext) throws(PyException) -> any PRNGImplementation {
        guard let prng = ctx.prng else { throw PyException("RuntimeError", "jax.random is not available") }
        return prng
    }

    /// The implementation of a primitive when the random machinery owns it: the random
    /// primitives, the bit operations, structural primitives on keys and `or` of uint32 words
    /// (bitwise, as lax's `or` on integers). Nil for everything else.
    static func evaluate(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray]? {
        if isRandom(prim) || prim == .shiftRightLogical || prim == .bitcastConvertType {
            return try impl(ctx, prim, xs, params)
        }
        if prim == .or, xs.count == 2, xs[0].dtype == xs[1].dtype, xs[0].dtype.kind == .unsignedInteger,
           let out = try bitwiseOr(xs[0], xs[1]) {
            return [out]
        }
        return try keyStructural(prim, xs, params)
    }

    static func impl(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray] {
        guard let x = xs.first else { throw PyException.typeError("\(prim.name) called with no operands") }
        switch prim {
        case .randomSeed:
            return [try prng(ctx).seed(x).withKeyData(true)]
        case .randomWrap:
            return [x.withKeyData(true)]
        case .randomUnwrap:
            return [x.withKeyData(false)]
        case .randomSplit:
            return [try prng(ctx).split(x.withKeyData(false), shape: params.ints("shape")).withKeyData(true)]
        case .randomFoldIn:
            guard xs.count == 2 else { throw PyException.typeError("random_fold_in needs a key and data") }
            let data = Kernels.cast(xs[1], to: .uint32, semantics: .jax)
            return [try prng(ctx).foldIn(x.withKeyData(false), data).withKeyData(true)]
        case .randomBits:
            return [try prng(ctx).bits(x.withKeyData(false), bitWidth: params.int("bit_width"), shape: params.ints("shape"))]
        case .shiftRightLogical:
            guard xs.count == 2 else { throw PyException.typeError("shift_right_logical needs two operands") }
            return [try shiftRightLogical(x, xs[1])]
        case .bitcastConvertType:
            return [try bitcast(x, to: params.dtype("new_dtype") ?? x.dtype)]
        default:
            throw PyException.notImplemented(prim.name)
        }
    }

    /// Logical right shift of unsigned words (shifts past the width give 0, as XLA).
    static func shiftRightLogical(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray {
        let shape = try Kernels.broadcastShapes([a.shape, b.shape])
        let x = try Kernels.broadcast(a, to: shape), y = try Kernels.broadcast(Kernels.cast(b, to: a.dtype, semantics: .jax), to: shape)
        func shift<T: FixedWidthInteger & UnsignedInteger>(_ xs: [T], _ ys: [T]) -> [T] {
            zip(xs, ys).map { v, n in n >= T(T.bitWidth) ? 0 : v >> n }
        }
        switch (x.storage, y.storage) {
        case (.uint8(let xs), .uint8(let ys)): return JaxArray(shape: shape, storage: .uint8(shift(xs, ys)))
        case (.uint16(let xs), .uint16(let ys)): return JaxArray(shape: shape, storage: .uint16(shift(xs, ys)))
        case (.uint32(let xs), .uint32(let ys)): return JaxArray(shape: shape, storage: .uint32(shift(xs, ys)))
        case (.uint64(let xs), .uint64(let ys)): return JaxArray(shape: shape, storage: .uint64(shift(xs, ys)))
        default: throw PyException.notImplemented("shift_right_logical on \(a.dtype.name)")
        }
    }

    /// Bitwise or of unsigned words (lax's `or` on integers).
    static func bitwiseOr(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray? {
        let shape = try Kernels.broadcastShapes([a.shape, b.shape])
        let x = try Kernels.broadcast(a, to: shape), y = try Kernels.broadcast(b, to: shape)
        switch (x.storage, y.storage) {
        case (.uint8(let xs), .uint8(let ys)): return JaxArray(shape: shape, storage: .uint8(zip(xs, ys).map { $0 | $1 }))
        case (.uint16(let xs), .uint16(let ys)): return JaxArray(shape: shape, storage: .uint16(zip(xs, ys).map { $0 | $1 }))
        case (.uint32(let xs), .uint32(let ys)): return JaxArray(shape: shape, storage: .uint32(zip(xs, ys).map { $0 | $1 }))
        case (.uint64(let xs), .uint64(let ys)): return JaxArray(shape: shape, storage: .uint64(zip(xs, ys).map { $0 | $1 }))
        default: return nil
        }
    }

    /// Reinterprets words as another dtype of the same width.
    static func bitcast(_ a: JaxArray, to dtype: DType) throws(PyException) -> JaxArray {
        switch (a.storage, dtype) {
        case (.uint32(let w), .float32): return JaxArray(shape: a.shape, storage: .float32(w.map { Float(bitPattern: $0) }))
        case (.float32(let f), .uint32): return JaxArray(shape: a.shape, storage: .uint32(f.map(\.bitPattern)))
        case (.uint32(let w), .int32): return JaxArray(shape: a.shape, storage: .int32(w.map { Int32(bitPattern: $0) }))
        case (.int32(let w), .uint32): return JaxArray(shape: a.shape, storage: .uint32(w.map { UInt32(bitPattern: $0) }))
        case (.uint16(let w), .float16): return JaxArray(shape: a.shape, storage: .float16(w.map { Float16(bitPattern: $0) }))
        case (.uint16(let w), .bfloat16): return JaxArray(shape: a.shape, storage: .bfloat16(w.map { BFloat16(bitPattern: $0) }))
        case (.uint64(let w), .float64): return JaxArray(shape: a.shape, storage: .float64(w.map { Double(bitPattern: $0) }))
        default:
            if a.dtype == dtype { return a }
            throw PyException.notImplemented("bitcast_convert_type from \(a.dtype.name) to \(dtype.name)")
        }
    }

    /// A structural primitive on typed keys, applied to their words (the hidden last axis of
    /// two words rides along).
    static func keyStructural(_ prim: Primitive, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray]? {
        guard let x = xs.first, x.isKeyData else { return nil }
        let rank = x.rank - 1
        let out: JaxArray
        switch prim {
        case .squeeze:
            out = try Kernels.squeeze(x, axes: params.ints("dimensions"))
        case .reshape:
            out = try Kernels.reshape(x, to: params.ints("new_sizes") + [2])
        case .broadcastInDim:
            out = try Kernels.broadcastInDim(x, shape: params.ints("shape") + [2],
                                             broadcastDimensions: params.ints("broadcast_dimensions") + [params.ints("shape").count])
        case .transpose:
            out = try Kernels.transpose(x, permutation: params.ints("permutation") + [rank])
        case .slice:
            let strides = params.ints("strides")
            out = try Kernels.slice(x, start: params.ints("start_indices") + [0], limit: params.ints("limit_indices") + [2],
                                    strides: (strides.isEmpty ? Array(repeating: 1, count: rank) : strides) + [1])
        case .concatenate:
            out = try Kernels.concatenate(xs, axis: params.int("dimension"))
        case .stack:
            let axis = params.int("axis")
            var parts: [JaxArray] = []
            for a in xs { parts.append(try Kernels.expandDims(a, axes: [axis])) }
            out = try Kernels.concatenate(parts, axis: axis)
        case .stopGradient:
            out = x
        default:
            throw PyException.typeError("\(prim.name) does not accept key<fry> operands")
        }
        return [out.withKeyData(true)]
    }

    /// vmap of a random primitive: batch axes move to the front; the keys' leading axis is the
    /// batch (the primitives apply to every key of a key array).
    static func batch(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        switch prim {
        case .shiftRightLogical:
            return try BatchRules.broadcastBatcher(ctx, prim, xs, dims, params)
        case .bitcastConvertType:
            return ([try Tracing.bind1(ctx, prim, xs, params)], [dims[0]])
        case .randomFoldIn:
            return try BatchRules.broadcastBatcher(ctx, prim, xs, dims, params)
        default:
            guard let d = dims.first ?? nil else { return (try Tracing.bind(ctx, prim, xs, params), [nil]) }
            let x = try Lax.moveAxis(ctx, xs[0], from: d, to: 0)
            return ([try Tracing.bind1(ctx, prim, [x], params)], [0])
        }
    }
}
