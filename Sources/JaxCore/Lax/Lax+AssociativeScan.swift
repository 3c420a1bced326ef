/// `lax.associative_scan`, the parallel prefix scan JAX differentiates its cumulative
/// reductions through: pairs combined, the half-length scan recursively, the even positions
/// filled in, the two halves interleaved with interior padding.
extension Lax {
    /// The running `combine` of `x` along `axis` (read backwards when `reverse`).
    static func associativeScan(_ ctx: JaxContext, _ x: JaxValue, axis: Int, reverse: Bool,
                                combine: (JaxValue, JaxValue) throws(PyException) -> JaxValue) throws(PyException) -> JaxValue {
        func scan(_ e: JaxValue) throws(PyException) -> JaxValue {
            let n = e.shape[axis]
            if n < 2 { return e }
            let reduced = try combine(try sliceInDim(ctx, e, 0, -1, stride: 2, axis: axis), try sliceInDim(ctx, e, 1, nil, stride: 2, axis: axis))
            let odd = try scan(reduced)
            let evenRest = n % 2 == 0
                ? try combine(try sliceInDim(ctx, odd, 0, -1, axis: axis), try sliceInDim(ctx, e, 2, nil, stride: 2, axis: axis))
                : try combine(odd, try sliceInDim(ctx, e, 2, nil, stride: 2, axis: axis))
            let even = try Tracing.bind1(ctx, .concatenate, [try sliceInDim(ctx, e, 0, 1, axis: axis), evenRest], Params().with(.dimension, axis))
            return try interleave(ctx, even, odd, axis: axis)
        }
        let input = reverse ? try Tracing.bind1(ctx, .rev, [x], Params().with(.dimensions, [axis])) : x
        let out = try scan(input)
        return reverse ? try Tracing.bind1(ctx, .rev, [out], Params().with(.dimensions, [axis])) : out
    }

    /// `slicing.slice_in_dim`: a strided slice along one axis (negative bounds count from the
    /// end; the strides are always given).
    static func sliceInDim(_ ctx: JaxContext, _ x: JaxValue, _ start: Int, _ limit: Int?, stride: Int = 1, axis: Int) throws(PyException) -> JaxValue {
        let n = x.shape[axis]
        var starts = Array(repeating: 0, count: x.rank), limits = x.shape, strides = Array(repeating: 1, count: x.rank)
        starts[axis] = start < 0 ? start + n : start
        let end = limit ?? n
        limits[axis] = end < 0 ? end + n : end
        strides[axis] = stride
        return try Tracing.bind1(ctx, .slice, [x], Params().with(.limitIndices, limits).with(.startIndices, starts).with(.strides, strides))
    }

    /// `_interleave(a, b)`: a's elements at the even positions, b's at the odd ones, by padding
    /// each with zeros between its elements and adding (or-ing booleans).
    private static func interleave(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, axis: Int) throws(PyException) -> JaxValue {
        let same = a.shape[axis] == b.shape[axis]
        func padded(_ x: JaxValue, _ axisConfig: [Int]) throws(PyException) -> JaxValue {
            var config = Array(repeating: [0, 0, 0], count: x.rank)
            config[axis] = axisConfig
            let p = Params().with(.paddingConfig, printed: .padding(config, numpy: Array(repeating: false, count: 3 * x.rank)))
            return try Tracing.bind1(ctx, .pad, [x, const(x, 0)], p)
        }
        let pa = try padded(a, [0, same ? 1 : 0, 1]), pb = try padded(b, [1, same ? 0 : 1, 1])
        return try Tracing.bind1(ctx, a.dtype == .bool ? .or : .add, [pa, pb])
    }
}
