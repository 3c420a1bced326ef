import JaxCore

/// A class made by a `class` statement (or by `type(name, bases, dict)`, `namedtuple`,
/// `dataclass`): its namespace, its bases and Python's method resolution order over them.
/// Builtin classes (`object`, `Exception`, `tuple`, ...) stay `PyType`s and may be bases.
final class PyClass: PyObject {
    let name: String
    var qualifiedName: String
    /// The module the class was defined in (`__main__` for the user's code).
    let module: String
    let bases: [PyValue]
    /// The class itself first, then its ancestors in C3 order, ending with `object`.
    private(set) var mro: [PyValue] = []
    /// The class `__dict__`, in definition order.
    let namespace: PyDict
    /// The builtin class whose instance layout instances share (`tuple` for a namedtuple,
    /// `Exception` for an exception class, `object` for a plain class).
    private(set) var layout: PyType?
    /// For exception classes: the nearest builtin exception class among the ancestors.
    private(set) var exceptionKind: String?
    /// The attribute names instances may hold when every class in the MRO declares
    /// `__slots__` (a named tuple's instances hold none); nil when instances have a `__dict__`.
    private(set) var slotNames: Set<String>?

    init(name: String, qualifiedName: String, module: String, bases: [PyValue], namespace: PyDict) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.module = module
        self.bases = bases
        self.namespace = namespace
    }

    /// Computes the MRO and layout; throws TypeError for bases Python refuses to combine.
    func finish(_ interp: Interpreter) throws(PyException) {
        var sequences: [[PyValue]] = []
        for base in bases { sequences.append(interp.mro(of: base)) }
        sequences.append(bases)
        var result: [PyValue] = [.object(self)]
        while true {
            sequences = sequences.filter { !$0.isEmpty }
            if sequences.isEmpty { break }
            // the first head that appears in no sequence's tail
            var chosen: PyValue?
            for sequence in sequences {
                let head = sequence[0]
                let inTail = sequences.contains { $0.dropFirst().contains { interp.identical($0, head) } }
                if !inTail {
                    chosen = head
                    break
                }
            }
            guard let next = chosen else {
                let names = try bases.map { (b: PyValue) throws(PyException) in try interp.className(b) }
                throw PyException.typeError(
                    "Cannot create a consistent method resolution\norder (MRO) for bases \(names.joined(separator: ", "))")
            }
            result.append(next)
            sequences = sequences.map { $0.first.map { interp.identical($0, next) } == true ? Array($0.dropFirst()) : $0 }
        }
        mro = result
        // the instance layout: the most derived builtin class other than object
        var solid: PyType?
        for base in bases {
            let baseLayout: PyType?
            switch base {
            case .object(let c as PyClass): baseLayout = c.layout
            case .object(let t as PyType): baseLayout = interp.layoutType(t)
            default: baseLayout = nil
            }
            guard let candidate = baseLayout, candidate.name != "object" else { continue }
            if let current = solid, current !== candidate, !interp.isBuiltinSubclass(candidate, of: current) {
                if interp.isBuiltinSubclass(current, of: candidate) { continue }
                throw PyException.typeError("multiple bases have instance lay-out conflict")
            }
            solid = candidate
        }
        layout = solid ?? interp.objectType
        for entry in mro {
            if case .object(let t as PyType) = entry, let kind = t.exceptionKind {
                exceptionKind = kind
                break
            }
        }
        var slots: Set<String>? = []
        for case .object(let c as PyClass) in mro {
            guard let declared = try c.namespace.get(.str("__slots__")) else {
                slots = nil
                break
            }
            let names: [PyValue]
            if case .str = declared { names = [declared] } else { names = (try? interp.collect(declared)) ?? [] }
            for case .str(let n) in names { slots?.insert(n) }
        }
        if let s = slots, s.contains("__dict__") { slots = nil }
        slotNames = slots
    }

    /// The attribute `name` as stored on the class or its ancestors (before binding).
    func lookup(_ name: String) -> PyValue? {
        let key = PyValue.str(name)
        for entry in mro {
            switch entry {
            case .object(let c as PyClass):
                if let v = try? c.namespace.get(key) { return v }
            case .object(let t as PyType):
                if let v = t.attributes[name] { return v }
            default:
                break
            }
        }
        return nil
    }

    /// `name` when a class written in Python (not a builtin) defines it: the special methods
    /// that override builtin behaviour.
    func lookupOverride(_ name: String) -> PyValue? {
        let key = PyValue.str(name)
        for case .object(let c as PyClass) in mro {
            if let v = try? c.namespace.get(key) { return v }
        }
        return nil
    }

    func isSubclass(of other: PyObject) -> Bool {
        mro.contains { if case .object(let o) = $0 { return o === other } else { return false } }
    }

    /// The name Python prints: `module.qualname`, without the module for builtins.
    var displayName: String { module == "builtins" ? qualifiedName : "\(module).\(qualifiedName)" }

    override var typeName: String { "type" }

    override func pythonType(_ interp: Interpreter) -> PyValue { interp.builtinType(named: "type") }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { "<class '\(displayName)'>" }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        try interp.instantiate(self, args)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        try interp.classAttribute(self, name)
    }

    override func setAttribute(_ name: String, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        if name == "__qualname__", case .str(let s) = value {
            qualifiedName = s
            return
        }
        try namespace.set(.str(name), value)
    }

    override func deleteAttribute(_ name: String, _ interp: Interpreter) throws(PyException) {
        if try namespace.remove(.str(name)) == nil {
            throw PyException("AttributeError", "type object '\(self.name)' has no attribute '\(name)'")
        }
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        // `MyGeneric[int]` in annotations: the class itself stands for its alias
        if let hook = lookup("__class_getitem__") {
            return try interp.call(try interp.bind(hook, to: .object(self), owner: self, forClass: true), Arguments([index]))
        }
        return .object(PyGenericAlias(origin: .object(self), arguments: index))
    }

    override func hashKey() throws(PyException) -> String? { nil }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        let same: Bool
        if case .object(let o) = other { same = o === self } else { same = false }
        return .bool(op == .equal ? same : !same)
    }

    override func attributeNames() -> [String] {
        var names: Set<String> = []
        for case .object(let c as PyClass) in mro {
            for case .str(let k) in c.namespace.keys { names.insert(k) }
        }
        return names.sorted()
    }
}

