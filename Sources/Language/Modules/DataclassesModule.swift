import JaxCore

/// `dataclasses`: `@dataclass` (with `init`, `repr`, `eq`, `order`, `frozen`, `unsafe_hash`,
/// `kw_only`), `field`, `fields`, `asdict`, `astuple`, `replace`, `is_dataclass`. As in
/// CPython, the generated methods are Python functions written for each class.
enum DataclassesModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("dataclasses")
        let state = try interp.dataclassState()
        m.attributes["MISSING"] = state.missing
        m.attributes["KW_ONLY"] = state.keywordOnly
        m.attributes["FrozenInstanceError"] = state.frozenError
        m.attributes["Field"] = .object(PyType("dataclasses.Field", isInstance: { v in
            if case .object(let o) = v { return o is PyField }
            return false
        }, construct: nil))
        m.define("field") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("field", ["default", "default_factory", "init", "repr", "hash", "compare", "metadata", "kw_only"],
                                      maxPositional: 0)
            let field = PyField(missing: state.missing)
            if let d = slots[0] { field.defaultValue = d }
            if let f = slots[1] { field.defaultFactory = f }
            if !interp.identical(field.defaultValue, state.missing) && !interp.identical(field.defaultFactory, state.missing) {
                throw PyException.valueError("cannot specify both default and default_factory")
            }
            field.initialized = try interp.truth(slots[2] ?? .bool(true))
            field.shownInRepr = try interp.truth(slots[3] ?? .bool(true))
            field.hash = slots[4] ?? .none
            field.compared = try interp.truth(slots[5] ?? .bool(true))
            field.metadata = slots[6] ?? .none
            if let k = slots[7], !interp.identical(k, state.missing) { field.keywordOnly = try interp.truth(k) }
            return .object(field)
        }
        m.define("dataclass") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dataclass", ["cls", "init", "repr", "eq", "order", "unsafe_hash", "frozen", "match_args",
                                                    "kw_only", "slots", "weakref_slot"], positionalOnly: 1, maxPositional: 1)
            var options = DataclassOptions()
            options.makeInit = try interp.truth(slots[1] ?? .bool(true))
            options.makeRepr = try interp.truth(slots[2] ?? .bool(true))
            options.eq = try interp.truth(slots[3] ?? .bool(true))
            options.order = try interp.truth(slots[4] ?? .bool(false))
            options.unsafeHash = try interp.truth(slots[5] ?? .bool(false))
            options.frozen = try interp.truth(slots[6] ?? .bool(false))
            options.keywordOnly = try interp.truth(slots[8] ?? .bool(false))
            if let cls = slots[0], !cls.isNone { return try process(interp, cls, options, state) }
            return .object(PyBuiltin("wrap", module: "dataclasses") { (interp: Interpreter, inner: Arguments) throws(PyException) -> PyValue in
                let s = try inner.bind("wrap", ["cls"], required: 1)
                return try process(interp, s[0] ?? .none, options, state)
            })
        }
        m.define("fields") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("fields", ["class_or_instance"], required: 1)
            guard let fields = dataclassFields(slots[0] ?? .none) else {
                throw PyException.typeError("must be called with a dataclass type or instance")
            }
            return .tuple(fields.map { .object($0) })
        }
        m.define("is_dataclass") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("is_dataclass", ["obj"], required: 1)
            return .bool(dataclassFields(slots[0] ?? .none) != nil)
        }
        m.define("asdict") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("asdict", ["obj", "dict_factory"], required: 1)
            let obj = slots[0] ?? .none
            guard case .object(is PyInstance) = obj, dataclassFields(obj) != nil else {
                throw PyException.typeError("asdict() should be called on dataclass instances")
            }
            return try convert(obj, interp, asDict: true, depth: 0)
        }
        m.define("astuple") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("astuple", ["obj", "tuple_factory"], required: 1)
            let obj = slots[0] ?? .none
            guard case .object(is PyInstance) = obj, dataclassFields(obj) != nil else {
                throw PyException.typeError("astuple() should be called on dataclass instances")
            }
            return try convert(obj, interp, asDict: false, depth: 0)
        }
        m.define("replace") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard args.positional.count == 1, case .object(let instance as PyInstance) = args.positional[0],
                  let fields = dataclassFields(args.positional[0]) else {
                throw PyException.typeError("replace() should be called on dataclass instances")
            }
            var keywords = args.keywords
            for field in fields where field.initialized && !keywords.contains(where: { $0.0 == field.name }) {
                keywords.append((field.name, try interp.getAttribute(.object(instance), field.name)))
            }
            for (k, _) in args.keywords {
                if let f = fields.first(where: { $0.name == k }), !f.initialized {
                    throw PyException.valueError("field \(k) is declared with init=False, it cannot be specified with replace()")
                }
            }
            return try interp.call(.object(instance.cls), Arguments([], keywords: keywords))
        }
        return m
    }

    /// What `@dataclass(...)` was asked to generate.
    struct DataclassOptions {
        var makeInit = true
        var makeRepr = true
        var eq = true
        var order = false
        var unsafeHash = false
        var frozen = false
        var keywordOnly = false
    }

    /// The fields of a dataclass or dataclass instance, in order; nil for anything else.
    static func dataclassFields(_ v: PyValue) -> [PyField]? {
        let cls: PyClass
        switch v {
        case .object(let c as PyClass): cls = c
        case .object(let i as PyInstance): cls = i.cls
        default: return nil
        }
        guard case .dict(let d)? = cls.lookup("__dataclass_fields__") else { return nil }
        return d.values.compactMap { v -> PyField? in
            if case .object(let f as PyField) = v, !f.isClassVariable { return f }
            return nil
        }
    }

    private static func process(_ interp: Interpreter, _ value: PyValue, _ options: DataclassOptions,
                                _ state: DataclassState) throws(PyException) -> PyValue {
        guard case .object(let cls as PyClass) = value else { throw PyException.typeError("dataclass() should be called on a class") }
        let namespace = cls.namespace
        // fields of dataclass bases first, in MRO order from the root
        var fields: [PyField] = []
        for case .object(let base as PyClass) in cls.mro.dropFirst().reversed() {
            guard case .dict(let d)? = try base.namespace.get(.str("__dataclass_fields__")) else { continue }
            for case .object(let f as PyField) in d.values {
                fields.removeAll { $0.name == f.name }
                fields.append(f)
            }
        }
        var keywordOnlyFromHere = options.keywordOnly
        if case .dict(let annotations)? = try namespace.get(.str("__annotations__")) {
            for (key, annotation) in annotations.items {
                guard case .str(let name) = key else { continue }
                if interp.identical(annotation, state.keywordOnly) {
                    keywordOnlyFromHere = true
                    continue
                }
                let field: PyField
                let existing = try namespace.get(key)
                if case .object(let given as PyField)? = existing {
                    field = given
                } else {
                    field = PyField(missing: state.missing)
                    if let existing { field.defaultValue = existing }
                }
                field.name = name
                field.type = annotation
                field.isClassVariable = isClassVariable(annotation)
                if field.keywordOnly == nil { field.keywordOnly = keywordOnlyFromHere }
                if !field.isClassVariable, let d = field.defaultValue.unlessMissing(state), isMutableDefault(d, interp) {
                    throw PyException.valueError(
                        "mutable default \(try interp.repr(interp.pythonType(d))) for field \(name) is not allowed: use default_factory")
                }
                if case .object(is PyField)? = existing {
                    if let d = field.defaultValue.unlessMissing(state) { try namespace.set(key, d) } else { _ = try namespace.remove(key) }
                }
                fields.removeAll { $0.name == name }
                fields.append(field)
            }
        }
        let fieldTable = PyDict()
        for f in fields { try fieldTable.set(.str(f.name), .object(f)) }
        try namespace.set(.str("__dataclass_fields__"), .dict(fieldTable))
        let instanceFields = fields.filter { !$0.isClassVariable }
        try namespace.set(.str("__match_args__"), .tuple(instanceFields.filter { $0.initialized && $0.keywordOnly != true }.map { .str($0.name) }))
        try generateMethods(interp, cls, instanceFields, options, state)
        return value
    }

    private static func isClassVariable(_ annotation: PyValue) -> Bool {
        if case .object(let f as PyTypingForm) = annotation { return f.name == "ClassVar" }
        if case .object(let a as PyGenericAlias) = annotation, case .object(let f as PyTypingForm) = a.origin { return f.name == "ClassVar" }
        return false
    }

    /// CPython refuses defaults whose class is unhashable (lists, dicts, sets).
    private static func isMutableDefault(_ v: PyValue, _ interp: Interpreter) -> Bool {
        switch v {
        case .list, .dict: return true
        case .object(let o): return o is PySet || (o as? PyInstance).map { $0.cls.lookupOverride("__hash__")?.isNone == true } == true
        default: return false
        }
    }

    private static func generateMethods(_ interp: Interpreter, _ cls: PyClass, _ fields: [PyField], _ options: DataclassOptions,
                                        _ state: DataclassState) throws(PyException) {
        let namespace = cls.namespace
        func defined(_ name: String) -> Bool { (try? namespace.get(.str(name))).flatMap { $0 } != nil }
        var names: [String: PyValue] = [
            "_cls": .object(cls), "_HAS_DEFAULT_FACTORY": .object(state.factoryMark), "_FrozenInstanceError": state.frozenError,
            "_object_setattr": interp.builtinSlot(interp.objectType, "__setattr__") ?? .none,
            "_field_names": .tuple(fields.map { .str($0.name) }),
        ]
        var source = ""
        if options.makeInit && !(defined("__init__")) {
            var positional: [String] = []
            var keywordOnly: [String] = []
            var body: [String] = []
            var seenDefault: String?
            for f in fields {
                let assign = { (value: String) -> String in
                    options.frozen ? "_object_setattr(self, '\(f.name)', \(value))" : "self.\(f.name) = \(value)"
                }
                let hasDefault = f.defaultValue.unlessMissing(state) != nil
                let hasFactory = f.defaultFactory.unlessMissing(state) != nil
                if let d = f.defaultValue.unlessMissing(state) { names["_dflt_\(f.name)"] = d }
                if let factory = f.defaultFactory.unlessMissing(state) { names["_dflt_\(f.name)"] = factory }
                guard f.initialized else {
                    if hasFactory { body.append(assign("_dflt_\(f.name)()")) } else if hasDefault { body.append(assign("_dflt_\(f.name)")) }
                    continue
                }
                let parameter = hasFactory ? "\(f.name)=_HAS_DEFAULT_FACTORY" : hasDefault ? "\(f.name)=_dflt_\(f.name)" : f.name
                if f.keywordOnly == true {
                    keywordOnly.append(parameter)
                } else {
                    if hasDefault || hasFactory {
                        seenDefault = f.name
                    } else if seenDefault != nil {
                        throw PyException.typeError("non-default argument '\(f.name)' follows default argument")
                    }
                    positional.append(parameter)
                }
                body.append(assign(hasFactory ? "_dflt_\(f.name)() if \(f.name) is _HAS_DEFAULT_FACTORY else \(f.name)" : f.name))
            }
            if cls.lookup("__post_init__") != nil { body.append("self.__post_init__()") }
            if body.isEmpty { body = ["pass"] }
            var parameters = ["self"] + positional
            if !keywordOnly.isEmpty { parameters += ["*"] + keywordOnly }
            source += "def __init__(\(parameters.joined(separator: ", "))):\n" + body.map { "    \($0)\n" }.joined()
        }
        if options.makeRepr && !(defined("__repr__")) {
            let parts = fields.filter(\.shownInRepr).map { "\($0.name)={self.\($0.name)!r}" }.joined(separator: ", ")
            source += "def __repr__(self):\n    return f'{self.__class__.__qualname__}(\(parts))'\n"
        }
        let compared = fields.filter(\.compared)
        let tupleOf = { (owner: String) -> String in "(" + compared.map { "\(owner).\($0.name)," }.joined() + ")" }
        if options.eq && !(defined("__eq__")) {
            source += """
            def __eq__(self, other):
                if other.__class__ is self.__class__:
                    return \(tupleOf("self")) == \(tupleOf("other"))
                return NotImplemented

            """
        }
        if options.order {
            for (name, op) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] {
                if defined(name) {
                    throw PyException.typeError("Cannot overwrite attribute \(name) in class \(cls.name). Consider using functools.total_ordering")
                }
                source += """
                def \(name)(self, other):
                    if other.__class__ is self.__class__:
                        return \(tupleOf("self")) \(op) \(tupleOf("other"))
                    return NotImplemented

                """
            }
        }
        if options.frozen {
            for (name, verb) in [("__setattr__", "assign to"), ("__delattr__", "delete")] {
                if defined(name) { throw PyException.typeError("Cannot overwrite attribute \(name) in class \(cls.name)") }
                let signature = name == "__setattr__" ? "self, name, value" : "self, name"
                let forward = name == "__setattr__" ? "name, value" : "name"
                source += """
                def \(name)(\(signature)):
                    if type(self) is _cls or name in _field_names:
                        raise _FrozenInstanceError(f"cannot \(verb) field {name!r}")
                    super(_cls, self).\(name)(\(forward))

                """
            }
        }
        let classHash = try namespace.get(.str("__hash__"))
        let explicitHash = classHash != nil && !(classHash?.isNone == true && defined("__eq__"))
        let hashed = fields.filter { f in f.hash.isNone ? f.compared : ((try? interp.truth(f.hash)) ?? false) }
        let makeHash = options.unsafeHash || (options.eq && options.frozen && !explicitHash)
        if makeHash {
            source += "def __hash__(self):\n    return hash((" + hashed.map { "self.\($0.name)," }.joined() + "))\n"
        }
        let functions = try interp.defineFunctions(source, names: names, owner: cls.qualifiedName)
        for (name, f) in functions { try namespace.set(.str(name), f) }
        if options.eq && !options.frozen && !options.unsafeHash && !explicitHash {
            try namespace.set(.str("__hash__"), .none)
        }
    }

    /// `asdict`/`astuple`: dataclass instances become dicts (or tuples), recursively.
    private static func convert(_ v: PyValue, _ interp: Interpreter, asDict: Bool, depth: Int) throws(PyException) -> PyValue {
        if depth > Interpreter.recursionLimit {
            throw PyException("RecursionError", "maximum recursion depth exceeded while calling a Python object")
        }
        if case .object(is PyInstance) = v, let fields = dataclassFields(v) {
            var values: [(String, PyValue)] = []
            for f in fields { values.append((f.name, try convert(try interp.getAttribute(v, f.name), interp, asDict: asDict, depth: depth + 1))) }
            if asDict {
                let d = PyDict()
                for (k, value) in values { try d.set(.str(k), value) }
                return .dict(d)
            }
            return .tuple(values.map(\.1))
        }
        switch v {
        case .list(let l):
            var out: [PyValue] = []
            for item in l.items { out.append(try convert(item, interp, asDict: asDict, depth: depth + 1)) }
            return .list(PyList(out))
        case .tuple(let items):
            var out: [PyValue] = []
            for item in items { out.append(try convert(item, interp, asDict: asDict, depth: depth + 1)) }
            return .tuple(out)
        case .dict(let d):
            let out = PyDict()
            for (k, value) in d.items {
                try out.set(try convert(k, interp, asDict: asDict, depth: depth + 1), try convert(value, interp, asDict: asDict, depth: depth + 1))
            }
            return .dict(out)
        case .object(let instance as PyInstance) where instance.cls.lookup("_fields") != nil:
            var out: [PyValue] = []
            for item in try interp.collect(v) { out.append(try convert(item, interp, asDict: asDict, depth: depth + 1)) }
            return try interp.call(.object(instance.cls), Arguments(out))
        default:
            var memo: [ObjectIdentifier: PyValue] = [:]
            return try CopyModule.deepCopy(v, &memo, interp, depth: depth)
        }
    }
}

