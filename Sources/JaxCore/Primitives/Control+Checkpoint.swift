/// `remat2` (`jax.checkpoint` / `jax.remat`): a call whose intermediates differentiation does
/// not keep, unless its policy lets it save them; the backward pass recomputes the others
/// from the saved residuals. `reduce_precision` marks saved residuals, as JAX inserts it.
extension Primitive {
    static var checkpointing: [Primitive] { [.remat, .reducePrecision, .checkpointName] }

    /// `name[name=...]` (`jax.ad_checkpoint.checkpoint_name`): the value unchanged, named for
    /// the checkpoint policies that save by name; its tangent is not named.
    static let checkpointName: Primitive = Primitive("name", Rules(
        abstractEval: { ins, _ throws(PyException) in ins },
        evaluate: { _, xs, _ throws(PyException) in xs },
        jvp: .rule { prim, ctx, xs, ts, params throws(PyException) in (try Tracing.bind(ctx, prim, xs, params), ts) },
        transpose: .notLinear,
        batch: .unary))

    /// `remat2[differentiated jaxpr policy prevent_cse]`: evaluates its jaxpr op by op, as
    /// JAX's impl does (`Control+Checkpoint.swift`).
    static let remat: Primitive = Primitive("remat2", Rules(
        abstractEval: { _, params throws(PyException) in try params.required(.jaxpr).jaxpr.outAvals },
        evaluate: { ctx, xs, params throws(PyException) in try params.required(.jaxpr).evaluateEagerly(ctx, xs) },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in try CheckpointRules.jvp(ctx, xs, ts, params) },
        transpose: .rule { _, ctx, cts, args, params throws(PyException) in try CheckpointRules.transpose(ctx, cts, args, params) },
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in try CheckpointRules.batch(ctx, xs, dims, params, size: size) },
        call: CallRule(body: .jaxpr),
        partialEval: PartialEvalRule { trace, ins, params throws(PyException) in try CheckpointRules.partialEval(trace, ins, params) }))

    /// `reduce_precision[exponent_bits mantissa_bits]`: rounds to a narrower float format; JAX
    /// inserts it with the operand's own format, where it changes no bit.
    static let reducePrecision: Primitive = Primitive("reduce_precision", Rules(
        abstractEval: { ins, _ throws(PyException) in ins },
        evaluate: { _, xs, params throws(PyException) in
            guard let x = xs.first else { return [] }
            let bits = (try params.required(.exponentBits), try params.required(.mantissaBits))
            guard CheckpointRules.formatBits(x.dtype).map({ $0 == bits }) ?? false else {
                throw PyException.notImplemented("reduce_precision to another float format than the operand's")
            }
            return [x]
        },
        jvp: .linear,
        transpose: .linear { prim, ctx, ct, _, params throws(PyException) in [try Tracing.bind1(ctx, prim, [ct], params)] },
        batch: .unary))
}

/// Which intermediates of a checkpointed function differentiation may save
/// (`jax.checkpoint_policies`); printed as JAX prints the policy parameter.
public enum CheckpointPolicy: Sendable {
    /// No policy given: nothing is saved.
    case none
    case nothingSaveable
    case everythingSaveable
    case dotsSaveable
    case dotsWithNoBatchDimsSaveable
    /// `save_only_these_names(*names)`: only values named so by `checkpoint_name`.
    case onlyNames(Set<String>, text: String)
    /// `save_any_names_but_these(*names)`: named values, except these names.
    case anyNamesBut(Set<String>, text: String)
    /// `save_anything_except_these_names(*names)`: everything but values named so.
    case anythingExceptNames(Set<String>)

