/// `custom_vjp_call` (a function with its own reverse-mode rule, `jax.custom_vjp`) and
/// `custom_lin`, the linear stand-in its JVP leaves for transposition: under differentiation the
/// fwd rule runs on the primals, and transposing `custom_lin` runs the bwd rule on the
/// residuals and the output cotangents.
extension Primitive {
    static var customDerivatives: [Primitive] { [.customVjpCall, .customLin] }

    /// `custom_vjp_call`: evaluates (one equation at a time, as JAX's eval trace runs the
    /// function), batches and prints as its `call_jaxpr`, with its fwd and bwd rules named.
    static let customVjpCall: Primitive = Primitive("custom_vjp_call", Rules(
        abstractEval: { _, params throws(PyException) in try params.required(.callJaxpr).jaxpr.outAvals },
        evaluate: { ctx, xs, params throws(PyException) in try params.required(.callJaxpr).evaluateEagerly(ctx, xs) },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in try CustomVJPRules.jvp(ctx, xs, ts, params) },
        transpose: .notLinear,
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in try CustomVJPRules.batch(ctx, xs, dims, params, size: size) },
        call: CallRule(body: .callJaxpr),
        partialEval: PartialEvalRule { trace, ins, params throws(PyException) in
            try params.required(.callJaxpr).call(trace.ctx, ins.map { .tracer($0) })
        },
        restage: CustomJVPRules.restaged))

    /// `custom_lin`: the tangents of a `custom_vjp` function's outputs, linear in the input
    /// tangents that follow its `num_res` residuals; it only exists to be transposed.
    static let customLin: Primitive = Primitive("custom_lin", Rules(
        abstractEval: { _, params throws(PyException) in try params.required(.bwd).outAvals },
        evaluate: { _, _, _ throws(PyException) in throw CustomVJPRules.forwardModeError() },
        jvp: .unsupported,
        transpose: .rule { _, ctx, cts, args, params throws(PyException) in try CustomVJPRules.transposeLin(ctx, cts, args, params) },
        batch: .unsupported))
}

/// The rules of `custom_vjp_call` and `custom_lin`, after JAX's `custom_derivatives.py`.
enum CustomVJPRules {
    /// Calls `body` with the rules `fwd` and `bwd`: eagerly the function simply runs; under a
    /// transformation it is traced and bound as one `custom_vjp_call`.
    /// Under forward-mode differentiation only the fwd rule runs, as JAX's
    /// `process_custom_vjp_call` does; `primalCount` then tells how many of its results are
    /// the function's outputs (the rest are residuals).
    static func call(_ ctx: JaxContext, name: String, fwd: CustomRule, bwd: CustomRule, _ args: [JaxValue],
                     primalCount: () -> Int?,
                     _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [JaxValue] {
        guard Tracing.isTraced(ctx, args) else { return try body(args) }
        if let (trace, primals, tangents) = try Tracing.jvpLevel(ctx, args) {
            guard tangents.contains(where: { $0 != nil }) else {
                return try call(ctx, name: name, fwd: fwd, bwd: bwd, primals, primalCount: primalCount, body)
            }
            let results = try fwd.values(primals)
            let count = primalCount() ?? 0
            guard count <= results.count else { throw PyException("RuntimeError", "the rule \(fwd.name) gave too few values") }
            let (outs, outTangents) = try linearized(ctx, results, count: count, tangents, fwd: fwd, bwd: bwd,
                                                     outAvals: results.prefix(count).map(\.aval))
            return zip(outs, outTangents).map { JaxValue.tracer(JVPTracer(trace: trace, primal: $0, tangent: $1)) }
        }
        let callJaxpr = try Tracing.traceToJaxpr(ctx, args.map(\.aval), body)
        return try Tracing.bind(ctx, .customVjpCall, callJaxpr.consts + args, params(callJaxpr, name: name, fwd: fwd, bwd: bwd))
    }

    /// The parameters JAX prints (`num_consts` only when there are closed-over values).
    static func params(_ callJaxpr: ClosedJaxpr, name: String, fwd: CustomRule, bwd: CustomRule) -> Params {
        var p = Params()
        p.set(.bwd, bwd)
        p.set(.callJaxpr, JaxprTransforms.opened(callJaxpr))
        p.set(.fwd, fwd)
        p.set(.name, name)
        if !callJaxpr.consts.isEmpty { p.set(.numConsts, callJaxpr.consts.count) }
        p.set(.symbolicZeros, false)
        return p
    }

    /// `custom_lin`'s parameters: `bwd` carries the output types; `nonzero` marks the inputs
    /// whose tangents follow the residuals.
    static func linParams(_ bwd: CustomRule, residuals: Int, nonzero: [Bool]) -> Params {
        var p = Params()
        p.set(.bwd, bwd)
        p.set(.inZeros, ParamValue.tuple(nonzero.map { $0 ? "False" : "True" }))
        p.set(.numRes, residuals)
        p.set(.symbolicZeros, false)
        return p
    }

    static func forwardModeError() -> PyException {
        PyException.typeError("can't apply forward-mode autodiff (jvp) to a custom_vjp function.")
    }

    /// `process_custom_vjp_call`: the fwd rule gives the primal outputs and the residuals; the
    /// tangents are a `custom_lin` of the residuals and the nonzero input tangents.
    static func jvp(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let constCount = params[.numConsts] ?? 0
        if ts.prefix(constCount).contains(where: { $0 != nil }) {
            throw PyException("CustomVJPException",
                              "Detected differentiation of a custom_vjp function with respect to a closed-over value. That isn't supported "
                              + "because the custom VJP rule only specifies how to differentiate the custom_vjp function with respect to "
                              + "explicit input parameters. Try passing the closed-over value into the custom_vjp function as an argument, "
                              + "and adapting the custom_vjp fwd and bwd rules.")
        }
        let primals = Array(xs.dropFirst(constCount)), tangents = Array(ts.dropFirst(constCount))
        guard tangents.contains(where: { $0 != nil }) else {
            let outs = try Tracing.bind(ctx, .customVjpCall, xs, params)
            return (outs, outs.map { _ in nil })
        }
        let fwd = try params.required(.fwd), bwd = try params.required(.bwd)
        let outAvals = try params.required(.callJaxpr).jaxpr.outAvals
        let results = try fwd.values(primals)
        guard results.count >= outAvals.count else { throw PyException("RuntimeError", "the rule \(fwd.name) gave too few values") }
        return try linearized(ctx, results, count: outAvals.count, tangents, fwd: fwd, bwd: bwd, outAvals: outAvals)
    }

    /// The fwd rule's `results` split into the `count` primal outputs and the residuals; the
    /// outputs' tangents are a `custom_lin` of the residuals and the nonzero input tangents.
    static func linearized(_ ctx: JaxContext, _ results: [JaxValue], count: Int, _ tangents: [JaxValue?], fwd: CustomRule,
                           bwd: CustomRule, outAvals: [ShapedArray]) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let primalOuts = Array(results.prefix(count)), residuals = Array(results.dropFirst(count))
        // the bwd rule gives a cotangent per input; custom_lin transposes to the nonzero ones
        let nonzero = tangents.map { $0 != nil }
        let lin = CustomRule(bwd.name, outAvals: outAvals) { args throws(PyException) -> [JaxValue?] in
            zip(try bwd.apply(args), nonzero).filter(\.1).map(\.0)
        }
        let outTangents = try Tracing.bind(ctx, .customLin, residuals + tangents.compactMap { $0 },
                                           linParams(lin, residuals: residuals.count, nonzero: nonzero))
        return (primalOuts, outTangents.map { Optional($0) })
    }

