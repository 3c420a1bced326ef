import JaxCore

/// The `class` statement, instance creation, attribute lookup through the MRO with
/// descriptors (methods, properties, static and class methods), and `super()`.
extension Interpreter {
    // MARK: the class statement

    func execClassDef(_ code: ClassCode, _ decoratorExprs: [Expr], _ scope: Scope, _ frame: Frame) throws(PyException) {
        var decorators: [PyValue] = []
        for d in decoratorExprs { decorators.append(try eval(d, scope)) }
        let header = try evalArguments(code.bases, scope)
        var keywords = header.keywords
        keywords.removeAll { $0.0 == "metaclass" && isMetaclassAccepted($0.1) }
        let bodyScope = Scope(parent: scope, locals: code.locals)
        bodyScope.classBodyOrder = []
        bodyScope.classCell = ClassCell()
        try store("__module__", .str("__main__"), bodyScope)
        try store("__qualname__", .str(code.qualifiedName), bodyScope)
        if case .expression(let first)? = code.body.first?.kind, case .constant(.str(let doc)) = first.kind {
            try store("__doc__", .str(doc), bodyScope)
        }
        if frames.count > Interpreter.recursionLimit {
            throw PyException("RecursionError", "maximum recursion depth exceeded")
        }
        let classFrame = Frame(name: code.name, file: frame.file, line: code.position.line)
        frames.append(classFrame)
        _ = try execBlock(code.body, bodyScope, classFrame)
        frames.removeLast()
        let namespace = PyDict()
        for name in bodyScope.classBodyOrder ?? [] {
            if let v = bodyScope.values[name] { try namespace.set(.str(name), v) }
        }
        var cls = try createClass(name: code.name, qualifiedName: code.qualifiedName, module: "__main__",
                                  bases: header.positional, namespace: namespace, keywords: keywords)
        if case .object(let made as PyClass) = cls { bodyScope.classCell?.owner = made }
        for d in decorators.reversed() { cls = try call(d, Arguments([cls])) }
        try store(code.name, cls, scope)
    }

    /// `metaclass=ABCMeta` and `metaclass=type` change nothing jaxlab models.
    private func isMetaclassAccepted(_ v: PyValue) -> Bool {
        if case .object(let t as PyType) = v, t.name == "type" { return true }
        if case .object(let c as PyClass) = v, c.name == "ABCMeta" { return true }
        return false
    }

    /// Builds a class from its name, bases and namespace, as `type(name, bases, dict)` does.
    func createClass(name: String, qualifiedName: String, module: String, bases rawBases: [PyValue],
                     namespace: PyDict, keywords: [(String, PyValue)] = []) throws(PyException) -> PyValue {
        var bases: [PyValue] = []
        var namedTupleBase = false
        for base in rawBases {
            switch base {
            case .object(let special as PyTypingForm):
                guard special.role == .namedTupleBase else { throw PyException.typeError("Cannot subclass \(try repr(base))") }
                namedTupleBase = true
            case .object(let alias as PyGenericAlias):
                // `Generic[T]`, `Mapping[str, int]`: the class the alias stands for
                guard case .object(let origin) = alias.origin, origin is PyClass || origin is PyType else {
                    throw PyException.typeError("Cannot subclass \(try repr(base))")
                }
                bases.append(alias.origin)
            case .object(let t as PyType):
                guard Interpreter.subclassableBuiltins.contains(t.name) || t.exceptionKind != nil
                        || t.qualifiedName.hasPrefix("collections.abc.") else {
                    throw PyException.typeError("type '\(t.qualifiedName)' is not an acceptable base type")
                }
                bases.append(base)
            case .object(is PyClass):
                bases.append(base)
            default:
                throw PyException.typeError("bases must be types")
            }
        }
        if namedTupleBase {
            return try NamedTuples.fromClassBody(self, name: name, qualifiedName: qualifiedName, namespace: namespace)
        }
        if bases.isEmpty { bases = [.object(objectType)] }
        let key = PyValue.str("__hash__")
        if try namespace.get(.str("__eq__")) != nil, try namespace.get(key) == nil { try namespace.set(key, .none) }
        for implicit in ["__init_subclass__", "__class_getitem__"] {
            if case .object(let f as PyFunction)? = try namespace.get(.str(implicit)) {
                try namespace.set(.str(implicit), .object(PyClassMethod(.object(f))))
            }
        }
        if case .object(let f as PyFunction)? = try namespace.get(.str("__new__")) {
            try namespace.set(.str("__new__"), .object(PyStaticMethod(.object(f))))
        }
        let cls = PyClass(name: name, qualifiedName: qualifiedName, module: module, bases: bases, namespace: namespace)
        try cls.finish(self)
        for (key, value) in namespace.items {
            guard case .str(let attribute) = key else { continue }
            if case .object(let o) = value, let named = o as? NamedAttribute, named.name == nil { named.name = attribute }
            if case .object(let d as PyInstance) = value, d.cls.lookupOverride("__set_name__") != nil {
                _ = try callSpecial(d, "__set_name__", Arguments([.object(cls), key]))
            }
        }
        if let hook = cls.mro.dropFirst().lazy.compactMap({ (entry: PyValue) -> PyValue? in
            if case .object(let c as PyClass) = entry { return try? c.namespace.get(.str("__init_subclass__")) }
            return nil
        }).first {
            _ = try call(try bind(hook, to: nil, owner: cls), Arguments([], keywords: keywords))
        } else if !keywords.isEmpty {
            throw PyException.typeError("\(name).__init_subclass__() takes no keyword arguments")
        }
        return .object(cls)
    }