    /// The policy as Python shows it (in a jaxpr, addresses masked as JAX masks them).
    public var text: String {
        switch self {
        case .none: return "None"
        case .nothingSaveable: return "<function nothing_saveable at 0xXXXXXXXXXXXX>"
        case .everythingSaveable: return "<function everything_saveable at 0xXXXXXXXXXXXX>"
        case .dotsSaveable: return "DotsSaveable(only_if_no_batch_dims=False)"
        case .dotsWithNoBatchDimsSaveable: return "DotsSaveable(only_if_no_batch_dims=True)"
        case .onlyNames(_, let text), .anyNamesBut(_, let text): return text
        case .anythingExceptNames: return "<function save_anything_except_these_names.<locals>.<lambda> at 0xXXXXXXXXXXXX>"
        }
    }

    /// Whether the outputs of `eqn` may be saved for the backward pass.
    func saves(_ eqn: JaxprEqn) -> Bool {
        let named = eqn.primitive == .checkpointName ? eqn.params[.name] : nil
        switch self {
        case .none, .nothingSaveable: return false
        case .everythingSaveable: return true
        case .dotsSaveable: return eqn.primitive == .dotGeneral
        case .dotsWithNoBatchDimsSaveable:
            return eqn.primitive == .dotGeneral && (eqn.params[.dotDimensionNumbers]?.batch.lhs.isEmpty ?? false)
        case .onlyNames(let names, _): return named.map(names.contains) ?? false
        case .anyNamesBut(let names, _): return named.map { !names.contains($0) } ?? false
        case .anythingExceptNames(let names): return !(named.map(names.contains) ?? false)
        }
    }
}

extension CheckpointPolicy: ParamRepresentable {
    public init?(param: ParamValue) {
        switch param {
        case .none: self = .none
        case .checkpointPolicy(let p): self = p
        default: return nil
        }
    }

    public var param: ParamValue {
        if case .none = self { return .none }
        return .checkpointPolicy(self)
    }
}

/// The rules of `remat2`, after JAX's `ad_checkpoint.py`.
enum CheckpointRules {
    /// `checkpoint(fun)(*args)`: fun traced on the arguments' types and bound as one `remat2`;
    /// values it closes over lead the operands.
    static func call(_ ctx: JaxContext, policy: CheckpointPolicy, preventCSE: Bool, _ args: [JaxValue], origin: TraceOrigin?,
                     _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [JaxValue] {
        let closed = try Tracing.traceToJaxpr(ctx, args.map(\.aval), origin: origin, body)
        return try Tracing.bind(ctx, .remat, closed.consts + args,
                                params(JaxprTransforms.opened(closed), differentiated: false, policy: policy, preventCSE: preventCSE))
    }

    static func params(_ jaxpr: ClosedJaxpr, differentiated: Bool, policy: CheckpointPolicy, preventCSE: Bool) -> Params {
        var p = Params()
        p.set(.differentiated, differentiated)
        p.set(.jaxpr, jaxpr)
        p.set(.policy, policy)
        p.set(.preventCSE, preventCSE)
        return p
    }

    /// The (exponent, mantissa) bits of a float format, as `finfo` gives them.
    static func formatBits(_ dtype: DType) -> (Int, Int)? {
        switch dtype {
        case .float16: return (5, 10)
        case .bfloat16: return (8, 7)
        case .float32: return (8, 23)
        case .float64: return (11, 52)
        default: return nil
        }
    }

    /// `remat_jvp`: one `remat2` of the JVP'd body over the primals and nonzero tangents.
    static func jvp(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let inner = try params.required(.jaxpr)
        let given = ts.compactMap { $0 }
        var outNonzero: [Bool] = []
        let (jvpJaxpr, consts) = try JaxprTransforms.open(ctx, xs.map(\.aval) + given.map(\.aval)) { ins throws(PyException) -> [JaxValue] in
            var next = xs.count
            var tangents: [JaxValue?] = []
            for t in ts {
                if t == nil { tangents.append(nil) } else { tangents.append(ins[next]); next += 1 }
            }
            let (outs, outTangents) = try Tracing.jvp(ctx, Array(ins.prefix(xs.count)), tangents) { args throws(PyException) -> [JaxValue] in
                try inner.call(ctx, args)
            }
            outNonzero = outTangents.map { $0 != nil }
            return outs + outTangents.compactMap { $0 }
        }
        let outs = try Tracing.bind(ctx, .remat, consts + xs + given, params.with(.jaxpr, jvpJaxpr))
        let count = inner.jaxpr.outvars.count
        var rest = outs.dropFirst(count).makeIterator()
        return (Array(outs.prefix(count)), outNonzero.map { $0 ? rest.next() : nil })
    }

    /// `remat_vmap`: one `remat2` of the batched body.
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let inner = try params.required(.jaxpr)
        var operands: [JaxValue] = []
        for (x, d) in zip(xs, dims) { operands.append(try d.map { (d: Int) throws(PyException) -> JaxValue in try Lax.moveAxis(ctx, x, from: d, to: 0) } ?? x) }
        let (batched, outBatched) = try JaxprTransforms.batch(ctx, inner, size: size, batched: dims.map { $0 != nil },
                                                             instantiate: inner.jaxpr.outvars.map { _ in false })
        let outs = try Tracing.bind(ctx, .remat, operands, params.with(.jaxpr, batched))
        return (outs, outBatched.map { $0 ? 0 : nil })
    }

