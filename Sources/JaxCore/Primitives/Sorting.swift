/// `sort` (several operands sorted together by the first `num_keys`) and `top_k`.
extension Primitive {
    static var sorting: [Primitive] { [.sort, .topK] }

    static let sort: Primitive = Primitive("sort", Rules(
        abstractEval: { ins, _ throws(PyException) in
            guard let first = ins.first else { throw PyException.typeError("sort requires at least one operand") }
            guard ins.allSatisfy({ $0.shape == first.shape }) else {
                throw PyException.typeError("sort arguments must have the same shape, got \(ins.map { Shape.describe($0.shape) }.joined(separator: ", "))")
            }
            return ins
        },
        evaluate: { ctx, xs, params throws(PyException) in
            try Kernels.sort(xs, dimension: try params.required(.dimension), numKeys: try params.required(.numKeys),
                             limits: ctx.limits, interrupt: ctx.interrupt)
        },
        jvp: .rule(sortJVP),
        transpose: .notLinear,
        batch: .rule { prim, ctx, xs, dims, params, _ throws(PyException) in
            // as lax's rule: unbatched operands are broadcast, batched ones moved to the first
            // batched operand's axis
            guard let (prototype, bd) = zip(xs, dims).first(where: { $0.1 != nil }).map({ ($0.0, $0.1 ?? 0) }) else {
                throw prim.missingRule(.batching)
            }
            var operands: [JaxValue] = []
            for (x, d) in zip(xs, dims) {
                if let d {
                    operands.append(try Lax.moveAxis(ctx, x, from: d, to: bd))
                } else {
                    let kept = (0..<prototype.rank).filter { $0 != bd }
                    operands.append(try Lax.broadcastInDim(ctx, x, shape: prototype.shape, dims: kept))
                }
            }
            let dimension = try params.required(.dimension)
            let outs = try Tracing.bind(ctx, prim, operands, params.with(.dimension, dimension + (bd <= dimension ? 1 : 0)))
            return (outs, Array(repeating: bd, count: outs.count))
        }))

    /// lax's sort rule: an iota sorted along with the operands gives the order, which then
    /// picks the tangents (the other axes indexed by their own iotas), as `t[idx]` does.
    private static func sortJVP(_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?],
                                _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        guard ts.contains(where: { $0 != nil }), let shape = xs.first?.shape else {
            let outs = try Tracing.bind(ctx, prim, xs, params)
            return (outs, Array(repeating: nil, count: outs.count))
        }
        let dimension = try params.required(.dimension)
        var iotas: [JaxValue] = []
        for axis in shape.indices { iotas.append(try Lax.iota(ctx, .int32, shape: shape, dimension: axis)) }
        let sorted = try Tracing.bind(ctx, prim, xs + [iotas[dimension]], params)
        guard let order = sorted.last else { throw PyException.typeError("sort returned no operands") }
        let index = shape.indices.map { $0 == dimension ? order : iotas[$0] }
        var tangents: [JaxValue?] = []
        for t in ts { tangents.append(try t.map { (t: JaxValue) throws(PyException) -> JaxValue in try Lax.takeAll(ctx, t, index) }) }
        return (Array(sorted.dropLast()), tangents)
    }

    /// The `k` largest along `axis`: the values and their int32 positions.
    static let topK: Primitive = Primitive("top_k", Rules(
        abstractEval: { ins, params throws(PyException) in
            let x = try Operands.first(ins)
            let k = try params.required(.k), axis = try params.required(.axis)
            guard k >= 0 else { throw PyException.valueError("k argument to top_k must be nonnegative, got \(k)") }
            guard x.rank > 0 else { throw PyException.typeError("top_k operand must have >= 1 dimension, got ()") }
            guard axis >= 0 && axis < x.rank else {
                throw PyException.valueError("axis argument out of range: axis=\(axis) for operand.shape=\(Shape.describe(x.shape))")
            }
            guard x.shape[axis] >= k else {
                throw PyException.valueError("k argument to top_k must be no larger than size along axis; got k=\(k) with shape=[\(x.shape.map(String.init).joined(separator: ", "))] and axis=\(axis)")
            }
            var shape = x.shape
            shape[axis] = k
            return [x.with(shape: shape), ShapedArray(shape: shape, dtype: .int32)]
        },
        evaluate: { _, xs, params throws(PyException) in
            try TotalOrder.topK(try Operands.at(xs, 0, "top_k"), k: try params.required(.k), axis: try params.required(.axis))
        },
        jvp: .rule { prim, ctx, xs, ts, params throws(PyException) in
            // the tangents of the values are the operand's tangents gathered at the positions
            // top_k picked
            let outs = try Tracing.bind(ctx, prim, xs, params)
            guard let t = ts.first ?? nil, outs.count == 2 else { return (outs, [nil, nil]) }
            let positions = outs[1]
            let rank = positions.rank, axis = try params.required(.axis)
            let indices = try Lax.reshape(ctx, positions, positions.shape + [1])
            let others = (0..<rank).filter { $0 != axis }
            let dims = GatherDimensions(offsetDims: [], collapsedSliceDims: [axis], startIndexMap: [axis],
                                        operandBatchingDims: others, startIndicesBatchingDims: others)
            let tangent = try Lax.gather(ctx, t, indices, dims, sliceSizes: Array(repeating: 1, count: rank),
                                         sortedUnique: false, mode: .fillOrDrop)
            return (outs, [tangent, nil])
        },
        transpose: .notLinear,
        batch: .rule(batchAlongAxis)))
}
