/// An operand of a linear equation during transposition: a known value, or the linear input
/// whose cotangent is wanted.
enum TransposeArg {
    case known(JaxValue)
    case linear(ShapedArray)

    var aval: ShapedArray {
        switch self {
        case .known(let v): return v.aval
        case .linear(let a): return a
        }
    }

    var isLinear: Bool {
        if case .linear = self { return true }
        return false
    }

    var value: JaxValue? {
        if case .known(let v) = self { return v }
        return nil
    }
}

/// Reverse mode: evaluates a linear jaxpr backwards, applying each primitive's transpose rule.
enum Transpose {
    static func backwardPass(_ ctx: JaxContext, _ jaxpr: Jaxpr, _ consts: [JaxValue], _ cts: [JaxValue?]) throws(PyException) -> [JaxValue?] {
        var known: [Var: JaxValue] = [:]
        for (v, c) in zip(jaxpr.constvars, consts) { known[v] = c }
        var ctEnv: [Var: JaxValue] = [:]
        func accumulate(_ v: Var, _ ct: JaxValue) throws(PyException) {
            if let existing = ctEnv[v] {
                ctEnv[v] = try Lax.addAny(ctx, existing, ct)
            } else {
                ctEnv[v] = ct
            }
        }
        for (atom, ct) in zip(jaxpr.outvars, cts) {
            guard let v = atom.variable, known[v] == nil, let ct else { continue }
            try accumulate(v, ct)
        }
        for eqn in jaxpr.eqns.reversed() {
            try ctx.checkInterrupt()
            let ctsOut = eqn.outvars.map { ctEnv.removeValue(forKey: $0) }
            if ctsOut.allSatisfy({ $0 == nil }) { continue }
            let args: [TransposeArg] = eqn.inputs.map { atom in
                switch atom {
                case .literal(let a): return .known(.array(a))
                case .variable(let v): return known[v].map { .known($0) } ?? .linear(v.aval)
                }
            }
            let ctsIn = try TransposeRules.apply(ctx, eqn.primitive, ctsOut, args, eqn.params)
            for (atom, ct) in zip(eqn.inputs, ctsIn) {
                guard let v = atom.variable, known[v] == nil, let ct else { continue }
                try accumulate(v, ct)
            }
        }
        return jaxpr.invars.map { ctEnv[$0] }
    }
}

