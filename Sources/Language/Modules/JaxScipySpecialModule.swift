import JaxCore

/// `jax.scipy.special`: erf, erfc, erfinv, ndtr, expit and logsumexp.
enum JaxScipySpecialModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.scipy.special", file: "/jaxlab/jax/scipy/special.py")
        let ctx = interp.context
        let special: [(String, @Sendable (JaxContext, JaxValue) throws(PyException) -> JaxValue)] = [
            ("erf", JNP.erf), ("erfc", JNP.erfc), ("erfinv", JNP.erfinv), ("expit", JNP.sigmoid), ("ndtr", JNP.ndtr),
        ]
        for (name, function) in special {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                return .object(JaxArrayObject(try function(ctx, try interp.jnpArgument(slots[0] ?? .none, name))))
            }
        }
        m.define("logsumexp") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try JaxNNModule.logsumexp(interp, args)
        }
        return m
    }
}
