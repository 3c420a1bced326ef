import JaxCore

/// `jax.make_jaxpr`, `jax.grad`, `jax.value_and_grad`, `jax.jvp`, `jax.vmap` and `jax.jit`: a Python
/// function becomes a Swift closure over pytrees of arrays that the transformations call.
extension Interpreter {
    /// A Python value as a pytree: tuples, lists, dicts (string keys) and None are containers;
    /// arrays and Python numbers are leaves.
    func toTree(_ v: PyValue) throws(PyException) -> PyTree {
        try enterNesting("while flattening a pytree")
        defer { nestingDepth -= 1 }
        switch v {
        case .none: return .none
        case .tuple(let items):
            var out: [PyTree] = []
            for item in items { out.append(try toTree(item)) }
            return .tuple(out)
        case .list(let l):
            var out: [PyTree] = []
            for item in l.items { out.append(try toTree(item)) }
            return .list(out)
        case .dict(let d):
            var out: [(String, PyTree)] = []
            for (k, value) in d.items {
                guard case .str(let key) = k else { throw PyException.typeError("jaxlab pytrees need string dict keys, got \(k.typeName)") }
                out.append((key, try toTree(value)))
            }
            return .dict(out)
        default:
            guard let leaf = try jaxOperand(v) else {
                throw PyException.typeError("Argument '\(try repr(v))' of type \(pythonTypeName(v)) is not a valid JAX type")
            }
            return .leaf(leaf)
        }
    }

    /// A pytree as Python values (leaves become JAX arrays).
    func fromTree(_ tree: PyTree) -> PyValue {
        switch tree {
        case .none: return .none
        case .leaf(let v): return .object(JaxArrayObject(v))
        case .tuple(let items): return .tuple(items.map { fromTree($0) })
        case .list(let items): return .list(PyList(items.map { fromTree($0) }))
        case .dict(let pairs):
            let d = PyDict()
            for (k, v) in pairs { try? d.set(.str(k), fromTree(v)) }
            return .dict(d)
        }
    }

    /// Wraps a Python callable as a function of pytrees; `keywords` are passed through unchanged.
    func jaxFunction(_ callee: PyValue, keywords: [(String, PyValue)] = []) -> JaxFunction {
        return { [unowned self] (_: JaxContext, args: [PyTree]) throws(PyException) -> PyTree in
            let result = try self.call(callee, Arguments(args.map { self.fromTree($0) }, keywords: keywords))
            return try self.toTree(result)
        }
    }

    /// The `__name__` of a callable, as jit names its equations.
    func functionName(_ callee: PyValue) -> String {
        switch callee {
        case .object(let f as PyFunction): return f.code.name
        case .object(let b as PyBuiltin): return b.name
        case .object(let t as PyTransformedFunction): return t.name
        default: return "<unnamed function>"
        }
    }

    func requireCallable(_ v: PyValue) throws(PyException) {
        guard case .object(let o) = v, o.isCallable else {
            throw PyException.typeError("Expected a callable value, got \(try repr(v))")
        }
    }

