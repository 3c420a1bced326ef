/// Reductions over axes (sum, product, max, min, any, all) and argmax / argmin, summing floats
/// in JAX's or NumPy's exact order.
extension Kernels {
    /// The reductions `Kernels.reduce` performs.
    public enum ReduceOp: Sendable {
        case sum, product, max, min, any, all

        /// The name NumPy uses in "zero-size array to reduction operation ..." errors.
        var numpyName: String {
            switch self {
            case .sum: return "add"
            case .product: return "multiply"
            case .max: return "maximum"
            case .min: return "minimum"
            case .any: return "logical_or"
            case .all: return "logical_and"
            }
        }
    }

    /// Reduces `a` over `axes` (any order, negatives allowed), removing them. The result keeps
    /// the dtype (bool for any/all); bool sum is `any` and bool product is `all`, as in XLA.
    public static func reduce(_ op: ReduceOp, _ a: JaxArray, axes: [Int],
                              semantics: ArraySemantics) throws(PyException) -> JaxArray {
        let axes = try AxisRules.normalizeSet(axes, rank: a.rank, semantics: semantics)
        if axes.isEmpty {
            if op == .any || op == .all { return cast(toBool: a) }
            return a
        }
        if a.dtype.isComplex && semantics == .numpy {
            throw ComplexKernels.unsupported("numpy.\(op.numpyName).reduce")
        }
        if a.dtype.isComplex && op == .sum { return ComplexReduction.sum(a, axes: axes) }
        if a.dtype.isComplex && op == .product && axes.contains(where: { a.shape[$0] > 32 }) {
            // XLA multiplies longer lines in windows whose complex order is not reproduced yet
            throw ComplexKernels.unsupported("a product of more than 32 complex elements")
        }
        if op == .sum, let summed = floatSum(a, axes: axes, semantics: semantics) {
            return summed
        }
        if op == .product && semantics == .jax, let product = jaxFloatProduct(a, axes: axes) {
            return product
        }
        let layout = try ReductionLayout(a, axes: axes)
        if layout.length == 0 && (op == .max || op == .min) {
            let name = semantics == .jax ? (op == .max ? "max" : "min") : op.numpyName
            throw PyException.valueError("zero-size array to reduction operation \(name) which has no identity")
        }
        if a.dtype.isComplex && (op == .max || op == .min) { return ComplexReduction.extreme(layout, max: op == .max) }
        let source = layout.arranged
        let storage: Storage
        switch op {
        case .any, .all:
            storage = .bool(ReductionLines.run(nonzero(source.storage), layout, identity: op == .all) { acc, v in
                op == .all ? (acc && v) : (acc || v)
            })
        case .sum, .product, .max, .min:
            storage = reduceValues(op, source.storage, layout, semantics: semantics)
        }
        return JaxArray(shape: layout.outputShape, storage: storage, weakType: a.weakType && op != .any && op != .all)
    }

    /// Index of the largest (or smallest) element along `axis`, the first one on ties, and the
    /// first NaN if there is one, as both JAX and NumPy do.
    public static func argReduce(max: Bool, _ a: JaxArray, axis: Int, indexDType: DType,
                                 semantics: ArraySemantics = .jax) throws(PyException) -> JaxArray {
        if semantics == .jax && (axis >= a.rank || axis < -a.rank) {
            // jnp.argmax looks the axis up in the shape tuple before checking it
            throw PyException.indexError("tuple index out of range")
        }
        let ax = try AxisRules.normalize(axis, rank: a.rank, semantics: semantics)
        let layout = try ReductionLayout(a, axes: [ax])
        if layout.length == 0 {
            throw PyException.valueError("attempt to get \(max ? "argmax" : "argmin") of an empty sequence")
        }
        let indices: [Int]
        switch layout.arranged.storage {
        case .bool(let v): indices = argLines(v.map { $0 ? 1 : 0 as UInt8 }, layout, max: max)
        case .uint8(let v): indices = argLines(v, layout, max: max)
        case .uint16(let v): indices = argLines(v, layout, max: max)
        case .uint32(let v): indices = argLines(v, layout, max: max)
        case .uint64(let v): indices = argLines(v, layout, max: max)
        case .int8(let v): indices = argLines(v, layout, max: max)
        case .int16(let v): indices = argLines(v, layout, max: max)
        case .int32(let v): indices = argLines(v, layout, max: max)
        case .int64(let v): indices = argLines(v, layout, max: max)
        case .float16(let v): indices = argFloatLines(v, layout, max: max, semantics: semantics)
        case .bfloat16(let v): indices = argFloatLines(v.map(\.floatValue), layout, max: max, semantics: semantics)
        case .float32(let v): indices = argFloatLines(v, layout, max: max, semantics: semantics)
        case .float64(let v): indices = argFloatLines(v, layout, max: max, semantics: semantics)
        case .complex64, .complex128:
            // lax's argmax reducer compares with gt (argmin: lt), which refuses complex operands
            guard semantics == .jax else { throw ComplexKernels.unsupported(max ? "argmax" : "argmin") }
            throw PyException.typeError("\(max ? "gt" : "lt") does not accept dtype \(a.dtype.name) at position 0. Accepted dtypes at position 0 are subtypes of integer, floating, bool.")
        }
        let storage: Storage = indexDType == .int64
            ? .int64(indices.map { Int64($0) })
            : .int32(indices.map { Int32(truncatingIfNeeded: $0) })
        return JaxArray(shape: layout.outputShape, storage: storage)
    }

