extension JNP {
    /// `x[i]` as iterating over an array takes it (lax.index_in_dim): a slice of the first axis
    /// with explicit unit strides, then a squeeze.
    public static func iterationItem(_ ctx: JaxContext, _ x: JaxValue, _ i: Int) throws(PyException) -> JaxValue {
        guard let n = x.shape.first, i >= 0, i < n else {
            throw PyException.indexError("index \(i) is out of bounds for axis 0 with size \(x.shape.first ?? 0)")
        }
        if x.concrete != nil { return try getItem(ctx, x, [.int(i)]) }
        var params = Params()
        params.set(.limitIndices, [i + 1] + x.shape.dropFirst())
        params.set(.startIndices, [i] + Array(repeating: 0, count: x.rank - 1))
        params.set(.strides, Array(repeating: 1, count: x.rank))
        let row = try bind(ctx, .slice, [x], params)
        return try bind(ctx, .squeeze, [row], Params().with(.dimensions, [0]))
    }
}
