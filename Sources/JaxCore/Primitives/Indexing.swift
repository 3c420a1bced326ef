/// gather and the scatters. Each has two forms, told apart by its parameters: XLA's, with
/// GatherDimensionNumbers (what jax.numpy stages for integer-array indexing, `jnp.take` and
/// vmapped `dynamic_slice`), and the index form, where an indexing expression rides along
/// (jax.numpy's general `x[...]` and `.at[...]`). The staged `.at[i, j]` scatter has a third:
/// an int32 index-vector operand.
extension Primitive {
    static var indexing: [Primitive] {
        [.gather, .scatter, .scatterAdd, .scatterMul, .scatterMin, .scatterMax, .dynamicSlice, .dynamicUpdateSlice]
    }

    static let gather: Primitive = Primitive("gather", Rules(
        abstractEval: { ins, params throws(PyException) in
            let x = try Operands.first(ins)
            if let dims = params[.gatherDimensionNumbers], ins.count == 2 {
                return [try GatherKernels.outAval(x, ins[1], dims, sliceSizes: try params.required(.sliceSizes))]
            }
            guard let shape = params[.resultShape]?.shapes.first else { return [x] }
            return [x.with(shape: shape)]
        },
        evaluate: { _, xs, params throws(PyException) in
            let x = try Operands.at(xs, 0, "gather")
            if let dims = params[.gatherDimensionNumbers] {
                return [try GatherKernels.evaluate(x, try Operands.at(xs, 1, "gather"), dims, sliceSizes: try params.required(.sliceSizes),
                                                   fill: fillArray(params, dtype: x.dtype))]
            }
            let items = try params.required(.index).items
            return [try Kernels.getItem(x, IndexForm.withArrays(items, Array(xs.dropFirst())), semantics: .jax)]
        },
        jvp: .rule(indexingJVP),
        transpose: .linear { _, ctx, ct, args, params throws(PyException) in
            if params.contains(.gatherDimensionNumbers) { return try transposeGather(ctx, ct, args, params) }
            // the index form: the cotangent scatter-added into zeros where the gather read
            var operands: [JaxValue] = [try Lax.zeros(ctx, args[0].aval)]
            for a in args.dropFirst() { if let v = a.value { operands.append(v) } }
            operands.append(ct)
            var p = Params()
            if let index = params[.index] { p.set(.index, index, shown: false) }
            p.set(.mode, .fillOrDrop)
            return [try Tracing.bind1(ctx, .scatterAdd, operands, p)] + args.dropFirst().map { _ in nil }
        },
        batch: .rule { prim, ctx, xs, dims, params, size throws(PyException) in
            if params.contains(.gatherDimensionNumbers) { return try batchGather(ctx, xs, dims, params) }
            return try batchIndexForm(prim, ctx, xs, dims, params, size: size)
        }))

    /// A scatter combining updates by `mode`; set and add are linear in operand and updates.
    static func scatter(_ name: String, _ mode: ScatterMode, jvp: JVPRule, transpose: TransposeRule) -> Primitive {
        Primitive(name, Rules(
            abstractEval: { ins, _ throws(PyException) in
                guard let x = ins.first else { throw PyException.typeError("scatter needs an operand") }
                return [x]
            },
            evaluate: { _, xs, params throws(PyException) in try [evaluateScatter(xs, params, mode: mode)] },
            jvp: jvp, transpose: transpose,
            batch: .rule { prim, ctx, xs, dims, params, size throws(PyException) in
                if params.contains(.gatherDimensions) { return try Batching.perExample(ctx, prim, xs, dims, params, size: size) }
                return try batchIndexForm(prim, ctx, xs, dims, params, size: size)
            }))
    }

