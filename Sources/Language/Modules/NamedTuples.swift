import JaxCore

/// Named tuple classes, for `collections.namedtuple` and `class P(typing.NamedTuple)`: a
/// `tuple` subclass with a field getter per name and the methods CPython generates
/// (`__new__`, `__repr__`, `_asdict`, `_replace`, `_make`), written as Python like CPython's.
enum NamedTuples {
    /// `namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`.
    static func factory(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        let slots = try args.bind("namedtuple", ["typename", "field_names", "rename", "defaults", "module"], required: 2,
                                  maxPositional: 2)
        let name = try interp.requireString(slots[0] ?? .none, "namedtuple() argument 'typename' must be str, not")
        var fields: [String] = []
        switch slots[1] ?? .none {
        case .str(let text):
            fields = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        case let other:
            for item in try interp.collect(other) { fields.append(try interp.str(item)) }
        }
        let rename = try interp.truth(slots[2] ?? .bool(false))
        var seen: Set<String> = []
        for (i, field) in fields.enumerated() where rename {
            if !isIdentifier(field) || pythonKeywords.contains(field) || field.hasPrefix("_") || seen.contains(field) {
                fields[i] = "_\(i)"
            }
            seen.insert(fields[i])
        }
        for n in [name] + fields {
            if !isIdentifier(n) { throw PyException.valueError("Type names and field names must be valid identifiers: \(Interpreter.stringRepr(n))") }
            if pythonKeywords.contains(n) { throw PyException.valueError("Type names and field names cannot be a keyword: \(Interpreter.stringRepr(n))") }
        }
        seen = []
        for field in fields {
            if field.hasPrefix("_") && !rename { throw PyException.valueError("Field names cannot start with an underscore: \(Interpreter.stringRepr(field))") }
            if seen.contains(field) { throw PyException.valueError("Encountered duplicate field name: \(Interpreter.stringRepr(field))") }
            seen.insert(field)
        }
        var defaults: [PyValue] = []
        if let d = slots[3], !d.isNone { defaults = try interp.collect(d) }
        if defaults.count > fields.count { throw PyException.typeError("Got more default values than field names") }
        let module = slots[4].flatMap { v -> String? in if case .str(let s) = v { return s } else { return nil } } ?? "__main__"
        return try make(interp, name: name, qualifiedName: name, module: module, fields: fields, defaults: defaults,
                        namespace: PyDict())
    }

    /// `class P(NamedTuple): x: int; y: float = 1.0` — fields from the annotations in order,
    /// defaults from their values, and the body's methods kept.
    static func fromClassBody(_ interp: Interpreter, name: String, qualifiedName: String, namespace: PyDict) throws(PyException) -> PyValue {
        var fields: [String] = []
        var types: [(String, PyValue)] = []
        if case .dict(let annotations)? = try namespace.get(.str("__annotations__")) {
            for (k, v) in annotations.items {
                if case .str(let field) = k {
                    fields.append(field)
                    types.append((field, v))
                }
            }
        }
        var defaults: [PyValue] = []
        var defaultField: String?
        for field in fields {
            if let value = try namespace.get(.str(field)) {
                defaults.append(value)
                defaultField = field
            } else if let defaultField {
                throw PyException.typeError("Non-default namedtuple field \(field) cannot follow default field \(defaultField)")
            }
        }
        for field in fields where field.hasPrefix("_") {
            throw PyException.valueError("Field names cannot start with an underscore: \(Interpreter.stringRepr(field))")
        }
        let extra = PyDict()
        for (k, v) in namespace.items {
            guard case .str(let key) = k, !fields.contains(key) else { continue }
            if ["__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace", "_asdict",
                "_source"].contains(key) {
                throw PyException("AttributeError", "Cannot overwrite NamedTuple attribute \(key)")
            }
            try extra.set(k, v)
        }
        return try make(interp, name: name, qualifiedName: qualifiedName, module: "__main__", fields: fields, defaults: defaults,
                        namespace: extra)
    }

