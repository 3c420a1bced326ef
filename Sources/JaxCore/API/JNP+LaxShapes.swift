/// `jax.lax`'s shape functions (`broadcast_in_dim`, `broadcast`, `reshape`, `transpose`,
/// `squeeze`, `expand_dims`, `rev`, `concatenate`, `pad`, `iota`, `full`): each checks its
/// arguments as lax's shape rule does, with its messages, then binds the one primitive.
extension JNP {
    /// `lax.broadcast_in_dim(operand, shape, broadcast_dimensions)`.
    public static func laxBroadcastInDim(_ ctx: JaxContext, _ x: JaxValue, shape: [Int], dims: [Int]) throws(PyException) -> JaxValue {
        let dimsText = Shape.describe(dims), shapeText = Shape.describe(shape)
        if shape.contains(where: { $0 < 0 }) {
            throw PyException.typeError("broadcast_in_dim shape must have every element be nonnegative, got \(shapeText).")
        }
        if x.rank != dims.count {
            throw PyException.typeError("broadcast_in_dim broadcast_dimensions must have length equal to operand ndim; got broadcast_dimensions \(dimsText) for operand ndim \(x.rank).")
        }
        if shape.count < x.rank {
            throw PyException.typeError("broadcast_in_dim target broadcast shape must have equal or higher rank to the operand shape; got operand ndim \(x.rank) and target broadcast ndim \(shape.count).")
        }
        if dims.contains(where: { $0 < 0 || $0 >= shape.count }) {
            throw PyException.typeError("broadcast_in_dim broadcast_dimensions must be a subset of output dimensions, got \(dimsText) for operand ndim \(x.rank) and shape \(shapeText).")
        }
        for (i, d) in dims.enumerated() where x.shape[i] != 1 && x.shape[i] != shape[d] {
            throw PyException.typeError("broadcast_in_dim operand dimension sizes must either be 1, or be equal to their corresponding dimensions in the target broadcast shape; got operand of shape \(Shape.describe(x.shape)), target broadcast shape \(shapeText), broadcast_dimensions \(dimsText) ")
        }
        if Set(dims).count != dims.count {
            throw PyException.typeError("broadcast_in_dim broadcast_dimensions must not contain duplicates, got broadcast_dimensions \(dimsText)")
        }
        try checkShape("broadcast_in_dim", shape, dtype: x.dtype, ctx)
        return try Lax.broadcastInDim(ctx, x, shape: shape, dims: dims)
    }

    /// `lax.broadcast(operand, sizes)`: new leading axes of `sizes`.
    public static func laxBroadcast(_ ctx: JaxContext, _ x: JaxValue, sizes: [Int]) throws(PyException) -> JaxValue {
        if sizes.isEmpty { return x }
        return try laxBroadcastInDim(ctx, x, shape: sizes + x.shape, dims: Array(sizes.count..<(sizes.count + x.rank)))
    }

    /// `lax.reshape(operand, new_sizes, dimensions)`.
    public static func laxReshape(_ ctx: JaxContext, _ x: JaxValue, _ shape: [Int], dimensions: [Int]?) throws(PyException) -> JaxValue {
        if shape.contains(where: { $0 < 0 }) {
            throw PyException.typeError("reshape new_sizes must all be positive, got \(Shape.describe(shape)).")
        }
        try checkShape("reshape", shape, dtype: x.dtype, ctx)
        if Shape.product(shape) != Shape.product(x.shape) {
            throw PyException.typeError("reshape total size must be unchanged, got new_sizes \(Shape.describe(shape)) (of total size \(Shape.product(shape))) for shape \(Shape.describe(x.shape)) (of total size \(Shape.product(x.shape))).")
        }
        if let dimensions, dimensions.sorted() != Array(0..<x.rank) {
            throw PyException.typeError("reshape dimensions must be a permutation of operand dimensions, got dimensions \(Shape.describe(dimensions)) for shape \(Shape.describe(x.shape)).")
        }
        return try Lax.reshape(ctx, x, shape, dimensions: dimensions)
    }

    /// `lax.collapse(operand, start_dimension, stop_dimension)`: the axes start..<stop (Python
    /// slice bounds) merged into one by a reshape.
    public static func laxCollapse(_ ctx: JaxContext, _ x: JaxValue, start: Int, stop: Int?) throws(PyException) -> JaxValue {
        func bound(_ i: Int) -> Int { i < 0 ? Swift.max(i &+ x.rank, 0) : Swift.min(i, x.rank) }
        let lo = bound(start), hi = bound(stop ?? x.rank)
        guard hi >= lo else {
            let stopText = stop.map(String.init) ?? ""
            throw PyException.valueError("Invalid dimension range passed to collapse: \(Shape.describe(x.shape))[\(start):\(stopText)]")
        }
        let shape = Array(x.shape[..<lo]) + [Shape.product(Array(x.shape[lo..<hi]))] + Array(x.shape[hi...])
        return try laxReshape(ctx, x, shape, dimensions: nil)
    }

