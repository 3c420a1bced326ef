import JaxCore

/// `jax.nn`: the activation functions `JNP` provides.
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
        return m
    }
}