    /// Float lines: contiguous ones find the extreme value first (fast), then its first index
    /// (the first NaN when there is one); others go through the general scan.
    private static func argFloatLines<F: BinaryFloatingPoint>(_ v: [F], _ layout: ReductionLayout, max: Bool,
                                                               semantics: ArraySemantics) -> [Int] {
        if layout.inner != 1 { return argLines(v, layout, max: max) }
        let n = layout.length
        return v.withUnsafeBufferPointer { src in
            (0..<layout.outer).map { o in
                let line = UnsafeBufferPointer(rebasing: src[(o * n)..<((o + 1) * n)])
                let target = FloatReduction.extreme(line, max: max, semantics: semantics)
                if target.isNaN { return line.firstIndex { $0.isNaN } ?? 0 }
                return line.firstIndex { $0 == target } ?? 0
            }
        }
    }

    /// Per line, the index of the extreme value (NaN counts as the most extreme).
    private static func argLines<T: Comparable>(_ v: [T], _ layout: ReductionLayout, max: Bool) -> [Int] {
        var result = [Int](repeating: 0, count: layout.outer * layout.inner)
        if layout.inner == 1 {
            v.withUnsafeBufferPointer { src in
                for o in 0..<layout.outer {
                    let base = o * layout.length
                    var best = src[base]
                    var bestIndex = 0
                    if best == best {
                        for r in 1..<layout.length {
                            let x = src[base + r]
                            if max ? (x > best) : (x < best) {
                                best = x
                                bestIndex = r
                            } else if x != x {
                                bestIndex = r
                                break
                            }
                        }
                    }
                    result[o] = bestIndex
                }
            }
            return result
        }
        for o in 0..<layout.outer {
            for c in 0..<layout.inner {
                let base = o * layout.length * layout.inner + c
                var best = v[base]
                var bestIndex = 0
                if best == best {
                    for r in 1..<layout.length {
                        let x = v[base + r * layout.inner]
                        if x != x { bestIndex = r; break }
                        if max ? (x > best) : (x < best) { best = x; bestIndex = r }
                    }
                }
                result[o * layout.inner + c] = bestIndex
            }
        }
        return result
    }

    /// Each element as a bool: nonzero (NaN included) is true.
    private static func nonzero(_ s: Storage) -> [Bool] {
        switch s {
        case .bool(let v): return v
        case .uint8(let v): return v.map { $0 != 0 }
        case .uint16(let v): return v.map { $0 != 0 }
        case .uint32(let v): return v.map { $0 != 0 }
        case .uint64(let v): return v.map { $0 != 0 }
        case .int8(let v): return v.map { $0 != 0 }
        case .int16(let v): return v.map { $0 != 0 }
        case .int32(let v): return v.map { $0 != 0 }
        case .int64(let v): return v.map { $0 != 0 }
        case .float16(let v): return v.map { $0 != 0 }
        case .bfloat16(let v): return v.map { $0.floatValue != 0 }
        case .float32(let v): return v.map { $0 != 0 }
        case .float64(let v): return v.map { $0 != 0 }
        // XLA's any and all see a complex number's real part (JAX converts it to bool)
        case .complex64(let v): return v.map { $0.re != 0 }
        case .complex128(let v): return v.map { $0.re != 0 }
        }
    }

    private static func cast(toBool a: JaxArray) -> JaxArray {
        JaxArray(shape: a.shape, storage: .bool(nonzero(a.storage)))
    }

