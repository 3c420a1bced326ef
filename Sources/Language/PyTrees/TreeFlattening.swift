import JaxCore

/// Python values as pytrees, by JAX's rules: tuples, lists, dicts (by sorted key), None,
/// named tuples, `OrderedDict`, `defaultdict` and registered classes are nodes (matched by
/// exact class, so subclasses of list or dict are leaves); everything else is a leaf.
extension Interpreter {
    /// `value` as a pytree of Python leaves; `isLeaf` (a callable or None) may stop the descent.
    func flattenTree(_ value: PyValue, isLeaf: PyValue? = nil) throws(PyException) -> Tree<PyValue> {
        try enterNesting("while flattening a pytree")
        defer { nestingDepth -= 1 }
        if let isLeaf, !isLeaf.isNone, try truth(try call(isLeaf, Arguments([value]))) { return .leaf(value) }
        switch value {
        case .none:
            return .none
        case .tuple(let items):
            var out: [Tree<PyValue>] = []
            for item in items { out.append(try flattenTree(item, isLeaf: isLeaf)) }
            return .tuple(out)
        case .list(let l):
            var out: [Tree<PyValue>] = []
            for item in l.items { out.append(try flattenTree(item, isLeaf: isLeaf)) }
            return .list(out)
        case .dict(let d):
            return try flattenDict(d, isLeaf: isLeaf)
        case .object(let o):
            if let registration = pytreeRegistration(of: value) {
                return try flattenRegistered(value, registration, isLeaf: isLeaf)
            }
            if let instance = o as? PyInstance, let node = try flattenLibraryNode(instance, isLeaf: isLeaf) { return node }
            return .leaf(value)
        default:
            return .leaf(value)
        }
    }