    /// `NamedTuple('P', [('x', int), ('y', float)])`.
    static func functional(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        let slots = try args.bind("NamedTuple", ["typename", "fields"], required: 1)
        let name = try interp.requireString(slots[0] ?? .none, "NamedTuple() argument 'typename' must be str, not")
        var fields: [String] = []
        let annotations = PyDict()
        for item in try interp.collect(slots[1] ?? .list(PyList())) {
            let pair = try interp.collect(item)
            guard pair.count == 2, case .str(let field) = pair[0] else {
                throw PyException.typeError("NamedTuple('Name', [(f0, t0), (f1, t1), ...]); each t must be a type")
            }
            fields.append(field)
            try annotations.set(pair[0], pair[1])
        }
        for (k, v) in args.keywords {
            fields.append(k)
            try annotations.set(.str(k), v)
        }
        let namespace = PyDict()
        try namespace.set(.str("__annotations__"), .dict(annotations))
        return try make(interp, name: name, qualifiedName: name, module: "__main__", fields: fields, defaults: [], namespace: namespace)
    }

    static func make(_ interp: Interpreter, name: String, qualifiedName: String, module: String, fields: [String],
                     defaults: [PyValue], namespace extra: PyDict) throws(PyException) -> PyValue {
        let tupleType = interp.builtinType(named: "tuple")
        var names: [String: PyValue] = [:]
        names["_tuple_new"] = .object(PyBuiltin("_tuple_new") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard args.positional.count == 2, case .object(let cls as PyClass) = args.positional[0] else {
                throw PyException.typeError("tuple.__new__(X): X is not a type object")
            }
            return .object(try interp.newInstance(cls, Arguments([args.positional[1]]), hasInit: true))
        })
        let firstDefault = fields.count - defaults.count
        var parameters: [String] = []
        for (i, field) in fields.enumerated() {
            if i >= firstDefault {
                names["_default_\(field)"] = defaults[i - firstDefault]
                parameters.append("\(field)=_default_\(field)")
            } else {
                parameters.append(field)
            }
        }
        let tupleText = fields.isEmpty ? "()" : "(" + fields.joined(separator: ", ") + (fields.count == 1 ? ",)" : ")")
        let reprFields = fields.enumerated().map { "\($0.element)={self[\($0.offset)]!r}" }.joined(separator: ", ")
        let dictFields = fields.enumerated().map { "'\($0.element)': self[\($0.offset)]" }.joined(separator: ", ")
        names["_fields"] = .tuple(fields.map { .str($0) })
        let source = """
        def __new__(_cls\(parameters.isEmpty ? "" : ", " + parameters.joined(separator: ", "))):
            return _tuple_new(_cls, \(tupleText))
        def __repr__(self):
            return f'{self.__class__.__name__}(\(reprFields))'
        def _asdict(self):
            return {\(dictFields)}
        def _make(cls, iterable):
            result = _tuple_new(cls, iterable)
            if len(result) != \(fields.count):
                raise TypeError(f'Expected \(fields.count) arguments, got {len(result)}')
            return result
        def _replace(self, /, **kwds):
            result = self._make(map(kwds.pop, _fields, self))
            if kwds:
                raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
            return result
        def __getnewargs__(self):
            return tuple(self)

        """
        let functions = try interp.defineFunctions(source, names: names, owner: qualifiedName)
        let namespace = PyDict()
        try namespace.set(.str("__module__"), .str(module))
        try namespace.set(.str("__doc__"), .str("\(name)(\(fields.joined(separator: ", ")))"))
        try namespace.set(.str("__slots__"), .tuple([]))
        try namespace.set(.str("_fields"), .tuple(fields.map { .str($0) }))
        let fieldDefaults = PyDict()
        for (i, value) in defaults.enumerated() { try fieldDefaults.set(.str(fields[firstDefault + i]), value) }
        try namespace.set(.str("_field_defaults"), .dict(fieldDefaults))
        try namespace.set(.str("__match_args__"), .tuple(fields.map { .str($0) }))
        for method in ["__new__", "__repr__", "_asdict", "__getnewargs__", "_replace"] {
            guard let f = functions[method] else { continue }
            try namespace.set(.str(method), method == "__new__" ? .object(PyStaticMethod(f)) : f)
        }
        if let make = functions["_make"] { try namespace.set(.str("_make"), .object(PyClassMethod(make))) }
        for (i, field) in fields.enumerated() { try namespace.set(.str(field), .object(PyTupleGetter(i))) }
        for (k, v) in extra.items { try namespace.set(k, v) }
        return try interp.createClass(name: name, qualifiedName: qualifiedName, module: module, bases: [tupleType],
                                      namespace: namespace)
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
        return s.unicodeScalars.dropFirst().allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
    }
}
