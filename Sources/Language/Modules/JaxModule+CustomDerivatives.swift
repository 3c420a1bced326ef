import JaxCore

/// `jax.custom_jvp` and `jax.custom_vjp`: a Python function with a differentiation rule of the
/// user's own, called through `custom_jvp_call` / `custom_vjp_call` equations.
extension JaxModule {
    static func installCustomDerivatives(_ m: PyModule) {
        for kind in [PyCustomDerivative.Kind.jvp, .vjp] {
            let name = kind == .jvp ? "custom_jvp" : "custom_vjp"
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["fun", "nondiff_argnums", "nondiff_argnames"], required: 1)
                // JAX takes anything here; calling a non-callable fails when the function is called
                let f = slots[0] ?? .none
                var nums: Set<Int> = []
                if let v = slots[1], !v.isNone {
                    for item in try interp.collect(v) { nums.insert(try interp.index(item)) }
                }
                if let v = slots[2], !v.isNone {
                    let names = try interp.collect(v)
                    if case .object(let fn as PyFunction) = f {
                        for n in names {
                            guard case .str(let s) = n, let i = fn.code.parameters.firstIndex(where: { $0.name == s }) else { continue }
                            nums.insert(i)
                        }
                    }
                }
                return .object(PyCustomDerivative(kind, f, nondiff: nums.sorted()))
            }
        }
    }
}

/// A `jax.custom_jvp` or `jax.custom_vjp` function: the function, its rules once `defjvp`,
/// `defjvps` or `defvjp` gave them, and the arguments that are not differentiated.
final class PyCustomDerivative: PyObject {
    /// Which decorator made it.
    enum Kind { case jvp, vjp }

    let kind: Kind
    let fun: PyValue
    let nondiff: [Int]
    /// custom_jvp's rule: `jvp(*nondiff, primals, tangents)`.
    var jvp: PyValue?
    /// custom_jvp's per-argument rules from `defjvps` (None: that argument adds nothing).
    var jvps: [PyValue]?
    var fwd: PyValue?
    var bwd: PyValue?

    init(_ kind: Kind, _ fun: PyValue, nondiff: [Int]) {
        self.kind = kind
        self.fun = fun
        self.nondiff = nondiff
    }

    private var kindName: String { kind == .jvp ? "custom_jvp" : "custom_vjp" }

