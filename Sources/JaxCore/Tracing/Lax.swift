/// jax.lax-level helpers for the transformation rules: each binds one primitive with JAX's
/// parameters and no dtype promotion (the operands already agree).
enum Lax {
    static func add(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .add, [x, y])
    }
    static func addAny(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .addAny, [x, y])
    }
    static func sub(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .sub, [x, y])
    }
    static func mul(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        var params = Params()
        params.set("out_dtype", .none, shown: false)
        return try Tracing.bind1(ctx, .mul, [x, y], params)
    }
    static func div(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .div, [x, y])
    }
    static func neg(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .neg, [x])
    }
    static func unary(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, prim, [x])
    }
    static func integerPow(_ ctx: JaxContext, _ x: JaxValue, _ y: Int) throws(PyException) -> JaxValue {
        var params = Params()
        params.set("y", .int(y))
        return try Tracing.bind1(ctx, .integerPow, [x], params)
    }
    static func select(_ ctx: JaxContext, _ pred: JaxValue, _ onFalse: JaxValue, _ onTrue: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .selectN, [pred, onFalse, onTrue])
    }
    static func compare(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, prim, [x, y])
    }
    static func convert(_ ctx: JaxContext, _ x: JaxValue, _ dtype: DType) throws(PyException) -> JaxValue {
        if x.dtype == dtype { return x }
        return try JNP.convert(ctx, x, to: dtype, weak: false)
    }
    static func reduceSum(_ ctx: JaxContext, _ x: JaxValue, axes: [Int], numpyAxes: Bool = false) throws(PyException) -> JaxValue {
        var params = Params()
        params.set("axes", numpyAxes ? .npInts(axes) : .ints(axes))
        params.set("out_sharding", .none)
        return try Tracing.bind1(ctx, .reduceSum, [x], params)
    }
    /// `numpyDims`: the dimensions print as NumPy ints, as when JAX computed them with NumPy.
    static func broadcastInDim(_ ctx: JaxContext, _ x: JaxValue, shape: [Int], dims: [Int], numpyDims: Bool = false) throws(PyException) -> JaxValue {
        guard numpyDims, !dims.isEmpty else { return try JNP.broadcastInDim(ctx, x, shape: shape, dims: dims) }
        if x.shape == shape && dims == Array(0..<shape.count) && x.concrete != nil { return x }
        var params = Params()
        params.set("broadcast_dimensions", .npInts(dims))
        params.set("shape", .ints(shape), shown: false)
        params.set("sharding", .none, shown: false)
        return try Tracing.bind1(ctx, .broadcastInDim, [x], params)
    }
    /// lax.reshape: skipped for a non-scalar already of that shape (tracers included: they are
    /// `jax.Array`s too, so JAX stages nothing for them either).
    static func reshape(_ ctx: JaxContext, _ x: JaxValue, _ shape: [Int]) throws(PyException) -> JaxValue {
        if x.shape == shape, !shape.isEmpty { return x }
        var params = Params()
        params.set("dimensions", .none)
        params.set("new_sizes", .ints(shape))
        params.set("sharding", .none)
        return try Tracing.bind1(ctx, .reshape, [x], params)
    }
    /// lax.transpose: the identity permutation stages nothing, for tracers as for arrays.
    static func transpose(_ ctx: JaxContext, _ x: JaxValue, _ perm: [Int]) throws(PyException) -> JaxValue {
        if perm == Array(0..<perm.count) { return x }
        var params = Params()
        params.set("permutation", .ints(perm))
        return try Tracing.bind1(ctx, .transpose, [x], params)
    }
    /// `lax.expand_dims`: size-1 axes inserted at `dims` of the result.
    static func expandDims(_ ctx: JaxContext, _ x: JaxValue, _ dims: [Int]) throws(PyException) -> JaxValue {
        if dims.isEmpty { return x }
        return try JNP.expandDims(ctx, x, dims)
    }
    /// Moves axis `from` to position `to` (a transpose).
    static func moveAxis(_ ctx: JaxContext, _ x: JaxValue, from: Int, to: Int) throws(PyException) -> JaxValue {
        if from == to { return x }
        var perm = Array(0..<x.rank)
        perm.remove(at: from)
        perm.insert(from, at: to)
        return try transpose(ctx, x, perm)
    }
    /// A 0-d constant of x's dtype, as lax's `_const(x, v)`.
    static func const(_ x: JaxValue, _ v: Double) -> JaxValue {
        JNP.constantLike(v, x)
    }
    /// `full_like(x, v)`: a broadcast constant of x's shape and dtype.
    static func full(_ ctx: JaxContext, _ x: JaxValue, _ v: Double) throws(PyException) -> JaxValue {
        try broadcastInDim(ctx, const(x, v), shape: x.shape, dims: [])
    }
    static func zeros(_ ctx: JaxContext, _ aval: ShapedArray) throws(PyException) -> JaxValue {
        try JNP.zeros(ctx, aval.shape, dtype: aval.dtype)
    }
    /// `_maybe_broadcast`: brings x to `shape`, keeping the axes whose sizes already agree.
    static func maybeBroadcast(_ ctx: JaxContext, _ x: JaxValue, _ shape: [Int]) throws(PyException) -> JaxValue {
        if x.shape == shape { return x }
        if x.shape.isEmpty { return try broadcastInDim(ctx, x, shape: shape, dims: []) }
        let dims = (0..<Swift.min(x.rank, shape.count)).filter { x.shape[$0] == shape[$0] }
        let squeezed = try reshape(ctx, x, dims.map { x.shape[$0] })
        return try broadcastInDim(ctx, squeezed, shape: shape, dims: dims)
    }
    /// `_unbroadcast`: sums a cotangent back down to an operand's shape.
    static func unbroadcast(_ ctx: JaxContext, _ aval: ShapedArray, _ x: JaxValue) throws(PyException) -> JaxValue {
        if x.shape == aval.shape { return x }
        if aval.shape.isEmpty { return try reduceSum(ctx, x, axes: Array(0..<x.rank)) }
        let dims = (0..<Swift.min(x.rank, aval.rank)).filter { x.shape[$0] != aval.shape[$0] }
        return try reshape(ctx, try reduceSum(ctx, x, axes: dims), aval.shape)
    }
}
