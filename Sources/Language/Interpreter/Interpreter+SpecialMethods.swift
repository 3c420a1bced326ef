import JaxCore

/// What instances of user classes do for Python's protocols (printing, iteration, length,
/// truth, operators, hashing): their class's special methods, else the behaviour of the
/// builtin they extend, else Python's defaults and errors. Also the builtin classes' own
/// special methods (`object.__init__`, `tuple.__new__`, ...) as `super()` and explicit calls
/// reach them.
extension Interpreter {
    // MARK: printing

    func instanceRepr(_ instance: PyInstance) throws(PyException) -> String {
        if let r = try callSpecial(instance, "__repr__", Arguments()) {
            guard case .str(let s) = r else { throw PyException.typeError("__repr__ returned non-string (type \(r.typeName))") }
            return s
        }
        return try defaultRepr(instance)
    }

    /// `object.__repr__`, or the repr of the builtin the class extends.
    func defaultRepr(_ instance: PyInstance) throws(PyException) -> String {
        if instance.cls.exceptionKind != nil {
            let args = instance.exceptionArguments
            if args.count == 1 { return "\(instance.cls.name)(\(try repr(args[0])))" }
            return "\(instance.cls.name)(\(try reprItems(args)))"
        }
        if let base = instance.base { return try repr(base) }
        return "<\(instance.cls.displayName) object at \(instance.addressText)>"
    }

    func instanceStr(_ instance: PyInstance) throws(PyException) -> String {
        if let r = try callSpecial(instance, "__str__", Arguments()) {
            guard case .str(let s) = r else { throw PyException.typeError("__str__ returned non-string (type \(r.typeName))") }
            return s
        }
        if instance.cls.exceptionKind != nil { return try exceptionText(instance.exceptionArguments) }
        return try instanceRepr(instance)
    }

    /// `BaseException.__str__`: nothing, the one argument, or the tuple of arguments.
    func exceptionText(_ args: [PyValue]) throws(PyException) -> String {
        switch args.count {
        case 0: return ""
        case 1: return try str(args[0])
        default: return try repr(.tuple(args))
        }
    }

    func instanceFormat(_ instance: PyInstance, _ spec: String) throws(PyException) -> String? {
        if let r = try callSpecial(instance, "__format__", Arguments([.str(spec)])) {
            guard case .str(let s) = r else { throw PyException.typeError("__format__ must return a str, not \(r.typeName)") }
            return s
        }
        if spec.isEmpty { return try instanceStr(instance) }
        if let base = instance.base, instance.cls.exceptionKind == nil { return try formatValue(base, spec) }
        throw PyException.typeError("unsupported format string passed to \(instance.cls.name).__format__")
    }

    // MARK: containers and truth

    func instanceIterator(_ instance: PyInstance) throws(PyException) -> PyIterator? {
        if let r = try callSpecial(instance, "__iter__", Arguments()) {
            return try asIterator(r)
        }
        if instance.cls.lookupOverride("__getitem__") != nil {
            var i = 0
            return PyIterator(kind: "iterator") { [unowned self] () throws(PyException) -> PyValue? in
                do throws(PyException) {
                    let v = try self.callSpecial(instance, "__getitem__", Arguments([.int(i)]))
                    i += 1
                    return v
                } catch {
                    if self.exceptionIs(error, "IndexError") || self.exceptionIs(error, "StopIteration") { return nil }
                    throw error
                }
            }
        }
        if let base = instance.base { return try iterate(base) }
        return nil
    }

    /// What `__iter__` returned, as an iterator: an iterator object as it is, an instance
    /// with `__next__` through its method (StopIteration ends it).
    func asIterator(_ value: PyValue) throws(PyException) -> PyIterator {
        if case .object(let it as PyIterator) = value { return it }
        if case .object(let inst as PyInstance) = value, inst.cls.lookupOverride("__next__") != nil {
            return PyIterator(kind: inst.typeName) { [unowned self] () throws(PyException) -> PyValue? in
                do throws(PyException) {
                    return try self.callSpecial(inst, "__next__", Arguments())
                } catch {
                    if self.exceptionIs(error, "StopIteration") { return nil }
                    throw error
                }
            }
        }
        throw PyException.typeError("iter() returned non-iterator of type '\(value.typeName)'")
    }

