/// A start index of lax's dynamic slicing: a Python int (normalised while tracing, staged as an
/// int32 literal) or an array (normalised by staged operations when negative ones are allowed).
public enum LaxIndex {
    case int(Int)
    case value(JaxValue)

    /// The dtype JAX gives the index (int32 for a Python int).
    func dtype(_ ctx: JaxContext) -> DType {
        switch self {
        case .int: return ctx.defaultInt
        case .value(let v): return v.dtype
        }
    }
}

/// `jax.lax`'s static and dynamic slices (`slice`, `slice_in_dim`, `index_in_dim`,
/// `dynamic_slice`, `dynamic_update_slice` and their `_in_dim` forms), with lax's checks.
extension JNP {
    /// `lax.slice(operand, start_indices, limit_indices, strides)`.
    public static func laxSlice(_ ctx: JaxContext, _ x: JaxValue, start: [Int], limit: [Int], strides: [Int]?) throws(PyException) -> JaxValue {
        let shapeText = Shape.describe(x.shape), startText = Shape.describe(start), limitText = Shape.describe(limit)
        for (name, values) in [("start_indices", start), ("limit_indices", limit), ("strides", strides ?? [])] where values.contains(where: { $0 < 0 }) {
            throw PyException.typeError("slice \(name) must have every element be nonnegative, got \(Shape.describe(values)).")
        }
        if start.count != x.rank {
            throw PyException.typeError("slice start_indices must have length equal to the number of dimensions of the operand, got indices \(startText) for operand shape \(shapeText).")
        }
        if limit.count != start.count {
            throw PyException.typeError("slice limit_indices must have the same length as start_indices, got start_indices \(startText) and limit_indices \(limitText).")
        }
        if zip(x.shape, limit).contains(where: { $0 < $1 }) {
            throw PyException.typeError("slice limit_indices must be less than or equal to operand shape, got limit_indices \(limitText) for operand shape \(shapeText).")
        }
        if start.contains(where: { $0 < 0 }) {
            throw PyException.typeError("slice start_indices must be greater than or equal to zero, got start_indices of \(startText).")
        }
        if zip(limit, start).contains(where: { $0 < $1 }) {
            throw PyException.typeError("slice limit_indices must be greater than or equal to start_indices, got start_indices \(startText) and limit_indices \(limitText).")
        }
        var params = Params()
        params.set(.limitIndices, limit)
        params.set(.startIndices, start)
        if let strides {
            if strides.count != x.rank {
                throw PyException.typeError("slice strides must have length equal to the number of dimensions of the operand, got strides \(Shape.describe(strides)) for operand shape \(shapeText).")
            }
            // lax divides by each stride to size the result
            if strides.contains(0) { throw PyException("ZeroDivisionError", "integer division or modulo by zero") }
            params.set(.strides, strides)
        } else {
            params.set(.strides, printed: .none)
        }
        return try Tracing.bind1(ctx, .slice, [x], params)
    }

    /// `lax.slice_in_dim(operand, start_index, limit_index, stride, axis)`: negative bounds
    /// count from the end of the axis.
    public static func laxSliceInDim(_ ctx: JaxContext, _ x: JaxValue, start: Int?, limit: Int?, stride: Int, axis: Int) throws(PyException) -> JaxValue {
        let axis = try AxisRules.normalize(axis, rank: x.rank)
        let size = x.shape[axis]
        var starts = Array(repeating: 0, count: x.rank), limits = x.shape, strides = Array(repeating: 1, count: x.rank)
        let s = start ?? 0, l = limit ?? size
        starts[axis] = s < 0 ? s &+ size : s
        limits[axis] = l < 0 ? l &+ size : l
        strides[axis] = stride
        return try laxSlice(ctx, x, start: starts, limit: limits, strides: strides)
    }

    /// `lax.index_in_dim(operand, index, axis, keepdims)`.
    public static func laxIndexInDim(_ ctx: JaxContext, _ x: JaxValue, index: Int, axis: Int, keepdims: Bool) throws(PyException) -> JaxValue {
        let a = try AxisRules.normalize(axis, rank: x.rank)
        let size = x.shape[a]
        let wrapped = index < 0 ? index &+ size : index
        guard wrapped >= 0 && wrapped < size else {
            throw PyException("IndexError", "index \(index) is out of bounds for axis \(axis) with size \(size)")
        }
        let row = try laxSliceInDim(ctx, x, start: wrapped, limit: wrapped + 1, stride: 1, axis: a)
        return keepdims ? row : try Lax.squeeze(ctx, row, [a])
    }

    /// `lax.dynamic_slice(operand, start_indices, slice_sizes)`; `allowNegative` per axis.
    public static func laxDynamicSlice(_ ctx: JaxContext, _ x: JaxValue, _ starts: [LaxIndex], sizes: [Int],
                                       allowNegative: [Bool]) throws(PyException) -> JaxValue {
        let indices = try dynamicIndices(ctx, x, starts, allowNegative: allowNegative, name: "dynamic_slice")
        if sizes.count != starts.count {
            throw PyException.typeError("dynamic_slice slice_sizes must have the same length as start_indices, got start_indices length \(starts.count) and slice_sizes \(Shape.describe(sizes)).")
        }
        let sizesText = Shape.describe(sizes)
        if zip(x.shape, sizes).contains(where: { $0 < $1 }) {
            throw PyException.typeError("slice slice_sizes must be less than or equal to operand shape, got slice_sizes \(sizesText) for operand shape \(Shape.describe(x.shape)).")
        }
        if sizes.contains(where: { $0 < 0 }) {
            throw PyException.typeError("slice slice_sizes must be greater than or equal to zero, got slice_sizes of \(sizesText).")
        }
        return try Lax.dynamicSlice(ctx, x, indices, sizes: sizes)
    }

