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
        if name == "__name__" { return .str(self.name) }
        if name == "__qualname__" { return .str(self.name) }
        return attributes[name]
    }

    override func attributeNames() -> [String] { attributes.keys.sorted() }
}

/// A raised or raisable exception as a Python value (`except E as e`, `ValueError("x")`).
final class PyExceptionObject: PyObject {
    var exception: PyException
    let args: [PyValue]

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
        default: return nil
        }
    }
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
        "ConcretizationTypeError": "TypeError",
        "TracerBoolConversionError": "ConcretizationTypeError",
        "TracerIntegerConversionError": "TypeError",
        "TracerArrayConversionError": "TypeError",
        "NonConcreteBooleanIndexError": "IndexError",
        "UnexpectedTracerError": "Exception",
        "KeyReuseError": "Exception",
        "JaxRuntimeError": "Exception",
        "XlaRuntimeError": "Exception",
    ]

    /// The classes a script can name directly (builtins).
    static let builtinNames: [String] = [
        "BaseException", "Exception", "KeyboardInterrupt", "SystemExit", "ArithmeticError",
        "ZeroDivisionError", "OverflowError", "FloatingPointError", "LookupError", "IndexError", "KeyError",
        "ValueError", "TypeError", "NameError", "UnboundLocalError", "AttributeError", "RuntimeError",
        "RecursionError", "NotImplementedError", "ImportError", "ModuleNotFoundError", "AssertionError",
        "StopIteration", "MemoryError", "SyntaxError", "IndentationError",
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
        jaxErrorNames.contains(kind) ? "jax.errors.\(kind)" : kind
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

    init(code: FunctionCode, globals: Scope, enclosing: Scope?, defaults: [String: PyValue]) {
        self.code = code
        self.globals = globals
        self.enclosing = enclosing
        self.defaults = defaults
    }

    override var typeName: String { "function" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<function \(code.name) at \(addressText)>"
    }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        try interp.callFunction(self, args)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__name__", "__qualname__": return .str(code.name)
        case "__doc__":
            if case .expression(let e)? = code.body.first?.kind, case .constant(.str(let doc)) = e.kind { return .str(doc) }
            return PyValue.none
        default: return nil
        }
    }
}

/// A variable scope: the module's globals, one function call's locals, or a comprehension's.
final class Scope {
    var values: [String: PyValue] = [:]
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

    init(parent: Scope?, locals: Set<String>, globalNames: Set<String> = [], nonlocalNames: Set<String> = []) {
        self.parent = parent
        self.isModule = false
        self.locals = locals
        self.globalNames = globalNames
        self.nonlocalNames = nonlocalNames
    }
}
