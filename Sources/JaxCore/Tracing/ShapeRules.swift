/// The abstract-evaluation rule of every primitive: result shapes and dtypes from operand
/// shapes, dtypes and parameters, with JAX's errors for operands that do not fit.
enum ShapeRules {
    static func outAvals(_ prim: Primitive, _ ins: [ShapedArray], _ params: Params) throws(PyException) -> [ShapedArray] {
        try RandomRules.checkKeyOperands(prim, ins)
        switch prim {
        case .add, .sub, .mul, .div, .rem, .pow, .max, .min, .atan2, .and, .or, .xor, .addAny, .nextafter:
            return [try elementwise(prim, ins)]
        case .eq, .ne, .lt, .le, .gt, .ge, .leTo:
            return [try elementwise(prim, ins).with(dtype: .bool, weakType: false)]
        case .neg, .exp, .log, .log1p, .expm1, .sin, .cos, .tan, .tanh, .atan, .sqrt, .rsqrt, .abs, .sign,
             .logistic, .erf, .erfInv, .floor, .ceil, .round, .not, .integerPow, .square, .stopGradient:
            return [try one(ins)]
        case .selectN:
            guard ins.count >= 2 else { throw PyException.typeError("select_n requires at least one case") }
            return [ins[1].with(weakType: ins.dropFirst().allSatisfy(\.weakType))]
        case .convertElementType:
            let x = try one(ins)
            return [x.with(dtype: params.dtype("new_dtype") ?? x.dtype, weakType: params.bool("weak_type"))]
        case .broadcastInDim:
            let x = try one(ins)
            return [x.with(shape: params.ints("shape"))]
        case .reshape:
            return [try one(ins).with(shape: params.ints("new_sizes"))]
        case .squeeze:
            let x = try one(ins)
            let dims = Set(params.ints("dimensions"))
            return [x.with(shape: x.shape.enumerated().filter { !dims.contains($0.offset) }.map(\.element))]
        case .transpose:
            let x = try one(ins)
            let perm = params.ints("permutation")
            var shape: [Int] = []
            for p in perm where p >= 0 && p < x.rank { shape.append(x.shape[p]) }
            return [x.with(shape: shape)]
        case .reduceSum, .reduceMax, .reduceMin, .reduceProd, .reduceAnd, .reduceOr:
            let x = try one(ins)
            let axes = Set(params.ints("axes"))
            return [x.with(shape: x.shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element))]
        case .argmax, .argmin:
            let x = try one(ins)
            let axes = Set(params.ints("axes"))
            return [ShapedArray(shape: x.shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element),
                                dtype: params.dtype("index_dtype") ?? .int32)]
        case .dotGeneral:
            return [try dotGeneral(ins, params)]
        case .concatenate:
            guard let first = ins.first else { throw PyException.valueError("Need at least one array to concatenate.") }
            let axis = params.int("dimension")
            var shape = first.shape
            if axis < shape.count {
                var total = 0
                for x in ins where x.shape.count > axis {
                    let (sum, overflow) = total.addingReportingOverflow(x.shape[axis])
                    if overflow { throw PyException.memoryError("concatenated shape along axis \(axis) is too large to allocate") }
                    total = sum
                }
                shape[axis] = total
                _ = try Shape.checkedCount(shape, itemSize: first.dtype.itemSize)
            }
            return [first.with(shape: shape, weakType: ins.allSatisfy(\.weakType))]
        case .stack:
            guard let first = ins.first else { throw PyException.valueError("Need at least one array to stack.") }
            var shape = first.shape
            shape.insert(ins.count, at: min(params.int("axis"), shape.count))
            return [first.with(shape: shape, weakType: ins.allSatisfy(\.weakType))]
        case .iota:
            return [ShapedArray(shape: params.ints("shape"), dtype: params.dtype("dtype") ?? .int32)]
        case .slice:
            let x = try one(ins)
            let start = params.ints("start_indices"), limit = params.ints("limit_indices")
            let strides = params.ints("strides")
            var shape: [Int] = []
            for i in 0..<min(start.count, limit.count) {
                let step = i < strides.count ? max(strides[i], 1) : 1
                let span = limit[i] &- start[i]
                shape.append(span <= 0 ? 0 : (span - 1) / step + 1)
            }
            return [x.with(shape: shape)]
        case .rev:
            return [try one(ins)]
        case .dynamicSlice:
            guard let x = ins.first else { throw PyException.typeError("dynamic_slice needs an operand") }
            return [x.with(shape: params.ints("slice_sizes"))]
        case .dynamicUpdateSlice:
            guard let x = ins.first else { throw PyException.typeError("dynamic_update_slice needs an operand") }
            return [x]
        case .gather:
            guard let x = ins.first else { throw PyException.typeError("gather needs an operand") }
            if let dims = SliceGather.dimensions(params), ins.count == 2 {
                return [try SliceGather.outAval(x, ins[1], dims, sliceSizes: params.ints("slice_sizes"))]
            }
            guard case .shapes(let s)? = params["result_shape"], let shape = s.first else { return [x] }
            return [x.with(shape: shape)]
        case .scatter, .scatterAdd, .scatterMul, .scatterMin, .scatterMax:
            guard let x = ins.first else { throw PyException.typeError("scatter needs an operand") }
            return [x]
        case .pad:
            let x = try one(ins)
            let config = params.padding
            var shape: [Int] = []
            for (i, n) in x.shape.enumerated() where i < config.count {
                shape.append(config[i].low + config[i].high + n + Swift.max(n - 1, 0) * config[i].interior)
            }
            return [x.with(shape: shape)]
        case .sort:
            guard let first = ins.first else { throw PyException.typeError("sort requires at least one operand") }
            guard ins.allSatisfy({ $0.shape == first.shape }) else {
                throw PyException.typeError("sort arguments must have the same shape, got \(ins.map { Shape.describe($0.shape) }.joined(separator: ", "))")
            }
            return ins
        case .jit:
            guard let inner = params.jaxpr("jaxpr") else { return [] }
            return inner.jaxpr.outAvals
        case .scan:
            return try ScanRules.outAvals(params)
        case .customJvpCall:
            return try CustomJVPRules.body(params).jaxpr.outAvals
        case .cumsum:
            return [try one(ins)]
        case .topK:
            return try topK(try one(ins), params)
        case .randomSeed, .randomWrap, .randomUnwrap, .randomBits, .randomSplit, .randomFoldIn,
             .shiftRightLogical, .bitcastConvertType:
            return try RandomRules.outAvals(prim, ins, params)
        }
    }

    /// The `k` largest along `axis`: the values and their int32 positions.
    static func topK(_ x: ShapedArray, _ params: Params) throws(PyException) -> [ShapedArray] {
        let k = params.int("k"), axis = params.int("axis")
        guard k >= 0 else { throw PyException.valueError("k argument to top_k must be nonnegative, got \(k)") }
        guard x.rank > 0 else { throw PyException.typeError("top_k operand must have >= 1 dimension, got ()") }
        guard axis >= 0 && axis < x.rank else {
            throw PyException.valueError("axis argument out of range: axis=\(axis) for operand.shape=\(Shape.describe(x.shape))")
        }
        guard x.shape[axis] >= k else {
            throw PyException.valueError("k argument to top_k must be no larger than size along axis; got k=\(k) with shape=[\(x.shape.map(String.init).joined(separator: ", "))] and axis=\(axis)")
        }
        var shape = x.shape
        shape[axis] = k
        return [x.with(shape: shape), ShapedArray(shape: shape, dtype: .int32)]
    }

    private static func one(_ ins: [ShapedArray]) throws(PyException) -> ShapedArray {
        guard let x = ins.first else { throw PyException.typeError("primitive called with no operands") }
        return x
    }

    /// lax's rule: equal ranks with size-1 dimensions stretching, or rank-0 operands.
    static func elementwise(_ prim: Primitive, _ ins: [ShapedArray]) throws(PyException) -> ShapedArray {
        guard let first = ins.first else { throw PyException.typeError("\(prim.name) called with no operands") }
        var shape: [Int] = []
        var rank = -1
        for x in ins where !x.shape.isEmpty {
            if rank == -1 {
                rank = x.rank
                shape = x.shape
                continue
            }
            guard x.rank == rank else {
                throw PyException.typeError("\(prim.name) got arrays of different rank: \(ins.map { Shape.describe($0.shape) }.joined(separator: ", ")).")
            }
            for i in 0..<rank where shape[i] != x.shape[i] {
                if shape[i] == 1 { shape[i] = x.shape[i] } else if x.shape[i] != 1 {
                    throw PyException.typeError("\(prim.name) got incompatible shapes for broadcasting: \(ins.map { Shape.describe($0.shape) }.joined(separator: ", ")).")
                }
            }
        }
        let dtype = ins.first(where: { !$0.weakType })?.dtype ?? first.dtype
        return ShapedArray(shape: shape, dtype: dtype, weakType: ins.allSatisfy(\.weakType))
    }

    static func dotGeneral(_ ins: [ShapedArray], _ params: Params) throws(PyException) -> ShapedArray {
        guard ins.count == 2, case .dimensionNumbers(let c, let b)? = params["dimension_numbers"] else {
            throw PyException.typeError("dot_general needs two operands")
        }
        let lhs = ins[0], rhs = ins[1]
        for (l, r) in zip(c.0, c.1) where l < lhs.rank && r < rhs.rank && lhs.shape[l] != rhs.shape[r] {
            throw PyException.typeError("dot_general requires contracting dimensions to have the same shape, got \(Shape.describe([lhs.shape[l]])) and \(Shape.describe([rhs.shape[r]])).")
        }
        var shape: [Int] = b.0.compactMap { $0 < lhs.rank ? lhs.shape[$0] : nil }
        for i in 0..<lhs.rank where !c.0.contains(i) && !b.0.contains(i) { shape.append(lhs.shape[i]) }
        for i in 0..<rhs.rank where !c.1.contains(i) && !b.1.contains(i) { shape.append(rhs.shape[i]) }
        let dtype = params.dtype("preferred_element_type") ?? lhs.dtype
        return ShapedArray(shape: shape, dtype: dtype, weakType: lhs.weakType && rhs.weakType)
    }
}
