/// XLA's gather dimension numbers, printed as `lax.GatherDimensionNumbers`. A field a batching
/// rule computed with NumPy prints its entries as `np.int64(n)`, as in JAX.
public struct GatherDimensions: CustomStringConvertible {
    var offsetDims: [Int]
    var collapsedSliceDims: [Int]
    var startIndexMap: [Int]
    var operandBatchingDims: [Int] = []
    var startIndicesBatchingDims: [Int] = []
    /// Names of the fields whose entries are NumPy ints.
    var numpyFields: Set<String> = []

    public var description: String {
        func field(_ name: String, _ values: [Int]) -> String {
            let numpy = numpyFields.contains(name)
            return name + "=" + ParamValue.tuple(values.map { numpy ? "np.int64(\($0))" : String($0) })
        }
        return "GatherDimensionNumbers(" + [
            field("offset_dims", offsetDims), field("collapsed_slice_dims", collapsedSliceDims),
            field("start_index_map", startIndexMap), field("operand_batching_dims", operandBatchingDims),
            field("start_indices_batching_dims", startIndicesBatchingDims),
        ].joined(separator: ", ") + ")"
    }

    /// Indexing along one axis `k` with an index array of rank `indexRank` (plus its trailing
    /// index-vector axis): the index's axes stand where axis `k` stood, the other axes are
    /// windows of the operand.
    static func along(_ k: Int, indexRank: Int, operandRank: Int) -> GatherDimensions {
        GatherDimensions(offsetDims: Array(0..<k) + Array((k + indexRank)..<(operandRank - 1 + indexRank)),
                         collapsedSliceDims: [k], startIndexMap: [k])
    }

    /// Operand axes that become offset axes of the result, in order.
    func windowAxes(operandRank: Int) -> [Int] {
        (0..<operandRank).filter { !collapsedSliceDims.contains($0) && !operandBatchingDims.contains($0) }
    }
}

