/// Eager evaluation of primitives on concrete arrays: each primitive's implementation rule,
/// calling the array kernels.
enum Eval {
    static func apply(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray] {
        let avals = try ShapeRules.outAvals(prim, xs.map(ShapedArray.init), params)
        if prim == .jit {
            guard let inner = params.jaxpr("jaxpr") else { return [] }
            let outs = try CompiledFunction(inner).run(ctx, xs)
            return outs
        }
        if prim == .scan { return try ScanRules.evaluate(ctx, xs, params) }
        if prim == .customJvpCall { return try CompiledFunction(try CustomJVPRules.body(params)).run(ctx, xs) }
        let results: [JaxArray]
        if let special = try RandomRules.evaluate(ctx, prim, xs, params) {
            results = special
        } else {
            results = try impl(ctx, prim, xs, params)
        }
        return zip(results, avals).map { r, aval in r.weakType == aval.weakType ? r : r.withWeakType(aval.weakType) }
    }

    private static func arg(_ xs: [JaxArray], _ i: Int, _ prim: Primitive) throws(PyException) -> JaxArray {
        guard i < xs.count else { throw PyException.typeError("\(prim.name) expected at least \(i + 1) operands, got \(xs.count)") }
        return xs[i]
    }

    static func binaryOp(_ prim: Primitive) -> BinaryOp? {
        switch prim {
        case .add, .addAny: return .add
        case .sub: return .subtract
        case .mul: return .multiply
        case .div: return .divide
        case .pow: return .power
        case .max: return .maximum
        case .min: return .minimum
        case .atan2: return .arctan2
        case .eq: return .equal
        case .ne: return .notEqual
        case .lt: return .less
        case .le: return .lessEqual
        case .gt: return .greater
        case .ge: return .greaterEqual
        case .and: return .logicalAnd
        case .or: return .logicalOr
        case .xor: return .logicalXor
        default: return nil
        }
    }

    static func unaryOp(_ prim: Primitive) -> UnaryOp? {
        switch prim {
        case .neg: return .negative
        case .abs: return .abs
        case .sign: return .sign
        case .exp: return .exp
        case .log: return .log
        case .log1p: return .log1p
        case .expm1: return .expm1
        case .sqrt: return .sqrt
        case .rsqrt: return .rsqrt
        case .sin: return .sin
        case .cos: return .cos
        case .tan: return .tan
        case .tanh: return .tanh
        case .atan: return .arctan
        case .erf: return .erf
        case .erfInv: return .erfInv
        case .logistic: return .logistic
        case .not: return .logicalNot
        case .floor: return .floor
        case .ceil: return .ceil
        case .round: return .round
        default: return nil
        }
    }

    /// `x / c` for a constant float c as XLA compiles it: `x * (1 / c)`, the reciprocal rounded
    /// in the dtype (jnp.mean runs compiled even when called eagerly, so it divides this way).
    static func reciprocalProduct(_ xs: [JaxArray]) throws(PyException) -> JaxArray? {
        guard xs.count == 2, xs[0].dtype == xs[1].dtype, let reciprocal = reciprocal(xs[1]) else { return nil }
        return try Kernels.binary(.multiply, xs[0], reciprocal, semantics: .jax).withWeakType(xs[0].weakType && xs[1].weakType)
    }

    /// XLA rewrites `a / broadcast(b)` as `a * broadcast(1 / b)`; jax.numpy's division runs
    /// compiled (even eagerly), so a divisor that is broadcast (fewer elements than the result,
    /// e.g. `x / 3.0` or a keepdims sum) divides this way. `force` applies it to any divisor.
    static func broadcastReciprocalProduct(_ xs: [JaxArray], force: Bool) throws(PyException) -> JaxArray? {
        guard xs.count == 2, xs[0].dtype == xs[1].dtype, xs[0].dtype.isFloating else { return nil }
        guard force || xs[1].count < xs[0].count else { return nil }
        return try reciprocalProduct(xs)
    }

    private static func reciprocal(_ a: JaxArray) -> JaxArray? {
        switch a.storage {
        case .float32(let v): return JaxArray(shape: a.shape, storage: .float32(v.map { 1 / $0 }))
        case .float64(let v): return JaxArray(shape: a.shape, storage: .float64(v.map { 1 / $0 }))
        default: return nil
        }
    }

