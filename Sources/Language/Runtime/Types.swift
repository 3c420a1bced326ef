import JaxCore

/// A Python class object: a builtin type (`int`, `list`), an exception class, or a library
/// class such as `jaxlib._jax.ArrayImpl`. It prints as `<class 'name'>`, checks instances,
/// and may be called to construct a value.
final class PyType: PyObject {
    /// How `isinstance(value, type)` is decided.
    typealias InstanceCheck = (PyValue) -> Bool

    /// The fully qualified name printed in `<class '...'>`.
    let qualifiedName: String
    /// The short name (`ArrayImpl`), used in messages and `__name__`.
    let name: String
    let isInstance: InstanceCheck
    let construct: PyBuiltin.Body?
    /// For exception classes: the exception kind it stands for.
    let exceptionKind: String?
    var attributes: [String: PyValue] = [:]

    init(_ qualifiedName: String, isInstance: @escaping InstanceCheck, construct: PyBuiltin.Body?) {
        self.qualifiedName = qualifiedName
        self.name = String(qualifiedName.split(separator: ".").last ?? Substring(qualifiedName))
        self.isInstance = isInstance
        self.construct = construct
        self.exceptionKind = nil
    }

    /// An exception class for `kind`; calling it makes an exception object.
    init(exceptionKind kind: String) {
        self.qualifiedName = ExceptionHierarchy.qualifiedName(kind)
        // a dotted kind (jaxlib's MLIRError) is named by its last component, as Python's __name__ is
        self.name = String(kind.split(separator: ".").last ?? Substring(kind))
        self.exceptionKind = kind
        self.isInstance = { value in
            if case .object(let o) = value, let e = o as? PyExceptionObject {
                return ExceptionHierarchy.isSubclass(e.exception.kind, of: kind)
            }
            return false
        }
        self.construct = { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            var message = ""
            if args.positional.count == 1 {
                message = kind == "KeyError" ? try interp.repr(args.positional[0]) : try interp.str(args.positional[0])
                if kind == "KeyError" { interp.keyErrorKeys[message] = args.positional[0] }
            } else if args.positional.count > 1 {
                message = try interp.repr(.tuple(args.positional))
            }
            return .object(PyExceptionObject(PyException(kind, message), args: args.positional))
        }
    }

    override var typeName: String { "type" }

    override func pythonType(_ interp: Interpreter) -> PyValue { interp.builtinType(named: "type") }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { "<class '\(qualifiedName)'>" }

    override var isCallable: Bool { construct != nil }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        guard let construct else { throw PyException.typeError("cannot create '\(qualifiedName)' instances") }
        return try construct(interp, args)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__name__", "__qualname__": return .str(self.name)
        case "__module__":
            let parts = qualifiedName.split(separator: ".")
            return .str(parts.count > 1 ? parts.dropLast().joined(separator: ".") : "builtins")
        case "__mro__": return .tuple(interp.mro(of: .object(self)))
        case "__bases__":
            let mro = interp.mro(of: .object(self))
            return .tuple(mro.count > 1 ? [mro[1]] : [])
        case "__doc__": return attributes[name] ?? PyValue.none
        default: break
        }
        if let v = attributes[name] { return v }
        guard let slot = interp.builtinSlot(self, name) else { return nil }
        switch slot {
        case .object(let s as PyStaticMethod): return s.function
        case .object(let c as PyClassMethod): return .object(PyBoundMethod(receiver: .object(self), function: c.function))
        default: return slot
        }
    }

    /// Builtin classes that `list[int]`-style subscripts turn into aliases.
    static let genericBuiltins: Set<String> = ["list", "dict", "tuple", "set", "frozenset", "type"]

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        guard PyType.genericBuiltins.contains(qualifiedName) else {
            throw PyException.typeError("type '\(qualifiedName)' is not subscriptable")
        }
        return .object(PyGenericAlias(origin: .object(self), arguments: index))
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        let same: Bool
        if case .object(let o) = other { same = o === self } else { same = false }
        return .bool(op == .equal ? same : !same)
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .or else { return nil }
        return .object(PyUnionType(reflected ? [other, .object(self)] : [.object(self), other]))
    }

    override func attributeNames() -> [String] { attributes.keys.sorted() }
}

/// A raised or raisable exception as a Python value (`except E as e`, `ValueError("x")`).
final class PyExceptionObject: PyObject {
    var exception: PyException
    let args: [PyValue]
    /// Attributes set on the exception (`e.note = ...`).
    let attributes = PyDict()

    init(_ exception: PyException, args: [PyValue]? = nil) {
        self.exception = exception
        self.args = args ?? (exception.message.isEmpty ? [] : [.str(exception.message)])
    }

    override var typeName: String { exception.kind }

