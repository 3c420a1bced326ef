/// A differentiation rule a function carries into its equation: `jax.custom_jvp`'s jvp (primals
/// and tangents in, primal and tangent outputs out), `jax.custom_vjp`'s fwd (primals in, primal
/// outputs and residuals out) or bwd (residuals and cotangents in, a cotangent per input out,
/// nil where the rule gives none). Printed by the rule's name, as JAX prints it.
public final class CustomRule {
    public typealias Apply = ([JaxValue]) throws(PyException) -> [JaxValue?]
    public let name: String
    let apply: Apply
    /// For `custom_lin`'s bwd: the types of the cotangents it takes (the primal outputs').
    let outAvals: [ShapedArray]

    public init(_ name: String, _ apply: @escaping Apply) {
        self.name = name
        self.apply = apply
        self.outAvals = []
    }

    public init(_ name: String, outAvals: [ShapedArray], _ apply: @escaping Apply) {
        self.name = name
        self.apply = apply
        self.outAvals = outAvals
    }

    /// The rule's results, every one present (a jvp or fwd rule gives no zeros).
    func values(_ args: [JaxValue]) throws(PyException) -> [JaxValue] {
        var out: [JaxValue] = []
        for value in try apply(args) {
            guard let value else { throw PyException("RuntimeError", "the rule \(name) gave no value for an output") }
            out.append(value)
        }
        return out
    }
}

/// The rules of `custom_jvp_call`, a function with its own differentiation rule
/// (`jax.custom_jvp`, and `jax.nn.relu`): under differentiation the primal stays one
/// `custom_jvp_call` and the tangent comes from the function's rule.
enum CustomJVPRules {
    /// Calls `body` with the rule `jvp`: eagerly the function simply runs (op by op, as JAX's
    /// eval trace runs it); under a transformation it is traced and bound as one
    /// `custom_jvp_call`, its closed-over values leading the operands (`num_consts`).
    static func call(_ ctx: JaxContext, name: String, jvp: CustomRule, _ args: [JaxValue],
                     _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [JaxValue] {
        guard Tracing.isTraced(ctx, args) else { return try body(args) }
        // under forward-mode differentiation only the rule runs, on the primals, as JAX's
        // `process_custom_jvp_call` does: the function itself is not called
        if let (trace, primals, tangents) = try Tracing.jvpLevel(ctx, args) {
            guard tangents.contains(where: { $0 != nil }) else { return try call(ctx, name: name, jvp: jvp, primals, body) }
            var given: [JaxValue] = []
            for (p, t) in zip(primals, tangents) {
                if let t { given.append(t) } else { given.append(try Lax.zerosLike(ctx, p.aval)) }
            }
            let outs = try jvp.values(primals + given)
            let n = outs.count / 2
            return (0..<n).map { JaxValue.tracer(JVPTracer(trace: trace, primal: outs[$0], tangent: outs[n + $0])) }
        }
        let callJaxpr = try Tracing.traceToJaxpr(ctx, args.map(\.aval), body)
        return try Tracing.bind(ctx, .customJvpCall, callJaxpr.consts + args, params(callJaxpr, name: name, jvp: jvp))
    }

    /// The parameters JAX prints (`num_consts` only when there are closed-over values, which
    /// lead the operands).
    static func params(_ callJaxpr: ClosedJaxpr, name: String, jvp: CustomRule) -> Params {
        var p = Params()
        p.set(.callJaxpr, JaxprTransforms.opened(callJaxpr))
        p.set(.jvp, jvp)
        p.set(.name, name)
        if !callJaxpr.consts.isEmpty { p.set(.numConsts, callJaxpr.consts.count) }
        p.set(.symbolicZeros, false)
        return p
    }

    /// The JVP, as JAX's `process_custom_jvp_call`: without tangents the call stays as it is;
    /// otherwise the rule runs on the primals and the tangents (zeros instantiated), and gives
    /// both the primal outputs and their tangents. Closed-over values get no tangents.
    static func jvp(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let constCount = params[.numConsts] ?? 0
        let primals = Array(xs.dropFirst(constCount))
        let given = Array(ts.dropFirst(constCount))
        guard given.contains(where: { $0 != nil }) else {
            let outs = try Tracing.bind(ctx, .customJvpCall, xs, params)
            return (outs, outs.map { _ in nil })
        }
        var tangents: [JaxValue] = []
        for (p, t) in zip(primals, given) {
            if let t { tangents.append(t) } else { tangents.append(try Lax.zerosLike(ctx, p.aval)) }
        }
        let rule = try params.required(.jvp)
        let outs = try rule.values(primals + tangents)
        let n = try params.required(.callJaxpr).jaxpr.outvars.count
        guard outs.count == 2 * n else { throw PyException("RuntimeError", "the rule \(rule.name) gave \(outs.count) values for \(n) outputs") }
        return (Array(outs.prefix(n)), outs.dropFirst(n).map { Optional($0) })
    }

    /// vmap: the call batched along a leading axis, as `batch_jaxpr` makes it, with a rule that
    /// runs the original one batched the same way.
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let (operands, batched, outBatched, argBatched) = try CustomJVPRules.batchedCall(ctx, xs, dims, params, size: size)
        let rule = try params.required(.jvp)
        var p = params
        p.set(.callJaxpr, batched)
        p.set(.jvp, batchedRule(ctx, rule, size: size, inBatched: { argBatched + argBatched }, outBatched: outBatched + outBatched))
        let outs = try Tracing.bind(ctx, .customJvpCall, operands, p)
        return (outs, outBatched.map { $0 ? 0 : nil })
    }

