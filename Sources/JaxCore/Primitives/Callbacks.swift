/// `pure_callback` and `io_callback`, the primitives of `jax.pure_callback` and
/// `jax.experimental.io_callback`: a host function run on the operands' values whose results
/// (of the types given in advance) become the equation's outputs. A pure callback may be
/// dropped when its results are unused; an IO callback is an effect and always runs. Neither
/// has a derivative; under vmap a pure callback follows its `vmap_method` and an unordered IO
/// callback runs once per element.
extension Primitive {
    static var callbacks: [Primitive] { [.pureCallback, .ioCallback] }

    static let pureCallback: Primitive = Primitive("pure_callback", CallbackRules.rules(io: false))
    static let ioCallback: Primitive = Primitive("io_callback", CallbackRules.rules(io: true))
}

/// The rules both callback primitives share.
enum CallbackRules {
    static func rules(io: Bool) -> Rules {
        var rules = Rules(
            abstractEval: { _, params throws(PyException) in try params.required(.hostFunction).outAvals },
            evaluate: { _, xs, params throws(PyException) in try run(try params.required(.hostFunction), xs) },
            jvp: .rule { _, _, _, _, _ throws(PyException) in
                throw PyException.valueError(io ? "IO callbacks do not support JVP."
                    : "Pure callbacks do not support JVP. Please use `jax.custom_jvp` to use callbacks while taking gradients.")
            },
            transpose: .notLinear,
            batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in try batch(ctx, xs, dims, params, size: size, io: io) })
        rules.effectful = io
        rules.callsHost = true
        return rules
    }

    /// Runs the host function and checks its results against the types it promised, as JAX's
    /// `_wrapped_callback` does (XLA reports a wrong result as a JaxRuntimeError).
    static func run(_ function: CustomRule, _ xs: [JaxArray]) throws(PyException) -> [JaxArray] {
        let results = try function.apply(xs.map { .array($0) })
        guard results.count == function.outAvals.count else {
            throw resultError("Callback func \(function.name) should have returned \(function.outAvals.count) values, but returned \(results.count)")
        }
        var out: [JaxArray] = []
        for (i, (result, aval)) in zip(results, function.outAvals).enumerated() {
            guard case .array(let a)? = result else { throw resultError("Callback func \(function.name) returned no value for output #\(i)") }
            guard a.shape == aval.shape else {
                throw resultError("Incorrect output shape for return value #\(i): Expected: \(Shape.describe(aval.shape)), Actual: \(Shape.describe(a.shape))")
            }
            guard a.dtype == aval.dtype else {
                throw resultError("Incorrect output dtype for return value #\(i): Expected: \(aval.dtype.name), Actual: \(a.dtype.name)")
            }
            out.append(a.withWeakType(aval.weakType))
        }
        return out
    }

    private static func resultError(_ message: String) -> PyException {
        PyException("JaxRuntimeError", "INTERNAL: CpuCallback error calling callback: RuntimeError: \(message)")
    }

    /// The parameters JAX prints (the function's address masked, as JAX masks it); the host
    /// function is kept unprinted.
    static func params(_ function: CustomRule, callbackName: String, inTree: String, io: Bool, ordered: Bool, vmapMethod: String?) -> Params {
        var p = Params()
        p.set(.callbackText, "_FlatCallback(callback_func=<function \(callbackName) at 0xXXXXXXXXXXXX>, in_tree=\(inTree))")
        if io { p.set(.ordered, ordered) }
        p.set(.resultAvals, .text(ParamValue.tuple(function.outAvals.map { "ShapedArray(\($0.with(weakType: false)))" })))
        p.set(.sharding, .none)
        if !io { p.set(.vmapMethod, vmapMethod ?? "None") }
        p.set(.hostFunction, function, shown: false)
        return p
    }

    /// vmap: a pure callback as its `vmap_method` says (one call per element, or one call on
    /// operands given a leading batch axis by `expand_dims` or `broadcast_all`); an unordered
    /// IO callback once per element; an ordered one not at all.
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params, size: Int,
                      io: Bool) throws(PyException) -> ([JaxValue], [Int?]) {
        let function = try params.required(.hostFunction)
        let method = io ? "sequential" : (params[.vmapMethod] ?? "None")
        if io, params[.ordered] == true { throw PyException.valueError("Cannot `vmap` ordered IO callback.") }
        let prim: Primitive = io ? .ioCallback : .pureCallback
        switch method {
        case "sequential", "sequential_unrolled":
            var rows: [[JaxValue]] = Array(repeating: [], count: function.outAvals.count)
            for i in 0..<size {
                var operands: [JaxValue] = []
                for (x, d) in zip(xs, dims) { operands.append(try d.map { (d: Int) throws(PyException) -> JaxValue in try DebugRules.indexInDim(ctx, x, i, axis: d) } ?? x) }
                for (k, out) in try Tracing.bind(ctx, prim, operands, params).enumerated() { rows[k].append(try Lax.expandDims(ctx, out, [0])) }
            }
            var outs: [JaxValue] = []
            for (k, row) in rows.enumerated() {
                outs.append(row.isEmpty ? try Lax.zeros(ctx, function.outAvals[k].with(shape: [0] + function.outAvals[k].shape))
                            : try JNP.concatenate(ctx, row, axis: 0))
            }
            return (outs, outs.map { _ in 0 })
        case "expand_dims", "broadcast_all":
            var operands: [JaxValue] = []
            for (x, d) in zip(xs, dims) {
                if let d { operands.append(try Lax.moveAxis(ctx, x, from: d, to: 0)); continue }
                let expanded = try Lax.expandDims(ctx, x, [0])
                operands.append(method == "expand_dims" ? expanded : try Lax.broadcastInDim(ctx, expanded, shape: [size] + x.shape, dims: Array(0..<(x.rank + 1))))
            }
            let batched = CustomRule(function.name, outAvals: function.outAvals.map { $0.with(shape: [size] + $0.shape) }, function.apply)
            var p = params
            p.set(.resultAvals, .text(ParamValue.tuple(batched.outAvals.map { "ShapedArray(\($0.with(weakType: false)))" })))
            p.set(.hostFunction, batched, shown: false)
            let outs = try Tracing.bind(ctx, prim, operands, p)
            return (outs, outs.map { _ in 0 })
        default:
            throw PyException.notImplemented("vmap is only supported for the pure_callback primitive when vmap_method is one of 'sequential', 'sequential_unrolled', 'expand_dims', 'broadcast_all', or 'legacy_vectorized'. Got vmap_method=\(method).")
        }
    }
}

extension Tracing {
    /// `jax.pure_callback` / `jax.experimental.io_callback` on flat operands: `function` (whose
    /// `outAvals` are the promised result types) runs on their values whenever the equation
    /// does.
    public static func hostCallback(_ ctx: JaxContext, _ operands: [JaxValue], function: CustomRule, callbackName: String,
                                    inTree: String, io: Bool, ordered: Bool, vmapMethod: String?) throws(PyException) -> [JaxValue] {
        try bind(ctx, io ? .ioCallback : .pureCallback, operands,
                 CallbackRules.params(function, callbackName: callbackName, inTree: inTree, io: io, ordered: ordered, vmapMethod: vmapMethod))
    }
}
