/// `jax.jit(f)`: traces f once per abstract signature (argument structure, shapes, dtypes,
/// weak types and static arguments), caches the jaxpr, and runs its executable (compiled once,
/// in the session's `ExecutableCache`).
/// Called inside another transformation it becomes the `jit` primitive.
public final class JittedFunction {
    public let name: String
    let function: JaxFunction
    /// What errors say about the function while it is traced.
    let debugInfo: TraceDebugInfo?
    private var cache: [String: Entry] = [:]

    /// One traced signature: the jaxpr and the output structure.
    struct Entry {
        let jaxpr: ClosedJaxpr
        let outTree: PyTree
        /// Whether running it calls back into the host (debugging prints and callbacks).
        let callsHost: Bool
        /// Whether it is cheap enough to run inline rather than on the worker, as XLA decides.
        let isCheap: Bool

        init(jaxpr: ClosedJaxpr, outTree: PyTree) {
            self.jaxpr = jaxpr
            self.outTree = outTree
            callsHost = jaxpr.jaxpr.eqns.contains(where: \.callsHost)
            isCheap = CheapProgram.isCheap(jaxpr.jaxpr)
        }
    }

    public init(name: String, debugInfo: TraceDebugInfo? = nil, _ function: @escaping JaxFunction) {
        self.name = name
        self.debugInfo = debugInfo
        self.function = function
    }

    /// Number of distinct signatures traced so far.
    public var cacheSize: Int { cache.count }

    /// Calls the jitted function. `staticKey` identifies the values of static arguments (the
    /// caller passes them inside `body`, which defaults to the wrapped function).
    public func call(_ ctx: JaxContext, _ args: [PyTree], staticKey: String = "", body: JaxFunction? = nil) throws(PyException) -> PyTree {
        try values(ctx, try self.entry(ctx, args, staticKey: staticKey, body: body), args.flatMap(\.leaves))
    }

    /// The values of a traced signature's call, computed before returning.
    private func values(_ ctx: JaxContext, _ entry: Entry, _ flat: [JaxValue]) throws(PyException) -> PyTree {
        let concrete = flat.compactMap(\.concrete)
        let outs: [JaxValue]
        if concrete.count == flat.count && ctx.traceState.dynamic == nil && !entry.jaxpr.hasTracerConsts {
            outs = try ctx.executables.run(ctx, entry.jaxpr, concrete).map { .array($0) }
        } else {
            outs = try Tracing.bindJit(ctx, name: name, entry.jaxpr, flat)
        }
        return try entry.outTree.replacingLeaves(outs)
    }

    /// What a call gives: its values, or the call dispatched to the worker thread, whose
    /// result `i` is the leaf `i` of the output structure.
    public enum Outcome {
        case values(PyTree)
        case dispatched(PendingCall, Tree<Int>)
    }

    /// Calls the jitted function as JAX does: on concrete operands, outside any transformation,
    /// a program without effects (debugging callbacks print in order) is dispatched to the worker
    /// thread and the call returns before its values are computed; a cheap one runs inline.
    public func dispatch(_ ctx: JaxContext, _ args: [PyTree], staticKey: String = "", body: JaxFunction? = nil) throws(PyException) -> Outcome {
        let flat = args.flatMap(\.leaves)
        let entry = try self.entry(ctx, args, staticKey: staticKey, body: body)
        let concrete = flat.compactMap(\.concrete)
        guard ctx.asyncDispatch, concrete.count == flat.count, ctx.traceState.dynamic == nil, !entry.jaxpr.hasTracerConsts,
              !entry.callsHost, !entry.isCheap else {
            return .values(try values(ctx, entry, flat))
        }
        let consts = entry.jaxpr.consts.compactMap(\.concrete)
        let call = ctx.dispatcher.dispatch(ctx.executables.executable(ctx, entry.jaxpr), consts: consts, concrete, enableX64: ctx.enableX64)
        return .dispatched(call, try entry.outTree.replacingLeaves(Array(0 ..< entry.outTree.leafCount)))
    }

    /// The traced signature of `args`, traced on first use.
    private func entry(_ ctx: JaxContext, _ args: [PyTree], staticKey: String, body: JaxFunction?) throws(PyException) -> Entry {
        let flat = args.flatMap(\.leaves)
        let key = staticKey + "|" + args.map(\.structure).joined(separator: ",") + "|"
            + flat.map { "\($0.aval.short)\($0.weakType ? "~" : "")" }.joined(separator: ",")
        if let cached = cache[key] { return cached }
        let f = body ?? function
        var outTree: PyTree = .none
        let origin = debugInfo.map { TraceOrigin(info: $0, argumentNames: $0.argumentNames(args)) }
        let jaxpr = try Tracing.traceToJaxpr(ctx, flat.map(\.aval), origin: origin) { tracers throws(PyException) -> [JaxValue] in
            outTree = try f(ctx, try Transforms.unflatten(args, tracers))
            return outTree.leaves
        }
        let entry = Entry(jaxpr: jaxpr, outTree: outTree)
        ctx.jitCompileCount += 1
        if !jaxpr.hasTracerConsts { cache[key] = entry }
        return entry
    }