    /// What batching a custom_jvp_call or custom_vjp_call starts from: the operands with their
    /// batch axis in front, the body batched, which of its outputs come out batched and which
    /// of its arguments (after the constants) go in batched.
    static func batchedCall(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params, size: Int)
        throws(PyException) -> (operands: [JaxValue], body: ClosedJaxpr, outBatched: [Bool], argBatched: [Bool]) {
        let inner = try params.required(.callJaxpr)
        var operands: [JaxValue] = []
        for (x, d) in zip(xs, dims) { operands.append(try d.map { (d: Int) throws(PyException) -> JaxValue in try Lax.moveAxis(ctx, x, from: d, to: 0) } ?? x) }
        let batchedIns = dims.map { $0 != nil }
        let (body, outBatched) = try JaxprTransforms.batch(ctx, inner, size: size, batched: batchedIns,
                                                          instantiate: inner.jaxpr.outvars.map { _ in false })
        return (operands, body, outBatched, Array(batchedIns.dropFirst(params[.numConsts] ?? 0)))
    }

    /// `rule` run under vmap on inputs batched (along axis 0) as `inBatched` says when it runs,
    /// its outputs brought to axis 0 where `outBatched` wants them, as
    /// `batch_custom_jvp_subtrace` does; with `sumsUnbatched` an output batched where it should
    /// not be is summed over the batch (a cotangent of an unbatched input, as
    /// `batch_custom_vjp_bwd` does).
    static func batchedRule(_ ctx: JaxContext, _ rule: CustomRule, size: Int, inBatched: @escaping () -> [Bool], outBatched: [Bool],
                            sumsUnbatched: Bool = false) -> CustomRule {
        CustomRule(rule.name) { [unowned ctx] values throws(PyException) -> [JaxValue?] in
            // a rule's missing results (bwd's None) stay missing
            var present: [Bool] = []
            let results = try Tracing.batch(ctx, size: size, values, inBatched().map { $0 ? 0 : nil }) { ins throws(PyException) -> [JaxValue] in
                let outs = try rule.apply(ins)
                present = outs.map { $0 != nil }
                return outs.compactMap { $0 }
            }
            var batched = results.makeIterator()
            var outs: [JaxValue?] = []
            for (i, isPresent) in present.enumerated() {
                guard isPresent, let (value, dim) = batched.next() else { outs.append(nil); continue }
                let wanted = i < outBatched.count && outBatched[i]
                if sumsUnbatched, !wanted, let dim {
                    outs.append(try Lax.reduceSum(ctx, value, axes: [dim]))
                } else {
                    outs.append(try matchAxis(ctx, value, dim, batched: wanted, size: size, name: rule.name))
                }
            }
            return outs
        }
    }

    /// The parameters with a fresh copy of the body, as JAX's retracing at each bind gives.
    @Sendable static func restaged(_ params: Params) -> Params {
        guard let body = params[.callJaxpr] else { return params }
        let j = body.jaxpr
        var fresh: [Var: Var] = [:]
        func renamed(_ v: Var) -> Var {
            if let f = fresh[v] { return f }
            let f = Var(v.aval)
            fresh[v] = f
            return f
        }
        func atom(_ a: Atom) -> Atom { a.variable.map { .variable(renamed($0)) } ?? a }
        let constvars = j.constvars.map(renamed), invars = j.invars.map(renamed)
        let eqns = j.eqns.map { e in JaxprEqn(primitive: e.primitive, inputs: e.inputs.map(atom), params: e.params, outvars: e.outvars.map(renamed)) }
        return params.with(.callJaxpr, ClosedJaxpr(jaxpr: Jaxpr(constvars: constvars, invars: invars, eqns: eqns, outvars: j.outvars.map(atom)),
                                                   consts: body.consts))
    }

    /// A rule's result brought to batch axis 0 when `batched`, or left unbatched.
    static func matchAxis(_ ctx: JaxContext, _ value: JaxValue, _ dim: Int?, batched: Bool, size: Int,
                          name: String) throws(PyException) -> JaxValue {
        switch (dim, batched) {
        case (let d?, true): return try Lax.moveAxis(ctx, value, from: d, to: 0)
        case (nil, true): return try Lax.broadcastInDim(ctx, value, shape: [size] + value.shape, dims: Array(1..<(value.rank + 1)), numpyDims: true)
        case (nil, false): return value
        case (_?, false):
            throw PyException.notImplemented("the rule \(name) gives a batched value for an output the function leaves unbatched under vmap")
        }
    }

    /// Partial evaluation with unknown operands keeps no rule (only linear functions are built
    /// that way, as JAX's `JaxprTrace.process_custom_jvp_call` assumes): the body is inlined.
    static func partialEval(_ trace: PartialEvalTrace, _ ins: [PartialEvalTracer], _ params: Params) throws(PyException) -> [JaxValue] {
        try params.required(.callJaxpr).call(trace.ctx, ins.map { .tracer($0) })
    }
}
