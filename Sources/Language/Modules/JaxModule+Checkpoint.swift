import JaxCore

/// `jax.checkpoint` / `jax.remat` and `jax.checkpoint_policies`: a function whose
/// intermediates differentiation recomputes instead of saving (one `remat2` equation).
extension JaxModule {
    static func installCheckpoint(_ m: PyModule) {
        for name in ["checkpoint", "remat"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["fun", "prevent_cse", "policy", "static_argnums", "concrete"], required: 1, maxPositional: 1)
                let f = slots[0] ?? .none
                try requireCallable(interp, f)
                if slots[4] != nil {
                    throw PyException.notImplemented("The `concrete` option to `jax.checkpoint` was deprecated in JAX v0.8.2, and removed in JAX v0.10.0. In its place please use `static_argnums`; for details refer to https://docs.jax.dev/en/latest/jep/11830-new-remat-checkpoint.html.")
                }
                let preventCSE = slots[1] ?? .bool(true)
                if case .tuple = preventCSE { throw PyException.notImplemented("jaxlab's jax.checkpoint takes prevent_cse as one bool") }
                guard case .bool(let prevent) = preventCSE else {
                    throw PyException.typeError("prevent_cse must be a bool or tuple of bools, got type(prevent_cse)=<class '\(interp.pythonTypeName(preventCSE))'>")
                }
                let policy = try checkpointPolicy(interp, slots[2])
                // checked at each call, as JAX checks them
                let staticsValue = slots[3]
                let wrapper = PyTransformedFunction(name: functionName(f), reprText: try interp.repr(f)) {
                    (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                    try checkpointCall(interp, f, call, policy: policy, preventCSE: prevent, statics: try staticArgnums(interp, staticsValue))
                }
                wrapper.wrapped = f
                return .object(wrapper)
            }
        }
        let policies = PyModule("jax.checkpoint_policies")
        for (attribute, policy) in [("nothing_saveable", CheckpointPolicy.nothingSaveable), ("everything_saveable", .everythingSaveable),
                                    ("dots_saveable", .dotsSaveable), ("checkpoint_dots", .dotsSaveable),
                                    ("dots_with_no_batch_dims_saveable", .dotsWithNoBatchDimsSaveable),
                                    ("checkpoint_dots_with_no_batch_dims", .dotsWithNoBatchDimsSaveable)] {
            policies.attributes[attribute] = .object(PyCheckpointPolicy(policy))
        }
        for name in ["save_only_these_names", "save_any_names_but_these", "save_anything_except_these_names"] {
            policies.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                if let k = args.keywords.first { throw PyException.typeError("\(name)() got an unexpected keyword argument '\(k.0)'") }
                // the names as the frozenset JAX keeps them (in CPython's set order)
                let set = PySet(frozen: true)
                var names: Set<String> = []
                for v in args.positional {
                    try set.insert(v, interp)
                    if case .str(let s) = v { names.insert(s) }
                }
                let shown = try interp.repr(.object(set))
                switch name {
                case "save_only_these_names":
                    return .object(PyCheckpointPolicy(.onlyNames(names, text: "SaveOnlyTheseNames(saveable_names=\(shown))")))
                case "save_any_names_but_these":
                    return .object(PyCheckpointPolicy(.anyNamesBut(names, text: "SaveAnyNamesButThese(names=\(shown))")))
                default:
                    return .object(PyCheckpointPolicy(.anythingExceptNames(names)))
                }
            }
        }
        m.attributes["checkpoint_policies"] = .object(policies)
    }

    /// `jax.ad_checkpoint`: `checkpoint`, `remat` and `checkpoint_name`.
    static func makeAdCheckpoint(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.ad_checkpoint", file: "/jaxlab/jax/ad_checkpoint.py")
        installCheckpoint(m)
        m.define("checkpoint_name") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("checkpoint_name", ["x", "name"], required: 2)
            guard case .str(let name)? = slots[1] else {
                throw PyException.typeError("checkpoint_name's name must be a string, got \(try interp.repr(slots[1] ?? .none))")
            }
            let tree = try interp.toTree(slots[0] ?? .none)
            return try interp.fromTree(try tree.mapLeaves { (leaf: JaxValue) throws(PyException) -> JaxValue in
                try Transforms.checkpointName(interp.context, leaf, name: name)
            })
        }
        m.define("print_saved_residuals") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard let f = args.positional.first else {
                throw PyException.typeError("print_saved_residuals() missing 1 required positional argument: 'f'")
            }
            try requireCallable(interp, f)
            if !args.keywords.isEmpty { throw PyException.notImplemented("print_saved_residuals passes positional arguments only in jaxlab") }
            let parameters = debugInfo(f, tracedFor: "saved_residuals")?.parameterNames ?? []
            var primals: [PyTree] = [], names: [String] = []
            for (i, p) in args.positional.dropFirst().enumerated() {
                let tree = try interp.toTree(p)
                // JAX names an argument by its parameter; the leaves of a container by their path
                guard case .leaf = tree else {
                    throw PyException.notImplemented("print_saved_residuals names arrays and scalars only, not the leaves of a container argument")
                }
                primals.append(tree)
                names.append(i < parameters.count ? parameters[i] : "args[\(i)]")
            }
            for (aval, source) in try Transforms.savedResiduals(interp.context, interp.jaxFunction(f), primals: primals, argNames: names) {
                interp.sink.write(aval.short + " " + source + "\n")
            }
            return .none
        }
        return m
    }

    /// None, or one of `jax.checkpoint_policies`.
    private static func checkpointPolicy(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> CheckpointPolicy {
        guard let v, !v.isNone else { return .none }
        guard case .object(let p as PyCheckpointPolicy) = v else {
            throw PyException.notImplemented("jaxlab's jax.checkpoint takes the policies of jax.checkpoint_policies (nothing_saveable, everything_saveable, dots_saveable, dots_with_no_batch_dims_saveable), not \(try interp.repr(v))")
        }
        return p.policy
    }

    /// `static_argnums`: an int or a tuple of ints.
    private static func staticArgnums(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> [Int] {
        switch v {
        case nil: return []
        case .int(let i)?: return [i]
        case .tuple(let items)?:
            var out: [Int] = []
            for item in items {
                guard case .int(let i) = item else { throw staticArgnumsType(interp, v) }
                out.append(i)
            }
            return out
        default: throw staticArgnumsType(interp, v)
        }
    }

    private static func staticArgnumsType(_ interp: Interpreter, _ v: PyValue?) -> PyException {
        PyException.typeError("the `static_argnums` argument to `jax.checkpoint` / `jax.remat` must be an int, tuple of ints or, bool, but got value \((try? interp.str(v ?? .none)) ?? "?")")
    }

    /// One call of a checkpointed function: static arguments stay Python values; the others
    /// (keyword arguments too) are traced into the `remat2` body.
    private static func checkpointCall(_ interp: Interpreter, _ f: PyValue, _ call: Arguments, policy: CheckpointPolicy,
                                       preventCSE: Bool, statics: [Int]) throws(PyException) -> PyValue {
        let n = call.positional.count
        guard statics.allSatisfy({ -n <= $0 && $0 < n }) else {
            let shown = statics.count == 1 ? "(\(statics[0]),)" : "(" + statics.map(String.init).joined(separator: ", ") + ")"
            throw PyException.valueError("the `static_argnums` argument to `jax.checkpoint` / `jax.remat` can only take integer values greater than or equal to `-len(args)` and less than `len(args)`, but got \(shown), while `len(args)` = \(n)")
        }
        let isStatic = Set(statics.map { ($0 % max(n, 1) + n) % max(n, 1) })
        let dynamicPositions = (0..<n).filter { !isStatic.contains($0) }
        var trees: [PyTree] = []
        for i in dynamicPositions { trees.append(try interp.toTree(call.positional[i])) }
        for (_, value) in call.keywords { trees.append(try interp.toTree(value)) }
        var info = debugInfo(f, tracedFor: "checkpoint / remat")
        if let base = info {
            let names = dynamicPositions.map { $0 < base.parameterNames.count ? base.parameterNames[$0] : "args[\($0)]" } + call.keywords.map(\.0)
            info = TraceDebugInfo(functionSource: base.functionSource, tracedFor: base.tracedFor, parameterNames: names)
        }
        var outTree: PyTree?
        let outs: [JaxValue]
        do {
            outs = try traced(interp, f, call, policy: policy, preventCSE: preventCSE, trees: trees, info: info,
                              dynamicPositions: dynamicPositions, outTree: &outTree)
        } catch where ExceptionHierarchy.isSubclass(error.kind, of: "ConcretizationTypeError") && error.message.contains("for checkpoint") {
            // `_trace_to_jaxpr`'s hint for values the checkpointed function needed concretely
            var hinted = error
            hinted.message += "\n\nConsider using the `static_argnums` parameter for `jax.remat` or `jax.checkpoint`. See the `jax.checkpoint` docstring and its example involving `static_argnums`:\nhttps://docs.jax.dev/en/latest/_autosummary/jax.checkpoint.html\n"
            throw hinted
        }
        guard let outTree else { throw PyException("RuntimeError", "the checkpointed function returned no value") }
        return try interp.fromTree(try outTree.replacingLeaves(outs))
    }

    /// The checkpointed function traced and bound as one `remat2`; `outTree` gets its
    /// output's structure.
    private static func traced(_ interp: Interpreter, _ f: PyValue, _ call: Arguments, policy: CheckpointPolicy, preventCSE: Bool,
                               trees: [PyTree], info: TraceDebugInfo?, dynamicPositions: [Int],
                               outTree: inout PyTree?) throws(PyException) -> [JaxValue] {
        var tree: PyTree?
        defer { outTree = tree }
        return try Transforms.checkpoint(interp.context, policy: policy, preventCSE: preventCSE, trees, debugInfo: info) {
            (leaves: [JaxValue]) throws(PyException) -> [JaxValue] in
            let rebuilt = try Transforms.unflatten(trees, leaves)
            var positional = call.positional
            for (k, i) in dynamicPositions.enumerated() { positional[i] = try interp.fromTree(rebuilt[k]) }
            var keywords: [(String, PyValue)] = []
            for (k, (key, _)) in call.keywords.enumerated() { keywords.append((key, try interp.fromTree(rebuilt[dynamicPositions.count + k]))) }
            let out = try interp.toTree(try interp.call(f, Arguments(positional, keywords: keywords)))
            tree = out
            return out.leaves
        }
    }
}

/// One of `jax.checkpoint_policies`, printed as JAX prints it.
final class PyCheckpointPolicy: PyObject {
    let policy: CheckpointPolicy

    init(_ policy: CheckpointPolicy) { self.policy = policy }

    override var typeName: String {
        switch policy {
        case .dotsSaveable, .dotsWithNoBatchDimsSaveable: return "DotsSaveable"
        case .onlyNames: return "SaveOnlyTheseNames"
        case .anyNamesBut: return "SaveAnyNamesButThese"
        default: return "function"
        }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        policy.text.replacingOccurrences(of: "0xXXXXXXXXXXXX", with: addressText)
    }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        throw PyException.notImplemented("jaxlab applies checkpoint policies inside jax.checkpoint only")
    }
}
