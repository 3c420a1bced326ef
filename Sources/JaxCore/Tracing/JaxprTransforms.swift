/// Transformations of whole jaxprs, as the rules of the control-flow primitives need them
/// (JAX's `ad.jvp_jaxpr`, `pe.partial_eval_jaxpr_nounits`, `batching.batch_jaxpr` and the
/// transpose of a linear jaxpr): each traces the jaxpr under the transformation into a new one.
enum JaxprTransforms {
    /// Traces `body` on `avals`; the values it closes over become leading inputs, returned as
    /// the consts to pass (JAX's `trace_to_jaxpr` followed by `separate_consts`).
    static func open(_ ctx: JaxContext, _ avals: [ShapedArray],
                     _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> (ClosedJaxpr, [JaxValue]) {
        let closed = try Tracing.traceToJaxpr(ctx, avals, body)
        return (opened(closed), closed.consts)
    }

    /// A closed jaxpr with its constants turned into leading inputs.
    static func opened(_ closed: ClosedJaxpr) -> ClosedJaxpr {
        let j = closed.jaxpr
        guard !j.constvars.isEmpty else { return closed }
        return ClosedJaxpr(jaxpr: Jaxpr(constvars: [], invars: j.constvars + j.invars, eqns: j.eqns, outvars: j.outvars), consts: [])
    }

    /// `ad.jvp_jaxpr`: a jaxpr over the primals and the tangents of the `nonzeros` inputs,
    /// returning the primal outputs and the tangents of the outputs that are nonzero or
    /// asked for by `instantiate` (those get zeros); also which outputs have tangents.
    static func jvp(_ ctx: JaxContext, _ closed: ClosedJaxpr, nonzeros: [Bool],
                    instantiate: [Bool]) throws(PyException) -> (ClosedJaxpr, [Bool]) {
        let inAvals = closed.jaxpr.inAvals
        let tangentAvals = zip(inAvals, nonzeros).filter(\.1).map { $0.0.with(weakType: $0.0.weakType) }
        var outNonzero: [Bool] = []
        let jaxpr = try Tracing.traceToJaxpr(ctx, inAvals + tangentAvals) { ins throws(PyException) -> [JaxValue] in
            var next = inAvals.count
            var tangents: [JaxValue?] = []
            for nz in nonzeros {
                if nz { tangents.append(ins[next]); next += 1 } else { tangents.append(nil) }
            }
            let (outs, outTangents) = try Tracing.jvp(ctx, Array(ins.prefix(inAvals.count)), tangents) { args throws(PyException) -> [JaxValue] in
                try closed.call(ctx, args)
            }
            var kept: [JaxValue] = []
            outNonzero = []
            for (i, (out, t)) in zip(outs, outTangents).enumerated() {
                let force = i < instantiate.count && instantiate[i]
                if let t {
                    kept.append(t)
                    outNonzero.append(true)
                } else if force {
                    kept.append(try Lax.zeros(ctx, out.aval.with(weakType: false)))
                    outNonzero.append(true)
                } else {
                    outNonzero.append(false)
                }
            }
            return outs + kept
        }
        return (opened(jaxpr), outNonzero)
    }

    /// The two halves of a jaxpr split by which inputs are unknown.
    struct Split {
        /// Known inputs in; known outputs, then the residuals, out.
        var known: ClosedJaxpr
        /// Residuals, then the unknown inputs, in; unknown outputs out.
        var unknown: ClosedJaxpr
        var outUnknown: [Bool]
        var residualAvals: [ShapedArray]
        /// Per residual, the known input it is when that input may be forwarded (the known
        /// jaxpr then does not return it); nil for residuals it returns.
        var residualForwards: [Int?] = []
    }

    /// `pe.partial_eval_jaxpr_nounits`: equations whose inputs are all known go to the known
    /// jaxpr; the others, to the unknown jaxpr, which reads the known values it needs as
    /// residuals. Outputs marked `instantiate` are unknown even when computable.
    /// Residuals that are known inputs marked `forwardable` (one flag per known input) are
    /// not returned by the known jaxpr: the caller passes that input on instead
    /// (`partial_eval_jaxpr_nounits_fwd`).
    static func partialEval(_ ctx: JaxContext, _ closed: ClosedJaxpr, unknowns: [Bool],
                            instantiate: [Bool], forwardable: [Bool] = []) throws(PyException) -> Split {
        let jaxpr = closed.jaxpr
        let knownAvals = zip(jaxpr.inAvals, unknowns).filter { !$0.1 }.map(\.0)
        var unknownJaxpr = Jaxpr(constvars: [], invars: [], eqns: [], outvars: [])
        var outUnknown: [Bool] = []
        var residualAvals: [ShapedArray] = []
        var residualForwards: [Int?] = []
        let known = try Tracing.traceToJaxpr(ctx, knownAvals) { knownIns throws(PyException) -> [JaxValue] in
            try Tracing.partialEval(ctx, jaxpr.inAvals, unknowns: unknowns, known: knownIns) { trace, args, lambdas throws(PyException) -> [JaxValue] in
                var knownOuts: [JaxValue] = [], unknownOuts: [PartialEvalTracer] = []
                outUnknown = []
                for (i, out) in try closed.call(ctx, args).enumerated() {
                    let t = try Tracing.raisePE(trace, out)
                    let force = i < instantiate.count && instantiate[i]
                    if case .known(let v) = t.pval, !force {
                        knownOuts.append(v)
                        outUnknown.append(false)
                    } else {
                        unknownOuts.append(trace.instantiate(t))
                        outUnknown.append(true)
                    }
                }
                let (body, found) = try Tracing.tracersToJaxpr(lambdas, unknownOuts)
                // residuals in the order the unknown equations first read them, as JAX's are
                let order = JitRules.firstUse(body.constvars, in: body)
                let residualVars = order.map { body.constvars[$0] }
                unknownJaxpr = Jaxpr(constvars: [], invars: residualVars + body.invars, eqns: body.eqns, outvars: body.outvars)
                residualAvals = residualVars.map(\.aval)
                var returned: [JaxValue] = []
                residualForwards = []
                for k in order {
                    let value = found[k]
                    var forward: Int?
                    if case .tracer(let t) = value {
                        forward = knownIns.indices.first { i in
                            guard i < forwardable.count, forwardable[i], case .tracer(let input) = knownIns[i] else { return false }
                            return input === t
                        }
                    }
                    residualForwards.append(forward)
                    if forward == nil { returned.append(value) }
                }
                return knownOuts + returned
            }
        }
        return Split(known: opened(known), unknown: ClosedJaxpr(jaxpr: unknownJaxpr, consts: []), outUnknown: outUnknown,
                     residualAvals: residualAvals, residualForwards: residualForwards)
    }

    /// `batching.batch_jaxpr` with the batch axis first: inputs marked `batched` carry a
    /// leading axis of `size`; outputs batched by the body, or marked `instantiate`, get one.
    static func batch(_ ctx: JaxContext, _ body: ClosedJaxpr, size: Int, batched: [Bool],
                      instantiate: [Bool]) throws(PyException) -> (ClosedJaxpr, [Bool]) {
        let avals = zip(body.jaxpr.inAvals, batched).map { aval, b in b ? aval.with(shape: [size] + aval.shape) : aval }
        var outBatched: [Bool] = []
        let jaxpr = try Tracing.traceToJaxpr(ctx, avals) { ins throws(PyException) -> [JaxValue] in
            let results = try Tracing.batch(ctx, size: size, ins, batched.map { $0 ? 0 : nil }) { tracers throws(PyException) -> [JaxValue] in
                try body.call(ctx, tracers)
            }
            var outs: [JaxValue] = []
            outBatched = []
            for (i, (value, dim)) in results.enumerated() {
                let force = i < instantiate.count && instantiate[i]
                if let dim {
                    outs.append(try Lax.moveAxis(ctx, value, from: dim, to: 0))
                } else if force {
                    outs.append(try Lax.broadcastInDim(ctx, value, shape: [size] + value.shape, dims: Array(1..<(value.rank + 1)), numpyDims: true))
                } else {
                    outs.append(value)
                }
                outBatched.append(dim != nil || force)
            }
            return outs
        }
        return (opened(jaxpr), outBatched)
    }

    /// The transpose of a jaxpr linear in the inputs marked `linear`: the other inputs and
    /// the cotangents of the outputs in (cotangents given for `ctGiven` outputs only), a
    /// cotangent for each linear input out (zeros where none flows back).
    static func transpose(_ ctx: JaxContext, _ closed: ClosedJaxpr, linear: [Bool], ctGiven: [Bool]) throws(PyException) -> ClosedJaxpr {
        let inner = closed.jaxpr
        let knownAvals = zip(inner.inAvals, linear).filter { !$0.1 }.map(\.0)
        let linearAvals = zip(inner.inAvals, linear).filter(\.1).map(\.0)
        let ctAvals = zip(inner.outAvals, ctGiven).filter(\.1).map { $0.0.with(weakType: false) }
        let transposed = try Tracing.traceToJaxpr(ctx, knownAvals + ctAvals) { ins throws(PyException) -> [JaxValue] in
            var known: [Var] = [], linearVars: [Var] = []
            for (v, isLinear) in zip(inner.invars, linear) {
                if isLinear { linearVars.append(v) } else { known.append(v) }
            }
            var next = knownAvals.count
            var cts: [JaxValue?] = []
            for given in ctGiven {
                if given { cts.append(ins[next]); next += 1 } else { cts.append(nil) }
            }
            let body = Jaxpr(constvars: inner.constvars + known, invars: linearVars, eqns: inner.eqns, outvars: inner.outvars)
            let results = try Transpose.backwardPass(ctx, body, closed.consts + Array(ins.prefix(knownAvals.count)), cts)
            var outs: [JaxValue] = []
            for (ct, aval) in zip(results, linearAvals) {
                if let ct { outs.append(ct) } else { outs.append(try Lax.zeros(ctx, aval.with(weakType: false))) }
            }
            return outs
        }
        return opened(transposed)
    }
}
