import JaxCore

/// One step of a key path (`jax.tree_util.SequenceKey(idx=0)`, `DictKey(key='w')`,
/// `GetAttrKey(name='x')`, `FlattenedIndexKey(key=0)`): printed as JAX prints it, and as
/// `keystr` joins it (`[0]`, `['w']`, `.x`, `[<flat index 0>]`).
final class PyTreeKeyEntry: PyObject {
    /// Which kind of key.
    enum Kind: String, CaseIterable {
        case sequence = "SequenceKey"
        case dict = "DictKey"
        case getAttr = "GetAttrKey"
        case flattenedIndex = "FlattenedIndexKey"

        /// The constructor's parameter and the attribute holding the value.
        var field: String {
            switch self {
            case .sequence: return "idx"
            case .dict, .flattenedIndex: return "key"
            case .getAttr: return "name"
            }
        }
    }

    let kind: Kind
    let value: PyValue

    init(_ kind: Kind, _ value: PyValue) {
        self.kind = kind
        self.value = value
    }

    override var typeName: String { kind.rawValue }

    override func pythonType(_ interp: Interpreter) -> PyValue { interp.pytreeKeyType(kind) }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "\(kind.rawValue)(\(kind.field)=\(try interp.repr(value)))"
    }

    override func str(_ interp: Interpreter) throws(PyException) -> String {
        switch kind {
        case .sequence, .dict: return "[\(try interp.repr(value))]"
        case .getAttr: return ".\(try interp.str(value))"
        case .flattenedIndex: return "[<flat index \(try interp.repr(value))>]"
        }
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == kind.field ? value : nil
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        var same = false
        if case .object(let o as PyTreeKeyEntry) = other, o.kind == kind { same = try interp.valuesEqual(value, o.value) }
        return .bool(op == .equal ? same : !same)
    }

    override func hashKey() throws(PyException) -> String? {
        switch value {
        case .int(let i): return "\(kind.rawValue):\(i)"
        case .str(let s): return "\(kind.rawValue):'\(s)"
        default: return nil
        }
    }

    /// The text `keystr(path, simple=True)` uses: the bare index, key or name.
    func simpleText(_ interp: Interpreter) throws(PyException) -> String { try interp.str(value) }
}

extension Interpreter {
    /// The class of a kind of key entry (`<class 'jaxlib._jax.pytree.SequenceKey'>`), callable
    /// to make one.
    func pytreeKeyType(_ kind: PyTreeKeyEntry.Kind) -> PyValue {
        let name = "jaxlib._jax.pytree.\(kind.rawValue)"
        if let t = builtinTypes[name] { return .object(t) }
        let t = PyType(name, isInstance: { v in
            if case .object(let o as PyTreeKeyEntry) = v { return o.kind == kind }
            return false
        }, construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind(kind.rawValue, [kind.field], required: 1)
            let value = slots[0] ?? .none
            if kind == .sequence || kind == .flattenedIndex { _ = try interp.index(value) }
            if kind == .getAttr { _ = try interp.requireString(value, "\(kind.rawValue)(): argument 'name' must be str, not") }
            return .object(PyTreeKeyEntry(kind, value))
        })
        builtinTypes[name] = t
        return .object(t)
    }

    /// `jax.tree_util.keystr(keys, simple=False, separator='')`.
    func keystr(_ path: PyValue, simple: Bool, separator: String) throws(PyException) -> String {
        var parts: [String] = []
        for key in try collect(path) {
            if simple, case .object(let entry as PyTreeKeyEntry) = key {
                parts.append(try entry.simpleText(self))
            } else {
                parts.append(try str(key))
            }
        }
        return parts.joined(separator: separator)
    }

    /// Each leaf's key path (a tuple of key entries), in flattening order.
    func leafKeyPaths(_ tree: Tree<PyValue>, prefix: [PyValue] = []) throws(PyException) -> [[PyValue]] {
        switch tree {
        case .leaf: return [prefix]
        case .none: return []
        case .tuple(let items), .list(let items):
            var out: [[PyValue]] = []
            for (i, item) in items.enumerated() {
                out += try leafKeyPaths(item, prefix: prefix + [.object(PyTreeKeyEntry(.sequence, .int(i)))])
            }
            return out
        case .dict(let pairs):
            var out: [[PyValue]] = []
            for (k, item) in pairs { out += try leafKeyPaths(item, prefix: prefix + [.object(PyTreeKeyEntry(.dict, .str(k)))]) }
            return out
        case .node(let node, let items):
            guard let info = node.payload as? PyTreeNodeInfo else { return [] }
            let keys = try childKeys(info, count: items.count)
            var out: [[PyValue]] = []
            for (i, item) in items.enumerated() {
                let key = i < keys.count ? keys[i] : .object(PyTreeKeyEntry(.flattenedIndex, .int(i)))
                out += try leafKeyPaths(item, prefix: prefix + [key])
            }
            return out
        }
    }
}
