/// `jnp.quantile`, `jnp.percentile` and `jnp.median`, jitted as JAX's are: the array sorted
/// along the axis (any nan makes the whole line nan), the two neighbouring order statistics
/// gathered at floor and ceil of q * (n - 1) and combined by the method.
extension JNP {
    /// How a quantile between two order statistics is chosen.
    public enum QuantileMethod: String, Sendable {
        case linear, lower, higher, midpoint, nearest
    }

    /// Where a quantile is taken: over everything, one axis or several.
    public enum QuantileAxis: Sendable, CustomStringConvertible {
        case all
        case one(Int)
        case several([Int])

        public var description: String {
            switch self {
            case .all: "None"
            case .one(let a): "\(a)"
            case .several(let axes): "\(axes)"
            }
        }
    }

    /// `jnp.quantile(a, q, axis, method, keepdims)`; q is a scalar or a vector of quantiles,
    /// whose axis leads the result. With `ignoringNaN` it is `nanquantile`: nan values are
    /// left out of each line.
    public static func quantile(_ ctx: JaxContext, _ a: JaxValue, _ q: JaxValue, axis: QuantileAxis, method: QuantileMethod,
                                keepdims: Bool, ignoringNaN: Bool = false) throws(PyException) -> JaxValue {
        try jitted(ctx, name: ignoringNaN ? "nanquantile" : "quantile", [a, q], cacheKey: "\(axis)|\(method)|\(keepdims)") { args throws(PyException) -> JaxValue in
            try quantileBody(ctx, args[0], args[1], axis: axis, method: method, keepdims: keepdims, ignoringNaN: ignoringNaN)
        }
    }

    /// `jnp.percentile` (`nanpercentile`): `quantile(a, q / 100)`, q promoted to a float first.
    public static func percentile(_ ctx: JaxContext, _ a: JaxValue, _ q: JaxValue, axis: QuantileAxis, method: QuantileMethod,
                                  keepdims: Bool, ignoringNaN: Bool = false) throws(PyException) -> JaxValue {
        try jitted(ctx, name: ignoringNaN ? "nanpercentile" : "percentile", [a, q], cacheKey: "\(axis)|\(method)|\(keepdims)") { args throws(PyException) -> JaxValue in
            let fraction = try promoteDTypesInexact(ctx, [args[1]])[0]
            let scaled = try divide(ctx, fraction, .array(JaxArray.scalar(.int(100), dtype: ctx.defaultInt, weak: true)))
            return try quantile(ctx, args[0], scaled, axis: axis, method: method, keepdims: keepdims, ignoringNaN: ignoringNaN)
        }
    }

    /// `jnp.median` (`nanmedian`): the midpoint quantile at 0.5.
    public static func median(_ ctx: JaxContext, _ a: JaxValue, axis: QuantileAxis, keepdims: Bool, ignoringNaN: Bool = false) throws(PyException) -> JaxValue {
        try jitted(ctx, name: ignoringNaN ? "nanmedian" : "median", [a], cacheKey: "\(axis)|\(keepdims)") { args throws(PyException) -> JaxValue in
            let half = JaxValue.array(JaxArray.scalar(.float(0.5), dtype: ctx.defaultFloat, weak: true))
            return try quantile(ctx, args[0], half, axis: axis, method: .midpoint, keepdims: keepdims, ignoringNaN: ignoringNaN)
        }
    }

