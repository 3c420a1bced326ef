/// The rules of `cond[branches=(...)] index *operands`: one branch jaxpr runs, the one the
/// (clamped) int32 index picks; every branch takes all the operands (the values the branches
/// closed over first). As in JAX's `conditionals.py`: the JVP is a cond of the JVP'd branches,
/// partial evaluation splits each branch into a known cond (which also returns the residuals
/// every branch needs, zeros where a branch has none) and an unknown one, the transpose is a
/// cond of the transposed branches, and under vmap a batched index turns into `select_n`.
enum CondRules {
    static func params(_ branches: [ClosedJaxpr]) -> Params {
        var p = Params()
        p.set(.branches, BranchList(branches))
        return p
    }

    static func branches(_ params: Params) throws(PyException) -> [ClosedJaxpr] {
        try params.required(.branches).jaxprs
    }

    /// Runs the branch the index picks.
    static func evaluate(_ ctx: JaxContext, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray] {
        let all = try branches(params)
        guard let index = xs.first, !all.isEmpty else { throw PyException.typeError("cond called with no index or branches") }
        let i = Swift.min(Swift.max(Int(index.storage.int64(at: 0)), 0), all.count - 1)
        return try ctx.executables.run(ctx, all[i], Array(xs.dropFirst()))
    }

    /// `_cond_jvp`: every branch JVP'd with the operands' nonzero tangents, outputs with a
    /// tangent in any branch get one in all.
    static func jvp(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let all = try branches(params)
        let nonzeros = ts.dropFirst().map { $0 != nil }
        var outNonzero = Array(repeating: false, count: all.first?.jaxpr.outvars.count ?? 0)
        for branch in all {
            let (_, nz) = try JaxprTransforms.jvp(ctx, branch, nonzeros: nonzeros, instantiate: [])
            outNonzero = zip(outNonzero, nz).map { $0 || $1 }
        }
        var jvpBranches: [ClosedJaxpr] = []
        for branch in all { jvpBranches.append(try JaxprTransforms.jvp(ctx, branch, nonzeros: nonzeros, instantiate: outNonzero).0) }
        let tangents = ts.dropFirst().compactMap { $0 }
        let outs = try Tracing.bind(ctx, .cond, xs + tangents, CondRules.params(jvpBranches))
        let count = outNonzero.count
        var rest = outs.dropFirst(count).makeIterator()
        return (Array(outs.prefix(count)), outNonzero.map { $0 ? rest.next() : nil })
    }

    /// `_cond_partial_eval`: with the index known, each branch splits by the unknown
    /// operands; the known cond runs now and returns the residuals, the unknown cond is
    /// recorded reading the index and the residuals.
    static func partialEval(_ trace: PartialEvalTrace, _ ins: [PartialEvalTracer], _ params: Params) throws(PyException) -> [JaxValue] {
        let ctx = trace.ctx
        let unknown = ins.map { if case .unknown = $0.pval { return true } else { return false } }
        if unknown[0] { return try trace.stage(.cond, ins, params) }
        let all = try branches(params)
        let opsUnknown = Array(unknown.dropFirst())
        var outUnknown = Array(repeating: false, count: all.first?.jaxpr.outvars.count ?? 0)
        for branch in all {
            let split = try JaxprTransforms.partialEval(ctx, branch, unknowns: opsUnknown, instantiate: [])
            outUnknown = zip(outUnknown, split.outUnknown).map { $0 || $1 }
        }
        let splits = try all.map { (b: ClosedJaxpr) throws(PyException) -> JaxprTransforms.Split in
            try JaxprTransforms.partialEval(ctx, b, unknowns: opsUnknown, instantiate: outUnknown)
        }
        // residual slots shared by type across branches (`_merge_branch_residuals`)
        var slots: [ShapedArray] = [], slotOf: [[Int]] = []
        for split in splits {
            var seen: [ShapedArray: Int] = [:], mine: [Int] = []
            for aval in split.residualAvals {
                let occurrence = seen[aval, default: 0]
                seen[aval] = occurrence + 1
                var found = -1, count = 0
                for (k, slot) in slots.enumerated() where slot == aval {
                    if count == occurrence { found = k; break }
                    count += 1
                }
                if found < 0 {
                    slots.append(aval)
                    found = slots.count - 1
                }
                mine.append(found)
            }
            slotOf.append(mine)
        }
        let knownOutCount = outUnknown.filter { !$0 }.count
        var knownBranches: [ClosedJaxpr] = [], unknownBranches: [ClosedJaxpr] = []
        for (split, mine) in zip(splits, slotOf) {
            knownBranches.append(try padOutputs(ctx, split.known, knownCount: knownOutCount, slots: slots, mine: mine))
            unknownBranches.append(padInputs(split.unknown, slots: slots, mine: mine))
        }
        var knownIns: [JaxValue] = []
        for t in ins { if case .known(let v) = t.pval { knownIns.append(v) } }
        let knownOuts = try Tracing.bind(ctx, .cond, knownIns, CondRules.params(knownBranches))
        let residuals = knownOuts.dropFirst(knownOutCount).map { trace.instantiate(PartialEvalTracer(trace: trace, pval: .known($0), recipe: .none)) }
        let index = trace.instantiate(ins[0])
        let unknownOps = zip(ins.dropFirst(), opsUnknown).filter(\.1).map { trace.instantiate($0.0) }
        let staged = try trace.stage(.cond, [index] + residuals + unknownOps, CondRules.params(unknownBranches))
        var knownIter = knownOuts.prefix(knownOutCount).makeIterator(), stagedIter = staged.makeIterator()
        var results: [JaxValue] = []
        for uk in outUnknown {
            guard let next = uk ? stagedIter.next() : knownIter.next() else { throw PyException("RuntimeError", "cond lost an output") }
            results.append(next)
        }
        return results
    }

