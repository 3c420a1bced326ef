/// vmap of `x[idx]` and `x.at[idx].add(u)` (gather, scatter) where index arrays carry the
/// batch axis (with or without a batched operand): as JAX's batching rules, each example
/// reaches its own slice of the operand through an extra leading index `arange(B)` broadcast
/// against the original index arrays.
extension BatchRules {
    static func batchedIndices(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ dims: [Int?], _ items: [IndexItem],
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
        let operand = try atFront(ctx, xs[0], dims[0], size: size)
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
        p.set("index", .index(newItems), shown: false)
        if prim == .gather {
            p.set("result_shape", .shapes([shape]), shown: false)
            return ([try Lax.transpose(ctx, try Tracing.bind1(ctx, .gather, operands, p), perm)], [0])
        }
        // scatter: updates laid out as one example's result, batch axis first, then permuted
        // into the gathered layout
        guard let last = xs.indices.last else { throw PyException.notImplemented("vmap of \(prim.name) without updates") }
        var updates = try atFront(ctx, xs[last], dims[last], size: size)
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