    /// `value` flattened one level: its children are leaves (`flatten_one_level`). `isLeaf`
    /// is asked about the root only.
    func flattenOneLevel(_ value: PyValue, isLeaf: PyValue? = nil) throws(PyException) -> Tree<PyValue> {
        var atRoot = true
        let stop = PyBuiltin("is_leaf") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard atRoot else { return .bool(true) }
            atRoot = false
            guard let isLeaf, !isLeaf.isNone else { return .bool(false) }
            return try interp.call(isLeaf, args)
        }
        return try flattenTree(value, isLeaf: .object(stop))
    }

    /// The keys of a dict in JAX's order (sorted), with JAX's error when they do not compare.
    func sortedPytreeKeys(_ d: PyDict) throws(PyException) -> [PyValue] {
        var keys = d.keys
        do throws(PyException) {
            try sort(&keys, key: .none, reverse: .bool(false))
        } catch {
            throw PyException.valueError("Comparator raised exception while sorting pytree dictionary keys.")
        }
        return keys
    }

    private func flattenDict(_ d: PyDict, isLeaf: PyValue?) throws(PyException) -> Tree<PyValue> {
        let keys = try sortedPytreeKeys(d)
        var children: [Tree<PyValue>] = []
        for key in keys { children.append(try flattenTree(try d.get(key) ?? .none, isLeaf: isLeaf)) }
        var names: [String] = []
        for key in keys {
            guard case .str(let s) = key else {
                return .node(try pytreeNode(PyTreeNodeInfo(kind: .dict, type: builtinType(named: "dict"), keys: keys, text: "")), children)
            }
            names.append(s)
        }
        return .dict(Array(zip(names, children)))
    }

    /// Named tuples, `OrderedDict` and `defaultdict` instances; nil for other instances.
    private func flattenLibraryNode(_ instance: PyInstance, isLeaf: PyValue?) throws(PyException) -> Tree<PyValue>? {
        let cls = instance.cls
        let type = PyValue.object(cls)
        if case .tuple(let items)? = instance.base, case .tuple(let fields)? = cls.lookup("_fields") {
            var children: [Tree<PyValue>] = []
            for item in items { children.append(try flattenTree(item, isLeaf: isLeaf)) }
            let info = PyTreeNodeInfo(kind: .namedTuple, type: type, keys: fields, text: "namedtuple[\(cls.name)]")
            return .node(try pytreeNode(info), children)
        }
        guard cls.module == "collections", case .dict(let d)? = instance.base else { return nil }
        switch cls.name {
        case "OrderedDict":
            let keys = d.keys
            var children: [Tree<PyValue>] = []
            for key in keys { children.append(try flattenTree(try d.get(key) ?? .none, isLeaf: isLeaf)) }
            let info = PyTreeNodeInfo(kind: .orderedDict, type: type, keys: keys, text: "OrderedDict[\(try repr(.tuple(keys)))]")
            return .node(try pytreeNode(info), children)
        case "defaultdict":
            let keys = try sortedPytreeKeys(d)
            var children: [Tree<PyValue>] = []
            for key in keys { children.append(try flattenTree(try d.get(key) ?? .none, isLeaf: isLeaf)) }
            let factory = try instance.attributes.get(.str("default_factory")) ?? .none
            let info = PyTreeNodeInfo(kind: .defaultDict(factory: factory), type: type, keys: keys,
                                      text: "defaultdict[\(try repr(.tuple([factory, .tuple(keys)])))]")
            return .node(try pytreeNode(info), children)
        default:
            return nil
        }
    }

    private func flattenRegistered(_ value: PyValue, _ registration: PyTreeRegistration,
                                   isLeaf: PyValue?) throws(PyException) -> Tree<PyValue> {
        let type = pythonType(value)
        let name = (try? getAttribute(type, "__name__")).flatMap { v -> String? in if case .str(let s) = v { return s } else { return nil } }
            ?? value.typeName
        var childValues: [PyValue] = []
        var keys: [PyValue] = []
        var aux = PyValue.none
        switch registration.kind {
        case .functions(let flatten, _, let withKeys):
            let result = try call(withKeys ?? flatten, Arguments([value]))
            let pair = try collect(result)
            guard pair.count == 2 else {
                throw PyException.valueError("The flatten function for \(try repr(type)) should return a 2-tuple, got \(try repr(result)).")
            }
            aux = pair[1]
            for child in try collect(pair[0]) {
                if withKeys != nil {
                    let keyed = try collect(child)
                    guard keyed.count == 2 else { throw PyException.valueError("flatten_with_keys should return (key, child) pairs") }
                    keys.append(keyed[0])
                    childValues.append(keyed[1])
                } else {
                    childValues.append(child)
                }
            }
        case .dataclass(let data, let meta):
            var metaValues: [PyValue] = []
            for field in meta { metaValues.append(try getAttribute(value, field)) }
            aux = .tuple(metaValues)
            for field in data {
                childValues.append(try getAttribute(value, field))
                keys.append(.str(field))
            }
        case .staticNode:
            aux = value
        }
        var children: [Tree<PyValue>] = []
        for child in childValues { children.append(try flattenTree(child, isLeaf: isLeaf)) }
        let info = PyTreeNodeInfo(kind: .registered(registration), type: type, aux: aux, keys: keys,
                                  text: "\(name)[\(try str(aux))]")
        return .node(try pytreeNode(info), children)
    }

    /// The JaxCore node for `info`: how it prints and names its children's paths.
    private func pytreeNode(_ info: PyTreeNodeInfo) throws(PyException) -> PyTreeNode {
        var paths: [String] = []
        for key in try childKeys(info, count: info.keys.count) { paths.append(try str(key)) }
        if case .dict = info.kind {
            var keyTexts: [String] = []
            for key in info.keys { keyTexts.append(try repr(key)) }
            return PyTreeNode(payload: info, childPath: { i in i < paths.count ? paths[i] : "[\(i)]" }) { children in
                "{" + zip(keyTexts, children).map { "\($0): \($1)" }.joined(separator: ", ") + "}"
            }
        }
        let text = info.text
        return PyTreeNode(payload: info, childPath: { i in i < paths.count ? paths[i] : "[<flat index \(i)>]" }) { children in
            "CustomNode(\(text), [\(children.joined(separator: ", "))])"
        }
    }

    /// The key entries (`DictKey`, `GetAttrKey`, ...) naming a node's children; for nodes
    /// flattened without keys, `count` `FlattenedIndexKey`s.
    func childKeys(_ info: PyTreeNodeInfo, count: Int) throws(PyException) -> [PyValue] {
        switch info.kind {
        case .dict, .orderedDict, .defaultDict:
            return info.keys.map { .object(PyTreeKeyEntry(.dict, $0)) }
        case .namedTuple:
            return info.keys.map { .object(PyTreeKeyEntry(.getAttr, $0)) }
        case .registered(let registration):
            switch registration.kind {
            case .functions(_, _, let withKeys):
                if withKeys != nil { return info.keys }
                return (0..<count).map { .object(PyTreeKeyEntry(.flattenedIndex, .int($0))) }
            case .dataclass:
                return info.keys.map { .object(PyTreeKeyEntry(.getAttr, $0)) }
            case .staticNode:
                return []
            }
        }
    }

    /// The Python value a pytree of Python leaves stands for (nodes rebuilt by their class).
    func unflattenTree(_ tree: Tree<PyValue>) throws(PyException) -> PyValue {
        try enterNesting("while unflattening a pytree")
        defer { nestingDepth -= 1 }
        switch tree {
        case .leaf(let v): return v
        case .none: return .none
        case .tuple(let items):
            var out: [PyValue] = []
            for item in items { out.append(try unflattenTree(item)) }
            return .tuple(out)
        case .list(let items):
            var out: [PyValue] = []
            for item in items { out.append(try unflattenTree(item)) }
            return .list(PyList(out))
        case .dict(let pairs):
            let d = PyDict()
            for (k, v) in pairs { try d.set(.str(k), try unflattenTree(v)) }
            return .dict(d)
        case .node(let node, let items):
            guard let info = node.payload as? PyTreeNodeInfo else { throw PyException("RuntimeError", "unknown pytree node") }
            var children: [PyValue] = []
            for item in items { children.append(try unflattenTree(item)) }
            return try rebuildNode(info, children)
        }
    }

    private func rebuildNode(_ info: PyTreeNodeInfo, _ children: [PyValue]) throws(PyException) -> PyValue {
        let pairs = PyValue.list(PyList(zip(info.keys, children).map { PyValue.tuple([$0, $1]) }))
        switch info.kind {
        case .dict:
            let d = PyDict()
            for (k, v) in zip(info.keys, children) { try d.set(k, v) }
            return .dict(d)
        case .namedTuple:
            return try call(info.type, Arguments(children))
        case .orderedDict:
            return try call(info.type, Arguments([pairs]))
        case .defaultDict(let factory):
            return try call(info.type, Arguments([factory, pairs]))
        case .registered(let registration):
            switch registration.kind {
            case .functions(_, let unflatten, _):
                return try call(unflatten, Arguments([info.aux, .tuple(children)]))
            case .dataclass(let data, let meta):
                var keywords: [(String, PyValue)] = []
                let metaValues = (try? collect(info.aux)) ?? []
                for (name, v) in zip(meta, metaValues) { keywords.append((name, v)) }
                for (name, v) in zip(data, children) { keywords.append((name, v)) }
                return try call(info.type, Arguments([], keywords: keywords))
            case .staticNode:
                return info.aux
            }
        }
    }
}
