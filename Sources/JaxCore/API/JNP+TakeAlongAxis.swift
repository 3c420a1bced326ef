/// `jnp.take_along_axis`: JAX's jitted function, one gather whose batching dimensions pair
/// the array's other axes with the indices' (size-1 index axes take the whole array axis).
extension JNP {
    /// `take_along_axis(arr, indices, axis, mode, fill_value)`; `mode` nil reads out-of-range
    /// indices as `fillValue` (FILL_OR_DROP), as JAX's default does.
    public static func takeAlongAxis(_ ctx: JaxContext, _ arr: JaxValue, _ indices: JaxValue, axis: Int?,
                                     mode: GatherScatterMode?, fillValue: ParamValue?, wrapNegative: Bool?) throws(PyException) -> JaxValue {
        guard indices.dtype.isInteger else {
            throw PyException.typeError("take_along_axis indices must be of integer type, got \(indices.dtype.name)")
        }
        if axis == nil && indices.rank != 1 {
            throw PyException.valueError("take_along_axis indices must be 1D if axis=None, got shape \(Shape.describe(indices.shape))")
        }
        let rank = axis == nil ? 1 : arr.rank
        if rank != indices.rank {
            throw PyException.valueError("indices and arr must have the same number of dimensions; \(indices.rank) vs. \(rank)")
        }
        let k = try AxisRules.normalize(axis ?? 0, rank: rank)
        let key = "\(k)|\(axis == nil)|\(String(describing: mode))|\(String(describing: fillValue))|\(String(describing: wrapNegative))"
        return try jitted(ctx, name: "take_along_axis", [arr, indices], cacheKey: key) { args throws(PyException) -> JaxValue in
            var a = axis == nil ? try reshape(ctx, args[0], [args[0].aval.count]) : args[0]
            var idx = args[1]
            var arrShape = a.shape
            arrShape[k] = 1
            let outShape: [Int]
            do {
                outShape = try Kernels.broadcastShapes([idx.shape, arrShape])
            } catch {
                throw PyException.valueError("Incompatible shapes for broadcasting: shapes=[\(Shape.describe(idx.shape)), \(Shape.describe(arrShape))]")
            }
            let size = a.shape[k]
            if size == 0 { return try Lax.full(ctx, outShape, .int(0), dtype: a.dtype) }
            let wraps = wrapNegative ?? (mode != .promiseInBounds)
            if wraps {
                idx = try convert(ctx, idx, to: size > Int(Int32.max) ? .int64 : .int32)
                idx = try Lax.wrapNegative(ctx, idx, size: size)
            }
            let indexAxes = (0..<rank).filter { $0 == k || idx.shape[$0] != 1 }
            idx = try Lax.reshape(ctx, idx, indexAxes.map { outShape[$0] } + [1])
            var dims = GatherDimensions(offsetDims: [], collapsedSliceDims: [], startIndexMap: [])
            var sliceSizes: [Int] = [], squeezed: [Int] = []
            var kept = 0, indexAxis = 0
            for i in 0..<rank {
                if i == k {
                    sliceSizes.append(1)
                    dims.startIndexMap.append(kept)
                    dims.collapsedSliceDims.append(kept)
                    kept += 1
                    indexAxis += 1
                } else if indices.shape[i] == 1 {
                    // the whole array axis is taken: no index needed along it
                    dims.offsetDims.append(i)
                    sliceSizes.append(arrShape[i])
                    kept += 1
                } else if arrShape[i] == 1 {
                    squeezed.append(i)
                    indexAxis += 1
                } else {
                    sliceSizes.append(arrShape[i] == 0 ? 0 : 1)
                    dims.operandBatchingDims.append(kept)
                    dims.startIndicesBatchingDims.append(indexAxis)
                    kept += 1
                    indexAxis += 1
                }
            }
            if !squeezed.isEmpty { a = try Lax.squeeze(ctx, a, squeezed) }
            // lax.gather keeps a fill value (nan, the lowest integer, ...) only for FILL_OR_DROP
            let gatherMode = mode ?? .fillOrDrop
            let fill = gatherMode == .fillOrDrop ? fillValue ?? Lax.defaultFill(a.dtype) : ParamValue.none
            return try Lax.gather(ctx, a, idx, dims, sliceSizes: sliceSizes, sortedUnique: false, mode: gatherMode, fillValue: fill)
        }
    }
}