    static let scatter: Primitive = scatter("scatter", .set, jvp: .rule(indexingJVP), transpose: .rule(transposeScatter))
    static let scatterAdd: Primitive = scatter("scatter-add", .add, jvp: .rule(indexingJVP), transpose: .rule(transposeScatter))
    static let scatterMul: Primitive = scatter("scatter-mul", .multiply, jvp: .unsupported, transpose: .notLinear)
    static let scatterMin: Primitive = scatter("scatter-min", .min, jvp: .unsupported, transpose: .notLinear)
    static let scatterMax: Primitive = scatter("scatter-max", .max, jvp: .unsupported, transpose: .notLinear)

    /// The fill value of a gather's parameters as an array (nil: the gather clamps).
    static func fillArray(_ params: Params, dtype: DType) -> JaxArray? {
        guard params[.mode] == .fillOrDrop else { return nil }
        let value: Double
        switch params[.fillValue] {
        case .text(let text)?: value = Double(text) ?? .nan
        case .int(let v)?: value = Double(v)
        case .bool(let b)?: value = b ? 1 : 0
        default: value = 0
        }
        if dtype == .uint64, case .int(let v)? = params[.fillValue] {
            return JaxArray.scalar(.int(Int64(truncatingIfNeeded: v)), dtype: .int64)
        }
        return JaxArray.scalar(.float(value), dtype: .float64)
    }

    /// A scatter of any form on concrete arrays.
    static func evaluateScatter(_ xs: [JaxArray], _ params: Params, mode: ScatterMode) throws(PyException) -> JaxArray {
        let x = try Operands.at(xs, 0, "scatter")
        if let dims = params[.gatherDimensions] {
            // XLA's CPU scatter drops windows outside the operand unless told to clip
            guard xs.count == 3 else { throw PyException.typeError("scatter needs an operand, indices and updates") }
            return try GatherKernels.scatter(x, xs[1], xs[2], dims, mode: mode, clamp: params[.mode] == .clip)
        }
        if params.contains(.indexVector), xs.count == 3 {
            // JAX's staged form: an int32 vector of leading indices, then the updates.
            let vector = xs[1]
            let items: [IndexItem] = (0..<vector.count).map { .int(Int(truncatingIfNeeded: vector.storage.int64(at: $0))) }
            return try Kernels.scatter(x, items, updates: Kernels.cast(xs[2], to: x.dtype, semantics: .jax), mode: mode, semantics: .jax)
        }
        guard let items = params[.index]?.items, xs.count >= 2 else {
            throw PyException.typeError("scatter needs an index and updates")
        }
        let updates = Kernels.cast(xs[xs.count - 1], to: x.dtype, semantics: .jax)
        return try Kernels.scatter(x, IndexForm.withArrays(items, Array(xs.dropFirst().dropLast())), updates: updates,
                                   mode: mode, semantics: .jax)
    }

