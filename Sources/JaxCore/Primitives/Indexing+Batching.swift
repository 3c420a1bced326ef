/// vmap of gather and the scatters in their index form (`x[...]`, `.at[...]` with index
/// arrays among the operands).
extension Primitive {
    /// The index form batched: a batched operand (and updates) gets a leading full slice; a
    /// batched index array either lands where the index's axes land (one array into an
    /// unbatched operand) or pairs each example with its slice through a leading `arange(B)`.
    static func batchIndexForm(_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                               size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        if params.contains(.indexVector) {
            guard xs.count == 3, dims[1] == nil, let p = IndexForm.fromIndexVector(params, xs[1]) else {
                throw PyException.notImplemented("vmap of a scatter with a traced index is not supported")
            }
            return try batchIndexForm(prim, ctx, [xs[0], xs[2]], [dims[0], dims[2]], p, size: size)
        }
        let last = xs.count - 1
        let indexDims = prim == .gather ? dims.dropFirst() : dims.dropFirst().dropLast()
        guard let items = params[.index]?.items else {
            throw PyException.notImplemented("vmap of \(prim.name) without an index")
        }
        if prim == .gather, dims[0] == nil, indexDims.count == 1, let d = indexDims.first, let bd = d {
            return try gatherBatchedIndex(ctx, xs, bd, items, params, size: size)
        }
        if indexDims.contains(where: { $0 != nil }) {
            return try batchedIndices(ctx, prim, xs, dims, items, params, size: size)
        }
        var operands = xs
        operands[0] = try Batching.atFront(ctx, xs[0], dims[0], size: size)
        let newItems: [IndexItem] = [.slice(start: nil, stop: nil, step: nil)] + items
        var p = params
        p.set(.index, IndexExpression(newItems), shown: false)
        if prim == .gather {
            if let shape = params[.resultShape]?.shapes.first {
                p.set(.resultShape, ShapeList([[size] + shape]), shown: false)
            }
            return ([try Tracing.bind1(ctx, prim, operands, p)], [0])
        }
        // updates broadcast against the indexed region, which now leads with the batch axis: an
        // unbatched update broadcasts as it is; a batched one keeps its batch axis in front of
        // its other axes, aligned to the region's trailing axes
        if let d = dims[last] {
            var u = try Lax.moveAxis(ctx, xs[last], from: d, to: 0)
            let region = try Kernels.getItem(try IndexForm.probe(operands[0].aval, ctx),
                                             IndexForm.withArrays(newItems, indexArrays(operands)), semantics: .jax).shape
            let missing = region.count - u.rank
            if missing > 0 { u = try Lax.reshape(ctx, u, [size] + Array(repeating: 1, count: missing) + Array(u.shape.dropFirst())) }
            operands[last] = u
        }
        return ([try Tracing.bind1(ctx, prim, operands, p)], [0])
    }

    /// The concrete index arrays among a scatter's operands (between the operand and the
    /// updates), as stand-ins for the kernel's shape probe.
    private static func indexArrays(_ operands: [JaxValue]) -> [JaxArray] {
        operands.dropFirst().dropLast().map { v in v.concrete ?? JaxArray(shape: v.shape, storage: .int32(Array(repeating: 0, count: v.aval.count))) }
    }

    /// `x[..., idx, ...]` with one batched index array into an unbatched operand: the batch
    /// axis of the index becomes an axis of the result where the index's axes land.
    private static func gatherBatchedIndex(_ ctx: JaxContext, _ xs: [JaxValue], _ bd: Int, _ items: [IndexItem], _ params: Params,
                                           size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let index = try Lax.moveAxis(ctx, xs[1], from: bd, to: 0)
        var newItems: [IndexItem] = []
        var position = 0
        var outDim = 0
        var seenArray = false
        for item in items {
            switch item {
            case .array:
                newItems.append(.array(JaxArray(shape: index.shape, storage: .int32(Array(repeating: 0, count: index.aval.count)))))
                outDim = position
                seenArray = true
            case .slice, .newAxis:
                newItems.append(item)
                if !seenArray { position += 1 }
            case .int, .ellipsis:
                newItems.append(item)
            }
        }
        let zeros = try Kernels.full(shape: xs[0].shape, value: .int(0), dtype: xs[0].dtype, limits: ctx.limits)
        let probe = try Kernels.getItem(zeros, newItems, semantics: .jax)
        var p = params
        p.set(.index, IndexExpression(newItems), shown: false)
        p.set(.resultShape, ShapeList([probe.shape]), shown: false)
        return ([try Tracing.bind1(ctx, .gather, [xs[0], index], p)], [outDim])
    }

