import JaxCore

/// A member of one of lax's enums: `Precision` (`DEFAULT`, `HIGH`, `HIGHEST`; printed `HIGHEST`,
/// shown `Precision.HIGHEST`) or the IntEnum `RoundingMethod` (`AWAY_FROM_ZERO`,
/// `TO_NEAREST_EVEN`; printed `1`, shown `<RoundingMethod.TO_NEAREST_EVEN: 1>`, usable as an int).
final class LaxEnumMember: PyObject {
    /// One of the enums: its members in order, with their values.
    enum Kind: String {
        case precision = "Precision"
        case roundingMethod = "RoundingMethod"

        var members: [(name: String, value: Int)] {
            switch self {
            case .precision: return [("DEFAULT", 0), ("HIGH", 1), ("HIGHEST", 2)]
            case .roundingMethod: return [("AWAY_FROM_ZERO", 0), ("TO_NEAREST_EVEN", 1)]
            }
        }

        /// An IntEnum's members are ints too.
        var isInt: Bool { self == .roundingMethod }
    }

    let kind: Kind
    let name: String
    let value: Int

    init(_ kind: Kind, _ name: String, _ value: Int) {
        self.kind = kind
        self.name = name
        self.value = value
    }

    /// The `Precision` member a precision string names (`'highest'`, `'float32'`, `'bfloat16_3x'` ...).
    static func precision(named text: String) -> String? {
        switch text {
        case "highest", "float32": return "HIGHEST"
        case "high", "bfloat16_3x", "tensorfloat32": return "HIGH"
        case "default", "bfloat16", "fastest": return "DEFAULT"
        default: return nil
        }
    }

    override var typeName: String { kind.rawValue }

    override func pythonType(_ interp: Interpreter) -> PyValue { interp.laxEnumType(kind) }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        kind.isInt ? "<\(kind.rawValue).\(name): \(value)>" : "\(kind.rawValue).\(name)"
    }

    override func str(_ interp: Interpreter) throws(PyException) -> String { kind.isInt ? String(value) : name }

    override func getAttribute(_ attribute: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch attribute {
        case "name": return .str(name)
        case "value": return .int(value)
        default: return nil
        }
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        var same = false
        switch other {
        case .object(let o as LaxEnumMember): same = o.kind == kind && o.name == name
        case .int(let i) where kind.isInt: same = i == value
        default: same = false
        }
        return .bool(op == .equal ? same : !same)
    }

    override func hashKey() throws(PyException) -> String? { kind.isInt ? nil : "\(kind.rawValue).\(name)" }

    override func toIndex(_ interp: Interpreter) throws(PyException) -> Int? { kind.isInt ? value : nil }

    override func toInt(_ interp: Interpreter) throws(PyException) -> PyValue? { kind.isInt ? .int(value) : nil }
}

extension Interpreter {
    /// `jax.lax.Precision` or `jax.lax.RoundingMethod`: the members as attributes; calling it
    /// with a member, a value (or for Precision a name) returns the member.
    func laxEnumType(_ kind: LaxEnumMember.Kind) -> PyValue {
        let qualified = "jax._src.lax.lax.\(kind.rawValue)"
        if let t = builtinTypes[qualified] { return .object(t) }
        let t = PyType(qualified, isInstance: { v in
            if case .object(let o as LaxEnumMember) = v { return o.kind == kind }
            return false
        }, construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind(kind.rawValue, ["value"], required: 1)
            let v = slots[0] ?? .none
            if case .object(let o as LaxEnumMember) = v, o.kind == kind { return v }
            var name: String?
            switch v {
            case .str(let text) where kind == .precision: name = LaxEnumMember.precision(named: text)
            case .int(let i): name = kind.members.first { $0.value == i }?.name
            default: name = nil
            }
            guard let name, let member = kind.members.first(where: { $0.name == name }) else {
                throw PyException.valueError("\(try interp.repr(v)) is not a valid \(kind.rawValue)")
            }
            return .object(LaxEnumMember(kind, member.name, member.value))
        })
        for member in kind.members { t.attributes[member.name] = .object(LaxEnumMember(kind, member.name, member.value)) }
        builtinTypes[qualified] = t
        return .object(t)
    }
}
