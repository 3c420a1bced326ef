#if canImport(Glibc)
import Glibc
#endif

/// The traced forms of `jax.random.permutation`, `choice` and `truncated_normal`, built from
/// the same primitives and jitted helpers as JAX (`_shuffle`, `_randint`, `_truncated_normal`).
extension RandomOps {
    /// truncated_normal's shape check, which runs before any primitive sees the shape.
    public static func checkNonNegative(_ shape: [Int]) throws(PyException) {
        if shape.contains(where: { $0 < 0 }) {
            throw PyException.typeError("Only non-negative indices are allowed when broadcasting static shapes, but got shape \(Shape.describe(shape)).")
        }
    }

    /// `_shuffle(key, x, axis)`: rounds of stable sorts of `x` by fresh 32-bit random keys, as
    /// many as make a tie between any two elements unlikely.
    static func shuffle(_ ctx: JaxContext, _ key: JaxValue, _ x: JaxValue, axis: Int) throws(PyException) -> JaxValue {
        try JNP.jitted(ctx, name: "_shuffle", [key, x], cacheKey: "\(axis)") { args throws(PyException) -> JaxValue in
            guard args.count == 2 else { throw PyException.typeError("_shuffle takes a key and an array") }
            var key = args[0], x = args[1]
            let rounds = Int((3 * Glibc.log(Double(Swift.max(1, x.aval.count))) / Glibc.log(Double(UInt32.max))).rounded(.up))
            for _ in 0..<rounds {
                let pair = try Tracing.bind1(ctx, .randomSplit, [key], Params().with(.shape, [2]))
                key = try JNP.iterationItem(ctx, pair, 0)
                let sortKeys = try rawBits(ctx, try JNP.iterationItem(ctx, pair, 1), shape: x.shape, bitWidth: 32)
                let params = Params().with(.dimension, axis).with(.isStable, true).with(.numKeys, 1)
                let sorted = try Tracing.bind(ctx, .sort, [sortKeys, x], params)
                x = sorted[1]
            }
            return x
        }
    }

    /// `jax.random.permutation(key, n)`: a shuffled `arange(n)`.
    public static func permutation(_ ctx: JaxContext, _ keys: JaxValue, count n: Int) throws(PyException) -> JaxValue {
        try single(keys, "permutation")
        let range = try JNP.arange(ctx, start: .int(Int64(Swift.max(n, 0))), stop: nil)
        return try shuffle(ctx, keys, range, axis: 0)
    }

    /// `jax.random.permutation(key, x, axis, independent)` of an array: a 1-D array (or each
    /// lane, when independent) is shuffled itself; otherwise a shuffled index picks slices.
    public static func permutation(_ ctx: JaxContext, _ keys: JaxValue, array x: JaxValue, axis: Int,
                                   independent: Bool) throws(PyException) -> JaxValue {
        try single(keys, "permutation")
        guard x.rank > 0 else { throw PyException.typeError("x must be an integer or at least 1-dimensional") }
        let axis = try AxisRules.normalize(axis, rank: x.rank)
        if independent || x.rank == 1 { return try shuffle(ctx, keys, x, axis: axis) }
        let order = try permutation(ctx, keys, count: x.shape[axis])
        return try JNP.take(ctx, x, order, axis: axis, uniqueIndices: true)
    }

