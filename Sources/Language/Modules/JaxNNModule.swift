import JaxCore

/// `jax.nn`: the activation functions `JNP` provides, softmax, log_softmax, logsumexp and one_hot.
enum JaxNNModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.nn", file: "/jaxlab/jax/nn/__init__.py")
        let ctx = interp.context
        let activations: [(String, (JaxContext, JaxValue) throws(PyException) -> JaxValue)] = [
            ("relu", JNP.relu), ("sigmoid", JNP.sigmoid),
        ]
        for (name, function) in activations {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                return .object(JaxArrayObject(try function(ctx, try interp.jaxArgument(slots[0] ?? .none))))
            }
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
        m.define("one_hot") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("one_hot", ["x", "num_classes", "dtype", "axis"], required: 2, maxPositional: 2)
            let dtype = try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax, in: "one_hot") ?? .float32
            let axis = try slots[3].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? -1
            return .object(JaxArrayObject(try JNP.oneHot(ctx, try interp.jaxArgument(slots[0] ?? .none), numClasses: try interp.index(slots[1] ?? .none),
                                                         dtype: dtype, axis: axis)))
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
