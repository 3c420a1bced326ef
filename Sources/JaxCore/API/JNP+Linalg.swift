/// `jnp.linalg`: the norms that need no matrix factorisation, staged as JAX's jitted `norm`.
extension JNP {
    /// Which norm `jnp.linalg.norm` computes: `ord=None` (2 for vectors, Frobenius for
    /// matrices), 1, inf or -inf of vectors.
    public enum NormOrder: Sendable, Equatable {
        case standard, one, infinity, negativeInfinity
    }

    /// `jnp.linalg.norm(x, ord, axis, keepdims)`.
    public static func norm(_ ctx: JaxContext, _ x: JaxValue, order: NormOrder = .standard, axes: [Int]? = nil,
                            keepdims: Bool = false) throws(PyException) -> JaxValue {
        let reduced = try normalizeAxes(axes, rank: x.rank)
        if order != .standard && reduced.count != 1 {
            throw PyException.notImplemented("jnp.linalg.norm: only ord=None, 'fro' and 2 are supported for matrices (ord=1, inf and -inf for vectors)")
        }
        return try jitted(ctx, name: "norm", [x], cacheKey: "\(order)|\(reduced)|\(keepdims)") { args throws(PyException) -> JaxValue in
            var a = args[0]
            try refuseComplex(a, "jnp.linalg.norm")
            if !a.dtype.isFloating { a = try convert(ctx, a, to: ctx.defaultFloat, weak: false) }
            switch order {
            case .standard:
                return try sqrt(ctx, try sum(ctx, try bind(ctx, .mul, [a, a]), axes: reduced, keepdims: keepdims))
            case .one:
                return try sum(ctx, try bind(ctx, .abs, [a]), axes: reduced, keepdims: keepdims)
            case .infinity, .negativeInfinity:
                // max(abs(x), initial=0) / min(abs(x), initial=inf)
                let magnitude = try bind(ctx, .abs, [a])
                let extreme = order == .infinity ? try max(ctx, magnitude, axes: reduced, keepdims: keepdims)
                    : try min(ctx, magnitude, axes: reduced, keepdims: keepdims)
                let initial = constant(.float(order == .infinity ? 0 : .infinity), a.dtype)
                return try bind(ctx, order == .infinity ? .max : .min, [initial, extreme])
            }
        }
    }
}