    /// The jaxpr traced for `args` (`jax.jit(f).trace(*args).jaxpr`).
    public func traced(_ ctx: JaxContext, _ args: [PyTree], staticKey: String = "", body: JaxFunction? = nil) throws(PyException) -> ClosedJaxpr {
        try entry(ctx, args, staticKey: staticKey, body: body).jaxpr
    }

    /// The optimised program the compiler runs for `args`: passes, kernels and their memory
    /// traffic (`%explain f(x)`, `jax.jit(f).lower(x).compile().as_text()`).
    public func explain(_ ctx: JaxContext, _ args: [PyTree], staticKey: String = "", body: JaxFunction? = nil) throws(PyException) -> String {
        let entry = try self.entry(ctx, args, staticKey: staticKey, body: body)
        let signature = args.flatMap(\.leaves).map(\.aval.short).joined(separator: ", ")
        return ctx.executables.executable(ctx, entry.jaxpr).explanation(name: name, signature: signature)
    }
}

extension ClosedJaxpr {
    var hasTracerConsts: Bool {
        consts.contains { if case .tracer = $0 { return true } else { return false } }
    }
}

extension Tracing {
    /// Stages a call of a traced function as a `jit` equation; constants that are tracers of
    /// enclosing transformations become extra leading arguments.
    static func bindJit(_ ctx: JaxContext, name: String, _ closed: ClosedJaxpr, _ args: [JaxValue],
                        fusedKernel: FusedKernel? = nil) throws(PyException) -> [JaxValue] {
        var inner = closed
        var operands = args
        if closed.hasTracerConsts {
            let j = closed.jaxpr
            inner = ClosedJaxpr(jaxpr: Jaxpr(constvars: [], invars: j.constvars + j.invars, eqns: j.eqns, outvars: j.outvars), consts: [])
            operands = closed.consts + args
        }
        var params = Params()
        params.set(.jaxpr, inner)
        params.set(.name, name)
        if let fusedKernel { params.set(.fusedKernel, fusedKernel, shown: false) }
        return try bind(ctx, .jit, operands, params)
    }
}

extension JNP {
    /// Runs a jax.numpy function that JAX wraps in `jax.jit` (`_where`, `clip`, `_var`): staged
    /// into a jaxpr as a nested `jit` equation while make_jaxpr or jit traces, compiled (with
    /// XLA's fusion numerics) when called eagerly, and applied directly under grad or vmap.
    /// `cacheKey` (the helper's static arguments; only for bodies that close over no traced
    /// value) reuses the jaxpr of an earlier call with the same argument types.
    /// `fusedKernel` names a kernel that computes the whole helper at once.
    static func jitted(_ ctx: JaxContext, name: String, _ args: [JaxValue], cacheKey: String? = nil, fusedKernel: FusedKernel? = nil,
                       _ body: @escaping ([JaxValue]) throws(PyException) -> JaxValue) throws(PyException) -> JaxValue {
        let outs = try jittedMany(ctx, name: name, args, cacheKey: cacheKey, fusedKernel: fusedKernel) { inner throws(PyException) -> [JaxValue] in
            [try body(inner)]
        }
        guard let out = outs.first else { throw PyException("RuntimeError", "\(name) returned no value") }
        return out
    }

    /// `jitted` for a helper with several results (`eigh`, `svd`, `slogdet`).
    static func jittedMany(_ ctx: JaxContext, name: String, _ args: [JaxValue], cacheKey: String? = nil, fusedKernel: FusedKernel? = nil,
                           _ body: @escaping ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [JaxValue] {
        let state = ctx.traceState
        let eager = state.stack.isEmpty && args.allSatisfy({ $0.concrete != nil })
        // eager: the jaxpr of this signature traced once, so its executable is compiled once
        if !eager && state.dynamic == nil { return try body(args) }
        let key = cacheKey.map { key -> String in
            eager ? "eager|" + name + "|" + key + "|" + args.map { "\($0.aval.short)\($0.weakType ? "~" : "")" }.joined(separator: ",")
                : name + "|" + key + "|" + args.map(\.aval.description).joined(separator: ",")
        }
        let closed: ClosedJaxpr
        if let key, let cached = state.jitCache[key] {
            closed = cached
        } else {
            closed = try Tracing.traceToJaxpr(ctx, args.map(\.aval)) { inner throws(PyException) -> [JaxValue] in try body(inner) }
            if let key, !closed.hasTracerConsts { state.jitCache[key] = closed }
        }
        return try Tracing.bindJit(ctx, name: name, closed, args, fusedKernel: fusedKernel)
    }
}

extension Transforms {
    /// `jax.jit(f)`; the name is the Python function's `__name__`.
    public static func jit(name: String, debugInfo: TraceDebugInfo? = nil, _ f: @escaping JaxFunction) -> JittedFunction {
        JittedFunction(name: name, debugInfo: debugInfo, f)
    }
}
