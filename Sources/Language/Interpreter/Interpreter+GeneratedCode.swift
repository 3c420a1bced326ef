import JaxCore

/// Python functions that jaxlab writes as source and defines, as CPython's `namedtuple` and
/// `dataclass` do: they behave (and fail, with the same messages) like the user's own code.
extension Interpreter {
    /// Defines the functions in `source`, seeing `names` as enclosing variables, and returns
    /// them by name with their `__qualname__` under `owner`.
    func defineFunctions(_ source: String, names: [String: PyValue], owner: String) throws(PyException) -> [String: PyValue] {
        let body = try Parser.parseModule(source, file: "<string>")
        let scope = Scope(parent: nil, locals: Set(names.keys))
        for (k, v) in names { scope.values[k] = v }
        var defined: [String: PyValue] = [:]
        for stmt in body {
            guard case .functionDef(let code, _) = stmt.kind else { continue }
            let value = try makeFunction(code, scope)
            if case .object(let f as PyFunction) = value { f.qualifiedName = "\(owner).\(code.name)" }
            defined[code.name] = value
        }
        return defined
    }
}
