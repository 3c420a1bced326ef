/// Collects equations while a function is traced for make_jaxpr or jit (JAX's
/// DynamicJaxprTrace): every primitive applied becomes an equation of the jaxpr.
final class JaxprBuilder {
    var eqns: [JaxprEqn] = []
    var constvars: [Var] = []
    var consts: [JaxValue] = []
    /// Lower-level tracers already captured as constants, so each becomes one constvar.
    var lifted: [ObjectIdentifier: JaxprTracer] = [:]
    /// Arrays already captured as constants, by buffer, shape and type: one value used twice
    /// is one constvar, as JAX keys its constants by identity.
    var captured: [String: JaxprTracer] = [:]
    var invars: [Var] = []
    /// The user function being traced, when jit or make_jaxpr traces one.
    var origin: TraceOrigin?

    func build(outputs: [JaxprTracer]) -> ClosedJaxpr {
        let jaxpr = Jaxpr(constvars: constvars, invars: invars, eqns: eqns, outvars: outputs.map(\.atom))
        return ClosedJaxpr(jaxpr: jaxpr, consts: consts)
    }
}

/// A value inside a traced function being staged into a jaxpr; prints as JAX's `JitTracer`.
final class JaxprTracer: Tracer {
    let atom: Atom

    init(trace: Trace, atom: Atom) {
        self.atom = atom
        super.init(trace: trace, aval: atom.aval)
    }

    override func concreteValue() -> JaxArray? {
        if case .literal(let a) = atom { return a }
        return nil
    }

    override var description: String { "JitTracer(\(aval))" }

    override var typeName: String { "DynamicJaxprTracer" }
}

/// The trace of make_jaxpr and jit.
final class JaxprTrace: Trace {
    let builder: JaxprBuilder

    init(main: MainTrace, ctx: JaxContext, builder: JaxprBuilder) {
        self.builder = builder
        super.init(main: main, ctx: ctx)
    }

    func newArg(_ aval: ShapedArray) -> JaxprTracer {
        let v = Var(aval)
        builder.invars.append(v)
        return JaxprTracer(trace: self, atom: .variable(v))
    }

    override func pure(_ value: JaxArray) throws(PyException) -> Tracer {
        if value.shape.isEmpty { return JaxprTracer(trace: self, atom: .literal(value)) }
        let key = value.storage.bufferAddress.map { "\($0)|\(value.shape)|\(value.dtype.name)|\(value.weakType)|\(value.isKeyData)" }
        if let key, let known = builder.captured[key] { return known }
        let v = Var(ShapedArray(value))
        builder.constvars.append(v)
        builder.consts.append(.array(value))
        let t = JaxprTracer(trace: self, atom: .variable(v))
        if let key { builder.captured[key] = t }
        return t
    }

    override func lift(_ tracer: Tracer) throws(PyException) -> Tracer {
        let key = ObjectIdentifier(tracer)
        if let known = builder.lifted[key] { return known }
        let v = Var(tracer.aval)
        builder.constvars.append(v)
        builder.consts.append(.tracer(tracer))
        let t = JaxprTracer(trace: self, atom: .variable(v))
        builder.lifted[key] = t
        return t
    }

    override func processPrimitive(_ prim: Primitive, _ tracers: [Tracer], _ params: Params) throws(PyException) -> [JaxValue] {
        var atoms: [Atom] = []
        for t in tracers {
            guard let jt = t as? JaxprTracer else { throw Tracing.leakedTracer(t) }
            atoms.append(jt.atom)
        }
        let avals = try prim.abstractEval(atoms.map(\.aval), params)
        let outvars = avals.map { Var($0) }
        builder.eqns.append(JaxprEqn(primitive: prim, inputs: atoms, params: prim.rules.restage?(params) ?? params, outvars: outvars))
        return outvars.map { .tracer(JaxprTracer(trace: self, atom: .variable($0))) }
    }
}

extension Tracing {
    /// Traces `body` on abstract arguments into a closed jaxpr (jax.make_jaxpr's core).
    /// Constants that are tracers of enclosing transformations stay in `consts`.
    static func traceToJaxpr(_ ctx: JaxContext, _ avals: [ShapedArray], origin: TraceOrigin? = nil,
                             _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> ClosedJaxpr {
        let builder = JaxprBuilder()
        builder.origin = origin
        return try withMain(ctx, dynamic: true, makeTrace: { [unowned ctx] main in
            JaxprTrace(main: main, ctx: ctx, builder: builder)
        }) { main throws(PyException) -> ClosedJaxpr in
            let trace = JaxprTrace(main: main, ctx: ctx, builder: builder)
            let args = avals.map { JaxValue.tracer(trace.newArg($0)) }
            let outs = try body(args)
            var results: [JaxprTracer] = []
            for out in outs {
                let raised = try trace.fullRaise(out)
                guard let jt = raised as? JaxprTracer else { throw Tracing.leakedTracer(raised) }
                results.append(jt)
            }
            return builder.build(outputs: results)
        }
    }
}
