/// `jnp.cov` and `jnp.corrcoef` without weights, jitted as JAX's are: the variables as rows
/// (`rowvar`), their means subtracted, the products of the centred rows divided by n - ddof.
extension JNP {
    /// `cov(m, y, rowvar, bias, ddof, dtype)`.
    public static func cov(_ ctx: JaxContext, _ m: JaxValue, _ y: JaxValue?, rowvar: Bool, bias: Bool, ddof: Int?,
                           dtype: DType?) throws(PyException) -> JaxValue {
        let key = "\(y != nil)|\(rowvar)|\(bias)|\(String(describing: ddof))|\(String(describing: dtype))"
        return try jitted(ctx, name: "cov", [m] + (y.map { [$0] } ?? []), cacheKey: key) { args throws(PyException) -> JaxValue in
            let ins = try promoteInexact(ctx, "cov", args)
            if ins.count == 2, ins[1].rank > 2 { throw PyException.valueError("y has more than 2 dimensions") }
            let first = ins[0]
            if first.rank > 2 { throw PyException.valueError("m has more than 2 dimensions") }
            var x = try atleast(ctx, first, rank: 2)
            if !rowvar && first.rank != 1 { x = try transpose(ctx, x) }
            if x.shape[0] == 0 { return try Lax.full(ctx, [0, 0], .float(0), dtype: ctx.defaultFloat) }
            if ins.count == 2 {
                var other = try atleast(ctx, ins[1], rank: 2)
                if !rowvar && other.shape[0] != 1 { other = try transpose(ctx, other) }
                x = try concatenate(ctx, [x, other], axis: 0)
            }
            let samples = x.shape[1]
            if samples == 0 {
                let rows = x.shape[0]
                return try Lax.full(ctx, rows == 1 ? [] : [rows, rows], .float(.nan), dtype: x.dtype)
            }
            let correction = ddof ?? (bias ? 0 : 1)
            if let dtype { x = try astype(ctx, x, dtype) }
            // average(X, axis=1, returned=True): the mean, and the weight sums JAX builds
            // (and indexes) even though only their count is used
            let average = try mean(ctx, x, axes: [1])
            let sums = try Lax.broadcastInDim(ctx, Lax.constant(.float(Double(samples)), average.dtype), shape: average.shape, dims: [])
            _ = try getItem(ctx, sums, [.item(.int(0))])
            let centred = try subtract(ctx, x, try getItem(ctx, average, [.item(.slice(start: nil, stop: nil, step: nil)), .item(.newAxis)]))
            let product = try dot(ctx, centred, try conj(ctx, try transpose(ctx, centred)))
            let scaled = try divide(ctx, product, weakInt(ctx, samples - correction))
            return try squeeze(ctx, scaled)
        }
    }

    /// `corrcoef(x, y, rowvar, dtype)`: the covariances divided by both standard deviations,
    /// clipped to [-1, 1].
    public static func corrcoef(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue?, rowvar: Bool, dtype: DType?) throws(PyException) -> JaxValue {
        let key = "\(y != nil)|\(rowvar)|\(String(describing: dtype))"
        return try jitted(ctx, name: "corrcoef", [x] + (y.map { [$0] } ?? []), cacheKey: key) { args throws(PyException) -> JaxValue in
            let c = try cov(ctx, args[0], args.count == 2 ? args[1] : nil, rowvar: rowvar, bias: false, ddof: nil, dtype: dtype)
            if c.rank == 0 { return try divide(ctx, c, c) }
            let stddev = try astype(ctx, try sqrt(ctx, try real(ctx, try diag(ctx, c, k: 0))), c.dtype)
            let all = JNPIndex.item(.slice(start: nil, stop: nil, step: nil)), new = JNPIndex.item(.newAxis)
            let scaled = try divide(ctx, try divide(ctx, c, try getItem(ctx, stddev, [all, new])), try getItem(ctx, stddev, [new, all]))
            return try clip(ctx, try real(ctx, scaled), weakInt(ctx, -1), weakInt(ctx, 1))
        }
    }
}
