/// How the transformations see a `jit` equation, as JAX's pjit rules do: the JVP is one `jit`
/// of the JVP'd body, partial evaluation splits it into a `jit` of the known part (which also
/// returns the residuals) and a `jit` of the unknown part, transposition gives a `jit` of the
/// transposed body, and vmap a `jit` of the batched body. Each keeps the function's name, so
/// `make_jaxpr(grad(f))` shows the same nested jits as JAX.
enum JitRules {
    /// vmap of a `jit` equation stays one `jit` equation: its jaxpr is batched, so the call
    /// still compiles (with XLA's fusion numerics) and prints as a nested jaxpr over the
    /// batched values. A rule inside that needs a concrete operand (a scatter index) sees it
    /// once the body is inlined instead.
    static func batch(_ ctx: JaxContext, _ inner: ClosedJaxpr, _ params: Params, _ values: [JaxValue], _ dims: [Int?],
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        do {
            var outDims: [Int?] = []
            let batched = try Tracing.traceToJaxpr(ctx, values.map(\.aval)) { ins throws(PyException) -> [JaxValue] in
                let results = try Tracing.batch(ctx, size: size, ins, dims) { tracers throws(PyException) -> [JaxValue] in
                    try inner.call(ctx, tracers)
                }
                outDims = results.map(\.1)
                return results.map(\.0)
            }
            return (try Tracing.bindJit(ctx, name: name(params), batched, values), outDims)
        } catch where error.kind == "NotImplementedError" {
            let results = try Tracing.batch(ctx, size: size, values, dims) { tracers throws(PyException) -> [JaxValue] in
                try inner.call(ctx, tracers)
            }
            return (results.map(\.0), results.map(\.1))
        }
    }