    func instanceLength(_ instance: PyInstance) throws(PyException) -> Int? {
        if let r = try callSpecial(instance, "__len__", Arguments()) {
            var n: Int
            if let big = r.bigIntValue {
                if big < 0 { throw PyException.valueError("__len__() should return >= 0") }
                guard let small = Int(exactly: big) else {
                    throw PyException("OverflowError", "cannot fit 'int' into an index-sized integer")
                }
                n = small
            } else if case .object(let o) = r, let i = try o.toIndex(self) {
                n = i
            } else {
                throw PyException.typeError("'\(r.typeName)' object cannot be interpreted as an integer")
            }
            if n < 0 { throw PyException.valueError("__len__() should return >= 0") }
            return n
        }
        if let base = instance.base { return try len(base) }
        return nil
    }

    func instanceTruth(_ instance: PyInstance) throws(PyException) -> Bool {
        if let r = try callSpecial(instance, "__bool__", Arguments()) {
            guard case .bool(let b) = r else { throw PyException.typeError("__bool__ should return bool, returned \(r.typeName)") }
            return b
        }
        if let n = try instanceLength(instance) { return n != 0 }
        if let base = instance.base { return try truth(base) }
        return true
    }

    // MARK: operators

    func instanceBinary(_ instance: PyInstance, _ op: BinaryOperator, _ other: PyValue, reflected: Bool) throws(PyException) -> PyValue? {
        // the reflected method is for operands of different types, as in CPython
        if reflected, case .object(let o as PyInstance) = other, o.cls === instance.cls { return nil }
        let name = reflected ? "__r\(op.dunder)__" : "__\(op.dunder)__"
        if let r = try callSpecial(instance, name, Arguments([other])), !isNotImplemented(r) { return r }
        guard let base = instance.base, instance.cls.lookupOverride(name) == nil else { return nil }
        return reflected ? try binaryOperation(op, other, base) : try binaryOperation(op, base, other)
    }

    /// `x op= y` through `__iop__`, when the instance's class defines it.
    func instanceInPlace(_ instance: PyInstance, _ op: BinaryOperator, _ value: PyValue) throws(PyException) -> PyValue? {
        if let r = try callSpecial(instance, "__i\(op.dunder)__", Arguments([value])), !isNotImplemented(r) { return r }
        return nil
    }

    static let comparisonDunders: [CompareOperator: String] = [
        .equal: "__eq__", .notEqual: "__ne__", .less: "__lt__", .lessEqual: "__le__", .greater: "__gt__", .greaterEqual: "__ge__",
    ]

    func instanceCompare(_ instance: PyInstance, _ op: CompareOperator, _ other: PyValue) throws(PyException) -> PyValue? {
        guard let name = Interpreter.comparisonDunders[op] else { return nil }
        if let r = try callSpecial(instance, name, Arguments([other])), !isNotImplemented(r) { return r }
        if op == .notEqual, instance.cls.lookupOverride("__ne__") == nil,
           let r = try callSpecial(instance, "__eq__", Arguments([other])), !isNotImplemented(r) {
            return .bool(!(try truth(r)))
        }
        if let base = instance.base, instance.cls.lookupOverride(name) == nil {
            var otherValue = other
            if case .object(let o as PyInstance) = other, let otherBase = o.base, o.cls.lookupOverride(name) == nil {
                otherValue = otherBase
            }
            return try compare(op, base, otherValue)
        }
        return nil
    }

    /// The instance's `__hash__` when its class defines one; nil to hash by identity (or by
    /// the builtin value it extends). A class that defines `__eq__` alone is unhashable.
    func instanceHash(_ instance: PyInstance) throws(PyException) -> Int? {
        guard let raw = instance.cls.lookupOverride("__hash__") else { return nil }
        if raw.isNone { throw PyException.typeError("unhashable type: '\(instance.cls.name)'") }
        let r = try call(try bind(raw, to: .object(instance), owner: instance.cls), Arguments())
        guard let big = r.bigIntValue else { throw PyException.typeError("__hash__ method should return an integer") }
        return Int(truncatingIfNeeded: big)
    }