    /// JAX's `_quantile` without weights.
    private static func quantileBody(_ ctx: JaxContext, _ input: JaxValue, _ q: JaxValue, axis: QuantileAxis, method: QuantileMethod,
                                     keepdims: Bool, ignoringNaN: Bool) throws(PyException) -> JaxValue {
        var a = try promoteDTypesInexact(ctx, [input])[0]
        if a.dtype.isComplex {
            throw PyException.valueError("quantile does not support complex input, as the operation is poorly defined.")
        }
        var keptShape: [Int] = []
        let along: Int
        switch axis {
        case .all:
            if keepdims { keptShape = Array(repeating: 1, count: a.rank) }
            a = try reshape(ctx, a, [a.aval.count])
            along = 0
        case .one(let k):
            along = try AxisRules.normalize(k, rank: a.rank)
        case .several(let given):
            let rank = a.rank
            var axes: [Int] = []
            for k in given { axes.append(try AxisRules.normalize(k, rank: rank)) }
            if Set(axes).count != axes.count { throw PyException.valueError("repeated axis") }
            keptShape = a.shape
            for k in axes { keptShape[k] = 1 }
            // the kept axes first (swapped into place one by one, as JAX builds the permutation)
            var perm = Array(0..<rank)
            for (i, s) in (0..<rank).filter({ !axes.contains($0) }).enumerated() { perm.swapAt(i, s) }
            let untouched = (0..<rank).filter { !axes.contains($0) }.map { a.shape[$0] }
            let touched = axes.sorted().map { a.shape[$0] }.reduce(1, *)
            a = try Lax.reshape(ctx, a, untouched + [touched], dimensions: perm)
            along = a.rank - 1
        }
        guard q.rank <= 1 else { throw PyException.valueError("q must be have rank <= 1, got shape \(Shape.describe(q.shape))") }
        let shape = a.shape
        let qRank = q.rank
        let lowValue: JaxValue, highValue: JaxValue, lw: JaxValue, hw: JaxValue
        if ignoringNaN {
            let statistics = try nanOrderStatistics(ctx, a, q, along: along, keepdims: keepdims)
            lowValue = statistics.low
            highValue = statistics.high
            lw = statistics.lowWeight
            hw = statistics.highWeight
        } else {
            let anyNaN = try any(ctx, try bind(ctx, .ne, [a, a]), axes: [along], keepdims: true)
            let nan = JaxValue.array(JaxArray.scalar(.float(.nan), dtype: ctx.defaultFloat, weak: true))
            a = try Tracing.bind(ctx, .sort, [try `where`(ctx, anyNaN, nan, a)], sortParams(along, stable: true))[0]
            // n - 1, staged each time it is used, as JAX's `n - 1` is
            let n = Lax.constant(.float(Double(shape[along])), q.dtype)
            func last() throws(PyException) -> JaxValue { try Lax.sub(ctx, n, Lax.const(n, 1)) }
            let position = try Lax.mul(ctx, q, try last())
            var low = try bind(ctx, .floor, [position]), high = try bind(ctx, .ceil, [position])
            let highWeight = try Lax.sub(ctx, position, low)
            let lowWeight = try Lax.sub(ctx, Lax.const(highWeight, 1), highWeight)
            low = try bind(ctx, .clamp, [Lax.const(low, 0), low, try last()])
            high = try bind(ctx, .clamp, [Lax.const(high, 0), high, try last()])
            low = try convert(ctx, low, to: ctx.defaultInt)
            high = try convert(ctx, high, to: ctx.defaultInt)
            let dims = GatherDimensions(offsetDims: Array(qRank ..< (keepdims ? shape.count + qRank : shape.count + qRank - 1)),
                                        collapsedSliceDims: keepdims ? [] : [along], startIndexMap: [along])
            var sizes = shape
            sizes[along] = 1
            func gathered(_ i: JaxValue) throws(PyException) -> JaxValue {
                let column = try Lax.broadcastInDim(ctx, i, shape: i.shape + [1], dims: Array(0..<i.rank))
                return try Lax.gather(ctx, a, column, dims, sliceSizes: sizes, sortedUnique: false, mode: .promiseInBounds)
            }
            lowValue = try gathered(low)
            highValue = try gathered(high)
            // a vector of quantiles: the weights broadcast along the gathered values' leading axis
            lw = qRank == 1 ? try Lax.broadcastInDim(ctx, lowWeight, shape: lowValue.shape, dims: [0]) : lowWeight
            hw = qRank == 1 ? try Lax.broadcastInDim(ctx, highWeight, shape: highValue.shape, dims: [0]) : highWeight
        }
        var result: JaxValue
        switch method {
        case .linear:
            let lowPart = try Lax.mul(ctx, try astype(ctx, lowValue, q.dtype), lw)
            let highPart = try Lax.mul(ctx, try astype(ctx, highValue, q.dtype), hw)
            // XLA fuses the second product when the weights vary with every element (a vector
            // of quantiles of a line, or nan-ignoring counts), the first when they are
            // broadcast (measured)
            let elementwise = ignoringNaN || (qRank == 1 && lowValue.rank == 1)
            result = try Tracing.bind1(ctx, .add, [lowPart, highPart], Params().with(.fusesSecondProduct, elementwise, shown: false))
        case .lower: result = lowValue
        case .higher: result = highValue
        case .nearest:
            result = try Lax.select(ctx, try bind(ctx, .le, [hw, Lax.const(hw, 0.5)]), highValue, lowValue)
        case .midpoint:
            result = try Lax.mul(ctx, try Lax.add(ctx, lowValue, highValue), Lax.const(lowValue, 0.5))
        }
        if keepdims && !keptShape.isEmpty {
            result = try reshape(ctx, result, (qRank > 0 ? [q.shape[0]] : []) + keptShape)
        }
        return try convert(ctx, result, to: a.dtype)
    }

