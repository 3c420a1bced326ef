/// `jax.lax`'s structural functions as the module exposes them: each checks its arguments with
/// lax's errors and binds one primitive (no NumPy-style promotion or broadcasting).
extension JNP {
    /// `lax.slice(operand, start_indices, limit_indices, strides=None)`.
    public static func laxSlice(_ ctx: JaxContext, _ x: JaxValue, start: [Int], limit: [Int], strides: [Int]?) throws(PyException) -> JaxValue {
        guard start.count == x.rank, limit.count == x.rank else {
            throw PyException.typeError("slice start_indices must have length equal to the number of dimensions of the operand, got indices \(tupleText(start)) for operand shape \(tupleText(x.shape)).")
        }
        for i in 0..<x.rank where start[i] < 0 || limit[i] > x.shape[i] || limit[i] < start[i] {
            throw PyException.typeError("slice indices must be within 0 and the operand's dimensions and limit_indices must be greater than or equal to start_indices, got start_indices \(tupleText(start)), limit_indices \(tupleText(limit)) for operand shape \(tupleText(x.shape)).")
        }
        var params = Params()
        params.set(.limitIndices, limit)
        params.set(.startIndices, start)
        if let strides {
            guard strides.count == x.rank, strides.allSatisfy({ $0 > 0 }) else {
                throw PyException.typeError("slice strides must be positive and one per dimension, got \(tupleText(strides)).")
            }
            params.set(.strides, strides)
        } else {
            params.set(.strides, printed: .none)
        }
        return try Tracing.bind1(ctx, .slice, [x], params)
    }

    /// `lax.slice_in_dim(operand, start_index, limit_index, stride=1, axis=0)`: None bounds are
    /// the whole axis, negative ones count from its end.
    public static func laxSliceInDim(_ ctx: JaxContext, _ x: JaxValue, start: Int?, limit: Int?, stride: Int, axis: Int) throws(PyException) -> JaxValue {
        let a = try AxisRules.normalize(axis, rank: x.rank)
        let n = x.shape[a]
        var starts = Array(repeating: 0, count: x.rank), limits = x.shape, strides = Array(repeating: 1, count: x.rank)
        starts[a] = start.map { $0 < 0 ? $0 + n : $0 } ?? 0
        limits[a] = limit.map { $0 < 0 ? $0 + n : $0 } ?? n
        strides[a] = stride
        return try laxSlice(ctx, x, start: starts, limit: limits, strides: stride == 1 ? nil : strides)
    }

    /// `lax.index_in_dim(operand, index, axis=0, keepdims=True)`.
    public static func laxIndexInDim(_ ctx: JaxContext, _ x: JaxValue, index: Int, axis: Int, keepdims: Bool) throws(PyException) -> JaxValue {
        let a = try AxisRules.normalize(axis, rank: x.rank)
        let i = index < 0 ? index + x.shape[a] : index
        guard i >= 0 && i < x.shape[a] else {
            throw PyException.indexError("index \(index) is out of bounds for axis \(a) with size \(x.shape[a])")
        }
        let row = try laxSliceInDim(ctx, x, start: i, limit: i + 1, stride: 1, axis: a)
        return keepdims ? row : try Lax.squeeze(ctx, row, [a])
    }

    /// `lax.pad(operand, padding_value, padding_config)`: (low, high, interior) per axis.
    public static func laxPad(_ ctx: JaxContext, _ x: JaxValue, _ value: JaxValue, config: [(low: Int, high: Int, interior: Int)]) throws(PyException) -> JaxValue {
        guard value.rank == 0 else { throw PyException.typeError("pad padding_value must be a scalar, got shape \(tupleText(value.shape)).") }
        guard value.dtype == x.dtype else {
            throw PyException.typeError("pad operand and padding_value must be same dtype: got \(x.dtype.name) and \(value.dtype.name).")
        }
        guard config.count == x.rank else {
            throw PyException.valueError("length of padding_config must equal the number of axes of operand, got padding_config \(configText(config)) for operand shape \(tupleText(x.shape))")
        }
        guard config.allSatisfy({ $0.interior >= 0 }) else {
            throw PyException.valueError("interior padding in padding_config must be nonnegative, got padding_config \(configText(config))")
        }
        for (i, c) in config.enumerated() where c.low + c.high + x.shape[i] + Swift.max(x.shape[i] - 1, 0) * c.interior < 0 {
            throw PyException.valueError("Dimension size after padding is not at least 0, got result shape dimension \(i) for padding_config \(configText(config)) and operand shape \(tupleText(x.shape))")
        }
        return try Tracing.bind1(ctx, .pad, [x, value], Params().with(.paddingConfig, PaddingConfig(config)))
    }

    /// `lax.broadcast_in_dim(operand, shape, broadcast_dimensions)`.
    public static func laxBroadcastInDim(_ ctx: JaxContext, _ x: JaxValue, shape: [Int], dims: [Int]) throws(PyException) -> JaxValue {
        guard dims.count == x.rank else {
            throw PyException.typeError("broadcast_in_dim broadcast_dimensions must have length equal to operand ndim; got broadcast_dimensions \(tupleText(dims)) for operand ndim \(x.rank).")
        }
        for (i, d) in dims.enumerated() where d < 0 || d >= shape.count || (x.shape[i] != 1 && x.shape[i] != shape[d]) {
            throw PyException.typeError("broadcast_in_dim operand dimension sizes must either be 1, or be equal to their corresponding dimensions in the target broadcast shape; got operand of shape \(tupleText(x.shape)), target broadcast shape \(tupleText(shape)), broadcast_dimensions \(tupleText(dims)) ")
        }
        _ = try Shape.checkedCount(shape, itemSize: x.dtype.itemSize, limits: ctx.limits)
        return try Lax.broadcastInDim(ctx, x, shape: shape, dims: dims)
    }

    /// `lax.reshape(operand, new_sizes, dimensions=None)`.
    public static func laxReshape(_ ctx: JaxContext, _ x: JaxValue, _ sizes: [Int], dimensions: [Int]?) throws(PyException) -> JaxValue {
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(1, &*) == x.shape.reduce(1, &*) else {
            throw PyException.typeError("reshape total size must be unchanged, got new_sizes \(tupleText(sizes)) (of total size \(sizes.reduce(1, &*))) for shape \(tupleText(x.shape)) (of total size \(x.shape.reduce(1, &*))).")
        }
        if let dimensions, dimensions.sorted() != Array(0..<x.rank) {
            throw PyException.typeError("reshape dimensions must be a permutation of operand dimensions, got dimensions \(tupleText(dimensions)) for shape \(tupleText(x.shape)).")
        }
        return try Lax.reshape(ctx, x, sizes, dimensions: dimensions)
    }
}

/// A tuple of ints as Python prints it: `(3,)`, `(2, 3)`.
private func tupleText(_ xs: [Int]) -> String {
    xs.count == 1 ? "(\(xs[0]),)" : "(" + xs.map(String.init).joined(separator: ", ") + ")"
}

/// A padding config as lax prints it: a tuple of (low, high, interior) triples.
private func configText(_ config: [(low: Int, high: Int, interior: Int)]) -> String {
    let rows = config.map { "(\($0.low), \($0.high), \($0.interior))" }
    return rows.count == 1 ? "(\(rows[0]),)" : "(" + rows.joined(separator: ", ") + ")"
}
