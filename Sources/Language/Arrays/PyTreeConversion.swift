import JaxCore

/// Python values as the transformations see them: containers of arrays as pytrees, and a
/// Python function as a Swift closure over pytrees.
extension Interpreter {
    /// A Python value as a pytree: tuples, lists, dicts (string keys) and None are containers;
    /// arrays and Python numbers are leaves.
    func toTree(_ v: PyValue) throws(PyException) -> PyTree {
        try enterNesting("while flattening a pytree")
        defer { nestingDepth -= 1 }
        switch v {
        case .none: return .none
        case .tuple(let items):
            var out: [PyTree] = []
            for item in items { out.append(try toTree(item)) }
            return .tuple(out)
        case .list(let l):
            var out: [PyTree] = []
            for item in l.items { out.append(try toTree(item)) }
            return .list(out)
        case .dict(let d):
            var out: [(String, PyTree)] = []
            for (k, value) in d.items {
                guard case .str(let key) = k else { throw PyException.typeError("jaxlab pytrees need string dict keys, got \(k.typeName)") }
                out.append((key, try toTree(value)))
            }
            return .dict(out)
        default:
            guard let leaf = try jaxOperand(v) else {
                throw PyException.typeError("Argument '\(try repr(v))' of type \(pythonTypeName(v)) is not a valid JAX type")
            }
            return .leaf(leaf)
        }
    }

    /// A pytree as Python values (leaves become JAX arrays).
    func fromTree(_ tree: PyTree) -> PyValue {
        switch tree {
        case .none: return .none
        case .leaf(let v): return .object(JaxArrayObject(v))
        case .tuple(let items): return .tuple(items.map { fromTree($0) })
        case .list(let items): return .list(PyList(items.map { fromTree($0) }))
        case .dict(let pairs):
            let d = PyDict()
            for (k, v) in pairs { try? d.set(.str(k), fromTree(v)) }
            return .dict(d)
        }
    }

    /// Wraps a Python callable as a function of pytrees; `keywords` are passed through unchanged.
    func jaxFunction(_ callee: PyValue, keywords: [(String, PyValue)] = []) -> JaxFunction {
        return { [unowned self] (_: JaxContext, args: [PyTree]) throws(PyException) -> PyTree in
            let result = try self.call(callee, Arguments(args.map { self.fromTree($0) }, keywords: keywords))
            return try self.toTree(result)
        }
    }
}
