import JaxCore

/// A function bound to the object it was looked up on (`p.norm`): calling it passes that
/// object first.
final class PyBoundMethod: PyObject {
    let receiver: PyValue
    let function: PyValue

    init(receiver: PyValue, function: PyValue) {
        self.receiver = receiver
        self.function = function
    }

    override var typeName: String { "method" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<bound method \(try interp.functionQualifiedName(function)) of \(try interp.repr(receiver))>"
    }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        var positional = [receiver]
        positional.append(contentsOf: args.positional)
        return try interp.call(function, Arguments(positional, keywords: args.keywords))
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__self__": return receiver
        case "__func__": return function
        default: return try? interp.getAttribute(function, name)
        }
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        guard case .object(let o as PyBoundMethod) = other else { return .bool(op == .notEqual) }
        let same = interp.identical(receiver, o.receiver) && interp.identical(function, o.function)
        return .bool(op == .equal ? same : !same)
    }

    override func hashKey() throws(PyException) -> String? {
        func identity(_ v: PyValue) -> String {
            if case .object(let o) = v { return o.addressText }
            return v.typeName
        }
        return "method:\(identity(receiver)):\(identity(function))"
    }
}

/// `@staticmethod`: a function the class and its instances return unbound.
final class PyStaticMethod: PyObject {
    let function: PyValue

    init(_ function: PyValue) { self.function = function }

    override var typeName: String { "staticmethod" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<staticmethod(\(try interp.repr(function)))>"
    }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        try interp.call(function, args)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == "__func__" ? function : try? interp.getAttribute(function, name)
    }
}

/// `@classmethod`: a function bound to the class, whether looked up on it or an instance.
final class PyClassMethod: PyObject {
    let function: PyValue

    init(_ function: PyValue) { self.function = function }

    override var typeName: String { "classmethod" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<classmethod(\(try interp.repr(function)))>"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == "__func__" ? function : try? interp.getAttribute(function, name)
    }
}

/// A class attribute that takes over getting, setting and deleting the attribute of the same
/// name on instances (a property, a named tuple's field).
protocol DataDescriptor: PyObject {
    func get(_ instance: PyValue, owner: PyClass, _ interp: Interpreter) throws(PyException) -> PyValue
    func set(_ instance: PyInstance, _ value: PyValue, _ interp: Interpreter) throws(PyException)
    func delete(_ instance: PyInstance, _ interp: Interpreter) throws(PyException)
}

/// A descriptor that learns the name it is stored under when its class is created
/// (`__set_name__`), for its messages and its storage.
protocol NamedAttribute: AnyObject {
    var name: String? { get set }
}

/// `@property` (with `.setter` and `.deleter`): attribute access that calls functions.
final class PyProperty: PyObject, DataDescriptor, NamedAttribute {
    let getter: PyValue
    let setter: PyValue
    let deleter: PyValue
    let doc: PyValue
    /// The attribute name, once known (`__set_name__`), for error messages.
    var name: String?

    init(getter: PyValue, setter: PyValue = .none, deleter: PyValue = .none, doc: PyValue = .none) {
        self.getter = getter
        self.setter = setter
        self.deleter = deleter
        self.doc = doc
    }

    override var typeName: String { "property" }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        func copy(getter: PyValue? = nil, setter: PyValue? = nil, deleter: PyValue? = nil) -> PyValue {
            let p = PyProperty(getter: getter ?? self.getter, setter: setter ?? self.setter,
                               deleter: deleter ?? self.deleter, doc: doc)
            p.name = self.name
            return .object(p)
        }
        func decorator(_ make: @escaping (PyValue) -> PyValue) -> PyValue {
            .object(PyBuiltin(name, owner: "property") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                guard args.positional.count == 1 else {
                    throw PyException.typeError("\(name)() takes exactly one argument (\(args.positional.count) given)")
                }
                return make(args.positional[0])
            })
        }
        switch name {
        case "fget": return getter
        case "fset": return setter
        case "fdel": return deleter
        case "__doc__":
            if !doc.isNone { return doc }
            return getter.isNone ? PyValue.none : (try? interp.getAttribute(getter, "__doc__")) ?? PyValue.none
        case "getter": return decorator { copy(getter: $0) }
        case "setter": return decorator { copy(setter: $0) }
        case "deleter": return decorator { copy(deleter: $0) }
        default: return nil
        }
    }

    /// The attribute's name as Python's messages quote it (`property 'x' of 'Point' object`).
    func described(_ owner: String) -> String {
        if let name { return "property '\(name)' of '\(owner)' object" }
        return "property of '\(owner)' object"
    }

    func get(_ instance: PyValue, owner: PyClass, _ interp: Interpreter) throws(PyException) -> PyValue {
        if getter.isNone { throw PyException("AttributeError", "\(described(owner.name)) has no getter") }
        return try interp.call(getter, Arguments([instance]))
    }

    func set(_ instance: PyInstance, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        if setter.isNone { throw PyException("AttributeError", "\(described(instance.cls.name)) has no setter") }
        _ = try interp.call(setter, Arguments([.object(instance), value]))
    }

    func delete(_ instance: PyInstance, _ interp: Interpreter) throws(PyException) {
        if deleter.isNone { throw PyException("AttributeError", "\(described(instance.cls.name)) has no deleter") }
        _ = try interp.call(deleter, Arguments([.object(instance)]))
    }
}

/// A named tuple's field: reads item `index` of the tuple; read-only.
final class PyTupleGetter: PyObject, DataDescriptor {
    let index: Int

    init(_ index: Int) { self.index = index }

    override var typeName: String { "_collections._tuplegetter" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "_tuplegetter(\(index), 'Alias for field number \(index)')"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == "__doc__" ? .str("Alias for field number \(index)") : nil
    }

    func get(_ instance: PyValue, owner: PyClass, _ interp: Interpreter) throws(PyException) -> PyValue {
        try interp.getItem(interp.payload(instance), .int(index))
    }

    func set(_ instance: PyInstance, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        throw PyException("AttributeError", "can't set attribute")
    }

    func delete(_ instance: PyInstance, _ interp: Interpreter) throws(PyException) {
        throw PyException("AttributeError", "can't delete attribute")
    }
}

/// `super()` / `super(cls, obj)`: attribute lookup that starts after `start` in the MRO of
/// the receiver's class.
final class PySuper: PyObject {
    let start: PyClass
    /// The instance (or class, in a classmethod) the found functions bind to.
    let receiver: PyValue
    /// The class whose MRO is searched.
    let receiverClass: PyClass

    init(start: PyClass, receiver: PyValue, receiverClass: PyClass) {
        self.start = start
        self.receiver = receiver
        self.receiverClass = receiverClass
    }

    override var typeName: String { "super" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<super: <class '\(start.name)'>, <\(receiverClass.name) object>>"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        try interp.superAttribute(self, name)
    }
}

/// `NotImplemented`: what a special method returns to let the other operand try.
final class PyNotImplemented: PyObject {
    override var typeName: String { "NotImplementedType" }
    override func repr(_ interp: Interpreter) throws(PyException) -> String { "NotImplemented" }
    override func hashKey() throws(PyException) -> String? { "NotImplemented" }

    override func truth(_ interp: Interpreter) throws(PyException) -> Bool {
        interp.warn("DeprecationWarning", "NotImplemented should not be used in a boolean context")
        return true
    }
}

/// `object()`: a featureless instance of the root class.
final class PyPlainObject: PyObject {
    override var typeName: String { "object" }
}