    /// A known branch returning its known outputs, then every residual slot: an empty value
    /// of each slot's type (`empty_like_aval`), its own residuals in their slots.
    private static func padOutputs(_ ctx: JaxContext, _ known: ClosedJaxpr, knownCount: Int, slots: [ShapedArray],
                                   mine: [Int]) throws(PyException) -> ClosedJaxpr {
        let padded = try Tracing.traceToJaxpr(ctx, known.jaxpr.inAvals) { ins throws(PyException) -> [JaxValue] in
            let outs = try known.call(ctx, ins)
            var filled: [JaxValue] = []
            for aval in slots { filled.append(try Lax.empty(ctx, aval)) }
            for (k, slot) in mine.enumerated() { filled[slot] = outs[knownCount + k] }
            return Array(outs.prefix(knownCount)) + filled
        }
        return JaxprTransforms.opened(padded)
    }

    /// An unknown branch taking every residual slot and reading its own.
    private static func padInputs(_ unknown: ClosedJaxpr, slots: [ShapedArray], mine: [Int]) -> ClosedJaxpr {
        let j = unknown.jaxpr
        var invars = slots.map { Var($0) }
        for (k, slot) in mine.enumerated() { invars[slot] = j.invars[k] }
        invars += j.invars.dropFirst(mine.count)
        return ClosedJaxpr(jaxpr: Jaxpr(constvars: j.constvars, invars: invars, eqns: j.eqns, outvars: j.outvars), consts: unknown.consts)
    }

    /// `_cond_transpose`: a cond over the known operands and the cotangents whose branches
    /// are the transposed branches.
    static func transpose(_ ctx: JaxContext, _ cts: [JaxValue?], _ args: [TransposeArg], _ params: Params) throws(PyException) -> [JaxValue?] {
        guard let index = args.first?.value else {
            throw PyException.notImplemented("Transpose rule (for reverse-mode differentiation) for 'cond' not implemented")
        }
        let all = try branches(params)
        let linear = args.dropFirst().map(\.isLinear)
        let given = cts.map { $0 != nil }
        let transposed = try all.map { (b: ClosedJaxpr) throws(PyException) -> ClosedJaxpr in
            try JaxprTransforms.transpose(ctx, b, linear: linear, ctGiven: given)
        }
        let known = args.dropFirst().compactMap(\.value)
        var outs = try Tracing.bind(ctx, .cond, [index] + known + cts.compactMap { $0 }, CondRules.params(transposed)).makeIterator()
        return [nil] + linear.map { $0 ? outs.next() : nil }
    }

