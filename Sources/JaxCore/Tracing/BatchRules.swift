/// The batching rule of every primitive (how vmap pushes a batch axis through it), following
/// jax/_src/interpreters/batching.py and lax's rules.
enum BatchRules {
    static func apply(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        if RandomRules.isRandom(prim) || prim == .shiftRightLogical || prim == .bitcastConvertType {
            return try RandomRules.batch(ctx, prim, xs, dims, params, size: size)
        }
        if params["gather_dimensions"] != nil {
            // a scatter with dimension numbers
            return try perExample(ctx, prim, xs, dims, params, size: size)
        }
        switch prim {
        case .add, .sub, .mul, .div, .rem, .pow, .max, .min, .atan2, .eq, .ne, .lt, .le, .gt, .ge,
             .and, .or, .xor, .addAny, .nextafter, .leTo:
            return try broadcastBatcher(ctx, prim, xs, dims, params)
        case .selectN:
            return try selectN(ctx, xs, dims, params, size: size)
        case .cumsum, .topK:
            guard let d = dims[0] else { break }
            var p = params
            let axis = params.int("axis")
            p.set("axis", .int(d <= axis ? axis + 1 : axis))
            let outs = try Tracing.bind(ctx, prim, xs, p)
            return (outs, outs.map { _ in d })
        case .scan:
            return try ScanRules.batch(ctx, xs, dims, params, size: size)
        case .customJvpCall:
            return try CustomJVPRules.batch(ctx, xs, dims, params, size: size)
        case .dynamicSlice:
            return try SliceGather.batchDynamicSlice(ctx, xs, dims, params, size: size)
        case .dynamicUpdateSlice:
            return try perExample(ctx, prim, xs, dims, params, size: size)
        case .neg, .exp, .log, .log1p, .expm1, .sin, .cos, .tan, .tanh, .atan, .sqrt, .rsqrt, .abs, .sign,
             .logistic, .erf, .erfInv, .floor, .ceil, .round, .not, .integerPow, .square, .stopGradient,
             .convertElementType:
            return ([try Tracing.bind1(ctx, prim, xs, params)], [dims[0]])
        case .reduceSum, .reduceMax, .reduceMin, .reduceProd, .reduceAnd, .reduceOr, .argmax, .argmin:
            guard let d = dims[0] else { break }
            let axes = params.ints("axes")
            let newAxes = axes.map { $0 < d ? $0 : $0 + 1 }
            var p = params
            p.set("axes", .npInts(newAxes))
            let outDim = d - axes.filter { $0 < d }.count
            return ([try Tracing.bind1(ctx, prim, xs, p)], [outDim])
        case .sort:
            // as lax's rule: unbatched operands are broadcast, batched ones moved to the first
            // batched operand's axis
            guard let (prototype, bd) = zip(xs, dims).first(where: { $0.1 != nil }).map({ ($0.0, $0.1 ?? 0) }) else { break }
            var operands: [JaxValue] = []
            for (x, d) in zip(xs, dims) {
                if let d {
                    operands.append(try Lax.moveAxis(ctx, x, from: d, to: bd))
                } else {
                    let kept = (0..<prototype.rank).filter { $0 != bd }
                    operands.append(try JNP.broadcastInDim(ctx, x, shape: prototype.shape, dims: kept))
                }
            }
            var p = params
            let dimension = params.int("dimension")
            p.set("dimension", .int(dimension + (bd <= dimension ? 1 : 0)))
            let outs = try Tracing.bind(ctx, prim, operands, p)
            return (outs, Array(repeating: bd, count: outs.count))
        case .broadcastInDim:
            guard let d = dims[0] else { break }
            let x = try Lax.moveAxis(ctx, xs[0], from: d, to: 0)
            let shape = [size] + params.ints("shape")
            let bdims = [0] + params.ints("broadcast_dimensions").map { $0 + 1 }
            var p = params
            p.set("shape", .ints(shape), shown: false)
            p.set("broadcast_dimensions", .mixedInts(bdims, plain: 1))
            return ([try Tracing.bind1(ctx, .broadcastInDim, [x], p)], [0])
        case .reshape:
            guard let d = dims[0] else { break }
            let x = try Lax.moveAxis(ctx, xs[0], from: d, to: 0)
            return ([try Lax.reshape(ctx, x, [size] + params.ints("new_sizes"))], [0])
        case .squeeze:
            guard let d = dims[0] else { break }
            let squeezed = params.ints("dimensions")
            var p = params
            p.set("dimensions", .ints(squeezed.map { $0 < d ? $0 : $0 + 1 }))
            return ([try Tracing.bind1(ctx, prim, xs, p)], [d - squeezed.filter { $0 < d }.count])
        case .transpose:
            guard let d = dims[0] else { break }
            let perm = params.ints("permutation")
            var p = params
            p.set("permutation", .ints([d] + perm.map { $0 < d ? $0 : $0 + 1 }))
            return ([try Tracing.bind1(ctx, prim, xs, p)], [0])
        case .rev:
            guard let d = dims[0] else { break }
            var p = params
            p.set("dimensions", .ints(params.ints("dimensions").map { $0 < d ? $0 : $0 + 1 }))
            return ([try Tracing.bind1(ctx, prim, xs, p)], [d])
        case .slice:
            guard let d = dims[0] else { break }
            var start = params.ints("start_indices"), limit = params.ints("limit_indices")
            start.insert(0, at: d)
            limit.insert(size, at: d)
            var p = params
            p.set("start_indices", .ints(start))
            p.set("limit_indices", .ints(limit))
            var strides = params.ints("strides")
            if !strides.isEmpty {
                strides.insert(1, at: d)
                p.set("strides", .ints(strides))
            }
            return ([try Tracing.bind1(ctx, prim, xs, p)], [d])
        case .pad:
            guard let d = dims[0], dims[1] == nil else { break }
            let config = params.padding
            var rows = config.map { [$0.low, $0.high, $0.interior] }
            rows.insert([0, 0, 0], at: d)
            var p = params
            p.set("padding_config", .shapes(rows))
            return ([try Tracing.bind1(ctx, prim, xs, p)], [d])
        case .concatenate, .stack:
            var moved: [JaxValue] = []
            for (x, d) in zip(xs, dims) { moved.append(try atFront(ctx, x, d, size: size)) }
            var p = params
            if prim == .concatenate { p.set("dimension", .int(params.int("dimension") + 1)) } else { p.set("axis", .int(params.int("axis") + 1)) }
            return ([try Tracing.bind1(ctx, prim, moved, p)], [0])
        case .dotGeneral:
            return try dotGeneral(ctx, xs, dims, params)
        case .gather where SliceGather.dimensions(params) != nil:
            return try SliceGather.batch(ctx, xs, dims, params)
        case .gather, .scatter, .scatterAdd, .scatterMul, .scatterMin, .scatterMax:
            return try indexing(ctx, prim, xs, dims, params, size: size)
        case .iota, .jit, .randomSeed, .randomWrap, .randomUnwrap, .randomBits, .randomSplit,
             .randomFoldIn, .shiftRightLogical, .bitcastConvertType:
            break
        }
        throw PyException.notImplemented("Batching rule for '\(prim.name)' not implemented")
    }

