/// Reductions: sum, mean, max, min, prod, argmax, argmin, all, any, var, std.
extension JNP {
    static func reduce(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue, axes: [Int]?, keepdims: Bool,
                       showSharding: Bool) throws(PyException) -> JaxValue {
        let axes = try normalizeAxes(axes, rank: x.rank)
        var params = Params()
        params.set(.axes, axes)
        if showSharding { params.set(.outSharding, .none) }
        var out = axes.isEmpty ? x : try bind(ctx, prim, [x], params)
        if keepdims { out = try Lax.expandDims(ctx, out, axes) }
        return out
    }

    /// `jnp.sum`: booleans and small integers sum in the default integer type.
    public static func sum(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        var x = x
        if x.dtype == .bool || (x.dtype.isInteger && x.dtype.itemSize < 4) {
            x = try convert(ctx, x, to: x.dtype.kind == .unsignedInteger ? .uint32 : ctx.defaultInt, weak: x.weakType)
        }
        return try reduce(ctx, .reduceSum, x, axes: axes, keepdims: keepdims, showSharding: true)
    }

    public static func prod(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        var x = x
        if x.dtype == .bool || (x.dtype.isInteger && x.dtype.itemSize < 4) {
            x = try convert(ctx, x, to: ctx.defaultInt, weak: x.weakType)
        }
        return try reduce(ctx, .reduceProd, x, axes: axes, keepdims: keepdims, showSharding: true)
    }

    public static func max(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        try checkNonEmpty(x, axes, "maximum")
        return try reduce(ctx, .reduceMax, x, axes: axes, keepdims: keepdims, showSharding: false)
    }

    public static func min(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        try checkNonEmpty(x, axes, "minimum")
        return try reduce(ctx, .reduceMin, x, axes: axes, keepdims: keepdims, showSharding: false)
    }

    public static func all(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        try reduce(ctx, .reduceAnd, try convert(ctx, x, to: .bool), axes: axes, keepdims: keepdims, showSharding: false)
    }

    public static func any(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        try reduce(ctx, .reduceOr, try convert(ctx, x, to: .bool), axes: axes, keepdims: keepdims, showSharding: false)
    }

    private static func checkNonEmpty(_ x: JaxValue, _ axes: [Int]?, _ name: String) throws(PyException) {
        let reduced = (try? normalizeAxes(axes, rank: x.rank)) ?? []
        if reduced.contains(where: { x.shape[$0] == 0 }) {
            throw PyException.valueError("zero-size array to reduction operation \(name) which has no identity")
        }
    }

    /// `jnp.mean`: reduce_sum, then div by the element count (integers become float first).
    public static func mean(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        var x = x
        if !x.dtype.isInexact { x = try convert(ctx, x, to: ctx.defaultFloat, weak: x.weakType) }
        let reduced = try normalizeAxes(axes, rank: x.rank)
        let n = reduced.reduce(1) { $0 &* x.shape[$1] }
        let total = try sum(ctx, x, axes: reduced, keepdims: keepdims)
        // jnp.mean is compiled even when called eagerly, so XLA divides by the constant count
        // as a multiply by its reciprocal; the hidden flag keeps that through every interpreter.
        var params = Params()
        params.set(.reciprocal, true, shown: false)
        return try bind(ctx, .div, [total, constantLike(Double(n), x)], params)
    }

    /// `jnp.var` with `ddof`: JAX's `_var`, a jitted function of the array and ddof (a nested
    /// `jit[name=_var]` in printed jaxprs), NaN where the normalizer is not positive.
    public static func variance(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, ddof: Int = 0, keepdims: Bool = false) throws(PyException) -> JaxValue {
        let reduced = try normalizeAxes(axes, rank: x.rank)
        if let fused = eagerVariance(ctx, x, reduced, ddof: ddof, keepdims: keepdims) { return .array(fused) }
        let ddofValue = JaxValue.array(JaxArray.scalar(.int(Int64(ddof)), dtype: ctx.defaultInt, weak: true))
        return try jitted(ctx, name: "_var", [x, ddofValue]) { a throws(PyException) in
            try varianceBody(ctx, a[0], a[1], reduced, keepdims)
        }
    }

