/// The rules of `custom_jvp_call`, a function with its own differentiation rule
/// (`jax.custom_jvp`), such as `jax.nn.relu`: under differentiation the primal stays one
/// `custom_jvp_call` and the tangent comes from the function's rule, looked up by name.
enum CustomJVPRules {
    /// Binds `custom_jvp_call` over `body` traced on the arguments' types.
    static func bind(_ ctx: JaxContext, name: String, _ args: [JaxValue],
                     _ body: @escaping ([JaxValue]) throws(PyException) -> JaxValue) throws(PyException) -> JaxValue {
        let callJaxpr = try Tracing.traceToJaxpr(ctx, args.map(\.aval)) { ins throws(PyException) -> [JaxValue] in [try body(ins)] }
        guard let out = try Tracing.bind(ctx, .customJvpCall, callJaxpr.consts + args,
                                         params(callJaxpr, name: name, constCount: callJaxpr.consts.count)).first else {
            throw PyException("RuntimeError", "\(name) returned no value")
        }
        return out
    }

    /// The parameters JAX prints; closed-over values travel as leading operands.
    static func params(_ callJaxpr: ClosedJaxpr, name: String, constCount: Int = 0) -> Params {
        let j = callJaxpr.jaxpr
        let open = ClosedJaxpr(jaxpr: Jaxpr(constvars: [], invars: j.constvars + j.invars, eqns: j.eqns, outvars: j.outvars), consts: [])
        var p = Params()
        p.set(.callJaxpr, constCount == 0 && callJaxpr.consts.isEmpty ? callJaxpr : open)
        p.set(.jvp, "jvp")
        p.set(.name, name)
        p.set(.symbolicZeros, false)
        return p
    }

    static func body(_ params: Params) throws(PyException) -> ClosedJaxpr {
        try params.required(.callJaxpr)
    }

    static func name(_ params: Params) -> String {
        params[.name] ?? ""
    }

    /// The JVP: the primal call as it is, the tangent from the function's own rule.
    static func jvp(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let outs = try Tracing.bind(ctx, .customJvpCall, xs, params)
        switch name(params) {
        case "relu":
            // relu.defjvps(lambda g, ans, x: lax.select(x > 0, g, lax.full_like(g, 0)))
            guard let x = xs.last, let g = ts.last ?? nil else { return (outs, outs.map { _ in nil }) }
            let positive = try Lax.compare(ctx, .gt, x, Lax.const(x, 0))
            let zeros = try Lax.full(ctx, g, 0)
            return (outs, [try Lax.select(ctx, positive, zeros, g)])
        default:
            throw PyException.notImplemented("no differentiation rule for the custom_jvp function \(name(params))")
        }
    }

    /// vmap: the call batched along a leading axis, as `batch_jaxpr` makes it.
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let inner = try body(params)
        var operands: [JaxValue] = []
        for (x, d) in zip(xs, dims) { operands.append(try d.map { (d: Int) throws(PyException) -> JaxValue in try Lax.moveAxis(ctx, x, from: d, to: 0) } ?? x) }
        let (batched, outBatched) = try JaxprTransforms.batch(ctx, inner, size: size, batched: dims.map { $0 != nil },
                                                             instantiate: inner.jaxpr.outvars.map { _ in false })
        var p = params
        p.set(.callJaxpr, batched)
        let outs = try Tracing.bind(ctx, .customJvpCall, operands, p)
        return (outs, outBatched.map { $0 ? 0 : nil })
    }
}
