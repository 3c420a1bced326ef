/// The primitives that call a jaxpr: `jit` (a compiled call, staged as one equation),
/// `scan` (a loop over a body) and `custom_jvp_call` (a function with its own derivative).
extension Primitive {
    static var control: [Primitive] { [.jit, .scan, .customJvpCall] }

    /// `jit[name=... jaxpr=...]`: evaluated by compiling its jaxpr; differentiated,
    /// partially evaluated, transposed and batched into new `jit` equations, as JAX's pjit
    /// rules do (`Control+Jit.swift`).
    static let jit: Primitive = Primitive("jit", Rules(
        abstractEval: { _, params throws(PyException) in try params.required(.jaxpr).jaxpr.outAvals },
        evaluate: { ctx, xs, params throws(PyException) in
            if let fused = params[.fusedKernel], let outs = try fused.run(xs) { return outs }
            return try CompiledFunction(try params.required(.jaxpr)).run(ctx, xs)
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

    /// `scan`: a loop threading a carry through `length` calls of its body (`Control+Scan.swift`).
    static let scan: Primitive = Primitive("scan", Rules(
        abstractEval: { _, params throws(PyException) in try params.required(.jaxpr).jaxpr.outAvals },
        evaluate: { ctx, xs, params throws(PyException) in try ScanRules.evaluate(ctx, xs, params) },
        jvp: .rule { _, ctx, xs, _, params throws(PyException) in try ScanRules.jvp(ctx, xs, params) },
        transpose: .notLinear,
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in try ScanRules.batch(ctx, xs, dims, params, size: size) }))

    /// `custom_jvp_call`: evaluates, batches and prints as its `call_jaxpr`; its tangent comes
    /// from the function's own rule (`Control+CustomJVP.swift`).
    static let customJvpCall: Primitive = Primitive("custom_jvp_call", Rules(
        abstractEval: { _, params throws(PyException) in try params.required(.callJaxpr).jaxpr.outAvals },
        evaluate: { ctx, xs, params throws(PyException) in try CompiledFunction(try params.required(.callJaxpr)).run(ctx, xs) },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in try CustomJVPRules.jvp(ctx, xs, ts, params) },
        transpose: .notLinear,
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in try CustomJVPRules.batch(ctx, xs, dims, params, size: size) },
        call: CallRule(body: .callJaxpr)))
}
