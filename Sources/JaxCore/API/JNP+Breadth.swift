/// More of `jax.numpy`'s everyday functions, each staged as JAX stages it: axis moves,
/// `atleast_Nd` and the stacks built on them, counting and range reductions, angle and
/// logarithm conversions, `reciprocal` and `trunc`.
extension JNP {
    /// `jnp.moveaxis(a, source, destination)`: one transpose (none when nothing moves).
    public static func moveaxis(_ ctx: JaxContext, _ a: JaxValue, source: [Int], destination: [Int]) throws(PyException) -> JaxValue {
        guard source.count == destination.count else {
            throw PyException.valueError("Inconsistent number of elements: \(source.count) vs \(destination.count)")
        }
        var from: [Int] = [], to: [Int] = []
        for s in source { from.append(try AxisRules.normalize(s, rank: a.rank)) }
        for d in destination { to.append(try AxisRules.normalize(d, rank: a.rank)) }
        guard Set(from).count == from.count, Set(to).count == to.count else {
            throw PyException.valueError("repeated axis in `\(Set(from).count != from.count ? "source" : "destination")` argument")
        }
        var perm = (0..<a.rank).filter { !from.contains($0) }
        for (d, s) in zip(to, from).sorted(by: { $0.0 < $1.0 }) { perm.insert(s, at: d) }
        return perm == Array(0..<a.rank) ? a : try Lax.transpose(ctx, a, perm)
    }

    /// `jnp.swapaxes(a, axis1, axis2)`.
    public static func swapaxes(_ ctx: JaxContext, _ a: JaxValue, _ axis1: Int, _ axis2: Int) throws(PyException) -> JaxValue {
        let i = try AxisRules.normalize(axis1, rank: a.rank), j = try AxisRules.normalize(axis2, rank: a.rank)
        var perm = Array(0..<a.rank)
        perm.swapAt(i, j)
        return i == j ? a : try Lax.transpose(ctx, a, perm)
    }

    /// `jnp.atleast_1d`/`atleast_2d`/`atleast_3d`, each JAX's jitted function: leading axes
    /// added (for 3-D, lax's expand_dims: a vector becomes (1, n, 1), a matrix gains a
    /// trailing axis).
    public static func atleast(_ ctx: JaxContext, _ a: JaxValue, rank: Int) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "atleast_\(rank)d", [a], cacheKey: "") { args throws(PyException) -> JaxValue in
            let x = args[0]
            guard rank == 3 else { return try atLeastRank(ctx, x, rank) }
            switch x.rank {
            case 0: return try Lax.broadcastInDim(ctx, x, shape: [1, 1, 1], dims: [])
            case 1: return try Lax.broadcastInDim(ctx, x, shape: [1, x.shape[0], 1], dims: [1])
            case 2: return try Lax.broadcastInDim(ctx, x, shape: x.shape + [1], dims: [0, 1])
            default: return x
            }
        }
    }

    /// `jnp.vstack` (rows of at-least-2-D pieces) and `jnp.hstack` (at-least-1-D pieces joined
    /// along their second axis, or their first when they are vectors).
    public static func stack(_ ctx: JaxContext, _ xs: [JaxValue], vertical: Bool) throws(PyException) -> JaxValue {
        guard !xs.isEmpty else { throw PyException.valueError("need at least one array to concatenate") }
        var parts: [JaxValue] = []
        for x in xs { parts.append(try atleast(ctx, x, rank: vertical ? 2 : 1)) }
        return try concatenate(ctx, parts, axis: vertical || parts[0].rank == 1 ? 0 : 1)
    }

    /// `jnp.count_nonzero(a, axis, keepdims)`: JAX's jitted `count_nonzero`.
    public static func countNonzero(_ ctx: JaxContext, _ a: JaxValue, axes: [Int]?, keepdims: Bool) throws(PyException) -> JaxValue {
        let reduced = try normalizeAxes(axes, rank: a.rank)
        return try jitted(ctx, name: "count_nonzero", [a], cacheKey: "\(reduced)|\(keepdims)") { args throws(PyException) -> JaxValue in
            let x = args[0]
            let nonzero = try bind(ctx, .ne, [x, Lax.const(x, 0)])
            return try sum(ctx, try convert(ctx, nonzero, to: ctx.defaultInt), axes: reduced, keepdims: keepdims)
        }
    }

    /// `jnp.ptp(a, axis, keepdims)`: JAX's jitted `_ptp`, max minus min.
    public static func ptp(_ ctx: JaxContext, _ a: JaxValue, axes: [Int]?, keepdims: Bool) throws(PyException) -> JaxValue {
        let reduced = try normalizeAxes(axes, rank: a.rank)
        return try jitted(ctx, name: "_ptp", [a], cacheKey: "\(reduced)|\(keepdims)") { args throws(PyException) -> JaxValue in
            let x = args[0]
            return try bind(ctx, .sub, [try max(ctx, x, axes: reduced, keepdims: keepdims), try min(ctx, x, axes: reduced, keepdims: keepdims)])
        }
    }

    /// `jnp.deg2rad` (`radians`) and `jnp.rad2deg` (`degrees`): one product with pi/180 or 180/pi.
    public static func angleScale(_ ctx: JaxContext, _ x: JaxValue, toRadians: Bool) throws(PyException) -> JaxValue {
        let y = try inexact(ctx, x)
        return try bind(ctx, .mul, [y, Lax.const(y, toRadians ? Double.pi / 180 : 180 / Double.pi)])
    }

    /// `jnp.log2` (`log(x) / log(2)`) and `jnp.log10` (`log(x) * (1 / log(10))`).
    public static func logBase(_ ctx: JaxContext, _ x: JaxValue, base: Int) throws(PyException) -> JaxValue {
        let y = try inexact(ctx, x)
        let logs = try bind(ctx, .log, [y])
        if base == 2 { return try bind(ctx, .div, [logs, try bind(ctx, .log, [constant(.float(2), y.dtype)])]) }
        return try bind(ctx, .mul, [logs, constant(.float(0.4342944819032518), y.dtype)])
    }

    /// `jnp.reciprocal`: `integer_pow(x, -1)` in a float dtype.
    public static func reciprocal(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try Lax.integerPow(ctx, try inexact(ctx, x), -1)
    }

    /// `jnp.trunc`: JAX's jitted `trunc`, `where(x < 0, ceil(x), floor(x))`; integers as they are.
    public static func trunc(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        guard x.dtype.isFloating else { return x }
        return try jitted(ctx, name: "trunc", [x], cacheKey: "") { args throws(PyException) -> JaxValue in
            let a = args[0]
            let negative = try bind(ctx, .lt, [a, Lax.const(a, 0)])
            return try `where`(ctx, negative, try bind(ctx, .ceil, [a]), try bind(ctx, .floor, [a]))
        }
    }

    /// `jnp.average(a, axis, keepdims=...)` without weights: the mean.
    public static func average(_ ctx: JaxContext, _ a: JaxValue, axes: [Int]?, keepdims: Bool) throws(PyException) -> JaxValue {
        try mean(ctx, try inexact(ctx, a), axes: axes, keepdims: keepdims)
    }
}
