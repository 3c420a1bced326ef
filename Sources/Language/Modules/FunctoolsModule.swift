import JaxCore

/// `functools`: `partial`, `reduce`, `wraps`/`update_wrapper`, `lru_cache`/`cache`,
/// `cached_property`, `total_ordering` and `cmp_to_key`, as CPython behaves.
enum FunctoolsModule {
    static let wrapperAssignments = ["__module__", "__name__", "__qualname__", "__doc__"]

    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("functools")
        m.attributes["partial"] = .object(PyType("functools.partial", isInstance: { v in
            if case .object(let o) = v { return o is PyPartial }
            return false
        }, construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard let function = args.positional.first else {
                throw PyException.typeError("type 'partial' takes at least one argument")
            }
            guard case .object(let f) = function, f.isCallable else { throw PyException.typeError("the first argument must be callable") }
            if let inner = f as? PyPartial {
                // partial(partial(f, a), b) is partial(f, a, b), as CPython flattens it
                var keywords = inner.keywords
                for (k, v) in args.keywords {
                    keywords.removeAll { $0.0 == k }
                    keywords.append((k, v))
                }
                return .object(PyPartial(inner.function, inner.arguments + args.positional.dropFirst(), keywords))
            }
            return .object(PyPartial(function, Array(args.positional.dropFirst()), args.keywords))
        }))
        m.define("reduce") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard args.positional.count >= 2 || !args.keywords.isEmpty else {
                throw PyException.typeError("reduce expected at least 2 arguments, got \(args.positional.count)")
            }
            let slots = try args.bind("reduce", ["function", "iterable", "initial"], required: 2, positionalOnly: 3)
            let function = slots[0] ?? .none
            let iterator = try interp.iterate(slots[1] ?? .none)
            var accumulated = slots[2]
            while let item = try iterator.next() {
                try interp.context.checkInterrupt()
                if let current = accumulated {
                    accumulated = try interp.call(function, Arguments([current, item]))
                } else {
                    accumulated = item
                }
            }
            guard let result = accumulated else {
                throw PyException.typeError("reduce() of empty iterable with no initial value")
            }
            return result
        }
        m.define("update_wrapper") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("update_wrapper", ["wrapper", "wrapped", "assigned", "updated"], required: 2)
            try updateWrapper(interp, slots[0] ?? .none, slots[1] ?? .none)
            return slots[0] ?? .none
        }
        m.define("wraps") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("wraps", ["wrapped", "assigned", "updated"], required: 1)
            let wrapped = slots[0] ?? .none
            return .object(PyBuiltin("update_wrapper", module: "functools") { (interp: Interpreter, inner: Arguments) throws(PyException) -> PyValue in
                let wrapperSlots = try inner.bind("update_wrapper", ["wrapper"], required: 1)
                try updateWrapper(interp, wrapperSlots[0] ?? .none, wrapped)
                return wrapperSlots[0] ?? .none
            })
        }
        m.define("lru_cache") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("lru_cache", ["maxsize", "typed"])
            if case .object(let f)? = slots[0], f.isCallable {
                return try cacheWrapper(interp, slots[0] ?? .none, maxSize: 128)
            }
            var maxSize: Int?
            switch slots[0] {
            case nil: maxSize = 128
            case .none?: maxSize = nil
            case let v?:
                guard v.bigIntValue != nil else { throw PyException.typeError("Expected first argument to be an integer, a callable, or None") }
                maxSize = max(0, try interp.index(v))
            }
            return .object(PyBuiltin("decorating_function", module: "functools") { (interp: Interpreter, inner: Arguments) throws(PyException) -> PyValue in
                let s = try inner.bind("decorating_function", ["user_function"], required: 1)
                return try cacheWrapper(interp, s[0] ?? .none, maxSize: maxSize)
            })
        }
        m.define("cache") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("cache", ["user_function"], required: 1)
            return try cacheWrapper(interp, slots[0] ?? .none, maxSize: nil)
        }
        m.attributes["cached_property"] = .object(PyType("functools.cached_property", isInstance: { v in
            if case .object(let o) = v { return o is PyCachedProperty }
            return false
        }, construct: { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("cached_property", ["func"], required: 1)
            return .object(PyCachedProperty(slots[0] ?? .none))
        }))
        m.define("total_ordering") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("total_ordering", ["cls"], required: 1)
            return try totalOrdering(interp, slots[0] ?? .none)
        }
        m.define("cmp_to_key") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("cmp_to_key", ["mycmp"], required: 1)
            let compare = slots[0] ?? .none
            return .object(PyBuiltin("K", module: "functools") { (_: Interpreter, inner: Arguments) throws(PyException) -> PyValue in
                let s = try inner.bind("K", ["obj"], required: 1)
                return .object(PyComparisonKey(s[0] ?? .none, compare))
            })
        }
        return m
    }

    /// Copies `__name__`, `__doc__`, ... from `wrapped` to `wrapper` and sets `__wrapped__`.
    static func updateWrapper(_ interp: Interpreter, _ wrapper: PyValue, _ wrapped: PyValue) throws(PyException) {
        for name in wrapperAssignments {
            if let v = try? interp.getAttribute(wrapped, name) { try? interp.setAttribute(wrapper, name, v) }
        }
        if case .object(let source as PyFunction) = wrapped, case .object(let target as PyFunction) = wrapper {
            for (k, v) in source.attributes.items { try target.attributes.set(k, v) }
        }
        try interp.setAttribute(wrapper, "__wrapped__", wrapped)
    }

    private static func cacheWrapper(_ interp: Interpreter, _ function: PyValue, maxSize: Int?) throws(PyException) -> PyValue {
        guard case .object(let f) = function, f.isCallable else { throw PyException.typeError("the first argument must be callable") }
        let wrapper = PyCachedFunction(function, maxSize: maxSize)
        try updateWrapper(interp, .object(wrapper), function)
        return .object(wrapper)
    }

    /// `@total_ordering`: the comparisons a class lacks, derived from the one it defines.
    private static func totalOrdering(_ interp: Interpreter, _ value: PyValue) throws(PyException) -> PyValue {
        guard case .object(let cls as PyClass) = value else {
            throw PyException.valueError("must define at least one ordering operation: < > <= >=")
        }
        let derived: [String: [(String, String)]] = [
            "__lt__": [("__gt__", "not op_result and self != other"), ("__le__", "op_result or self == other"), ("__ge__", "not op_result")],
            "__le__": [("__ge__", "not op_result or self == other"), ("__lt__", "op_result and self != other"), ("__gt__", "not op_result")],
            "__gt__": [("__lt__", "not op_result and self != other"), ("__ge__", "op_result or self == other"), ("__le__", "not op_result")],
            "__ge__": [("__le__", "(not op_result) or self == other"), ("__gt__", "op_result and self != other"), ("__lt__", "not op_result")],
        ]
        let roots = derived.keys.filter { cls.lookupOverride($0) != nil }
        guard let root = roots.max() else {
            throw PyException.valueError("must define at least one ordering operation: < > <= >=")
        }
        var source = ""
        for (name, expression) in derived[root] ?? [] {
            source += """
            def \(name)(self, other):
                op_result = type(self).\(root)(self, other)
                if op_result is NotImplemented:
                    return op_result
                return \(expression)

            """
        }
        let functions = try interp.defineFunctions(source, names: [:], owner: cls.qualifiedName)
        for (name, _) in derived[root] ?? [] where cls.lookupOverride(name) == nil {
            if let f = functions[name] { try cls.namespace.set(.str(name), f) }
        }
        return value
    }
}