    private static func batchedIndices(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ dims: [Int?], _ items: [IndexItem],
                               _ params: Params, size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        var arrayShapes: [[Int]] = []
        var firstAdvanced: Int?
        var before = 0
        for item in items {
            switch item {
            case .array(let a):
                guard a.dtype != .bool else {
                    throw PyException.notImplemented("vmap of boolean mask indexing is not supported")
                }
                arrayShapes.append(a.shape)
                if firstAdvanced == nil { firstAdvanced = before }
            case .int:
                arrayShapes.append([])
                if firstAdvanced == nil { firstAdvanced = before }
            case .slice, .newAxis:
                before += 1
            case .ellipsis:
                break
            }
        }
        let common = try Kernels.broadcastShapes(arrayShapes)
        let r = common.count
        let operand = try Batching.atFront(ctx, xs[0], dims[0], size: size)
        let iota = try Kernels.iota(dtype: .int32, shape: [size] + Array(repeating: 1, count: r), dimension: 0, limits: ctx.limits)
        var operands: [JaxValue] = [operand, .array(iota)]
        var newItems: [IndexItem] = [.array(iota)]
        var slot = 1
        for item in items {
            guard case .array(let a) = item else {
                newItems.append(item)
                continue
            }
            guard slot < xs.count else { throw PyException.notImplemented("vmap of \(prim.name): index operands missing") }
            var index = xs[slot]
            if let d = dims[slot] {
                // batch axis first, then size-1 axes so it lines up with the iota's
                index = try Lax.moveAxis(ctx, index, from: d, to: 0)
                index = try Lax.reshape(ctx, index, [size] + Array(repeating: 1, count: r - a.rank) + a.shape)
            }
            operands.append(index)
            newItems.append(.array(JaxArray(shape: index.shape, storage: .int32(Array(repeating: 0, count: index.aval.count)))))
            slot += 1
        }
        let zeros = try Kernels.full(shape: operand.shape, value: .int(0), dtype: operand.dtype, limits: ctx.limits)
        let shape = try Kernels.getItem(zeros, newItems, semantics: .jax).shape
        // The leading iota makes the advanced indices non-adjacent, so their block comes first;
        // one example's result had it after the `q` slice and newaxis dimensions before it.
        var perm = Array(0..<shape.count)
        let q = firstAdvanced ?? 0
        if isAdjacent(items) && q > 0 {
            let others = shape.count - 1 - r
            perm = [0] + Array((r + 1)..<(r + 1 + q)) + Array(1..<(r + 1)) + Array((r + 1 + q)..<(r + 1 + others))
        }
        var p = params
        p.set(.index, IndexExpression(newItems), shown: false)
        if prim == .gather {
            p.set(.resultShape, ShapeList([shape]), shown: false)
            return ([try Lax.transpose(ctx, try Tracing.bind1(ctx, .gather, operands, p), perm)], [0])
        }
        // scatter: updates laid out as one example's result, batch axis first, then permuted
        // into the gathered layout
        guard let last = xs.indices.last else { throw PyException.notImplemented("vmap of \(prim.name) without updates") }
        var updates = try Batching.atFront(ctx, xs[last], dims[last], size: size)
        if updates.rank < shape.count {
            let pad = Array(repeating: 1, count: shape.count - updates.rank)
            updates = try Lax.reshape(ctx, updates, [size] + pad + Array(updates.shape.dropFirst()))
        }
        var inverse = perm
        for (i, d) in perm.enumerated() { inverse[d] = i }
        operands.append(try Lax.transpose(ctx, updates, inverse))
        return ([try Tracing.bind1(ctx, prim, operands, p)], [0])
    }

    /// Whether the advanced indices (arrays, and ints beside them) sit next to each other,
    /// which keeps their broadcast block in place (NumPy's rule).
    private static func isAdjacent(_ items: [IndexItem]) -> Bool {
        var positions: [Int] = []
        for (p, item) in items.enumerated() {
            switch item {
            case .array, .int: positions.append(p)
            default: break
            }
        }
        guard let first = positions.first, let last = positions.last else { return true }
        return last - first + 1 == positions.count
    }
}
