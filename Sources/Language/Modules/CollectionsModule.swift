import JaxCore

/// `collections`: `namedtuple`, `defaultdict`, `OrderedDict`, `Counter` (dict subclasses
/// written in Python, as CPython's are in part), `deque`, and `collections.abc`'s classes for
/// `isinstance`.
enum CollectionsModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("collections")
        m.define("namedtuple") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try NamedTuples.factory(interp, args)
        }
        let dict = interp.builtinType(named: "dict")
        var names = try dictHelpers(interp)
        m.attributes["defaultdict"] = .object(try interp.libraryClass("defaultdict", module: "collections", bases: [dict],
                                                                       source: defaultdictSource, names: names))
        let orderedDict = try interp.libraryClass("OrderedDict", module: "collections", bases: [dict],
                                                  source: orderedDictSource, names: names)
        m.attributes["OrderedDict"] = .object(orderedDict)
        let holder = PyList()
        names["_classes"] = .list(holder)
        let counter = try interp.libraryClass("Counter", module: "collections", bases: [dict], source: counterSource, names: names)
        holder.items = [.object(counter)]
        m.attributes["Counter"] = .object(counter)
        m.attributes["deque"] = .object(PyType("collections.deque", isInstance: { v in
            if case .object(let o) = v { return o is PyDeque }
            return false
        }, construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("deque", ["iterable", "maxlen"])
            var maxLength: Int?
            if let v = slots[1], !v.isNone {
                maxLength = try interp.index(v)
                if let n = maxLength, n < 0 { throw PyException.valueError("maxlen must be non-negative") }
            }
            let items = try slots[0].map { (v: PyValue) throws(PyException) in try interp.collect(v) } ?? []
            let deque = PyDeque(maxLength: maxLength)
            for item in items { deque.append(item) }
            return .object(deque)
        }))
        return m
    }

    /// `dict`'s own `__init__`, `__repr__` and `__eq__`, for the subclasses' Python code.
    private static func dictHelpers(_ interp: Interpreter) throws(PyException) -> [String: PyValue] {
        let dictType = interp.builtinPyType("dict")
        var names: [String: PyValue] = [:]
        for (name, slot) in [("_dict_init", "__init__"), ("_dict_repr", "__repr__"), ("_dict_eq", "__eq__")] {
            names[name] = interp.builtinSlot(dictType, slot) ?? PyValue.none
        }
        names["_set_attribute"] = interp.builtinSlot(interp.objectType, "__setattr__") ?? PyValue.none
        return names
    }

    static let defaultdictSource = """
    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        _set_attribute(self, 'default_factory', default_factory)
        _dict_init(self, *args, **kwargs)
    def __missing__(self, key):
        factory = self.default_factory
        if factory is None:
            raise KeyError(key)
        value = factory()
        self[key] = value
        return value
    def __repr__(self):
        return f'{type(self).__name__}({self.default_factory!r}, {_dict_repr(self)})'
    def copy(self):
        return type(self)(self.default_factory, self)
    def __copy__(self):
        return self.copy()

    """

    static let orderedDictSource = """
    def __repr__(self):
        if not self:
            return f'{type(self).__name__}()'
        return f'{type(self).__name__}({list(self.items())!r})'
    def move_to_end(self, key, last=True):
        value = self.pop(key)
        if last:
            self[key] = value
        else:
            rest = list(self.items())
            self.clear()
            self[key] = value
            self.update(rest)
    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        key = next(reversed(list(self))) if last else next(iter(self))
        value = self.pop(key)
        return key, value
    def __eq__(self, other):
        if isinstance(other, type(self)):
            return _dict_eq(self, other) and list(self) == list(other)
        return _dict_eq(self, other)
    def copy(self):
        return type(self)(self)

    """

    static let counterSource = """
    def __init__(self, iterable=None, /, **kwds):
        self.update(iterable, **kwds)
    def __missing__(self, key):
        return 0
    def total(self):
        return sum(self.values())
    def most_common(self, n=None):
        items = sorted(self.items(), key=lambda pair: pair[1], reverse=True)
        return items if n is None else items[:n]
    def elements(self):
        for elem, count in self.items():
            for _ in range(count):
                yield elem
    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = count + self.get(elem, 0)
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) + 1
        if kwds:
            self.update(kwds)
    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)
    def copy(self):
        return type(self)(self)
    def __repr__(self):
        if not self:
            return f'{type(self).__name__}()'
        return f'{type(self).__name__}({dict(self.most_common())!r})'
    def __eq__(self, other):
        if not isinstance(other, _classes[0]):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)
    def __ne__(self, other):
        if not isinstance(other, _classes[0]):
            return NotImplemented
        return not self == other
    def __add__(self, other):
        if not isinstance(other, _classes[0]):
            return NotImplemented
        result = _classes[0]()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result
    def __sub__(self, other):
        if not isinstance(other, _classes[0]):
            return NotImplemented
        result = _classes[0]()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result
    def __or__(self, other):
        if not isinstance(other, _classes[0]):
            return NotImplemented
        result = _classes[0]()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result
    def __and__(self, other):
        if not isinstance(other, _classes[0]):
            return NotImplemented
        result = _classes[0]()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result
    def __pos__(self):
        result = _classes[0]()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result
    def __neg__(self):
        result = _classes[0]()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    """

    /// `collections.abc`: abstract classes that `isinstance` checks by capability.
    static func makeAbstractBaseClasses(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("collections.abc")
        func has(_ v: PyValue, _ names: [String]) -> Bool {
            for name in names where (try? interp.getAttribute(v, name)) == nil {
                if case .object(let o) = v, name == "__iter__", (try? o.makeIterator(interp)) != nil { continue }
                if case .object(let o) = v, name == "__len__", (try? o.length(interp)) != nil { continue }
                return false
            }
            return true
        }
        let checks: [(String, (PyValue) -> Bool)] = [
            ("Iterable", { v in
                switch v {
                case .list, .tuple, .str, .dict: return true
                case .object(let o): return (try? o.makeIterator(interp)) != nil
                default: return false
                }
            }),
            ("Iterator", { v in if case .object(let o) = v { return o is PyIterator || has(v, ["__next__"]) } else { return false } }),
            ("Generator", { v in if case .object(let o) = v { return o is PyGenerator || o is PyGeneratorExpression } else { return false } }),
            ("Sized", { v in (try? interp.len(v)) != nil }),
            ("Container", { v in
                switch v {
                case .list, .tuple, .str, .dict: return true
                default: return has(v, ["__contains__"])
                }
            }),
            ("Hashable", { v in (try? interp.hashValue(v)) != nil }),
            ("Callable", { v in if case .object(let o) = v { return o.isCallable } else { return false } }),
            ("Sequence", { v in
                switch v {
                case .list, .tuple, .str: return true
                case .object(let o): return o is PyRange || (o as? PyInstance)?.base.map { if case .dict = $0 { return false } else { return true } } == true
                default: return false
                }
            }),
            ("MutableSequence", { v in if case .list = v { return true } else { return false } }),
            ("Mapping", { v in interp.asDict(v) != nil }),
            ("MutableMapping", { v in interp.asDict(v) != nil }),
            ("Set", { v in if case .object(let o) = v { return o is PySet } else { return false } }),
            ("MutableSet", { v in if case .object(let o) = v { return o is PySet } else { return false } }),
        ]
        for (name, check) in checks {
            m.attributes[name] = .object(PyType("collections.abc.\(name)", isInstance: check, construct: nil))
        }
        return m
    }
}