    private static func impl(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray] {
        if prim == .div, let product = try broadcastReciprocalProduct(xs, force: params.bool("reciprocal")) {
            return [product]
        }
        if prim == .rem {
            return [try TruncatedRemainder.apply(try arg(xs, 0, prim), try arg(xs, 1, prim))]
        }
        if let op = binaryOp(prim) {
            var a = try arg(xs, 0, prim), b = try arg(xs, 1, prim)
            if a.dtype != b.dtype {
                let target = a.weakType ? b.dtype : a.dtype
                a = Kernels.cast(a, to: target, semantics: .jax)
                b = Kernels.cast(b, to: target, semantics: .jax)
            }
            return [try Kernels.binary(op, a, b, semantics: .jax)]
        }
        if let op = unaryOp(prim) {
            return [try Kernels.unary(op, try arg(xs, 0, prim), semantics: .jax)]
        }
        if prim == .leTo {
            return [try TotalOrder.lessEqual(try arg(xs, 0, prim), try arg(xs, 1, prim),
                                             shape: try ShapeRules.elementwise(prim, xs.map(ShapedArray.init)).shape)]
        }
        if prim == .topK { return try TotalOrder.topK(try arg(xs, 0, prim), k: params.int("k"), axis: params.int("axis")) }
        if prim == .cumsum { return [CumulativeSum.apply(try arg(xs, 0, prim), axis: params.int("axis"), reverse: params.bool("reverse"))] }
        if prim == .nextafter {
            return [try NextAfter.apply(try arg(xs, 0, prim), try arg(xs, 1, prim))]
        }
        if prim == .sort {
            return try Kernels.sort(xs, dimension: params.int("dimension"), numKeys: params.int("num_keys"))
        }
        if prim == .iota {
            return [try Kernels.iota(dtype: params.dtype("dtype") ?? .int32, shape: params.ints("shape"),
                                     dimension: params.int("dimension"), limits: ctx.limits)]
        }
        let x = try arg(xs, 0, prim)
        if case .gatherDimensions(let dims)? = params["gather_dimensions"] {
            // a scatter with dimension numbers; XLA's CPU scatter drops windows outside the
            // operand unless told to clip
            guard xs.count == 3 else { throw PyException.typeError("\(prim.name) needs an operand, indices and updates") }
            var clamp = false
            if case .text(let mode)? = params["mode"] { clamp = mode.hasSuffix("CLIP") }
            return [try SliceGather.scatter(x, xs[1], xs[2], dims, mode: ScatterMode(prim), clamp: clamp)]
        }
        switch prim {
        case .integerPow:
            return [try Kernels.integerPow(x, params.int("y"))]
        case .square:
            return [try Kernels.integerPow(x, 2)]
        case .stopGradient:
            return [x]
        case .selectN:
            let cases = Array(xs.dropFirst())
            guard let first = cases.first else { throw PyException.typeError("select_n requires at least one case") }
            if cases.count == 1 { return [first] }
            let predicate = x.dtype == .bool ? x : try Kernels.binary(.notEqual, x, JaxArray.scalar(.int(0), dtype: x.dtype), semantics: .jax)
            return [try Kernels.select(predicate, cases[1], cases[0])]
        case .convertElementType:
            return [Kernels.cast(x, to: params.dtype("new_dtype") ?? x.dtype, semantics: .jax)]
        case .broadcastInDim:
            return [try Kernels.broadcastInDim(x, shape: params.ints("shape"), broadcastDimensions: params.ints("broadcast_dimensions"))]
        case .reshape:
            return [try Kernels.reshape(x, to: params.ints("new_sizes"))]
        case .squeeze:
            return [try Kernels.squeeze(x, axes: params.ints("dimensions"))]
        case .transpose:
            return [try Kernels.transpose(x, permutation: params.ints("permutation"))]
        case .reduceSum:
            return [try Kernels.reduce(.sum, x, axes: params.ints("axes"), semantics: .jax)]
        case .reduceMax:
            return [try Kernels.reduce(.max, x, axes: params.ints("axes"), semantics: .jax)]
        case .reduceMin:
            return [try Kernels.reduce(.min, x, axes: params.ints("axes"), semantics: .jax)]
        case .reduceProd:
            return [try Kernels.reduce(.product, x, axes: params.ints("axes"), semantics: .jax)]
        case .reduceAnd:
            return [try Kernels.reduce(.all, x, axes: params.ints("axes"), semantics: .jax)]
        case .reduceOr:
            return [try Kernels.reduce(.any, x, axes: params.ints("axes"), semantics: .jax)]
        case .argmax, .argmin:
            return [try Kernels.argReduce(max: prim == .argmax, x, axis: params.ints("axes").first ?? 0,
                                          indexDType: params.dtype("index_dtype") ?? .int32)]
        case .dotGeneral:
            guard case .dimensionNumbers(let c, let b)? = params["dimension_numbers"] else {
                throw PyException.typeError("dot_general needs dimension numbers")
            }
            var lhs = x, rhs = try arg(xs, 1, prim)
            if let out = params.dtype("preferred_element_type") {
                lhs = Kernels.cast(lhs, to: out, semantics: .jax)
                rhs = Kernels.cast(rhs, to: out, semantics: .jax)
            }
            return [try Kernels.dotGeneral(lhs, rhs, contracting: c, batch: b)]
        case .concatenate:
            return [try Kernels.concatenate(xs, axis: params.int("dimension"))]
        case .stack:
            let axis = params.int("axis")
            var parts: [JaxArray] = []
            for a in xs { parts.append(try Kernels.expandDims(a, axes: [axis])) }
            return [try Kernels.concatenate(parts, axis: axis)]
        case .slice:
            let strides = params.ints("strides")
            return [try Kernels.slice(x, start: params.ints("start_indices"), limit: params.ints("limit_indices"),
                                      strides: strides.isEmpty ? Array(repeating: 1, count: x.rank) : strides)]
        case .pad:
            let padValue = try arg(xs, 1, prim)
            let config = params.padding
            let outShape = try ShapeRules.outAvals(prim, [ShapedArray(x), ShapedArray(padValue)], params)[0].shape
            var filled = try Kernels.broadcastInDim(padValue, shape: outShape, broadcastDimensions: [])
            if x.count > 0 {
                let items: [IndexItem] = config.enumerated().map { i, c in
                    .slice(start: c.low, stop: c.low + (x.shape[i] - 1) * (c.interior + 1) + 1, step: c.interior + 1)
                }
                filled = try Kernels.scatter(filled, items, updates: x, mode: .set, semantics: .jax)
            }
            return [filled]
        case .rev:
            // reversed along `dimensions`: a step -1 slice there
            let reversed = Set(params.ints("dimensions"))
            let items: [IndexItem] = (0..<x.rank).map { reversed.contains($0) ? .slice(start: nil, stop: nil, step: -1) : .slice(start: nil, stop: nil, step: nil) }
            return [try Kernels.getItem(x, items, semantics: .jax)]
        case .dynamicSlice:
            var starts: [Int] = []
            for s in xs.dropFirst() { starts.append(Int(truncatingIfNeeded: s.storage.int64(at: 0))) }
            return [try Kernels.dynamicSlice(x, start: starts, sizes: params.ints("slice_sizes"))]
        case .dynamicUpdateSlice:
            return [try DynamicSliceRules.evaluateUpdate(xs)]
        case .gather:
            if let dims = SliceGather.dimensions(params) {
                return [try SliceGather.evaluate(x, try arg(xs, 1, prim), dims, sliceSizes: params.ints("slice_sizes"),
                                                 fill: SliceGather.fillArray(params, dtype: x.dtype))]
            }
            guard case .index(let items)? = params["index"] else { throw PyException.typeError("gather needs an index") }
            return [try Kernels.getItem(x, Indexing.withArrays(items, Array(xs.dropFirst())), semantics: .jax)]
        case .scatter, .scatterAdd, .scatterMul, .scatterMin, .scatterMax:
            if params["index_vector"] != nil, xs.count == 3 {
                // JAX's staged form: an int32 vector of leading indices, then the updates.
                let vector = xs[1]
                let items: [IndexItem] = (0..<vector.count).map { .int(Int(truncatingIfNeeded: vector.storage.int64(at: $0))) }
                return [try Kernels.scatter(x, items, updates: Kernels.cast(xs[2], to: x.dtype, semantics: .jax),
                                            mode: ScatterMode(prim), semantics: .jax)]
            }
            guard case .index(let items)? = params["index"], xs.count >= 2 else {
                throw PyException.typeError("scatter needs an index and updates")
            }
            let mode = ScatterMode(prim)
            let updates = Kernels.cast(xs[xs.count - 1], to: x.dtype, semantics: .jax)
            return [try Kernels.scatter(x, Indexing.withArrays(items, Array(xs.dropFirst().dropLast())),
                                        updates: updates, mode: mode, semantics: .jax)]
        default:
            throw PyException.notImplemented("no eager rule for \(prim.name)")
        }
    }
}

