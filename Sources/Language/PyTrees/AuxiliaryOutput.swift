import JaxCore

/// The auxiliary output of a `has_aux` function, as JAX passes it through a transformation:
/// its arrays (and tracers) go through, every other leaf (a Python number, a string, a NumPy
/// array) comes back as the very object the function returned.
final class AuxiliaryOutput {
    /// The aux tree of the last call, Python leaves as returned.
    private var tree: Tree<PyValue>?
    /// Whether the aux leaves pass through vmap (jacfwd, hessian), which refuses leaves that
    /// are not JAX types.
    private let batched: Bool

    init(batched: Bool = false) { self.batched = batched }

    /// `callee` (returning `(out, aux)`) as a function of pytrees that returns `(out, the
    /// aux's arrays as a tuple)`; any other result goes through whole, for the transformation
    /// to refuse with JAX's error.
    func wrapping(_ interp: Interpreter, _ callee: PyValue, keywords: [(String, PyValue)] = []) -> JaxFunction {
        return { [unowned interp, self] (_: JaxContext, args: [PyTree]) throws(PyException) -> PyTree in
            var values: [PyValue] = []
            for arg in args { values.append(try interp.fromTree(arg)) }
            let result = try interp.call(callee, Arguments(values, keywords: keywords))
            guard case .tuple(let items) = result, items.count == 2 else { return try interp.toTree(result) }
            let aux = try interp.flattenTree(items[1])
            self.tree = aux
            for leaf in aux.leaves where self.batched {
                guard try interp.jaxOperand(leaf) != nil else {
                    // JAX's text names the value where it means to name the function
                    throw PyException.typeError("Output from batched function \(try interp.repr(leaf)) with type \(interp.pythonTypeName(leaf)) is not a valid JAX type")
                }
            }
            var arrays: [PyTree] = []
            for case .object(let array as JaxArrayObject) in aux.leaves { arrays.append(.leaf(try array.value)) }
            return .tuple([try interp.toTree(items[0]), .tuple(arrays)])
        }
    }

    /// The aux as Python sees it, given the arrays the transformation returned for it.
    func value(_ interp: Interpreter, _ arrays: PyTree) throws(PyException) -> PyValue {
        guard let tree else { return try interp.fromTree(arrays) }
        var returned = arrays.leaves.makeIterator()
        let rebuilt = try tree.mapLeaves { (leaf: PyValue) throws(PyException) -> PyValue in
            guard case .object(let o) = leaf, o is JaxArrayObject else { return leaf }
            guard let next = returned.next() else { throw PyException("RuntimeError", "the auxiliary output lost an array") }
            return .object(JaxArrayObject(next))
        }
        return try interp.unflattenTree(rebuilt)
    }
}