/// XLA's general gather, which `dynamic_slice` turns into under vmap (`mode=CLIP`: every start
/// index clamps so the slice stays inside the operand). Its shape, evaluation and batching
/// rules live here; jax.numpy indexing uses the index-expression form of `gather` instead.
enum SliceGather {
    static func dimensions(_ params: Params) -> GatherDimensions? {
        if case .gatherDimensions(let d)? = params["dimension_numbers"] { return d }
        return nil
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

    /// `gather`'s transpose rule: its cotangent scatter-added into zeros of the operand.
    static func transpose(_ ctx: JaxContext, _ ct: JaxValue, _ args: [TransposeArg], _ params: Params) throws(PyException) -> [JaxValue?] {
        guard let dims = dimensions(params), args.count == 2, let indices = args[1].value else {
            throw PyException.notImplemented("Transpose of a gather with traced indices and operand")
        }
        let zeros = try Lax.zeros(ctx, args[0].aval.with(weakType: false))
        let mode: ParamValue = params["mode"] ?? .text("GatherScatterMode.FILL_OR_DROP")
        return [try bindScatter(ctx, .scatterAdd, zeros, indices, ct, dims, sortedUnique: params.bool("unique_indices"), mode: mode), nil]
    }

    /// Binds a scatter primitive with ScatterDimensionNumbers (the inverse of `dims`), in JAX's
    /// parameter layout; the gather dimensions ride along unprinted for evaluation.
    static func bindScatter(_ ctx: JaxContext, _ prim: Primitive, _ operand: JaxValue, _ indices: JaxValue, _ updates: JaxValue,
                            _ dims: GatherDimensions, sortedUnique: Bool, mode: ParamValue) throws(PyException) -> JaxValue {
        var p = Params()
        p.set("dimension_numbers", .text(scatterText(dims)))
        p.set("gather_dimensions", .gatherDimensions(dims), shown: false)
        p.set("indices_are_sorted", .bool(sortedUnique))
        p.set("mode", mode)
        p.set("unique_indices", .bool(sortedUnique))
        p.set("update_consts", .text("()"))
        p.set("update_jaxpr", ScatterMode(prim).updateJaxpr(operand.dtype))
        return try Tracing.bind1(ctx, prim, [operand, indices, updates], p)
    }

    /// The transpose of a linear scatter (set or add) with dimension numbers: the operand's
    /// cotangent passes through (with the overwritten windows zeroed for `set`), the updates'
    /// cotangent is the gather of the cotangent.
    static func transposeScatter(_ ctx: JaxContext, _ prim: Primitive, _ ct: JaxValue, _ args: [TransposeArg],
                                 _ params: Params) throws(PyException) -> [JaxValue?] {
        guard case .gatherDimensions(let dims)? = params["gather_dimensions"], args.count == 3, let indices = args[1].value else {
            throw PyException.notImplemented("Transpose of a scatter with traced operand indices")
        }
        var operandCt: JaxValue?
        if args[0].isLinear {
            operandCt = prim == .scatterAdd ? ct
                : try bindScatter(ctx, .scatter, ct, indices, try Lax.zeros(ctx, args[2].aval.with(weakType: false)), dims,
                                  sortedUnique: params.bool("unique_indices"), mode: params["mode"] ?? .text("GatherScatterMode.FILL_OR_DROP"))
        }
        var updatesCt: JaxValue?
        if args[2].isLinear {
            var sizes = args[0].aval.shape
            for axis in dims.collapsedSliceDims + dims.operandBatchingDims where axis < sizes.count { sizes[axis] = 1 }
            updatesCt = try bind(ctx, ct, indices, dims, sliceSizes: sizes, sortedUnique: params.bool("unique_indices"),
                                 mode: "FILL_OR_DROP", fillValue: .int(0))
        }
        return [operandCt, nil, updatesCt]
    }

    /// Binds `gather` with dimension numbers, in JAX's parameter layout.
    /// `mode` is only printed: every index this project gathers with is in range or meant to
    /// clamp, so evaluation always clamps.
    static func bind(_ ctx: JaxContext, _ operand: JaxValue, _ indices: JaxValue, _ dims: GatherDimensions,
                     sliceSizes: [Int], sortedUnique: Bool, uniqueIndices: Bool? = nil, mode: String = "CLIP",
                     fillValue: ParamValue = .none) throws(PyException) -> JaxValue {
        var params = Params()
        params.set("dimension_numbers", .gatherDimensions(dims))
        params.set("fill_value", fillValue)
        params.set("indices_are_sorted", .bool(sortedUnique))
        params.set("mode", .text("GatherScatterMode." + mode))
        params.set("slice_sizes", .ints(sliceSizes))
        params.set("unique_indices", .bool(uniqueIndices ?? sortedUnique))
        return try Tracing.bind1(ctx, .gather, [operand, indices], params)
    }

    /// The result: batch axes of the indices (all but the last) around the window axes.
    static func outAval(_ operand: ShapedArray, _ indices: ShapedArray, _ dims: GatherDimensions, sliceSizes: [Int]) throws(PyException) -> ShapedArray {
        let batchShape = Array(indices.shape.dropLast())
        let window = dims.windowAxes(operandRank: operand.rank)
        guard sliceSizes.count == operand.rank, window.count == dims.offsetDims.count else {
            throw PyException.typeError("gather slice_sizes must have the same length as operand.shape; got \(sliceSizes.count) and \(operand.rank)")
        }
        for (d, size) in sliceSizes.enumerated() where size < 0 || size > operand.shape[d] {
            throw PyException.typeError("Slice size at index \(d) in gather op is out of range, must be within [0, \(operand.shape[d]) + 1), got \(size).")
        }
        let rank = batchShape.count + window.count
        var shape: [Int] = []
        var nextBatch = 0
        for axis in 0..<rank {
            if let j = dims.offsetDims.firstIndex(of: axis) {
                shape.append(sliceSizes[window[j]])
            } else if nextBatch < batchShape.count {
                shape.append(batchShape[nextBatch])
                nextBatch += 1
            }
        }
        return ShapedArray(shape: shape, dtype: operand.dtype, weakType: operand.weakType)
    }

    /// Evaluates the gather: each start index clamps into the operand, or with `fill` (mode
    /// FILL_OR_DROP) a window that does not fit reads the fill value instead.
    static func evaluate(_ operand: JaxArray, _ indices: JaxArray, _ dims: GatherDimensions, sliceSizes: [Int],
                         fill: JaxArray? = nil) throws(PyException) -> JaxArray {
        let (shape, flat) = try offsets(operand.shape, ShapedArray(operand), indices, dims, sliceSizes: sliceSizes, clamp: fill == nil)
        guard let fill, flat.contains(where: { $0 == nil }) else {
            return JaxArray(shape: shape, storage: operand.storage.gathered(flat.map { $0 ?? 0 }))
        }
        // the fill value sits just past the operand's elements
        let extended = try Kernels.concatenate([operand.withShape([operand.count]),
                                                Kernels.cast(fill, to: operand.dtype, semantics: .jax).withShape([1])], axis: 0)
        return JaxArray(shape: shape, storage: extended.storage.gathered(flat.map { $0 ?? operand.count }))
    }

    /// The value a FILL_OR_DROP gather reads outside the operand, as `lax.gather` fills in a
    /// missing `fill_value`: NaN for floats, the lowest signed and highest unsigned integer, True.
    static func defaultFill(_ dtype: DType) -> ParamValue {
        switch dtype.kind {
        case .floating: return .text("nan")
        case .signedInteger: return .int(Int(dtype.integerRange.min))
        case .unsignedInteger: return .int(Int(clamping: dtype.integerRange.max))
        case .bool: return .bool(true)
        }
    }

    /// The fill value of a gather's parameters as an array (nil: the gather clamps).
    static func fillArray(_ params: Params, dtype: DType) -> JaxArray? {
        guard case .text(let mode)? = params["mode"], mode.hasSuffix("FILL_OR_DROP") else { return nil }
        let value: Double
        switch params["fill_value"] {
        case .text(let text)?: value = Double(text) ?? .nan
        case .int(let v)?: value = Double(v)
        case .bool(let b)?: value = b ? 1 : 0
        default: value = 0
        }
        if dtype == .uint64, case .int(let v)? = params["fill_value"] {
            return JaxArray.scalar(.int(Int64(truncatingIfNeeded: v)), dtype: .int64)
        }
        return JaxArray.scalar(.float(value), dtype: .float64)
    }

    /// A scatter: `updates` (shaped like the matching gather's result) combined into
    /// `operand` where that gather would read them, one after another; windows that fall
    /// outside the operand are dropped unless `clamp`.
    static func scatter(_ operand: JaxArray, _ indices: JaxArray, _ updates: JaxArray, _ dims: GatherDimensions,
                        mode: ScatterMode, clamp: Bool) throws(PyException) -> JaxArray {
        var sliceSizes = operand.shape
        for axis in dims.collapsedSliceDims + dims.operandBatchingDims where axis < sliceSizes.count { sliceSizes[axis] = 1 }
        for (j, axis) in dims.windowAxes(operandRank: operand.rank).enumerated() where j < dims.offsetDims.count && dims.offsetDims[j] < updates.rank {
            sliceSizes[axis] = updates.shape[dims.offsetDims[j]]
        }
        let (shape, flat) = try offsets(operand.shape, ShapedArray(operand), indices, dims, sliceSizes: sliceSizes, clamp: clamp)
        guard shape == updates.shape else {
            throw PyException.typeError("scatter updates shape \(Shape.describe(updates.shape)) does not match \(Shape.describe(shape))")
        }
        // the element positions each update lands on, as one index expression per update
        let values = Kernels.cast(updates, to: operand.dtype, semantics: .jax)
        var result = operand
        let targets = flat.enumerated().compactMap { i, t in t.map { (i, $0) } }
        guard !targets.isEmpty else { return operand }
        let flatOperand = operand.withShape([operand.count])
        let positions = JaxArray(shape: [targets.count], storage: .int64(targets.map { Int64($0.1) }))
        let sources = JaxArray(shape: [targets.count], storage: values.storage.gathered(targets.map(\.0)))
        result = try Kernels.scatter(flatOperand, [.array(positions)], updates: sources, mode: mode, semantics: .jax)
        return result.withShape(operand.shape)
    }

    /// The result's shape and, per result element, the operand element it reads (nil when its
    /// window falls outside the operand and `clamp` is off). Each batch position reads one index
    /// vector and covers one window, whose element offsets are computed once.
    private static func offsets(_ operandShape: [Int], _ operand: ShapedArray, _ indices: JaxArray, _ dims: GatherDimensions,
                                sliceSizes: [Int], clamp: Bool) throws(PyException) -> ([Int], [Int?]) {
        let out = try outAval(operand, ShapedArray(indices), dims, sliceSizes: sliceSizes)
        let count = try Shape.checkedCount(out.shape, itemSize: operand.dtype.itemSize)
        let window = dims.windowAxes(operandRank: operandShape.count)
        let batchAxes = (0..<out.shape.count).filter { !dims.offsetDims.contains($0) }
        let outStrides = Shape.strides(out.shape)
        let operandStrides = Shape.strides(operandShape)
        let windowSizes = window.map { sliceSizes[$0] }
        let windowOperand = offsets(windowSizes, strides: window.map { operandStrides[$0] })
        let windowOut = offsets(windowSizes, strides: dims.offsetDims.map { outStrides[$0] })
        let batchShape = Array(indices.shape.dropLast())
        let batchOut = offsets(batchShape, strides: batchAxes.map { outStrides[$0] })
        let vectorSize = indices.shape.last ?? 0
        let batchPositions = batchShape.reduce(1, *)
        var flat = [Int?](repeating: 0, count: count)
        var start = [Int](repeating: 0, count: operandShape.count)
        var position = [Int](repeating: 0, count: batchShape.count)
        for g in 0..<batchPositions {
            for axis in start.indices { start[axis] = 0 }
            for k in 0..<Swift.min(vectorSize, dims.startIndexMap.count) {
                start[dims.startIndexMap[k]] = Int(truncatingIfNeeded: indices.storage.int64(at: g * vectorSize + k))
            }
            for (operandAxis, indexAxis) in zip(dims.operandBatchingDims, dims.startIndicesBatchingDims) where indexAxis < position.count {
                start[operandAxis] = position[indexAxis]
            }
            var base: Int? = 0
            for axis in 0..<operandShape.count {
                let limit = Swift.max(operandShape[axis] - sliceSizes[axis], 0)
                if !clamp && (start[axis] < 0 || start[axis] > limit) { base = nil; break }
                base? += Swift.min(Swift.max(start[axis], 0), limit) * operandStrides[axis]
            }
            let outBase = batchOut[g]
            for w in windowOperand.indices { flat[outBase + windowOut[w]] = base.map { $0 + windowOperand[w] } }
            Shape.advance(&position, in: batchShape)
        }
        return (out.shape, flat)
    }

    /// The offsets `sum(i[a] * strides[a])` of every position `i` of `shape`, row-major.
    private static func offsets(_ shape: [Int], strides: [Int]) -> [Int] {
        var result = [0]
        for (n, stride) in zip(shape, strides) {
            var next: [Int] = []
            next.reserveCapacity(result.count * n)
            for r in result { for i in 0..<n { next.append(r + i * stride) } }
            result = next
        }
        return result
    }

    /// lax's gather batching rule for the three ways operand and indices can be batched.
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ bdims: [Int?], _ params: Params) throws(PyException) -> ([JaxValue], [Int?]) {
        guard var dims = dimensions(params), xs.count == 2 else { throw PyException.typeError("gather takes an operand and indices") }
        var sizes = params.ints("slice_sizes")
        let shift = { (v: [Int]) in v.map { $0 + 1 } }
        let sortedUnique = params.bool("unique_indices")
        var mode = "CLIP"
        if case .text(let m)? = params["mode"], m.hasPrefix("GatherScatterMode.") { mode = String(m.dropFirst("GatherScatterMode.".count)) }
        switch (bdims[0], bdims[1]) {
        case (let od?, nil):
            let operand = try Lax.moveAxis(ctx, xs[0], from: od, to: 0)
            sizes.insert(operand.shape[0], at: 0)
            dims = GatherDimensions(offsetDims: [0] + shift(dims.offsetDims), collapsedSliceDims: shift(dims.collapsedSliceDims),
                                    startIndexMap: shift(dims.startIndexMap), operandBatchingDims: shift(dims.operandBatchingDims),
                                    startIndicesBatchingDims: dims.startIndicesBatchingDims,
                                    numpyFields: ["offset_dims", "collapsed_slice_dims", "start_index_map", "operand_batching_dims"])
            return ([try bind(ctx, operand, xs[1], dims, sliceSizes: sizes, sortedUnique: sortedUnique, mode: mode)], [0])
        case (nil, let id?):
            let indices = try Lax.moveAxis(ctx, xs[1], from: id, to: 0)
            dims.offsetDims = shift(dims.offsetDims)
            dims.startIndicesBatchingDims = shift(dims.startIndicesBatchingDims)
            dims.numpyFields.insert("start_indices_batching_dims")
            return ([try bind(ctx, xs[0], indices, dims, sliceSizes: sizes, sortedUnique: false, mode: mode)], [0])
        case (let od?, let id?):
            let operand = try Lax.moveAxis(ctx, xs[0], from: od, to: 0)
            let indices = try Lax.moveAxis(ctx, xs[1], from: id, to: 0)
            sizes.insert(operand.shape[0] == 0 ? 0 : 1, at: 0)
            dims = GatherDimensions(offsetDims: shift(dims.offsetDims), collapsedSliceDims: shift(dims.collapsedSliceDims),
                                    startIndexMap: shift(dims.startIndexMap), operandBatchingDims: [0] + shift(dims.operandBatchingDims),
                                    startIndicesBatchingDims: [0] + shift(dims.startIndicesBatchingDims),
                                    numpyFields: ["offset_dims", "collapsed_slice_dims", "start_index_map"])
            return ([try bind(ctx, operand, indices, dims, sliceSizes: sizes, sortedUnique: sortedUnique, mode: mode)], [0])
        case (nil, nil):
            return ([try Tracing.bind1(ctx, .gather, xs, params)], [nil])
        }
    }