/// `collections.deque`: a double-ended queue, optionally bounded (`maxlen`).
final class PyDeque: PyObject {
    var items: [PyValue] = []
    let maxLength: Int?

    init(maxLength: Int?) { self.maxLength = maxLength }

    func append(_ v: PyValue) {
        items.append(v)
        if let maxLength, items.count > maxLength { items.removeFirst(items.count - maxLength) }
    }

    func appendLeft(_ v: PyValue) {
        items.insert(v, at: 0)
        if let maxLength, items.count > maxLength { items.removeLast(items.count - maxLength) }
    }

    override var typeName: String { "collections.deque" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        (try? interp.getAttribute(try interp.importModule("collections"), "deque")) ?? interp.builtinType(named: "deque")
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        let body = "deque([\(try interp.reprItems(items))]"
        return maxLength.map { body + ", maxlen=\($0))" } ?? body + ")"
    }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? { items.count }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        PyIterator(kind: "_collections._deque_iterator", values: items)
    }

    private func position(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> Int {
        if case .object(is PySlice) = index { throw PyException.typeError("sequence index must be integer, not 'slice'") }
        let i = try interp.index(index)
        let j = i < 0 ? i &+ items.count : i
        guard j >= 0 && j < items.count else { throw PyException.indexError("deque index out of range") }
        return j
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        items[try position(index, interp)]
    }

    override func setItem(_ index: PyValue, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        items[try position(index, interp)] = value
    }

    override func deleteItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) {
        items.remove(at: try position(index, interp))
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard case .object(let o as PyDeque) = other else { return nil }
        return try interp.compare(op, .list(PyList(items)), .list(PyList(o.items)))
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .add, case .object(let o as PyDeque) = other else { return nil }
        let result = PyDeque(maxLength: maxLength)
        for v in (reflected ? o.items + items : items + o.items) { result.append(v) }
        return .object(result)
    }

    override func hashKey() throws(PyException) -> String? { throw PyException.typeError("unhashable type: 'collections.deque'") }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        if name == "maxlen" { return maxLength.map { .int($0) } ?? PyValue.none }
        let methods: Set<String> = ["append", "appendleft", "pop", "popleft", "extend", "extendleft", "rotate", "clear", "count",
                                    "index", "remove", "reverse", "insert", "copy"]
        guard methods.contains(name) else { return nil }
        return .object(PyBuiltin(name, owner: "collections.deque") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try self.method(name, args, interp)
        })
    }

    private func method(_ name: String, _ args: Arguments, _ interp: Interpreter) throws(PyException) -> PyValue {
        switch name {
        case "append", "appendleft":
            let slots = try args.bind(name, ["x"], required: 1, positionalOnly: 1)
            if name == "append" { append(slots[0] ?? .none) } else { appendLeft(slots[0] ?? .none) }
        case "pop", "popleft":
            _ = try args.bind(name, [])
            if items.isEmpty { throw PyException.indexError("pop from an empty deque") }
            return name == "pop" ? items.removeLast() : items.removeFirst()
        case "extend", "extendleft":
            let slots = try args.bind(name, ["iterable"], required: 1, positionalOnly: 1)
            for v in try interp.collect(slots[0] ?? .none) {
                if name == "extend" { append(v) } else { appendLeft(v) }
            }
        case "rotate":
            let slots = try args.bind(name, ["n"], positionalOnly: 1)
            guard !items.isEmpty else { return .none }
            var n = try slots[0].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 1
            n %= items.count
            if n < 0 { n += items.count }
            items = Array(items[(items.count - n)...] + items[..<(items.count - n)])
        case "clear":
            items.removeAll()
        case "count":
            let slots = try args.bind(name, ["x"], required: 1, positionalOnly: 1)
            var n = 0
            for v in items where try interp.sameOrEqual(v, slots[0] ?? .none) { n += 1 }
            return .int(n)
        case "index", "remove":
            let slots = try args.bind(name, ["x"], required: 1, positionalOnly: 1)
            var i = 0
            while i < items.count {
                if try interp.sameOrEqual(items[i], slots[0] ?? .none) {
                    if name == "index" { return .int(i) }
                    if i < items.count { items.remove(at: i) }
                    return .none
                }
                i += 1
            }
            if name == "index" { throw PyException.valueError("\(try interp.repr(slots[0] ?? .none)) is not in deque") }
            throw PyException.valueError("deque.remove(x): x not in deque")
        case "reverse":
            items.reverse()
        case "insert":
            let slots = try args.bind(name, ["i", "x"], required: 2, positionalOnly: 2)
            if let maxLength, items.count >= maxLength { throw PyException.indexError("deque already at its maximum size") }
            var i = try interp.index(slots[0] ?? .none)
            if i < 0 { i = max(0, i + items.count) }
            items.insert(slots[1] ?? .none, at: min(i, items.count))
        case "copy":
            let copy = PyDeque(maxLength: maxLength)
            copy.items = items
            return .object(copy)
        default:
            break
        }
        return .none
    }
}

extension Interpreter {
    /// A class of a library module whose methods are written in Python (`source`), seeing
    /// `names` as enclosing variables.
    func libraryClass(_ name: String, module: String, bases: [PyValue], source: String,
                      names: [String: PyValue]) throws(PyException) -> PyClass {
        let functions = try defineFunctions(source, names: names, owner: name)
        let namespace = PyDict()
        try namespace.set(.str("__module__"), .str(module))
        for key in functions.keys.sorted() {
            if let f = functions[key] {
                if case .object(let fn as PyFunction) = f { fn.module = module }
                try namespace.set(.str(key), f)
            }
        }
        let made = try createClass(name: name, qualifiedName: name, module: module, bases: bases, namespace: namespace)
        guard case .object(let cls as PyClass) = made else { throw PyException.typeError("cannot create '\(name)'") }
        return cls
    }
}
