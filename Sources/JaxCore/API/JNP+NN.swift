/// jax.nn functions and a few jax.numpy conveniences built from the primitives.
extension JNP {
    /// `jax.nn.softmax(x, axis)`: exp of the max-shifted input over its sum.
    public static func softmax(_ ctx: JaxContext, _ x: JaxValue, axis: Int = -1) throws(PyException) -> JaxValue {
        let a = try normalizeAxis(axis, rank: x.rank)
        let shift = try stopGradient(ctx, try max(ctx, x, axes: [a], keepdims: true))
        let unnormalized = try exp(ctx, try subtract(ctx, x, shift))
        return try divide(ctx, unnormalized, try sum(ctx, unnormalized, axes: [a], keepdims: true))
    }

    /// `jax.nn.log_softmax(x, axis)`.
    public static func logSoftmax(_ ctx: JaxContext, _ x: JaxValue, axis: Int = -1) throws(PyException) -> JaxValue {
        let a = try normalizeAxis(axis, rank: x.rank)
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
