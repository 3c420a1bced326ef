/// `lax.gather`, `lax.scatter*`, `lax.dynamic_slice` and `lax.dynamic_update_slice` in JAX's
/// parameter layout, and the index form of gather/scatter that jax.numpy's general indexing
/// stages (an indexing expression riding along, its integer arrays as operands).
extension Lax {
    /// `lax.gather` with dimension numbers. `mode` CLIP clamps every start index;
    /// FILL_OR_DROP reads `fillValue` for a window outside the operand.
    static func gather(_ ctx: JaxContext, _ operand: JaxValue, _ indices: JaxValue, _ dims: GatherDimensions,
                       sliceSizes: [Int], sortedUnique: Bool, uniqueIndices: Bool? = nil, mode: GatherScatterMode = .clip,
                       fillValue: ParamValue = .none) throws(PyException) -> JaxValue {
        var params = Params()
        params.set(.gatherDimensionNumbers, dims)
        params.set(.fillValue, fillValue)
        params.set(.indicesAreSorted, sortedUnique)
        params.set(.mode, mode)
        params.set(.sliceSizes, sliceSizes)
        params.set(.uniqueIndices, uniqueIndices ?? sortedUnique)
        return try Tracing.bind1(ctx, .gather, [operand, indices], params)
    }

    /// The scatter of `kind` with ScatterDimensionNumbers (the inverse of `dims`), in JAX's
    /// parameter layout; the gather dimensions ride along unprinted for evaluation.
    static func scatter(_ ctx: JaxContext, _ kind: ScatterMode, _ operand: JaxValue, _ indices: JaxValue, _ updates: JaxValue,
                        _ dims: GatherDimensions, sortedUnique: Bool, mode: GatherScatterMode) throws(PyException) -> JaxValue {
        var p = Params()
        p.set(.scatterDimensionNumbers, scatterText(dims))
        p.set(.gatherDimensions, dims, shown: false)
        p.set(.indicesAreSorted, sortedUnique)
        p.set(.mode, mode)
        p.set(.uniqueIndices, sortedUnique)
        p.set(.updateConsts, "()")
        p.set(.updateJaxpr, kind.updateJaxpr(operand.dtype))
        return try Tracing.bind1(ctx, kind.primitive, [operand, indices, updates], p)
    }

    /// The ScatterDimensionNumbers that undo these gather dimensions, as JAX prints them.
    static func scatterText(_ d: GatherDimensions) -> String {
        func field(_ name: String, _ values: [Int]) -> String { name + "=" + ParamValue.tuple(values.map(String.init)) }
        return "ScatterDimensionNumbers(" + [
            field("update_window_dims", d.offsetDims), field("inserted_window_dims", d.collapsedSliceDims),
            field("scatter_dims_to_operand_dims", d.startIndexMap), field("operand_batching_dims", d.operandBatchingDims),
            field("scatter_indices_batching_dims", d.startIndicesBatchingDims),
        ].joined(separator: ", ") + ")"
    }

    /// The value a FILL_OR_DROP gather reads outside the operand, as `lax.gather` fills in a
    /// missing `fill_value`: NaN for floats, the lowest signed and highest unsigned integer, True.
    static func defaultFill(_ dtype: DType) -> ParamValue {
        switch dtype.kind {
        case .floating, .complex: return .text("nan")
        case .signedInteger: return .int(Int(dtype.integerRange.min))
        case .unsignedInteger: return .int(Int(clamping: dtype.integerRange.max))
        case .bool: return .bool(true)
        }
    }

    /// `lax.dynamic_slice`: a window of `sizes` at traced starts (clamped into the operand).
    static func dynamicSlice(_ ctx: JaxContext, _ x: JaxValue, _ starts: [JaxValue], sizes: [Int]) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .dynamicSlice, [x] + starts, Params().with(.sliceSizes, sizes))
    }

    /// `lax.dynamic_update_slice`: `update` written into `x` at traced starts.
    static func dynamicUpdateSlice(_ ctx: JaxContext, _ x: JaxValue, _ update: JaxValue, _ starts: [JaxValue]) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .dynamicUpdateSlice, [x, update] + starts)
    }

    /// The index form of gather: `x[items]`, the integer arrays of `items` (concrete or, in
    /// `traced`, traced) travelling as operands; the result's shape comes from running the
    /// kernel on a stand-in of x's shape.
    static func indexGather(_ ctx: JaxContext, _ x: JaxValue, _ items: [IndexItem], traced: [JaxValue?] = []) throws(PyException) -> JaxValue {
        let operands = [x] + IndexForm.operands(items, traced: traced)
        let shape = try Kernels.getItem(try IndexForm.probe(x.aval, ctx), items, semantics: .jax).shape
        var params = Params()
        params.set(.index, IndexExpression(items), shown: false)
        params.set(.resultShape, ShapeList([shape]), shown: false)
        params.set(.mode, .promiseInBounds)
        return try Tracing.bind1(ctx, .gather, operands, params)
    }
}

