/// `jnp.interp`: JAX's jitted `_interp` (its `left`, `right` and `period` arguments traced
/// when given as numbers), piecewise-linear between the sample points found by searchsorted.
extension JNP {
    /// What `interp` gives outside the sample points on one side.
    public enum InterpEdge {
        /// The first (last) sample's value.
        case edgeValue
        /// The line through the first (last) two samples continued.
        case extrapolate
        /// The given value.
        case value(JaxValue)
    }

    /// `interp(x, xp, fp, left, right, period)`.
    public static func interp(_ ctx: JaxContext, _ x: JaxValue, _ xp: JaxValue, _ fp: JaxValue, left: InterpEdge, right: InterpEdge,
                              period: JaxValue?) throws(PyException) -> JaxValue {
        guard xp.shape == fp.shape, xp.rank == 1 else { throw PyException.valueError("xp and fp must be one-dimensional arrays of equal size") }
        var args = [x, xp, fp]
        for edge in [left, right] { if case .value(let v) = edge { args.append(v) } }
        if let period { args.append(period) }
        let key = [left, right].map { edge -> String in
            switch edge {
            case .edgeValue: "none"
            case .extrapolate: "extrapolate"
            case .value: "value"
            }
        }.joined(separator: "|") + "|\(period != nil)"
        return try jitted(ctx, name: "_interp", args, cacheKey: key) { ins throws(PyException) -> JaxValue in
            let pair = try promoteDTypesInexact(ctx, [ins[0], ins[1]])
            var (xs, points) = (pair[0], pair[1])
            var values = try promoteDTypesInexact(ctx, [ins[2]])[0]
            if xs.dtype.isComplex { throw PyException.valueError("jnp.interp: complex x values not supported.") }
            var rest = ins.dropFirst(3).makeIterator()
            let leftValue: JaxValue? = if case .value = left { rest.next() } else { nil }
            let rightValue: JaxValue? = if case .value = right { rest.next() } else { nil }
            let wrapped = period == nil ? nil : rest.next()
            if let wrapped {
                guard wrapped.rank == 0 else { throw PyException.valueError("period must be a scalar; got \(wrapped.aval.short)") }
                let p = try bind(ctx, .abs, [wrapped])
                xs = try remainder(ctx, xs, p)
                points = try remainder(ctx, points, p)
                let sorted = try Tracing.bind(ctx, .sort, [points, values], Params().with(.dimension, 0).with(.isStable, true).with(.numKeys, 1))
                (points, values) = (sorted[0], sorted[1])
                let last = JNPIndex.item(.slice(start: -1, stop: nil, step: nil)), first = JNPIndex.item(.slice(start: nil, stop: 1, step: nil))
                points = try concatenate(ctx, [try subtract(ctx, try getItem(ctx, points, [last]), p), points,
                                               try add(ctx, try getItem(ctx, points, [first]), p)])
                values = try concatenate(ctx, [try getItem(ctx, values, [last]), values, try getItem(ctx, values, [first])])
            }
            let n = points.shape[0]
            let found = try searchsorted(ctx, points, xs, right: true)
            let i = try clip(ctx, found, weakInt(ctx, 1), weakInt(ctx, n - 1))
            func previous() throws(PyException) -> [JNPIndex] { [.value(try subtract(ctx, i, weakInt(ctx, 1)))] }
            let df = try subtract(ctx, try getItem(ctx, values, [.value(i)]), try getItem(ctx, values, try previous()))
            let dx = try subtract(ctx, try getItem(ctx, points, [.value(i)]), try getItem(ctx, points, try previous()))
            let delta = try subtract(ctx, xs, try getItem(ctx, points, try previous()))
            // numpy's spacing(finfo(dtype).eps): a strong scalar of the points' dtype
            let epsilon = Lax.constant(.float(points.dtype.epsilon * points.dtype.epsilon), points.dtype)
            let flat = try lessEqual(ctx, try bind(ctx, .abs, [dx]), epsilon)
            // in Python's order of evaluation: fp[i - 1], then fp[i - 1] + (delta / ...) * df
            let start = try getItem(ctx, values, try previous())
            let base = try getItem(ctx, values, try previous())
            let slope = try divide(ctx, delta, try `where`(ctx, flat, weakInt(ctx, 1), dx))
            var f = try `where`(ctx, flat, start, try add(ctx, base, try multiply(ctx, slope, df)))
            for (isLeft, side, given) in [(true, left, leftValue), (false, right, rightValue)] {
                if case .extrapolate = side { continue }
                let end = JNPIndex.item(.int(isLeft ? 0 : -1))
                let edge: JaxValue
                if let given { edge = given } else { edge = try getItem(ctx, values, [end]) }
                guard wrapped == nil else { continue }
                let bound = try getItem(ctx, points, [end])
                let outside = isLeft ? try less(ctx, xs, bound) : try greater(ctx, xs, bound)
                f = try `where`(ctx, outside, edge, f)
            }
            return f
        }
    }
}