    /// vmap by running the primitive once per example and stacking the results along a new
    /// leading axis: for the update primitives (dynamic_update_slice, the scatter-add that
    /// transposes a gather), whose batches are small where they arise.
    static func perExample(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                           size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        var moved: [JaxValue] = []
        for (x, d) in zip(xs, dims) { moved.append(try d.map { (d: Int) throws(PyException) -> JaxValue in try Lax.moveAxis(ctx, x, from: d, to: 0) } ?? x) }
        if size == 0 {
            let unbatched = zip(moved, dims).map { x, d in d == nil ? x.aval : x.aval.with(shape: Array(x.shape.dropFirst())) }
            guard let out = try ShapeRules.outAvals(prim, unbatched, params).first else { return ([], []) }
            return ([try Lax.zeros(ctx, out.with(shape: [0] + out.shape))], [0])
        }
        var rows: [JaxValue] = []
        for b in 0..<size {
            var parts: [JaxValue] = []
            for (x, d) in zip(moved, dims) { parts.append(d == nil ? x : try JNP.getItem(ctx, x, [IndexItem.int(b)])) }
            rows.append(try Lax.expandDims(ctx, try Tracing.bind1(ctx, prim, parts, params), [0]))
        }
        return ([try Tracing.bind1(ctx, .concatenate, rows, Params([("dimension", .int(0))]))], [0])
    }

    /// The concrete index arrays among a scatter's operands (between the operand and the
    /// updates), as stand-ins for the kernel's shape probe.
    private static func indexArrays(_ operands: [JaxValue]) -> [JaxArray] {
        operands.dropFirst().dropLast().map { v in v.concrete ?? JaxArray(shape: v.shape, storage: .int32(Array(repeating: 0, count: v.aval.count))) }
    }

    /// Moves the batch axis to the front, materialising it for unbatched values.
    static func atFront(_ ctx: JaxContext, _ x: JaxValue, _ d: Int?, size: Int) throws(PyException) -> JaxValue {
        guard let d else {
            return try Lax.broadcastInDim(ctx, x, shape: [size] + x.shape, dims: Array(1..<(x.rank + 1)), numpyDims: true)
        }
        return try Lax.moveAxis(ctx, x, from: d, to: 0)
    }