    /// `lax.split(operand, sizes, axis)`: consecutive pieces of the given sizes along axis.
    public static func laxSplit(_ ctx: JaxContext, _ x: JaxValue, sizes: [Int], axis: Int) throws(PyException) -> [JaxValue] {
        let a = try AxisRules.normalize(axis, rank: x.rank)
        if sizes.contains(where: { $0 < 0 }) {
            throw PyException.valueError("Sizes passed to split must be nonnegative, got [\(sizes.map(String.init).joined(separator: ", "))]")
        }
        let total = sizes.reduce(0, &+)
        if total != x.shape[a] {
            throw PyException.valueError("Sum of sizes \(total) must be equal to dimension \(a) of the operand shape [\(x.shape.map(String.init).joined(separator: ", "))]")
        }
        return try Tracing.bind(ctx, .split, [x], Params().with(.axis, a).with(.sizes, sizes))
    }

    /// `lax.transpose(operand, permutation)`.
    public static func laxTranspose(_ ctx: JaxContext, _ x: JaxValue, _ perm: [Int]) throws(PyException) -> JaxValue {
        guard perm.sorted() == Array(0..<x.rank) else {
            throw PyException.typeError("transpose permutation isn't a permutation of operand dimensions, got permutation \(Shape.describe(perm)) for operand shape \(Shape.describe(x.shape)).")
        }
        return try Lax.transpose(ctx, x, perm)
    }

    /// `lax.squeeze(array, dimensions)`: negative dimensions count from the end.
    public static func laxSqueeze(_ ctx: JaxContext, _ x: JaxValue, _ dims: [Int]) throws(PyException) -> JaxValue {
        var resolved: [Int] = []
        for d in dims { resolved.append(try AxisRules.normalize(d, rank: x.rank)) }
        let shapeText = "shape=" + Shape.describe(x.shape) + " and dimensions=" + Shape.describe(resolved)
        if Set(resolved).count != resolved.count { throw PyException.valueError("dimensions are not unique: \(Shape.describe(resolved))") }
        if resolved.contains(where: { x.shape[$0] != 1 }) {
            throw PyException.valueError("cannot select an axis to squeeze out which has size not equal to one, got \(shapeText)")
        }
        if resolved.isEmpty { return x }
        return try Lax.squeeze(ctx, x, resolved)
    }

    /// `lax.expand_dims(array, dimensions)`: size-1 axes at positions of the result.
    public static func laxExpandDims(_ ctx: JaxContext, _ x: JaxValue, _ dims: [Int]) throws(PyException) -> JaxValue {
        let rank = x.rank &+ dims.count
        var resolved: [Int] = []
        for d in dims { resolved.append(try AxisRules.normalize(d, rank: rank)) }
        if Set(resolved).count != resolved.count { throw PyException.valueError("repeated axis in lax.expand_dims: \(Shape.describe(dims))") }
        return try Lax.expandDims(ctx, x, resolved)
    }

    /// `lax.rev(operand, dimensions)`.
    public static func laxRev(_ ctx: JaxContext, _ x: JaxValue, _ dims: [Int]) throws(PyException) -> JaxValue {
        if dims.contains(where: { $0 < 0 }) {
            throw PyException.typeError("rev dimensions must have every element be nonnegative, got \(Shape.describe(dims)).")
        }
        if Set(dims).count != dims.count { throw PyException.typeError("rev dimensions must be unique, got \(Shape.describe(dims)).") }
        if dims.contains(where: { $0 < 0 || $0 >= x.rank }) {
            throw PyException.typeError("rev dimensions must all be less than operand ndim, got dimensions \(Shape.describe(dims)) for operand ndim \(x.rank).")
        }
        return try Tracing.bind1(ctx, .rev, [x], Params().with(.dimensions, dims))
    }

    /// `lax.concatenate(operands, dimension)`: same dtypes and ranks, equal sizes off `dimension`.
    public static func laxConcatenate(_ ctx: JaxContext, _ xs: [JaxValue], dimension: Int) throws(PyException) -> JaxValue {
        guard let first = xs.first else { throw PyException.valueError("concatenate requires a non-empty sequences of arrays") }
        if xs.count == 1 { return first }
        let shapes = xs.map { Shape.describe($0.shape) }.joined(separator: ", ")
        if xs.contains(where: { $0.dtype != first.dtype }) {
            throw PyException.typeError("lax.concatenate requires arguments to have the same dtypes, got \(xs.map(\.dtype.name).joined(separator: ", ")). (Tip: jnp.concatenate is a similar function that does automatic type promotion on inputs).")
        }
        if xs.contains(where: { $0.rank != first.rank }) {
            throw PyException.typeError("Cannot concatenate arrays with different numbers of dimensions: got \(shapes).")
        }
        guard dimension >= 0 && dimension < first.rank else {
            throw PyException.typeError("concatenate dimension out of bounds: dimension \(dimension) for shapes \(shapes).")
        }
        for x in xs where (0..<first.rank).contains(where: { $0 != dimension && x.shape[$0] != first.shape[$0] }) {
            throw PyException.typeError("Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: concatenating along dimension \(dimension) for shapes \(shapes).")
        }
        return try Tracing.bind1(ctx, .concatenate, xs, Params().with(.dimension, dimension))
    }