    /// sum / product / max / min of an arranged storage, keeping its dtype.
    private static func reduceValues(_ op: ReduceOp, _ s: Storage, _ layout: ReductionLayout,
                                     semantics: ArraySemantics) -> Storage {
        switch s {
        case .bool(let v):
            let all = op == .product || op == .min
            return .bool(ReductionLines.run(v, layout, identity: all) { acc, x in all ? (acc && x) : (acc || x) })
        case .uint8(let v): return .uint8(integerLines(op, v, layout))
        case .uint16(let v): return .uint16(integerLines(op, v, layout))
        case .uint32(let v): return .uint32(integerLines(op, v, layout))
        case .uint64(let v): return .uint64(integerLines(op, v, layout))
        case .int8(let v): return .int8(integerLines(op, v, layout))
        case .int16(let v): return .int16(integerLines(op, v, layout))
        case .int32(let v): return .int32(integerLines(op, v, layout))
        case .int64(let v): return .int64(integerLines(op, v, layout))
        case .float64(let v): return .float64(FloatReduction.lines(op, v, layout, semantics: semantics))
        case .float32(let v): return .float32(FloatReduction.lines(op, v, layout, semantics: semantics))
        case .float16(let v):
            let wide = v.map { Float($0) }
            return .float16(FloatReduction.lines(op, wide, layout, semantics: semantics).map { Float16($0) })
        case .bfloat16(let v):
            let wide = v.map(\.floatValue)
            return .bfloat16(FloatReduction.lines(op, wide, layout, semantics: semantics).map { BFloat16($0) })
        // products of at most 32 elements, in order, each element times the running product as
        // XLA's loop multiplies them (sums, max and min do not come here)
        case .complex64(let v):
            return .complex64(ReductionLines.run(v, layout, identity: Complex64(1, 0)) { acc, x in ComplexArithmetic.multiply(acc, x) })
        case .complex128(let v):
            return .complex128(ReductionLines.run(v, layout, identity: Complex128(1, 0)) { acc, x in ComplexArithmetic.multiply(acc, x) })
        }
    }

    /// The sum of a float array in XLA's / YNNPACK's or NumPy's order (float16 and bfloat16
    /// summed in float32), or nil for other dtypes.
    private static func floatSum(_ a: JaxArray, axes: [Int], semantics: ArraySemantics) -> JaxArray? {
        let outShape = a.shape.indices.filter { !axes.contains($0) }.map { a.shape[$0] }
        // XLA adds with denormals flushed (FTZ/DAZ), in its own loops and in YNNPACK's
        func sum32(_ v: [Float]) -> [Float] {
            semantics == .jax
                ? FloatEnvironment.value(flushingDenormals: true) { JaxSumOrder.sum(v, shape: a.shape, axes: axes) }
                : NumpySumOrder.sum(v, shape: a.shape, axes: axes)
        }
        let storage: Storage
        let zeros = AxisRules.product(outShape)
        switch a.storage {
        case .float32 where a.count == 0: storage = .float32(.init(repeating: 0, count: zeros))
        case .float64 where a.count == 0: storage = .float64(.init(repeating: 0, count: zeros))
        case .float16 where a.count == 0: storage = .float16(.init(repeating: 0, count: zeros))
        case .bfloat16 where a.count == 0: storage = .bfloat16(.init(repeating: BFloat16(0), count: zeros))
        case .float32(let v): storage = .float32(sum32(v))
        case .float64(let v):
            storage = .float64(semantics == .jax
                ? FloatEnvironment.value(flushingDenormals: true) { JaxSumOrder.xlaTree(v, shape: a.shape, axes: axes) }
                : NumpySumOrder.sum(v, shape: a.shape, axes: axes))
        case .float16(let v): storage = .float16(sum32(v.map { Float($0) }).map { Float16($0) })
        case .bfloat16(let v): storage = .bfloat16(sum32(v.map(\.floatValue)).map { BFloat16($0) })
        default: return nil
        }
        return JaxArray(shape: outShape, storage: storage, weakType: a.weakType)
    }

    /// `jnp.prod` of a float array: XLA's tree of windows, multiplying (half floats in float32),
    /// with denormals flushed as XLA runs.
    private static func jaxFloatProduct(_ a: JaxArray, axes: [Int]) -> JaxArray? {
        FloatEnvironment.value(flushingDenormals: true) { jaxFloatProductFlushed(a, axes: axes) }
    }