    /// batching.broadcast_batcher: operands that agree on shape and batch axis (and scalars)
    /// go straight through; otherwise batch axes move to the front and unbatched operands
    /// gain a size-1 leading axis.
    static func broadcastBatcher(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ dims: [Int?], _ params: Params) throws(PyException) -> ([JaxValue], [Int?]) {
        guard let first = zip(xs, dims).first(where: { $0.1 != nil }), let dim = first.1 else {
            return ([try Tracing.bind1(ctx, prim, xs, params)], [nil])
        }
        let shape = first.0.shape
        if zip(xs, dims).allSatisfy({ x, d in x.rank == 0 || (x.shape == shape && d == dim) }) {
            return ([try Tracing.bind1(ctx, prim, xs, params)], [dim])
        }
        var args: [JaxValue] = []
        for (x, d) in zip(xs, dims) {
            if x.rank == 0 { args.append(x); continue }
            if let d {
                args.append(try Lax.moveAxis(ctx, x, from: d, to: 0))
            } else {
                args.append(try Lax.broadcastInDim(ctx, x, shape: [1] + x.shape, dims: Array(1..<(x.rank + 1)), numpyDims: true))
            }
        }
        let rank = args.map(\.rank).max() ?? 0
        var final: [JaxValue] = []
        for (x, d) in zip(args, dims) {
            if d == nil || x.rank == rank { final.append(x); continue }
            final.append(try Lax.expandDims(ctx, x, Array(x.rank..<rank)))
        }
        return ([try Tracing.bind1(ctx, prim, final, params)], [0])
    }

    /// lax's select_n rule: cases that share the predicate's batch axis and shape go straight
    /// through; otherwise batch axes move to the front, unbatched operands are broadcast, and
    /// a scalar predicate of a batch is broadcast to the cases' shape.
    static func selectN(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                        size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        guard var which = xs.first else { throw PyException.typeError("select_n requires a predicate") }
        var cases = Array(xs.dropFirst())
        let whichDim = dims[0], caseDims = Array(dims.dropFirst())
        guard let first = cases.first else { throw PyException.typeError("select_n requires at least one case") }
        if caseDims.allSatisfy({ $0 == whichDim }) {
            if which.shape != first.shape, let d = whichDim {
                which = try JNP.broadcastInDim(ctx, which, shape: first.shape, dims: [d])
            }
            return ([try Tracing.bind1(ctx, .selectN, [which] + cases, params)], [whichDim])
        }
        if which.rank == 0, let d0 = caseDims[0], caseDims.allSatisfy({ $0 != nil }) {
            if caseDims.allSatisfy({ $0 == d0 }) {
                return ([try Tracing.bind1(ctx, .selectN, [which] + cases, params)], [d0])
            }
            if cases.allSatisfy({ $0.shape == first.shape }) {
                for i in 1..<cases.count { cases[i] = try Lax.moveAxis(ctx, cases[i], from: caseDims[i] ?? d0, to: d0) }
                return ([try Tracing.bind1(ctx, .selectN, [which] + cases, params)], [d0])
            }
        }
        if which.rank > 0 { which = try atFront(ctx, which, whichDim, size: size) }
        if !cases.allSatisfy({ $0.rank == 0 }) {
            for i in cases.indices { cases[i] = try atFront(ctx, cases[i], caseDims[i], size: size) }
        }
        if which.rank > 0 && which.rank < cases[0].rank {
            which = try JNP.broadcastInDim(ctx, which, shape: cases[0].shape, dims: [0])
        }
        if which.rank > cases[0].rank {
            for i in cases.indices { cases[i] = try JNP.broadcastInDim(ctx, cases[i], shape: which.shape, dims: []) }
        }
        return ([try Tracing.bind1(ctx, .selectN, [which] + cases, params)], [0])
    }