    /// gather is linear in its operand; scatter-add in operand and updates; scatter (set)
    /// takes the operand's tangent outside the updated places and the updates' inside.
    static func indexingJVP(_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?],
                            _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let out = try Tracing.bind1(ctx, prim, xs, params)
        var tangentOperands = xs
        if prim == .gather {
            guard let t = ts[0] else { return ([out], [nil]) }
            tangentOperands[0] = t
        } else {
            let last = xs.count - 1
            if ts[0] == nil && ts[last] == nil { return ([out], [nil]) }
            if let t = ts[0] { tangentOperands[0] = t } else { tangentOperands[0] = try Lax.zeros(ctx, xs[0].aval) }
            if let t = ts[last] { tangentOperands[last] = t } else { tangentOperands[last] = try Lax.zeros(ctx, xs[last].aval) }
        }
        return ([out], [try Tracing.bind1(ctx, prim, tangentOperands, params)])
    }

    /// `gather`'s transpose rule (dimension-number form): its cotangent scatter-added into
    /// zeros of the operand.
    static func transposeGather(_ ctx: JaxContext, _ ct: JaxValue, _ args: [TransposeArg], _ params: Params) throws(PyException) -> [JaxValue?] {
        guard let dims = params[.gatherDimensionNumbers], args.count == 2, let indices = args[1].value else {
            throw PyException.notImplemented("Transpose of a gather with traced indices and operand")
        }
        let zeros = try Lax.zeros(ctx, args[0].aval.with(weakType: false))
        return [try Lax.scatter(ctx, .add, zeros, indices, ct, dims, sortedUnique: params[.uniqueIndices] ?? false,
                                mode: params[.mode] ?? .fillOrDrop), nil]
    }

    /// The transpose of a linear scatter (set or add) in each of its forms.
    static func transposeScatter(_ prim: Primitive, _ ctx: JaxContext, _ cts: [JaxValue?], _ args: [TransposeArg],
                                 _ params: Params) throws(PyException) -> [JaxValue?] {
        guard let first = cts.first, let ct = first else { return args.map { _ in nil } }
        if let dims = params[.gatherDimensions] {
            return try transposeScatter(prim, ctx, ct, args, dims, params)
        }
        if params.contains(.indexVector) {
            guard args.count == 3, let vector = args[1].value, let p = IndexForm.fromIndexVector(params, vector) else {
                throw PyException.notImplemented("Transpose of a scatter with a traced index is not supported")
            }
            let inner = try prim.transposeCotangents(ctx, cts, [args[0], args[2]], p)
            return [inner[0], nil, inner.count > 1 ? inner[1] : nil]
        }
        let last = args.count - 1
        var out: [JaxValue?] = Array(repeating: nil, count: args.count)
        let indexOperands = args.dropFirst().dropLast().compactMap(\.value)
        var gp = Params()
        if let index = params[.index] { gp.set(.index, index, shown: false) }
        if args[last].isLinear, let items = params[.index]?.items {
            // the indexed region of the cotangent, summed back to the updates' shape (they
            // were broadcast to the region)
            let region = try Kernels.getItem(try IndexForm.probe(ct.aval, ctx), items, semantics: .jax)
            gp.set(.resultShape, ShapeList([region.shape]), shown: false)
            gp.set(.mode, .promiseInBounds)
            out[last] = try Lax.unbroadcast(ctx, args[last].aval, try Tracing.bind1(ctx, .gather, [ct] + indexOperands, gp))
        }
        if args[0].isLinear {
            if prim == .scatterAdd {
                out[0] = ct
            } else {
                let zeros = try Lax.zeros(ctx, args[last].aval)
                out[0] = try Tracing.bind1(ctx, .scatter, [ct] + indexOperands + [zeros], params)
            }
        }
        return out
    }

    /// The dimension-number form: the operand's cotangent passes through (with the
    /// overwritten windows zeroed for `set`), the updates' cotangent is the gather of the
    /// cotangent.
    private static func transposeScatter(_ prim: Primitive, _ ctx: JaxContext, _ ct: JaxValue, _ args: [TransposeArg],
                                         _ dims: GatherDimensions, _ params: Params) throws(PyException) -> [JaxValue?] {
        guard args.count == 3, let indices = args[1].value else {
            throw PyException.notImplemented("Transpose of a scatter with traced operand indices")
        }
        let unique = params[.uniqueIndices] ?? false
        var operandCt: JaxValue?
        if args[0].isLinear {
            operandCt = prim == .scatterAdd ? ct
                : try Lax.scatter(ctx, .set, ct, indices, try Lax.zeros(ctx, args[2].aval.with(weakType: false)), dims,
                                  sortedUnique: unique, mode: params[.mode] ?? .fillOrDrop)
        }
        var updatesCt: JaxValue?
        if args[2].isLinear {
            var sizes = args[0].aval.shape
            for axis in dims.collapsedSliceDims + dims.operandBatchingDims where axis < sizes.count { sizes[axis] = 1 }
            updatesCt = try Lax.gather(ctx, ct, indices, dims, sliceSizes: sizes, sortedUnique: unique, mode: .fillOrDrop, fillValue: .int(0))
        }
        return [operandCt, nil, updatesCt]
    }

    /// lax's gather batching rule for the three ways operand and indices can be batched.
    static func batchGather(_ ctx: JaxContext, _ xs: [JaxValue], _ bdims: [Int?], _ params: Params) throws(PyException) -> ([JaxValue], [Int?]) {
        guard var dims = params[.gatherDimensionNumbers], xs.count == 2 else { throw PyException.typeError("gather takes an operand and indices") }
        var sizes = try params.required(.sliceSizes)
        let shift = { (v: [Int]) in v.map { $0 + 1 } }
        let sortedUnique = params[.uniqueIndices] ?? false
        let mode = params[.mode] ?? .clip
        switch (bdims[0], bdims[1]) {
        case (let od?, nil):
            let operand = try Lax.moveAxis(ctx, xs[0], from: od, to: 0)
            sizes.insert(operand.shape[0], at: 0)
            dims = GatherDimensions(offsetDims: [0] + shift(dims.offsetDims), collapsedSliceDims: shift(dims.collapsedSliceDims),
                                    startIndexMap: shift(dims.startIndexMap), operandBatchingDims: shift(dims.operandBatchingDims),
                                    startIndicesBatchingDims: dims.startIndicesBatchingDims,
                                    numpyFields: ["offset_dims", "collapsed_slice_dims", "start_index_map", "operand_batching_dims"])
            return ([try Lax.gather(ctx, operand, xs[1], dims, sliceSizes: sizes, sortedUnique: sortedUnique, mode: mode)], [0])
        case (nil, let id?):
            let indices = try Lax.moveAxis(ctx, xs[1], from: id, to: 0)
            dims.offsetDims = shift(dims.offsetDims)
            dims.startIndicesBatchingDims = shift(dims.startIndicesBatchingDims)
            dims.numpyFields.insert("start_indices_batching_dims")
            return ([try Lax.gather(ctx, xs[0], indices, dims, sliceSizes: sizes, sortedUnique: false, mode: mode)], [0])
        case (let od?, let id?):
            let operand = try Lax.moveAxis(ctx, xs[0], from: od, to: 0)
            let indices = try Lax.moveAxis(ctx, xs[1], from: id, to: 0)
            sizes.insert(operand.shape[0] == 0 ? 0 : 1, at: 0)
            dims = GatherDimensions(offsetDims: shift(dims.offsetDims), collapsedSliceDims: shift(dims.collapsedSliceDims),
                                    startIndexMap: shift(dims.startIndexMap), operandBatchingDims: [0] + shift(dims.operandBatchingDims),
                                    startIndicesBatchingDims: [0] + shift(dims.startIndicesBatchingDims),
                                    numpyFields: ["offset_dims", "collapsed_slice_dims", "start_index_map"])
            return ([try Lax.gather(ctx, operand, indices, dims, sliceSizes: sizes, sortedUnique: sortedUnique, mode: mode)], [0])
        case (nil, nil):
            return ([try Tracing.bind1(ctx, .gather, xs, params)], [nil])
        }
    }
}

/// How each kind of `.at[...]` update stages: its scatter primitive and the `update_jaxpr`
/// JAX prints with it.
extension ScatterMode {
    var primitive: Primitive {
        switch self {
        case .set: return .scatter
        case .add: return .scatterAdd
        case .multiply: return .scatterMul
        case .min: return .scatterMin
        case .max: return .scatterMax
        }
    }

    /// `update_jaxpr`: the combining primitive on two scalars of `dtype`; None for `set`.
    func updateJaxpr(_ dtype: DType) -> ParamValue {
        let combine: Primitive
        switch self {
        case .set: return .none
        case .add: combine = .add
        case .multiply: combine = .mul
        case .min: combine = .min
        case .max: combine = .max
        }
        let scalar = ShapedArray(shape: [], dtype: dtype)
        let a = Var(scalar), b = Var(scalar), c = Var(scalar)
        let body = Jaxpr(constvars: [], invars: [a, b], eqns: [JaxprEqn(primitive: combine, inputs: [.variable(a), .variable(b)],
                                                                    params: Params(), outvars: [c])], outvars: [.variable(c)])
        return .jaxpr(ClosedJaxpr(jaxpr: body, consts: []))
    }
}