    /// `remat_partial_eval`: the policy decides what the known part saves; the known part runs
    /// now, and the unknown part is one `remat2[differentiated=True]` that recomputes what was
    /// not saved from the residuals.
    static func partialEval(_ trace: PartialEvalTrace, _ ins: [PartialEvalTracer], _ params: Params) throws(PyException) -> [JaxValue] {
        let ctx = trace.ctx
        let jaxpr = try params.required(.jaxpr).jaxpr
        let policy = params[.policy] ?? CheckpointPolicy.none
        let unknowns = ins.map { if case .unknown = $0.pval { return true } else { return false } }
        let split = try SavingSplit(jaxpr, unknowns: unknowns, policy: policy)
        var knownValues: [JaxValue] = []
        for (t, used) in zip(ins, split.knownInputsUsed) where used { if case .known(let v) = t.pval { knownValues.append(v) } }
        let computed = try split.known.evaluate(ctx, consts: [], args: knownValues)
        let knownOuts = computed.prefix(computed.count - split.residualCount)
        var inputs: [PartialEvalTracer] = []
        for r in computed.suffix(split.residualCount) { inputs.append(trace.instantiate(PartialEvalTracer(trace: trace, pval: .known(r), recipe: .none))) }
        for (t, used) in zip(ins, split.stagedInputsUsed) where used { inputs.append(trace.instantiate(t)) }
        let outAvals = split.staged.outAvals
        trace.state.counter += 1
        let recipe = EqnRecipe(sequence: trace.state.counter, primitive: .remat, inputs: inputs,
                               params: params.with(.jaxpr, ClosedJaxpr(jaxpr: split.staged, consts: [])).with(.differentiated, true),
                               outvars: outAvals.map { Var($0) })
        var known = knownOuts.makeIterator()
        var unknownIndex = 0
        var results: [JaxValue] = []
        for unknown in split.outUnknowns {
            if unknown {
                results.append(.tracer(PartialEvalTracer(trace: trace, pval: .unknown(outAvals[unknownIndex]), recipe: .eqn(recipe, unknownIndex))))
                unknownIndex += 1
            } else if let v = known.next() {
                results.append(v)
            }
        }
        return results
    }