    private static func jaxFloatProductFlushed(_ a: JaxArray, axes: [Int]) -> JaxArray? {
        let outShape = a.shape.indices.filter { !axes.contains($0) }.map { a.shape[$0] }
        if a.count == 0 { return nil }
        let storage: Storage
        switch a.storage {
        case .float32(let v): storage = .float32(JaxSumOrder.xlaTree(v, shape: a.shape, axes: axes, product: true))
        case .float64(let v): storage = .float64(JaxSumOrder.xlaTree(v, shape: a.shape, axes: axes, product: true))
        case .float16(let v):
            storage = .float16(JaxSumOrder.xlaTree(v.map { Float($0) }, shape: a.shape, axes: axes, product: true).map { Float16($0) })
        case .bfloat16(let v):
            storage = .bfloat16(JaxSumOrder.xlaTree(v.map(\.floatValue), shape: a.shape, axes: axes, product: true).map { BFloat16($0) })
        default: return nil
        }
        return JaxArray(shape: outShape, storage: storage, weakType: a.weakType)
    }

    /// Integer reductions: wrapping sums and products, any order.
    private static func integerLines<T: FixedWidthInteger>(_ op: ReduceOp, _ v: [T], _ layout: ReductionLayout) -> [T] {
        switch op {
        case .sum: return integerLines(IntegerAdd<T>.self, v, layout, identity: 0)
        case .product: return integerLines(IntegerMultiply<T>.self, v, layout, identity: 1)
        case .max: return integerLines(IntegerMaximum<T>.self, v, layout, identity: T.min)
        default: return integerLines(IntegerMinimum<T>.self, v, layout, identity: T.max)
        }
    }

    /// One integer reduction; a whole large array is folded in chunks across cores (any order
    /// gives the same integer). The operation is a type so that each fold is specialised.
    private static func integerLines<Op: ElementBinaryOp>(_: Op.Type, _ v: [Op.Element], _ layout: ReductionLayout,
                                                        identity: Op.Element) -> [Op.Element] where Op.Output == Op.Element {
        let n = v.count
        guard layout.outer == 1, layout.inner == 1, n >= KernelCost.memory.parallelThreshold else {
            return ReductionLines.run(v, layout, identity: identity) { Op.apply($0, $1) }
        }
        let chunk = 1 << 16
        let parts = v.withUnsafeBufferPointer { src -> [Op.Element] in
            let line = UncheckedSendable(src)
            return BlockLoop.parallelMap(count: (n + chunk - 1) / chunk, elementsEach: chunk) { c -> Op.Element in
                var acc = identity
                for x in line.value[(c * chunk)..<min(n, (c + 1) * chunk)] { acc = Op.apply(acc, x) }
                return acc
            }
        }
        return [parts.reduce(identity) { Op.apply($0, $1) }]
    }
}

/// Where the reduced elements sit: the array viewed as (outer, length, inner) with the
/// reduced axes gathered into `length` (transposed to the end when they are not adjacent).
struct ReductionLayout {
    let outer: Int
    let length: Int
    let inner: Int
    let outputShape: [Int]
    /// The input, transposed if needed so that the layout above describes its storage.
    let arranged: JaxArray

    init(_ a: JaxArray, axes: [Int]) throws(PyException) {
        outputShape = a.shape.indices.filter { !axes.contains($0) }.map { a.shape[$0] }
        let contiguous = axes.last.map { $0 - axes[0] + 1 == axes.count } ?? true
        if contiguous, let first = axes.first, let last = axes.last {
            outer = AxisRules.product(a.shape[..<first])
            length = AxisRules.product(a.shape[first...last])
            inner = AxisRules.product(a.shape[(last + 1)...])
            arranged = a
        } else {
            let kept = a.shape.indices.filter { !axes.contains($0) }
            arranged = try Kernels.transpose(a, permutation: kept + axes)
            outer = AxisRules.product(outputShape)
            length = AxisRules.product(axes.map { a.shape[$0] })
            inner = 1
        }
    }
}

/// A plain in-order fold of every reduced line, for operations whose order does not matter.
enum ReductionLines {
    static func run<T>(_ v: [T], _ layout: ReductionLayout, identity: T, _ combine: (T, T) -> T) -> [T] {
        let inner = layout.inner
        var out = [T](repeating: identity, count: layout.outer * inner)
        v.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                if inner == 1 {
                    // contiguous lines: a tight fold per line
                    for o in 0..<layout.outer {
                        var acc = identity
                        for i in (o * layout.length)..<((o + 1) * layout.length) { acc = combine(acc, src[i]) }
                        dst[o] = acc
                    }
                    return
                }
                for o in 0..<layout.outer {
                    let base = o * layout.length * inner
                    let outBase = o * inner
                    for r in 0..<layout.length {
                        let row = base + r * inner
                        for c in 0..<inner { dst[outBase + c] = combine(dst[outBase + c], src[row + c]) }
                    }
                }
            }
        }
        return out
    }
}
