import JaxCore

/// A member of `jax.lax.Precision` (`DEFAULT`, `HIGH`, `HIGHEST`): printed `HIGHEST`, shown
/// `Precision.HIGHEST`, accepted as the `precision=` of lax's products.
final class PrecisionObject: PyObject {
    /// The members in JAX's order, with their values.
    static let members: [(name: String, value: Int)] = [("DEFAULT", 0), ("HIGH", 1), ("HIGHEST", 2)]

    let name: String

    init(_ name: String) { self.name = name }

    /// The member a precision string names (`'highest'`, `'float32'`, `'bfloat16_3x'` ...).
    static func member(named text: String) -> String? {
        switch text {
        case "highest", "float32": return "HIGHEST"
        case "high", "bfloat16_3x", "tensorfloat32": return "HIGH"
        case "default", "bfloat16", "fastest": return "DEFAULT"
        default: return nil
        }
    }

    override var typeName: String { "Precision" }

    override func pythonType(_ interp: Interpreter) -> PyValue { interp.precisionType() }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { "Precision.\(name)" }

    override func str(_ interp: Interpreter) throws(PyException) -> String { name }

    override func getAttribute(_ attribute: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch attribute {
        case "name": return .str(name)
        case "value": return PrecisionObject.members.first { $0.name == name }.map { .int($0.value) }
        default: return nil
        }
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        var same = false
        if case .object(let o as PrecisionObject) = other { same = o.name == name }
        return .bool(op == .equal ? same : !same)
    }

    override func hashKey() throws(PyException) -> String? { "Precision.\(name)" }
}

extension Interpreter {
    /// `jax.lax.Precision`: its members as attributes; calling it with a name or a member
    /// returns the member.
    func precisionType() -> PyValue {
        let qualified = "jax._src.lax.lax.Precision"
        if let t = builtinTypes[qualified] { return .object(t) }
        let t = PyType(qualified, isInstance: { v in
            if case .object(_ as PrecisionObject) = v { return true }
            return false
        }, construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("Precision", ["value"], required: 1)
            let v = slots[0] ?? .none
            if case .object(_ as PrecisionObject) = v { return v }
            if case .str(let text) = v, let member = PrecisionObject.member(named: text) { return .object(PrecisionObject(member)) }
            if case .int(let i) = v, let member = PrecisionObject.members.first(where: { $0.value == i }) { return .object(PrecisionObject(member.name)) }
            throw PyException.valueError("\(try interp.repr(v)) is not a valid Precision")
        })
        for member in PrecisionObject.members { t.attributes[member.name] = .object(PrecisionObject(member.name)) }
        builtinTypes[qualified] = t
        return .object(t)
    }
}