    /// Builtin classes a `class` statement may derive from.
    static let subclassableBuiltins: Set<String> = ["object", "int", "float", "str", "tuple", "list", "dict", "set", "complex", "type"]

    // MARK: creating instances

    /// `Cls(*args)`: `__new__` (the builtin layout's unless overridden), then `__init__`.
    func instantiate(_ cls: PyClass, _ args: Arguments) throws(PyException) -> PyValue {
        let abstract = abstractMethods(cls)
        if !abstract.isEmpty {
            throw PyException.typeError(
                "Can't instantiate abstract class \(cls.name) with abstract method\(abstract.count == 1 ? "" : "s") \(abstract.joined(separator: ", "))")
        }
        let customNew = cls.lookupOverride("__new__")
        let customInit = cls.lookupOverride("__init__")
        let made: PyValue
        if let customNew {
            var positional: [PyValue] = [.object(cls)]
            positional.append(contentsOf: args.positional)
            made = try call(try bind(customNew, to: nil, owner: cls), Arguments(positional, keywords: args.keywords))
        } else {
            made = .object(try newInstance(cls, args, hasInit: customInit != nil))
        }
        guard case .object(let instance as PyInstance) = made, instance.cls.isSubclass(of: cls) else { return made }
        if let customInit {
            let result = try call(try bind(customInit, to: made, owner: instance.cls), args)
            if !result.isNone { throw PyException.typeError("__init__() should return None, not '\(result.typeName)'") }
        } else {
            try builtinInit(instance, args)
        }
        return made
    }

    /// `object.__new__(cls)` and the `__new__` of the builtin a class derives from.
    func newInstance(_ cls: PyClass, _ args: Arguments, hasInit: Bool) throws(PyException) -> PyInstance {
        let instance = PyInstance(cls, interpreter: self)
        let layout = cls.layout?.name ?? "object"
        if cls.exceptionKind != nil {
            if !args.keywords.isEmpty && !hasInit {
                throw PyException.typeError("\(cls.name)() takes no keyword arguments")
            }
            instance.exceptionArguments = args.positional
            return instance
        }
        switch layout {
        case "object":
            if !hasInit && (!args.positional.isEmpty || !args.keywords.isEmpty) {
                throw PyException.typeError("\(cls.name)() takes no arguments")
            }
        case "tuple":
            if args.positional.count > 1 { throw PyException.typeError("tuple expected at most 1 argument, got \(args.positional.count)") }
            instance.base = .tuple(try args.positional.first.map { (v: PyValue) throws(PyException) in try collect(v) } ?? [])
        case "list": instance.base = .list(PyList())
        case "dict": instance.base = .dict(PyDict())
        case "set": instance.base = try makeSet([])
        default:
            // int, float, str, complex: immutable, made from the arguments by the builtin
            instance.base = try call(.object(builtinPyType(layout)), hasInit ? Arguments(Array(args.positional.prefix(1))) : args)
        }
        return instance
    }

    /// The `__init__` of the builtin a class derives from, when the class defines none.
    func builtinInit(_ instance: PyInstance, _ args: Arguments) throws(PyException) {
        guard instance.cls.exceptionKind == nil, let base = instance.base else { return }
        switch base {
        case .list(let list):
            let made = try call(builtinType(named: "list"), args)
            if case .list(let source) = made { list.items = source.items }
        case .dict(let dict):
            let made = try call(builtinType(named: "dict"), args)
            if case .dict(let source) = made { for (k, v) in source.items { try dict.set(k, v) } }
        case .object(let set as PySet):
            let made = try call(builtinType(named: "set"), args)
            if case .object(let source as PySet) = made { try set.merge(source, self) }
        default:
            break
        }
    }

