import JaxCore

/// `jax.tree` and `jax.tree_util`: flattening, mapping and rebuilding pytrees, key paths, and
/// registering classes as pytree nodes. `jax.tree`'s functions are `jax.tree_util`'s under
/// shorter names (`jax.tree.map` is `tree_util.tree_map`).
enum JaxTreeModule {
    /// `jax.tree`.
    static func makeTree(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.tree", file: "/jaxlab/jax/tree.py")
        for (name, body) in functions { m.define(name, body) }
        return m
    }

    /// `jax.tree_util`.
    static func makeTreeUtil(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.tree_util", file: "/jaxlab/jax/tree_util.py")
        for (name, body) in functions where !["broadcast", "reduce_associative"].contains(name) {
            m.attributes["tree_" + name] = .object(PyBuiltin("tree_" + name, module: "jax.tree_util", body))
        }
        for kind in PyTreeKeyEntry.Kind.allCases { m.attributes[kind.rawValue] = interp.pytreeKeyType(kind) }
        m.attributes["PyTreeDef"] = interp.objectType("jaxlib._jax.pytree.PyTreeDef") { $0 is PyTreeDefObject }
        m.define("keystr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("keystr", ["keys", "simple", "separator"], required: 1, maxPositional: 1)
            let separator = try slots[2].map { (v: PyValue) throws(PyException) in try interp.requireString(v, "separator must be str, not") } ?? ""
            return .str(try interp.keystr(slots[0] ?? .none, simple: try interp.truth(slots[1] ?? .bool(false)), separator: separator))
        }
        m.define("treedef_children") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("treedef_children", ["treedef"], required: 1)
            return try interp.callMethod(.object(try treedef(slots[0])), "children", Arguments())
        }
        m.define("treedef_is_leaf") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("treedef_is_leaf", ["treedef"], required: 1)
            return .bool(PyTreeDefObject.nodeCount(try treedef(slots[0]).tree) == 1)
        }
        m.define("treedef_tuple") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("treedef_tuple", ["treedefs"], required: 1)
            var trees: [Tree<PyValue>] = []
            for t in try interp.collect(slots[0] ?? .none) { trees.append(try treedef(t).tree) }
            return .object(PyTreeDefObject(.tuple(trees)))
        }
        m.define("all_leaves") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("all_leaves", ["iterable", "is_leaf"], required: 1)
            for item in try interp.collect(slots[0] ?? .none) {
                guard case .leaf = try interp.flattenTree(item, isLeaf: slots[1]) else { return .bool(false) }
            }
            return .bool(true)
        }
        installRegistration(m)
        return m
    }

    /// The PyTreeDef argument of a function, or JAX's TypeError.
    static func treedef(_ v: PyValue?) throws(PyException) -> PyTreeDefObject {
        guard case .object(let t as PyTreeDefObject)? = v else {
            throw PyException.typeError("Expected a PyTreeDef, got \(v?.typeName ?? "nothing")")
        }
        return t
    }

    /// The functions `jax.tree` and `jax.tree_util` share, by their `jax.tree` names.
    static var functions: [(String, PyBuiltin.Body)] { [
        ("map", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try treeMap(interp, args, name: "map", withPath: false)
        }),
        ("map_with_path", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try treeMap(interp, args, name: "map_with_path", withPath: true)
        }),
        ("leaves", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("leaves", ["tree", "is_leaf"], required: 1)
            return .list(PyList(try interp.flattenTree(slots[0] ?? .none, isLeaf: slots[1]).leaves))
        }),
        ("structure", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("structure", ["tree", "is_leaf"], required: 1)
            return .object(PyTreeDefObject(try interp.flattenTree(slots[0] ?? .none, isLeaf: slots[1])))
        }),
        ("flatten", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("flatten", ["tree", "is_leaf"], required: 1)
            let tree = try interp.flattenTree(slots[0] ?? .none, isLeaf: slots[1])
            return .tuple([.list(PyList(tree.leaves)), .object(PyTreeDefObject(tree))])
        }),
        ("unflatten", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("unflatten", ["treedef", "leaves"], required: 2)
            let def = try treedef(slots[0])
            return try interp.unflattenTree(try def.withLeaves(try interp.collect(slots[1] ?? .none)))
        }),
        ("flatten_with_path", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("flatten_with_path", ["tree", "is_leaf", "is_leaf_takes_path"], required: 1)
            let tree = try interp.flattenTree(slots[0] ?? .none, isLeaf: slots[1])
            return .tuple([try pathsAndLeaves(interp, tree), .object(PyTreeDefObject(tree))])
        }),
        ("leaves_with_path", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("leaves_with_path", ["tree", "is_leaf", "is_leaf_takes_path"], required: 1)
            return try pathsAndLeaves(interp, try interp.flattenTree(slots[0] ?? .none, isLeaf: slots[1]))
        }),
        ("reduce", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("reduce", ["function", "tree", "initializer", "is_leaf"], required: 2)
            var leaves = try interp.flattenTree(slots[1] ?? .none, isLeaf: slots[3]).leaves
            let function = slots[0] ?? .none
            var accumulator: PyValue
            if let initial = slots[2] {
                accumulator = initial
            } else {
                guard !leaves.isEmpty else { throw PyException.typeError("reduce() of empty iterable with no initial value") }
                accumulator = leaves.removeFirst()
            }
            for leaf in leaves { accumulator = try interp.call(function, Arguments([accumulator, leaf])) }
            return accumulator
        }),
        ("reduce_associative", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("reduce_associative", ["operation", "tree", "identity", "is_leaf"], required: 2, maxPositional: 2)
            let leaves = try interp.flattenTree(slots[1] ?? .none, isLeaf: slots[3]).leaves
            return try parallelReduce(interp, leaves[...], slots[0] ?? .none, identity: slots[2])
        }),
        ("all", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("all", ["tree", "is_leaf"], required: 1, maxPositional: 1)
            for leaf in try interp.flattenTree(slots[0] ?? .none, isLeaf: slots[1]).leaves where try !interp.truth(leaf) {
                return .bool(false)
            }
            return .bool(true)
        }),
        ("transpose", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("transpose", ["outer_treedef", "inner_treedef", "pytree_to_transpose"], required: 3)
            return try transpose(interp, outer: try treedef(slots[0]), inner: slots[1], slots[2] ?? .none)
        }),
        ("broadcast", { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("broadcast", ["prefix_tree", "full_tree", "is_leaf"], required: 2)
            let prefix = try interp.flattenTree(slots[0] ?? .none, isLeaf: slots[2])
            let full = slots[1] ?? .none
            var parts: [PyValue] = []
            for (leaf, subtree) in zip(prefix.leaves, try interp.flattenUpTo(prefix, full)) {
                let sub = try interp.flattenTree(subtree, isLeaf: slots[2])
                parts.append(try interp.unflattenTree(try sub.replacingLeaves(Array(repeating: leaf, count: sub.leafCount))))
            }
            return try interp.unflattenTree(try prefix.replacingLeaves(parts))
        }),
    ] }

    /// `jax.tree.map(f, tree, *rest, is_leaf=None)` (and `map_with_path`, whose `f` gets each
    /// leaf's key path first).
    private static func treeMap(_ interp: Interpreter, _ args: Arguments, name: String, withPath: Bool) throws(PyException) -> PyValue {
        for (k, _) in args.keywords where k != "is_leaf" && !(withPath && k == "is_leaf_takes_path") {
            throw PyException.typeError("\(name)() got an unexpected keyword argument '\(k)'")
        }
        guard args.positional.count >= 2 else {
            let missing = args.positional.isEmpty ? "2 required positional arguments: 'f' and 'tree'" : "1 required positional argument: 'tree'"
            throw PyException.typeError("\(name)() missing \(missing)")
        }
        let f = args.positional[0], isLeaf = args.keyword("is_leaf")
        let tree = try interp.flattenTree(args.positional[1], isLeaf: isLeaf)
        var columns: [[PyValue]] = [tree.leaves]
        for other in args.positional.dropFirst(2) {
            do throws(PyException) {
                columns.append(try interp.flattenUpTo(tree, other))
            } catch {
                let label = withPath ? "tree_map_with_path tree" : "tree_map tree"
                throw try interp.prefixError(args.positional[1], other, isLeaf: isLeaf, name: label) ?? error
            }
        }
        let paths = withPath ? try interp.leafKeyPaths(tree) : []
        var results: [PyValue] = []
        for i in 0..<tree.leafCount {
            var callArgs = columns.map { $0[i] }
            if withPath { callArgs.insert(.tuple(paths[i]), at: 0) }
            results.append(try interp.call(f, Arguments(callArgs)))
        }
        return try interp.unflattenTree(try tree.replacingLeaves(results))
    }

    /// `[(key_path, leaf), ...]`.
    private static func pathsAndLeaves(_ interp: Interpreter, _ tree: Tree<PyValue>) throws(PyException) -> PyValue {
        let paths = try interp.leafKeyPaths(tree)
        return .list(PyList(zip(paths, tree.leaves).map { .tuple([.tuple($0), $1]) }))
    }

    /// `tree_reduce_associative`: halves reduced recursively, then combined.
    private static func parallelReduce(_ interp: Interpreter, _ leaves: ArraySlice<PyValue>, _ operation: PyValue,
                                       identity: PyValue?) throws(PyException) -> PyValue {
        switch leaves.count {
        case 0:
            guard let identity else { throw PyException.typeError("Must specify identity for parallel reduction of empty sequence.") }
            return identity
        case 1:
            return leaves[leaves.startIndex]
        default:
            let middle = leaves.startIndex + leaves.count / 2
            let a = try parallelReduce(interp, leaves[..<middle], operation, identity: identity)
            let b = try parallelReduce(interp, leaves[middle...], operation, identity: identity)
            return try interp.call(operation, Arguments([a, b]))
        }
    }

    /// `jax.tree.transpose(outer_treedef, inner_treedef, pytree_to_transpose)`.
    private static func transpose(_ interp: Interpreter, outer: PyTreeDefObject, inner innerValue: PyValue?,
                                  _ value: PyValue) throws(PyException) -> PyValue {
        let tree = try interp.flattenTree(value)
        let inner: PyTreeDefObject
        if let innerValue, !innerValue.isNone {
            inner = try treedef(innerValue)
        } else {
            let first = try interp.flattenUpTo(outer.tree, value).first ?? .none
            inner = PyTreeDefObject(try interp.flattenTree(first))
        }
        let innerSize = inner.tree.leafCount, outerSize = outer.tree.leafCount
        guard tree.leafCount == innerSize * outerSize else {
            let expected = PyTreeDefObject(try outer.tree.replacingLeaves(Array(repeating: inner.tree, count: outerSize)).flattenedNodes())
            throw PyException.typeError("Mismatch\nPyTreeDef(\(tree.structure))\n != \n\(try expected.repr(interp))")
        }
        let flat = tree.leaves
        var subtrees: [PyValue] = []
        for i in 0..<innerSize {
            let column = (0..<outerSize).map { flat[$0 * innerSize + i] }
            subtrees.append(try interp.unflattenTree(try outer.tree.replacingLeaves(column)))
        }
        return try interp.unflattenTree(try inner.tree.replacingLeaves(subtrees))
    }
}