/// `functools.partial(f, *args, **keywords)`: `f` with some arguments filled in.
final class PyPartial: PyObject {
    let function: PyValue
    let arguments: [PyValue]
    let keywords: [(String, PyValue)]

    init(_ function: PyValue, _ arguments: [PyValue], _ keywords: [(String, PyValue)]) {
        self.function = function
        self.arguments = arguments
        self.keywords = keywords
    }

    override var typeName: String { "partial" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        (try? interp.getAttribute(try interp.importModule("functools"), "partial")) ?? interp.builtinType(named: "partial")
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        var parts = [try interp.repr(function)]
        for a in arguments { parts.append(try interp.repr(a)) }
        for (k, v) in keywords { parts.append("\(k)=\(try interp.repr(v))") }
        return "functools.partial(\(parts.joined(separator: ", ")))"
    }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        var merged = keywords
        for (k, v) in args.keywords {
            merged.removeAll { $0.0 == k }
            merged.append((k, v))
        }
        return try interp.call(function, Arguments(arguments + args.positional, keywords: merged))
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "func": return function
        case "args": return .tuple(arguments)
        case "keywords":
            let d = PyDict()
            for (k, v) in keywords { try d.set(.str(k), v) }
            return .dict(d)
        default: return nil
        }
    }
}

/// The function `@lru_cache` returns: calls with arguments seen before return the stored
/// result; the least recently used result goes when the cache is full.
final class PyCachedFunction: PyObject {
    let function: PyValue
    let maxSize: Int?
    /// Results by argument key, least recently used first.
    private var cache = PyDict()
    private var hits = 0
    private var misses = 0
    let attributes = PyDict()

    init(_ function: PyValue, maxSize: Int?) {
        self.function = function
        self.maxSize = maxSize
    }

