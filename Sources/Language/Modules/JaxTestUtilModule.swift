import JaxCore
import JaxRandom

/// `jax.test_util.check_grads`: derivatives from `jax.jvp` and `jax.vjp` checked against
/// central finite differences along random directions (NumPy's `RandomState(0)`, as JAX draws
/// them), to the given order, with JAX's default gradient tolerances.
enum JaxTestUtilModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.test_util", file: "/jaxlab/jax/test_util.py")
        m.define("check_grads") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("check_grads", ["f", "args", "order", "modes", "atol", "rtol", "eps"], required: 3)
            let f = slots[0] ?? .none
            try JaxModule.requireCallable(interp, f)
            let checker = GradientChecker(
                interp: interp, jax: try interp.importModule("jax"),
                atol: try slots[4].flatMap { (v: PyValue) throws(PyException) -> Double? in v.isNone ? nil : try interp.toFloat(v) },
                rtol: try slots[5].flatMap { (v: PyValue) throws(PyException) -> Double? in v.isNone ? nil : try interp.toFloat(v) },
                eps: try slots[6].flatMap { (v: PyValue) throws(PyException) -> Double? in v.isNone ? nil : try interp.toFloat(v) } ?? 1e-4)
            var modes = ["fwd", "rev"]
            if let given = slots[3], !given.isNone {
                modes = try interp.collect(given).map { (v: PyValue) throws(PyException) -> String in try interp.str(v) }
            }
            try checker.check(f, try interp.collect(slots[1] ?? .none), order: try interp.index(slots[2] ?? .none), modes: modes, message: "")
            return .none
        }
        return m
    }
}

/// `check_grads`' recursion over orders and modes.
struct GradientChecker {
    let interp: Interpreter
    let jax: PyValue
    let atol: Double?, rtol: Double?, eps: Double

