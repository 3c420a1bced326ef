/// What partial evaluation knows about a value: the value itself, or only its abstract value.
enum PartialVal {
    case known(JaxValue)
    case unknown(ShapedArray)
}

/// An equation recorded by partial evaluation because one of its inputs is unknown.
final class EqnRecipe {
    let sequence: Int
    let primitive: Primitive
    let inputs: [PartialEvalTracer]
    let params: Params
    let outvars: [Var]

    init(sequence: Int, primitive: Primitive, inputs: [PartialEvalTracer], params: Params, outvars: [Var]) {
        self.sequence = sequence
        self.primitive = primitive
        self.inputs = inputs
        self.params = params
        self.outvars = outvars
    }
}

/// How an unknown value came to be: an input of the linear function, a known value used as a
/// constant (a residual), or an output of a recorded equation.
enum Recipe {
    case lambdaBinding(Var)
    case const(JaxValue, Var)
    case eqn(EqnRecipe, Int)
    case none
}

/// A value under partial evaluation (JAX's JaxprTracer): known values compute at once, unknown
/// ones are recorded into the linear jaxpr.
final class PartialEvalTracer: Tracer {
    let pval: PartialVal
    let recipe: Recipe

    init(trace: Trace, pval: PartialVal, recipe: Recipe) {
        self.pval = pval
        self.recipe = recipe
        let aval: ShapedArray
        switch pval {
        case .known(let v): aval = v.aval
        case .unknown(let a): aval = a
        }
        super.init(trace: trace, aval: aval)
    }

    override func fullLower() -> JaxValue {
        if case .known(let v) = pval {
            if case .tracer(let t) = v { return t.fullLower() }
            return v
        }
        return .tracer(self)
    }

    override var typeName: String { "JaxprTracer" }

    override func concreteValue() -> JaxArray? {
        guard case .known(let v) = pval else { return nil }
        switch v {
        case .array(let a): return a
        case .tracer(let t): return t.concreteValue()
        }
    }
}

/// Shared state of one partial evaluation: the sequence of recorded equations.
final class PartialEvalState {
    var counter = 0
}

/// The partial-evaluation trace.
final class PartialEvalTrace: Trace {
    let state: PartialEvalState

    init(main: MainTrace, ctx: JaxContext, state: PartialEvalState) {
        self.state = state
        super.init(main: main, ctx: ctx)
    }

    override func pure(_ value: JaxArray) throws(PyException) -> Tracer {
        PartialEvalTracer(trace: self, pval: .known(.array(value)), recipe: .none)
    }

    override func lift(_ tracer: Tracer) throws(PyException) -> Tracer {
        PartialEvalTracer(trace: self, pval: .known(.tracer(tracer)), recipe: .none)
    }

    func instantiate(_ t: PartialEvalTracer) -> PartialEvalTracer {
        guard case .known(let v) = t.pval else { return t }
        return PartialEvalTracer(trace: self, pval: .unknown(t.aval), recipe: .const(v, Var(t.aval)))
    }

    override func processPrimitive(_ prim: Primitive, _ tracers: [Tracer], _ params: Params) throws(PyException) -> [JaxValue] {
        var ins: [PartialEvalTracer] = []
        for t in tracers {
            guard let p = t as? PartialEvalTracer else { throw Tracing.leakedTracer(t) }
            ins.append(p)
        }
        let knowns: [JaxValue] = ins.compactMap { t in
            if case .known(let v) = t.pval { return v }
            return nil
        }
        if knowns.count == ins.count {
            return try Tracing.bind(ctx, prim, knowns, params)
        }
        if let rule = prim.rules.partialEval {
            return try rule.apply(self, ins, params)
        }
        let inputs = ins.map(instantiate)
        let avals = try prim.abstractEval(inputs.map(\.aval), params)
        state.counter += 1
        let recipe = EqnRecipe(sequence: state.counter, primitive: prim, inputs: inputs, params: params,
                               outvars: avals.map { Var($0) })
        return avals.indices.map { .tracer(PartialEvalTracer(trace: self, pval: .unknown(avals[$0]), recipe: .eqn(recipe, $0))) }
    }
}

