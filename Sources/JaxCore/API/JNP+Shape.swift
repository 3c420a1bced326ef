/// Shape functions: reshape, transpose, squeeze, expand_dims, concatenate, stack, broadcast_to, ravel.
extension JNP {
    /// `jnp.reshape(x, shape)` / `x.reshape(shape)`: JAX's TypeErrors, quoting the requested
    /// shape as `written` (the user's `4`, `(4, 2)` or `[4, 2]`; a tuple when nil).
    public static func reshape(_ ctx: JaxContext, _ x: JaxValue, _ shape: [Int], written: String? = nil) throws(PyException) -> JaxValue {
        let resolved = try Kernels.resolveReshape(shape, from: x.shape, semantics: .jax, written: written)
        return try Lax.reshape(ctx, x, resolved)
    }

    public static func ravel(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try reshape(ctx, x, [x.aval.count])
    }

    /// `jnp.transpose(x, axes)`; `x.T` reverses the axes.
    public static func transpose(_ ctx: JaxContext, _ x: JaxValue, _ axes: [Int]? = nil) throws(PyException) -> JaxValue {
        let perm: [Int]
        if let axes {
            guard axes.count == x.rank else { throw PyException.valueError("axes don't match array") }
            var normalized: [Int] = []
            for a in axes { normalized.append(try AxisRules.normalize(a, rank: x.rank)) }
            guard Set(normalized).count == normalized.count else { throw PyException.valueError("repeated axis in transpose") }
            perm = normalized
        } else {
            perm = Array((0..<x.rank).reversed())
        }
        if perm == Array(0..<x.rank) { return x }
        var params = Params()
        params.set(.permutation, perm)
        return try bind(ctx, .transpose, [x], params)
    }

    public static func squeeze(_ ctx: JaxContext, _ x: JaxValue, _ axes: [Int]? = nil) throws(PyException) -> JaxValue {
        let dims: [Int]
        if let axes {
            dims = try normalizeAxes(axes, rank: x.rank)
            for d in dims where x.shape[d] != 1 {
                throw PyException.valueError("cannot select an axis to squeeze out which has size not equal to one, got shape=\(Shape.describe(x.shape)) and dimensions=\(ParamValue.tuple(dims.map(String.init)))")
            }
        } else {
            dims = x.shape.indices.filter { x.shape[$0] == 1 }
        }
        if dims.isEmpty { return x }
        var params = Params()
        params.set(.dimensions, dims)
        return try bind(ctx, .squeeze, [x], params)
    }

    /// `jnp.expand_dims(x, axes)`: size-1 axes at the (normalised) positions of the result.
    public static func expandDims(_ ctx: JaxContext, _ x: JaxValue, _ axes: [Int]) throws(PyException) -> JaxValue {
        try Lax.expandDims(ctx, x, try normalizeAxes(axes, rank: x.rank + axes.count))
    }

    public static func broadcastTo(_ ctx: JaxContext, _ x: JaxValue, _ shape: [Int]) throws(PyException) -> JaxValue {
        if x.shape == shape { return x }
        let lead = shape.count - x.rank
        guard lead >= 0, (0..<x.rank).allSatisfy({ x.shape[$0] == shape[lead + $0] || x.shape[$0] == 1 }) else {
            throw PyException.valueError("Incompatible shapes for broadcasting: \(Shape.describe(x.shape)) and requested shape \(Shape.describe(shape))")
        }
        // lax.broadcast_to: one broadcast_in_dim, size-1 axes stretching in place
        return try broadcastInDim(ctx, x, shape: shape, dims: Array(lead..<shape.count))
    }

    public static func concatenate(_ ctx: JaxContext, _ xs: [JaxValue], axis: Int = 0) throws(PyException) -> JaxValue {
        guard let first = xs.first else { throw PyException.valueError("Need at least one array to concatenate.") }
        guard first.rank > 0 else { throw PyException.valueError("Zero-dimensional arrays cannot be concatenated.") }
        let a = try AxisRules.normalize(axis, rank: first.rank)
        let shapes = xs.map { Shape.describe($0.shape) }.joined(separator: ", ")
        if xs.contains(where: { $0.rank != first.rank }) {
            // lax.concatenate's shape rule: TypeErrors, as JAX raises them
            throw PyException.typeError("Cannot concatenate arrays with different numbers of dimensions: got \(shapes).")
        }
        for x in xs where (0..<first.rank).contains(where: { $0 != a && x.shape[$0] != first.shape[$0] }) {
            throw PyException.typeError("Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: concatenating along dimension \(a) for shapes \(shapes).")
        }
        let promoted = try promote(ctx, xs)
        if promoted.count == 1 { return promoted[0] }
        var params = Params()
        params.set(.dimension, a)
        return try bind(ctx, .concatenate, promoted, params)
    }

    public static func stack(_ ctx: JaxContext, _ xs: [JaxValue], axis: Int = 0) throws(PyException) -> JaxValue {
        guard let first = xs.first else { throw PyException.valueError("Need at least one array to stack.") }
        for x in xs where x.shape != first.shape {
            throw PyException.valueError("All input arrays must have the same shape.")
        }
        let a = try AxisRules.normalize(axis, rank: first.rank + 1)
        let promoted = try promote(ctx, xs)
        var params = Params()
        params.set(.axis, a)
        return try bind(ctx, .stack, promoted, params)
    }

    /// `lax._array_copy`: the array in a new buffer (a `copy` equation under tracing).
    public static func arrayCopy(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try bind(ctx, .copy, [x])
    }

    /// `lax.expand_dims(x, [0])`: a new leading axis of size 1.
    public static func withLeadingAxis(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try Lax.broadcastInDim(ctx, x, shape: [1] + x.shape, dims: Array(1..<(x.rank + 1)))
    }

    /// `lax.concatenate` along axis 0 of many arrays of one dtype, as `jnp.array` joins a list:
    /// sixteen at a time while more remain, then once.
    public static func concatenateInGroups(_ ctx: JaxContext, _ parts: [JaxValue]) throws(PyException) -> JaxValue {
        var arrays = parts
        func join(_ group: ArraySlice<JaxValue>) throws(PyException) -> JaxValue {
            if group.count == 1, let only = group.first { return only }
            return try bind(ctx, .concatenate, Array(group), Params().with(.dimension, 0))
        }
        while arrays.count > 16 {
            var next: [JaxValue] = []
            for start in stride(from: 0, to: arrays.count, by: 16) {
                next.append(try join(arrays[start..<Swift.min(start + 16, arrays.count)]))
            }
            arrays = next
        }
        return try join(arrays[...])
    }

    /// `jnp.array(x, ndmin=n)`: leading axes of size 1 up to rank `n`.
    public static func atLeastRank(_ ctx: JaxContext, _ x: JaxValue, _ rank: Int) throws(PyException) -> JaxValue {
        guard rank > x.rank else { return x }
        let extra = rank - x.rank
        return try Lax.broadcastInDim(ctx, x, shape: Array(repeating: 1, count: extra) + x.shape, dims: Array(extra..<rank))
    }
}