/// A `dataclasses.Field`: one field's name, type, default and options.
final class PyField: PyObject {
    var name = ""
    var type: PyValue = .none
    var defaultValue: PyValue
    var defaultFactory: PyValue
    var initialized = true
    var shownInRepr = true
    var hash: PyValue = .none
    var compared = true
    var metadata: PyValue = .none
    var keywordOnly: Bool?
    var isClassVariable = false

    init(missing: PyValue) {
        defaultValue = missing
        defaultFactory = missing
    }

    override var typeName: String { "Field" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        func flag(_ b: Bool) -> String { b ? "True" : "False" }
        let metadataText = metadata.isNone ? "mappingproxy({})" : "mappingproxy(\(try interp.repr(metadata)))"
        return "Field(name=\(Interpreter.stringRepr(name)),type=\(try interp.repr(type)),default=\(try interp.repr(defaultValue)),"
            + "default_factory=\(try interp.repr(defaultFactory)),init=\(flag(initialized)),repr=\(flag(shownInRepr)),"
            + "hash=\(try interp.repr(hash)),compare=\(flag(compared)),metadata=\(metadataText),"
            + "kw_only=\(flag(keywordOnly ?? false)),_field_type=\(isClassVariable ? "_FIELD_CLASSVAR" : "_FIELD"))"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "name": return .str(self.name)
        case "type": return type
        case "default": return defaultValue
        case "default_factory": return defaultFactory
        case "init": return .bool(initialized)
        case "repr": return .bool(shownInRepr)
        case "hash": return hash
        case "compare": return .bool(compared)
        case "metadata": return metadata.isNone ? .dict(PyDict()) : metadata
        case "kw_only": return .bool(keywordOnly ?? false)
        default: return nil
        }
    }
}

