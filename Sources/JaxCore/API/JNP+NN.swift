/// jax.nn functions and a few jax.numpy conveniences built from the primitives.
extension JNP {
    /// `jax.nn.softmax(x, axis)`: exp of the max-shifted input over its sum.
    public static func softmax(_ ctx: JaxContext, _ x: JaxValue, axis: Int = -1) throws(PyException) -> JaxValue {
        let a = try AxisRules.normalize(axis, rank: x.rank)
        let shift = try stopGradient(ctx, try max(ctx, x, axes: [a], keepdims: true))
        let unnormalized = try exp(ctx, try subtract(ctx, x, shift))
        return try divide(ctx, unnormalized, try sum(ctx, unnormalized, axes: [a], keepdims: true))
    }

    /// `jax.nn.log_softmax(x, axis)`.
    public static func logSoftmax(_ ctx: JaxContext, _ x: JaxValue, axis: Int = -1) throws(PyException) -> JaxValue {
        let a = try AxisRules.normalize(axis, rank: x.rank)
        let shifted = try subtract(ctx, x, try stopGradient(ctx, try max(ctx, x, axes: [a], keepdims: true)))
        let total = try log(ctx, try sum(ctx, try exp(ctx, shifted), axes: [a], keepdims: true))
        return try subtract(ctx, shifted, total)
    }

    /// `jax.nn.logsumexp` / `jax.scipy.special.logsumexp`.
    public static func logsumexp(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        let reduced = try normalizeAxes(axes, rank: x.rank)
        let peak = try max(ctx, x, axes: reduced, keepdims: true)
        let finite = try equal(ctx, try subtract(ctx, peak, peak), constantLike(0, peak))
        let safe = try stopGradient(ctx, try `where`(ctx, finite, peak, constantLike(0, peak)))
        let total = try log(ctx, try sum(ctx, try exp(ctx, try subtract(ctx, x, safe)), axes: reduced, keepdims: true))
        let out = try add(ctx, total, safe)
        return keepdims ? out : try squeeze(ctx, out, reduced)
    }

    /// `jnp.outer(a, b)`: the flattened a as a column times the flattened b as a row.
    public static func outer(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        let column = try getItem(ctx, try ravel(ctx, a), [.slice(start: nil, stop: nil, step: nil), .newAxis])
        return try multiply(ctx, column, try ravel(ctx, b))
    }
}

extension JNP {
    /// `jax.nn.one_hot(labels, n)`: labels compared with an iota along a new last axis, as
    /// JAX's jitted `_one_hot` does.
    public static func oneHot(_ ctx: JaxContext, _ labels: JaxValue, _ n: Int, dtype: DType? = nil) throws(PyException) -> JaxValue {
        guard n >= 0 else { throw PyException.valueError("num_classes must be non-negative, got \(n)") }
        let target = ctx.canonical(dtype ?? ctx.defaultFloat)
        return try jitted(ctx, name: "_one_hot", [labels]) { a throws(PyException) in
            let x = a[0]
            let column = try broadcastInDim(ctx, x, shape: x.shape + [1], dims: Array(0..<x.rank))
            var params = Params()
            params.set(.dimension, x.rank)
            params.set(.dtype, x.dtype)
            params.set(.shape, Array(repeating: 1, count: x.rank) + [n])
            params.set(.sharding, .none)
            let classes = try Tracing.bind1(ctx, .iota, [], params)
            return try convert(ctx, try bind(ctx, .eq, [column, classes]), to: target, weak: false)
        }
    }

    /// `jnp.linalg.norm(x)` of a vector or (flattened Frobenius) matrix: JAX's jitted `norm`.
    public static func norm(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        var x = x
        if !x.dtype.isFloating { x = try convert(ctx, x, to: ctx.defaultFloat, weak: false) }
        return try jitted(ctx, name: "norm", [x]) { a throws(PyException) in
            try sqrt(ctx, try sum(ctx, try multiply(ctx, a[0], a[0])))
        }
    }
}