/// A linear function produced by linearize: a jaxpr over the tangent inputs, with the known
/// values it needs (residuals) as constants.
struct LinearFunction {
    let jaxpr: Jaxpr
    let consts: [JaxValue]

    /// Applies the transpose: cotangents of the outputs to cotangents of the inputs.
    func transpose(_ ctx: JaxContext, _ cts: [JaxValue?]) throws(PyException) -> [JaxValue?] {
        try Transpose.backwardPass(ctx, jaxpr, consts, cts)
    }
}

extension Tracing {
    /// `jax.linearize` on flat values: the primal outputs and the linear map of tangents,
    /// found by running the JVP with known primals and unknown tangents.
    /// Only the first `linearOutputs` results (all by default) get tangents; the rest are
    /// auxiliary values returned as they are.
    static func linearize(_ ctx: JaxContext, _ primals: [JaxValue], linearOutputs: Int? = nil,
                          _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> ([JaxValue], LinearFunction) {
        let state = PartialEvalState()
        return try withMain(ctx, makeTrace: { [unowned ctx] main in PartialEvalTrace(main: main, ctx: ctx, state: state) }) { main throws(PyException) in
            let trace = PartialEvalTrace(main: main, ctx: ctx, state: state)
            let tangentIns = primals.map { p in
                // a tangent has its primal's type, weak type included
                PartialEvalTracer(trace: trace, pval: .unknown(p.aval), recipe: .lambdaBinding(Var(p.aval)))
            }
            let (outs, outTangents) = try jvp(ctx, primals, tangentIns.map { .tracer($0) }, body)
            var primalOuts: [JaxValue] = []
            for out in outs {
                guard case .tracer(let t) = out, t.main === main else { primalOuts.append(out); continue }
                let lowered = t.fullLower()
                if case .tracer(let l) = lowered, l.main === main {
                    throw PyException("RuntimeError", "a primal output depends on a tangent")
                }
                primalOuts.append(lowered)
            }
            var tangentOuts: [PartialEvalTracer] = []
            for (out, t) in zip(outs, outTangents).prefix(linearOutputs ?? outs.count) {
                var value: JaxValue
                if let t { value = t } else { value = try Lax.zeros(ctx, out.aval.with(weakType: false)) }
                tangentOuts.append(trace.instantiate(try raisePE(trace, value)))
            }
            let (jaxpr, consts) = try tracersToJaxpr(tangentIns, tangentOuts)
            return (primalOuts, LinearFunction(jaxpr: jaxpr, consts: consts))
        }
    }

    /// Runs `body` under a new partial-evaluation trace on the inputs of a jaxpr of types
    /// `avals`: those marked in `unknowns` become inputs of the jaxpr being built (`lambdas`,
    /// in order), the others are known and hold the values of `known`, in order. The rules
    /// that split a jaxpr by which inputs are known (`jit`'s, the control-flow primitives') start
    /// this way.
    static func partialEval<R>(_ ctx: JaxContext, _ avals: [ShapedArray], unknowns: [Bool], known: [JaxValue],
                               _ body: (_ trace: PartialEvalTrace, _ args: [JaxValue], _ lambdas: [PartialEvalTracer]) throws(PyException) -> R)
        throws(PyException) -> R {
        let state = PartialEvalState()
        return try withMain(ctx, makeTrace: { [unowned ctx] main in PartialEvalTrace(main: main, ctx: ctx, state: state) }) { main throws(PyException) -> R in
            let trace = PartialEvalTrace(main: main, ctx: ctx, state: state)
            var args: [JaxValue] = [], lambdas: [PartialEvalTracer] = []
            var knownValues = known.makeIterator()
            for (aval, isUnknown) in zip(avals, unknowns) {
                if isUnknown {
                    let t = PartialEvalTracer(trace: trace, pval: .unknown(aval), recipe: .lambdaBinding(Var(aval)))
                    lambdas.append(t)
                    args.append(.tracer(t))
                } else {
                    guard let value = knownValues.next() else { throw PyException("RuntimeError", "partial evaluation lacks a known input") }
                    args.append(.tracer(PartialEvalTracer(trace: trace, pval: .known(value), recipe: .none)))
                }
            }
            return try body(trace, args, lambdas)
        }
    }

    /// A value as a tracer of the partial-evaluation trace `trace`.
    static func raisePE(_ trace: PartialEvalTrace, _ value: JaxValue) throws(PyException) -> PartialEvalTracer {
        let raised = try trace.fullRaise(value)
        guard let p = raised as? PartialEvalTracer else { throw leakedTracer(raised) }
        return p
    }

    /// Builds the jaxpr of the recorded equations between `inputs` and `outputs`.
    static func tracersToJaxpr(_ inputs: [PartialEvalTracer], _ outputs: [PartialEvalTracer]) throws(PyException) -> (Jaxpr, [JaxValue]) {
        var invars: [Var] = []
        for t in inputs {
            guard case .lambdaBinding(let v) = t.recipe else { throw PyException("RuntimeError", "linearize input is not an argument") }
            invars.append(v)
        }
        var recipes: [ObjectIdentifier: EqnRecipe] = [:]
        var constvars: [Var] = []
        var consts: [JaxValue] = []
        var seenConst: Set<Var> = []
        var literals: [Var: JaxArray] = [:]
        var constOf: [ObjectIdentifier: Var] = [:]
        var alias: [Var: Var] = [:]
        var stack = outputs
        var visited: Set<ObjectIdentifier> = []
        func atom(_ t: PartialEvalTracer) -> Var? {
            switch t.recipe {
            case .lambdaBinding(let v): return v
            case .const(_, let v): return alias[v] ?? v
            case .eqn(let r, let i): return r.outvars[i]
            case .none: return nil
            }
        }
        while let t = stack.popLast() {
            guard visited.insert(ObjectIdentifier(t)).inserted else { continue }
            switch t.recipe {
            case .const(let value, let v):
                // a concrete scalar is written into the jaxpr as a literal, as JAX does
                if case .array(let a) = value, a.shape.isEmpty {
                    literals[v] = a
                } else if case .tracer(let known) = value, let first = constOf[ObjectIdentifier(known)], first != v {
                    // one residual per known value, however often it was instantiated
                    alias[v] = first
                } else if seenConst.insert(v).inserted {
                    if case .tracer(let known) = value { constOf[ObjectIdentifier(known)] = v }
                    constvars.append(v)
                    consts.append(value)
                }
            case .eqn(let r, _):
                if recipes[ObjectIdentifier(r)] == nil {
                    recipes[ObjectIdentifier(r)] = r
                    stack.append(contentsOf: r.inputs)
                }
            case .lambdaBinding, .none:
                break
            }
        }
        let ordered = recipes.values.sorted { $0.sequence < $1.sequence }
        var eqns: [JaxprEqn] = []
        for r in ordered {
            var ins: [Atom] = []
            for t in r.inputs {
                guard let v = atom(t) else { throw PyException("RuntimeError", "unbound value in linear function") }
                ins.append(literals[v].map { .literal($0) } ?? .variable(v))
            }
            eqns.append(JaxprEqn(primitive: r.primitive, inputs: ins, params: r.params, outvars: r.outvars))
        }
        var outs: [Atom] = []
        for t in outputs {
            guard let v = atom(t) else { throw PyException("RuntimeError", "unbound output in linear function") }
            outs.append(literals[v].map { .literal($0) } ?? .variable(v))
        }
        return (Jaxpr(constvars: constvars, invars: invars, eqns: eqns, outvars: outs), consts)
    }
}
