import JaxCore

// What a jaxpr offers for inspection from Python, as JAX's core objects do: a jaxpr's
// `invars`, `outvars`, `constvars` and `eqns`; an equation's `primitive`, `params`, `invars`
// and `outvars`; a variable's `aval` (the closed jaxpr's own attributes are on `PyJaxpr`).

/// Builders shared by the jaxpr objects.
enum JaxprObjects {
    static func avals(_ avals: [ShapedArray]) -> PyValue {
        .list(PyList(avals.map { .object(PyShapedArray($0)) }))
    }

    static func eqns(_ jaxpr: Jaxpr) -> PyValue {
        .list(PyList(jaxpr.eqns.map { .object(PyJaxprEqn($0)) }))
    }

    /// An operand: a variable, or a literal (JAX's `Literal`, printed as its value).
    static func atom(_ atom: Atom) -> PyValue {
        switch atom {
        case .variable(let v): return .object(PyJaxprVar(v))
        case .literal(let a): return .object(JaxArrayObject(.array(a)))
        }
    }

    /// A parameter as a Python value: numbers, tuples, dtypes and jaxprs as themselves,
    /// anything else as the text the jaxpr shows for it.
    static func param(_ value: ParamValue) -> PyValue {
        switch value {
        case .int(let v): return .int(v)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .dtype(let d): return .object(PyDType(d))
        case .ints(let v), .npInts(let v), .mixedInts(let v, _): return .tuple(v.map { .int($0) })
        case .intList(let v): return .list(PyList(v.map { .int($0) }))
        case .jaxpr(let j): return .object(PyJaxpr(j))
        case .jaxprs(let js): return .tuple(js.map { .object(PyJaxpr($0)) })
        case .shapes(let shapes): return .tuple(shapes.map { .tuple($0.map { .int($0) }) })
        default: return .str(value.printed)
        }
    }
}

/// `closed.jaxpr`: the open jaxpr.
final class PyOpenJaxpr: PyObject {
    let jaxpr: Jaxpr

    init(_ jaxpr: Jaxpr) { self.jaxpr = jaxpr }

    override var typeName: String { "Jaxpr" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        interp.objectType("jax._src.core.Jaxpr") { $0 is PyOpenJaxpr }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { jaxpr.description }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "eqns": return JaxprObjects.eqns(jaxpr)
        case "invars": return .list(PyList(jaxpr.invars.map { .object(PyJaxprVar($0)) }))
        case "constvars": return .list(PyList(jaxpr.constvars.map { .object(PyJaxprVar($0)) }))
        case "outvars": return .list(PyList(jaxpr.outvars.map(JaxprObjects.atom)))
        case "in_avals": return JaxprObjects.avals(jaxpr.inAvals)
        case "out_avals": return JaxprObjects.avals(jaxpr.outAvals)
        case "effects": return .object(PySet())
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["constvars", "effects", "eqns", "in_avals", "invars", "out_avals", "outvars"] }
}

/// One equation of a jaxpr.
final class PyJaxprEqn: PyObject {
    let eqn: JaxprEqn

    init(_ eqn: JaxprEqn) { self.eqn = eqn }

    override var typeName: String { "JaxprEqn" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        interp.objectType("jax._src.core.JaxprEqn") { $0 is PyJaxprEqn }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { eqn.description }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "primitive": return .object(PyJaxprPrimitive(eqn.primitive.name))
        case "params":
            let dict = PyDict()
            for (key, value) in eqn.params.shownItems { try dict.set(.str(key), JaxprObjects.param(value)) }
            return .dict(dict)
        case "invars": return .list(PyList(eqn.inputs.map(JaxprObjects.atom)))
        case "outvars": return .list(PyList(eqn.outvars.map { .object(PyJaxprVar($0)) }))
        case "effects": return .object(PySet())
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["effects", "invars", "outvars", "params", "primitive"] }
}

/// An equation's primitive: prints as its name.
final class PyJaxprPrimitive: PyObject {
    let name: String

    init(_ name: String) { self.name = name }

    override var typeName: String { "Primitive" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        interp.objectType("jax._src.core.Primitive") { $0 is PyJaxprPrimitive }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { name }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == "name" ? .str(self.name) : nil
    }

    override func attributeNames() -> [String] { ["name"] }
}

/// A variable of a jaxpr: its abstract value, printed as JAX prints a `Var`.
final class PyJaxprVar: PyObject {
    let variable: Var

    init(_ variable: Var) { self.variable = variable }

    override var typeName: String { "Var" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        interp.objectType("jax._src.core.Var") { $0 is PyJaxprVar }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "Var(id=\(UInt(bitPattern: Unmanaged.passUnretained(variable).toOpaque()))):\(variable.aval.with(weakType: false).description)"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == "aval" ? .object(PyShapedArray(variable.aval)) : nil
    }

    override func attributeNames() -> [String] { ["aval"] }
}
