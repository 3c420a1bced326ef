import JaxCore

/// One activation of a function (or the module), for tracebacks: its name, file and the
/// line it is executing.
final class Frame {
    let name: String
    let file: String
    var line: Int
    /// A function's local scope and first parameter, for zero-argument `super()`.
    let scope: Scope?
    let firstParameter: String?

    init(name: String, file: String, line: Int, scope: Scope? = nil, firstParameter: String? = nil) {
        self.name = name
        self.file = file
        self.line = line
        self.scope = scope
        self.firstParameter = firstParameter
    }
}

/// How a statement finished: normally, or by break/continue/return.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returnValue(PyValue)
}

/// A tree-walking interpreter for the Python subset: executes statements in a module scope,
/// with Python's scoping, exceptions and recursion limit.
public final class Interpreter {
    /// Python's default recursion limit.
    static let recursionLimit = 1000
    /// Repeating a sequence (`[0] * n`, `'ab' * n`) beyond this many items is a MemoryError.
    static let maxSequenceLength = 1 << 26

    let context: JaxContext
    let sink: OutputSink
    let globals = Scope()
    var builtins: [String: PyValue] = [:]
    var builtinTypes: [String: PyType] = [:]
    var exceptionTypes: [String: PyType] = [:]
    /// Modules imported so far, by dotted name.
    var modules: [String: PyValue] = [:]
    /// Extra state that module bindings keep per session (the NumPy RNG, dtype tables, ...).
    var moduleState: [String: AnyObject] = [:]
    var frames: [Frame] = []
    /// Exceptions whose `except` blocks are running, innermost last (for a bare `raise`).
    var handling: [PyException] = []
    /// The keys of KeyErrors raised so far, by message (for `e.args`).
    var keyErrorKeys: [String: PyValue] = [:]
    /// Interactive mode: top-level expression statements print their value's repr.
    var echo = false
    /// Containers being printed right now, so a list that contains itself prints `[...]`.
    var reprInProgress: Set<ObjectIdentifier> = []
    /// How deep a recursion over nested data (comparison, conversion) currently is.
    var nestingDepth = 0
    /// Function names for the traceback of each exception in flight, keyed by its locations.
    var tracebackNames: [[SourceLocation]: [String]] = [:]
    /// Source lines of each file or cell run so far, for tracebacks and warnings.
    var sources: [String: [String]] = [:]
    /// Warnings already shown, by place and text: Python's default filter shows each once.
    var shownWarnings: Set<String> = []
    /// `jax_explain_cache_misses`: a jitted call that traces anew says why on stderr.
    var explainCacheMisses = false
    /// `jax_disable_jit` (or inside `with jax.disable_jit():`): jitted functions run their
    /// Python body op by op instead of tracing it.
    var disableJit = false
    /// `np.set_printoptions`'s settings, this session's only (arrays print with them).
    var printOptions = PrintOptionSettings()
    /// Generators dropped while suspended inside a `try` or `with`, to close after the
    /// current statement.
    var abandonedGenerators: [PyGenerator] = []
    /// The value the current input echoed last (what `_` became), for the session's result.
    var lastEchoed: PyValue?
    /// Called after each top-level statement (a script's output is flushed there).
    var afterTopLevelStatement: (() -> Void)?
    /// Shows an echoed value in place of printing its repr (a notebook cell's `Out[n]`).
    var displayHook: ((PyValue) throws(PyException) -> Void)?
    /// The last value the current input passed to `print`, for the session's result.
    var lastPrinted: PyValue?
    /// The library functions called during the current input (`jax.grad`), while recording:
    /// lessons ask whether an answer used a function, whatever name it was reached by.
    var calledFunctions: Set<String>?

    init(context: JaxContext, sink: OutputSink) {
        self.context = context
        self.sink = sink
        installBuiltins()
    }

    // MARK: running