extension Eval {
    /// The two operands of a binary rule broadcast to one shape, the second in the first's dtype.
    static func broadcastPair(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> (JaxArray, JaxArray) {
        let shape = try Kernels.broadcastShapes([a.shape, b.shape])
        return (try Kernels.broadcast(a, to: shape), try Kernels.broadcast(Kernels.cast(b, to: a.dtype, semantics: .jax), to: shape))
    }
}

/// Index expressions whose integer-array parts travel as operands (so they can be traced).
enum Indexing {
    /// A scatter staged in JAX's form (an index-vector operand) rewritten to the index-items
    /// form the transpose and batching rules use; nil when the vector is not concrete.
    static func itemsForm(_ params: Params, _ vector: JaxValue) -> Params? {
        guard params["index_vector"] != nil, let v = vector.concrete else { return nil }
        var p = Params()
        p.set("index", .index((0..<v.count).map { .int(Int(truncatingIfNeeded: v.storage.int64(at: $0))) }), shown: false)
        p.set("mode", .text("GatherScatterMode.FILL_OR_DROP"))
        return p
    }

    /// Puts the operand arrays back into the `.array` slots of an index expression, in order.
    static func withArrays(_ items: [IndexItem], _ arrays: [JaxArray]) -> [IndexItem] {
        var next = 0
        return items.map { item in
            guard case .array = item, next < arrays.count else { return item }
            defer { next += 1 }
            return .array(arrays[next])
        }
    }
}

/// lax.rem: the remainder of truncating division (C's fmod), with the sign of the dividend;
/// XLA gives the dividend for an integer remainder by zero.
enum TruncatedRemainder {
    static func apply(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray {
        let (x, y) = try Eval.broadcastPair(a, b)
        let storage: Storage
        switch (x.storage, y.storage) {
        case (.float32(let u), .float32(let v)): storage = .float32(zip(u, v).map { $0.truncatingRemainder(dividingBy: $1) })
        case (.float64(let u), .float64(let v)): storage = .float64(zip(u, v).map { $0.truncatingRemainder(dividingBy: $1) })
        case (.int32(let u), .int32(let v)): storage = .int32(integers(u, v))
        case (.int64(let u), .int64(let v)): storage = .int64(integers(u, v))
        case (.int8(let u), .int8(let v)): storage = .int8(integers(u, v))
        case (.int16(let u), .int16(let v)): storage = .int16(integers(u, v))
        case (.uint8(let u), .uint8(let v)): storage = .uint8(integers(u, v))
        case (.uint16(let u), .uint16(let v)): storage = .uint16(integers(u, v))
        case (.uint32(let u), .uint32(let v)): storage = .uint32(integers(u, v))
        case (.uint64(let u), .uint64(let v)): storage = .uint64(integers(u, v))
        default:
            throw PyException.typeError("rem does not accept dtype \(a.dtype.name)")
        }
        return JaxArray(shape: x.shape, storage: storage, weakType: a.weakType && b.weakType)
    }

    private static func integers<T: FixedWidthInteger>(_ u: [T], _ v: [T]) -> [T] {
        zip(u, v).map { x, y in y == 0 ? x : x.remainderReportingOverflow(dividingBy: y).partialValue }
    }
}

/// lax.nextafter: the float next to x in the direction of y.
enum NextAfter {
    static func apply(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray {
        let (x, y) = try Eval.broadcastPair(a, b)
        let storage: Storage
        switch (x.storage, y.storage) {
        case (.float32(let u), .float32(let v)): storage = .float32(zip(u, v).map(step))
        case (.float64(let u), .float64(let v)): storage = .float64(zip(u, v).map(step))
        case (.float16(let u), .float16(let v)): storage = .float16(zip(u, v).map(step))
        default:
            throw PyException.typeError("nextafter does not accept dtype \(a.dtype.name). Accepted dtypes are subtypes of floating.")
        }
        return JaxArray(shape: x.shape, storage: storage, weakType: a.weakType && b.weakType)
    }

    private static func step<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
        if x.isNaN || y.isNaN { return .nan }
        if x == y { return y }
        return x < y ? x.nextUp : x.nextDown
    }
}
