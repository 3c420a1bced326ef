/// `debug_print` and `debug_callback`, the primitives of `jax.debug.print` and
/// `jax.debug.callback`: no outputs, a host function run on the operands' values whenever the
/// equation evaluates (at once when eager, at every call of a jitted function), on primal
/// values only under differentiation and once per element under vmap. They have an effect, so
/// dead-code elimination keeps them.
extension Primitive {
    static var debugging: [Primitive] { [.debugPrint, .debugCallback] }

    static let debugPrint: Primitive = Primitive("debug_print", DebugRules.rules(.debugPrint))
    static let debugCallback: Primitive = Primitive("debug_callback", DebugRules.rules(.debugCallback))
}

/// The rules both debugging primitives share.
enum DebugRules {
    enum Kind { case debugPrint, debugCallback }

    static func rules(_ kind: Kind) -> Rules {
        let prim: @Sendable () -> Primitive = { kind == .debugPrint ? .debugPrint : .debugCallback }
        var rules = Rules(
            abstractEval: { _, _ throws(PyException) in [] },
            evaluate: { ctx, xs, params throws(PyException) in
                try ctx.runHostCallback(try params.required(.hostCallback), xs)
                return []
            },
            jvp: .rule { _, ctx, xs, _, params throws(PyException) in
                // the host sees the primals; there is nothing to differentiate
                _ = try Tracing.bind(ctx, prim(), xs, params)
                return ([], [])
            },
            transpose: .notLinear,
            batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in
                // `debug_batching_rule`: the callback unrolled over the mapped axis
                for i in 0..<size {
                    var operands: [JaxValue] = []
                    for (x, d) in zip(xs, dims) { operands.append(try d.map { (d: Int) throws(PyException) -> JaxValue in try indexInDim(ctx, x, i, axis: d) } ?? x) }
                    _ = try Tracing.bind(ctx, prim(), operands, params)
                }
                return ([], [])
            })
        rules.effectful = true
        return rules
    }

    /// `lax.index_in_dim(x, i, axis, keepdims=False)`: a unit-stride slice and a squeeze.
    static func indexInDim(_ ctx: JaxContext, _ x: JaxValue, _ i: Int, axis: Int) throws(PyException) -> JaxValue {
        var start = Array(repeating: 0, count: x.rank), limit = x.shape
        start[axis] = i
        limit[axis] = i + 1
        var params = Params()
        params.set(.limitIndices, limit)
        params.set(.startIndices, start)
        params.set(.strides, x.shape.map { _ in 1 })
        let row = try Tracing.bind1(ctx, .slice, [x], params)
        return try Lax.squeeze(ctx, row, [axis])
    }

    /// `debug_print`'s parameters as JAX prints them; `callback` formats and prints.
    static func printParams(_ ctx: JaxContext, format: String, hasPlaceholders: Bool, inTree: String,
                                   staticArgs: String, ordered: Bool, partitioned: Bool,
                                   callback: @escaping HostCallback) -> Params {
        var p = Params()
        p.set(.fmt, format)
        p.set(.hasPlaceholders, hasPlaceholders)
        p.set(.inTree, inTree)
        p.set(.loggingRecord, .none)
        p.set(.npPrintoptions, "(('edgeitems', 3), ('threshold', 1000), ('floatmode', 'maxprec'), ('precision', 8), ('suppress', False), ('linewidth', 75), ('nanstr', 'nan'), ('infstr', 'inf'), ('sign', '-'), ('formatter', None), ('legacy', False), ('override_repr', None))")
        p.set(.ordered, ordered)
        p.set(.partitioned, partitioned)
        p.set(.staticArgs, staticArgs)
        p.set(.hostCallback, ctx.registerHostCallback(callback), shown: false)
        return p
    }

    /// `debug_callback`'s parameters as JAX prints them (the function's address masked, as
    /// JAX masks it).
    static func callbackParams(_ ctx: JaxContext, partitioned: Bool, callback: @escaping HostCallback) -> Params {
        var p = Params()
        p.set(.callbackText, "<function debug_callback.<locals>._debug_callback.<locals>._flat_callback at 0xXXXXXXXXXXXX>")
        p.set(.effect, "Debug")
        p.set(.partitioned, partitioned)
        p.set(.hostCallback, ctx.registerHostCallback(callback), shown: false)
        return p
    }
}

extension Tracing {
    /// `jax.debug.print`: binds `debug_print` on the dynamic operands; `callback` formats
    /// and prints their values whenever the equation runs.
    public static func debugPrint(_ ctx: JaxContext, _ operands: [JaxValue], format: String, hasPlaceholders: Bool, inTree: String,
                                  staticArgs: String, ordered: Bool, partitioned: Bool,
                                  callback: @escaping HostCallback) throws(PyException) {
        let params = DebugRules.printParams(ctx, format: format, hasPlaceholders: hasPlaceholders, inTree: inTree,
                                            staticArgs: staticArgs, ordered: ordered, partitioned: partitioned, callback: callback)
        _ = try bind(ctx, .debugPrint, operands, params)
    }

    /// `jax.debug.callback`: binds `debug_callback` on the dynamic operands.
    public static func debugCallback(_ ctx: JaxContext, _ operands: [JaxValue], partitioned: Bool,
                                     callback: @escaping HostCallback) throws(PyException) {
        _ = try bind(ctx, .debugCallback, operands, DebugRules.callbackParams(ctx, partitioned: partitioned, callback: callback))
    }
}