    override var typeName: String { "functools._lru_cache_wrapper" }

    override var isCallable: Bool { true }

    override var bindsAsMethod: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        var keyItems = args.positional
        if !args.keywords.isEmpty {
            keyItems.append(.object(interp.keywordMark))
            for (k, v) in args.keywords { keyItems += [.str(k), v] }
        }
        let key = PyValue.tuple(keyItems)
        if let found = try cache.get(key) {
            hits += 1
            _ = try cache.remove(key)
            try cache.set(key, found)
            return found
        }
        misses += 1
        let result = try interp.call(function, args)
        if maxSize != 0 {
            try cache.set(key, result)
            if let maxSize, cache.count > maxSize, let oldest = cache.keys.first { _ = try cache.remove(oldest) }
        }
        return result
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "cache_info":
            return .object(PyBuiltin("cache_info", owner: typeName) { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                let info = try interp.cacheInfoClass()
                return try interp.call(info, Arguments([.int(self.hits), .int(self.misses),
                                                        self.maxSize.map { .int($0) } ?? .none, .int(self.cache.count)]))
            })
        case "cache_clear":
            return .object(PyBuiltin("cache_clear", owner: typeName) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                self.cache = PyDict()
                self.hits = 0
                self.misses = 0
                return .none
            })
        case "__dict__": return .dict(attributes)
        default: return try attributes.get(.str(name))
        }
    }

    override func setAttribute(_ name: String, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        try attributes.set(.str(name), value)
    }
}

/// `@cached_property`: computed on first access, then kept in the instance's `__dict__`.
final class PyCachedProperty: PyObject, DataDescriptor, NamedAttribute {
    let function: PyValue
    var name: String?

    init(_ function: PyValue) { self.function = function }

    override var typeName: String { "functools.cached_property" }

    /// The attribute the value is kept under: the name the class gave the descriptor, else the
    /// function's `__name__`.
    private func cachedName(_ interp: Interpreter) -> String {
        if let name { return name }
        if case .str(let s)? = try? interp.getAttribute(function, "__name__") { return s }
        return "<unnamed>"
    }

    func get(_ instance: PyValue, owner: PyClass, _ interp: Interpreter) throws(PyException) -> PyValue {
        guard case .object(let i as PyInstance) = instance else { return try interp.call(function, Arguments([instance])) }
        let key = PyValue.str(name ?? cachedName(interp))
        if let cached = try i.attributes.get(key) { return cached }
        let value = try interp.call(function, Arguments([instance]))
        try i.attributes.set(key, value)
        return value
    }

    func set(_ instance: PyInstance, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        try instance.attributes.set(.str(name ?? cachedName(interp)), value)
    }

    func delete(_ instance: PyInstance, _ interp: Interpreter) throws(PyException) {
        let attribute = name ?? cachedName(interp)
        if try instance.attributes.remove(.str(attribute)) == nil {
            throw PyException("AttributeError", attribute)
        }
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "func": return function
        case "attrname": return self.name.map { .str($0) } ?? PyValue.none
        default: return nil
        }
    }
}

/// The key `cmp_to_key(mycmp)` makes: ordered by what `mycmp` returns.
final class PyComparisonKey: PyObject {
    let object: PyValue
    let compareFunction: PyValue

    init(_ object: PyValue, _ compareFunction: PyValue) {
        self.object = object
        self.compareFunction = compareFunction
    }

    override var typeName: String { "functools.KeyWrapper" }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard case .object(let o as PyComparisonKey) = other else { return nil }
        // `self op other` whichever side the comparison started from
        let r = try interp.call(compareFunction, Arguments([object, o.object]))
        return try interp.compare(op, r, .int(0))
    }

    override func hashKey() throws(PyException) -> String? { throw PyException.typeError("unhashable type: 'functools.KeyWrapper'") }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == "obj" ? object : nil
    }
}

extension Interpreter {
    /// A marker between positional and keyword arguments in a cache key.
    var keywordMark: PyObject { moduleState("functools.kwd_mark") { PyPlainObject() } }

    /// `CacheInfo(hits, misses, maxsize, currsize)`, the named tuple `cache_info()` returns.
    func cacheInfoClass() throws(PyException) -> PyValue {
        if let existing = moduleState["functools.CacheInfo"] as? PyClass { return .object(existing) }
        let made = try NamedTuples.make(self, name: "CacheInfo", qualifiedName: "CacheInfo", module: "functools",
                                        fields: ["hits", "misses", "maxsize", "currsize"], defaults: [], namespace: PyDict())
        if case .object(let c as PyClass) = made { moduleState["functools.CacheInfo"] = c }
        return made
    }
}
