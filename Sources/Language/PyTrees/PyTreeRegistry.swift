import JaxCore

/// A class registered as a pytree node (`jax.tree_util.register_pytree_node`,
/// `register_pytree_with_keys`, `register_dataclass`, `register_static`): how its instances
/// split into children and node data, and how they are rebuilt.
final class PyTreeRegistration {
    /// How instances are taken apart.
    enum Kind {
        /// `flatten(x) -> (children, aux)` and `unflatten(aux, children) -> x`;
        /// `flattenWithKeys(x) -> (((key, child), ...), aux)` when registered with keys.
        case functions(flatten: PyValue, unflatten: PyValue, flattenWithKeys: PyValue?)
        /// A dataclass: the data fields are children, the meta fields' values the node data.
        case dataclass(data: [String], meta: [String])
        /// No children: the whole value is node data (`register_static`).
        case staticNode
    }

    let type: PyObject
    let kind: Kind

    init(type: PyObject, kind: Kind) {
        self.type = type
        self.kind = kind
    }
}

/// The per-session table of registered node types, by class.
final class PyTreeRegistry {
    var entries: [ObjectIdentifier: PyTreeRegistration] = [:]
}

/// The node data of a pytree node other than tuple, list, str-keyed dict and None, as the
/// interpreter needs it to rebuild the Python value and to name its children's key paths.
final class PyTreeNodeInfo {
    /// What kind of node it is.
    enum Kind {
        /// A dict whose keys are not all strings (keys in sorted order).
        case dict
        case namedTuple
        case orderedDict
        case defaultDict(factory: PyValue)
        case registered(PyTreeRegistration)
    }

    let kind: Kind
    /// The node's class (`type(x)`).
    let type: PyValue
    /// The registered node data (aux data, or the dataclass's meta values); None otherwise.
    let aux: PyValue
    /// Dict keys in flattening order, a named tuple's field names, or the keys a
    /// `register_pytree_with_keys` flattener gave.
    let keys: [PyValue]
    /// What `PyTreeDef` prints for the node data: `namedtuple[P]`, `C[{'mul': True}]`.
    let text: String

    init(kind: Kind, type: PyValue, aux: PyValue = .none, keys: [PyValue] = [], text: String) {
        self.kind = kind
        self.type = type
        self.aux = aux
        self.keys = keys
        self.text = text
    }
}

extension Interpreter {
    /// The session's pytree registry.
    var pytreeRegistry: PyTreeRegistry { moduleState("jax.tree_util.registry") { PyTreeRegistry() } }

    /// The registration of `value`'s exact class, if any (subclasses are not nodes, as in JAX).
    func pytreeRegistration(of value: PyValue) -> PyTreeRegistration? {
        guard case .object = value, case .object(let type) = pythonType(value) else { return nil }
        return pytreeRegistry.entries[ObjectIdentifier(type)]
    }

    /// Registers `type` as a node; a second registration is JAX's ValueError.
    func registerPytreeNode(_ type: PyValue, _ kind: PyTreeRegistration.Kind) throws(PyException) {
        guard case .object(let t) = type, t is PyClass || t is PyType else {
            throw PyException.typeError("Expected a type, got \(try repr(type))")
        }
        let key = ObjectIdentifier(t)
        if pytreeRegistry.entries[key] != nil || isBuiltinNodeType(t) {
            throw PyException.valueError("Duplicate custom PyTreeDef type registration for \(try repr(type)).")
        }
        pytreeRegistry.entries[key] = PyTreeRegistration(type: t, kind: kind)
    }

    /// tuple, list, dict, NoneType, OrderedDict and defaultdict are nodes already.
    private func isBuiltinNodeType(_ t: PyObject) -> Bool {
        if let type = t as? PyType { return ["tuple", "list", "dict", "NoneType"].contains(type.name) }
        if let cls = t as? PyClass { return cls.module == "collections" && ["OrderedDict", "defaultdict"].contains(cls.name) }
        return false
    }
}
