/// One active transformation on the trace stack (a make_jaxpr, a grad, a vmap, ...): its level
/// orders nested transformations, and `isActive` lets a leaked tracer be recognised later.
public final class MainTrace {
    public let level: Int
    var isActive = true
    /// Makes the Trace object that processes primitives for this level.
    let makeTrace: (MainTrace) -> Trace

    init(level: Int, makeTrace: @escaping (MainTrace) -> Trace) {
        self.level = level
        self.makeTrace = makeTrace
    }
}

/// The per-context stack of active transformations (kept in `JaxContext.traceState`).
public final class TraceState {
    var stack: [MainTrace] = []
    /// The innermost make_jaxpr/jit trace: primitives bind to it even without tracer inputs,
    /// so constants created inside a traced function are staged into the jaxpr as in JAX.
    var dynamic: MainTrace?
    /// Jaxprs of jitted library helpers by name, static arguments and argument types, so a
    /// helper called twice alike stages one jaxpr (printed once as `let name = ...`), as
    /// JAX's trace cache does.
    var jitCache: [String: ClosedJaxpr] = [:]
    /// Partial evaluations of jit bodies by body and unknown inputs, so a function
    /// differentiated twice alike shares its known part, as JAX's caches make it.
    var splitCache: [String: (body: Jaxpr, split: JitRules.Split)] = [:]
    /// JVPs of jit bodies by body and nonzero tangents, for the same reason.
    var jvpCache: [String: (body: Jaxpr, jvp: ClosedJaxpr, outNonzero: [Bool])] = [:]
    /// Transposes of jit bodies by body, cotangents given and argument kinds.
    var transposeCache: [String: (body: Jaxpr, transposed: ClosedJaxpr)] = [:]
    public init() {}
}

/// How one kind of transformation handles primitives applied to its tracers.
class Trace {
    let main: MainTrace
    unowned let ctx: JaxContext

    init(main: MainTrace, ctx: JaxContext) {
        self.main = main
        self.ctx = ctx
    }

    /// Wraps a value from outside every trace as a tracer of this trace.
    func pure(_ value: JaxArray) throws(PyException) -> Tracer {
        throw PyException.notImplemented("pure")
    }

    /// Wraps a tracer of a lower level as a tracer of this trace.
    func lift(_ tracer: Tracer) throws(PyException) -> Tracer {
        throw PyException.notImplemented("lift")
    }

    func processPrimitive(_ prim: Primitive, _ tracers: [Tracer], _ params: Params) throws(PyException) -> [JaxValue] {
        throw PyException.notImplemented(prim.name)
    }

    /// Brings `value` to this trace's level.
    final func fullRaise(_ value: JaxValue) throws(PyException) -> Tracer {
        switch value {
        case .array(let a):
            return try pure(a)
        case .tracer(let t):
            let other = t.main
            guard other.isActive else { throw Tracing.leakedTracer(t) }
            if other === main { return t }
            if other.level < main.level { return try lift(t) }
            throw Tracing.leakedTracer(t)
        }
    }
}

/// A stand-in for an array while a function is transformed: it knows its abstract value and
/// the transformation it belongs to. Subclasses carry what their transformation needs.
open class Tracer: CustomStringConvertible {
    public let aval: ShapedArray
    let trace: Trace

    init(trace: Trace, aval: ShapedArray) {
        self.trace = trace
        self.aval = aval
    }

    var main: MainTrace { trace.main }

    /// The value at the lowest level it can live at (a tracer that carries nothing of its own
    /// transformation drops to what it wraps).
    func fullLower() -> JaxValue { .tracer(self) }

    /// The concrete value behind the tracer, when the transformation still knows it
    /// (grad and vmap do; make_jaxpr and jit do not).
    func concreteValue() -> JaxArray? { nil }

    open var description: String { "Traced<\(aval)>" }

    /// The JAX class name of this kind of tracer, for error messages.
    var typeName: String { "Tracer" }
}