    /// The variance of a concrete 1-D float32 array outside any transformation, computed by
    /// the fused kernel in two passes (`FusedEager.variance`); nil where the compiled `_var`
    /// runs instead.
    private static func eagerVariance(_ ctx: JaxContext, _ x: JaxValue, _ reduced: [Int], ddof: Int, keepdims: Bool) -> JaxArray? {
        guard ctx.traceState.stack.isEmpty, let a = x.concrete, !a.weakType, reduced == [0],
              let value = FusedEager.variance(a, ddof: ddof) else { return nil }
        return JaxArray(shape: keepdims ? [1] : [], storage: .float32([value]))
    }

    private static func varianceBody(_ ctx: JaxContext, _ x: JaxValue, _ ddof: JaxValue, _ reduced: [Int], _ keepdims: Bool) throws(PyException) -> JaxValue {
        var x = x
        if !x.dtype.isInexact { x = try convert(ctx, x, to: ctx.defaultFloat, weak: false) }
        let n = reduced.reduce(1) { $0 &* x.shape[$1] }
        if x.dtype == .complex128 && (30...32).contains(n) {
            // measured: XLA sums these squared magnitudes in an order not reproduced yet
            throw ComplexKernels.unsupported("jnp.var of 30 to 32 complex128 elements")
        }
        let centered = try subtract(ctx, x, try mean(ctx, x, axes: reduced, keepdims: true))
        // a complex array's squared magnitudes are JAX's `real(c * conj(c))`, summed as reals
        let squares = x.dtype.isComplex
            ? try Lax.unary(ctx, .real, try bind(ctx, .mul, [centered, try Lax.conj(ctx, centered)]))
            : try square(ctx, centered)
        let normalizer = try bind(ctx, .sub, [constantLike(Double(n), squares), try convert(ctx, ddof, to: squares.dtype, weak: false)])
        let total = try sum(ctx, squares, axes: reduced, keepdims: keepdims)
        let result = try bind(ctx, .div, [total, normalizer])
        let positive = try greater(ctx, normalizer, .array(JaxArray.scalar(.int(0), dtype: .int32, weak: true)))
        return try `where`(ctx, positive, result, .array(JaxArray.scalar(.float(.nan), dtype: squares.dtype, weak: true)))
    }

    /// `jnp.std`: the square root of `_var`, itself jitted as `_std`.
    public static func std(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, ddof: Int = 0, keepdims: Bool = false) throws(PyException) -> JaxValue {
        let ddofValue = JaxValue.array(JaxArray.scalar(.int(Int64(ddof)), dtype: ctx.defaultInt, weak: true))
        let reduced = try normalizeAxes(axes, rank: x.rank)
        if let fused = eagerVariance(ctx, x, reduced, ddof: ddof, keepdims: keepdims) {
            return .array(try Kernels.unary(.sqrt, fused, semantics: .jax))
        }
        return try jitted(ctx, name: "_std", [x, ddofValue]) { a throws(PyException) in
            let v = try jitted(ctx, name: "_var", [a[0], a[1]]) { b throws(PyException) in
                try varianceBody(ctx, b[0], b[1], reduced, keepdims)
            }
            return try sqrt(ctx, v)
        }
    }

    /// `jnp.argmax` / `jnp.argmin`; without an axis the array is flattened first.
    public static func argmax(_ ctx: JaxContext, _ x: JaxValue, axis: Int? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        try argReduce(ctx, .argmax, x, axis: axis, keepdims: keepdims)
    }

    public static func argmin(_ ctx: JaxContext, _ x: JaxValue, axis: Int? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        try argReduce(ctx, .argmin, x, axis: axis, keepdims: keepdims)
    }

    private static func argReduce(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue, axis: Int?, keepdims: Bool) throws(PyException) -> JaxValue {
        var operand = x
        var a = 0
        if let axis { a = try AxisRules.normalize(axis, rank: x.rank) } else { operand = try ravel(ctx, x) }
        if operand.shape.isEmpty || operand.shape[a] == 0 {
            throw PyException.valueError("attempt to get \(prim.name) of an empty sequence")
        }
        var params = Params()
        params.set(.axes, [a])
        params.set(.indexDType, ctx.defaultInt)
        let out = try bind(ctx, prim, [operand], params)
        if keepdims { return try Lax.expandDims(ctx, out, axis == nil ? Array(0..<x.rank) : [a]) }
        return out
    }
}