    func installTransforms(_ m: PyModule) {
        define(m, "make_jaxpr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("make_jaxpr", ["fun", "static_argnums", "axis_env", "return_shape", "abstracted_axes"], required: 1)
            let f = slots[0] ?? .none
            try interp.requireCallable(f)
            return .object(PyTransformedFunction(name: interp.functionName(f), reprText: "<function make_jaxpr(\(interp.functionName(f)))>") {
                (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                var trees: [PyTree] = []
                for a in call.positional { trees.append(try interp.toTree(a)) }
                let jaxpr = try Transforms.makeJaxpr(interp.context, interp.jaxFunction(f, keywords: call.keywords), trees)
                return .object(PyJaxpr(jaxpr))
            })
        }
        for name in ["grad", "value_and_grad"] {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["fun", "argnums", "has_aux", "holomorphic", "allow_int"], required: 1)
                let f = slots[0] ?? .none
                try interp.requireCallable(f)
                let argnums = try interp.argnums(slots[1])
                let hasAux = try interp.truth(slots[2] ?? .bool(false))
                return .object(PyTransformedFunction(name: interp.functionName(f), reprText: try interp.repr(f)) {
                    (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                    let base = interp.jaxFunction(f, keywords: call.keywords)
                    let transformed = name == "grad" ? Transforms.grad(base, argnums: argnums, hasAux: hasAux)
                        : Transforms.valueAndGrad(base, argnums: argnums, hasAux: hasAux)
                    var trees: [PyTree] = []
                    for a in call.positional { trees.append(try interp.toTree(a)) }
                    return interp.fromTree(try transformed(interp.context, trees))
                })
            }
        }
        define(m, "jvp") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("jvp", ["fun", "primals", "tangents", "has_aux"], required: 3)
            let f = slots[0] ?? .none
            try interp.requireCallable(f)
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
            let (outs, outTangents) = try Transforms.jvp(interp.context, interp.jaxFunction(f), primals: primalTrees, tangents: tangentTrees)
            return .tuple([interp.fromTree(outs), interp.fromTree(outTangents)])
        }
        define(m, "vmap") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("vmap", ["fun", "in_axes", "out_axes", "axis_name", "axis_size"], required: 1)
            let f = slots[0] ?? .none
            try interp.requireCallable(f)
            let inAxes = try interp.axisSpec(slots[1])
            let outAxes = try interp.axisSpec(slots[2])
            var names: [String] = []
            if case .object(let fn as PyFunction) = f { names = fn.code.parameters.map(\.name) }
            return .object(PyTransformedFunction(name: interp.functionName(f), reprText: try interp.repr(f)) {
                (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                let transformed = Transforms.vmap(interp.jaxFunction(f, keywords: call.keywords), inAxes: inAxes, outAxes: outAxes,
                                                  argumentNames: names)
                var trees: [PyTree] = []
                for a in call.positional { trees.append(try interp.toTree(a)) }
                return interp.fromTree(try transformed(interp.context, trees))
            })
        }
        define(m, "jit") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("jit", ["fun", "in_shardings", "out_shardings", "static_argnums", "static_argnames", "donate_argnums"],
                                      required: 1)
            let f = slots[0] ?? .none
            try interp.requireCallable(f)
            let staticArgnums = try slots[3].map { (v: PyValue) throws(PyException) in v.isNone ? [] : try interp.shapeArgument(v) } ?? []
            let name = interp.functionName(f)
            let jitted = Transforms.jit(name: name, interp.jaxFunction(f))
            return .object(PyTransformedFunction(name: name, reprText: "<PjitFunction of \(try interp.repr(f))>") {
                (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                var trees: [PyTree] = []
                var statics: [(Int, PyValue)] = []
                for (i, a) in call.positional.enumerated() {
                    if staticArgnums.contains(i) { statics.append((i, a)) } else { trees.append(try interp.toTree(a)) }
                }
                if statics.isEmpty && call.keywords.isEmpty {
                    return interp.fromTree(try jitted.call(interp.context, trees))
                }
                var key = ""
                for (i, v) in statics { key += "\(i)=\(try interp.repr(v));" }
                for (k, v) in call.keywords { key += "\(k)=\(try interp.repr(v));" }
                let body: JaxFunction = { (_: JaxContext, dynamic: [PyTree]) throws(PyException) -> PyTree in
                    var positional: [PyValue] = []
                    var next = 0
                    for i in 0..<call.positional.count {
                        if let s = statics.first(where: { $0.0 == i }) {
                            positional.append(s.1)
                        } else {
                            positional.append(interp.fromTree(dynamic[next]))
                            next += 1
                        }
                    }
                    return try interp.toTree(try interp.call(f, Arguments(positional, keywords: call.keywords)))
                }
                return interp.fromTree(try jitted.call(interp.context, trees, staticKey: key, body: body))
            })
        }
    }

    /// `argnums=0` or `argnums=(0, 2)`.
    func argnums(_ v: PyValue?) throws(PyException) -> Argnums {
        guard let v, !v.isNone else { return .single(0) }
        switch v {
        case .tuple, .list:
            var out: [Int] = []
            for item in try collect(v) { out.append(try index(item)) }
            return .multiple(out)
        default:
            return .single(try index(v))
        }
    }

    /// `in_axes=0`, `in_axes=None` or `in_axes=(0, None, 1)`.
    func axisSpec(_ v: PyValue?) throws(PyException) -> AxisSpec {
        guard let v else { return .all(0) }
        switch v {
        case .none: return .all(nil)
        case .tuple, .list:
            var out: [Int?] = []
            for item in try collect(v) { out.append(item.isNone ? nil : try index(item)) }
            return .each(out)
        default:
            return .all(try index(v))
        }
    }
}

/// A function made by a transformation (`jax.grad(f)`, `jax.jit(f)`, ...): callable, and
/// printed as JAX prints the wrapper.
final class PyTransformedFunction: PyObject {
    let name: String
    let reprText: String
    let body: PyBuiltin.Body

    init(name: String, reprText: String, _ body: @escaping PyBuiltin.Body) {
        self.name = name
        self.reprText = reprText
        self.body = body
    }

    override var typeName: String { "function" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { reprText }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        try body(interp, args)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == "__name__" ? .str(self.name) : nil
    }
}

/// The result of `jax.make_jaxpr(f)(*args)`: prints as JAX's jaxpr text.
final class PyJaxpr: PyObject {
    let jaxpr: ClosedJaxpr

    init(_ jaxpr: ClosedJaxpr) { self.jaxpr = jaxpr }

    override var typeName: String { "ClosedJaxpr" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        .object(PyType("jax._src.core.ClosedJaxpr", isInstance: { v in
            if case .object(let o) = v { return o is PyJaxpr }
            return false
        }, construct: nil))
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { jaxpr.description }
}