    /// `lax.dynamic_update_slice(operand, update, start_indices)`.
    public static func laxDynamicUpdateSlice(_ ctx: JaxContext, _ x: JaxValue, _ update: JaxValue, _ starts: [LaxIndex],
                                             allowNegative: [Bool]) throws(PyException) -> JaxValue {
        let indices = try dynamicIndices(ctx, x, starts, allowNegative: allowNegative, name: "dynamic_update_slice")
        if update.rank != x.rank {
            throw PyException.typeError("dynamic_update_slice update must have the same rank as operand, got update shape \(Shape.describe(update.shape)) for operand shape \(Shape.describe(x.shape)).")
        }
        if zip(x.shape, update.shape).contains(where: { $0 < $1 }) {
            throw PyException.typeError("dynamic_update_slice update shape must be smaller than operand shape, got update shape \(Shape.describe(update.shape)) for operand shape \(Shape.describe(x.shape)).")
        }
        if update.dtype != x.dtype {
            throw PyException.typeError("lax.dynamic_update_slice requires arguments to have the same dtypes, got \(x.dtype.name), \(update.dtype.name).")
        }
        return try Lax.dynamicUpdateSlice(ctx, x, update, indices)
    }

    /// `lax.dynamic_index_in_dim(operand, index, axis, keepdims)`, which JAX stages under `jit`.
    public static func laxDynamicIndexInDim(_ ctx: JaxContext, _ x: JaxValue, _ index: LaxIndex, axis: Int, keepdims: Bool,
                                            allowNegative: Bool) throws(PyException) -> JaxValue {
        let a = try AxisRules.normalize(axis, rank: x.rank)
        var sizes = x.shape
        sizes[a] = 1
        var negative = Array(repeating: false, count: x.rank)
        negative[a] = allowNegative
        let zero = LaxIndex.value(constant(.int(0), index.dtype(ctx)))
        func starts(_ i: LaxIndex) -> [LaxIndex] { (0..<x.rank).map { $0 == a ? i : zero } }
        guard case .value(let traced) = index else {
            let row = try laxDynamicSlice(ctx, x, starts(index), sizes: sizes, allowNegative: negative)
            return keepdims ? row : try Lax.squeeze(ctx, row, [a])
        }
        return try jitted(ctx, name: "dynamic_index_in_dim", [x, traced]) { args throws(PyException) in
            let row = try laxDynamicSlice(ctx, args[0], starts(.value(args[1])), sizes: sizes, allowNegative: negative)
            return keepdims ? row : try Lax.squeeze(ctx, row, [a])
        }
    }

    /// JAX's `_dynamic_slice_indices`: every start as a 0-d integer, negative ones wrapped
    /// (statically for Python ints, by `select_n(i < 0, i, i + size)` for arrays).
    private static func dynamicIndices(_ ctx: JaxContext, _ x: JaxValue, _ starts: [LaxIndex], allowNegative: [Bool],
                                       name: String) throws(PyException) -> [JaxValue] {
        if starts.count != x.rank {
            throw PyException.valueError("Length of slice indices must match number of operand dimensions (\(starts.count) vs \(Shape.describe(x.shape)))")
        }
        let dtypes = starts.map { $0.dtype(ctx) }
        if dtypes.contains(where: { !$0.isInteger }) || Set(dtypes).count > 1 {
            let got = dtypes.map(\.name).joined(separator: ", ")
            throw PyException.typeError("index arguments to \(name) must be integers of the same type, got\(name == "dynamic_slice" ? ":" : "") \(got)")
        }
        var out: [JaxValue] = []
        for (k, start) in starts.enumerated() {
            let size = x.shape[k], negative = k < allowNegative.count ? allowNegative[k] : true
            switch start {
            case .int(let i):
                if i < 0 && !negative {
                    throw PyException.valueError("Index \(i) is out of bounds for dimension \(size) if allow_negative_indices=False")
                }
                out.append(constant(.int(Int64(i < 0 ? i &+ size : i)), ctx.defaultInt))
            case .value(let i):
                if i.rank != 0 {
                    throw PyException.typeError("start_indices arguments to \(name) must be scalars,\(name == "dynamic_slice" ? "  " : " ")got indices \(Shape.describe(i.shape))")
                }
                guard negative && i.dtype.kind != .unsignedInteger else { out.append(i); continue }
                let isNegative = try less(ctx, i, .array(JaxArray.scalar(.int(0), dtype: ctx.defaultInt, weak: true)))
                let wrapped = try add(ctx, i, constant(.int(Int64(size)), i.dtype))
                out.append(try Lax.select(ctx, isNegative, i, wrapped))
            }
        }
        return out
    }
}