    /// dot_general with a batch axis on one or both operands.
    static func dotGeneral(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params) throws(PyException) -> ([JaxValue], [Int?]) {
        guard case .dimensionNumbers(let c, let b)? = params["dimension_numbers"] else {
            throw PyException.typeError("dot_general needs dimension numbers")
        }
        var p = params
        switch (dims[0], dims[1]) {
        case (let ld?, let rd?):
            let lhs = try Lax.moveAxis(ctx, xs[0], from: ld, to: 0)
            let rhs = try Lax.moveAxis(ctx, xs[1], from: rd, to: 0)
            p.set("dimension_numbers", .dimensionNumbers(contracting: (c.0.map { $0 + 1 }, c.1.map { $0 + 1 }),
                                                         batch: ([0] + b.0.map { $0 + 1 }, [0] + b.1.map { $0 + 1 })))
            return ([try Tracing.bind1(ctx, .dotGeneral, [lhs, rhs], p)], [0])
        case (let ld?, nil):
            let shift = { (a: Int) in a < ld ? a : a + 1 }
            let lc = c.0.map(shift), lb = b.0.map(shift)
            p.set("dimension_numbers", .dimensionNumbers(contracting: (lc, c.1), batch: (lb, b.1)))
            let lhsRank = xs[0].rank
            let free = (0..<lhsRank).filter { !lc.contains($0) && !lb.contains($0) }
            let outDim = b.0.count + (free.firstIndex(of: ld) ?? 0)
            return ([try Tracing.bind1(ctx, .dotGeneral, xs, p)], [outDim])
        case (nil, let rd?):
            let shift = { (a: Int) in a < rd ? a : a + 1 }
            let rc = c.1.map(shift), rb = b.1.map(shift)
            p.set("dimension_numbers", .dimensionNumbers(contracting: (c.0, rc), batch: (b.0, rb)))
            let lhsFree = xs[0].rank - c.0.count - b.0.count
            let free = (0..<xs[1].rank).filter { !rc.contains($0) && !rb.contains($0) }
            let outDim = b.0.count + lhsFree + (free.firstIndex(of: rd) ?? 0)
            return ([try Tracing.bind1(ctx, .dotGeneral, xs, p)], [outDim])
        case (nil, nil):
            return ([try Tracing.bind1(ctx, .dotGeneral, xs, p)], [nil])
        }
    }

    /// `x[..., idx, ...]` with one batched index array into an unbatched operand: the batch
    /// axis of the index becomes an axis of the result where the index's axes land.
    static func gatherBatchedIndex(_ ctx: JaxContext, _ xs: [JaxValue], _ bd: Int, _ items: [IndexItem], _ params: Params,
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
        let probe = try Kernels.getItem(JaxArray(shape: xs[0].shape, storage: try zerosStorage(ctx, xs[0].aval)), newItems, semantics: .jax)
        var p = params
        p.set("index", .index(newItems), shown: false)
        p.set("result_shape", .shapes([probe.shape]), shown: false)
        return ([try Tracing.bind1(ctx, .gather, [xs[0], index], p)], [outDim])
    }

    private static func zerosStorage(_ ctx: JaxContext, _ aval: ShapedArray) throws(PyException) -> Storage {
        try Kernels.full(shape: aval.shape, value: .int(0), dtype: aval.dtype, limits: ctx.limits).storage
    }

    /// gather/scatter with a batched operand (and updates): the batch axis goes first and a
    /// full slice is prepended to the index. Batched index arrays are not supported.
    static func indexing(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                         size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        if params["index_vector"] != nil {
            guard xs.count == 3, dims[1] == nil, let p = Indexing.itemsForm(params, xs[1]) else {
                throw PyException.notImplemented("vmap of a scatter with a traced index is not supported")
            }
            return try indexing(ctx, prim, [xs[0], xs[2]], [dims[0], dims[2]], p, size: size)
        }
        let last = xs.count - 1
        let indexDims = prim == .gather ? dims.dropFirst() : dims.dropFirst().dropLast()
        guard case .index(let items)? = params["index"] else {
            throw PyException.notImplemented("vmap of \(prim.name) without an index")
        }
        if prim == .gather, dims[0] == nil, indexDims.count == 1, let d = indexDims.first, let bd = d {
            return try gatherBatchedIndex(ctx, xs, bd, items, params, size: size)
        }
        if indexDims.contains(where: { $0 != nil }) {
            return try batchedIndices(ctx, prim, xs, dims, items, params, size: size)
        }
        var operands = xs
        operands[0] = try atFront(ctx, xs[0], dims[0], size: size)
        let newItems: [IndexItem] = [.slice(start: nil, stop: nil, step: nil)] + items
        var p = params
        p.set("index", .index(newItems), shown: false)
        if prim == .gather {
            if case .shapes(let s)? = params["result_shape"], let shape = s.first {
                p.set("result_shape", .shapes([[size] + shape]), shown: false)
            }
            return ([try Tracing.bind1(ctx, prim, operands, p)], [0])
        }
        // updates broadcast against the indexed region, which now leads with the batch axis: an
        // unbatched update broadcasts as it is; a batched one keeps its batch axis in front of
        // its other axes, aligned to the region's trailing axes
        if let d = dims[last] {
            var u = try Lax.moveAxis(ctx, xs[last], from: d, to: 0)
            let region = try Kernels.getItem(JaxArray(shape: operands[0].shape, storage: try JNP.probeStorage(operands[0].aval, ctx)),
                                             Indexing.withArrays(newItems, indexArrays(operands)), semantics: .jax).shape
            let missing = region.count - u.rank
            if missing > 0 { u = try Lax.reshape(ctx, u, [size] + Array(repeating: 1, count: missing) + Array(u.shape.dropFirst())) }
            operands[last] = u
        }
        return ([try Tracing.bind1(ctx, prim, operands, p)], [0])
    }
}
