import JaxCore

/// A pytree's structure without its leaves (`jax.tree.structure(x)`): prints as
/// `PyTreeDef([*, {'a': *}])`, compares by structure and node data, and rebuilds trees from
/// leaves (`unflatten`) or splits a tree at its leaves' places (`flatten_up_to`).
final class PyTreeDefObject: PyObject {
    let tree: Tree<PyValue>

    /// `tree`'s structure (its leaves are ignored).
    init(_ tree: Tree<PyValue>) {
        self.tree = tree
    }

    override var typeName: String { "PyTreeDef" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        interp.objectType("jaxlib._jax.pytree.PyTreeDef") { $0 is PyTreeDefObject }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { "PyTreeDef(\(tree.structure))" }

    override func hashKey() throws(PyException) -> String? { "PyTreeDef" + tree.structure }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        guard case .object(let o as PyTreeDefObject) = other else { return .bool(op == .notEqual) }
        let same = o.tree.structure == tree.structure
        return .bool(op == .equal ? same : !same)
    }

    override func attributeNames() -> [String] {
        ["children", "compose", "flatten_up_to", "node_data", "num_leaves", "num_nodes", "unflatten"]
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "num_leaves": return .int(tree.leafCount)
        case "num_nodes": return .int(PyTreeDefObject.nodeCount(tree))
        case "unflatten":
            return method(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("unflatten", ["leaves"], required: 1)
                return try interp.unflattenTree(try self.withLeaves(try interp.collect(slots[0] ?? .none)))
            }
        case "flatten_up_to":
            return method(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("flatten_up_to", ["xs"], required: 1)
                return .list(PyList(try interp.flattenUpTo(self.tree, slots[0] ?? .none)))
            }
        case "children":
            return method(name) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                .list(PyList(self.tree.children.map { .object(PyTreeDefObject($0)) }))
            }
        case "node_data":
            return method(name) { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                try interp.pytreeNodeData(self.tree)
            }
        case "compose":
            return method(name) { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("compose", ["inner"], required: 1)
                guard case .object(let inner as PyTreeDefObject)? = slots[0] else {
                    throw PyException.typeError("compose(): incompatible function arguments.")
                }
                return .object(PyTreeDefObject(try self.tree.replacingLeaves(Array(repeating: inner.tree, count: self.tree.leafCount))
                    .flattenedNodes()))
            }
        default:
            return nil
        }
    }

    private func method(_ name: String, _ body: @escaping PyBuiltin.Body) -> PyValue {
        .object(PyBuiltin(name, owner: "PyTreeDef", body))
    }

    /// The structure with `leaves` in its leaves' places, with JAX's error for a wrong count.
    func withLeaves(_ leaves: [PyValue]) throws(PyException) -> Tree<PyValue> {
        let expected = tree.leafCount
        if leaves.count > expected { throw PyException.valueError("Too many leaves for PyTreeDef; expected \(expected).") }
        if leaves.count < expected {
            throw PyException.valueError("Too few leaves for PyTreeDef; expected \(expected), got \(leaves.count)")
        }
        return try tree.replacingLeaves(leaves)
    }

    /// Nodes and leaves counted as JAX counts them (`num_nodes`).
    static func nodeCount<Leaf>(_ tree: Tree<Leaf>) -> Int {
        1 + tree.children.reduce(0) { $0 + nodeCount($1) }
    }
}

extension Interpreter {
    /// `PyTreeDef.node_data()`: the root's class and node data (None for a leaf).
    func pytreeNodeData(_ tree: Tree<PyValue>) throws(PyException) -> PyValue {
        switch tree {
        case .leaf: return .none
        case .none: return .tuple([pythonType(.none), .none])
        case .tuple: return .tuple([builtinType(named: "tuple"), .none])
        case .list: return .tuple([builtinType(named: "list"), .none])
        case .dict(let pairs): return .tuple([builtinType(named: "dict"), .list(PyList(pairs.map { .str($0.0) }))])
        case .node(let node, _):
            guard let info = node.payload as? PyTreeNodeInfo else { return .none }
            switch info.kind {
            case .dict: return .tuple([info.type, .list(PyList(info.keys))])
            case .namedTuple: return .tuple([info.type, .none])
            case .orderedDict: return .tuple([info.type, .tuple(info.keys)])
            case .defaultDict(let factory): return .tuple([info.type, .tuple([factory, .tuple(info.keys)])])
            case .registered: return .tuple([info.type, info.aux])
            }
        }
    }

    /// `PyTreeDef.flatten_up_to(value)`: the subtrees of `value` at the places of the leaves
    /// of `structure`, with JAX's errors where `value` does not have that structure.
    func flattenUpTo(_ structure: Tree<PyValue>, _ value: PyValue) throws(PyException) -> [PyValue] {
        var out: [PyValue] = []
        try flattenUpTo(structure, value, &out)
        return out
    }

