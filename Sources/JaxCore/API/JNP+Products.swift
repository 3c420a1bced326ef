/// jax.numpy's products beyond `matmul`/`dot`: `outer`, `inner` and `tensordot`, each one
/// broadcast multiply or one `dot_general` as JAX stages it.
extension JNP {
    /// `jnp.outer(a, b)`: the flattened a as a column times the flattened b as a row.
    public static func outer(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        let x = try ravel(ctx, a), y = try ravel(ctx, b)
        let column = try Lax.broadcastInDim(ctx, x, shape: [x.shape[0], 1], dims: [0])
        let row = try Lax.broadcastInDim(ctx, y, shape: [1, y.shape[0]], dims: [1])
        return try multiply(ctx, column, row)
    }

    /// `jnp.inner(a, b)`: the last axes of a and b contracted (a product when either is 0-d).
    public static func inner(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        if a.rank == 0 || b.rank == 0 { return try multiply(ctx, a, b) }
        let pair = try promote(ctx, [a, b])
        return try checkedDot(ctx, pair[0], pair[1], contracting: ([a.rank - 1], [b.rank - 1]))
    }

    /// `jnp.tensordot(a, b, axes)` with `axes` a count (a's last n against b's first n) or a
    /// pair of axis lists.
    public static func tensordot(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, count: Int) throws(PyException) -> JaxValue {
        guard count >= 0 else { throw PyException.valueError("tensordot requires axes to be a non-negative integer, got \(count).") }
        guard count <= a.rank, count <= b.rank else {
            throw PyException.typeError("Number of tensordot axes (axes \(count)) exceeds input ranks (\(a.rank) and \(b.rank))")
        }
        return try tensordot(ctx, a, b, axes: (Array((a.rank - count)..<a.rank), Array(0..<count)))
    }

    public static func tensordot(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, axes: ([Int], [Int])) throws(PyException) -> JaxValue {
        guard axes.0.count == axes.1.count else {
            throw PyException.typeError("tensordot requires axes lists to have equal length, got \(Shape.describe(axes.0)) and \(Shape.describe(axes.1)).")
        }
        let left = try axes.0.map { (i: Int) throws(PyException) in try AxisRules.normalize(i, rank: a.rank) }
        let right = try axes.1.map { (i: Int) throws(PyException) in try AxisRules.normalize(i, rank: b.rank) }
        let pair = try promote(ctx, [a, b])
        return try checkedDot(ctx, pair[0], pair[1], contracting: (left, right))
    }

    /// One dot_general without batch axes, with lax's error for contracted axes that differ.
    private static func checkedDot(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, contracting: ([Int], [Int])) throws(PyException) -> JaxValue {
        for (l, r) in zip(contracting.0, contracting.1) where a.shape[l] != b.shape[r] {
            throw PyException.typeError("dot_general requires contracting dimensions to have the same shape, got \(Shape.describe(contracting.0.map { a.shape[$0] })) and \(Shape.describe(contracting.1.map { b.shape[$0] })).")
        }
        return try dotGeneral(ctx, a, b, contracting: contracting, batch: ([], []))
    }
}