/// The cell a method's zero-argument `super()` reads: the class whose body defined the
/// method, filled in once the class statement has built it.
final class ClassCell {
    var owner: PyClass?
}

/// An instance of a `PyClass`: its attributes, and the builtin value it extends when its
/// class derives from one (the tuple of a namedtuple, the args of an exception).
final class PyInstance: PyObject {
    let cls: PyClass
    /// The instance `__dict__`, in assignment order.
    let attributes = PyDict()
    /// The builtin value this instance extends (`tuple`, `list`, `dict`, `int`, ...), if any.
    var base: PyValue?
    /// `args` of an exception instance.
    var exceptionArguments: [PyValue] = []
    /// The interpreter that made the instance, so dict keys can call `__hash__` and `__eq__`.
    weak var interpreter: Interpreter?

    init(_ cls: PyClass, interpreter: Interpreter) {
        self.cls = cls
        self.interpreter = interpreter
    }

    override var typeName: String { cls.name }

    override func pythonType(_ interp: Interpreter) -> PyValue { .object(cls) }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { try interp.instanceRepr(self) }

    override func str(_ interp: Interpreter) throws(PyException) -> String { try interp.instanceStr(self) }

    override func format(_ spec: String, _ interp: Interpreter) throws(PyException) -> String? {
        try interp.instanceFormat(self, spec)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        try interp.instanceAttribute(self, name)
    }

    override func setAttribute(_ name: String, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        try interp.setInstanceAttribute(self, name, value)
    }

    override func deleteAttribute(_ name: String, _ interp: Interpreter) throws(PyException) {
        try interp.deleteInstanceAttribute(self, name)
    }

