#if canImport(Glibc)
import Glibc
#endif

/// `jnp.cumsum` and `jnp.searchsorted` by binary search, staged as JAX stages
/// them (the jitted `cumsum`, `searchsorted` and `_searchsorted_scan_impl`).
extension JNP {
    /// `jnp.cumsum(a, axis, dtype)`: the jitted `cumsum`. No axis flattens first; booleans
    /// count in the default integer dtype, other dtypes in their own.
    public static func cumsum(_ ctx: JaxContext, _ a: JaxValue, axis: Int? = nil, dtype: DType? = nil) throws(PyException) -> JaxValue {
        try cumulative(ctx, "cumsum", a, axis: axis, dtype: dtype)
    }

    /// The running reductions of jax.numpy (`_cumulative_reduction`), each jitted under its
    /// name: `cumsum`, `cumprod`, and `nancumsum` / `nancumprod`, which first replace nan with
    /// the identity.
    public static func cumulative(_ ctx: JaxContext, _ name: String, _ a: JaxValue, axis: Int?, dtype: DType?) throws(PyException) -> JaxValue {
        let flatten = axis == nil || a.rank == 0
        let rank = flatten ? 1 : a.rank
        let along = try AxisRules.normalize(axis ?? 0, rank: rank)
        let product = name.hasSuffix("prod")
        return try jitted(ctx, name: name, [a], cacheKey: "\(String(describing: axis))|\(String(describing: dtype))") { args throws(PyException) -> JaxValue in
            var x = args[0]
            if flatten { x = try Lax.reshape(ctx, x, [x.aval.count]) }
            if name.hasPrefix("nan") {
                x = try `where`(ctx, try bind(ctx, .ne, [x, x]), constantLike(product ? 1 : 0, x), x)
            }
            let resultType: DType, computeType: DType
            switch dtype {
            case nil:
                resultType = x.dtype == .bool ? ctx.defaultInt : x.dtype
                computeType = resultType
            case .bool?:
                resultType = .bool
                if x.dtype != .bool { x = try Tracing.bind1(ctx, .ne, [x, constantLike(0, x)]) }
                computeType = ctx.defaultInt
            case let given?:
                resultType = ctx.canonical(given)
                computeType = resultType
            }
            x = try convert(ctx, x, to: computeType)
            let running = try Tracing.bind1(ctx, product ? .cumprod : .cumsum, [x], Params().with(.axis, along).with(.reverse, false))
            return try convert(ctx, running, to: resultType)
        }
    }

    /// `lax.cumsum(x, axis, reverse)`: the primitive itself, for numbers only.
    public static func laxCumsum(_ ctx: JaxContext, _ x: JaxValue, axis: Int, reverse: Bool) throws(PyException) -> JaxValue {
        try laxCumulative(ctx, .cumsum, x, axis: axis, reverse: reverse)
    }

    /// The lax cumulative reductions by name (`cumsum` is defined on its own).
    public static let laxCumulativeReductions: [(name: String, primitive: Primitive)] = [("cummax", .cummax), ("cummin", .cummin)]

    /// `lax.cumsum` / `cummax` / `cummin(x, axis, reverse)`: the primitive itself, for numbers only.
    public static func laxCumulative(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue, axis: Int, reverse: Bool) throws(PyException) -> JaxValue {
        guard x.dtype != .bool else {
            throw PyException.typeError("\(prim.name) does not accept dtype bool. Accepted dtypes are subtypes of number.")
        }
        guard axis >= 0 else { throw PyException.valueError("XLA operations do not allow negative axes") }
        guard axis < x.rank else {
            throw PyException.valueError("axis \(axis) is out of bounds for array of shape \(Shape.describe(x.shape))")
        }
        return try Tracing.bind1(ctx, prim, [x], Params().with(.axis, axis).with(.reverse, reverse))
    }