/// The transpose rule of every linear primitive, as JAX writes it.
enum TransposeRules {
    static func apply(_ ctx: JaxContext, _ prim: Primitive, _ cts: [JaxValue?], _ args: [TransposeArg], _ params: Params) throws(PyException) -> [JaxValue?] {
        if prim == .jit, let inner = params.jaxpr("jaxpr") { return try JitRules.transpose(ctx, inner, params, cts, args) }
        if (prim == .scatter || prim == .scatterAdd) && params["gather_dimensions"] != nil, let first = cts.first, let ct = first {
            return try SliceGather.transposeScatter(ctx, prim, ct, args, params)
        }
        guard let first = cts.first, let ct = first else { return args.map { _ in nil } }
        switch prim {
        case .add, .addAny:
            return try args.map { (a: TransposeArg) throws(PyException) -> JaxValue? in
                a.isLinear ? try Lax.unbroadcast(ctx, a.aval, ct) : nil
            }
        case .sub:
            return [args[0].isLinear ? try Lax.unbroadcast(ctx, args[0].aval, ct) : nil,
                    args[1].isLinear ? try Lax.unbroadcast(ctx, args[1].aval, try Lax.neg(ctx, ct)) : nil]
        case .mul:
            if args[0].isLinear, let y = args[1].value {
                return [try Lax.unbroadcast(ctx, args[0].aval, try Lax.mul(ctx, ct, y)), nil]
            }
            if args[1].isLinear, let x = args[0].value {
                return [nil, try Lax.unbroadcast(ctx, args[1].aval, try Lax.mul(ctx, x, ct))]
            }
            throw nonlinear(prim)
        case .div:
            guard args[0].isLinear, let y = args[1].value else { throw nonlinear(prim) }
            return [try Lax.unbroadcast(ctx, args[0].aval, try Tracing.bind1(ctx, .div, [ct, y], params)), nil]
        case .neg:
            return [try Lax.neg(ctx, ct)]
        case .convertElementType:
            // back to the operand's dtype and weak type
            return [try JNP.convert(ctx, ct, to: args[0].aval.dtype, weak: args[0].aval.weakType)]
        case .reduceSum:
            let shape = args[0].aval.shape
            let axes = params.ints("axes")
            let dims = (0..<shape.count).filter { !axes.contains($0) }
            return [try Lax.broadcastInDim(ctx, ct, shape: shape, dims: dims, numpyDims: true)]
        case .broadcastInDim:
            let operand = args[0].aval
            let bdims = params.ints("broadcast_dimensions")
            let unit = (0..<operand.rank).filter { operand.shape[$0] == 1 }
            let kept = bdims.enumerated().filter { !unit.contains($0.offset) }.map(\.element)
            let axes = (0..<ct.rank).filter { !kept.contains($0) }
            let summed = try Lax.reduceSum(ctx, ct, axes: axes)
            let restored = try Lax.expandDims(ctx, summed, unit)
            return [restored] + args.dropFirst().map { _ in nil }
        case .reshape:
            return [try Lax.reshape(ctx, ct, args[0].aval.shape)]
        case .squeeze:
            // lax.expand_dims: a broadcast that puts the squeezed axes back
            let squeezed = Set(params.ints("dimensions"))
            let shape = args[0].aval.shape
            return [try JNP.broadcastInDim(ctx, ct, shape: shape, dims: (0..<shape.count).filter { !squeezed.contains($0) })]
        case .transpose:
            let perm = params.ints("permutation")
            var inverse = Array(repeating: 0, count: perm.count)
            for (i, p) in perm.enumerated() where p < inverse.count { inverse[p] = i }
            return [try Lax.transpose(ctx, ct, inverse)]
        case .selectN:
            let zeros = try Lax.zeros(ctx, ct.aval)
            guard let pred = args[0].value else { throw nonlinear(prim) }
            var out: [JaxValue?] = [nil]
            for (i, a) in args.enumerated().dropFirst() {
                guard a.isLinear else { out.append(nil); continue }
                var cases: [JaxValue] = []
                for j in 1..<args.count { cases.append(j == i ? ct : zeros) }
                out.append(try Tracing.bind1(ctx, .selectN, [pred] + cases))
            }
            return out
        case .dotGeneral:
            return try dotGeneralTranspose(ctx, ct, args, params)
        case .slice:
            let operand = args[0].aval
            let start = params.ints("start_indices"), limit = params.ints("limit_indices")
            var strides = params.ints("strides")
            let unitStrides = strides.allSatisfy { $0 == 1 }
            if strides.isEmpty { strides = Array(repeating: 1, count: operand.rank) }
            var config: [[Int]] = []
            var numpy: [Bool] = []
            for i in 0..<operand.rank {
                let n = ct.shape[i]
                let realLimit = unitStrides ? limit[i] : (n == 0 ? start[i] : start[i] + (n - 1) * strides[i] + 1)
                config.append([start[i], operand.shape[i] - realLimit, strides[i] - 1])
                numpy += [false, true, !unitStrides]
            }
            var p = Params()
            p.set("padding_config", .padding(config, numpy: numpy))
            return [try Tracing.bind1(ctx, .pad, [ct, Lax.const(ct, 0)], p)]
        case .rev:
            return [try Tracing.bind1(ctx, .rev, [ct], params)]
        case .dynamicSlice, .dynamicUpdateSlice:
            return try DynamicSliceRules.transpose(ctx, prim, ct, args, params)
        case .cumsum:
            // a running sum read backwards
            var p = params
            p.set("reverse", .bool(!params.bool("reverse")))
            return [try Tracing.bind1(ctx, .cumsum, [ct], p)]
        case .pad:
            let config = params.padding
            var start: [Int] = [], limit: [Int] = [], strides: [Int] = []
            for (i, c) in config.enumerated() {
                start.append(c.low)
                limit.append(ct.shape[i] - c.high)
                strides.append(c.interior + 1)
            }
            var p = Params()
            p.set("limit_indices", .ints(limit))
            p.set("start_indices", .ints(start))
            p.set("strides", strides.allSatisfy { $0 == 1 } ? .none : .ints(strides))
            return [try Tracing.bind1(ctx, .slice, [ct], p), nil]
        case .concatenate:
            let axis = params.int("dimension")
            var offset = 0
            var out: [JaxValue?] = []
            for a in args {
                let size = a.aval.shape[axis]
                defer { offset += size }
                guard a.isLinear else { out.append(nil); continue }
                var start = Array(repeating: 0, count: ct.rank), limit = ct.shape
                start[axis] = offset
                limit[axis] = offset + size
                var p = Params()
                p.set("limit_indices", .ints(limit))
                p.set("start_indices", .ints(start))
                p.set("strides", .none)
                out.append(try Tracing.bind1(ctx, .slice, [ct], p))
            }
            return out
        case .stack:
            let axis = params.int("axis")
            var out: [JaxValue?] = []
            for (i, a) in args.enumerated() {
                guard a.isLinear else { out.append(nil); continue }
                var start = Array(repeating: 0, count: ct.rank), limit = ct.shape
                start[axis] = i
                limit[axis] = i + 1
                var p = Params()
                p.set("limit_indices", .ints(limit))
                p.set("start_indices", .ints(start))
                p.set("strides", .none)
                out.append(try Lax.reshape(ctx, try Tracing.bind1(ctx, .slice, [ct], p), a.aval.shape))
            }
            return out
        case .gather where SliceGather.dimensions(params) != nil:
            return try SliceGather.transpose(ctx, ct, args, params)
        case .gather:
            var operands: [JaxValue] = [try Lax.zeros(ctx, args[0].aval)]
            for a in args.dropFirst() { if let v = a.value { operands.append(v) } }
            operands.append(ct)
            var p = Params()
            if let index = params["index"] { p.set("index", index, shown: false) }
            p.set("mode", .text("GatherScatterMode.FILL_OR_DROP"))
            return [try Tracing.bind1(ctx, .scatterAdd, operands, p)] + args.dropFirst().map { _ in nil }
        case .scatterAdd, .scatter:
            if params["index_vector"] != nil {
                guard args.count == 3, let vector = args[1].value, let p = Indexing.itemsForm(params, vector) else {
                    throw PyException.notImplemented("Transpose of a scatter with a traced index is not supported")
                }
                let inner = try apply(ctx, prim, cts, [args[0], args[2]], p)
                return [inner[0], nil, inner.count > 1 ? inner[1] : nil]
            }
            let last = args.count - 1
            var out: [JaxValue?] = Array(repeating: nil, count: args.count)
            let indexOperands = args.dropFirst().dropLast().compactMap(\.value)
            var gp = Params()
            if let index = params["index"] { gp.set("index", index, shown: false) }
            if args[last].isLinear, case .index(let items)? = params["index"] {
                // the indexed region of the cotangent, summed back to the updates' shape (they
                // were broadcast to the region)
                let probe = JaxArray(shape: ct.shape, storage: try JNP.probeStorage(ct.aval, ctx))
                gp.set("result_shape", .shapes([try Kernels.getItem(probe, items, semantics: .jax).shape]), shown: false)
                gp.set("mode", .text("GatherScatterMode.PROMISE_IN_BOUNDS"))
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
        default:
            throw nonlinear(prim)
        }
    }

    static func nonlinear(_ prim: Primitive) -> PyException {
        PyException.notImplemented("Transpose rule (for reverse-mode differentiation) for '\(prim.name)' not implemented")
    }

    /// dot_general transposed to either operand, following lax's `_dot_general_transpose_lhs/rhs`.
    static func dotGeneralTranspose(_ ctx: JaxContext, _ ct: JaxValue, _ args: [TransposeArg], _ params: Params) throws(PyException) -> [JaxValue?] {
        guard case .dimensionNumbers(let c, let b)? = params["dimension_numbers"] else { throw nonlinear(.dotGeneral) }
        if args[0].isLinear, let y = args[1].value {
            return [try transposeLHS(ctx, ct, lhsAval: args[0].aval, y, contracting: c, batch: b, swapAns: false), nil]
        }
        if args[1].isLinear, let x = args[0].value {
            return [nil, try transposeLHS(ctx, ct, lhsAval: args[1].aval, x, contracting: (c.1, c.0), batch: (b.1, b.0),
                                          swapAns: true)]
        }
        throw nonlinear(.dotGeneral)
    }

    private static func transposeLHS(_ ctx: JaxContext, _ g: JaxValue, lhsAval: ShapedArray, _ y: JaxValue,
                                     contracting c: ([Int], [Int]), batch b: ([Int], [Int]), swapAns: Bool) throws(PyException) -> JaxValue {
        let xNdim = lhsAval.rank, yNdim = y.rank
        let xKept = (0..<xNdim).filter { !c.0.contains($0) && !b.0.contains($0) }
        let yKept = (0..<yNdim).filter { !c.1.contains($0) && !b.1.contains($0) }
        let ansBatch = Array(0..<b.0.count)
        let nb = b.0.count
        // In dot(x, y)'s output the y-kept axes follow the x-kept ones; for the rhs rule the
        // operands were swapped, so they come first.
        let ansY = swapAns ? Array(nb..<(nb + yKept.count)) : Array((nb + xKept.count)..<(nb + xKept.count + yKept.count))
        var p = Params()
        p.set("dimension_numbers", .dimensionNumbers(contracting: (ansY, yKept), batch: (ansBatch, b.1)))
        p.set("precision", .none, shown: false)
        p.set("preferred_element_type", .dtype(lhsAval.dtype))
        p.set("out_sharding", .none, shown: false)
        let dot = try Tracing.bind1(ctx, .dotGeneral, [g, y], p)
        // Result layout: batch, then g's remaining (x kept) dims, then y's contracting dims in
        // the order of c.1 sorted; map back to x's axis order.
        let yContractSorted = c.1.sorted()
        let xContractInOrder = yContractSorted.map { yc in c.0[c.1.firstIndex(of: yc) ?? 0] }
        let outAxes = b.0 + xKept + xContractInOrder
        var perm = Array(repeating: 0, count: xNdim)
        for (position, axis) in outAxes.enumerated() where axis < xNdim { perm[axis] = position }
        return try Lax.transpose(ctx, dot, perm)
    }
}
