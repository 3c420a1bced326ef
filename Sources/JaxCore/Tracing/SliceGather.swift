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

    /// Binds `gather` with dimension numbers, in JAX's parameter layout.
    /// `mode` is only printed: every index this project gathers with is in range or meant to
    /// clamp, so evaluation always clamps.
    static func bind(_ ctx: JaxContext, _ operand: JaxValue, _ indices: JaxValue, _ dims: GatherDimensions,
                     sliceSizes: [Int], sortedUnique: Bool, mode: String = "CLIP") throws(PyException) -> JaxValue {
        var params = Params()
        params.set("dimension_numbers", .gatherDimensions(dims))
        params.set("fill_value", .none)
        params.set("indices_are_sorted", .bool(sortedUnique))
        params.set("mode", .text("GatherScatterMode." + mode))
        params.set("slice_sizes", .ints(sliceSizes))
        params.set("unique_indices", .bool(sortedUnique))
        return try Tracing.bind1(ctx, .gather, [operand, indices], params)
    }

    /// The result: batch axes of the indices (all but the last) around the window axes.
    static func outAval(_ operand: ShapedArray, _ indices: ShapedArray, _ dims: GatherDimensions, sliceSizes: [Int]) throws(PyException) -> ShapedArray {
        let batchShape = Array(indices.shape.dropLast())
        let window = dims.windowAxes(operandRank: operand.rank)
        guard sliceSizes.count == operand.rank, window.count == dims.offsetDims.count else {
            throw PyException.typeError("gather slice_sizes must have the same length as operand.shape; got \(sliceSizes.count) and \(operand.rank)")
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

    /// Evaluates the gather, clamping each start index into the operand. The result is
    /// built as (batch position, window position) pairs: each batch position reads one index
    /// vector and copies one window, whose element offsets are computed once.
    static func evaluate(_ operand: JaxArray, _ indices: JaxArray, _ dims: GatherDimensions, sliceSizes: [Int]) throws(PyException) -> JaxArray {
        let out = try outAval(ShapedArray(operand), ShapedArray(indices), dims, sliceSizes: sliceSizes)
        let count = try Shape.checkedCount(out.shape, itemSize: operand.dtype.itemSize)
        let window = dims.windowAxes(operandRank: operand.rank)
        let batchAxes = (0..<out.shape.count).filter { !dims.offsetDims.contains($0) }
        let outStrides = Shape.strides(out.shape)
        let operandStrides = Shape.strides(operand.shape)
        // every (offset within the operand, offset within the result) of one window
        let windowSizes = window.map { sliceSizes[$0] }
        let windowOperand = offsets(windowSizes, strides: window.map { operandStrides[$0] })
        let windowOut = offsets(windowSizes, strides: dims.offsetDims.map { outStrides[$0] })
        // every batch position's offset within the result, in the indices' row-major order
        let batchShape = Array(indices.shape.dropLast())
        let batchOut = offsets(batchShape, strides: batchAxes.map { outStrides[$0] })
        let vectorSize = indices.shape.last ?? 0
        let batchPositions = batchShape.reduce(1, *)
        var flat = [Int](repeating: 0, count: count)
        var start = [Int](repeating: 0, count: operand.rank)
        var position = [Int](repeating: 0, count: batchShape.count)
        for g in 0..<batchPositions {
            for axis in start.indices { start[axis] = 0 }
            for k in 0..<Swift.min(vectorSize, dims.startIndexMap.count) {
                start[dims.startIndexMap[k]] = Int(truncatingIfNeeded: indices.storage.int64(at: g * vectorSize + k))
            }
            for (operandAxis, indexAxis) in zip(dims.operandBatchingDims, dims.startIndicesBatchingDims) where indexAxis < position.count {
                start[operandAxis] = position[indexAxis]
            }
            var base = 0
            for axis in 0..<operand.rank {
                let clamped = Swift.min(Swift.max(start[axis], 0), Swift.max(operand.shape[axis] - sliceSizes[axis], 0))
                base += clamped * operandStrides[axis]
            }
            let outBase = batchOut[g]
            for w in windowOperand.indices { flat[outBase + windowOut[w]] = base + windowOperand[w] }
            Shape.advance(&position, in: batchShape)
        }
        return JaxArray(shape: out.shape, storage: operand.storage.gathered(flat))
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
