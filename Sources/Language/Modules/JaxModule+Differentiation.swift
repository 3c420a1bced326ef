import JaxCore

/// `jax.vjp`, `jax.linearize`, `jax.jacfwd`, `jax.jacrev` (and `jax.jacobian`) and
/// `jax.hessian`.
extension JaxModule {
    static func installDifferentiation(_ m: PyModule) {
        m.define("vjp") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard let f = args.positional.first else { throw PyException.typeError("vjp() missing 1 required positional argument: 'fun'") }
            try requireCallable(interp, f)
            for (k, v) in args.keywords where k != "has_aux" {
                if k == "reduce_axes", try !interp.truth(v) { continue }
                if k == "reduce_axes" { throw PyException.notImplemented("reduce_axes argument to vjp is deprecated") }
                throw PyException.typeError("vjp() got an unexpected keyword argument '\(k)'")
            }
            let hasAux = try interp.truth(args.keyword("has_aux") ?? .bool(false))
            var primals: [PyTree] = []
            for p in args.positional.dropFirst() { primals.append(try interp.toTree(p)) }
            let source = debugInfo(f, tracedFor: "vjp")?.functionSource ?? functionName(f)
            let auxOutput = AuxiliaryOutput()
            let base = hasAux ? auxOutput.wrapping(interp, f) : interp.jaxFunction(f)
            let (out, pullback, aux) = try Transforms.vjp(interp.context, base, primals: primals, hasAux: hasAux, source: source)
            let vjpFunction = PyVJPFunction(pullback, name: functionName(f))
            let pair = [try interp.fromTree(out), PyValue.object(vjpFunction)]
            return .tuple(try aux.map { (a: PyTree) throws(PyException) in pair + [try auxOutput.value(interp, a)] } ?? pair)
        }
        m.define("linearize") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard let f = args.positional.first else { throw PyException.typeError("linearize() missing 1 required positional argument: 'fun'") }
            try requireCallable(interp, f)
            for (k, _) in args.keywords where k != "has_aux" {
                throw PyException.typeError("linearize() got an unexpected keyword argument '\(k)'")
            }
            let hasAux = try interp.truth(args.keyword("has_aux") ?? .bool(false))
            var primals: [PyTree] = []
            for p in args.positional.dropFirst() { primals.append(try interp.toTree(p)) }
            let auxOutput = AuxiliaryOutput()
            let base = hasAux ? auxOutput.wrapping(interp, f) : interp.jaxFunction(f)
            let (out, jvpFunction, aux) = try Transforms.linearize(interp.context, base, primals: primals, hasAux: hasAux)
            let linear = PyTransformedFunction(name: "jvp", reprText: "<function linearize.<locals>.jvp>") {
                (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                var tangents: [PyTree] = []
                for t in call.positional { tangents.append(try interp.toTree(t)) }
                return try interp.fromTree(try jvpFunction(interp.context, tangents))
            }
            let pair = [try interp.fromTree(out), PyValue.object(linear)]
            return .tuple(try aux.map { (a: PyTree) throws(PyException) in pair + [try auxOutput.value(interp, a)] } ?? pair)
        }
        for name in ["jacfwd", "jacrev", "jacobian", "hessian"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let names = ["fun", "argnums", "has_aux", "holomorphic"] + (name == "jacrev" || name == "jacobian" ? ["allow_int"] : [])
                let slots = try args.bind(name, names, required: 1)
                let f = slots[0] ?? .none
                try requireCallable(interp, f)
                let nums = try argnums(interp, slots[1])
                let hasAux = try interp.truth(slots[2] ?? .bool(false))
                let holomorphic = try interp.truth(slots[3] ?? .bool(false))
                if slots.count > 4, let allowInt = slots[4], try interp.truth(allowInt) {
                    throw PyException.notImplemented("jaxlab has no float0 dtype for the Jacobian of integer inputs (allow_int=True)")
                }
                let source = debugInfo(f, tracedFor: "vjp")?.functionSource ?? functionName(f)
                return .object(PyTransformedFunction(name: functionName(f), reprText: try interp.repr(f)) {
                    (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                    let auxOutput = AuxiliaryOutput(batched: name == "jacfwd" || name == "hessian")
                    let (g, trees, dynamicNums) = try differentiatedOnly(interp, f, call.positional, nums)
                    let base = hasAux ? auxOutput.wrapping(interp, g, keywords: call.keywords) : interp.jaxFunction(g, keywords: call.keywords)
                    let transformed: JaxFunction
                    switch name {
                    case "jacfwd": transformed = Transforms.jacfwd(base, argnums: dynamicNums, hasAux: hasAux, holomorphic: holomorphic)
                    case "hessian": transformed = Transforms.hessian(base, argnums: dynamicNums, hasAux: hasAux, holomorphic: holomorphic, source: source)
                    default: transformed = Transforms.jacrev(base, argnums: dynamicNums, hasAux: hasAux, holomorphic: holomorphic, source: source)
                    }
                    let result = try transformed(interp.context, trees)
                    guard hasAux, case .tuple(let pair) = result, pair.count == 2 else { return try interp.fromTree(result) }
                    return .tuple([try interp.fromTree(pair[0]), try auxOutput.value(interp, pair[1])])
                })
            }
        }
    }
}

/// The pullback `jax.vjp` returns: called with the output's cotangent, it gives a tuple of
/// the primals' cotangents.
final class PyVJPFunction: PyObject {
    let pullback: Transforms.VJP
    let name: String

    init(_ pullback: Transforms.VJP, name: String) {
        self.pullback = pullback
        self.name = name
    }

    override var typeName: String { "VJP" }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        if args.positional.count > 1 {
            throw PyException.typeError("""

            The function returned by `jax.vjp` applied to \(name) was called with \(args.positional.count) arguments,
            but functions returned by `jax.vjp` must be called with a single argument
            corresponding to the single value returned by the function being differentiated
            (even if that returned value is a tuple or other container).

            For example, if we have:

              def f(x):
                return (x, x)
              _, f_vjp = jax.vjp(f, 1.0)

            the function `f` returns a single tuple as output, and so we call `f_vjp` with a
            single tuple as its argument:

              x_bar, = f_vjp((2.0, 2.0))

            If we instead call `f_vjp(2.0, 2.0)`, with the values 'splatted out' as
            arguments rather than in a tuple, this error can arise.

            """)
        }
        let slots = try args.bind("__call__", ["out_ct"], required: 1)
        return try interp.fromTree(try pullback(interp.context, try interp.toTree(slots[0] ?? .none)))
    }
}
