/// The primitives that call a jaxpr: `jit` (a compiled call, staged as one equation),
/// `cond` (one of several branches), `while` and `scan` (loops over a body) and
/// `custom_jvp_call` (a function with its own derivative).
extension Primitive {
    static var control: [Primitive] { [.jit, .cond, .whileLoop, .scan, .customJvpCall] }

    /// `cond`: the branch the index picks (`Control+Cond.swift`).
    static let cond: Primitive = Primitive("cond", Rules(
        abstractEval: { ins, params throws(PyException) in
            guard let first = try CondRules.branches(params).first else { throw PyException.valueError("Empty branch sequence") }
            return first.jaxpr.outAvals
        },
        evaluate: { ctx, xs, params throws(PyException) in try CondRules.evaluate(ctx, xs, params) },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in try CondRules.jvp(ctx, xs, ts, params) },
        transpose: .rule { _, ctx, cts, args, params throws(PyException) in try CondRules.transpose(ctx, cts, args, params) },
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in try CondRules.batch(ctx, xs, dims, params, size: size) },
        acceptsKeys: true,
        partialEval: PartialEvalRule { trace, ins, params throws(PyException) in try CondRules.partialEval(trace, ins, params) }))

    /// `while`: the body applied while the cond holds (`Control+While.swift`).
    static let whileLoop: Primitive = Primitive("while", Rules(
        abstractEval: { _, params throws(PyException) in try params.required(.bodyJaxpr).jaxpr.outAvals },
        evaluate: { ctx, xs, params throws(PyException) in try WhileRules.evaluate(ctx, xs, params) },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in try WhileRules.jvp(ctx, xs, ts, params) },
        transpose: .refused { WhileRules.transposeError() },
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in try WhileRules.batch(ctx, xs, dims, params, size: size) },
        acceptsKeys: true,
        partialEval: PartialEvalRule { trace, ins, params throws(PyException) in try WhileRules.partialEval(trace, ins, params) }))

    /// `jit[name=... jaxpr=...]`: evaluated by compiling its jaxpr; differentiated,
    /// partially evaluated, transposed and batched into new `jit` equations, as JAX's pjit
    /// rules do (`Control+Jit.swift`).
    static let jit: Primitive = Primitive("jit", Rules(
        abstractEval: { _, params throws(PyException) in try params.required(.jaxpr).jaxpr.outAvals },
        evaluate: { ctx, xs, params throws(PyException) in
            if let fused = params[.fusedKernel], let outs = try fused.run(xs, interrupt: ctx.interrupt) { return outs }
            return try ctx.executables.run(ctx, try params.required(.jaxpr), xs)
        },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in
            try JitRules.jvp(ctx, try params.required(.jaxpr), params, xs, ts)
        },
        transpose: .rule { _, ctx, cts, args, params throws(PyException) in
            try JitRules.transpose(ctx, try params.required(.jaxpr), params, cts, args)
        },
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in
            try JitRules.batch(ctx, try params.required(.jaxpr), params, xs, dims, size: size)
        },
        acceptsKeys: true,
        call: CallRule(body: .jaxpr),
        partialEval: PartialEvalRule { trace, ins, params throws(PyException) in
            try trace.partialEvalJit(try params.required(.jaxpr), params, ins)
        }))

    /// `scan`: a loop threading a carry through `length` calls of its body, slicing xs and
    /// stacking ys (`Control+Scan.swift`).
    static let scan: Primitive = Primitive("scan", Rules(
        abstractEval: { _, params throws(PyException) in try ScanRules.abstractEval(params) },
        evaluate: { ctx, xs, params throws(PyException) in try ScanRules.evaluate(ctx, xs, params) },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in try ScanRules.jvp(ctx, xs, ts, params) },
        transpose: .rule { _, ctx, cts, args, params throws(PyException) in try ScanRules.transpose(ctx, cts, args, params) },
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in try ScanRules.batch(ctx, xs, dims, params, size: size) },
        acceptsKeys: true,
        partialEval: PartialEvalRule { trace, ins, params throws(PyException) in try ScanRules.partialEval(trace, ins, params) }))

    /// `custom_jvp_call`: evaluates (one equation at a time, as JAX's eval trace runs the
    /// function), batches and prints as its `call_jaxpr`; its tangent comes from the function's
    /// own rule (`Control+CustomJVP.swift`).
    static let customJvpCall: Primitive = Primitive("custom_jvp_call", Rules(
        abstractEval: { _, params throws(PyException) in try params.required(.callJaxpr).jaxpr.outAvals },
        evaluate: { ctx, xs, params throws(PyException) in try params.required(.callJaxpr).evaluateEagerly(ctx, xs) },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in try CustomJVPRules.jvp(ctx, xs, ts, params) },
        transpose: .notLinear,
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in try CustomJVPRules.batch(ctx, xs, dims, params, size: size) },
        call: CallRule(body: .callJaxpr),
        partialEval: PartialEvalRule { trace, ins, params throws(PyException) in try CustomJVPRules.partialEval(trace, ins, params) },
        restage: CustomJVPRules.restaged))
}