/// The sentinels and exception class `dataclasses` shares across its functions.
final class DataclassState {
    let missing: PyValue
    let keywordOnly: PyValue
    let frozenError: PyValue
    let factoryMark = PyPlainObject()

    init(missing: PyValue, keywordOnly: PyValue, frozenError: PyValue) {
        self.missing = missing
        self.keywordOnly = keywordOnly
        self.frozenError = frozenError
    }
}

extension Interpreter {
    func dataclassState() throws(PyException) -> DataclassState {
        if let existing = moduleState["dataclasses"] as? DataclassState { return existing }
        func sentinelClass(_ name: String) throws(PyException) -> PyValue {
            let namespace = PyDict()
            try namespace.set(.str("__module__"), .str("dataclasses"))
            return try createClass(name: name, qualifiedName: name, module: "dataclasses", bases: [], namespace: namespace)
        }
        let missing = try call(try sentinelClass("_MISSING_TYPE"), Arguments())
        let keywordOnly = try call(try sentinelClass("_KW_ONLY_TYPE"), Arguments())
        let errorNamespace = PyDict()
        try errorNamespace.set(.str("__module__"), .str("dataclasses"))
        let frozenError = try createClass(name: "FrozenInstanceError", qualifiedName: "FrozenInstanceError", module: "dataclasses",
                                          bases: [exceptionType("AttributeError")], namespace: errorNamespace)
        let state = DataclassState(missing: missing, keywordOnly: keywordOnly, frozenError: frozenError)
        moduleState["dataclasses"] = state
        return state
    }
}

extension PyValue {
    /// The value, unless it is dataclasses' MISSING sentinel.
    func unlessMissing(_ state: DataclassState) -> PyValue? {
        if case .object(let a) = self, case .object(let b) = state.missing, a === b { return nil }
        return self
    }
}
