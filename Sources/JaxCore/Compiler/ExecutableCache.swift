/// The compiled executables of one session, one per jaxpr. A jaxpr is traced for one abstract
/// signature (shapes, dtypes, weak types, static arguments), so its identity is that
/// signature's key: `jax.jit`, the jnp functions JAX stages as jits and scan bodies all find
/// their executable here instead of compiling again on every call.
public final class ExecutableCache {
    private var entries: [ObjectIdentifier: (jaxpr: Jaxpr, executable: CompiledFunction)] = [:]
    /// Most executables kept; past it the cache starts afresh (jaxprs traced anew on every call,
    /// such as those of functions closing over changing values, would otherwise pile up).
    static let capacity = 4096
    /// How many jaxprs have been compiled (cache misses).
    public private(set) var compileCount = 0
    /// Off: every jaxpr runs equation by equation (fused loops' tests compare against it).
    public var fusion = true

    public init() {}

    /// The executable of `closed`, compiled on first use.
    func executable(_ ctx: JaxContext, _ closed: ClosedJaxpr) -> CompiledFunction {
        let key = ObjectIdentifier(closed.jaxpr)
        if let entry = entries[key], entry.jaxpr === closed.jaxpr { return entry.executable }
        if entries.count >= ExecutableCache.capacity { entries = [:] }
        let executable = CompiledFunction(ctx, closed, fuse: fusion)
        entries[key] = (closed.jaxpr, executable)
        compileCount += 1
        return executable
    }

    /// Runs `closed` on `args`.
    func run(_ ctx: JaxContext, _ closed: ClosedJaxpr, _ args: [JaxArray]) throws(PyException) -> [JaxArray] {
        try executable(ctx, closed).run(ctx, consts: closed.consts, args)
    }

    /// Forgets every executable (after `fusion` changes).
    public func removeAll() { entries = [:] }
}