    /// `_pjit_jvp`: primal inputs and the nonzero tangents in, primal outputs and the nonzero
    /// tangents out.
    static func jvp(_ ctx: JaxContext, _ inner: ClosedJaxpr, _ params: Params, _ primals: [JaxValue],
                    _ tangents: [JaxValue?]) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let given = tangents.compactMap { $0 }
        let key = "\(ObjectIdentifier(inner.jaxpr))|" + tangents.map { $0.map { "\($0.aval.short)\($0.weakType ? "~" : "")" } ?? "0" }.joined(separator: ",")
        let jvpJaxpr: ClosedJaxpr
        var outNonzero: [Bool] = []
        if let cached = ctx.traceState.jvpCache[key], cached.body === inner.jaxpr {
            (jvpJaxpr, outNonzero) = (cached.jvp, cached.outNonzero)
        } else {
            jvpJaxpr = try traceJVP(ctx, inner, primals, tangents, outNonzero: &outNonzero)
            if !inner.hasTracerConsts && !jvpJaxpr.hasTracerConsts { ctx.traceState.jvpCache[key] = (inner.jaxpr, jvpJaxpr, outNonzero) }
        }
        let outs = try Tracing.bindJit(ctx, name: name(params), jvpJaxpr, primals + given)
        let primalCount = inner.jaxpr.outvars.count
        var remaining = outs.dropFirst(primalCount).makeIterator()
        let outTangents: [JaxValue?] = outNonzero.map { $0 ? remaining.next() : nil }
        return (Array(outs.prefix(primalCount)), outTangents)
    }

    /// The JVP of a jit body as a jaxpr over the primals and the nonzero tangents.
    private static func traceJVP(_ ctx: JaxContext, _ inner: ClosedJaxpr, _ primals: [JaxValue], _ tangents: [JaxValue?],
                                 outNonzero: inout [Bool]) throws(PyException) -> ClosedJaxpr {
        let given = tangents.compactMap { $0 }
        var nonzero: [Bool] = []
        let jvpJaxpr = try Tracing.traceToJaxpr(ctx, primals.map(\.aval) + given.map(\.aval)) { ins throws(PyException) -> [JaxValue] in
            var next = primals.count
            var ts: [JaxValue?] = []
            for t in tangents {
                if t == nil { ts.append(nil) } else { ts.append(ins[next]); next += 1 }
            }
            let (outs, outTangents) = try Tracing.jvp(ctx, Array(ins.prefix(primals.count)), ts) { args throws(PyException) -> [JaxValue] in
                try inner.call(ctx, args)
            }
            nonzero = outTangents.map { $0 != nil }
            return outs + outTangents.compactMap { $0 }
        }
        outNonzero = nonzero
        return jvpJaxpr
    }

    /// Dead-code elimination: the equations the used outputs need (nested jits pruned the
    /// same way, as JAX's pjit DCE rule does), and which inputs they read.
    static func dce(_ jaxpr: Jaxpr, usedOutputs: [Bool]) -> (Jaxpr, [Bool]) {
        var live: Set<Var> = []
        var outs: [Atom] = []
        for (atom, used) in zip(jaxpr.outvars, usedOutputs) where used {
            outs.append(atom)
            if let v = atom.variable { live.insert(v) }
        }
        var kept: [JaxprEqn] = []
        for eqn in jaxpr.eqns.reversed() {
            let usedOuts = eqn.outvars.map(live.contains)
            guard usedOuts.contains(true) || eqn.hasEffects else { continue }
            var pruned = eqn
            if eqn.primitive == .jit, let inner = eqn.params[.jaxpr] {
                let (body, usedIns) = dce(inner.jaxpr, usedOutputs: usedOuts)
                var params = eqn.params
                params.set(.jaxpr, ClosedJaxpr(jaxpr: Jaxpr(constvars: body.constvars, invars: zip(body.invars, usedIns).filter(\.1).map(\.0),
                                                                  eqns: body.eqns, outvars: body.outvars), consts: inner.consts))
                pruned = JaxprEqn(primitive: .jit, inputs: zip(eqn.inputs, usedIns).filter(\.1).map(\.0), params: params,
                                  outvars: zip(eqn.outvars, usedOuts).filter(\.1).map(\.0))
            }
            for atom in pruned.inputs { if let v = atom.variable { live.insert(v) } }
            kept.append(pruned)
        }
        let jaxprOut = Jaxpr(constvars: jaxpr.constvars, invars: jaxpr.invars, eqns: kept.reversed(), outvars: outs)
        return (jaxprOut, jaxpr.invars.map(live.contains))
    }

    static func name(_ params: Params) -> String {
        params[.name] ?? "jit"
    }

    /// The split of a jaxpr by which inputs are known: the known part computes the known
    /// outputs and then the residuals it returns; the unknown part takes the unknown inputs
    /// followed by every residual.
    struct Split {
        var known: ClosedJaxpr
        var unknown: Jaxpr
        /// Per output of the original jaxpr: whether the unknown part computes it.
        var unknownOutputs: [Bool]
        /// Per known output: the known input it is (passed along, not returned), or nil.
        var knownOutputInputs: [Int?]
        /// Per residual: where its value comes from.
        var residualSources: [ResidualSource]
    }

    /// Where a residual's value comes from.
    enum ResidualSource {
        /// A known input, passed along.
        case input(Int)
        /// A known output of the known part.
        case output(Int)
        /// The known part's next returned residual.
        case returned
    }

    /// `partial_eval_jaxpr_nounits` with JAX's forwarding: the body is traced with the known
    /// inputs as values of a new jaxpr and the unknown ones under partial evaluation (so nested
    /// jits split too). Residuals and known outputs that are known inputs are passed along
    /// instead of returned, and a residual that is also a known output is returned once.
    static func split(_ ctx: JaxContext, _ inner: ClosedJaxpr, unknownInputs: [Bool]) throws(PyException) -> Split {
        let key = "\(ObjectIdentifier(inner.jaxpr))|\(unknownInputs)"
        if let cached = ctx.traceState.splitCache[key], cached.body === inner.jaxpr { return cached.split }
        let split = try traceSplit(ctx, inner, unknownInputs: unknownInputs)
        if !split.known.hasTracerConsts && !inner.hasTracerConsts { ctx.traceState.splitCache[key] = (inner.jaxpr, split) }
        return split
    }

    private static func traceSplit(_ ctx: JaxContext, _ inner: ClosedJaxpr, unknownInputs: [Bool]) throws(PyException) -> Split {
        let jaxpr = inner.jaxpr
        let knownAvals = zip(jaxpr.inAvals, unknownInputs).filter { !$0.1 }.map(\.0)
        var unknown = Jaxpr(constvars: [], invars: [], eqns: [], outvars: [])
        var unknownOutputs: [Bool] = []
        var knownOutputCount = 0
        var knownOutputInputs: [Int?] = []
        var residualSources: [ResidualSource] = []
        let traced = try Tracing.traceToJaxpr(ctx, knownAvals) { knownIns throws(PyException) -> [JaxValue] in
            try Tracing.partialEval(ctx, jaxpr.inAvals, unknowns: unknownInputs, known: knownIns) { trace, args, lambdas throws(PyException) -> [JaxValue] in
                var knownOuts: [JaxValue] = [], unknownOuts: [PartialEvalTracer] = []
                for out in try inner.call(ctx, args) {
                    let t = try Tracing.raisePE(trace, out)
                    if case .known(let v) = t.pval {
                        knownOuts.append(v)
                        unknownOutputs.append(false)
                    } else {
                        unknownOuts.append(t)
                        unknownOutputs.append(true)
                    }
                }
                let (body, residuals) = try Tracing.tracersToJaxpr(lambdas, unknownOuts)
                let order = firstUse(body.constvars, in: body)
                unknown = Jaxpr(constvars: [], invars: body.invars + order.map { body.constvars[$0] }, eqns: body.eqns, outvars: body.outvars)
                // what the known part returns: known outputs that are not inputs, then residuals
                // that are neither inputs nor returned outputs
                func inputIndex(_ v: JaxValue) -> Int? {
                    guard case .tracer(let t) = v else { return nil }
                    return knownIns.firstIndex { if case .tracer(let k) = $0 { return k === t } else { return false } }
                }
                var returned: [JaxValue] = []
                for v in knownOuts {
                    let input = inputIndex(v)
                    knownOutputInputs.append(input)
                    if input == nil { returned.append(v) }
                }
                knownOutputCount = returned.count
                for k in order {
                    let v = residuals[k]
                    if let input = inputIndex(v) {
                        residualSources.append(.input(input))
                    } else if case .tracer(let t) = v, let out = returned.prefix(knownOutputCount).firstIndex(where: { if case .tracer(let r) = $0 { return r === t } else { return false } }) {
                        residualSources.append(.output(out))
                    } else {
                        residualSources.append(.returned)
                        returned.append(v)
                    }
                }
                return returned
            }
        }
        return Split(known: traced, unknown: unknown, unknownOutputs: unknownOutputs, knownOutputInputs: knownOutputInputs,
                     residualSources: residualSources)
    }

    /// The positions of `vars` ordered by where `jaxpr` first reads them.
    static func firstUse(_ vars: [Var], in jaxpr: Jaxpr) -> [Int] {
        var rank: [Var: Int] = [:]
        var n = 0
        for eqn in jaxpr.eqns {
            for atom in eqn.inputs { if let v = atom.variable, rank[v] == nil { rank[v] = n; n += 1 } }
        }
        for atom in jaxpr.outvars { if let v = atom.variable, rank[v] == nil { rank[v] = n; n += 1 } }
        return vars.indices.sorted { (rank[vars[$0]] ?? Int.max, $0) < (rank[vars[$1]] ?? Int.max, $1) }
    }

    /// `_pjit_transpose`: a jit over the known arguments and the nonzero cotangents whose body
    /// runs the backward pass of `inner`; it returns a cotangent for every linear argument.
    static func transpose(_ ctx: JaxContext, _ inner: ClosedJaxpr, _ params: Params, _ cts: [JaxValue?],
                          _ args: [TransposeArg]) throws(PyException) -> [JaxValue?] {
        // as JAX's DCE of the linear jaxpr: only what the nonzero cotangents reach is transposed
        let (pruned, usedInputs) = dce(inner.jaxpr, usedOutputs: cts.map { $0 != nil })
        let kept = ClosedJaxpr(jaxpr: Jaxpr(constvars: pruned.constvars, invars: zip(pruned.invars, usedInputs).filter(\.1).map(\.0),
                                            eqns: pruned.eqns, outvars: pruned.outvars), consts: inner.consts)
        let keptArgs = zip(args, usedInputs).filter(\.1).map(\.0)
        let signature = zip(args, usedInputs).map { a, used in used ? (a.isLinear ? "L" : a.aval.short + (a.aval.weakType ? "~" : "")) : "-" }
        let key = "\(ObjectIdentifier(inner.jaxpr))|" + signature.joined(separator: ",") + "|" + cts.map { $0.map(\.aval.short) ?? "0" }.joined(separator: ",")
        do {
            var results = try stagedTranspose(ctx, kept, params, cts.filter { $0 != nil }, keptArgs, cacheKey: (key, inner.jaxpr)).makeIterator()
            return usedInputs.map { used in used ? (results.next() ?? nil) : nil }
        } catch where error.kind == "NotImplementedError" {
            // a rule that needs a concrete operand (a scatter index) sees it once inlined
            let known = zip(inner.jaxpr.invars, args).filter { !$0.1.isLinear }
            let body = Jaxpr(constvars: inner.jaxpr.constvars + known.map(\.0), invars: zip(inner.jaxpr.invars, args).filter { $0.1.isLinear }.map(\.0),
                             eqns: inner.jaxpr.eqns, outvars: inner.jaxpr.outvars)
            var results = try Transpose.backwardPass(ctx, body, inner.consts + known.compactMap(\.1.value), cts).makeIterator()
            return args.map { $0.isLinear ? (results.next() ?? nil) : nil }
        }
    }

    private static func stagedTranspose(_ ctx: JaxContext, _ inner: ClosedJaxpr, _ params: Params, _ cts: [JaxValue?],
                                        _ args: [TransposeArg], cacheKey: (String, Jaxpr)) throws(PyException) -> [JaxValue?] {
        let knownValues = args.compactMap(\.value)
        let givenCts = cts.compactMap { $0 }
        let transposed: ClosedJaxpr
        if let cached = ctx.traceState.transposeCache[cacheKey.0], cached.body === cacheKey.1 {
            transposed = cached.transposed
        } else {
            transposed = try traceTranspose(ctx, inner, cts, args)
            if !transposed.hasTracerConsts { ctx.traceState.transposeCache[cacheKey.0] = (cacheKey.1, transposed) }
        }
        var outs = try Tracing.bindJit(ctx, name: name(params), transposed, knownValues + givenCts).makeIterator()
        return args.map { $0.isLinear ? outs.next() : nil }
    }

    /// The transposed body: known arguments and cotangents in, a cotangent per linear
    /// argument out.
    private static func traceTranspose(_ ctx: JaxContext, _ inner: ClosedJaxpr, _ cts: [JaxValue?],
                                       _ args: [TransposeArg]) throws(PyException) -> ClosedJaxpr {
        let knownValues = args.compactMap(\.value)
        let givenCts = cts.compactMap { $0 }
        let linearAvals = args.filter(\.isLinear).map(\.aval)
        return try Tracing.traceToJaxpr(ctx, knownValues.map(\.aval) + givenCts.map(\.aval)) { ins throws(PyException) -> [JaxValue] in
            var known: [Var] = [], knownIns: [JaxValue] = [], linear: [Var] = []
            var next = 0
            for (v, a) in zip(inner.jaxpr.invars, args) {
                if a.isLinear {
                    linear.append(v)
                } else {
                    known.append(v)
                    knownIns.append(ins[next])
                    next += 1
                }
            }
            var ctIns: [JaxValue?] = []
            for ct in cts {
                if ct == nil { ctIns.append(nil) } else { ctIns.append(ins[next]); next += 1 }
            }
            let body = Jaxpr(constvars: inner.jaxpr.constvars + known, invars: linear, eqns: inner.jaxpr.eqns,
                             outvars: inner.jaxpr.outvars)
            let results = try Transpose.backwardPass(ctx, body, inner.consts + knownIns, ctIns)
            var outs: [JaxValue] = []
            for (ct, aval) in zip(results, linearAvals) {
                if let ct { outs.append(ct) } else { outs.append(try Lax.zeros(ctx, aval)) }
            }
            return outs
        }
    }
}

