import JaxCore

/// Python values as the transformations see them: pytrees of arrays (any registered node type
/// around JAX arrays and Python numbers), and a Python function as a Swift closure over them.
extension Interpreter {
    /// A Python value as a pytree of JAX values; a leaf that is not an array or number is
    /// JAX's TypeError.
    func toTree(_ v: PyValue) throws(PyException) -> PyTree {
        try flattenTree(v).mapLeaves { (leaf: PyValue) throws(PyException) -> JaxValue in
            guard let value = try self.jaxOperand(leaf) else {
                throw PyException.typeError("Argument '\(try self.repr(leaf))' of type \(self.pythonTypeName(leaf)) is not a valid JAX type")
            }
            return value
        }
    }

    /// A pytree as Python values (leaves become JAX arrays, nodes are rebuilt by their class).
    func fromTree(_ tree: PyTree) throws(PyException) -> PyValue {
        try unflattenTree(try tree.mapLeaves { (v: JaxValue) throws(PyException) -> PyValue in .object(JaxArrayObject(v)) })
    }

    /// Wraps a Python callable as a function of pytrees; `keywords` are passed through unchanged.
    func jaxFunction(_ callee: PyValue, keywords: [(String, PyValue)] = []) -> JaxFunction {
        return { [unowned self] (_: JaxContext, args: [PyTree]) throws(PyException) -> PyTree in
            var values: [PyValue] = []
            for arg in args { values.append(try self.fromTree(arg)) }
            let result = try self.call(callee, Arguments(values, keywords: keywords))
            return try self.toTree(result)
        }
    }
}
