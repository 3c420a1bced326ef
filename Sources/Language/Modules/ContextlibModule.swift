import JaxCore

/// `contextlib`: `contextmanager` (a generator as a `with` block's manager), `suppress`,
/// `nullcontext` and `closing`.
enum ContextlibModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("contextlib")
        m.define("contextmanager") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("contextmanager", ["func"], required: 1, positionalOnly: 1)
            let function = slots[0] ?? .none
            let helper = PyBuiltin("helper", module: "contextlib") { (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                let made = try interp.call(function, call)
                guard case .object(let generator as PyGenerator) = made else {
                    throw PyException.typeError("'\(made.typeName)' object is not an iterator")
                }
                return .object(generatorManager(generator))
            }
            return .object(helper)
        }
        m.define("suppress") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let kinds = PyValue.tuple(args.positional)
            return .object(PyContextManager(enter: { (_: Interpreter) throws(PyException) -> PyValue in .none },
                                            exit: { (interp: Interpreter, error: PyException?) throws(PyException) -> Bool in
                guard let error else { return false }
                return try interp.exceptionMatches(error, kinds)
            }))
        }
        m.define("nullcontext") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("nullcontext", ["enter_result"])
            let result = slots[0] ?? .none
            return .object(PyContextManager(enter: { (_: Interpreter) throws(PyException) -> PyValue in result },
                                            exit: { (_: Interpreter, _: PyException?) throws(PyException) -> Bool in false }))
        }
        m.define("closing") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("closing", ["thing"], required: 1)
            let thing = slots[0] ?? .none
            return .object(PyContextManager(enter: { (_: Interpreter) throws(PyException) -> PyValue in thing },
                                            exit: { (interp: Interpreter, _: PyException?) throws(PyException) -> Bool in
                _ = try interp.callMethod(thing, "close", Arguments())
                return false
            }))
        }
        return m
    }

    /// The manager `@contextmanager` makes: `__enter__` runs the generator to its `yield`,
    /// `__exit__` resumes it (throwing in the block's exception, if any).
    private static func generatorManager(_ generator: PyGenerator) -> PyContextManager {
        PyContextManager(enter: { (interp: Interpreter) throws(PyException) -> PyValue in
            guard let value = try generator.next() else { throw PyException("RuntimeError", "generator didn't yield") }
            return value
        }, exit: { (interp: Interpreter, error: PyException?) throws(PyException) -> Bool in
            guard let error else {
                if try generator.next() != nil { throw PyException("RuntimeError", "generator didn't stop") }
                return false
            }
            do throws(PyException) {
                if case .yielded = try interp.resume(generator, .raise(error)) {
                    throw PyException("RuntimeError", "generator didn't stop after throw()")
                }
                // the generator caught the exception and finished: the block's error is swallowed
                return true
            } catch let raised {
                if let a = raised.payload as? RaisedObject, let b = error.payload as? RaisedObject, a.object === b.object { return false }
                throw raised
            }
        })
    }
}

/// A context manager written in Swift: what `__enter__` returns, and what `__exit__` does
/// with the exception leaving the block (returning true swallows it).
final class PyContextManager: PyObject {
    typealias Enter = (Interpreter) throws(PyException) -> PyValue
    typealias Exit = (Interpreter, PyException?) throws(PyException) -> Bool

    let enter: Enter
    let exit: Exit

    init(enter: @escaping Enter, exit: @escaping Exit) {
        self.enter = enter
        self.exit = exit
    }

    override var typeName: String { "contextlib._GeneratorContextManager" }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__enter__":
            return .object(PyBuiltin("__enter__", owner: typeName) { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                try self.enter(interp)
            })
        case "__exit__":
            return .object(PyBuiltin("__exit__", owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let value = args.positional.count > 1 ? args.positional[1] : .none
                let error: PyException? = value.isNone ? nil : try interp.exceptionToRaise(value)
                return .bool(try self.exit(interp, error))
            })
        default:
            return nil
        }
    }
}