    private func flattenUpTo(_ structure: Tree<PyValue>, _ value: PyValue, _ out: inout [PyValue]) throws(PyException) {
        try enterNesting("while flattening a pytree")
        defer { nestingDepth -= 1 }
        switch structure {
        case .leaf:
            out.append(value)
        case .none:
            guard value.isNone else {
                throw PyException.valueError("Expected None, got \(try repr(value)).\n\nIn previous releases of JAX, flatten-up-to used to consider None to be a tree-prefix of non-None values. To obtain the previous behavior, you can usually write:\n  jax.tree.map(lambda x, y: None if x is None else f(x, y), a, b, is_leaf=lambda x: x is None)")
            }
        case .tuple(let items):
            guard case .tuple(let values) = value else { throw PyException.valueError("Expected tuple, got \(try repr(value)).") }
            guard values.count == items.count else {
                throw PyException.valueError("Tuple arity mismatch: \(values.count) != \(items.count); tuple: \(try repr(value)).")
            }
            for (s, v) in zip(items, values) { try flattenUpTo(s, v, &out) }
        case .list(let items):
            guard case .list(let l) = value else { throw PyException.valueError("Expected list, got \(try repr(value)).") }
            let values = l.items
            guard values.count == items.count else {
                throw PyException.valueError("List arity mismatch: \(values.count) != \(items.count); list: \(try repr(value)).")
            }
            for (s, v) in zip(items, values) { try flattenUpTo(s, v, &out) }
        case .dict(let pairs):
            guard case .dict(let d) = value else { throw PyException.valueError("Expected dict, got \(try repr(value)).") }
            let keys = try sortedPytreeKeys(d)
            let expected = pairs.map { PyValue.str($0.0) }
            var same = keys.count == expected.count
            if same { for (a, b) in zip(keys, expected) where try !valuesEqual(a, b) { same = false } }
            guard same else {
                throw PyException.valueError("Dict key mismatch; expected keys: \(try repr(.list(PyList(expected)))); present keys: \(try repr(.list(PyList(keys)))).")
            }
            for (k, (_, s)) in zip(keys, pairs) { try flattenUpTo(s, try d.get(k) ?? .none, &out) }
        case .node(let node, let items):
            guard let info = node.payload as? PyTreeNodeInfo else { return }
            let actual = try flattenOneLevel(value)
            guard case .node(let actualNode, let children) = actual, let actualInfo = actualNode.payload as? PyTreeNodeInfo,
                  identical(actualInfo.type, info.type) else {
                if case .namedTuple = info.kind { throw PyException.valueError("Expected named tuple, got \(try repr(value)).") }
                if case .dict = info.kind { throw PyException.valueError("Expected dict, got \(try repr(value)).") }
                throw PyException.valueError("Custom node type mismatch: expected type: \(try repr(info.type)), value: \(try repr(value)).")
            }
            if case .namedTuple = info.kind {
                guard children.count == items.count else {
                    throw PyException.valueError("Named tuple arity mismatch: \(children.count) != \(items.count); tuple: \(try repr(value)).")
                }
            } else if case .dict = info.kind {
                guard try sameValues(actualInfo.keys, info.keys) else {
                    throw PyException.valueError("Dict key mismatch; expected keys: \(try repr(.list(PyList(info.keys)))); present keys: \(try repr(.list(PyList(actualInfo.keys)))).")
                }
            } else {
                let expectedData = try customNodeData(info), actualData = try customNodeData(actualInfo)
                guard try valuesEqual(expectedData, actualData) else {
                    throw PyException.valueError("Mismatch custom node data: \(try repr(expectedData)) != \(try repr(actualData)); value: \(try repr(value)).")
                }
                guard children.count == items.count else {
                    throw PyException.valueError("Custom type arity mismatch: \(children.count) != \(items.count); value: \(try repr(value)).")
                }
            }
            for (s, child) in zip(items, children) {
                guard case .leaf(let v) = child else { continue }
                try flattenUpTo(s, v, &out)
            }
        }
    }

    private func sameValues(_ a: [PyValue], _ b: [PyValue]) throws(PyException) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where try !valuesEqual(x, y) { return false }
        return true
    }

    /// The node data JAX compares for a custom node (`OrderedDict`'s keys, the aux data).
    private func customNodeData(_ info: PyTreeNodeInfo) throws(PyException) -> PyValue {
        switch info.kind {
        case .orderedDict: return .tuple(info.keys)
        case .defaultDict(let factory): return .tuple([factory, .tuple(info.keys)])
        default: return info.aux
        }
    }
}