/// Index expressions whose integer-array parts travel as operands of gather and scatter (so
/// they can be traced).
enum IndexForm {
    /// The index arrays as operands, in order, with traced arrays in their slots.
    static func operands(_ items: [IndexItem], traced: [JaxValue?]) -> [JaxValue] {
        var out: [JaxValue] = []
        for item in items {
            guard case .array(let a) = item else { continue }
            let slot = out.count
            out.append((slot < traced.count ? traced[slot] : nil) ?? .array(a))
        }
        return out
    }

    /// Puts the operand arrays back into the `.array` slots of an index expression, in order.
    static func withArrays(_ items: [IndexItem], _ arrays: [JaxArray]) -> [IndexItem] {
        var next = 0
        return items.map { item in
            guard case .array = item, next < arrays.count else { return item }
            defer { next += 1 }
            return .array(arrays[next])
        }
    }

    /// A zero array of the value's shape and dtype, for running index kernels on shapes.
    static func probe(_ aval: ShapedArray, _ ctx: JaxContext) throws(PyException) -> JaxArray {
        try Kernels.full(shape: aval.shape, value: aval.dtype == .bool ? .bool(false) : (aval.dtype.isFloating ? .float(0) : .int(0)),
                         dtype: ctx.canonical(aval.dtype), limits: ctx.limits)
    }

    /// A scatter staged in JAX's form (an index-vector operand) rewritten to the index form
    /// the transpose and batching rules use; nil when the vector is not concrete.
    static func fromIndexVector(_ params: Params, _ vector: JaxValue) -> Params? {
        guard params.contains(.indexVector), let v = vector.concrete else { return nil }
        var p = Params()
        p.set(.index, IndexExpression((0..<v.count).map { .int(Int(truncatingIfNeeded: v.storage.int64(at: $0))) }), shown: false)
        p.set(.mode, .fillOrDrop)
        return p
    }
}

extension Lax {
    /// `x[..., idx, ...]` with one integer array standing at axis `k` among full slices, as
    /// jax.numpy lowers it: negative indices wrap (`select(idx < 0, idx + n, idx)`), the
    /// indices become int32 (int64 past 2^31 elements) with a trailing index-vector axis, and
    /// one gather reads the slices.
    static func takeAlongAxis(_ ctx: JaxContext, _ x: JaxValue, _ indices: JaxValue, axis k: Int) throws(PyException) -> JaxValue {
        var idx = try wrapNegative(ctx, indices, size: x.shape[k])
        let indexType: DType = x.shape.contains { $0 > Int(Int32.max) } ? .int64 : .int32
        idx = try convert(ctx, idx, to: indexType, weak: false)
        let r = idx.rank
        idx = try broadcastInDim(ctx, idx, shape: idx.shape + [1], dims: Array(0..<r))
        var sizes = x.shape
        sizes[k] = 1
        let dims = GatherDimensions.along(k, indexRank: r, operandRank: x.rank)
        return try gather(ctx, x, idx, dims, sliceSizes: sizes, sortedUnique: false, mode: .promiseInBounds)
    }

    /// lax's `_normalize_index`: `select(idx < 0, idx + size, idx)` for signed indices, the
    /// size a constant of the index's own dtype and weak type.
    static func wrapNegative(_ ctx: JaxContext, _ idx: JaxValue, size: Int) throws(PyException) -> JaxValue {
        guard idx.dtype.kind != .unsignedInteger else { return idx }
        let negative = try compare(ctx, .lt, idx, const(idx, 0))
        let wrapped = try add(ctx, idx, .array(JaxArray.scalar(.int(Int64(size)), dtype: idx.dtype, weak: idx.weakType)))
        return try select(ctx, negative, idx, wrapped)
    }

    /// `x[i0, i1, ...]` with one integer array per axis, all of one shape (how lax's sort
    /// JVP picks its tangents): a gather along the axis of a 1-D `x`, the index form of
    /// gather otherwise, as jax.numpy lowers such an index.
    static func takeAll(_ ctx: JaxContext, _ x: JaxValue, _ index: [JaxValue]) throws(PyException) -> JaxValue {
        if x.rank == 1, index.count == 1 { return try takeAlongAxis(ctx, x, index[0], axis: 0) }
        var items: [IndexItem] = []
        var traced: [JaxValue?] = []
        for v in index {
            if let a = v.concrete {
                items.append(.array(a))
                traced.append(nil)
            } else {
                items.append(.array(JaxArray(shape: v.shape, storage: .int32(Array(repeating: 0, count: v.aval.count)))))
                traced.append(v)
            }
        }
        return try indexGather(ctx, x, items, traced: traced)
    }
}
