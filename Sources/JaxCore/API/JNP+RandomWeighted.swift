/// The traced form of `jax.random.choice` with probabilities `p`, built as JAX builds it: a
/// binary search of `cumsum(p)` with replacement, the Gumbel top-k trick without.
extension RandomOps {
    /// The drawn positions (default int dtype) for weights `p` over `inputs` candidates.
    static func weightedIndices(_ ctx: JaxContext, _ keys: JaxValue, p: JaxValue, inputs: Int, draws: Int, shape: [Int],
                                replace: Bool) throws(PyException) -> JaxValue {
        // promote_dtypes_inexact
        let weights = p.dtype.isFloating ? p : try JNP.convert(ctx, p, to: ctx.defaultFloat, weak: p.weakType)
        guard weights.shape == [inputs] else {
            throw PyException.valueError(
                "p must be None or a 1D vector with the same size as a.shape[axis]. p has shape \(Shape.describe(weights.shape)) and a.shape[axis] is \(inputs).")
        }
        let indices: JaxValue
        if replace {
            let running = try JNP.cumsum(ctx, weights)
            let total = try JNP.getItem(ctx, running, [.int(-1)])
            let weakZero = JaxValue.array(JaxArray.scalar(.float(0), dtype: ctx.defaultFloat, weak: true))
            let weakOne = JaxValue.array(JaxArray.scalar(.float(1), dtype: ctx.defaultFloat, weak: true))
            let u = try uniform(ctx, keys, shape: shape, dtype: weights.dtype, minval: weakZero, maxval: weakOne)
            let oneInt = JaxValue.array(JaxArray.scalar(.int(1), dtype: ctx.defaultInt, weak: true))
            let targets = try JNP.multiply(ctx, total, try JNP.subtract(ctx, oneInt, u))
            indices = try JNP.searchsorted(ctx, running, targets)
        } else {
            let scores = try JNP.add(ctx, try gumbel(ctx, keys, shape: [inputs], dtype: weights.dtype), try JNP.log(ctx, weights))
            let top = try Tracing.bind(ctx, .topK, [scores], Params().with(.axis, 0).with(.k, draws))
            indices = top[1]
        }
        return try JNP.astype(ctx, indices, ctx.defaultInt)
    }

    /// `_gumbel(key, shape, dtype)` in its default mode: `-log(-log(u))` for `u` uniform on
    /// [tiny, 1), where `tiny` is the dtype's smallest normal number.
    static func gumbel(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try JNP.jitted(ctx, name: "_gumbel", [keys], cacheKey: "\(shape)\(dtype)") { args throws(PyException) -> JaxValue in
            guard let key = args.first else { throw PyException.typeError("_gumbel takes a key") }
            // `_uniform(key, minval=tiny, maxval=1.)`: jit orders keyword arguments by name
            let maxval = JaxValue.array(JaxArray.scalar(.float(1), dtype: ctx.defaultFloat, weak: true))
            let minval = JNP.constant(.float(dtype.smallestNormal), dtype)
            let u = try JNP.jitted(ctx, name: "_uniform", [key, maxval, minval], cacheKey: "keywords\(shape)\(dtype)") { inner throws(PyException) -> JaxValue in
                try uniformBody(ctx, [inner[0], inner[2], inner[1]], shape: shape, dtype: dtype)
            }
            let inner = try Lax.neg(ctx, try Lax.unary(ctx, .log, u))
            return try Lax.neg(ctx, try Lax.unary(ctx, .log, inner))
        }
    }
}