    /// Calls the builtin function `name` (`abs`, `len`, ...).
    func callBuiltin(_ name: String, _ args: [PyValue]) throws(PyException) -> PyValue {
        try call(builtins[name] ?? .none, Arguments(args))
    }

    /// Whether `error` is an instance of the builtin exception class `kind`, including
    /// instances of user classes derived from it.
    func exceptionIs(_ error: PyException, _ kind: String) -> Bool {
        if let raised = error.payload as? RaisedObject, let instance = raised.object as? PyInstance {
            return instance.cls.isSubclass(of: exceptionTypeObject(kind))
        }
        return ExceptionHierarchy.isSubclass(error.kind, of: kind)
    }

    func exceptionTypeObject(_ kind: String) -> PyObject {
        if case .object(let t) = exceptionType(kind) { return t }
        return objectType
    }

    // MARK: the builtin classes' special methods

    static let payloadDunders: Set<String> = [
        "__getitem__", "__setitem__", "__delitem__", "__len__", "__iter__", "__contains__", "__hash__", "__repr__",
        "__str__", "__bool__", "__format__", "__init__", "__new__", "__neg__", "__pos__", "__abs__", "__invert__",
        "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
    ]

    /// The special method `name` of builtin class `t` (`object.__init__`, `tuple.__getitem__`,
    /// `Exception.__str__`), as a function that takes the instance first; nil if it has none.
    func builtinSlot(_ t: PyType, _ name: String) -> PyValue? {
        guard name.hasPrefix("__"), name.hasSuffix("__") else {
            return payloadMethod(t, name)
        }
        if t.exceptionKind != nil, let slot = exceptionSlot(t, name) { return slot }
        if t.name == "object" { return objectSlot(t, name) }
        let binaryNames = Set(Interpreter.binaryOperatorsByDunder.keys)
        guard Interpreter.payloadDunders.contains(name) || binaryNames.contains(name) else { return nil }
        let body: PySlotWrapper.Body = { (interp: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
            try interp.payloadOperation(name, t, receiver, args)
        }
        let wrapper = PySlotWrapper(name, owner: t, body)
        return name == "__new__" ? .object(PyStaticMethod(.object(wrapper))) : .object(wrapper)
    }

    /// A named method of a builtin class (`dict.keys`, `list.append`) taken from the class.
    private func payloadMethod(_ t: PyType, _ name: String) -> PyValue? {
        let methods: [String: [String]] = ["list": Interpreter.listMethods, "dict": Interpreter.dictMethods,
                                           "str": Interpreter.strMethods, "tuple": ["count", "index"]]
        guard methods[t.name]?.contains(name) == true else { return nil }
        return .object(PySlotWrapper(name, owner: t) { (interp: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
            let target = interp.payload(receiver)
            guard let method = try interp.builtinMethod(target, name) else {
                throw PyException("AttributeError", "type object '\(t.name)' has no attribute '\(name)'")
            }
            return try interp.call(method, args)
        })
    }

    /// The value a builtin method works on: the builtin value an instance extends.
    func payload(_ receiver: PyValue) -> PyValue {
        if case .object(let i as PyInstance) = receiver, let base = i.base { return base }
        return receiver
    }

    static let binaryOperatorsByDunder: [String: (BinaryOperator, Bool)] = {
        var table: [String: (BinaryOperator, Bool)] = [:]
        let all: [BinaryOperator] = [.add, .subtract, .multiply, .divide, .floorDivide, .modulo, .power, .matmul,
                                     .leftShift, .rightShift, .and, .or, .xor]
        for op in all {
            table["__\(op.dunder)__"] = (op, false)
            table["__r\(op.dunder)__"] = (op, true)
        }
        return table
    }()

    private func payloadOperation(_ name: String, _ t: PyType, _ receiver: PyValue, _ args: Arguments) throws(PyException) -> PyValue {
        if name == "__new__" {
            guard case .object(let cls as PyClass)? = args.positional.first else {
                return try call(.object(t), Arguments(Array(args.positional.dropFirst()), keywords: args.keywords))
            }
            return .object(try newInstance(cls, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords), hasInit: true))
        }
        let target = payload(receiver)
        let a = args.positional
        func arg(_ i: Int) throws(PyException) -> PyValue {
            guard i < a.count else { throw PyException.typeError("expected \(i + 1) argument\(i == 0 ? "" : "s"), got \(a.count)") }
            return a[i]
        }
        if let (op, reflected) = Interpreter.binaryOperatorsByDunder[name] {
            let other = try arg(0)
            return reflected ? try binaryOperation(op, other, target) : try binaryOperation(op, target, other)
        }
        if let op = Interpreter.comparisonDunders.first(where: { $0.value == name })?.key {
            return try compare(op, target, payload(try arg(0)))
        }
        switch name {
        case "__getitem__": return try getItem(target, try arg(0))
        case "__setitem__": try setItem(target, try arg(0), try arg(1)); return .none
        case "__delitem__": try deleteItem(target, try arg(0)); return .none
        case "__len__": return .int(try len(target))
        case "__iter__": return .object(try iterate(target))
        case "__contains__": return .bool(try contains(target, try arg(0)))
        case "__hash__": return .int(try hashValue(target))
        case "__repr__": return .str(try repr(target))
        case "__str__": return .str(try str(target))
        case "__bool__": return .bool(try truth(target))
        case "__format__": return .str(try formatValue(target, try requireString(try arg(0), "format spec must be str, not")))
        case "__neg__": return try unaryOperation(.negative, target)
        case "__pos__": return try unaryOperation(.positive, target)
        case "__invert__": return try unaryOperation(.invert, target)
        case "__abs__": return try callBuiltin("abs", [target])
        case "__init__":
            if case .object(let i as PyInstance) = receiver { try builtinInit(i, args) }
            return .none
        default:
            throw PyException("AttributeError", "type object '\(t.name)' has no attribute '\(name)'")
        }
    }

    private func objectSlot(_ t: PyType, _ name: String) -> PyValue? {
        let body: PySlotWrapper.Body
        switch name {
        case "__init__":
            body = { (interp: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
                if !args.positional.isEmpty || !args.keywords.isEmpty {
                    if case .object(let i as PyInstance) = receiver, i.cls.lookupOverride("__init__") == nil {
                        throw PyException.typeError("\(i.cls.name).__init__() takes exactly one argument (the instance to initialize)")
                    }
                    throw PyException.typeError("object.__init__() takes exactly one argument (the instance to initialize)")
                }
                return .none
            }
        case "__new__":
            let wrapper = PySlotWrapper(name, owner: t) { (interp: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
                guard case .object(let cls as PyClass) = receiver else {
                    if case .object(let b as PyType) = receiver, b.name == "object" { return .object(PyPlainObject()) }
                    throw PyException.typeError("object.__new__(X): X is not a type object (\(receiver.typeName))")
                }
                return .object(try interp.newInstance(cls, Arguments(), hasInit: true))
            }
            return .object(PyStaticMethod(.object(wrapper)))
        case "__repr__":
            body = { (interp: Interpreter, receiver: PyValue, _: Arguments) throws(PyException) -> PyValue in
                if case .object(let i as PyInstance) = receiver { return .str("<\(i.cls.displayName) object at \(i.addressText)>") }
                return .str(try interp.repr(receiver))
            }
        case "__str__":
            body = { (interp: Interpreter, receiver: PyValue, _: Arguments) throws(PyException) -> PyValue in .str(try interp.repr(receiver)) }
        case "__eq__", "__ne__":
            body = { (interp: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
                guard let other = args.positional.first else { throw PyException.typeError("expected 1 argument, got 0") }
                if interp.identical(receiver, other) { return .bool(name == "__eq__") }
                return interp.notImplemented
            }
        case "__lt__", "__le__", "__gt__", "__ge__":
            body = { (interp: Interpreter, _: PyValue, _: Arguments) throws(PyException) -> PyValue in interp.notImplemented }
        case "__hash__":
            body = { (interp: Interpreter, receiver: PyValue, _: Arguments) throws(PyException) -> PyValue in
                .int(try interp.hashValue(receiver))
            }
        case "__setattr__":
            body = { (interp: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("__setattr__", ["name", "value"], required: 2, positionalOnly: 2)
                let attribute = try interp.attributeName(slots[0] ?? .none)
                if case .object(let i as PyInstance) = receiver {
                    try interp.genericSetAttribute(i, attribute, slots[1] ?? .none)
                } else {
                    try interp.setAttribute(receiver, attribute, slots[1] ?? .none)
                }
                return .none
            }
        case "__delattr__":
            body = { (interp: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("__delattr__", ["name"], required: 1, positionalOnly: 1)
                let attribute = try interp.attributeName(slots[0] ?? .none)
                if case .object(let i as PyInstance) = receiver {
                    try interp.genericDeleteAttribute(i, attribute)
                } else {
                    try interp.deleteAttribute(receiver, attribute)
                }
                return .none
            }
        case "__getattribute__":
            body = { (interp: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("__getattribute__", ["name"], required: 1, positionalOnly: 1)
                return try interp.getAttribute(receiver, try interp.attributeName(slots[0] ?? .none))
            }
        case "__format__":
            body = { (interp: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("__format__", ["format_spec"], required: 1, positionalOnly: 1)
                let spec = try interp.requireString(slots[0] ?? .none, "format spec must be str, not")
                if !spec.isEmpty { throw PyException.typeError("unsupported format string passed to \(receiver.typeName).__format__") }
                return .str(try interp.str(receiver))
            }
        case "__init_subclass__":
            let wrapper = PySlotWrapper(name, owner: t) { (_: Interpreter, _: PyValue, args: Arguments) throws(PyException) -> PyValue in
                if !args.keywords.isEmpty { throw PyException.typeError("__init_subclass__() takes no keyword arguments") }
                return .none
            }
            return .object(PyClassMethod(.object(wrapper)))
        case "__dir__":
            body = { (interp: Interpreter, receiver: PyValue, _: Arguments) throws(PyException) -> PyValue in
                .list(PyList(interp.attributeNames(of: receiver).map { .str($0) }))
            }
        default:
            return nil
        }
        return .object(PySlotWrapper(name, owner: t, body))
    }

    private func exceptionSlot(_ t: PyType, _ name: String) -> PyValue? {
        let body: PySlotWrapper.Body
        switch name {
        case "__init__":
            body = { (_: Interpreter, receiver: PyValue, args: Arguments) throws(PyException) -> PyValue in
                if case .object(let i as PyInstance) = receiver { i.exceptionArguments = args.positional }
                return .none
            }
        case "__str__":
            body = { (interp: Interpreter, receiver: PyValue, _: Arguments) throws(PyException) -> PyValue in
                if case .object(let i as PyInstance) = receiver { return .str(try interp.exceptionText(i.exceptionArguments)) }
                return .str(try interp.str(receiver))
            }
        case "__repr__":
            body = { (interp: Interpreter, receiver: PyValue, _: Arguments) throws(PyException) -> PyValue in
                if case .object(let i as PyInstance) = receiver { return .str(try interp.defaultRepr(i)) }
                return .str(try interp.repr(receiver))
            }
        default:
            return nil
        }
        return .object(PySlotWrapper(name, owner: t, body))
    }

    var notImplemented: PyValue { builtins["NotImplemented"] ?? .none }
}

/// A special method of a builtin class (`object.__init__`, `tuple.__getitem__`): called with
/// the instance first, it binds to instances like a function.
final class PySlotWrapper: PyObject {
    typealias Body = (Interpreter, PyValue, Arguments) throws(PyException) -> PyValue

    let name: String
    let owner: PyType
    let body: Body

    init(_ name: String, owner: PyType, _ body: @escaping Body) {
        self.name = name
        self.owner = owner
        self.body = body
    }

    override var typeName: String { "wrapper_descriptor" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<slot wrapper '\(name)' of '\(owner.name)' objects>"
    }

    override var isCallable: Bool { true }

    override var bindsAsMethod: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        guard let receiver = args.positional.first else {
            throw PyException.typeError("descriptor '\(name)' of '\(owner.name)' object needs an argument")
        }
        return try body(interp, receiver, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords))
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__name__": return .str(self.name)
        case "__qualname__": return .str("\(owner.name).\(self.name)")
        default: return nil
        }
    }
}
