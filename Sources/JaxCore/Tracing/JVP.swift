/// A value under forward-mode differentiation: its primal and its tangent (nil: a symbolic zero).
final class JVPTracer: Tracer {
    let primal: JaxValue
    let tangent: JaxValue?

    init(trace: Trace, primal: JaxValue, tangent: JaxValue?) {
        self.primal = primal
        self.tangent = tangent
        super.init(trace: trace, aval: primal.aval)
    }

    override func concreteValue() -> JaxArray? {
        switch primal {
        case .array(let a): return a
        case .tracer(let t): return t.concreteValue()
        }
    }

    /// As JAX prints a value being differentiated by grad:
    /// `GradTracer(primal=[0. 1. 2.], typeof(tangent)=f32[3])`.
    override var description: String {
        let shown: String
        switch primal {
        case .array(let a): shown = ArrayFormatter.str(a)
        case .tracer(let t): shown = t.description
        }
        return "GradTracer(primal=\(shown), typeof(tangent)=\((tangent?.aval ?? aval).with(weakType: false).short))"
    }

    override var typeName: String { "LinearizeTracer" }
}

/// The trace of forward-mode differentiation (the JVP interpreter).
final class JVPTrace: Trace {
    override func pure(_ value: JaxArray) throws(PyException) -> Tracer {
        JVPTracer(trace: self, primal: .array(value), tangent: nil)
    }

    override func lift(_ tracer: Tracer) throws(PyException) -> Tracer {
        JVPTracer(trace: self, primal: .tracer(tracer), tangent: nil)
    }

    override func processPrimitive(_ prim: Primitive, _ tracers: [Tracer], _ params: Params) throws(PyException) -> [JaxValue] {
        var primals: [JaxValue] = []
        var tangents: [JaxValue?] = []
        for t in tracers {
            guard let j = t as? JVPTracer else { throw Tracing.leakedTracer(t) }
            primals.append(j.primal)
            tangents.append(j.tangent)
        }
        if tangents.allSatisfy({ $0 == nil }) {
            return try Tracing.bind(ctx, prim, primals, params)
        }
        let (outs, outTangents) = try prim.jvp(ctx, primals, tangents, params)
        return zip(outs, outTangents).map { p, t in .tracer(JVPTracer(trace: self, primal: p, tangent: t)) }
    }
}

extension Tracing {
    /// When the innermost transformation of `args` is forward-mode differentiation (jvp, grad),
    /// its trace and each argument's primal and tangent (nil: zero); nil otherwise.
    static func jvpLevel(_ ctx: JaxContext, _ args: [JaxValue]) throws(PyException) -> (JVPTrace, [JaxValue], [JaxValue?])? {
        var top: MainTrace? = ctx.traceState.dynamic
        for arg in args {
            guard case .tracer(let t) = arg else { continue }
            guard t.main.isActive else { throw leakedTracer(t) }
            if t.main.level > (top?.level ?? -1) { top = t.main }
        }
        guard let main = top, let trace = main.makeTrace(main) as? JVPTrace else { return nil }
        var primals: [JaxValue] = [], tangents: [JaxValue?] = []
        for arg in args {
            let raised = try trace.fullRaise(arg)
            guard let j = raised as? JVPTracer else { throw leakedTracer(raised) }
            primals.append(j.primal)
            tangents.append(j.tangent)
        }
        return (trace, primals, tangents)
    }

    /// `jax.jvp` on flat values: runs `body` on JVP tracers and returns primal and tangent
    /// outputs (nil tangents are zeros).
    static func jvp(_ ctx: JaxContext, _ primals: [JaxValue], _ tangents: [JaxValue?],
                    _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        try withMain(ctx, makeTrace: { [unowned ctx] main in JVPTrace(main: main, ctx: ctx) }) { main throws(PyException) in
            let trace = JVPTrace(main: main, ctx: ctx)
            let ins = zip(primals, tangents).map { JaxValue.tracer(JVPTracer(trace: trace, primal: $0, tangent: $1)) }
            let outs = try body(ins)
            var ps: [JaxValue] = []
            var ts: [JaxValue?] = []
            for out in outs {
                let t = try trace.fullRaise(out)
                guard let j = t as? JVPTracer else { throw Tracing.leakedTracer(t) }
                ps.append(j.primal)
                ts.append(j.tangent)
            }
            return (ps, ts)
        }
    }
}