    func check(_ f: PyValue, _ args: [PyValue], order: Int, modes: [String], message: String) throws(PyException) {
        if modes.contains("fwd") {
            let fwd = message.isEmpty ? "JVP" : "JVP of \(message)"
            try checkJVP(f, args, message: fwd)
            if order > 1 {
                let jvp = try interp.getAttribute(jax, "jvp")
                let pushforward = PyValue.object(PyBuiltin("jvp", module: "jax") { (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                    try interp.call(jvp, Arguments([f] + call.positional))
                })
                try check(pushforward, [.tuple(args), .tuple(args)], order: order - 1, modes: modes, message: fwd)
            }
        }
        if modes.contains("rev") {
            let rev = message.isEmpty ? "VJP" : "VJP of \(message)"
            try checkVJP(f, args, message: rev)
            if order > 1 {
                let vjp = try interp.getAttribute(jax, "vjp")
                let pullback = PyValue.object(PyBuiltin("f_vjp", module: "jax") { (interp: Interpreter, call: Arguments) throws(PyException) -> PyValue in
                    guard case .tuple(let pair) = try interp.call(vjp, Arguments([f] + call.positional)), pair.count == 2 else {
                        throw PyException("RuntimeError", "jax.vjp returned an unexpected value")
                    }
                    return try interp.call(pair[1], Arguments([pair[0]]))
                })
                try check(pullback, args, order: order - 1, modes: modes, message: rev)
            }
        }
    }

    /// `check_jvp`: the JVP's outputs against `f` and against finite differences.
    func checkJVP(_ f: PyValue, _ args: [PyValue], message: String) throws(PyException) {
        var rng = NumpyLegacyRandom(seed: 0)
        let tangent = try randomLike(.tuple(args), &rng)
        guard case .tuple(let tangents) = tangent,
              case .tuple(let pair) = try interp.call(try interp.getAttribute(jax, "jvp"), Arguments([f, .tuple(args), .tuple(tangents)])),
              pair.count == 2 else { throw PyException("RuntimeError", "jax.jvp returned an unexpected value") }
        let expected = try interp.call(f, Arguments(args))
        let numerical = try numericalJVP(f, args, tangents)
        try checkClose(pair[0], expected, message: "\(message) primal")
        try checkClose(pair[1], numerical, message: "\(message) tangent")
    }

    /// `check_vjp`: the VJP's cotangents projected on a random direction against the finite
    /// difference along it.
    func checkVJP(_ f: PyValue, _ args: [PyValue], message: String) throws(PyException) {
        var rng = NumpyLegacyRandom(seed: 0)
        guard case .tuple(let pair) = try interp.call(try interp.getAttribute(jax, "vjp"), Arguments([f] + args)), pair.count == 2 else {
            throw PyException("RuntimeError", "jax.vjp returned an unexpected value")
        }
        let expected = try interp.call(f, Arguments(args))
        try checkClose(pair[0], expected, message: "\(message) primal")
        let tangent = try randomLike(.tuple(args), &rng)
        guard case .tuple(let tangents) = tangent else { return }
        let tangentOut = try numericalJVP(f, args, tangents)
        let cotangent = try randomLike(pair[0], &rng)
        let cotangentOut = try interp.call(pair[1], Arguments([cotangent]))
        let projection = try innerProduct(tangent, cotangentOut)
        let expectedProjection = try innerProduct(tangentOut, cotangent)
        try checkClose(projection, expectedProjection, message: "\(message) cotangent projection")
    }

    /// `numerical_jvp`: `(f(x + eps t) - f(x - eps t)) / (2 eps)`, in each leaf's dtype.
    func numericalJVP(_ f: PyValue, _ args: [PyValue], _ tangents: [PyValue]) throws(PyException) -> PyValue {
        let delta = try map(.tuple(tangents)) { (t: JaxArray) throws(PyException) in try scaled(t, eps) }
        let plus = try zipMap(.tuple(args), delta) { (x: JaxArray, d: JaxArray) throws(PyException) in try Kernels.binary(.add, x, cast(d, x.dtype), semantics: .numpy) }
        let minus = try zipMap(.tuple(args), delta) { (x: JaxArray, d: JaxArray) throws(PyException) in try Kernels.binary(.subtract, x, cast(d, x.dtype), semantics: .numpy) }
        guard case .tuple(let plusArgs) = plus, case .tuple(let minusArgs) = minus else { throw PyException("RuntimeError", "check_grads lost its arguments") }
        let high = try interp.call(f, Arguments(plusArgs)), low = try interp.call(f, Arguments(minusArgs))
        return try zipMap(high, low) { (a: JaxArray, b: JaxArray) throws(PyException) -> JaxArray in
            // inf - inf counts as no change
            let difference = try Kernels.binary(.subtract, a, cast(b, a.dtype), semantics: .numpy)
            let same = try Kernels.binary(.equal, a, cast(b, a.dtype), semantics: .numpy)
            guard case .bool(let flags) = same.storage, flags.contains(true) else { return try scaled(difference, 0.5 / eps) }
            let zero = try Kernels.broadcast(JaxArray.scalar(.float(0), dtype: a.dtype), to: a.shape, semantics: .numpy)
            return try scaled(try Kernels.select(same, zero, difference), 0.5 / eps)
        }
    }

    /// `check_close`: each leaf with `assert_allclose`, tolerances scaled by the size.
    func checkClose(_ xs: PyValue, _ ys: PyValue, message: String) throws(PyException) {
        let x = try interp.flattenTree(xs).leaves, y = try interp.flattenTree(ys).leaves
        let assertClose = try interp.getAttribute(try interp.importModule("numpy.testing"), "assert_allclose")
        for (a, b) in zip(x, y) {
            let u = try interp.numpyArgument(a, dtype: nil), v = try interp.numpyArgument(b, dtype: nil)
            let atol = Swift.max(tolerance(u.dtype, atol), tolerance(v.dtype, atol)) * Double(u.shape.reduce(1, *))
            let rtol = Swift.max(tolerance(u.dtype, rtol), tolerance(v.dtype, rtol)) * Double(v.shape.reduce(1, *))
            var keywords: [(String, PyValue)] = [("err_msg", .str(message))]
            if atol != 0 { keywords.append(("atol", .float(atol))) }
            if rtol != 0 { keywords.append(("rtol", .float(rtol))) }
            _ = try interp.call(assertClose, Arguments([.object(NDArrayObject(u)), .object(NDArrayObject(v))], keywords: keywords))
        }
    }

    /// JAX's default gradient tolerance for a dtype (float64 counts as float32 without x64).
    func tolerance(_ dtype: DType, _ given: Double?) -> Double {
        if let given { return given }
        switch interp.context.canonical(dtype) {
        case .float64: return 1e-5
        case .float32: return 2e-3
        case .float16: return 1e-2
        case .bfloat16: return 1e-1
        default: return 0
        }
    }

    /// `inner_prod`: the sum over leaves of the flattened dot products.
    func innerProduct(_ xs: PyValue, _ ys: PyValue) throws(PyException) -> PyValue {
        let x = try interp.flattenTree(xs).leaves, y = try interp.flattenTree(ys).leaves
        var total: JaxArray?
        for (a, b) in zip(x, y) {
            let u = try interp.numpyArgument(a, dtype: nil), v = try interp.numpyArgument(b, dtype: nil)
            let dtype = Promotion.numpy([(u.dtype, false), (v.dtype, false)])
            let product = try Kernels.binary(.multiply, cast(u, dtype), cast(v, dtype), semantics: .numpy)
            let dot = try Kernels.reduce(.sum, product, axes: Array(0..<product.rank), semantics: .numpy)
            total = try total.map { (t: JaxArray) throws(PyException) -> JaxArray in
                let sumType = Promotion.numpy([(t.dtype, false), (dot.dtype, false)])
                return try Kernels.binary(.add, cast(t, sumType), cast(dot, sumType), semantics: .numpy)
            } ?? dot
        }
        return .object(NDArrayObject(total ?? JaxArray.scalar(.float(0), dtype: .float64)))
    }

    /// `rand_like`: standard normal draws of each leaf's shape and dtype (a Python float for
    /// a Python float).
    func randomLike(_ tree: PyValue, _ rng: inout NumpyLegacyRandom) throws(PyException) -> PyValue {
        let flat = try interp.flattenTree(tree)
        var drawn: [PyValue] = []
        for leaf in flat.leaves {
            let x = try interp.numpyArgument(leaf, dtype: nil)
            let sample = cast(try rng.normal(shape: x.shape), x.dtype)
            if case .float = leaf { drawn.append(interp.element(sample, 0)) } else { drawn.append(.object(NDArrayObject(sample))) }
        }
        var next = drawn.makeIterator()
        return try interp.unflattenTree(try flat.mapLeaves { (_: PyValue) throws(PyException) -> PyValue in next.next() ?? .none })
    }

    /// A result for `leaf`'s place: a Python float stays one (`_preserve_input_types`).
    private func preserving(_ leaf: PyValue, _ result: JaxArray) throws(PyException) -> PyValue {
        if case .float = leaf { return interp.element(result, 0) }
        return .object(NDArrayObject(result))
    }

    private func cast(_ a: JaxArray, _ dtype: DType) -> JaxArray { Kernels.cast(a, to: dtype, semantics: .numpy) }

    private func scaled(_ a: JaxArray, _ factor: Double) throws(PyException) -> JaxArray {
        try Kernels.binary(.multiply, a, JaxArray.scalar(.float(factor), dtype: a.dtype), semantics: .numpy)
    }

    private func map(_ tree: PyValue, _ f: (JaxArray) throws(PyException) -> JaxArray) throws(PyException) -> PyValue {
        let flat = try interp.flattenTree(tree)
        let mapped = try flat.mapLeaves { (leaf: PyValue) throws(PyException) -> PyValue in
            try preserving(leaf, try f(try interp.numpyArgument(leaf, dtype: nil)))
        }
        return try interp.unflattenTree(mapped)
    }

    private func zipMap(_ a: PyValue, _ b: PyValue, _ f: (JaxArray, JaxArray) throws(PyException) -> JaxArray) throws(PyException) -> PyValue {
        let first = try interp.flattenTree(a), second = try interp.flattenTree(b).leaves
        var others = second.makeIterator()
        let mapped = try first.mapLeaves { (leaf: PyValue) throws(PyException) -> PyValue in
            guard let other = others.next() else { throw PyException.valueError("check_grads: the trees differ") }
            return try preserving(leaf, try f(try interp.numpyArgument(leaf, dtype: nil), try interp.numpyArgument(other, dtype: nil)))
        }
        return try interp.unflattenTree(mapped)
    }
}