    /// vmap: with the index batched, every branch runs and `select_n` picks per example;
    /// otherwise one cond of the branches batched alike.
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let all = try branches(params)
        if let indexDim = dims[0] {
            // `_cond_batching_rule` with a batched index: every operand batched, every branch
            // run on operands masked by stop_gradient where it is not taken, then select_n
            let index = try Lax.moveAxis(ctx, xs[0], from: indexDim, to: 0)
            var operands: [JaxValue] = []
            for (x, d) in zip(xs.dropFirst(), dims.dropFirst()) { operands.append(try Batching.atFront(ctx, x, d, size: size)) }
            var perBranch: [[JaxValue]] = []
            for (i, branch) in all.enumerated() {
                let (batched, _) = try JaxprTransforms.batch(ctx, branch, size: size, batched: operands.map { _ in true },
                                                             instantiate: branch.jaxpr.outvars.map { _ in true })
                let taken = try Lax.compare(ctx, .eq, index, .array(JaxArray.scalar(.int(Int64(i)), dtype: index.dtype)))
                var masked: [JaxValue] = []
                for x in operands {
                    let which = x.rank != taken.rank ? try Lax.broadcastInDim(ctx, taken, shape: x.shape, dims: Array(0..<taken.rank)) : taken
                    masked.append(try Lax.select(ctx, which, try Tracing.bind1(ctx, .stopGradient, [x]), x))
                }
                perBranch.append(try batched.jaxpr.evaluate(ctx, consts: batched.consts, args: masked))
            }
            var outs: [JaxValue] = []
            for k in 0..<(all.first?.jaxpr.outvars.count ?? 0) {
                let cases = perBranch.map { $0[k] }
                let which = cases[0].rank != index.rank ? try Lax.broadcastInDim(ctx, index, shape: cases[0].shape, dims: Array(0..<index.rank)) : index
                outs.append(try Tracing.bind1(ctx, .selectN, [which] + cases))
            }
            return (outs, outs.map { _ in 0 })
        }
        let ops = try Batching.moveToFront(ctx, Array(xs.dropFirst()), Array(dims.dropFirst()))
        let opsBatched = dims.dropFirst().map { $0 != nil }
        var outBatched = Array(repeating: false, count: all.first?.jaxpr.outvars.count ?? 0)
        for branch in all {
            let (_, b) = try JaxprTransforms.batch(ctx, branch, size: size, batched: opsBatched, instantiate: [])
            outBatched = zip(outBatched, b).map { $0 || $1 }
        }
        var batchedBranches: [ClosedJaxpr] = []
        for branch in all {
            batchedBranches.append(try JaxprTransforms.batch(ctx, branch, size: size, batched: opsBatched, instantiate: outBatched).0)
        }
        let outs = try Tracing.bind(ctx, .cond, [xs[0]] + ops, CondRules.params(batchedBranches))
        return (outs, outBatched.map { $0 ? 0 : nil })
    }
}

/// A tuple of jaxprs as a parameter (`cond`'s branches), printed `(\n { ... }\n { ... }\n)`.
public struct BranchList: ParamRepresentable {
    public var jaxprs: [ClosedJaxpr]

    public init(_ jaxprs: [ClosedJaxpr]) { self.jaxprs = jaxprs }

    public init?(param: ParamValue) {
        guard case .jaxprs(let v) = param else { return nil }
        jaxprs = v
    }
    public var param: ParamValue { .jaxprs(jaxprs) }
}

extension PartialEvalTrace {
    /// Records an equation of `prim` on (instantiated) tracers, all its outputs unknown: the
    /// default partial evaluation of a primitive with an unknown operand.
    func stage(_ prim: Primitive, _ ins: [PartialEvalTracer], _ params: Params) throws(PyException) -> [JaxValue] {
        let inputs = ins.map(instantiate)
        let avals = try prim.abstractEval(inputs.map(\.aval), params)
        state.counter += 1
        let recipe = EqnRecipe(sequence: state.counter, primitive: prim, inputs: inputs, params: params, outvars: avals.map { Var($0) })
        return avals.indices.map { .tracer(PartialEvalTracer(trace: self, pval: .unknown(avals[$0]), recipe: .eqn(recipe, $0))) }
    }
}
