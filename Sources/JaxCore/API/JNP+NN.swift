/// jax.nn functions and a few jax.numpy conveniences built from the primitives.
extension JNP {
    /// `jnp.max(x, axis, initial=-inf, keepdims=True)` as jax.nn stages it: the reduction,
    /// a max with -inf, and the reduced axes put back.
    private static func shiftFor(_ ctx: JaxContext, _ x: JaxValue, _ axes: [Int]) throws(PyException) -> JaxValue {
        let reduced = try max(ctx, x, axes: axes)
        let peak = try bind(ctx, .max, [constant(.float(-Double.infinity), x.dtype), reduced])
        let kept = (0..<x.rank).filter { !axes.contains($0) }
        return try Lax.broadcastInDim(ctx, peak, shape: x.shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }, dims: kept)
    }

    /// The axes jax.nn's functions reduce over: one, several, or all (None).
    private static func nnAxes(_ axes: [Int]?, rank: Int) throws(PyException) -> [Int] {
        try normalizeAxes(axes, rank: rank)
    }

    /// The operand of jax.nn's functions, promoted to a float dtype.
    private static func floating(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try refuseComplex(x, "jax.nn")
        return x.dtype.isFloating ? x : try convert(ctx, x, to: ctx.defaultFloat, weak: x.weakType)
    }

    /// `jax.nn.softmax(x, axis)`: exp of the input shifted by its (gradient-stopped) max, over
    /// its sum.
    public static func softmax(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]?) throws(PyException) -> JaxValue {
        let x = try floating(ctx, x)
        let a = try nnAxes(axes, rank: x.rank)
        let unnormalized = try exp(ctx, try bind(ctx, .sub, [x, try stopGradient(ctx, try shiftFor(ctx, x, a))]))
        return try divide(ctx, unnormalized, try sum(ctx, unnormalized, axes: a, keepdims: true))
    }

    /// `jax.nn.log_softmax(x, axis)`: JAX's jitted `log_softmax`.
    public static func logSoftmax(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]?) throws(PyException) -> JaxValue {
        let x = try floating(ctx, x)
        let a = try nnAxes(axes, rank: x.rank)
        return try jitted(ctx, name: "log_softmax", [x], cacheKey: "\(a)") { args throws(PyException) -> JaxValue in
            let shifted = try bind(ctx, .sub, [args[0], try stopGradient(ctx, try shiftFor(ctx, args[0], a))])
            let total = try log(ctx, try sum(ctx, try exp(ctx, shifted), axes: a, keepdims: true))
            return try bind(ctx, .sub, [shifted, total])
        }
    }

    /// `jax.nn.logsumexp` / `jax.scipy.special.logsumexp(a, axis, keepdims)`: the max is taken
    /// out (zero where it is not finite), the rest summed in exp space.
    public static func logsumexp(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]? = nil, keepdims: Bool = false) throws(PyException) -> JaxValue {
        let x = try floating(ctx, x)
        let a = try nnAxes(axes, rank: x.rank)
        let kept = (0..<x.rank).filter { !a.contains($0) }
        let keptShape = x.shape.enumerated().map { a.contains($0.offset) ? 1 : $0.element }
        // jnp.max(x, axis, keepdims, initial=-inf)
        var peak = try bind(ctx, .max, [constant(.float(-Double.infinity), x.dtype), try max(ctx, x, axes: a)])
        if keepdims { peak = try Lax.broadcastInDim(ctx, peak, shape: keptShape, dims: kept) }
        let finite = try bind(ctx, .isFinite, [peak])
        let safe = try stopGradient(ctx, try Lax.select(ctx, finite, try Lax.full(ctx, peak.shape, .float(0), dtype: x.dtype), peak))
        let withDims = keepdims ? safe : try Lax.broadcastInDim(ctx, safe, shape: keptShape, dims: kept)
        let total = try sum(ctx, try exp(ctx, try bind(ctx, .sub, [x, withDims])), axes: a, keepdims: keepdims)
        _ = try bind(ctx, .sign, [total])
        return try bind(ctx, .add, [try log(ctx, try bind(ctx, .abs, [total])), safe])
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
}

extension JNP {
    /// `jax.nn.one_hot(x, num_classes, dtype, axis)`: x compared with an iota of the classes
    /// along a new axis, inside `jit[name=_one_hot]` as JAX stages it.
    public static func oneHot(_ ctx: JaxContext, _ x: JaxValue, numClasses: Int, dtype: DType, axis: Int) throws(PyException) -> JaxValue {
        let position = try AxisRules.normalize(axis, rank: x.rank + 1)
        guard numClasses >= 0 else { throw PyException.valueError("num_classes must be nonnegative, got \(numClasses)") }
        let target = ctx.canonical(dtype)
        return try jitted(ctx, name: "_one_hot", [x], cacheKey: "\(numClasses)|\(target.name)|\(position)") { args throws(PyException) -> JaxValue in
            let lhs = try Lax.expandDims(ctx, args[0], [position])
            var shape = Array(repeating: 1, count: args[0].rank)
            shape.insert(numClasses, at: position)
            let classes = try Lax.iota(ctx, args[0].dtype, shape: shape, dimension: position)
            return try Lax.convert(ctx, try Lax.compare(ctx, .eq, lhs, classes), to: target)
        }
    }
}