    /// Executes a parsed module body at the top level.
    func runModule(_ body: [Stmt], file: String, echoExpressions: Bool = false) throws(PyException) {
        let frame = Frame(name: "<module>", file: file, line: 1)
        frames = [frame]
        tracebackNames = [:]
        handling = []
        nestingDepth = 0
        echo = echoExpressions
        defer {
            closeAbandonedGenerators()
            frames = []
        }
        for stmt in body {
            let flow = try exec(stmt, globals, frame)
            afterTopLevelStatement?()
            guard case .normal = flow else { break }
        }
    }

    func execBlock(_ body: [Stmt], _ scope: Scope, _ frame: Frame) throws(PyException) -> Flow {
        for stmt in body {
            let flow = try exec(stmt, scope, frame)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func exec(_ stmt: Stmt, _ scope: Scope, _ frame: Frame) throws(PyException) -> Flow {
        frame.line = stmt.position.line
        let flow: Flow
        do throws(PyException) {
            flow = try execInner(stmt, scope, frame)
        } catch var error {
            stampTraceback(&error)
            throw error
        }
        if !abandonedGenerators.isEmpty { closeAbandonedGenerators() }
        return flow
    }

    /// Closes the generators dropped while suspended, as CPython does when their last
    /// reference goes; an error in one is reported and ignored, as CPython reports it.
    func closeAbandonedGenerators() {
        var rounds = 0
        while !abandonedGenerators.isEmpty && rounds < Interpreter.recursionLimit {
            rounds += 1
            let batch = abandonedGenerators
            abandonedGenerators = []
            for generator in batch {
                do throws(PyException) {
                    try close(generator)
                } catch {
                    let name = (try? repr(.object(generator))) ?? "<generator object>"
                    sink.writeError("Exception ignored in: \(name)\n\(error.description)\n")
                }
            }
        }
        abandonedGenerators = []
    }

    /// The first frame to see an exception records the whole stack in it, innermost first.
    func stampTraceback(_ error: inout PyException) {
        guard error.traceback.isEmpty else { return }
        let locations = frames.reversed().map { SourceLocation(file: $0.file, line: $0.line, column: 0) }
        tracebackNames[locations] = frames.reversed().map(\.name)
        error.traceback = locations
    }

    private func execInner(_ stmt: Stmt, _ scope: Scope, _ frame: Frame) throws(PyException) -> Flow {
        switch stmt.kind {
        case .expression(let e):
            let value = try eval(e, scope)
            // Ctrl-C while the value was computed: neither shown nor kept in `_` (nor assigned below)
            try context.checkInterrupt()
            if echo && scope.isModule && frames.count == 1 && !value.isNone {
                if let displayHook {
                    try displayHook(value)
                } else {
                    sink.write(try repr(value) + "\n")
                    builtins["_"] = value
                }
                lastEchoed = value
            }
        case .assign(let targets, let valueExpr):
            let value = try eval(valueExpr, scope)
            try context.checkInterrupt()
            for target in targets { try assign(target, value, scope) }
        case .augmentedAssign(let target, let op, let valueExpr):
            try augmentedAssign(target, op, valueExpr, scope)
        case .annotatedAssign(let target, let annotation, let valueExpr):
            if scope.isClassBody, case .name(let name) = target.kind {
                try recordAnnotation(name, annotation, scope)
            }
            if let valueExpr {
                let value = try eval(valueExpr, scope)
                try context.checkInterrupt()
                try assign(target, value, scope)
            }
        case .functionDef(let code, let decorators):
            var decoratorValues: [PyValue] = []
            for d in decorators { decoratorValues.append(try eval(d, scope)) }
            var function = try makeFunction(code, scope)
            for d in decoratorValues.reversed() { function = try call(d, Arguments([function])) }
            try store(code.name, function, scope)
        case .classDef(let code, let decorators):
            try execClassDef(code, decorators, scope, frame)
        case .return(let e):
            return .returnValue(try e.map { (x: Expr) throws(PyException) in try eval(x, scope) } ?? .none)
        case .if(let test, let body, let orElse):
            return try execBlock(try truth(try eval(test, scope)) ? body : orElse, scope, frame)
        case .while(let test, let body, let orElse):
            while try truth(try eval(test, scope)) {
                try context.checkInterrupt()
                let flow = try execBlock(body, scope, frame)
                switch flow {
                case .breakLoop: return .normal
                case .returnValue: return flow
                default: break
                }
                frame.line = stmt.position.line
            }
            return try execBlock(orElse, scope, frame)
        case .for(let target, let iterable, let body, let orElse):
            let iterator = try iterate(try eval(iterable, scope))
            while let item = try iterator.next() {
                try context.checkInterrupt()
                try assign(target, item, scope)
                let flow = try execBlock(body, scope, frame)
                switch flow {
                case .breakLoop: return .normal
                case .returnValue: return flow
                default: break
                }
                // the next item is fetched by the for statement: errors there show its line
                frame.line = stmt.position.line
            }
            return try execBlock(orElse, scope, frame)
        case .break:
            return .breakLoop
        case .continue:
            return .continueLoop
        case .pass, .global, .nonlocal:
            break
        case .try(let body, let handlers, let orElse, let finally):
            return try execTry(body, handlers, orElse, finally, scope, frame)
        case .raise(let exc, let cause):
            try execRaise(exc, cause, scope)
        case .assert(let test, let message):
            if try !truth(try eval(test, scope)) {
                let text = try message.map { (m: Expr) throws(PyException) in try str(try eval(m, scope)) } ?? ""
                throw PyException("AssertionError", text)
            }
        case .delete(let targets):
            for target in targets { try delete(target, scope) }
        case .import(let names):
            for (module, alias) in names {
                let value = try importModule(module)
                if let alias {
                    try store(alias, value, scope)
                } else {
                    let top = String(module.split(separator: ".").first ?? Substring(module))
                    try store(top, try importModule(top), scope)
                }
            }
        case .importFrom(let module, let names):
            let value = try importModule(module)
            guard let names else {
                if case .object(let m as PyModule) = value {
                    for (name, v) in m.attributes where !name.hasPrefix("_") { try store(name, v, scope) }
                }
                return .normal
            }
            for (name, alias) in names {
                var attribute: PyValue
                if let v = try? getAttribute(value, name) {
                    attribute = v
                } else if let sub = try? importModule(module + "." + name) {
                    attribute = sub
                } else {
                    throw PyException("ImportError", "cannot import name '\(name)' from '\(module)' (unknown location)")
                }
                try store(alias ?? name, attribute, scope)
            }
        case .with(let items, let body):
            return try execWith(items[...], body, scope, frame, line: stmt.position.line)
        }
        return .normal
    }

    /// `with a as x, b as y:` enters each manager in turn and always calls its `__exit__`,
    /// which may swallow the exception by returning a true value.
    private func execWith(_ items: ArraySlice<(Expr, Expr?)>, _ body: [Stmt], _ scope: Scope, _ frame: Frame,
                          line: Int) throws(PyException) -> Flow {
        guard let (contextExpr, target) = items.first else { return try execBlock(body, scope, frame) }
        let manager = try eval(contextExpr, scope)
        let (enter, exit) = try contextManagerMethods(manager)
        let entered = try call(enter, Arguments())
        let flow: Flow
        do throws(PyException) {
            if let target { try assign(target, entered, scope) }
            flow = try execWith(items.dropFirst(), body, scope, frame, line: line)
        } catch var error {
            stampTraceback(&error)
            // __exit__ runs at the with statement, as its errors' tracebacks show
            frame.line = line
            if try truth(try call(exit, exitArguments(error))) { return .normal }
            throw error
        }
        frame.line = line
        _ = try call(exit, Arguments([.none, .none, .none]))
        return flow
    }

    /// A context manager's bound `__enter__` and `__exit__`.
    func contextManagerMethods(_ manager: PyValue) throws(PyException) -> (PyValue, PyValue) {
        guard let enter = try? getAttribute(manager, "__enter__"), let exit = try? getAttribute(manager, "__exit__") else {
            throw PyException.typeError("'\(manager.typeName)' object does not support the context manager protocol")
        }
        return (enter, exit)
    }

    /// `__exit__(type, value, traceback)` for an exception leaving a `with` block.
    func exitArguments(_ error: PyException) -> Arguments {
        let value = exceptionValue(error)
        return Arguments([pythonType(value), value, .none])
    }

    /// A class body's `name: annotation` goes into its `__annotations__`, in order. The
    /// annotation is evaluated as Python does; one that names what jaxlab lacks is kept as None.
    private func recordAnnotation(_ name: String, _ annotation: Expr, _ scope: Scope) throws(PyException) {
        let annotations: PyDict
        if case .dict(let existing)? = scope.values["__annotations__"] {
            annotations = existing
        } else {
            annotations = PyDict()
            try store("__annotations__", .dict(annotations), scope)
        }
        try annotations.set(.str(name), (try? eval(annotation, scope)) ?? .none)
    }

    private func execTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orElse: [Stmt], _ finally: [Stmt],
                         _ scope: Scope, _ frame: Frame) throws(PyException) -> Flow {
        var flow: Flow = .normal
        var pending: PyException?
        do throws(PyException) {
            flow = try execBlock(body, scope, frame)
            if case .normal = flow { flow = try execBlock(orElse, scope, frame) }
        } catch let error {
            var handled = false
            for handler in handlers {
                if let typeExpr = handler.type {
                    let typeValue = try eval(typeExpr, scope)
                    if !(try exceptionMatches(error, typeValue)) { continue }
                }
                handled = true
                frame.line = handler.position.line
                if let name = handler.name { try store(name, exceptionValue(error), scope) }
                handling.append(error)
                do throws(PyException) {
                    flow = try execBlock(handler.body, scope, frame)
                } catch let inner {
                    pending = inner
                }
                handling.removeLast()
                if let name = handler.name { try? unbind(name, scope) }
                break
            }
            if !handled { pending = error }
        }
        if !finally.isEmpty {
            let finalFlow = try execBlock(finally, scope, frame)
            if case .normal = finalFlow {} else { return finalFlow }
        }
        if let pending { throw pending }
        return flow
    }

    /// A KeyError for `key`, remembering the key so `e.args` and `repr(e)` show it as Python does.
    func keyError(_ key: PyValue) throws(PyException) -> PyException {
        let error = PyException("KeyError", try repr(key))
        keyErrorKeys[error.message] = key
        return error
    }

    /// The Python value `except ... as e` binds for `error`.
    func exceptionValue(_ error: PyException) -> PyValue {
        if let raised = error.payload as? RaisedObject { return .object(raised.object) }
        if error.kind == "KeyError", let key = keyErrorKeys[error.message] {
            return .object(PyExceptionObject(error, args: [key]))
        }
        return .object(PyExceptionObject(error))
    }

    /// Whether `except typeValue` catches `error` (a class or tuple of classes).
    func exceptionMatches(_ error: PyException, _ typeValue: PyValue) throws(PyException) -> Bool {
        switch typeValue {
        case .tuple(let items):
            for item in items where try exceptionMatches(error, item) { return true }
            return false
        case .object(let t as PyType) where t.exceptionKind != nil:
            if let raised = error.payload as? RaisedObject, let instance = raised.object as? PyInstance {
                return instance.cls.isSubclass(of: t)
            }
            return ExceptionHierarchy.isSubclass(error.kind, of: t.exceptionKind ?? "")
        case .object(let c as PyClass) where c.exceptionKind != nil:
            if let raised = error.payload as? RaisedObject, let instance = raised.object as? PyInstance {
                return instance.cls.isSubclass(of: c)
            }
            return false
        default:
            throw PyException.typeError("catching classes that do not inherit from BaseException is not allowed")
        }
    }

    /// The exception that `raise value` raises: an exception instance as it is, an exception
    /// class called with no arguments.
    func exceptionToRaise(_ value: PyValue) throws(PyException) -> PyException {
        switch value {
        case .object(let t as PyType) where t.exceptionKind != nil:
            return PyException(t.exceptionKind ?? "Exception", "")
        case .object(let c as PyClass) where c.exceptionKind != nil:
            return try exceptionToRaise(try instantiate(c, Arguments()))
        case .object(let e as PyExceptionObject):
            var error = e.exception
            error.traceback = []
            error.payload = RaisedObject(e)
            return error
        case .object(let instance as PyInstance) where instance.cls.exceptionKind != nil:
            let cls = instance.cls
            let name = cls.module == "__main__" || cls.module == "builtins" ? cls.qualifiedName : cls.displayName
            let message = (try? instanceStr(instance)) ?? "<exception str() failed>"
            var error = PyException(name, message)
            error.payload = RaisedObject(instance)
            return error
        default:
            throw PyException.typeError("exceptions must derive from BaseException")
        }
    }

    private func execRaise(_ exc: Expr?, _ cause: Expr?, _ scope: Scope) throws(PyException) {
        guard let exc else {
            if let active = handling.last { throw active }
            throw PyException("RuntimeError", "No active exception to reraise")
        }
        let value = try eval(exc, scope)
        if let cause { _ = try eval(cause, scope) }
        throw try exceptionToRaise(value)
    }

    func makeFunction(_ code: FunctionCode, _ scope: Scope) throws(PyException) -> PyValue {
        var defaults: [String: PyValue] = [:]
        for p in code.parameters {
            if let d = p.defaultValue { defaults[p.name] = try eval(d, scope) }
        }
        let function = PyFunction(code: code, globals: globals, enclosing: scope.functionParent, defaults: defaults)
        function.classCell = scope.classCell
        return .object(function)
    }

    // MARK: names

    func lookup(_ name: String, _ scope: Scope) throws(PyException) -> PyValue {
        if !scope.isModule && !scope.globalNames.contains(name) {
            if scope.isClassBody {
                // a class body reads its own names, else the enclosing functions' and globals
                if let v = scope.values[name] { return v }
            } else if scope.locals.contains(name) {
                if let v = scope.values[name] { return v }
                throw PyException("UnboundLocalError", "cannot access local variable '\(name)' where it is not associated with a value")
            }
            var outer = scope.parent
            while let s = outer, !s.isModule {
                if !s.isClassBody && s.locals.contains(name) {
                    if let v = s.values[name] { return v }
                    throw PyException("NameError",
                                      "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope")
                }
                outer = s.parent
            }
        }
        if let v = globals.values[name] { return v }
        if let v = builtins[name] { return v }
        throw PyException("NameError", "name '\(name)' is not defined")
    }

    func store(_ name: String, _ value: PyValue, _ scope: Scope) throws(PyException) {
        if scope.isModule || scope.globalNames.contains(name) {
            globals.values[name] = value
            return
        }
        if scope.nonlocalNames.contains(name) {
            var outer = scope.parent
            while let s = outer, !s.isModule {
                if !s.isClassBody && s.locals.contains(name) {
                    s.values[name] = value
                    return
                }
                outer = s.parent
            }
            throw PyException("SyntaxError", "no binding for nonlocal '\(name)' found")
        }
        if scope.isClassBody, scope.values[name] == nil { scope.classBodyOrder?.append(name) }
        scope.values[name] = value
    }

    func unbind(_ name: String, _ scope: Scope) throws(PyException) {
        if scope.isModule || scope.globalNames.contains(name) {
            if globals.values.removeValue(forKey: name) == nil {
                throw PyException("NameError", "name '\(name)' is not defined")
            }
            return
        }
        if scope.values.removeValue(forKey: name) == nil {
            throw PyException("NameError", "name '\(name)' is not defined")
        }
        scope.classBodyOrder?.removeAll { $0 == name }
    }

    /// Every name visible at the top level, for completion.
    var visibleNames: [String] {
        Array(Set(globals.values.keys).union(builtins.keys)).sorted()
    }
}