    override func pythonType(_ interp: Interpreter) -> PyValue { interp.exceptionType(exception.kind) }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        if args.count == 1 { return "\(exception.kind)(\(try interp.repr(args[0])))" }
        return "\(exception.kind)(\(try args.map { (a: PyValue) throws(PyException) in try interp.repr(a) }.joined(separator: ", ")))"
    }

    override func str(_ interp: Interpreter) throws(PyException) -> String { exception.message }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "args": return .tuple(args)
        case "__class__": return pythonType(interp)
        case "__traceback__", "__cause__", "__context__": return PyValue.none
        case "value" where exception.kind == "StopIteration": return args.first ?? PyValue.none
        default: return try attributes.get(.str(name))
        }
    }

    override func setAttribute(_ name: String, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        try attributes.set(.str(name), value)
    }
}

/// The Python object behind a raised `PyException`, so `except ... as e` gets back the very
/// object that was raised, attributes and class included.
final class RaisedObject: @unchecked Sendable {
    // Only the interpreter's thread ever reads or writes the object.
    let object: PyObject

    init(_ object: PyObject) { self.object = object }
}

/// Python's exception class tree, for `except` matching and `isinstance`.
enum ExceptionHierarchy {
    static let parents: [String: String] = [
        "Exception": "BaseException",
        "KeyboardInterrupt": "BaseException",
        "SystemExit": "BaseException",
        "GeneratorExit": "BaseException",
        "ArithmeticError": "Exception",
        "ZeroDivisionError": "ArithmeticError",
        "OverflowError": "ArithmeticError",
        "FloatingPointError": "ArithmeticError",
        "LookupError": "Exception",
        "IndexError": "LookupError",
        "KeyError": "LookupError",
        "ValueError": "Exception",
        "TypeError": "Exception",
        "NameError": "Exception",
        "UnboundLocalError": "NameError",
        "AttributeError": "Exception",
        "RuntimeError": "Exception",
        "RecursionError": "RuntimeError",
        "NotImplementedError": "RuntimeError",
        "ImportError": "Exception",
        "ModuleNotFoundError": "ImportError",
        "AssertionError": "Exception",
        "StopIteration": "Exception",
        "MemoryError": "Exception",
        "SyntaxError": "Exception",
        "IndentationError": "SyntaxError",
        "TabError": "IndentationError",
        "OSError": "Exception",
        "FileNotFoundError": "OSError",
        "EOFError": "Exception",
        "Warning": "Exception",
        "UserWarning": "Warning",
        "DeprecationWarning": "Warning",
        "RuntimeWarning": "Warning",
        "FutureWarning": "Warning",
        "JAXTypeError": "TypeError",
        "JAXIndexError": "IndexError",
        "ConcretizationTypeError": "JAXTypeError",
        "TracerBoolConversionError": "ConcretizationTypeError",
        "TracerIntegerConversionError": "JAXTypeError",
        "TracerArrayConversionError": "JAXTypeError",
        "NonConcreteBooleanIndexError": "JAXIndexError",
        "UnexpectedTracerError": "JAXTypeError",
        "KeyReuseError": "JAXTypeError",
        "JaxRuntimeError": "Exception",
        "XlaRuntimeError": "Exception",
    ]

    /// The classes a script can name directly (builtins).
    static let builtinNames: [String] = [
        "BaseException", "Exception", "KeyboardInterrupt", "SystemExit", "ArithmeticError",
        "ZeroDivisionError", "OverflowError", "FloatingPointError", "LookupError", "IndexError", "KeyError",
        "ValueError", "TypeError", "NameError", "UnboundLocalError", "AttributeError", "RuntimeError",
        "RecursionError", "NotImplementedError", "ImportError", "ModuleNotFoundError", "AssertionError",
        "StopIteration", "MemoryError", "SyntaxError", "IndentationError", "GeneratorExit", "OSError",
        "FileNotFoundError", "EOFError", "Warning", "UserWarning", "DeprecationWarning", "RuntimeWarning",
        "FutureWarning",
    ]

    /// JAX's exception classes, found under `jax.errors`.
    static let jaxErrorNames: [String] = [
        "ConcretizationTypeError", "TracerBoolConversionError", "TracerIntegerConversionError",
        "TracerArrayConversionError", "NonConcreteBooleanIndexError", "UnexpectedTracerError", "KeyReuseError",
        "JaxRuntimeError",
    ]

    static func isSubclass(_ kind: String, of ancestor: String) -> Bool {
        var k: String? = kind
        var steps = 0
        while let current = k, steps < 32 {
            if current == ancestor { return true }
            // unknown kinds (from the array core) behave as plain Exceptions
            k = parents[current] ?? (current == "BaseException" ? nil : "Exception")
            steps += 1
        }
        return false
    }

