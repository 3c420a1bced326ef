/// XLA's gather dimension numbers, printed as `lax.GatherDimensionNumbers`. A field a batching
/// rule computed with NumPy prints its entries as `np.int64(n)`, as in JAX.
public struct GatherDimensions: Sendable, CustomStringConvertible {
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

/// XLA's general gather and scatter on concrete arrays, by GatherDimensionNumbers: which
/// operand element each result element reads (or each update writes).
enum GatherKernels {
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
}
