import JaxCore

/// `jax.nn`: the activation functions, one_hot, standardize, softmax, log_softmax and logsumexp.
enum JaxNNModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.nn", file: "/jaxlab/jax/nn/__init__.py")
        let ctx = interp.context
        let activations: [(String, (JaxContext, JaxValue) throws(PyException) -> JaxValue)] = [
            ("relu", JNP.relu), ("sigmoid", JNP.logistic), ("identity", JNP.identity), ("relu6", JNP.relu6),
            ("softplus", JNP.softplus), ("soft_sign", JNP.softSign), ("silu", JNP.silu), ("swish", JNP.silu),
            ("mish", JNP.mish), ("log_sigmoid", JNP.logSigmoid), ("selu", JNP.selu), ("hard_tanh", JNP.hardTanh),
            ("hard_sigmoid", JNP.hardSigmoid), ("hard_silu", JNP.hardSilu), ("hard_swish", JNP.hardSilu),
            ("sparse_plus", JNP.sparsePlus), ("sparse_sigmoid", JNP.sparseSigmoid), ("tanh", JNP.tanh),
        ]
        for (name, function) in activations {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                return .object(JaxArrayObject(try function(ctx, try interp.jaxArgument(slots[0] ?? .none))))
            }
        }
        // activations with one optional parameter, passed into the jit when given
        let parameterised: [(String, String, (JaxContext, JaxValue, JaxValue?) throws(PyException) -> JaxValue)] = [
            ("elu", "alpha", { (c: JaxContext, x: JaxValue, p: JaxValue?) throws(PyException) in try JNP.elu(c, x, alpha: p) }),
            ("celu", "alpha", { (c: JaxContext, x: JaxValue, p: JaxValue?) throws(PyException) in try JNP.celu(c, x, alpha: p) }),
            ("leaky_relu", "negative_slope", { (c: JaxContext, x: JaxValue, p: JaxValue?) throws(PyException) in try JNP.leakyRelu(c, x, negativeSlope: p) }),
            ("squareplus", "b", { (c: JaxContext, x: JaxValue, p: JaxValue?) throws(PyException) in try JNP.squareplus(c, x, b: p) }),
        ]
        for (name, parameter, function) in parameterised {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x", parameter], required: 1)
                return .object(JaxArrayObject(try function(ctx, try interp.jaxArgument(slots[0] ?? .none), try interp.optionalJaxArgument(slots[1]))))
            }
        }
        m.define("gelu") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("gelu", ["x", "approximate"], required: 1)
            let x = try interp.jnpArgument(slots[0] ?? .none, "gelu")
            let approximate = try interp.truth(slots[1] ?? .bool(true))
            return .object(JaxArrayObject(approximate ? try JNP.gelu(ctx, x) : try JNP.geluExact(ctx, x)))
        }
        m.define("glu") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("glu", ["x", "axis"], required: 1)
            let axis = try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? -1
            return .object(JaxArrayObject(try JNP.glu(ctx, try interp.jnpArgument(slots[0] ?? .none, "glu"), axis: axis)))
        }
        m.define("standardize") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let names = ["x", "axis", "mean", "variance", "epsilon", "where", "algorithm"]
            let slots = try args.bind("standardize", names, required: 1, maxPositional: 6)
            for (i, option) in [(2, "mean"), (3, "variance"), (5, "where")] where slots[i].map({ !$0.isNone }) ?? false {
                throw PyException.notImplemented("jax.nn.standardize's \(option) argument is not supported")
            }
            switch slots[6] {
            case nil, .str("fast"): break
            case .str("stable"): throw PyException.notImplemented("jax.nn.standardize's algorithm='stable' is not supported")
            case .some(let other): throw PyException.valueError("Unknown algorithm '\(try interp.str(other))'. Expected 'fast' or 'stable'.")
            }
            let x = try interp.jnpArgument(slots[0] ?? .none, "standardize")
            let axes = try slots[1].map { (v: PyValue) throws(PyException) in try interp.axesArgument(v) } ?? [-1]
            return .object(JaxArrayObject(try JNP.standardize(ctx, x, axes: axes, epsilon: try interp.optionalJaxArgument(slots[4]))))
        }
        m.define("one_hot") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("one_hot", ["x", "num_classes", "dtype", "axis"], required: 2, maxPositional: 2)
            let x = try interp.jaxArgument(slots[0] ?? .none)
            if !x.dtype.isInteger {
                interp.warn("DeprecationWarning", "jax.nn.one_hot input should be integer-typed; got dtype=\(x.dtype)")
            }
            let dtype = try slots[2].flatMap { (v: PyValue) throws(PyException) in try interp.dtypeArgument(v, semantics: .jax) }
            let axis = try slots[3].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? -1
            return .object(JaxArrayObject(try JNP.oneHot(ctx, x, try interp.index(slots[1] ?? .none), dtype: dtype, axis: axis)))
        }
        for name in ["softmax", "log_softmax"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x", "axis", "where", "initial"], required: 1, maxPositional: 2)
                for (i, option) in [(2, "where"), (3, "initial")] where slots[i].map({ !$0.isNone }) ?? false {
                    throw PyException.notImplemented("jax.nn.\(name)'s \(option) argument is not supported")
                }
                let x = try interp.jaxArgument(slots[0] ?? .none)
                let axes = try slots[1].map { (v: PyValue) throws(PyException) in try interp.axesArgument(v) } ?? [-1]
                return .object(JaxArrayObject(name == "softmax" ? try JNP.softmax(ctx, x, axes: axes) : try JNP.logSoftmax(ctx, x, axes: axes)))
            }
        }
        m.define("logsumexp") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try logsumexp(interp, args)
        }
        return m
    }

    /// `logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False, where=None)`, shared
    /// with `jax.scipy.special`.
    static func logsumexp(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        let slots = try args.bind("logsumexp", ["a", "axis", "b", "keepdims", "return_sign", "where"], required: 1)
        for (i, option) in [(2, "b"), (5, "where")] where slots[i].map({ !$0.isNone }) ?? false {
            throw PyException.notImplemented("logsumexp's \(option) argument is not supported")
        }
        if try interp.truth(slots[4] ?? .bool(false)) { throw PyException.notImplemented("logsumexp's return_sign=True is not supported") }
        let a = try interp.jaxArgument(slots[0] ?? .none)
        return .object(JaxArrayObject(try JNP.logsumexp(interp.context, a, axes: try interp.axesArgument(slots[1]),
                                                        keepdims: try interp.truth(slots[3] ?? .bool(false)))))
    }
}