    /// The abstract methods (`abc.abstractmethod`) a class leaves without an implementation.
    private func abstractMethods(_ cls: PyClass) -> [String] {
        guard cls.mro.contains(where: { if case .object(let c as PyClass) = $0 { return c.module == "abc" } else { return false } }) else {
            return []
        }
        var names: [String] = []
        for case .object(let c as PyClass) in cls.mro {
            for case .str(let name) in c.namespace.keys where !names.contains(name) {
                if let v = cls.lookup(name), isAbstract(v) { names.append(name) }
            }
        }
        return names.sorted()
    }

    private func isAbstract(_ v: PyValue) -> Bool {
        var target = v
        if case .object(let p as PyProperty) = v { target = p.getter }
        if case .object(let s as PyStaticMethod) = v { target = s.function }
        if case .object(let s as PyClassMethod) = v { target = s.function }
        guard case .object(let f as PyFunction) = target else { return false }
        if case .bool(true)? = try? f.attributes.get(.str("__isabstractmethod__")) { return true }
        return false
    }

    // MARK: attributes

    /// Binds a value found on a class to the instance (or class) it was looked up from:
    /// functions become bound methods, properties call their getter, class methods bind the
    /// class, static methods stay plain.
    func bind(_ raw: PyValue, to instance: PyValue?, owner: PyClass, forClass: Bool = false) throws(PyException) -> PyValue {
        guard case .object(let o) = raw else { return raw }
        switch o {
        case let s as PyStaticMethod:
            return s.function
        case let c as PyClassMethod:
            return .object(PyBoundMethod(receiver: .object(owner), function: c.function))
        case let d as DataDescriptor:
            guard let instance else { return raw }
            return try d.get(instance, owner: owner, self)
        case let d as PyInstance where d.cls.lookupOverride("__get__") != nil:
            return try callSpecial(d, "__get__", Arguments([instance ?? .none, .object(owner)])) ?? raw
        default:
            if let instance, o.bindsAsMethod { return .object(PyBoundMethod(receiver: instance, function: raw)) }
            return raw
        }
    }

    /// A property or an object whose class defines `__set__`/`__delete__`: it takes
    /// precedence over the instance's own attributes.
    private func isDataDescriptor(_ v: PyValue) -> Bool {
        guard case .object(let o) = v else { return false }
        if o is DataDescriptor { return true }
        if let d = o as? PyInstance { return d.cls.lookupOverride("__set__") != nil || d.cls.lookupOverride("__delete__") != nil }
        return false
    }

    func classAttribute(_ cls: PyClass, _ name: String) throws(PyException) -> PyValue? {
        switch name {
        case "__name__": return .str(cls.name)
        case "__qualname__": return .str(cls.qualifiedName)
        case "__mro__": return .tuple(cls.mro)
        case "__bases__": return .tuple(cls.bases)
        case "__base__": return cls.bases.first ?? PyValue.none
        case "__dict__": return .dict(cls.namespace)
        case "__doc__": return (try cls.namespace.get(.str("__doc__"))) ?? PyValue.none
        case "mro":
            return .object(PyBuiltin("mro", owner: "type") { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                .list(PyList(cls.mro))
            })
        case "__subclasses__":
            return .object(PyBuiltin("__subclasses__", owner: "type") { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                .list(PyList())
            })
        default: break
        }
        if let raw = cls.lookup(name) { return try bind(raw, to: nil, owner: cls, forClass: true) }
        for case .object(let t as PyType) in cls.mro {
            if let slot = builtinSlot(t, name) { return try bind(slot, to: nil, owner: cls) }
        }
        return nil
    }

    func instanceAttribute(_ instance: PyInstance, _ name: String) throws(PyException) -> PyValue? {
        if name == "__dict__" { return .dict(instance.attributes) }
        let cls = instance.cls
        let classValue = cls.lookup(name)
        if let classValue, isDataDescriptor(classValue) {
            return try bind(classValue, to: .object(instance), owner: cls)
        }
        if let own = try instance.attributes.get(.str(name)) { return own }
        if let classValue { return try bind(classValue, to: .object(instance), owner: cls) }
        if cls.exceptionKind != nil, let v = exceptionAttribute(instance, name) { return v }
        if let base = instance.base, let method = try builtinMethod(base, name) { return method }
        for case .object(let t as PyType) in cls.mro {
            if let slot = builtinSlot(t, name) { return try bind(slot, to: .object(instance), owner: cls) }
        }
        if name == "__doc__" { return PyValue.none }
        if let getattr = cls.lookupOverride("__getattr__") {
            return try call(try bind(getattr, to: .object(instance), owner: cls), Arguments([.str(name)]))
        }
        return nil
    }

