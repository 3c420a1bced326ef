import JaxCore

/// `jax.tree_util.register_*`: classes whose instances become pytree nodes.
extension JaxTreeModule {
    static func installRegistration(_ m: PyModule) {
        m.define("register_pytree_node") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("register_pytree_node", ["nodetype", "flatten_func", "unflatten_func", "flatten_with_keys_func"],
                                      required: 3)
            try interp.registerPytreeNode(slots[0] ?? .none, .functions(flatten: slots[1] ?? .none, unflatten: slots[2] ?? .none,
                                                                         flattenWithKeys: nonNone(slots[3])))
            return .none
        }
        m.define("register_pytree_node_class") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("register_pytree_node_class", ["cls"], required: 1)
            let cls = slots[0] ?? .none
            try interp.registerPytreeNode(cls, .functions(flatten: methodCaller("tree_flatten"),
                                                          unflatten: try interp.getAttribute(cls, "tree_unflatten"), flattenWithKeys: nil))
            return cls
        }
        m.define("register_pytree_with_keys") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("register_pytree_with_keys", ["nodetype", "flatten_with_keys", "unflatten_func", "flatten_func"],
                                      required: 2)
            let cls = slots[0] ?? .none
            var unflatten = nonNone(slots[2]) ?? PyValue.none
            if unflatten.isNone { unflatten = try interp.getAttribute(cls, "tree_unflatten") }
            try interp.registerPytreeNode(cls, .functions(flatten: nonNone(slots[3]) ?? PyValue.none, unflatten: unflatten,
                                                          flattenWithKeys: slots[1] ?? PyValue.none))
            return .none
        }
        m.define("register_pytree_with_keys_class") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("register_pytree_with_keys_class", ["cls"], required: 1)
            let cls = slots[0] ?? .none
            let flatten = interp.hasAttribute(cls, "tree_flatten") ? methodCaller("tree_flatten") : PyValue.none
            try interp.registerPytreeNode(cls, .functions(flatten: flatten, unflatten: try interp.getAttribute(cls, "tree_unflatten"),
                                                          flattenWithKeys: methodCaller("tree_flatten_with_keys")))
            return cls
        }
        m.define("register_dataclass") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("register_dataclass", ["nodetype", "data_fields", "meta_fields", "drop_fields"], required: 1)
            let cls = slots[0] ?? .none
            let (data, meta) = try dataclassFields(interp, cls, data: nonNone(slots[1]), meta: nonNone(slots[2]),
                                                   drop: try slots[3].map { (v: PyValue) throws(PyException) in try strings(interp, v) } ?? [])
            try interp.registerPytreeNode(cls, .dataclass(data: data, meta: meta))
            return cls
        }
        m.define("register_static") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("register_static", ["cls"], required: 1)
            try interp.registerPytreeNode(slots[0] ?? .none, .staticNode)
            return slots[0] ?? .none
        }
    }

    private static func nonNone(_ v: PyValue?) -> PyValue? {
        guard let v, !v.isNone else { return nil }
        return v
    }

    /// `operator.methodcaller(name)`: calls `x.name()`.
    private static func methodCaller(_ name: String) -> PyValue {
        .object(PyBuiltin(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try interp.callMethod(args.positional.first ?? .none, name, Arguments())
        })
    }

    private static func strings(_ interp: Interpreter, _ v: PyValue) throws(PyException) -> [String] {
        if case .str(let s) = v { return [s] }
        var out: [String] = []
        for item in try interp.collect(v) { out.append(try interp.requireString(item, "field names must be str, not")) }
        return out
    }

    /// `register_dataclass`'s data and meta fields: given, or from the dataclass's fields
    /// (`field(metadata={'static': True})` marks a meta field), checked as JAX checks them.
    private static func dataclassFields(_ interp: Interpreter, _ cls: PyValue, data: PyValue?, meta: PyValue?,
                                        drop: [String]) throws(PyException) -> ([String], [String]) {
        let fields = DataclassesModule.dataclassFields(cls)
        var dataNames: [String], metaNames: [String]
        if let data, let meta {
            dataNames = try strings(interp, data)
            metaNames = try strings(interp, meta)
        } else {
            if (data == nil) != (meta == nil) {
                throw PyException.typeError("register_dataclass: data_fields and meta_fields must both be specified when either is specified. Got data_fields=\(try interp.repr(data ?? .none)) meta_fields=\(try interp.repr(meta ?? .none)).")
            }
            guard let fields else {
                throw PyException.typeError("register_dataclass: data_fields and meta_fields are required when nodetype is not a dataclass. Got nodetype=\(try interp.repr(cls)).")
            }
            dataNames = []
            metaNames = []
            for f in fields {
                var isStatic = false
                if case .dict(let metadata) = f.metadata, let flag = try metadata.get(.str("static")) { isStatic = try interp.truth(flag) }
                if isStatic { metaNames.append(f.name) } else { dataNames.append(f.name) }
            }
        }
        if let fields {
            let initFields = Set(fields.filter(\.initialized).map(\.name)).subtracting(drop)
            let given = Set(dataNames + metaNames)
            if given != initFields {
                var message = "data_fields and meta_fields must include all dataclass fields with ``init=True`` and only them."
                let missing = initFields.subtracting(given), unexpected = given.subtracting(initFields)
                if !missing.isEmpty {
                    message += " Missing fields: {\(missing.sorted().map(Interpreter.stringRepr).joined(separator: ", "))}. Add them to drop_fields to suppress this error."
                }
                if !unexpected.isEmpty { message += " Unexpected fields: {\(unexpected.sorted().map(Interpreter.stringRepr).joined(separator: ", "))}." }
                throw PyException.valueError(message)
            }
        }
        let overlap = Set(dataNames).intersection(metaNames)
        if !overlap.isEmpty {
            throw PyException.valueError("data_fields and meta_fields must not overlap. Overlapping fields: {\(overlap.sorted().map(Interpreter.stringRepr).joined(separator: ", "))}.")
        }
        return (dataNames, metaNames)
    }
}
