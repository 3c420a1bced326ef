import JaxCore

/// `sys`: the standard streams (which `print(file=...)` and logging write to), version
/// information, `argv`, `maxsize`, `exit` and the recursion limit.
enum SysModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("sys")
        m.attributes["stdout"] = .object(interp.standardStream(error: false))
        m.attributes["stderr"] = .object(interp.standardStream(error: true))
        m.attributes["version"] = .str("3.11.7 (jaxlab)")
        m.attributes["version_info"] = try interp.call(try versionInfoClass(interp), Arguments([.int(3), .int(11), .int(7), .str("final"), .int(0)]))
        m.attributes["platform"] = .str("linux")
        m.attributes["maxsize"] = .int(Int.max)
        m.attributes["argv"] = .list(PyList([.str("")]))
        m.attributes["path"] = .list(PyList())
        m.attributes["byteorder"] = .str("little")
        m.define("getrecursionlimit") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            _ = try args.bind("getrecursionlimit", [])
            return .int(Interpreter.recursionLimit)
        }
        m.define("setrecursionlimit") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("setrecursionlimit", ["limit"], required: 1, positionalOnly: 1)
            let limit = try interp.index(slots[0] ?? .none)
            if limit < 1 { throw PyException.valueError("recursion limit must be greater or equal than 1") }
            // jaxlab keeps Python's default limit: deeper recursion would need a larger stack
            return .none
        }
        m.define("exit") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("exit", ["status"], positionalOnly: 1)
            let status = slots[0] ?? .none
            var error = PyException("SystemExit", status.isNone ? "" : try interp.str(status))
            error.payload = RaisedObject(PyExceptionObject(error, args: status.isNone ? [] : [status]))
            throw error
        }
        return m
    }

    private static func versionInfoClass(_ interp: Interpreter) throws(PyException) -> PyValue {
        try NamedTuples.make(interp, name: "version_info", qualifiedName: "version_info", module: "sys",
                             fields: ["major", "minor", "micro", "releaselevel", "serial"], defaults: [], namespace: PyDict())
    }
}

/// `sys.stdout` and `sys.stderr`: text streams onto the session's output sink.
final class PyStream: PyObject {
    let isError: Bool

    init(isError: Bool) { self.isError = isError }

    override var typeName: String { "_io.TextIOWrapper" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<_io.TextIOWrapper name='<\(isError ? "stderr" : "stdout")>' mode='w' encoding='utf-8'>"
    }

    func write(_ text: String, _ interp: Interpreter) {
        if isError { interp.sink.writeError(text) } else { interp.sink.write(text) }
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "write":
            return .object(PyBuiltin("write", owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("write", ["s"], required: 1, positionalOnly: 1)
                guard case .str(let text)? = slots[0] else {
                    throw PyException.typeError("write() argument must be str, not \((slots[0] ?? .none).typeName)")
                }
                self.write(text, interp)
                return .int(text.count)
            })
        case "flush":
            return .object(PyBuiltin("flush", owner: typeName) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .none })
        case "isatty":
            return .object(PyBuiltin("isatty", owner: typeName) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .bool(false) })
        case "name": return .str(isError ? "<stderr>" : "<stdout>")
        case "encoding": return .str("utf-8")
        default: return nil
        }
    }
}

extension Interpreter {
    /// The session's one `sys.stdout` or `sys.stderr` object.
    func standardStream(error: Bool) -> PyStream {
        moduleState(error ? "sys.stderr" : "sys.stdout") { PyStream(isError: error) }
    }
}
