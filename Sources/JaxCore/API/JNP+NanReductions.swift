/// jax.numpy's NaN-ignoring reductions (`nansum`, `nanprod`, `nanmax`, `nanmin`, `nanmean`):
/// NaNs replaced by the reduction's identity under JAX's jitted functions of the same names.
extension JNP {
    /// Which NaN-ignoring reduction.
    public enum NanReduction: String, Sendable {
        case nansum, nanprod, nanmax, nanmin, nanmean
    }

    public static func nanReduce(_ ctx: JaxContext, _ kind: NanReduction, _ a: JaxValue, axes: [Int]?,
                                 keepdims: Bool) throws(PyException) -> JaxValue {
        try refuseComplex(a, "jnp.nan reductions")
        guard a.dtype.isFloating else {
            // integers hold no NaN: JAX reduces them as they are
            switch kind {
            case .nansum: return try sum(ctx, a, axes: axes, keepdims: keepdims)
            case .nanprod: return try prod(ctx, a, axes: axes, keepdims: keepdims)
            case .nanmax: return try max(ctx, a, axes: axes, keepdims: keepdims)
            case .nanmin: return try min(ctx, a, axes: axes, keepdims: keepdims)
            case .nanmean: return try mean(ctx, a, axes: axes, keepdims: keepdims)
            }
        }
        let reduced = try normalizeAxes(axes, rank: a.rank)
        return try jitted(ctx, name: kind.rawValue, [a], cacheKey: "\(reduced)|\(keepdims)") { args throws(PyException) -> JaxValue in
            try nanBody(ctx, kind, args[0], reduced, keepdims)
        }
    }

    private static func nanBody(_ ctx: JaxContext, _ kind: NanReduction, _ x: JaxValue, _ axes: [Int], _ keepdims: Bool) throws(PyException) -> JaxValue {
        // jnp's _reduction_init_val: a NumPy scalar of the operand's dtype, not weak
        func initial(_ v: Double) -> JaxValue { .array(JaxArray.scalar(.float(v), dtype: x.dtype, weak: false)) }
        switch kind {
        case .nansum, .nanprod:
            let cleaned = try `where`(ctx, try isnan(ctx, x), initial(kind == .nansum ? 0 : 1), x)
            return kind == .nansum ? try sum(ctx, cleaned, axes: axes, keepdims: keepdims) : try prod(ctx, cleaned, axes: axes, keepdims: keepdims)
        case .nanmax, .nanmin:
            let fill = kind == .nanmax ? -Double.infinity : Double.infinity
            let cleaned = try `where`(ctx, try isnan(ctx, x), initial(fill), x)
            let extreme = kind == .nanmax ? try max(ctx, cleaned, axes: axes, keepdims: keepdims) : try min(ctx, cleaned, axes: axes, keepdims: keepdims)
            let allNan = try all(ctx, try isnan(ctx, x), axes: axes, keepdims: keepdims)
            return try `where`(ctx, allNan, initial(.nan), extreme)
        case .nanmean:
            let present = try convert(ctx, try convert(ctx, try bind(ctx, .not, [try isnan(ctx, x)]), to: ctx.defaultInt), to: x.dtype)
            let count = try sum(ctx, present, axes: axes, keepdims: keepdims)
            let total = try nanReduce(ctx, .nansum, x, axes: axes, keepdims: keepdims)
            return try bind(ctx, .div, [total, count])
        }
    }
}