    /// vmap of `dynamic_slice`: the start indices become one index vector per example and the
    /// slice a clamping gather, as lax's rule does it.
    static func batchDynamicSlice(_ ctx: JaxContext, _ xs: [JaxValue], _ bdims: [Int?], _ params: Params,
                                  size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        guard let operand = xs.first else { throw PyException.typeError("dynamic_slice needs an operand") }
        let rank = operand.rank - (bdims[0] == nil ? 0 : 1)
        let starts = Array(xs.dropFirst()), startDims = Array(bdims.dropFirst())
        var index: JaxValue
        var indexDim: Int?
        if startDims.allSatisfy({ $0 == nil }) {
            var pieces: [JaxValue] = []
            for s in starts { pieces.append(try JNP.broadcastInDim(ctx, s, shape: [1], dims: [])) }
            index = pieces.count == 1 ? pieces[0] : try Tracing.bind1(ctx, .concatenate, pieces, Params([("dimension", .int(0))]))
        } else {
            var pieces: [JaxValue] = []
            for (s, d) in zip(starts, startDims) {
                pieces.append(try JNP.broadcastInDim(ctx, s, shape: [size, 1], dims: d == nil ? [] : [0]))
            }
            index = pieces.count == 1 ? pieces[0] : try Tracing.bind1(ctx, .concatenate, pieces, Params([("dimension", .int(1))]))
            indexDim = 0
        }
        let dims = GatherDimensions(offsetDims: Array(0..<rank), collapsedSliceDims: [], startIndexMap: Array(0..<rank))
        var gatherParams = Params()
        gatherParams.set("dimension_numbers", .gatherDimensions(dims))
        gatherParams.set("slice_sizes", .ints(params.ints("slice_sizes")))
        gatherParams.set("unique_indices", .bool(true))
        return try batch(ctx, [operand, index], [bdims[0], indexDim], gatherParams)
    }
}