    /// `_quantile`'s order statistics when nan values are left out: nan sorted last, each
    /// line's count of numbers, and the two neighbours read by indexing with iotas.
    private static func nanOrderStatistics(_ ctx: JaxContext, _ input: JaxValue, _ q: JaxValue, along: Int,
                                           keepdims: Bool) throws(PyException) -> (low: JaxValue, high: JaxValue, lowWeight: JaxValue, highWeight: JaxValue) {
        let nan = JaxValue.array(JaxArray.scalar(.float(.nan), dtype: ctx.defaultFloat, weak: true))
        let a = try Tracing.bind(ctx, .sort, [try `where`(ctx, try bind(ctx, .ne, [input, input]), nan, input)], sortParams(along, stable: true))[0]
        let numbers = try bind(ctx, .not, [try bind(ctx, .ne, [a, a])])
        var counts = try sum(ctx, try convert(ctx, try convert(ctx, numbers, to: ctx.defaultInt), to: q.dtype), axes: [along], keepdims: keepdims)
        let reduced = counts.shape
        let qRank = q.rank
        let spread = try Lax.expandDims(ctx, q, Array(qRank ..< (reduced.count + qRank)))
        counts = try Lax.expandDims(ctx, counts, Array(0..<qRank))
        let position = try Lax.mul(ctx, spread, try Lax.sub(ctx, counts, Lax.const(spread, 1)))
        var low = try bind(ctx, .floor, [position]), high = try bind(ctx, .ceil, [position])
        let highWeight = try Lax.sub(ctx, position, low)
        let lowWeight = try Lax.sub(ctx, Lax.const(highWeight, 1), highWeight)
        let one = JaxValue.array(JaxArray.scalar(.int(1), dtype: ctx.defaultInt, weak: true))
        low = try bind(ctx, .max, [Lax.const(low, 0), try bind(ctx, .min, [low, try subtract(ctx, counts, one)])])
        high = try bind(ctx, .max, [Lax.const(high, 0), try bind(ctx, .min, [high, try subtract(ctx, counts, one)])])
        low = try convert(ctx, low, to: ctx.defaultInt)
        high = try convert(ctx, high, to: ctx.defaultInt)
        let outShape = q.shape + reduced
        var index: [JNPIndex] = []
        for d in 0..<reduced.count { index.append(.value(try Lax.iota(ctx, ctx.defaultInt, shape: outShape, dimension: d + qRank))) }
        if keepdims { index[along] = .value(low) } else { index.insert(.value(low), at: along) }
        let lowValue = try getItem(ctx, a, index)
        index[along] = .value(high)
        return (lowValue, try getItem(ctx, a, index), lowWeight, highWeight)
    }
}
