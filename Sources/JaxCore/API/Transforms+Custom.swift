/// `jax.custom_jvp`, `jax.custom_vjp` and `jax.checkpoint` on flat values: a function called with the
/// differentiation rules it carries (`Control+CustomJVP.swift`, `Control+CustomVJP.swift`).
extension Transforms {
    /// Calls `body` on `args` as a `custom_jvp` function named `name` whose rule is `jvp`.
    public static func customJVPCall(_ ctx: JaxContext, name: String, jvp: CustomRule, _ args: [JaxValue],
                                     _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [JaxValue] {
        try CustomJVPRules.call(ctx, name: name, jvp: jvp, args, body)
    }

    /// Calls `body` on `args` as a `custom_vjp` function named `name` with rules `fwd` and `bwd`.
    /// `primalCount` tells, once the fwd rule has run, how many of its results are outputs.
    public static func customVJPCall(_ ctx: JaxContext, name: String, fwd: CustomRule, bwd: CustomRule, _ args: [JaxValue],
                                     primalCount: () -> Int?,
                                     _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [JaxValue] {
        try CustomVJPRules.call(ctx, name: name, fwd: fwd, bwd: bwd, args, primalCount: primalCount, body)
    }

    /// Whether operations on `values` would be traced (a transformation owns one of them, or
    /// a make_jaxpr/jit is tracing) rather than run at once.
    public static func isTraced(_ ctx: JaxContext, _ values: [JaxValue]) -> Bool {
        Tracing.isTraced(ctx, values)
    }

    /// `jax.checkpoint(fun, policy=..., prevent_cse=...)(*args)` on flat values: one `remat2`.
    /// `args` are the differentiated arguments' trees (for the names tracer errors give).
    public static func checkpoint(_ ctx: JaxContext, policy: CheckpointPolicy, preventCSE: Bool, _ args: [PyTree],
                                  debugInfo: TraceDebugInfo?, _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [JaxValue] {
        let origin = debugInfo.map { TraceOrigin(info: $0, argumentNames: $0.argumentNames(args)) }
        return try CheckpointRules.call(ctx, policy: policy, preventCSE: preventCSE, args.flatMap(\.leaves), origin: origin, body)
    }

    /// `jax.ad_checkpoint.checkpoint_name(x, name)` on one leaf: a `name` equation.
    public static func checkpointName(_ ctx: JaxContext, _ x: JaxValue, name: String) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .checkpointName, [x], Params().with(.name, name))
    }

    /// `ad.add_tangents`: the sum of two tangent contributions, as `add_any` (what `defjvps`
    /// adds its per-argument rules' results with).
    public static func addTangents(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try Lax.addAny(ctx, x, y)
    }
}
