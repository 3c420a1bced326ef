/// `jnp.divmod` and `jnp.unravel_index`, which divides its flat indices by each axis size in
/// turn, as JAX does (not jitted as a whole).
extension JNP {
    /// `divmod(x1, x2)`: JAX's jitted pair of floor_divide and remainder.
    public static func divmod(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue) throws(PyException) -> (JaxValue, JaxValue) {
        let outs = try jittedMany(ctx, name: "divmod", [x1, x2], cacheKey: "") { args throws(PyException) -> [JaxValue] in
            var ins = try promote(ctx, [args[0].dtype == .bool ? try convert(ctx, args[0], to: ctx.defaultInt, weak: args[0].weakType) : args[0], args[1]])
            ins = try promoteShapes(ctx, "divmod", ins)
            if ins[0].dtype.isInteger { return [try floorDivide(ctx, ins[0], ins[1]), try remainder(ctx, ins[0], ins[1])] }
            let pair = try floatDivmod(ctx, ins[0], ins[1])
            return [pair.quotient, pair.remainder]
        }
        guard outs.count == 2 else { throw PyException("RuntimeError", "divmod returned \(outs.count) values") }
        return (outs[0], outs[1])
    }

    /// `unravel_index(indices, shape)`: the coordinates of flat indices in an array of
    /// `shape`; out-of-range indices are clipped to the first or last element.
    public static func unravelIndex(_ ctx: JaxContext, _ indices: JaxValue, shape: [Int]) throws(PyException) -> [JaxValue] {
        var rest = indices
        var coordinates = [JaxValue](repeating: indices, count: shape.count)
        for (i, size) in shape.enumerated().reversed() {
            (rest, coordinates[i]) = try divmod(ctx, rest, weakInt(ctx, size))
        }
        let above = try greater(ctx, rest, weakInt(ctx, 0))
        let below = rest.dtype.kind == .unsignedInteger ? JaxValue.array(JaxArray.scalar(.bool(false), dtype: .bool))
            : try less(ctx, rest, weakInt(ctx, -1))
        var out: [JaxValue] = []
        for (size, c) in zip(shape, coordinates) {
            out.append(try `where`(ctx, above, weakInt(ctx, size - 1), try `where`(ctx, below, weakInt(ctx, 0), c)))
        }
        return out
    }
}
