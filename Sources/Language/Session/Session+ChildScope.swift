import JaxCore

/// Names of their own on top of the session's globals: code run in it reads the student's
/// names but every assignment stays in the scope, so it cannot rebind what the student has.
/// Lessons run their checks (and the checks' helpers) in child scopes.
public final class ChildScope {
    let scope: Scope

    init(scope: Scope) { self.scope = scope }
}

/// Arguments passed from Python to a function written in Swift.
public struct HostArguments {
    public let positional: [PyValue]
    public let keywords: [String: PyValue]
}

extension Session {
    /// Runs `source` in a new scope whose free names are found in `parent` (if given), then
    /// the globals; `names` are bound in it first. Output is kept in the result, not shown.
    /// Returns the scope (to run more code under it) and what the run did.
    public func runInChildScope(_ source: String, filename: String, parent: ChildScope? = nil,
                                names: [String: PyValue] = [:]) -> (scope: ChildScope?, result: InputResult) {
        var made: ChildScope?
        let result = runInput(quietly: true) { [self] in
            interpreter.sources[filename] = source.components(separatedBy: "\n")
            do throws(PyException) {
                let body = try Parser.parseModule(source, file: filename)
                let code = FunctionCode(name: "<check>", parameters: [], body: body, file: filename,
                                        position: Position(line: 1, column: 0), isLambda: false)
                guard code.globals.isEmpty && code.nonlocals.isEmpty else {
                    throw PyException("SyntaxError", "code in a child scope cannot declare global or nonlocal names")
                }
                let scope = Scope(parent: parent?.scope, locals: code.locals.union(names.keys))
                scope.values = names
                made = ChildScope(scope: scope)
                let frame = Frame(name: "<module>", file: filename, line: 1)
                interpreter.frames = [frame]
                interpreter.handling = []
                defer { interpreter.frames = [] }
                _ = try interpreter.execBlock(body, scope, frame)
            } catch {
                report(error)
            }
        }
        return (made, result)
    }

    /// A Python callable that runs `body` in Swift; an error it throws is raised in Python as
    /// that exception.
    public func hostFunction(_ name: String,
                             _ body: @escaping (HostArguments) throws(RaisedException) -> PyValue) -> PyValue {
        .object(PyBuiltin(name) { (_: Interpreter, arguments: Arguments) throws(PyException) -> PyValue in
            var keywords: [String: PyValue] = [:]
            for (key, value) in arguments.keywords { keywords[key] = value }
            do throws(RaisedException) {
                return try body(HostArguments(positional: arguments.positional, keywords: keywords))
            } catch {
                throw PyException(error.kind, error.message)
            }
        })
    }
}