    /// `jnp.searchsorted(a, v, side, sorter)`: for each query the first position whose value
    /// is not below it (side='left') or above it (side='right') in the total order, as int32
    /// (int64 past 2^31 elements); `sorter` orders `a` first.
    public static func searchsorted(_ ctx: JaxContext, _ sorted: JaxValue, _ query: JaxValue, right: Bool = false,
                                    sorter: JaxValue? = nil) throws(PyException) -> JaxValue {
        guard sorted.rank == 1 else { throw PyException.valueError("a should be 1-dimensional") }
        let dtype: DType = sorted.shape[0] > Int(Int32.max) ? .int64 : .int32
        let side = right ? "right" : "left"
        return try jitted(ctx, name: "searchsorted", [sorted, query] + (sorter.map { [$0] } ?? []),
                          cacheKey: side) { args throws(PyException) -> JaxValue in
            var a = args[0]
            if args.count == 3 { a = try Lax.takeAlongAxis(ctx, a, args[2], axis: 0) }
            let pair = try promote(ctx, [a, args[1]])
            return try searchsortedScan(ctx, pair[0], pair[1], dtype: dtype, right: right)
        }
    }

    /// `_searchsorted_scan_impl`: vmapped over the query's leading axis until the query is a
    /// scalar, then a scan of ceil(log2(n + 1)) halving steps over unsigned bounds.
    private static func searchsortedScan(_ ctx: JaxContext, _ sorted: JaxValue, _ query: JaxValue, dtype: DType,
                                         right: Bool) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "_searchsorted_scan_impl", [sorted, query], cacheKey: "\(right)\(dtype)") { args throws(PyException) -> JaxValue in
            let (a, q) = (args[0], args[1])
            let n = a.shape[0]
            if n == 0 { return try broadcastInDim(ctx, constant(.int(0), dtype), shape: q.shape, dims: []) }
            if q.rank > 0 {
                let mapped = try Tracing.batch(ctx, size: q.shape[0], [a, q], [nil, 0]) { ins throws(PyException) -> [JaxValue] in
                    [try searchsortedScan(ctx, ins[0], ins[1], dtype: dtype, right: right)]
                }
                guard let (value, dim) = mapped.first else { throw PyException("RuntimeError", "searchsorted returned no value") }
                guard let dim else { return try Lax.broadcastInDim(ctx, value, shape: [q.shape[0]] + value.shape, dims: Array(1...value.rank), numpyDims: true) }
                return try Lax.moveAxis(ctx, value, from: dim, to: 0)
            }
            let unsigned: DType = dtype.itemSize == 8 ? .uint64 : .uint32
            let levels = Int(Glibc.log2(Double(n + 1)).rounded(.up))
            let bounds = [constant(.int(0), unsigned), constant(.int(Int64(n)), unsigned)]
            let carry = try ScanRules.loop(ctx, consts: [a, q], carry: bounds, length: levels, kind: right ? "searchsorted_right" : "searchsorted") { consts, state throws(PyException) -> [JaxValue] in
                let (low, high) = (state[0], state[1])
                let half = try floorDivide(ctx, try Lax.sub(ctx, high, low), .array(JaxArray.scalar(.int(2), dtype: ctx.defaultInt, weak: true)))
                let mid = try Lax.add(ctx, low, half)
                let slice = try Tracing.bind1(ctx, .dynamicSlice, [consts[0], mid], Params().with(.sliceSizes, [1]))
                let probe = try Tracing.bind1(ctx, .squeeze, [slice], Params().with(.dimensions, [0]))
                let goLeft = right ? try sortLess(ctx, consts[1], probe) : try sortLessEqual(ctx, consts[1], probe)
                return [try Lax.select(ctx, goLeft, mid, low), try Lax.select(ctx, goLeft, high, mid)]
            }
            return try convert(ctx, carry[1], to: dtype)
        }
    }

    /// lax's `_sort_le_comparator` for one key: floats are made canonical (one zero, one NaN)
    /// and compared with `le_to`.
    static func sortLessEqual(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try sortCompare(ctx, .leTo, x, y)
    }

    /// lax's `_sort_lt_comparator` for one key, with `lt_to`.
    static func sortLess(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try sortCompare(ctx, .ltTo, x, y)
    }

    private static func sortCompare(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        func canonical(_ v: JaxValue) throws(PyException) -> JaxValue {
            guard v.dtype.isFloating else { return v }
            let zero = constant(.float(0), v.dtype)
            let unsignedZero = try Lax.select(ctx, try Lax.compare(ctx, .eq, v, zero), v, try Lax.full(ctx, v, 0))
            return try Lax.select(ctx, try Lax.compare(ctx, .ne, v, v), unsignedZero, try Lax.full(ctx, unsignedZero, .nan))
        }
        return try Tracing.bind1(ctx, prim, [try canonical(x), try canonical(y)])
    }
}