/// Binding primitives and the helpers every interpreter shares.
public enum Tracing {
    /// Applies `prim` to `args` under the innermost transformation that owns one of them
    /// (or the innermost make_jaxpr/jit, or eager evaluation).
    public static func bind(_ ctx: JaxContext, _ prim: Primitive, _ args: [JaxValue], _ params: Params = Params()) throws(PyException) -> [JaxValue] {
        try ctx.checkInterrupt()
        let state = ctx.traceState
        var top: MainTrace? = state.dynamic
        for arg in args {
            guard case .tracer(let t) = arg else { continue }
            guard t.main.isActive else { throw leakedTracer(t) }
            if top == nil || t.main.level > (top?.level ?? -1) { top = t.main }
        }
        guard let main = top else {
            var arrays: [JaxArray] = []
            for arg in args { if case .array(let a) = arg { arrays.append(a) } }
            return try prim.evaluate(ctx, arrays, params).map { .array($0) }
        }
        let trace = main.makeTrace(main)
        var tracers: [Tracer] = []
        tracers.reserveCapacity(args.count)
        for arg in args { tracers.append(try trace.fullRaise(arg)) }
        let outs = try trace.processPrimitive(prim, tracers, params)
        return outs.map { value in
            if case .tracer(let t) = value { return t.fullLower() }
            return value
        }
    }

    /// True when binding a primitive on these values would reach a transformation rather
    /// than evaluate at once.
    static func isTraced(_ ctx: JaxContext, _ values: [JaxValue]) -> Bool {
        ctx.traceState.dynamic != nil || values.contains { if case .tracer = $0 { return true } else { return false } }
    }

    /// True when binding primitives on these values would stage them straight into the
    /// innermost make_jaxpr/jit (no grad or vmap tracer among them above it).
    static func stagesDirectly(_ ctx: JaxContext, _ values: [JaxValue]) throws(PyException) -> Bool {
        guard let dynamic = ctx.traceState.dynamic else { return false }
        for v in values {
            if case .tracer(let t) = v, t.main.level > dynamic.level { return false }
        }
        return true
    }

    /// `bind` for primitives with one result.
    public static func bind1(_ ctx: JaxContext, _ prim: Primitive, _ args: [JaxValue], _ params: Params = Params()) throws(PyException) -> JaxValue {
        let outs = try bind(ctx, prim, args, params)
        guard let first = outs.first else { throw PyException("RuntimeError", "\(prim.name) returned no value") }
        return first
    }

    /// Runs `body` with a new transformation level pushed on the stack.
    static func withMain<R>(_ ctx: JaxContext, dynamic: Bool = false, makeTrace: @escaping (MainTrace) -> Trace,
                            _ body: (MainTrace) throws(PyException) -> R) throws(PyException) -> R {
        let state = ctx.traceState
        guard state.stack.count < 200 else {
            throw PyException("RecursionError", "maximum recursion depth exceeded while tracing")
        }
        let main = MainTrace(level: state.stack.count + 1, makeTrace: makeTrace)
        state.stack.append(main)
        let savedDynamic = state.dynamic
        if dynamic { state.dynamic = main }
        defer {
            main.isActive = false
            state.stack.removeLast()
            state.dynamic = savedDynamic
        }
        return try body(main)
    }

    static func leakedTracer(_ t: Tracer) -> PyException {
        PyException("UnexpectedTracerError",
                    "Encountered an unexpected tracer. A function transformed by JAX had a side effect, "
                    + "allowing for a reference to an intermediate value with type \(t.aval.with(weakType: false)) wrapped in a "
                    + "\(t.typeName) to escape the scope of the transformation.\n"
                    + "JAX transformations require that functions explicitly return their outputs, and disallow "
                    + "saving intermediate values to global state.\n"
                    + "See https://docs.jax.dev/en/latest/errors.html#jax.errors.UnexpectedTracerError")
    }
}
