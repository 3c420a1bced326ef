import JaxCore

/// Why one tree is not a prefix of another, in the words of JAX's `_prefix_error` (what
/// `jax.tree.map` raises when its trees do not match).
extension Interpreter {
    /// The first structural difference between `prefix` and `full`, as JAX's ValueError
    /// naming the tree `name`; nil when `prefix` is a prefix of `full`.
    func prefixError(_ prefix: PyValue, _ full: PyValue, isLeaf: PyValue?, name: String,
                     path: [PyValue] = []) throws(PyException) -> PyException? {
        try enterNesting("while comparing pytrees")
        defer { nestingDepth -= 1 }
        let prefixTree = try oneLevel(prefix, isLeaf: isLeaf)
        guard let (prefixChildren, prefixKeys, prefixMeta) = prefixTree else { return nil }
        let at = "    \(name)\(try keystr(.tuple(path), simple: false, separator: ""))"
        let prefixType = try repr(pythonType(prefix)), fullType = try repr(pythonType(full))
        guard identical(pythonType(prefix), pythonType(full)) else {
            return PyException.valueError("pytree structure error: different types at key path\n\(at)\n"
                + "At that key path, the prefix pytree \(name) has a subtree of type\n    \(prefixType)\n"
                + "but at the same key path the full pytree has a subtree of different type\n    \(fullType).")
        }
        guard let (fullChildren, fullKeys, fullMeta) = try oneLevel(full, isLeaf: nil) else { return nil }
        switch prefix {
        case .tuple, .list:
            if prefixChildren.count != fullChildren.count {
                let typeName = prefix.typeName
                return PyException.valueError("pytree structure error: different lengths of \(typeName) at key path\n\(at)\n"
                    + "At that key path, the prefix pytree \(name) has a subtree of type \(typeName) of length \(prefixChildren.count), "
                    + "but the full pytree has a subtree of the same type but of length \(fullChildren.count).")
            }
        default:
            if prefixChildren.count != fullChildren.count {
                func keyList(_ keys: [PyValue]) throws(PyException) -> String {
                    var parts: [String] = []
                    for k in keys { parts.append(try str(try keyValue(k))) }
                    return parts.joined(separator: " ")
                }
                return PyException.valueError("pytree structure error: different numbers of pytree children at key path\n\(at)\n"
                    + "At that key path, the prefix pytree \(name) has a subtree of type\n    \(prefixType)\n"
                    + "with \(prefixChildren.count) child keys\n    \(try keyList(prefixKeys))\n"
                    + "but at the same key path the full pytree has a subtree of the same type but with \(fullChildren.count) child keys\n"
                    + "    \(try keyList(fullKeys))\n" + (try symmetricDifference(prefixKeys, fullKeys)))
            }
        }
        if try !valuesEqual(prefixMeta, fullMeta) {
            let a = try str(prefixMeta), b = try str(fullMeta)
            return PyException.valueError("pytree structure error: different pytree metadata at key path\n\(at)\n"
                + "At that key path, the prefix pytree \(name) has a subtree of type\n    \(prefixType)\n"
                + "with metadata\n    \(a)\n"
                + "but at the same key path the full pytree has a subtree of the same type but with metadata\n    \(b)\n"
                + "so the diff in the metadata at these pytree nodes is\n    - \(a)\n    + \(b)")
        }
        for ((key, p), f) in zip(zip(prefixKeys, prefixChildren), fullChildren) {
            if let error = try prefixError(p, f, isLeaf: isLeaf, name: name, path: path + [key]) { return error }
        }
        return nil
    }

    /// `so the symmetric difference on key sets is` and the keys in one set only.
    private func symmetricDifference(_ a: [PyValue], _ b: [PyValue]) throws(PyException) -> String {
        var only: [String] = []
        for (x, y) in [(a, b), (b, a)] {
            for k in x {
                var found = false
                for o in y where try valuesEqual(o, k) { found = true }
                if !found { only.append(try str(try keyValue(k))) }
            }
        }
        return "so the symmetric difference on key sets is\n    " + only.joined(separator: " ")
    }

    /// The value inside a key entry (`SequenceKey(idx=1)` gives 1).
    private func keyValue(_ key: PyValue) throws(PyException) -> PyValue {
        if case .object(let entry as PyTreeKeyEntry) = key { return entry.value }
        return key
    }

    /// A node's children, their keys and its node data (`flatten_one_level`); nil for a leaf.
    private func oneLevel(_ value: PyValue, isLeaf: PyValue?) throws(PyException) -> ([PyValue], [PyValue], PyValue)? {
        let tree = try flattenOneLevel(value, isLeaf: isLeaf)
        switch tree {
        case .leaf:
            return nil
        case .none:
            return value.isNone ? ([], [], .none) : nil
        case .tuple(let items), .list(let items):
            let children = items.compactMap { if case .leaf(let v) = $0 { return v } else { return nil } }
            return (children, children.indices.map { .object(PyTreeKeyEntry(.sequence, .int($0))) }, .none)
        case .dict(let pairs):
            let children = pairs.compactMap { if case .leaf(let v) = $0.1 { return v } else { return nil } }
            return (children, pairs.map { .object(PyTreeKeyEntry(.dict, .str($0.0))) }, .tuple(pairs.map { .str($0.0) }))
        case .node(let node, let items):
            let children = items.compactMap { if case .leaf(let v) = $0 { return v } else { return nil } }
            guard let info = node.payload as? PyTreeNodeInfo else { return nil }
            let meta: PyValue
            switch info.kind {
            case .dict, .orderedDict: meta = .tuple(info.keys)
            case .defaultDict(let factory): meta = .tuple([factory, .tuple(info.keys)])
            case .namedTuple: meta = .none
            case .registered: meta = info.aux
            }
            return (children, try childKeys(info, count: children.count), meta)
        }
    }
}