    override var typeName: String { kindName }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<jax._src.custom_derivatives.\(kindName) object at \(addressText)>"
    }

    override var isCallable: Bool { true }

    private var name: String { JaxModule.functionName(fun) }

    override func getAttribute(_ attribute: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch (attribute, kind) {
        case ("__name__", _): return .str(name)
        case ("fun", _), ("__wrapped__", _): return fun
        case ("nondiff_argnums", _): return .tuple(nondiff.map { .int($0) })
        case ("jvp", .jvp): return jvp ?? PyValue.none
        case ("fwd", .vjp): return fwd ?? PyValue.none
        case ("bwd", .vjp): return bwd ?? PyValue.none
        case ("defjvp", .jvp):
            return .object(PyBuiltin("defjvp", owner: kindName) { [self] (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("defjvp", ["jvp", "symbolic_zeros"], required: 1)
                try self.refuseSymbolicZeros(interp, slots[1])
                let rule = slots[0] ?? .none
                self.jvp = rule
                self.jvps = nil
                return rule
            })
        case ("defjvps", .jvp):
            return .object(PyBuiltin("defjvps", owner: kindName) { [self] (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                if !self.nondiff.isEmpty { throw PyException.typeError("Can't use ``defjvps`` with ``nondiff_argnums``.") }
                if let k = args.keywords.first { throw PyException.typeError("defjvps() got an unexpected keyword argument '\(k.0)'") }
                self.jvps = args.positional
                self.jvp = nil
                return .none
            })
        case ("defvjp", .vjp):
            return .object(PyBuiltin("defvjp", owner: kindName) { [self] (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("defvjp", ["fwd", "bwd", "symbolic_zeros", "optimize_remat"], required: 2)
                try self.refuseSymbolicZeros(interp, slots[2])
                if let v = slots[3], try interp.truth(v) {
                    throw PyException.notImplemented("jaxlab does not optimise custom_vjp functions under remat (optimize_remat=True)")
                }
                self.fwd = slots[0]
                self.bwd = slots[1]
                return .none
            })
        default:
            return nil
        }
    }

    override func attributeNames() -> [String] {
        kind == .jvp ? ["defjvp", "defjvps", "fun", "jvp", "nondiff_argnums"] : ["bwd", "defvjp", "fun", "fwd", "nondiff_argnums"]
    }

    /// Symbolic zeros hand the rules objects that are not arrays, which jaxlab does not have.
    private func refuseSymbolicZeros(_ interp: Interpreter, _ v: PyValue?) throws(PyException) {
        if let v, try interp.truth(v) {
            throw PyException.notImplemented("jaxlab's custom derivative rules take no symbolic zeros (symbolic_zeros=True)")
        }
    }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        switch kind {
        case .jvp where jvp == nil && jvps == nil:
            throw PyException("AttributeError", "No JVP defined for custom_jvp function \(name) using defjvp.")
        case .vjp where fwd == nil || bwd == nil:
            throw PyException("AttributeError", "No VJP defined for custom_vjp function \(name) using defvjp.")
        default: break
        }
        let positional = try resolved(interp, args)
        // a position past the arguments (or before them) picks nothing, as JAX's tuple indexing fails
        for i in nondiff where i < 0 || i >= positional.count {
            throw PyException("IndexError", "tuple index out of range")
        }
        let statics = nondiff.map { positional[$0] }
        if kind == .vjp {
            for s in statics where try containsTracer(interp, s) { throw PyCustomDerivative.tracerInNondiffError() }
        }
        let dynamic = positional.indices.filter { !nondiff.contains($0) }.map { positional[$0] }
        let inTree = try interp.toTree(.tuple(dynamic))
        // called outside every transformation, the function simply runs on the arguments as
        // they are, as JAX's eval trace calls it: its output is flattened and rebuilt (dicts
        // come back in key order) with its leaves untouched (a Python float stays one)
        if !Transforms.isTraced(interp.context, inTree.leaves) {
            return try interp.unflattenTree(try interp.flattenTree(try interp.call(fun, Arguments(positional))))
        }
        let call = CustomCall(owner: self, interp: interp, statics: statics, inTree: inTree)
        let outs: [JaxValue]
        switch kind {
        case .jvp:
            outs = try Transforms.customJVPCall(interp.context, name: name, jvp: call.jvpRule(), inTree.leaves, call.body)
        case .vjp:
            outs = try Transforms.customVJPCall(interp.context, name: name, fwd: call.fwdRule(), bwd: call.bwdRule(), inTree.leaves,
                                                primalCount: { call.outTree?.leafCount }, call.body)
        }
        guard let outTree = call.outTree else { throw PyException("RuntimeError", "\(name) returned no value") }
        return try interp.fromTree(try outTree.replacingLeaves(outs))
    }

    /// The call's arguments as positional ones, keywords and defaults resolved by the
    /// function's signature, as JAX's `resolve_kwargs` does.
    private func resolved(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> [PyValue] {
        guard case .object(let fn as PyFunction) = fun else {
            if let k = args.keywords.first { throw resolveError("got an unexpected keyword argument '\(k.0)'") }
            return args.positional
        }
        let parameters = fn.code.parameters
        guard parameters.allSatisfy({ $0.kind == .normal }) else {
            if args.keywords.isEmpty { return args.positional }
            throw resolveError("keyword arguments need a signature of plain parameters")
        }
        if args.positional.count > parameters.count {
            throw resolveError("too many positional arguments")
        }
        var slots: [PyValue?] = args.positional + Array(repeating: nil, count: parameters.count - args.positional.count)
        var unexpected: String?
        for (key, value) in args.keywords {
            guard let i = parameters.firstIndex(where: { $0.name == key }) else {
                if unexpected == nil { unexpected = key }
                continue
            }
            guard slots[i] == nil else { throw resolveError("multiple values for argument '\(key)'") }
            slots[i] = value
        }
        // as inspect.Signature.bind: a missing argument is reported before an unexpected one
        var out: [PyValue] = []
        for (i, slot) in slots.enumerated() {
            if let slot { out.append(slot) } else if let d = fn.defaults[parameters[i].name] { out.append(d) } else {
                throw resolveError("missing a required argument: '\(parameters[i].name)'")
            }
        }
        if let unexpected { throw resolveError("got an unexpected keyword argument '\(unexpected)'") }
        return out
    }

    private func resolveError(_ message: String) -> PyException {
        PyException.typeError("The input arguments to the \(kindName)-decorated function \(name) could not be resolved to positional-only arguments. Binding failed with the error:\n\(message)")
    }

    private func containsTracer(_ interp: Interpreter, _ v: PyValue) throws(PyException) -> Bool {
        guard let tree = try? interp.toTree(v) else { return false }
        return tree.leaves.contains { if case .tracer = $0 { return true } else { return false } }
    }

    static func tracerInNondiffError() -> PyException {
        PyException("UnexpectedTracerError",
                    "Found a JAX Tracer object passed as an argument to a custom_vjp function in a position indicated by nondiff_argnums as "
                    + "non-differentiable. Tracers cannot be passed as non-differentiable arguments to custom_vjp functions; instead, "
                    + "nondiff_argnums should only be used for arguments that can't be or contain JAX tracers, e.g. function-valued "
                    + "arguments. In particular, array-valued arguments should typically not be indicated as nondiff_argnums.\n"
                    + "See https://docs.jax.dev/en/latest/errors.html#jax.errors.UnexpectedTracerError")
    }
}

/// One call of a custom_jvp / custom_vjp function: its static arguments and the structure of
/// its differentiated ones, the output structure the function gave, and the residuals' structure
/// the fwd rule gave, for the rules that run later (bwd runs when the gradient is transposed).
final class CustomCall {
    let owner: PyCustomDerivative
    weak var interp: Interpreter?
    let statics: [PyValue]
    let inTree: PyTree
    var outTree: PyTree?
    var residualTree: PyTree?

    init(owner: PyCustomDerivative, interp: Interpreter, statics: [PyValue], inTree: PyTree) {
        self.owner = owner
        self.interp = interp
        self.statics = statics
        self.inTree = inTree
    }

    private var name: String { JaxModule.functionName(owner.fun) }

    private func interpreter() throws(PyException) -> Interpreter {
        guard let interp else { throw PyException("RuntimeError", "the session of a custom derivative rule has ended") }
        return interp
    }

    /// The differentiated arguments as Python values, from their leaves.
    private func dynamicArguments(_ leaves: [JaxValue]) throws(PyException) -> [PyValue] {
        let interp = try interpreter()
        guard case .tuple(let items) = try interp.fromTree(try inTree.replacingLeaves(leaves)) else { return [] }
        return items
    }

    /// Every argument in its place: the static ones where nondiff_argnums puts them.
    private func allArguments(_ leaves: [JaxValue]) throws(PyException) -> [PyValue] {
        var dynamic = try dynamicArguments(leaves).makeIterator()
        var statics = self.statics.makeIterator()
        var out: [PyValue] = []
        for i in 0..<(self.statics.count + inTree.children.count) {
            if owner.nondiff.contains(i) { out.append(statics.next() ?? .none) } else { out.append(dynamic.next() ?? .none) }
        }
        return out
    }

    /// The function itself on flat leaves; keeps the structure of its output.
    func body(_ leaves: [JaxValue]) throws(PyException) -> [JaxValue] {
        let interp = try interpreter()
        let tree = try interp.toTree(try interp.call(owner.fun, Arguments(try allArguments(leaves))))
        outTree = tree
        return tree.leaves
    }

    private static func pair(_ interp: Interpreter, _ v: PyValue) -> [PyValue]? {
        switch v {
        case .tuple(let items) where items.count == 2: return items
        case .list(let l) where l.items.count == 2: return l.items
        default: return nil
        }
    }

    /// `_flatten_jvp`: the user's jvp on Python values, its pair checked as JAX checks it.
    func jvpRule() -> CustomRule {
        if let jvps = owner.jvps { return jvpsRule(jvps) }
        let jvp = owner.jvp ?? .none
        let jvpName = JaxModule.functionName(jvp)
        return CustomRule(jvpName) { [self] values throws(PyException) -> [JaxValue?] in
            let interp = try interpreter()
            let n = inTree.leafCount
            let primals = Array(values.prefix(n)), tangents = Array(values.dropFirst(n))
            let args = statics + [.tuple(try dynamicArguments(primals)), .tuple(try dynamicArguments(tangents))]
            let result = try interp.call(jvp, Arguments(args))
            guard let pair = CustomCall.pair(interp, result) else {
                throw PyException.typeError("Custom JVP rule \(jvpName) for function \(name) must produce a pair (list or tuple of length two) representing primal and tangent outputs, but got \(try interp.str(result)).")
            }
            let primalTree = try interp.toTree(pair[0]), tangentTree = try interp.toTree(pair[1])
            if primalTree.structure != tangentTree.structure {
                throw PyException.typeError("Custom JVP rule \(jvpName) for function \(name) must produce primal and tangent outputs with equal container (pytree) structures, but got PyTreeDef(\(primalTree.structure)) and PyTreeDef(\(tangentTree.structure)) respectively.")
            }
            try CustomCall.checkTangents(primalTree.leaves, tangentTree.leaves)
            // under differentiation the rule runs in place of the function and gives its structure
            if outTree == nil { outTree = primalTree }
            return primalTree.leaves + tangentTree.leaves
        }
    }

    /// `defjvps`: the primal output from the function, and the sum of each argument's rule
    /// (`jvp_i(tangent_i, primal_out, *primals)`; None adds nothing).
    private func jvpsRule(_ jvps: [PyValue]) -> CustomRule {
        CustomRule("jvp") { [self] values throws(PyException) -> [JaxValue?] in
            let interp = try interpreter()
            let n = inTree.leafCount
            let primals = try dynamicArguments(Array(values.prefix(n)))
            let tangents = try dynamicArguments(Array(values.dropFirst(n)))
            guard jvps.count == tangents.count else {
                throw PyException.valueError("safe_zip() argument 1 has length \(jvps.count) but argument 0 has length \(tangents.count). All lengths: (\(tangents.count), \(jvps.count))")
            }
            let primalOut = try owner.call(interp, Arguments(primals))
            let outTree = try interp.toTree(primalOut)
            if self.outTree == nil { self.outTree = outTree }
            var sum: [JaxValue]?
            for (rule, t) in zip(jvps, tangents) where !rule.isNone {
                let contribution = try interp.toTree(try interp.call(rule, Arguments([t, primalOut] + primals)))
                guard contribution.structure == outTree.structure else {
                    throw PyException.valueError("Custom JVP rule \(name) gave a tangent of structure PyTreeDef(\(contribution.structure)) for an output of structure PyTreeDef(\(outTree.structure))")
                }
                if let previous = sum {
                    var added: [JaxValue] = []
                    for (a, b) in zip(previous, contribution.leaves) { added.append(try Transforms.addTangents(interp.context, a, b)) }
                    sum = added
                } else {
                    sum = contribution.leaves
                }
            }
            var tangentsOut: [JaxValue] = []
            if let sum { tangentsOut = sum } else {
                for leaf in outTree.leaves { tangentsOut.append(try JNP.zerosLike(interp.context, leaf)) }
            }
            try CustomCall.checkTangents(outTree.leaves, tangentsOut)
            return outTree.leaves + tangentsOut
        }
    }

    /// An abstract value as JAX's `str_short` writes it in errors: `float32[3]`.
    static func typeText(_ aval: ShapedArray) -> String {
        aval.dtype.name + "[" + aval.shape.map(String.init).joined(separator: ",") + "]"
    }

    /// Tangents must have their primals' shapes and dtypes (weak types aside).
    private static func checkTangents(_ primals: [JaxValue], _ tangents: [JaxValue]) throws(PyException) {
        let pairs = zip(primals.map { $0.aval.with(weakType: false) }, tangents.map { $0.aval.with(weakType: false) })
        let wrong = pairs.filter { $0.shape != $1.shape || $0.dtype != $1.dtype }
        guard !wrong.isEmpty else { return }
        if primals.count == 1, let (p, t) = wrong.first {
            throw PyException.typeError("Custom JVP rule must produce primal and tangent outputs with corresponding shapes and dtypes. Expected \(typeText(p)) (tangent type of \(typeText(p))) but got \(typeText(t)).")
        }
        let lines = wrong.map { "  primal \(typeText($0)) with tangent \(typeText($1)), expecting tangent ShapedArray(\(typeText($0)))" }
        throw PyException.typeError("Custom JVP rule must produce primal and tangent outputs with corresponding shapes and dtypes, but got:\n" + lines.joined(separator: "\n"))
    }

    /// `_flatten_fwd`: the user's fwd on the arguments; the primal outputs, then the residuals.
    func fwdRule() -> CustomRule {
        let fwd = owner.fwd ?? .none
        let fwdName = JaxModule.functionName(fwd)
        return CustomRule(fwdName) { [self] values throws(PyException) -> [JaxValue?] in
            let interp = try interpreter()
            let result = try interp.call(fwd, Arguments(try allArguments(values)))
            guard let pair = CustomCall.pair(interp, result) else {
                throw PyException.typeError("Custom VJP fwd rule \(fwdName) for function \(name) must produce a pair (list or tuple of length two) where the first element represents the primal output (equal to those of the custom_vjp-decorated function \(name)) and the second element represents residuals (i.e. values stored from the forward pass for use on the backward pass), but instead of a pair the fwd rule \(fwdName) produced \(try interp.str(result)).")
            }
            let primalTree = try interp.toTree(pair[0]), residuals = try interp.toTree(pair[1])
            residualTree = residuals
            // under differentiation the fwd rule runs in place of the function and gives its structure
            if outTree == nil { outTree = primalTree }
            return primalTree.leaves + residuals.leaves
        }
    }

    /// `_flatten_bwd`: the user's bwd on the residuals and the output cotangents; a cotangent
    /// per differentiated argument leaf (None: none), checked against the arguments' types.
    func bwdRule() -> CustomRule {
        let bwd = owner.bwd ?? .none
        return CustomRule(JaxModule.functionName(bwd)) { [self] values throws(PyException) -> [JaxValue?] in
            let interp = try interpreter()
            guard let residualTree, let outTree else { throw PyException("RuntimeError", "custom_vjp's bwd rule ran before its fwd rule") }
            let count = residualTree.leafCount
            let res = try interp.fromTree(try residualTree.replacingLeaves(Array(values.prefix(count))))
            let cts = try interp.fromTree(try outTree.replacingLeaves(Array(values.dropFirst(count))))
            var result = try interp.call(bwd, Arguments(statics + [res, cts]))
            let argTrees = inTree.children
            if case .list(let l) = result, l.items.count == argTrees.count { result = .tuple(l.items) }
            guard case .tuple(let items) = result, items.count == argTrees.count else {
                throw bwdStructureError(interp, result)
            }
            var out: [JaxValue?] = []
            for (k, (item, argTree)) in zip(items, argTrees).enumerated() {
                if item.isNone {
                    out += Array(repeating: nil, count: argTree.leafCount)
                    continue
                }
                let tree = try interp.toTree(item)
                guard tree.structure == argTree.structure else { throw bwdStructureError(interp, result) }
                for (leaf, arg) in zip(tree.leaves, argTree.leaves) {
                    let a = arg.aval.with(weakType: false), ct = leaf.aval.with(weakType: false)
                    guard a.shape == ct.shape, a.dtype == ct.dtype else {
                        let mismatches = (a.dtype != ct.dtype ? ["the dtypes do not match"] : []) + (a.shape != ct.shape ? ["the shapes do not match"] : [])
                        throw PyException.valueError("Custom VJP bwd rule must produce an output with the same type as the args tuple of the primal function, but at output[\(k)] the bwd rule produced an output of type \(CustomCall.typeText(ct)) corresponding to an input of type \(CustomCall.typeText(arg.aval)), so \(mismatches.joined(separator: ", and "))")
                    }
                    out.append(leaf)
                }
            }
            return out
        }
    }

    private func bwdStructureError(_ interp: Interpreter, _ result: PyValue) -> PyException {
        let got = (try? interp.flattenTree(result).structure) ?? "*"
        return PyException.typeError("Custom VJP bwd rule must produce an output with the same container (pytree) structure as the args tuple of the primal function, and in particular must produce a tuple of length equal to the number of arguments to the primal function, but got bwd output structure PyTreeDef(\(got)) for primal input structure PyTreeDef(\(inTree.structure)).")
    }
}