    override var isCallable: Bool { cls.lookupOverride("__call__") != nil }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        guard let result = try interp.callSpecial(self, "__call__", args) else {
            throw PyException.typeError("'\(typeName)' object is not callable")
        }
        return result
    }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        try interp.instanceIterator(self)
    }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? { try interp.instanceLength(self) }

    override func truth(_ interp: Interpreter) throws(PyException) -> Bool { try interp.instanceTruth(self) }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        if let v = try interp.callSpecial(self, "__getitem__", Arguments([index])) { return v }
        if case .dict(let d)? = base, cls.lookupOverride("__missing__") != nil {
            // a dict subclass's __missing__ supplies absent keys (defaultdict, Counter)
            if let v = try d.get(index) { return v }
            return try interp.callSpecial(self, "__missing__", Arguments([index])) ?? .none
        }
        if let base { return try interp.getItem(base, index) }
        throw PyException.typeError("'\(typeName)' object is not subscriptable")
    }

    override func setItem(_ index: PyValue, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        if try interp.callSpecial(self, "__setitem__", Arguments([index, value])) != nil { return }
        if let base { return try interp.setItem(base, index, value) }
        throw PyException.typeError("'\(typeName)' object does not support item assignment")
    }

    override func deleteItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) {
        if try interp.callSpecial(self, "__delitem__", Arguments([index])) != nil { return }
        if let base { return try interp.deleteItem(base, index) }
        throw PyException.typeError("'\(typeName)' object does not support item deletion")
    }

    override func containsItem(_ item: PyValue, _ interp: Interpreter) throws(PyException) -> Bool? {
        if let r = try interp.callSpecial(self, "__contains__", Arguments([item])) { return try interp.truth(r) }
        if let base, cls.lookupOverride("__iter__") == nil, cls.lookupOverride("__getitem__") == nil {
            return try interp.contains(base, item)
        }
        return nil
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        try interp.instanceBinary(self, op, other, reflected: reflected)
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        try interp.instanceCompare(self, op, other)
    }

    override func unary(_ op: UnaryOperator, _ interp: Interpreter) throws(PyException) -> PyValue? {
        let name = op == .negative ? "__neg__" : op == .positive ? "__pos__" : "__invert__"
        if let r = try interp.callSpecial(self, name, Arguments()) { return r }
        if let base { return try interp.unaryOperation(op, base) }
        return nil
    }

    override func absolute(_ interp: Interpreter) throws(PyException) -> PyValue? {
        if let r = try interp.callSpecial(self, "__abs__", Arguments()) { return r }
        if let base { return try interp.callBuiltin("abs", [base]) }
        return nil
    }

    override func rounded(_ ndigits: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue? {
        if let r = try interp.callSpecial(self, "__round__", Arguments(ndigits.isNone ? [] : [ndigits])) { return r }
        if let base { return try interp.round(base, ndigits) }
        return nil
    }

    override func hashKey() throws(PyException) -> String? { nil }

    override func customHash() throws(PyException) -> Int? {
        guard let interp = interpreter else { return nil }
        return try interp.instanceHash(self)
    }

    override func keyEquals(_ other: PyObject) -> Bool {
        guard let interp = interpreter else { return false }
        return (try? interp.valuesEqual(.object(self), .object(other))) ?? false
    }

    override func toFloat(_ interp: Interpreter) throws(PyException) -> Double? {
        if let r = try interp.callSpecial(self, "__float__", Arguments()) {
            guard case .float(let d) = r else {
                throw PyException.typeError("\(typeName).__float__ returned non-float (type \(r.typeName))")
            }
            return d
        }
        if let r = try interp.callSpecial(self, "__index__", Arguments()) { return try interp.toFloat(r) }
        if let base { return try interp.toFloat(base) }
        return nil
    }

    override func toInt(_ interp: Interpreter) throws(PyException) -> PyValue? {
        for name in ["__int__", "__index__"] {
            if let r = try interp.callSpecial(self, name, Arguments()) {
                guard r.bigIntValue != nil else {
                    throw PyException.typeError("\(name) returned non-int (type \(r.typeName))")
                }
                return r
            }
        }
        if let base { return try interp.toInt(base) }
        return nil
    }

    override func toIndex(_ interp: Interpreter) throws(PyException) -> Int? {
        if let r = try interp.callSpecial(self, "__index__", Arguments()) {
            guard r.bigIntValue != nil else {
                throw PyException.typeError("__index__ returned non-int (type \(r.typeName))")
            }
            return try interp.index(r)
        }
        if let base, base.bigIntValue != nil { return try interp.index(base) }
        return nil
    }

    override func attributeNames() -> [String] {
        var names = Set(cls.attributeNames())
        for case .str(let k) in attributes.keys { names.insert(k) }
        return names.sorted()
    }
}

/// `typing.List[int]`, `list[int]`, `tuple[int, ...]`: a subscripted class, which prints as
/// written and otherwise stands for its origin.
final class PyGenericAlias: PyObject {
    let origin: PyValue
    let arguments: PyValue
    /// How the origin is named in the alias's text (`typing.List`, `list`).
    let originText: String?

    init(origin: PyValue, arguments: PyValue, originText: String? = nil) {
        self.origin = origin
        self.arguments = arguments
        self.originText = originText
    }

    override var typeName: String { originText?.hasPrefix("typing.") == true ? "_GenericAlias" : "types.GenericAlias" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        let head: String
        if let originText { head = originText } else { head = try interp.typeText(origin) }
        var items: [PyValue]
        if case .tuple(let t) = arguments { items = t } else { items = [arguments] }
        var name = head
        if head == "typing.Union", items.count == 2, let noneAt = items.firstIndex(where: { $0.isNone }) {
            // Union[X, None] prints as Optional[X]
            name = "typing.Optional"
            items.remove(at: noneAt)
        }
        let parts = try items.map { (v: PyValue) throws(PyException) -> String in try interp.typeText(v) }
        return "\(name)[\(parts.isEmpty ? "()" : parts.joined(separator: ", "))]"
    }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        try interp.call(origin, args)
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        .object(PyGenericAlias(origin: origin, arguments: index, originText: originText))
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__origin__": return origin
        case "__args__":
            if case .tuple = arguments { return arguments }
            return .tuple([arguments])
        default: return nil
        }
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .or else { return nil }
        return .object(PyUnionType(reflected ? [other, .object(self)] : [.object(self), other]))
    }
}

/// `int | None` in an annotation: a union of classes, printed with ` | `.
final class PyUnionType: PyObject {
    let members: [PyValue]

    init(_ members: [PyValue]) { self.members = members }

    override var typeName: String { "types.UnionType" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        try members.map { (v: PyValue) throws(PyException) -> String in try interp.typeText(v) }.joined(separator: " | ")
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .or else { return nil }
        return .object(PyUnionType(reflected ? [other] + members : members + [other]))
    }
}
