/// A variable of a jaxpr; identity is the object, the printed name is given at print time.
public final class Var: Hashable {
    public let aval: ShapedArray

    init(_ aval: ShapedArray) { self.aval = aval }

    public static func == (a: Var, b: Var) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// An operand of an equation: a variable or a scalar constant printed inline (`2.0:f32[]`).
public enum Atom {
    case variable(Var)
    case literal(JaxArray)

    public var aval: ShapedArray {
        switch self {
        case .variable(let v): return v.aval
        case .literal(let a): return ShapedArray(a)
        }
    }

    var variable: Var? {
        if case .variable(let v) = self { return v }
        return nil
    }
}

/// One line of a jaxpr: `outvars = primitive[params] inputs`.
public struct JaxprEqn {
    public let primitive: Primitive
    public let inputs: [Atom]
    public let params: Params
    public let outvars: [Var]

    /// Whether running the equation does something besides computing its outputs (a
    /// debugging callback, here or in a body it calls): then it is never pruned as dead.
    var hasEffects: Bool { reaches { $0.primitive.rules.effectful } }

    /// Whether running the equation calls a Python function (a callback of any kind, here or
    /// in a body it calls): such a program runs on the calling thread.
    var callsHost: Bool { reaches { $0.primitive.rules.effectful || $0.primitive.rules.callsHost } }

    /// Whether this equation or one in a body it calls satisfies `test`.
    private func reaches(_ test: (JaxprEqn) -> Bool) -> Bool {
        if test(self) { return true }
        return params.entries.contains { entry in
            switch entry.value {
            case .jaxpr(let body): return body.jaxpr.eqns.contains { $0.reaches(test) }
            case .jaxprs(let bodies): return bodies.contains { $0.jaxpr.eqns.contains { $0.reaches(test) } }
            default: return false
            }
        }
    }
}

/// A function in JAX's intermediate language: constants, inputs, equations, outputs.
public final class Jaxpr {
    public let constvars: [Var]
    public let invars: [Var]
    public let eqns: [JaxprEqn]
    public let outvars: [Atom]

    init(constvars: [Var], invars: [Var], eqns: [JaxprEqn], outvars: [Atom]) {
        self.constvars = constvars
        self.invars = invars
        self.eqns = eqns
        self.outvars = outvars
    }

    public var inAvals: [ShapedArray] { invars.map(\.aval) }
    public var outAvals: [ShapedArray] { outvars.map(\.aval) }
}

/// A jaxpr together with the values of its constant variables: what `jax.make_jaxpr` returns.
public struct ClosedJaxpr: CustomStringConvertible {
    public let jaxpr: Jaxpr
    public let consts: [JaxValue]

    public init(jaxpr: Jaxpr, consts: [JaxValue]) {
        self.jaxpr = jaxpr
        self.consts = consts
    }

    /// The text `print(jax.make_jaxpr(f)(x))` shows.
    public var description: String { JaxprPrinter.print(self) }
}

extension Jaxpr {
    /// Evaluates the jaxpr by binding each equation under the current transformations.
    func evaluate(_ ctx: JaxContext, consts: [JaxValue], args: [JaxValue]) throws(PyException) -> [JaxValue] {
        var env: [Var: JaxValue] = [:]
        for (v, c) in zip(constvars, consts) { env[v] = c }
        for (v, a) in zip(invars, args) { env[v] = a }
        func read(_ atom: Atom) throws(PyException) -> JaxValue {
            switch atom {
            case .literal(let a): return .array(a)
            case .variable(let v):
                guard let value = env[v] else { throw PyException("RuntimeError", "jaxpr variable read before it was bound") }
                return value
            }
        }
        for eqn in eqns {
            var inputs: [JaxValue] = []
            for atom in eqn.inputs { inputs.append(try read(atom)) }
            let outs = try Tracing.bind(ctx, eqn.primitive, inputs, eqn.params)
            for (v, o) in zip(eqn.outvars, outs) { env[v] = o }
        }
        var results: [JaxValue] = []
        for atom in outvars { results.append(try read(atom)) }
        return results
    }
}

extension ClosedJaxpr {
    /// Evaluates under the current transformations (eagerly when none is active).
    func call(_ ctx: JaxContext, _ args: [JaxValue]) throws(PyException) -> [JaxValue] {
        try jaxpr.evaluate(ctx, consts: consts, args: args)
    }

    /// Evaluates on concrete arrays one equation at a time, as JAX's `eval_jaxpr` does for the
    /// call primitives that are not compiled when run eagerly (`remat2`, `custom_jvp_call`).
    func evaluateEagerly(_ ctx: JaxContext, _ args: [JaxArray]) throws(PyException) -> [JaxArray] {
        var outs: [JaxArray] = []
        for value in try call(ctx, args.map { .array($0) }) {
            guard case .array(let a) = value else { throw PyException("RuntimeError", "an eager evaluation gave a tracer") }
            outs.append(a)
        }
        return outs
    }
}

extension JaxprEqn: CustomStringConvertible {
    /// The equation as JAX prints an equation object, its variables named afresh.
    public var description: String { JaxprPrinter.print(self) }
}

extension Jaxpr: CustomStringConvertible {
    /// The jaxpr as JAX prints an open jaxpr (the same text as its closed form).
    public var description: String { JaxprPrinter.print(ClosedJaxpr(jaxpr: self, consts: [])) }
}
