import JaxCore

/// A generator: the suspended body of a generator function. Its statements run on a
/// resumable executor (Interpreter+Generators) that keeps the position inside loops, `try`
/// and `with` blocks as data, so a generator needs no thread of its own and an abandoned one
/// is simply freed.
final class PyGenerator: PyIterator {
    /// Where the generator is in its life.
    enum State { case created, suspended, running, finished }

    let function: PyFunction
    let scope: Scope
    var state = State.created
    /// The statements in progress, innermost last.
    var steps: [GeneratorStep] = []
    /// What `return` gave when the generator finished (StopIteration's value).
    var returnValue: PyValue = .none
    /// Exceptions whose `except` blocks were running when the generator suspended.
    var savedHandling: [PyException] = []
    let frame: Frame
    weak var interpreter: Interpreter?

    init(function: PyFunction, scope: Scope, interpreter: Interpreter) {
        self.function = function
        self.scope = scope
        self.interpreter = interpreter
        let code = function.code
        frame = Frame(name: code.name, file: code.file, line: code.position.line, scope: scope,
                      firstParameter: code.parameters.first?.name)
        super.init(kind: "generator")
        steps = [.block(code.body, next: 0)]
    }

    /// A generator that carries on from where `abandoned` is suspended, so it can be closed
    /// after `abandoned` itself is gone.
    private init(continuing abandoned: PyGenerator, interpreter: Interpreter) {
        function = abandoned.function
        scope = abandoned.scope
        frame = abandoned.frame
        self.interpreter = interpreter
        super.init(kind: "generator")
        state = abandoned.state
        steps = abandoned.steps
        savedHandling = abandoned.savedHandling
    }

    /// CPython closes a generator when its last reference goes, so the `finally` blocks and
    /// `with` exits it is suspended in still run. Running Python code here, while the Swift
    /// code that dropped the reference may be in the middle of changing a container, is not
    /// safe: the generator's state is handed to the interpreter, which closes it once the
    /// current statement has finished.
    deinit {
        guard state == .suspended, let interp = interpreter, steps.contains(where: \.needsClosing) else { return }
        interp.abandonedGenerators.append(PyGenerator(continuing: self, interpreter: interp))
    }

    override func next() throws(PyException) -> PyValue? {
        guard let interp = interpreter else { return nil }
        switch try interp.resume(self, .send(.none)) {
        case .yielded(let v): return v
        case .returned: return nil
        }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<generator object \(function.qualifiedName) at \(addressText)>"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        func method(_ body: @escaping PyBuiltin.Body) -> PyValue { .object(PyBuiltin(name, owner: "generator", body)) }
        switch name {
        case "send":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("send", ["value"], required: 1, positionalOnly: 1)
                switch try interp.resume(self, .send(slots[0] ?? .none)) {
                case .yielded(let v): return v
                case .returned: throw interp.stopIteration(self)
                }
            }
        case "throw":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("throw", ["typ", "val", "tb"], required: 1, positionalOnly: 3)
                var raised = slots[0] ?? .none
                if let value = slots[1], !value.isNone, case .object(let t) = raised, t is PyType || t is PyClass {
                    raised = try interp.call(raised, Arguments([value]))
                }
                switch try interp.resume(self, .raise(try interp.exceptionToRaise(raised))) {
                case .yielded(let v): return v
                case .returned: throw interp.stopIteration(self)
                }
            }
        case "close":
            return method { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                try interp.close(self)
                return .none
            }
        case "__next__":
            return method { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                if let v = try self.next() { return v }
                throw interp.stopIteration(self)
            }
        case "__name__": return .str(function.name)
        case "__qualname__": return .str(function.qualifiedName)
        case "gi_running": return .bool(state == .running)
        default: return try super.getAttribute(name, interp)
        }
    }
}

/// `(x for x in xs)`: a lazily evaluated generator expression.
final class PyGeneratorExpression: PyIterator {
    init(_ next: @escaping Next) { super.init(kind: "generator", next) }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<generator object <genexpr> at \(addressText)>"
    }
}

/// One statement of a generator's body that is in progress.
enum GeneratorStep {
    /// Whether closing the generator here runs code: a `try` (its `finally`, or a handler that
    /// may catch GeneratorExit), a `with` block's exit, or a delegate to close.
    var needsClosing: Bool {
        switch self {
        case .tryStatement, .withBlock, .delegating: return true
        default: return false
        }
    }

    /// Running the statements of a block; `next` is the index of the next one.
    case block([Stmt], next: Int)
    case forLoop(Stmt, target: Expr, iterator: PyIterator, body: [Stmt], orElse: [Stmt])
    case whileLoop(Stmt, test: Expr, body: [Stmt], orElse: [Stmt])
    case tryStatement(TryProgress)
    /// Inside a `with` block: its manager's bound `__exit__`.
    case withBlock(exit: PyValue)
    /// Suspended at `yield`: the targets that receive the value sent back.
    case awaitingSend(targets: [Expr])
    /// Suspended inside `yield from`: the delegate, and the targets of its result.
    case delegating(PyIterator, targets: [Expr])
}

/// How far a `try` statement in a generator has got.
struct TryProgress {
    /// The part of the statement running now.
    enum Phase {
        case body
        case handler(PyException, name: String?)
        case orElse
        /// Running `finally`; afterwards `pending` carries on.
        case finally(pending: GeneratorSignal)
    }

    let handlers: [ExceptHandler]
    let orElse: [Stmt]
    let finally: [Stmt]
    var phase: Phase
}

/// How the last statement of a generator finished, travelling outwards through the steps.
enum GeneratorSignal {
    case proceed
    case breakLoop
    case continueLoop
    case returnValue(PyValue)
    case raise(PyException)
}

/// What is delivered to a suspended generator: a value for `send`, or an exception to throw.
enum GeneratorInput {
    case send(PyValue)
    case raise(PyException)
}

/// What a resumed generator did: yielded a value, or finished with a return value.
enum GeneratorOutcome {
    case yielded(PyValue)
    case returned(PyValue)
}