    /// `_custom_lin_transpose`: the bwd rule on the residuals and the output cotangents (zeros
    /// instantiated); the residuals get none.
    static func transposeLin(_ ctx: JaxContext, _ cts: [JaxValue?], _ args: [TransposeArg], _ params: Params) throws(PyException) -> [JaxValue?] {
        let count = try params.required(.numRes)
        let bwd = try params.required(.bwd)
        var residuals: [JaxValue] = []
        for arg in args.prefix(count) {
            guard case .known(let v) = arg else { throw PyException("RuntimeError", "a custom_vjp residual is not known") }
            residuals.append(v)
        }
        var given: [JaxValue] = []
        for (ct, aval) in zip(cts, bwd.outAvals) {
            if let ct { given.append(ct) } else { given.append(try Lax.zerosLike(ctx, aval)) }
        }
        let cotangents = try bwd.apply(residuals + given)
        return Array(repeating: nil, count: count) + cotangents
    }

    /// vmap: the call's body batched, with fwd and bwd rules that run the originals batched;
    /// the residuals' batch axes pass from one to the other, and a cotangent batched for an
    /// input that was not is summed over the batch, as `batch_custom_vjp_bwd` does.
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let (operands, batched, outBatched, argBatched) = try CustomJVPRules.batchedCall(ctx, xs, dims, params, size: size)
        let fwd = try params.required(.fwd), bwd = try params.required(.bwd)
        let residualBatched = ResidualAxes()
        let batchedFwd = CustomRule(fwd.name) { [unowned ctx] primals throws(PyException) -> [JaxValue?] in
            let results = try Tracing.batch(ctx, size: size, primals, argBatched.map { $0 ? 0 : nil }) { ins throws(PyException) -> [JaxValue] in
                try fwd.values(ins)
            }
            var outs: [JaxValue?] = []
            residualBatched.batched = []
            for (i, (value, dim)) in results.enumerated() {
                if i < outBatched.count {
                    outs.append(try CustomJVPRules.matchAxis(ctx, value, dim, batched: outBatched[i], size: size, name: fwd.name))
                } else {
                    residualBatched.batched.append(dim != nil)
                    outs.append(try dim.map { (d: Int) throws(PyException) -> JaxValue in try Lax.moveAxis(ctx, value, from: d, to: 0) } ?? value)
                }
            }
            return outs
        }
        let batchedBwd = CustomJVPRules.batchedRule(ctx, bwd, size: size, inBatched: { residualBatched.batched + outBatched },
                                                    outBatched: argBatched, sumsUnbatched: true)
        var p = params
        p.set(.callJaxpr, batched)
        p.set(.fwd, batchedFwd)
        p.set(.bwd, batchedBwd)
        let outs = try Tracing.bind(ctx, .customVjpCall, operands, p)
        return (outs, outBatched.map { $0 ? 0 : nil })
    }
}

/// Which residuals the batched fwd rule returned batched, for the batched bwd rule.
final class ResidualAxes {
    var batched: [Bool] = []
}