    /// `jax.random.choice(key, a, shape, replace, p)`. Without `p`: `randint` indices with
    /// replacement, the front of a permutation without. With `p`: a search of the running
    /// sum of `p` with replacement, the Gumbel top-k trick without.
    public static func choice(_ ctx: JaxContext, _ keys: JaxValue, count: Int?, array: JaxValue?, shape: [Int],
                              replace: Bool, p: JaxValue? = nil, axis: Int) throws(PyException) -> JaxValue {
        try single(keys, "choice")
        try checkShape(shape)
        let axis = try array.map { (a: JaxValue) throws(PyException) -> Int in try AxisRules.normalize(axis, rank: a.rank) } ?? 0
        let inputs: Int
        if let array {
            inputs = array.shape[axis]
        } else {
            inputs = count ?? 0
        }
        let draws = shape.reduce(1, &*)
        let resultShape = array.map { Array($0.shape[..<axis]) + shape + Array($0.shape[(axis + 1)...]) } ?? shape
        if draws == 0 { return try JNP.zeros(ctx, resultShape, dtype: array?.dtype ?? ctx.defaultInt) }
        guard inputs > 0 else { throw PyException.valueError("a must be greater than 0 unless no samples are taken") }
        if !replace && draws > inputs {
            throw PyException.valueError("Cannot take a larger sample (size \(draws)) than population (size \(inputs)) when 'replace=False'")
        }
        let result: JaxValue
        if let p {
            let indices = try weightedIndices(ctx, keys, p: p, inputs: inputs, draws: draws, shape: shape, replace: replace)
            result = try array.map { (a: JaxValue) throws(PyException) -> JaxValue in try JNP.take(ctx, a, indices, axis: axis) } ?? indices
        } else if replace {
            let bound = { (v: Int) -> JaxValue in .array(JaxArray.scalar(.int(Int64(v)), dtype: ctx.defaultInt, weak: true)) }
            let indices = try randint(ctx, keys, shape: shape, minval: bound(0), maxval: bound(inputs), dtype: ctx.defaultInt)
            result = try array.map { (a: JaxValue) throws(PyException) -> JaxValue in try JNP.take(ctx, a, indices, axis: axis) } ?? indices
        } else {
            let shuffled: JaxValue
            if let array {
                shuffled = try permutation(ctx, keys, array: array, axis: axis, independent: false)
            } else {
                shuffled = try permutation(ctx, keys, count: inputs)
            }
            let whole = IndexItem.slice(start: nil, stop: nil, step: nil)
            result = try JNP.getItem(ctx, shuffled, Array(repeating: whole, count: axis) + [.slice(start: nil, stop: draws, step: nil)])
        }
        return try JNP.reshape(ctx, result, resultShape)
    }

    /// `jax.random.truncated_normal(key, lower, upper, shape, dtype)`: the jitted
    /// `_truncated_normal`, `sqrt(2) * erf_inv(u)` for `u` uniform between the bounds' erf
    /// values, clipped inside the open interval.
    public static func truncatedNormal(_ ctx: JaxContext, _ keys: JaxValue, lower: JaxValue, upper: JaxValue,
                                       shape: [Int]?, dtype: DType) throws(PyException) -> JaxValue {
        try single(keys, "truncated_normal")
        try requireFloat(dtype, "truncated_normal")
        let sampleShape: [Int]
        if let shape {
            try checkNonNegative(shape)
            if try Kernels.broadcastShapes([shape, lower.shape, upper.shape]) != shape {
                throw PyException.valueError("truncated_normal parameter shapes must be broadcast-compatible with shape argument, and the result of broadcasting the shapes must equal the shape argument, but got result \(Shape.describe(try Kernels.broadcastShapes([shape, lower.shape, upper.shape]))) for shape argument \(Shape.describe(shape)).")
            }
            sampleShape = shape
        } else {
            sampleShape = try Kernels.broadcastShapes([lower.shape, upper.shape])
        }
        return try JNP.jitted(ctx, name: "_truncated_normal", [keys, lower, upper], cacheKey: "\(sampleShape)\(dtype)") {
            args throws(PyException) -> JaxValue in
            guard args.count == 3 else { throw PyException.typeError("_truncated_normal takes a key and two bounds") }
            let sqrt2 = JNP.constant(.float(2.0.squareRoot()), dtype)
            let lo = try JNP.convert(ctx, args[1], to: dtype, weak: false)
            let hi = try JNP.convert(ctx, args[2], to: dtype, weak: false)
            let a = try Lax.unary(ctx, .erf, try Lax.div(ctx, lo, sqrt2))
            let b = try Lax.unary(ctx, .erf, try Lax.div(ctx, hi, sqrt2))
            let u = try uniform(ctx, args[0], shape: sampleShape, dtype: dtype, minval: a, maxval: b)
            let out = try Lax.mul(ctx, sqrt2, try Lax.unary(ctx, .erfInv, u))
            let floor = try Tracing.bind1(ctx, .nextafter, [try Lax.unary(ctx, .stopGradient, lo), JNP.constant(.float(.infinity), dtype)])
            let ceiling = try Tracing.bind1(ctx, .nextafter, [try Lax.unary(ctx, .stopGradient, hi), JNP.constant(.float(-.infinity), dtype)])
            return try JNP.clip(ctx, out, floor, ceiling)
        }
    }
}
