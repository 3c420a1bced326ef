/// jax.lax-level operations: each binds one primitive with JAX's parameters and no dtype
/// promotion (the operands already agree). The primitives' rules and jax.numpy build on
/// these; nothing here reaches up into `JNP`.
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
        try Tracing.bind1(ctx, .mul, [x, y], Params().with(.outDType, .none, shown: false))
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
        try Tracing.bind1(ctx, .integerPow, [x], Params().with(.y, y))
    }
    static func select(_ ctx: JaxContext, _ pred: JaxValue, _ onFalse: JaxValue, _ onTrue: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .selectN, [pred, onFalse, onTrue])
    }
    static func compare(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, prim, [x, y])
    }

    /// `lax.convert_element_type`: concrete values convert at once (as JAX does for
    /// constants), traced ones through the primitive.
    static func convert(_ ctx: JaxContext, _ x: JaxValue, to dtype: DType, weak: Bool = false) throws(PyException) -> JaxValue {
        if x.dtype == dtype && x.weakType == weak { return x }
        switch x {
        case .array(let a):
            return .array(Kernels.cast(a, to: dtype, semantics: .jax).withWeakType(weak))
        case .tracer:
            var params = Params()
            params.set(.newDType, dtype)
            params.set(.sharding, .none, shown: false)
            params.set(.weakType, weak)
            return try Tracing.bind1(ctx, .convertElementType, [x], params)
        }
    }

    /// `convert_element_type` that is staged even when it changes nothing, as JAX's is when
    /// a sharding is asked for (the standard basis of a Jacobian).
    static func convert(_ ctx: JaxContext, _ x: JaxValue, to dtype: DType, weak: Bool, always: Bool) throws(PyException) -> JaxValue {
        guard always, case .tracer = x else { return try convert(ctx, x, to: dtype, weak: weak) }
        var params = Params()
        params.set(.newDType, dtype)
        params.set(.sharding, .none, shown: false)
        params.set(.weakType, weak)
        return try Tracing.bind1(ctx, .convertElementType, [x], params)
    }

    /// `lax.split`: `x` cut along `axis` into pieces of `sizes`.
    static func split(_ ctx: JaxContext, _ x: JaxValue, sizes: [Int], axis: Int) throws(PyException) -> [JaxValue] {
        var params = Params()
        params.set(.axis, axis)
        params.set(.sizes, printed: .npInts(sizes))
        return try Tracing.bind(ctx, .split, [x], params)
    }

    /// `lax_internal._eye(dtype, (n, n), 0)`: iotas compared and converted, as JAX stages it.
    static func eye(_ ctx: JaxContext, _ n: Int, dtype: DType) throws(PyException) -> JaxValue {
        let rows = try iota(ctx, .int32, shape: [n, n], dimension: 0)
        let cols = try iota(ctx, .int32, shape: [n, n], dimension: 1)
        let shifted = try add(ctx, rows, .array(JaxArray.scalar(.int(0), dtype: .int32)))
        return try convert(ctx, try compare(ctx, .eq, shifted, cols), to: dtype, weak: false)
    }

    /// `x` in `dtype` unless it already is (strong).
    static func convert(_ ctx: JaxContext, _ x: JaxValue, _ dtype: DType) throws(PyException) -> JaxValue {
        if x.dtype == dtype { return x }
        return try convert(ctx, x, to: dtype, weak: false)
    }

    static func reduceSum(_ ctx: JaxContext, _ x: JaxValue, axes: [Int], numpyAxes: Bool = false) throws(PyException) -> JaxValue {
        var params = Params()
        params.set(.axes, printed: numpyAxes ? .npInts(axes) : .ints(axes))
        params.set(.outSharding, .none)
        return try Tracing.bind1(ctx, .reduceSum, [x], params)
    }

    /// `lax.broadcast_in_dim`, skipped when it would change nothing. `numpyDims`: the
    /// dimensions print as NumPy ints, as when JAX computed them with NumPy.
    static func broadcastInDim(_ ctx: JaxContext, _ x: JaxValue, shape: [Int], dims: [Int], numpyDims: Bool = false) throws(PyException) -> JaxValue {
        var params = Params()
        if numpyDims && !dims.isEmpty {
            if x.shape == shape && dims == Array(0..<shape.count) && x.concrete != nil { return x }
            params.set(.broadcastDimensions, printed: .npInts(dims))
        } else {
            if x.shape == shape && dims == Array(0..<shape.count) { return x }
            params.set(.broadcastDimensions, dims, shown: !dims.isEmpty)
        }
        params.set(.shape, shape, shown: false)
        params.set(.sharding, .none, shown: false)
        return try Tracing.bind1(ctx, .broadcastInDim, [x], params)
    }

    /// lax.reshape: skipped for a non-scalar already of that shape (tracers included: they are
    /// `jax.Array`s too, so JAX stages nothing for them either).
    /// With `dimensions`, the operand is transposed by that permutation first (printed
    /// `dimensions=(1, 0, 2)`), unless it is the identity.
    static func reshape(_ ctx: JaxContext, _ x: JaxValue, _ shape: [Int], dimensions: [Int]? = nil) throws(PyException) -> JaxValue {
        let perm = dimensions.flatMap { $0 == Array(0..<$0.count) ? nil : $0 }
        if x.shape == shape, !shape.isEmpty, perm == nil { return x }
        var params = Params()
        if let perm { params.set(.dimensions, perm) } else { params.set(.dimensions, printed: .none) }
        params.set(.newSizes, shape)
        params.set(.sharding, .none)
        return try Tracing.bind1(ctx, .reshape, [x], params)
    }

    /// lax.transpose: the identity permutation stages nothing, for tracers as for arrays.
    static func transpose(_ ctx: JaxContext, _ x: JaxValue, _ perm: [Int]) throws(PyException) -> JaxValue {
        if perm == Array(0..<perm.count) { return x }
        return try Tracing.bind1(ctx, .transpose, [x], Params().with(.permutation, perm))
    }

    /// `lax.squeeze` of the given axes.
    static func squeeze(_ ctx: JaxContext, _ x: JaxValue, _ dims: [Int]) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .squeeze, [x], Params().with(.dimensions, dims))
    }

    /// `lax.expand_dims`: size-1 axes inserted at `dims` (positions in the result, any order).
    static func expandDims(_ ctx: JaxContext, _ x: JaxValue, _ dims: [Int]) throws(PyException) -> JaxValue {
        if dims.isEmpty { return x }
        let rank = x.rank + dims.count
        let positions = Set(dims)
        var shape: [Int] = []
        var kept: [Int] = []
        var next = 0
        for i in 0..<rank {
            if positions.contains(i) {
                shape.append(1)
            } else {
                kept.append(i)
                shape.append(x.shape[next])
                next += 1
            }
        }
        return try broadcastInDim(ctx, x, shape: shape, dims: kept)
    }

    /// Moves axis `from` to position `to` (a transpose).
    static func moveAxis(_ ctx: JaxContext, _ x: JaxValue, from: Int, to: Int) throws(PyException) -> JaxValue {
        if from == to { return x }
        var perm = Array(0..<x.rank)
        perm.remove(at: from)
        perm.insert(from, at: to)
        return try transpose(ctx, x, perm)
    }

    /// A strong 0-d constant of `dtype`.
    static func constant(_ value: Scalar, _ dtype: DType) -> JaxValue {
        .array(JaxArray.scalar(value, dtype: dtype))
    }

    /// A 0-d constant of x's dtype, as lax's `_const(x, v)`: for a weak scalar x it is a
    /// Python scalar (weak, printed as Python writes it), else a strong array.
    static func const(_ x: JaxValue, _ v: Double) -> JaxValue {
        let scalar: Scalar = x.dtype.isInexact ? .float(v) : (x.dtype == .bool ? .bool(v != 0) : .int(Int64(v)))
        return .array(JaxArray.scalar(scalar, dtype: x.dtype, weak: x.weakType && x.rank == 0))
    }

    /// `lax.full(shape, value, dtype)`: a broadcast 0-d constant (weak for `full_like` of a
    /// weak array with no dtype asked for).
    static func full(_ ctx: JaxContext, _ shape: [Int], _ value: Scalar, dtype: DType, weak: Bool = false) throws(PyException) -> JaxValue {
        let target = ctx.canonical(dtype)
        _ = try Shape.checkedCount(shape, itemSize: target.itemSize, limits: ctx.limits)
        return try broadcastInDim(ctx, .array(JaxArray.scalar(value, dtype: target, weak: weak)), shape: shape, dims: [])
    }

    /// `full_like(x, v)`: a broadcast constant of x's shape and dtype.
    static func full(_ ctx: JaxContext, _ x: JaxValue, _ v: Double) throws(PyException) -> JaxValue {
        try broadcastInDim(ctx, const(x, v), shape: x.shape, dims: [])
    }

    /// Zeros of `dtype` (false for bool).
    static func zeros(_ ctx: JaxContext, _ shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try full(ctx, shape, dtype == .bool ? .bool(false) : (dtype.isFloating ? .float(0) : .int(0)), dtype: dtype)
    }

    /// `ad_util.empty_like_aval`: an uninitialised value of the type (`empty2`, broadcast).
    static func empty(_ ctx: JaxContext, _ aval: ShapedArray) throws(PyException) -> JaxValue {
        var p = Params()
        p.set(.dtype, aval.dtype)
        p.set(.memorySpace, "MemorySpace.Device")
        let scalar = try Tracing.bind1(ctx, .empty2, [], p)
        return try broadcastInDim(ctx, scalar, shape: aval.shape, dims: [])
    }

    static func zeros(_ ctx: JaxContext, _ aval: ShapedArray) throws(PyException) -> JaxValue {
        try zeros(ctx, aval.shape, dtype: aval.dtype)
    }

    /// `zeros_like_aval`: zeros of the type, weak type included (a custom rule's instantiated
    /// zero tangent or cotangent).
    static func zerosLike(_ ctx: JaxContext, _ aval: ShapedArray) throws(PyException) -> JaxValue {
        let zero: Scalar = aval.dtype == .bool ? .bool(false) : (aval.dtype.isFloating ? .float(0) : .int(0))
        let scalar = JaxValue.array(JaxArray.scalar(zero, dtype: aval.dtype, weak: aval.weakType))
        return aval.shape.isEmpty ? scalar : try broadcastInDim(ctx, scalar, shape: aval.shape, dims: [])
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

    /// `lax.iota` of `dtype` and `shape` counting along `dimension`.
    static func iota(_ ctx: JaxContext, _ dtype: DType, shape: [Int], dimension: Int) throws(PyException) -> JaxValue {
        var params = Params()
        params.set(.dimension, dimension)
        params.set(.dtype, dtype)
        params.set(.shape, shape)
        params.set(.sharding, .none)
        return try Tracing.bind1(ctx, .iota, [], params)
    }

    /// A slice with unit strides (printed `strides=None`).
    static func slice(_ ctx: JaxContext, _ x: JaxValue, start: [Int], limit: [Int]) throws(PyException) -> JaxValue {
        var params = Params()
        params.set(.limitIndices, limit)
        params.set(.startIndices, start)
        params.set(.strides, printed: .none)
        return try Tracing.bind1(ctx, .slice, [x], params)
    }

    /// `x[i]` for a static in-range `i` as jax.numpy's static path lowers it: a slice of the
    /// first axis (skipped when it is the whole axis) and a squeeze.
    static func index(_ ctx: JaxContext, _ x: JaxValue, _ i: Int) throws(PyException) -> JaxValue {
        var start = Array(repeating: 0, count: x.rank), limit = x.shape
        start[0] = i
        limit[0] = i + 1
        let row = start == Array(repeating: 0, count: x.rank) && limit == x.shape ? x : try slice(ctx, x, start: start, limit: limit)
        return try squeeze(ctx, row, [0])
    }
}
