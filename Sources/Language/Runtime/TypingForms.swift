import JaxCore

/// A special form of `typing` (`Any`, `Optional`, `NamedTuple`, ...): it prints as CPython
/// prints it, subscripts into an alias, and `NamedTuple` may stand as a base class.
final class PyTypingForm: PyObject {
    /// What the form does when it appears among a class's bases.
    enum Role {
        /// Not a valid base (`Any`, `Optional`).
        case plain
        /// `class P(NamedTuple)`: the class becomes a named tuple.
        case namedTupleBase
    }

    let name: String
    let role: Role
    let reprText: String
    /// What calling the form does (`NamedTuple('P', ...)`, `Optional` is not callable).
    let callBody: PyBuiltin.Body?

    init(_ name: String, role: Role = .plain, reprText: String? = nil, call: PyBuiltin.Body? = nil) {
        self.name = name
        self.role = role
        self.reprText = reprText ?? "typing.\(name)"
        self.callBody = call
    }

    override var isCallable: Bool { callBody != nil }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        guard let callBody else { throw PyException.typeError("Cannot instantiate \(reprText)") }
        return try callBody(interp, args)
    }

    override var typeName: String { "_SpecialForm" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { reprText }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        .object(PyGenericAlias(origin: .object(self), arguments: index, originText: "typing.\(name)"))
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__name__", "_name": return .str(self.name)
        case "__module__": return .str("typing")
        default: return nil
        }
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .or else { return nil }
        return .object(PyUnionType(reflected ? [other, .object(self)] : [.object(self), other]))
    }
}