    /// `remat_transpose`: one `remat2` over the known operands and the nonzero cotangents,
    /// whose body recomputes the non-linear part (`partial_eval_jaxpr_nounits`) and runs the
    /// backward pass of the linear part; it returns the nonzero cotangents.
    static func transpose(_ ctx: JaxContext, _ cts: [JaxValue?], _ args: [TransposeArg], _ params: Params) throws(PyException) -> [JaxValue?] {
        let inner = try params.required(.jaxpr)
        let linear = args.map(\.isLinear)
        let knownValues = args.compactMap(\.value)
        let givenCts = cts.compactMap { $0 }
        var nonzero: [Bool] = []
        // cotangents have the outputs' types, weak types included (`to_ct_aval`)
        let ctAvals = zip(inner.jaxpr.outAvals, cts).filter { $0.1 != nil }.map(\.0)
        let (transposed, consts) = try JaxprTransforms.open(ctx, knownValues.map(\.aval) + ctAvals) {
            ins throws(PyException) -> [JaxValue] in
            let split = try JaxprTransforms.partialEval(ctx, inner, unknowns: linear, instantiate: [])
            let computed = try split.known.call(ctx, Array(ins.prefix(knownValues.count)))
            let residuals = Array(computed.suffix(split.residualAvals.count))
            var next = knownValues.count
            var linearCts: [JaxValue?] = []
            for (ct, unknown) in zip(cts, split.outUnknown) {
                let value: JaxValue? = ct == nil ? nil : ins[next]
                if ct != nil { next += 1 }
                if unknown { linearCts.append(value) }
            }
            let body = split.unknown.jaxpr
            let residualVars = Array(body.invars.prefix(residuals.count))
            let lin = Jaxpr(constvars: residualVars, invars: Array(body.invars.dropFirst(residuals.count)), eqns: body.eqns, outvars: body.outvars)
            let results = try Transpose.backwardPass(ctx, lin, residuals, linearCts)
            nonzero = results.map { $0 != nil }
            return results.compactMap { $0 }
        }
        var outs = try Tracing.bind(ctx, .remat, consts + knownValues + givenCts, params.with(.jaxpr, transposed)).makeIterator()
        var linearIndex = 0
        return args.map { arg -> JaxValue? in
            guard arg.isLinear else { return nil }
            defer { linearIndex += 1 }
            return linearIndex < nonzero.count && nonzero[linearIndex] ? outs.next() : nil
        }
    }
}

/// `pe.partial_eval_jaxpr_custom` for a checkpointed body: equations whose inputs are known go
/// to the known jaxpr; the policy decides which of them the unknown jaxpr may read as residuals
/// and which it recomputes. The known jaxpr returns the known outputs and then the residuals
/// (a saved intermediate that other known equations also read passes through
/// `reduce_precision`, as `_insert_reduce_precision` does); the staged jaxpr takes the
/// residuals and then the original inputs it reads.
struct SavingSplit {
    var known: Jaxpr
    var staged: Jaxpr
    var outUnknowns: [Bool]
    var residualCount: Int
    var knownInputsUsed: [Bool]
    var stagedInputsUsed: [Bool]

