/// lax.linalg's helpers on the trailing two axes of (batched) matrices: transposes, triangles,
/// products at HIGHEST precision, triangular solves and row permutations.
extension Lax {
    /// The last two axes swapped (`x.mT`).
    static func matrixTranspose(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        let r = x.rank
        guard r >= 2 else {
            // what lax.transpose says of swapaxes(-1, -2) on a vector
            let perm = r == 1 ? "(0, -1)" : "()"
            throw PyException.typeError("transpose permutation isn't a permutation of operand dimensions, got permutation \(perm) for operand shape \(Shape.describe(x.shape)).")
        }
        return try transpose(ctx, x, Array(0..<(r - 2)) + [r - 1, r - 2])
    }

    /// `_tril(x, k)` (keep where row + k >= column) or `_triu(x, k)` (zero where row + k - 1 >=
    /// column): one iota mask, broadcast over the batch, and a select.
    static func triangle(_ ctx: JaxContext, _ x: JaxValue, lower: Bool, k: Int = 0) throws(PyException) -> JaxValue {
        let n = x.shape[x.rank - 2], m = x.shape[x.rank - 1]
        let shift = constant(.int(Int64(lower ? k : k - 1)), .int32)
        let rows = try add(ctx, try iota(ctx, .int32, shape: [n, m], dimension: 0), shift)
        let mask = try compare(ctx, .ge, rows, try iota(ctx, .int32, shape: [n, m], dimension: 1))
        let lead = x.rank - 2
        let broadcastMask = lead == 0 ? mask : try broadcastInDim(ctx, mask, shape: Array(x.shape.prefix(lead)) + [n, m], dims: [lead, lead + 1])
        let zeros = try full(ctx, x, 0)
        return lower ? try select(ctx, broadcastMask, zeros, x) : try select(ctx, broadcastMask, x, zeros)
    }

    /// `lax.batch_matmul` (`lax.dot` for matrices) at `Precision.HIGHEST`.
    static func batchMatmul(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        let r = x.rank, batch = Array(0..<(r - 2))
        var params = Params()
        params.set(.dotDimensionNumbers, DotDimensions(contracting: ([r - 1], [r - 2]), batch: (batch, batch)))
        params.set(.precision, .text("(Precision.HIGHEST, Precision.HIGHEST)"))
        params.set(.preferredElementType, x.dtype)
        params.set(.outSharding, .none, shown: false)
        return try Tracing.bind1(ctx, .dotGeneral, [x, y], params)
    }

    /// `lax.linalg.triangular_solve(a, b, ...)`.
    static func triangularSolve(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, leftSide: Bool, lower: Bool, transposeA: Bool,
                                conjugateA: Bool = false, unitDiagonal: Bool) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .triangularSolve, [a, b], triangularSolveParams(leftSide: leftSide, lower: lower, transposeA: transposeA,
                                                                               conjugateA: conjugateA, unitDiagonal: unitDiagonal))
    }

    static func triangularSolveParams(leftSide: Bool, lower: Bool, transposeA: Bool, conjugateA: Bool, unitDiagonal: Bool) -> Params {
        var params = Params()
        params.set(.conjugateA, conjugateA)
        params.set(.leftSide, leftSide)
        params.set(.lower, lower)
        params.set(.transposeA, transposeA)
        params.set(.unitDiagonal, unitDiagonal)
        return params
    }

    /// Rows of `b` (..., m, n) picked by `perm` (..., m), each batch by its own permutation.
    static func permuteRows(_ ctx: JaxContext, _ b: JaxValue, _ perm: JaxValue) throws(PyException) -> JaxValue {
        let r = b.rank, batch = Array(0..<(r - 2))
        let idx = try broadcastInDim(ctx, perm, shape: perm.shape + [1], dims: Array(0..<perm.rank))
        let dims = GatherDimensions(offsetDims: [r - 1], collapsedSliceDims: [r - 2], startIndexMap: [r - 2],
                                    operandBatchingDims: batch, startIndicesBatchingDims: batch)
        return try gather(ctx, b, idx, dims, sliceSizes: batch.map { _ in 1 } + [1, b.shape[r - 1]], sortedUnique: false,
                          mode: .promiseInBounds)
    }

    /// `a[..., i, j]` as jnp's static indexing stages it: a slice and a squeeze.
    static func entry(_ ctx: JaxContext, _ a: JaxValue, _ i: Int, _ j: Int) throws(PyException) -> JaxValue {
        let r = a.rank
        var start = Array(repeating: 0, count: r), limit = a.shape
        start[r - 2] = i
        start[r - 1] = j
        limit[r - 2] = i + 1
        limit[r - 1] = j + 1
        return try squeeze(ctx, try slice(ctx, a, start: start, limit: limit), [r - 2, r - 1])
    }

    /// The main diagonal of the last two axes: its entries, concatenated.
    static func matrixDiagonal(_ ctx: JaxContext, _ a: JaxValue) throws(PyException) -> JaxValue {
        let n = Swift.min(a.shape[a.rank - 1], a.shape[a.rank - 2])
        var entries: [JaxValue] = []
        for i in 0..<n {
            let e = try entry(ctx, a, i, i)
            entries.append(try broadcastInDim(ctx, e, shape: e.shape + [1], dims: Array(0..<e.rank)))
        }
        return try Tracing.bind1(ctx, .concatenate, entries, Params().with(.dimension, a.rank - 2))
    }
}