extension PartialEvalTrace {
    /// `_pjit_partial_eval`: the known part runs now (or is staged by an enclosing trace), the
    /// unknown part is recorded as one `jit` equation reading the residuals.
    func partialEvalJit(_ inner: ClosedJaxpr, _ params: Params, _ ins: [PartialEvalTracer]) throws(PyException) -> [JaxValue] {
        let unknownInputs = ins.map { if case .unknown = $0.pval { return true } else { return false } }
        let split = try JitRules.split(ctx, inner, unknownInputs: unknownInputs)
        var knownValues: [JaxValue] = []
        for t in ins { if case .known(let v) = t.pval { knownValues.append(v) } }
        let name = JitRules.name(params)
        let returned = try Tracing.bindJit(ctx, name: name, split.known, knownValues)
        var next = 0
        var knownOuts: [JaxValue] = []
        for input in split.knownOutputInputs {
            if let input { knownOuts.append(knownValues[input]) } else { knownOuts.append(returned[next]); next += 1 }
        }
        var residualTracers: [PartialEvalTracer] = []
        for source in split.residualSources {
            let value: JaxValue
            switch source {
            case .input(let i): value = knownValues[i]
            case .output(let i): value = returned[i]
            case .returned:
                value = returned[next]
                next += 1
            }
            residualTracers.append(instantiate(PartialEvalTracer(trace: self, pval: .known(value), recipe: .none)))
        }
        let unknownIns = ins.filter { if case .unknown = $0.pval { return true } else { return false } }.map(instantiate)
        var unknownParams = Params()
        unknownParams.set(.jaxpr, ClosedJaxpr(jaxpr: split.unknown, consts: []))
        unknownParams.set(.name, name)
        state.counter += 1
        let outAvals = split.unknown.outAvals
        let recipe = EqnRecipe(sequence: state.counter, primitive: .jit, inputs: unknownIns + residualTracers,
                               params: unknownParams, outvars: outAvals.map { Var($0) })
        var unknownIndex = 0, knownIndex = 0
        var results: [JaxValue] = []
        for unknown in split.unknownOutputs {
            if unknown {
                results.append(.tracer(PartialEvalTracer(trace: self, pval: .unknown(outAvals[unknownIndex]), recipe: .eqn(recipe, unknownIndex))))
                unknownIndex += 1
            } else {
                results.append(knownOuts[knownIndex])
                knownIndex += 1
            }
        }
        return results
    }
}
