/// `jnp.trapezoid`: JAX's jitted trapezoidal rule, with its fast path for an even spacing.
extension JNP {
    /// `trapezoid(y, x, dx, axis)`: the integral of y along axis; the samples at `x`, else
    /// `dx` apart (`dx` is an argument of the jitted function only when given).
    public static func trapezoid(_ ctx: JaxContext, _ y: JaxValue, x: JaxValue?, dx: JaxValue?, axis: Int) throws(PyException) -> JaxValue {
        let operands = [y] + [x, dx].compactMap { $0 }
        return try jitted(ctx, name: "trapezoid", operands, cacheKey: "\(axis)|\(x != nil)|\(dx != nil)") { args throws(PyException) -> JaxValue in
            var rest = args.dropFirst().makeIterator()
            let points = x == nil ? nil : rest.next()
            let spacing = dx == nil ? nil : rest.next()
            var values: JaxValue, widths: JaxValue
            if let points {
                let pair = try promoteDTypesInexact(ctx, [args[0], points])
                values = pair[0]
                widths = pair[1].rank == 1 ? try diff(ctx, pair[1], n: 1, axis: -1)
                    : try moveaxis(ctx, try diff(ctx, pair[1], n: 1, axis: axis), source: [axis], destination: [-1])
            } else {
                values = try promoteDTypesInexact(ctx, [args[0]])[0]
                widths = spacing ?? .array(JaxArray.scalar(.float(1), dtype: ctx.defaultFloat, weak: true))
                if widths.rank > 0 {
                    widths = try Lax.expandDims(ctx, widths, Array(0..<(values.rank - widths.rank)))
                    widths = try moveaxis(ctx, widths, source: [axis], destination: [-1])
                }
            }
            values = try moveaxis(ctx, values, source: [axis], destination: [-1])
            let all = JNPIndex.item(.ellipsis)
            let half = JaxValue.array(JaxArray.scalar(.float(0.5), dtype: ctx.defaultFloat, weak: true))
            if widths.rank == 0 || widths.shape.last == 1 {
                let width = widths.rank == 0 ? widths : try getItem(ctx, widths, [all, .item(.int(0))])
                let total = try sum(ctx, values, axes: [-1])
                let ends = try add(ctx, try getItem(ctx, values, [all, .item(.int(0))]), try getItem(ctx, values, [all, .item(.int(-1))]))
                return try multiply(ctx, width, try subtract(ctx, total, try multiply(ctx, half, ends)))
            }
            let pairs = try add(ctx, try getItem(ctx, values, [all, .item(.slice(start: 1, stop: nil, step: nil))]),
                                try getItem(ctx, values, [all, .item(.slice(start: nil, stop: -1, step: nil))]))
            return try multiply(ctx, half, try sum(ctx, try multiply(ctx, widths, pairs), axes: [-1]))
        }
    }
}
