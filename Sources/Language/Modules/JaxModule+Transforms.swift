import JaxCore

/// `jax.make_jaxpr`, `jax.grad`, `jax.value_and_grad`, `jax.jvp`, `jax.vmap` and `jax.jit`: a
/// Python function becomes a Swift closure over pytrees of arrays that the transformations call.
extension JaxModule {
    static func installTransforms(_ m: PyModule) {
        m.define("make_jaxpr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("make_jaxpr", ["fun", "static_argnums", "axis_env", "return_shape", "abstracted_axes"], required: 1)
            let f = slots[0] ?? .none
            try requireCallable(interp, f)
            return .object(PyTransformedFunction(name: functionName(f), reprText: "<function make_jaxpr(\(functionName(f)))>") {
                (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                var trees: [PyTree] = []
                for a in call.positional { trees.append(try interp.toTree(a)) }
                let jaxpr = try Transforms.makeJaxpr(interp.context, interp.jaxFunction(f, keywords: call.keywords), trees,
                                                     debugInfo: debugInfo(f, tracedFor: "jit"))
                return .object(PyJaxpr(jaxpr))
            })
        }
        m.define("eval_shape") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard let f = args.positional.first else { throw PyException.typeError("eval_shape() missing 1 required positional argument: 'fun'") }
            try requireCallable(interp, f)
            // ShapeDtypeStruct arguments stand for arrays of their type; a placeholder leaf keeps
            // each one's place in its tree, and tracing gives every output's type
            var trees: [PyTree] = [], avals: [ShapedArray] = []
            for a in args.positional.dropFirst() {
                let tree = try interp.flattenTree(a)
                var leaves: [JaxValue] = []
                for leaf in tree.leaves {
                    if case .object(let s as PyShapeDtypeStruct) = leaf {
                        avals.append(ShapedArray(shape: s.shape, dtype: s.dtype, weakType: s.weakType))
                        leaves.append(.array(JaxArray.scalar(.int(0), dtype: s.dtype)))
                    } else {
                        let value = try interp.jaxArgument(leaf)
                        avals.append(value.aval)
                        leaves.append(value)
                    }
                }
                trees.append(try tree.replacingLeaves(leaves))
            }
            let out = try Transforms.evalShape(interp.context, interp.jaxFunction(f, keywords: args.keywords), trees, avals: avals)
            return try interp.unflattenTree(try out.mapLeaves { (a: ShapedArray) -> PyValue in
                .object(PyShapeDtypeStruct(shape: a.shape, dtype: a.dtype, weakType: a.weakType))
            })
        }
        for name in ["grad", "value_and_grad"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["fun", "argnums", "has_aux", "holomorphic", "allow_int"], required: 1)
                let f = slots[0] ?? .none
                try requireCallable(interp, f)
                let argnums = try argnums(interp, slots[1])
                let hasAux = try interp.truth(slots[2] ?? .bool(false))
                let holomorphic = try interp.truth(slots[3] ?? .bool(false)), allowInt = try interp.truth(slots[4] ?? .bool(false))
                return .object(PyTransformedFunction(name: functionName(f), reprText: try interp.repr(f)) {
                    (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                    let aux = AuxiliaryOutput()
                    let (g, trees, nums) = try differentiatedOnly(interp, f, call.positional, argnums)
                    let base = hasAux ? aux.wrapping(interp, g, keywords: call.keywords) : interp.jaxFunction(g, keywords: call.keywords)
                    let transformed = name == "grad"
                        ? Transforms.grad(base, argnums: nums, hasAux: hasAux, holomorphic: holomorphic, allowInt: allowInt)
                        : Transforms.valueAndGrad(base, argnums: nums, hasAux: hasAux, holomorphic: holomorphic, allowInt: allowInt)
                    let result = try transformed(interp.context, trees)
                    // grad gives `(g, aux)`, value_and_grad `((value, aux), g)`
                    switch (hasAux, name, result) {
                    case (true, "grad", .tuple(let pair)) where pair.count == 2:
                        return .tuple([try interp.fromTree(pair[0]), try aux.value(interp, pair[1])])
                    case (true, _, .tuple(let pair)) where pair.count == 2:
                        guard case .tuple(let valueAux) = pair[0], valueAux.count == 2 else { return try interp.fromTree(result) }
                        return .tuple([.tuple([try interp.fromTree(valueAux[0]), try aux.value(interp, valueAux[1])]), try interp.fromTree(pair[1])])
                    default:
                        return try interp.fromTree(result)
                    }
                })
            }
        }
        m.define("jvp") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("jvp", ["fun", "primals", "tangents", "has_aux"], required: 3)
            let f = slots[0] ?? .none
            try requireCallable(interp, f)
            func items(_ v: PyValue) -> [PyValue]? {
                switch v {
                case .tuple(let t): return t
                case .list(let l): return l.items
                default: return nil
                }
            }
            let primalsValue = slots[1] ?? .none, tangentsValue = slots[2] ?? .none
            guard let primals = items(primalsValue), let tangents = items(tangentsValue) else {
                throw PyException.typeError("primal and tangent arguments to jax.jvp must be tuples or lists; found \(primalsValue.typeName) and \(tangentsValue.typeName).")
            }
            var primalTrees: [PyTree] = [], tangentTrees: [PyTree] = []
            for p in primals { primalTrees.append(try interp.toTree(p)) }
            for t in tangents { tangentTrees.append(try interp.toTree(t)) }
            let hasAux = try interp.truth(slots[3] ?? .bool(false))
            let auxOutput = AuxiliaryOutput()
            let base = hasAux ? auxOutput.wrapping(interp, f) : interp.jaxFunction(f)
            let (outs, outTangents, aux) = try Transforms.jvp(interp.context, base, primals: primalTrees, tangents: tangentTrees, hasAux: hasAux)
            let pair = [try interp.fromTree(outs), try interp.fromTree(outTangents)]
            return .tuple(try aux.map { (a: PyTree) throws(PyException) in pair + [try auxOutput.value(interp, a)] } ?? pair)
        }
        m.define("vmap") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("vmap", ["fun", "in_axes", "out_axes", "axis_name", "axis_size"], required: 1)
            let f = slots[0] ?? .none
            try requireCallable(interp, f)
            let inAxesValue = slots[1] ?? .int(0)
            let inAxes = try axisSpec(interp, slots[1])
            guard let outAxes = try axisSpec(interp, slots[2]) else {
                throw PyException.notImplemented("jaxlab's vmap takes out_axes as an int, None or a tuple of them, not a nested pytree, yet")
            }
            var names: [String] = []
            if case .object(let fn as PyFunction) = f { names = fn.code.parameters.map(\.name) }
            return .object(PyTransformedFunction(name: functionName(f), reprText: try interp.repr(f)) {
                (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                let axes: AxisSpec
                if let inAxes { axes = inAxes } else { axes = .perLeaf(try leafAxes(interp, inAxesValue, call.positional)) }
                let transformed = Transforms.vmap(interp.jaxFunction(f, keywords: call.keywords), inAxes: axes, outAxes: outAxes,
                                                  argumentNames: names)
                var trees: [PyTree] = []
                for a in call.positional { trees.append(try interp.toTree(a)) }
                return try interp.fromTree(try transformed(interp.context, trees))
            })
        }
        installJit(m)
        installDifferentiation(m)
        installCustomDerivatives(m)
        installCallbacks(m)
        installCheckpoint(m)
    }

    /// What JAX's errors say about a Python function traced by `tracedFor` (nothing for
    /// builtins); a `partial` is seen through to its function, as JAX unwraps it.
    static func debugInfo(_ callee: PyValue, tracedFor: String) -> TraceDebugInfo? {
        if case .object(let p as PyPartial) = callee { return debugInfo(p.function, tracedFor: tracedFor) }
        if case .object(let t as PyTransformedFunction) = callee, let f = t.wrapped { return debugInfo(f, tracedFor: tracedFor) }
        guard case .object(let f as PyFunction) = callee else { return nil }
        return TraceDebugInfo(functionSource: "\(f.code.name) at \(f.code.file):\(f.code.firstLine)", tracedFor: tracedFor,
                              parameterNames: f.code.parameters.map(\.name))
    }

    /// The `__name__` of a callable, as jit names its equations.
    static func functionName(_ callee: PyValue) -> String {
        switch callee {
        case .object(let f as PyFunction): return f.code.name
        case .object(let b as PyBuiltin): return b.name
        case .object(let t as PyTransformedFunction): return t.name
        case .object(let j as PyJittedFunction): return j.name
        case .object(let p as PyPartial): return functionName(p.function)
        case .object(let c as PyCustomDerivative): return functionName(c.fun)
        default: return "<unnamed function>"
        }
    }

    static func requireCallable(_ interp: Interpreter, _ v: PyValue) throws(PyException) {
        guard case .object(let o) = v, o.isCallable else {
            throw PyException.typeError("Expected a callable value, got \(try interp.repr(v))")
        }
    }

    /// `argnums=0` or `argnums=(0, 2)`.
    static func argnums(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> Argnums {
        guard let v, !v.isNone else { return .single(0) }
        switch v {
        case .tuple, .list:
            var out: [Int] = []
            for item in try interp.collect(v) { out.append(try interp.index(item)) }
            return .multiple(out)
        default:
            return .single(try interp.index(v))
        }
    }

    /// JAX's `argnums_partial`: the positional arguments that are not differentiated reach `f` as
    /// they are (a function, a Python float), and only the differentiated ones become arrays.
    /// Gives the function of the differentiated arguments alone, their trees and their argnums
    /// among them; with an argnum out of range, everything as it was, for the transformation's
    /// own error.
    static func differentiatedOnly(_ interp: Interpreter, _ f: PyValue, _ positional: [PyValue],
                                   _ argnums: Argnums) throws(PyException) -> (PyValue, [PyTree], Argnums) {
        let count = positional.count
        let normalized = argnums.list.map { $0 < 0 ? $0 + count : $0 }
        guard normalized.allSatisfy({ $0 >= 0 && $0 < count }) else {
            var trees: [PyTree] = []
            for a in positional { trees.append(try interp.toTree(a)) }
            return (f, trees, argnums)
        }
        let dynamic = Array(Set(normalized)).sorted()
        var trees: [PyTree] = []
        for i in dynamic { trees.append(try interp.toTree(positional[i])) }
        let renumbered = normalized.map { dynamic.firstIndex(of: $0) ?? 0 }
        let nums: Argnums
        if case .single = argnums { nums = .single(renumbered.first ?? 0) } else { nums = .multiple(renumbered) }
        let partial = PyBuiltin(functionName(f)) { (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
            var values = positional
            for (i, v) in zip(dynamic, call.positional) { values[i] = v }
            return try interp.call(f, Arguments(values, keywords: call.keywords))
        }
        return (.object(partial), trees, nums)
    }

    /// `in_axes=0`, `in_axes=None` or `in_axes=(0, None, 1)`; nil when an entry is itself a
    /// pytree (`in_axes=({'a': None, 'b': 0},)`), which only the arguments can resolve.
    private static func axisSpec(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> AxisSpec? {
        guard let v else { return .all(0) }
        switch v {
        case .none: return .all(nil)
        case .tuple, .list:
            var out: [Int?] = []
            for item in try interp.collect(v) {
                if item.isNone { out.append(nil); continue }
                guard case .int = item else { return nil }
                out.append(try interp.index(item))
            }
            return .each(out)
        default:
            return .all(try interp.index(v))
        }
    }

    /// The axis of every argument leaf when `in_axes` is a pytree prefix of the arguments: an
    /// int or None applies to the whole subtree it stands over, as in JAX's `flatten_axes`.
    private static func leafAxes(_ interp: Interpreter, _ spec: PyValue, _ args: [PyValue]) throws(PyException) -> [[Int?]] {
        let specs = try interp.collect(spec)
        guard specs.count == args.count else {
            throw PyException.valueError("vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got len(in_axes)=\(specs.count), len(args)=\(args.count)")
        }
        let noneIsLeaf = PyValue.object(PyBuiltin("is_leaf") { (_: Interpreter, call: Arguments) throws(PyException) -> PyValue in
            .bool(call.positional.first?.isNone ?? false)
        })
        var out: [[Int?]] = []
        for (i, (s, a)) in zip(specs, args).enumerated() {
            var axes: [Int?] = []
            try matchAxes(interp, try interp.flattenTree(s, isLeaf: noneIsLeaf), try interp.flattenTree(a), into: &axes,
                          spec: .tuple(specs), args: .tuple(args), at: i)
            out.append(axes)
        }
        return out
    }

    private static func matchAxes(_ interp: Interpreter, _ spec: Tree<PyValue>, _ value: Tree<PyValue>, into axes: inout [Int?],
                                  spec whole: PyValue, args: PyValue, at i: Int) throws(PyException) {
        func mismatch() throws(PyException) -> PyException {
            let detail = try interp.prefixError(whole, args, isLeaf: nil, name: "vmap in_axes")
            return PyException.valueError("vmap in_axes specification must be a tree prefix of the corresponding value; \n  Mismatch details:\n  "
                + (detail?.message ?? "the specification for argument \(i) does not match its structure"))
        }
        switch (spec, value) {
        case (.leaf(let a), _):
            let axis: Int? = a.isNone ? nil : try interp.index(a)
            axes.append(contentsOf: Array(repeating: axis, count: value.leafCount))
        case (.tuple(let s), .tuple(let v)) where s.count == v.count,
             (.list(let s), .list(let v)) where s.count == v.count,
             (.node(_, let s), .node(_, let v)) where s.count == v.count:
            for (x, y) in zip(s, v) { try matchAxes(interp, x, y, into: &axes, spec: whole, args: args, at: i) }
        case (.dict(let s), .dict(let v)) where s.map(\.0) == v.map(\.0):
            for (x, y) in zip(s, v) { try matchAxes(interp, x.1, y.1, into: &axes, spec: whole, args: args, at: i) }
        case (.none, .none):
            break
        default:
            throw try mismatch()
        }
    }
}

/// A function made by a transformation (`jax.grad(f)`, `jax.jit(f)`, ...): callable, and
/// printed as JAX prints the wrapper.
final class PyTransformedFunction: PyObject {
    let name: String
    let reprText: String
    let body: PyBuiltin.Body
    /// The user's function, when the wrapper keeps its signature as `functools.wraps` does
    /// (`jax.checkpoint`): traces name the wrapper's arguments after its parameters.
    var wrapped: PyValue?

    init(name: String, reprText: String, _ body: @escaping PyBuiltin.Body) {
        self.name = name
        self.reprText = reprText
        self.body = body
    }

    override var typeName: String { "function" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { reprText }

    override var isCallable: Bool { true }

    /// Stored on a class, it becomes a method, as JAX's wrapped functions do.
    override var bindsAsMethod: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        try body(interp, args)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == "__name__" ? .str(self.name) : nil
    }
}

/// `jitted.lower(x)` and its `.compile()`: both print the optimised program with `as_text()`.
final class PyCompileStage: PyObject {
    let stage: String
    let text: String

    init(_ stage: String, text: String) {
        self.stage = stage
        self.text = text
    }

    override var typeName: String { stage }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "compile" where stage == "Lowered":
            let text = self.text
            return .object(PyBuiltin("compile", owner: stage) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                .object(PyCompileStage("Compiled", text: text))
            })
        case "as_text":
            let text = self.text
            return .object(PyBuiltin("as_text", owner: stage) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .str(text) })
        default: return nil
        }
    }

    override func attributeNames() -> [String] { stage == "Lowered" ? ["as_text", "compile"] : ["as_text"] }
}

/// The result of `jax.make_jaxpr(f)(*args)`: prints as JAX's jaxpr text; `.jaxpr`, `.consts`,
/// `.in_avals`, `.out_avals` and `.eqns` inspect it as JAX's `ClosedJaxpr` does.
final class PyJaxpr: PyObject {
    let jaxpr: ClosedJaxpr

    init(_ jaxpr: ClosedJaxpr) { self.jaxpr = jaxpr }

    override var typeName: String { "ClosedJaxpr" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        interp.objectType("jax._src.core.ClosedJaxpr") { $0 is PyJaxpr }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { jaxpr.description }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "jaxpr": return .object(PyOpenJaxpr(jaxpr.jaxpr))
        case "consts": return .list(PyList(jaxpr.consts.map { .object(JaxArrayObject($0)) }))
        case "literals": return .list(PyList())
        // the open jaxpr's own attributes, read through as JAX's ClosedJaxpr does
        case "eqns", "in_avals", "out_avals", "effects": return try PyOpenJaxpr(jaxpr.jaxpr).getAttribute(name, interp)
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["consts", "effects", "eqns", "in_avals", "jaxpr", "literals", "out_avals"] }
}
