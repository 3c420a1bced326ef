import JaxCore

/// A Python set or frozenset: the keys of an insertion-ordered dict (CPython orders them by
/// hash; jaxlab keeps insertion order), with the set operators and methods.
final class PySet: PyObject {
    let storage = PyDict()
    let isFrozen: Bool

    init(frozen: Bool = false) { isFrozen = frozen }

    override var typeName: String { isFrozen ? "frozenset" : "set" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        if isFrozen { return storage.count == 0 ? "frozenset()" : "frozenset({" + (try interp.reprItems(storage.keys)) + "})" }
        if storage.count == 0 { return "set()" }
        return "{" + (try interp.reprItems(storage.keys)) + "}"
    }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? { storage.count }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        PyIterator(kind: "set_iterator", values: storage.keys)
    }

    override func hashKey() throws(PyException) -> String? {
        guard isFrozen else { throw PyException.typeError("unhashable type: 'set'") }
        // the same members give the same key whatever their order
        var combined = 0
        for k in storage.keys { combined ^= try PyKey(k).hashValue }
        return "frozenset:\(storage.count):\(combined)"
    }

    func contains(_ v: PyValue) throws(PyException) -> Bool { try storage.get(v) != nil }

    func isSubset(of other: PySet) throws(PyException) -> Bool {
        for k in storage.keys where try !other.contains(k) { return false }
        return true
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard case .object(let o) = other, let s = o as? PySet else { return nil }
        let subset = try isSubset(of: s)
        let superset = try s.isSubset(of: self)
        switch op {
        case .equal: return .bool(subset && superset)
        case .notEqual: return .bool(!(subset && superset))
        case .lessEqual: return .bool(subset)
        case .less: return .bool(subset && !superset)
        case .greaterEqual: return .bool(superset)
        case .greater: return .bool(superset && !subset)
        default: return nil
        }
    }

    /// The set a binary operator or method makes: a frozenset from a frozenset.
    func made(_ items: [PyValue]) throws(PyException) -> PyValue {
        let result = PySet(frozen: isFrozen)
        for item in items { try result.storage.set(item, .none) }
        return .object(result)
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard case .object(let o) = other, let s = o as? PySet else { return nil }
        let (a, b) = reflected ? (s, self) : (self, s)
        var out: [PyValue] = []
        switch op {
        case .or: out = a.storage.keys + b.storage.keys
        case .and: for k in a.storage.keys where try b.contains(k) { out.append(k) }
        case .subtract: for k in a.storage.keys where try !b.contains(k) { out.append(k) }
        case .xor:
            for k in a.storage.keys where try !b.contains(k) { out.append(k) }
            for k in b.storage.keys where try !a.contains(k) { out.append(k) }
        default: return nil
        }
        return try a.made(out)
    }

    static let methods: Set<String> = [
        "add", "discard", "remove", "pop", "clear", "update", "union", "intersection", "difference", "symmetric_difference",
        "issubset", "issuperset", "isdisjoint", "copy", "intersection_update", "difference_update", "symmetric_difference_update",
    ]
    static let mutating: Set<String> = ["add", "discard", "remove", "pop", "clear", "update", "intersection_update",
                                        "difference_update", "symmetric_difference_update"]

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard PySet.methods.contains(name), !(isFrozen && PySet.mutating.contains(name)) else { return nil }
        return .object(PyBuiltin(name, owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try self.method(name, args, interp)
        })
    }

    override func attributeNames() -> [String] {
        PySet.methods.filter { !(isFrozen && PySet.mutating.contains($0)) }.sorted()
    }

    private func method(_ name: String, _ args: Arguments, _ interp: Interpreter) throws(PyException) -> PyValue {
        if !args.keywords.isEmpty { throw PyException.typeError("\(typeName).\(name)() takes no keyword arguments") }
        func one() throws(PyException) -> PyValue {
            guard args.positional.count == 1 else {
                throw PyException.typeError("\(typeName).\(name)() takes exactly one argument (\(args.positional.count) given)")
            }
            return args.positional[0]
        }
        func keep(_ items: [PyValue], _ test: (PyValue) throws(PyException) -> Bool) throws(PyException) -> [PyValue] {
            var kept: [PyValue] = []
            for item in items where try test(item) { kept.append(item) }
            return kept
        }
        /// Every argument's members, each as a set.
        func others() throws(PyException) -> [PySet] {
            var sets: [PySet] = []
            for v in args.positional {
                if case .object(let s as PySet) = v { sets.append(s); continue }
                let s = PySet()
                for item in try interp.collect(v) { try s.storage.set(item, .none) }
                sets.append(s)
            }
            return sets
        }
        switch name {
        case "add":
            try storage.set(try one(), .none)
        case "discard":
            _ = try storage.remove(try one())
        case "remove":
            let item = try one()
            if try storage.remove(item) == nil { throw try interp.keyError(item) }
        case "pop":
            guard let first = storage.keys.first else { throw PyException("KeyError", "'pop from an empty set'") }
            _ = try storage.remove(first)
            return first
        case "clear":
            storage.clear()
        case "update":
            for s in try others() { for k in s.storage.keys { try storage.set(k, .none) } }
        case "union":
            var items = storage.keys
            for s in try others() { items += s.storage.keys }
            return try made(items)
        case "intersection", "intersection_update":
            var items = storage.keys
            for s in try others() { items = try keep(items) { (k: PyValue) throws(PyException) in try s.contains(k) } }
            if name == "intersection" { return try made(items) }
            storage.clear()
            for k in items { try storage.set(k, .none) }
        case "difference", "difference_update":
            var items = storage.keys
            for s in try others() { items = try keep(items) { (k: PyValue) throws(PyException) in try !s.contains(k) } }
            if name == "difference" { return try made(items) }
            storage.clear()
            for k in items { try storage.set(k, .none) }
        case "symmetric_difference", "symmetric_difference_update":
            _ = try one()
            guard let other = try others().first else { return .none }
            var items = try keep(storage.keys) { (k: PyValue) throws(PyException) in try !other.contains(k) }
            items += try keep(other.storage.keys) { (k: PyValue) throws(PyException) in try !self.contains(k) }
            if name == "symmetric_difference" { return try made(items) }
            storage.clear()
            for k in items { try storage.set(k, .none) }
        case "issubset":
            _ = try one()
            return .bool(try isSubset(of: try others()[0]))
        case "issuperset":
            _ = try one()
            return .bool(try others()[0].isSubset(of: self))
        case "isdisjoint":
            _ = try one()
            let other = try others()[0]
            for k in storage.keys where try other.contains(k) { return .bool(false) }
            return .bool(true)
        case "copy":
            return try made(storage.keys)
        default:
            break
        }
        return .none
    }
}