    init(_ jaxpr: Jaxpr, unknowns: [Bool], policy: CheckpointPolicy) throws(PyException) {
        var knownVars: Set<Var> = []
        for (v, unknown) in zip(jaxpr.invars, unknowns) where !unknown { knownVars.insert(v) }
        var knownEqns: [JaxprEqn] = [], stagedEqns: [JaxprEqn] = []
        for eqn in jaxpr.eqns {
            let allKnown = eqn.inputs.allSatisfy { $0.variable.map(knownVars.contains) ?? true }
            if allKnown {
                knownEqns.append(eqn)
                knownVars.formUnion(eqn.outvars)
                if !policy.saves(eqn) { stagedEqns.append(eqn) }
            } else {
                stagedEqns.append(eqn)
            }
        }
        outUnknowns = jaxpr.outvars.map { atom in atom.variable.map { !knownVars.contains($0) } ?? false }
        // the staged jaxpr computes the unknown outputs, from whatever it cannot compute itself
        let stagedOuts = zip(jaxpr.outvars, outUnknowns).filter(\.1).map(\.0)
        let (stagedBody, stagedUsed) = JitRules.dce(Jaxpr(constvars: [], invars: jaxpr.invars, eqns: stagedEqns, outvars: stagedOuts),
                                                    usedOutputs: stagedOuts.map { _ in true })
        var defined = Set(jaxpr.invars)
        var residuals: [Var] = []
        for eqn in stagedBody.eqns {
            for atom in eqn.inputs {
                guard let v = atom.variable, !defined.contains(v) else { continue }
                defined.insert(v)
                residuals.append(v)
            }
            defined.formUnion(eqn.outvars)
        }
        for atom in stagedBody.outvars {
            guard let v = atom.variable, !defined.contains(v) else { continue }
            defined.insert(v)
            residuals.append(v)
        }
        stagedInputsUsed = stagedUsed
        let knownOuts = zip(jaxpr.outvars, outUnknowns).filter { !$0.1 }.map(\.0)
        let (knownBody, knownUsed) = JitRules.dce(Jaxpr(constvars: [], invars: jaxpr.invars, eqns: knownEqns,
                                                        outvars: knownOuts + residuals.map { .variable($0) }),
                                                  usedOutputs: (knownOuts + residuals.map { .variable($0) }).map { _ in true })
        knownInputsUsed = zip(knownUsed, unknowns).map { $0 && !$1 }
        known = SavingSplit.reducingPrecision(Jaxpr(constvars: [], invars: zip(jaxpr.invars, knownInputsUsed).filter(\.1).map(\.0),
                                                   eqns: knownBody.eqns, outvars: knownBody.outvars), residuals: residuals)
        residualCount = residuals.count
        let freshResiduals = residuals.map { Var($0.aval) }
        let rename = Dictionary(uniqueKeysWithValues: zip(residuals, freshResiduals))
        staged = Jaxpr(constvars: [], invars: freshResiduals + zip(jaxpr.invars, stagedUsed).filter(\.1).map(\.0),
                       eqns: stagedBody.eqns.map { SavingSplit.renaming($0, rename) },
                       outvars: stagedBody.outvars.map { atom in atom.variable.flatMap { rename[$0] }.map { .variable($0) } ?? atom })
    }

    /// `_insert_reduce_precision`: each float residual an equation computes and other known
    /// equations read is rounded to its own format, the readers and the residual output taking
    /// the rounded value.
    static func reducingPrecision(_ jaxpr: Jaxpr, residuals: [Var]) -> Jaxpr {
        let read = Set(jaxpr.eqns.flatMap { $0.inputs.compactMap(\.variable) })
        var rename: [Var: Var] = [:]
        var eqns: [JaxprEqn] = []
        for eqn in jaxpr.eqns {
            eqns.append(renaming(eqn, rename))
            for v in eqn.outvars where residuals.contains(v) && read.contains(v) {
                guard let (exponent, mantissa) = CheckpointRules.formatBits(v.aval.dtype) else { continue }
                let rounded = Var(v.aval)
                var p = Params()
                p.set(.exponentBits, exponent)
                p.set(.mantissaBits, mantissa)
                eqns.append(JaxprEqn(primitive: .reducePrecision, inputs: [.variable(v)], params: p, outvars: [rounded]))
                rename[v] = rounded
            }
        }
        return Jaxpr(constvars: jaxpr.constvars, invars: jaxpr.invars, eqns: eqns,
                     outvars: jaxpr.outvars.map { atom in atom.variable.flatMap { rename[$0] }.map { .variable($0) } ?? atom })
    }

    static func renaming(_ eqn: JaxprEqn, _ rename: [Var: Var]) -> JaxprEqn {
        guard !rename.isEmpty else { return eqn }
        return JaxprEqn(primitive: eqn.primitive, inputs: eqn.inputs.map { atom in atom.variable.flatMap { rename[$0] }.map { .variable($0) } ?? atom },
                        params: eqn.params, outvars: eqn.outvars)
    }
}