    /// The name printed in `<class '...'>` and in tracebacks of uncaught exceptions.
    static func qualifiedName(_ kind: String) -> String {
        if kind == "JAXTypeError" || kind == "JAXIndexError" { return "jax._src.errors.\(kind)" }
        return jaxErrorNames.contains(kind) ? "jax.errors.\(kind)" : kind
    }
}

/// A function defined with `def` or `lambda`: its code, the scopes it closes over, and its
/// default values (evaluated once, when the `def` ran).
final class PyFunction: PyObject {
    let code: FunctionCode
    let globals: Scope
    /// The enclosing function's scope, for closures; nil at module level.
    let enclosing: Scope?
    let defaults: [String: PyValue]
    var name: String
    var qualifiedName: String
    var module = "__main__"
    /// `__doc__` once assigned; until then the docstring of the body.
    var assignedDoc: PyValue?
    /// The function's own attributes (`f.calls = 0`, `__wrapped__`).
    let attributes = PyDict()
    /// For functions defined in a class body (and functions nested in them): the class,
    /// for zero-argument `super()`.
    var classCell: ClassCell?

    init(code: FunctionCode, globals: Scope, enclosing: Scope?, defaults: [String: PyValue]) {
        self.code = code
        self.globals = globals
        self.enclosing = enclosing
        self.defaults = defaults
        self.name = code.name
        self.qualifiedName = code.qualifiedName
    }

    override var typeName: String { "function" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<function \(qualifiedName) at \(addressText)>"
    }

    override var isCallable: Bool { true }

    override var bindsAsMethod: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        try interp.callFunction(self, args)
    }

    var docstring: PyValue {
        if let assignedDoc { return assignedDoc }
        if !code.isLambda, case .expression(let e)? = code.body.first?.kind, case .constant(.str(let doc)) = e.kind {
            return .str(doc)
        }
        return .none
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__name__": return .str(self.name)
        case "__qualname__": return .str(qualifiedName)
        case "__module__": return .str(module)
        case "__doc__": return docstring
        case "__dict__": return .dict(attributes)
        case "__defaults__":
            let values = code.parameters.filter { $0.kind == .normal }.compactMap { defaults[$0.name] }
            return values.isEmpty ? PyValue.none : .tuple(values)
        case "__annotations__": return .dict(PyDict())
        default: return try attributes.get(.str(name))
        }
    }

    override func setAttribute(_ name: String, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        func text() throws(PyException) -> String {
            guard case .str(let s) = value else {
                throw PyException.typeError("__\(name.dropFirst(2).dropLast(2))__ must be set to a string object")
            }
            return s
        }
        switch name {
        case "__name__": self.name = try text()
        case "__qualname__": qualifiedName = try text()
        case "__module__": module = (try? text()) ?? module
        case "__doc__": assignedDoc = value
        default: try attributes.set(.str(name), value)
        }
    }

    override func deleteAttribute(_ name: String, _ interp: Interpreter) throws(PyException) {
        if try attributes.remove(.str(name)) == nil {
            throw PyException("AttributeError", "'function' object has no attribute '\(name)'")
        }
    }

    override func attributeNames() -> [String] {
        var names = ["__name__", "__qualname__", "__module__", "__doc__", "__dict__", "__defaults__"]
        for case .str(let k) in attributes.keys { names.append(k) }
        return names
    }
}

/// A variable scope: the module's globals, one function call's locals, or a comprehension's.
final class Scope {
    var values: [String: PyValue] = [:]
    /// A class body's names in the order they were first bound (the class `__dict__` order).
    var classBodyOrder: [String]?
    /// The class cell of the function running in this scope (or of the class body), for
    /// `super()` and for the functions defined here.
    var classCell: ClassCell?
    /// The enclosing scope (for closures); nil for the module scope.
    let parent: Scope?
    let isModule: Bool
    /// Names bound in this scope (a function's locals are known before it runs).
    let locals: Set<String>
    let globalNames: Set<String>
    let nonlocalNames: Set<String>

    /// The module scope.
    init() {
        parent = nil
        isModule = true
        locals = []
        globalNames = []
        nonlocalNames = []
    }

    var isClassBody: Bool { classBodyOrder != nil }

    /// The nearest enclosing scope that is not a class body: where functions defined here
    /// find their free variables (a class body's names are not visible to its methods).
    var functionParent: Scope? {
        var s: Scope? = self
        while let current = s, current.isClassBody { s = current.parent }
        if let s, s.isModule { return nil }
        return s
    }

    init(parent: Scope?, locals: Set<String>, globalNames: Set<String> = [], nonlocalNames: Set<String> = []) {
        self.parent = parent
        self.isModule = false
        self.locals = locals
        self.globalNames = globalNames
        self.nonlocalNames = nonlocalNames
    }
}
