/// `dynamic_slice` and `dynamic_update_slice`: a window at traced start indices (clamped so it
/// stays inside the operand, as XLA does). Indexing with a traced integer lowers to the first;
/// the second is its transpose.
extension Primitive {
    static let dynamicSlice: Primitive = Primitive("dynamic_slice", Rules(
        abstractEval: { ins, params throws(PyException) in
            guard let x = ins.first else { throw PyException.typeError("dynamic_slice needs an operand") }
            return [x.with(shape: try params.required(.sliceSizes))]
        },
        evaluate: { _, xs, params throws(PyException) in
            let x = try Operands.at(xs, 0, "dynamic_slice")
            var starts: [Int] = []
            for s in xs.dropFirst() { starts.append(Int(truncatingIfNeeded: s.storage.int64(at: 0))) }
            return [try Kernels.dynamicSlice(x, start: starts, sizes: try params.required(.sliceSizes))]
        },
        jvp: .rule { prim, ctx, xs, ts, params throws(PyException) in
            let out = try Tracing.bind1(ctx, prim, xs, params)
            guard let t = ts[0] else { return ([out], [nil]) }
            return ([out], [try Tracing.bind1(ctx, prim, [t] + xs.dropFirst(), params)])
        },
        transpose: .linear { prim, ctx, ct, args, _ throws(PyException) in
            let starts = try knownStarts(prim, args.dropFirst())
            let zeros = try Lax.zeros(ctx, args[0].aval.with(weakType: false))
            return [try Lax.dynamicUpdateSlice(ctx, zeros, ct, starts)] + starts.map { _ in nil }
        },
        batch: .rule(batchDynamicSlice)))

    static let dynamicUpdateSlice: Primitive = Primitive("dynamic_update_slice", Rules(
        abstractEval: { ins, _ throws(PyException) in
            guard let x = ins.first else { throw PyException.typeError("dynamic_update_slice needs an operand") }
            return [x]
        },
        evaluate: { _, xs, _ throws(PyException) in
            guard xs.count >= 2 else { throw PyException.typeError("dynamic_update_slice takes an operand and an update") }
            let x = xs[0], u = Kernels.cast(xs[1], to: xs[0].dtype, semantics: .jax)
            guard u.rank == x.rank, xs.count == 2 + x.rank, zip(u.shape, x.shape).allSatisfy({ $0 <= $1 }) else {
                throw PyException.typeError("dynamic_update_slice update shape \(Shape.describe(u.shape)) must fit operand shape \(Shape.describe(x.shape)) with one start index per axis")
            }
            let items: [IndexItem] = (0..<x.rank).map { d in
                let start = Int(truncatingIfNeeded: xs[2 + d].storage.int64(at: 0))
                let clamped = Swift.min(Swift.max(start, 0), x.shape[d] - u.shape[d])
                return .slice(start: clamped, stop: clamped + u.shape[d], step: 1)
            }
            return [try Kernels.scatter(x, items, updates: u, mode: .set, semantics: .jax)]
        },
        jvp: .rule { prim, ctx, xs, ts, params throws(PyException) in
            let out = try Tracing.bind1(ctx, prim, xs, params)
            guard ts[0] != nil || ts[1] != nil else { return ([out], [nil]) }
            let tx: JaxValue, tu: JaxValue
            if let t = ts[0] { tx = t } else { tx = try Lax.zeros(ctx, xs[0].aval) }
            if let t = ts[1] { tu = t } else { tu = try Lax.zeros(ctx, xs[1].aval) }
            return ([out], [try Tracing.bind1(ctx, prim, [tx, tu] + xs.dropFirst(2), params)])
        },
        transpose: .linear { prim, ctx, ct, args, _ throws(PyException) in
            let starts = try knownStarts(prim, args.dropFirst(2))
            let operandCt = args[0].isLinear ? try Lax.dynamicUpdateSlice(ctx, ct, try Lax.zeros(ctx, args[1].aval), starts) : nil
            let updateCt = args[1].isLinear ? try Lax.dynamicSlice(ctx, ct, starts, sizes: args[1].aval.shape) : nil
            return [operandCt, updateCt] + starts.map { _ in nil }
        },
        batch: .rule { prim, ctx, xs, dims, params, size throws(PyException) in
            try Batching.perExample(ctx, prim, xs, dims, params, size: size)
        }))

    /// The start indices of a transposed equation, which must be known values.
    private static func knownStarts(_ prim: Primitive, _ args: ArraySlice<TransposeArg>) throws(PyException) -> [JaxValue] {
        var starts: [JaxValue] = []
        for a in args {
            guard let v = a.value else { throw PyException.typeError("\(prim.name) start indices cannot be differentiated") }
            starts.append(v)
        }
        return starts
    }

    /// vmap of `dynamic_slice`: the start indices become one index vector per example and the
    /// slice a clamping gather, as lax's rule does it.
    private static func batchDynamicSlice(_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ bdims: [Int?], _ params: Params,
                                          _ size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        guard let operand = xs.first else { throw PyException.typeError("dynamic_slice needs an operand") }
        let rank = operand.rank - (bdims[0] == nil ? 0 : 1)
        let starts = Array(xs.dropFirst()), startDims = Array(bdims.dropFirst())
        var index: JaxValue
        var indexDim: Int?
        if startDims.allSatisfy({ $0 == nil }) {
            var pieces: [JaxValue] = []
            for s in starts { pieces.append(try Lax.broadcastInDim(ctx, s, shape: [1], dims: [])) }
            index = pieces.count == 1 ? pieces[0] : try Tracing.bind1(ctx, .concatenate, pieces, Params().with(.dimension, 0))
        } else {
            var pieces: [JaxValue] = []
            for (s, d) in zip(starts, startDims) {
                pieces.append(try Lax.broadcastInDim(ctx, s, shape: [size, 1], dims: d == nil ? [] : [0]))
            }
            index = pieces.count == 1 ? pieces[0] : try Tracing.bind1(ctx, .concatenate, pieces, Params().with(.dimension, 1))
            indexDim = 0
        }
        let dims = GatherDimensions(offsetDims: Array(0..<rank), collapsedSliceDims: [], startIndexMap: Array(0..<rank))
        var gatherParams = Params()
        gatherParams.set(.gatherDimensionNumbers, dims)
        gatherParams.set(.sliceSizes, try params.required(.sliceSizes))
        gatherParams.set(.uniqueIndices, true)
        return try batchGather(ctx, [operand, index], [bdims[0], indexDim], gatherParams)
    }
}