    /// `args`, `__traceback__`, `__cause__`, ... of an instance of an exception class.
    private func exceptionAttribute(_ instance: PyInstance, _ name: String) -> PyValue? {
        switch name {
        case "args": return .tuple(instance.exceptionArguments)
        case "__traceback__", "__cause__", "__context__": return PyValue.none
        case "__suppress_context__": return .bool(false)
        case "with_traceback":
            return .object(PyBuiltin("with_traceback", owner: instance.typeName) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                .object(instance)
            })
        default: return nil
        }
    }

    func setInstanceAttribute(_ instance: PyInstance, _ name: String, _ value: PyValue) throws(PyException) {
        if let setattr = instance.cls.lookupOverride("__setattr__") {
            _ = try call(try bind(setattr, to: .object(instance), owner: instance.cls), Arguments([.str(name), value]))
            return
        }
        try genericSetAttribute(instance, name, value)
    }

    /// `object.__setattr__`: a property's setter, a descriptor's `__set__`, or the instance dict.
    func genericSetAttribute(_ instance: PyInstance, _ name: String, _ value: PyValue) throws(PyException) {
        if let classValue = instance.cls.lookup(name), case .object(let o) = classValue {
            if let d = o as? DataDescriptor {
                try d.set(instance, value, self)
                return
            }
            if let d = o as? PyInstance, d.cls.lookupOverride("__set__") != nil {
                _ = try callSpecial(d, "__set__", Arguments([.object(instance), value]))
                return
            }
        }
        if name == "args", instance.cls.exceptionKind != nil {
            instance.exceptionArguments = try collect(value)
            return
        }
        if let allowed = instance.cls.slotNames, !allowed.contains(name) {
            throw PyException("AttributeError", "'\(instance.typeName)' object has no attribute '\(name)'")
        }
        try instance.attributes.set(.str(name), value)
    }

    func deleteInstanceAttribute(_ instance: PyInstance, _ name: String) throws(PyException) {
        if let delattr = instance.cls.lookupOverride("__delattr__") {
            _ = try call(try bind(delattr, to: .object(instance), owner: instance.cls), Arguments([.str(name)]))
            return
        }
        try genericDeleteAttribute(instance, name)
    }

    func genericDeleteAttribute(_ instance: PyInstance, _ name: String) throws(PyException) {
        if case .object(let d as DataDescriptor)? = instance.cls.lookup(name) {
            try d.delete(instance, self)
            return
        }
        if try instance.attributes.remove(.str(name)) == nil {
            throw PyException("AttributeError", "'\(instance.typeName)' object has no attribute '\(name)'")
        }
    }

    func deleteAttribute(_ object: PyValue, _ name: String) throws(PyException) {
        guard case .object(let o) = object else {
            throw PyException("AttributeError", "'\(object.typeName)' object has no attribute '\(name)'")
        }
        try o.deleteAttribute(name, self)
    }

    /// Calls the special method `name` if the instance's class (written in Python) defines it;
    /// nil when it does not.
    func callSpecial(_ instance: PyInstance, _ name: String, _ args: Arguments) throws(PyException) -> PyValue? {
        guard let raw = instance.cls.lookupOverride(name) else { return nil }
        if raw.isNone { return nil }
        return try call(try bind(raw, to: .object(instance), owner: instance.cls), args)
    }

    func isNotImplemented(_ v: PyValue) -> Bool {
        if case .object(let o) = v { return o is PyNotImplemented }
        return false
    }

    // MARK: super

    /// `super()` in a method: the class whose body defined it and the method's first argument.
    func zeroArgumentSuper() throws(PyException) -> PyValue {
        guard let frame = frames.last, let scope = frame.scope, let first = frame.firstParameter,
              let receiver = scope.values[first] else {
            throw PyException("RuntimeError", "super(): no arguments")
        }
        guard let owner = scope.classCell?.owner else {
            throw PyException("RuntimeError", "super(): __class__ cell not found")
        }
        return try makeSuper(owner, receiver)
    }

    func makeSuper(_ start: PyClass, _ receiver: PyValue) throws(PyException) -> PyValue {
        if case .object(let c as PyClass) = receiver, c.isSubclass(of: start) {
            return .object(PySuper(start: start, receiver: receiver, receiverClass: c))
        }
        if case .object(let i as PyInstance) = receiver, i.cls.isSubclass(of: start) {
            return .object(PySuper(start: start, receiver: receiver, receiverClass: i.cls))
        }
        throw PyException.typeError("super(type, obj): obj must be an instance or subtype of type")
    }

    func superAttribute(_ proxy: PySuper, _ name: String) throws(PyException) -> PyValue? {
        if name == "__class__" { return builtinType(named: "super") }
        let mro = proxy.receiverClass.mro
        guard let position = mro.firstIndex(where: { identical($0, .object(proxy.start)) }) else { return nil }
        let instance: PyValue? = {
            if case .object(is PyClass) = proxy.receiver { return nil }
            return proxy.receiver
        }()
        for entry in mro[(position + 1)...] {
            switch entry {
            case .object(let c as PyClass):
                if let v = try c.namespace.get(.str(name)) { return try bind(v, to: instance, owner: proxy.receiverClass) }
            case .object(let t as PyType):
                if let v = t.attributes[name] { return try bind(v, to: instance, owner: proxy.receiverClass) }
                if let slot = builtinSlot(t, name) { return try bind(slot, to: instance, owner: proxy.receiverClass) }
            default:
                break
            }
        }
        return nil
    }

    // MARK: the type hierarchy

    /// The MRO of a class: a user class's own, or a builtin's (the exception tree, `bool`
    /// under `int`, everything under `object`).
    func mro(of value: PyValue) -> [PyValue] {
        switch value {
        case .object(let c as PyClass):
            return c.mro
        case .object(let t as PyType):
            if t.name == "object" { return [value] }
            if let kind = t.exceptionKind {
                var chain: [PyValue] = [value]
                var current = kind
                while current != "BaseException" {
                    current = ExceptionHierarchy.parents[current] ?? "Exception"
                    chain.append(exceptionType(current))
                }
                return chain + [.object(objectType)]
            }
            if t.name == "bool" { return [value, builtinType(named: "int"), .object(objectType)] }
            return [value, .object(objectType)]
        default:
            return []
        }
    }

    /// The builtin whose instance layout a builtin class has (all exceptions share one).
    func layoutType(_ t: PyType) -> PyType {
        if t.exceptionKind != nil, case .object(let root as PyType) = exceptionType("BaseException") { return root }
        return Interpreter.subclassableBuiltins.contains(t.name) ? t : objectType
    }

    func isBuiltinSubclass(_ a: PyType, of b: PyType) -> Bool {
        mro(of: .object(a)).contains { identical($0, .object(b)) }
    }

    var objectType: PyType { builtinPyType("object") }

    /// Whether `cls` (a class, or a tuple of them) has `ancestor` in its MRO.
    func isSubclass(_ cls: PyValue, _ ancestor: PyValue) throws(PyException) -> Bool {
        switch ancestor {
        case .tuple(let items):
            for item in items where try isSubclass(cls, item) { return true }
            return false
        case .object(let u as PyUnionType):
            for item in u.members where try isSubclass(cls, item) { return true }
            return false
        case .object(is PyClass), .object(is PyType):
            break
        default:
            throw PyException.typeError("issubclass() arg 2 must be a class, a tuple of classes, or a union")
        }
        switch cls {
        case .object(is PyClass), .object(is PyType):
            if case .object(let t as PyType) = ancestor, t.name == "object" { return true }
            return mro(of: cls).contains { identical($0, ancestor) }
        default:
            throw PyException.typeError("issubclass() arg 1 must be a class")
        }
    }

    /// A class's name as MRO errors quote it.
    func className(_ v: PyValue) throws(PyException) -> String {
        switch v {
        case .object(let c as PyClass): return c.name
        case .object(let t as PyType): return t.name
        default: return try repr(v)
        }
    }

    /// How a class or alias is written inside an annotation's text (`int`, `__main__.Point`).
    func typeText(_ v: PyValue) throws(PyException) -> String {
        switch v {
        case .object(let t as PyType): return t.qualifiedName
        case .object(let c as PyClass): return c.displayName
        case .none: return "None"
        case .object(is PyEllipsis): return "..."
        case .list(let l):
            return "[" + (try l.items.map { (x: PyValue) throws(PyException) -> String in try typeText(x) }.joined(separator: ", ")) + "]"
        default: return try repr(v)
        }
    }

    /// `Point.norm` for a method's repr, from the function's `__qualname__`.
    func functionQualifiedName(_ f: PyValue) throws(PyException) -> String {
        if case .object(let fn as PyFunction) = f { return fn.qualifiedName }
        if let q = try? getAttribute(f, "__qualname__"), case .str(let s) = q { return s }
        if let q = try? getAttribute(f, "__name__"), case .str(let s) = q { return s }
        return try repr(f)
    }
}