    /// `lax.pad(operand, padding_value, padding_config)`: (low, high, interior) per axis; a
    /// negative low or high crops.
    public static func laxPad(_ ctx: JaxContext, _ x: JaxValue, _ value: JaxValue, _ config: [(Int, Int, Int)]) throws(PyException) -> JaxValue {
        if x.dtype != value.dtype {
            throw PyException.typeError("pad operand and padding_value must be same dtype: got \(x.dtype.name) and \(value.dtype.name).")
        }
        if value.rank != 0 { throw PyException.typeError("pad operand padding_value must be a scalar, got shape \(Shape.describe(value.shape)).") }
        let configText = "(" + config.map { "(\($0.0), \($0.1), \($0.2))" }.joined(separator: ", ") + (config.count == 1 ? ",)" : ")")
        if config.count != x.rank {
            throw PyException.valueError("length of padding_config must equal the number of axes of operand, got padding_config \(configText) for operand shape \(Shape.describe(x.shape))")
        }
        if config.contains(where: { $0.2 < 0 }) {
            throw PyException.valueError("interior padding in padding_config must be nonnegative, got padding_config \(configText)")
        }
        var shape: [Int] = []
        for (size, c) in zip(x.shape, config) {
            let interior = size == 0 ? 0 : c.2 &* (size &- 1)
            let out = c.0 &+ c.1 &+ size &+ interior
            if out < 0 {
                throw PyException.valueError("Dimension size after padding is not at least 0, got result shape \(Shape.describe(shape + [out])), for padding_config \(configText) and operand shape \(Shape.describe(x.shape))")
            }
            shape.append(out)
        }
        try checkShape("pad", shape, dtype: x.dtype, ctx)
        return try Tracing.bind1(ctx, .pad, [x, value], Params().with(.paddingConfig, PaddingConfig(config.map { (low: $0.0, high: $0.1, interior: $0.2) })))
    }

    /// `lax.broadcasted_iota(dtype, shape, dimension)`; `lax.iota(dtype, size)` is its 1-D case.
    public static func laxIota(_ ctx: JaxContext, _ dtype: DType, shape: [Int], dimension: Int) throws(PyException) -> JaxValue {
        if shape.contains(where: { $0 < 0 }) {
            throw PyException.typeError("iota shape must have every element be nonnegative, got \(Shape.describe(shape)).")
        }
        guard dimension >= 0 && dimension < shape.count else {
            throw PyException.valueError("iota dimension must be between 0 and len(shape), got dimension=\(dimension) for shape=\(Shape.describe(shape))")
        }
        try checkShape("iota", shape, dtype: dtype, ctx)
        return try Lax.iota(ctx, ctx.canonical(dtype), shape: shape, dimension: dimension)
    }

    /// `lax.full(shape, fill_value, dtype)`: a 0-d fill value converted to `dtype` and
    /// broadcast; `weak` keeps a weak type (a weak fill or `full_like` of a weak array with no
    /// dtype asked for).
    public static func laxFull(_ ctx: JaxContext, _ shape: [Int], _ fill: JaxValue, dtype: DType, weak: Bool) throws(PyException) -> JaxValue {
        if fill.rank != 0 { throw PyException.typeError("full must be called with scalar fill_value, got fill_value.shape \(Shape.describe(fill.shape)).") }
        if shape.contains(where: { $0 < 0 }) {
            throw PyException.typeError("broadcast_in_dim shape must have every element be nonnegative, got \(Shape.describe(shape)).")
        }
        let target = ctx.canonical(dtype)
        try checkShape("full", shape, dtype: target, ctx)
        let value = try Lax.convert(ctx, fill, to: target, weak: weak)
        return try Lax.broadcastInDim(ctx, value, shape: shape, dims: [])
    }

    /// `lax.convert_element_type(operand, new_dtype)`.
    public static func laxConvertElementType(_ ctx: JaxContext, _ x: JaxValue, _ dtype: DType) throws(PyException) -> JaxValue {
        try Lax.convert(ctx, x, to: ctx.canonical(dtype), weak: false)
    }

    /// Refuses a result too large to allocate, before anything is bound.
    private static func checkShape(_ name: String, _ shape: [Int], dtype: DType, _ ctx: JaxContext) throws(PyException) {
        _ = try Shape.checkedCount(shape, itemSize: ctx.canonical(dtype).itemSize, limits: ctx.limits)
    }
}
