import JaxCore

/// `jax.scipy.special`: erf, erfc, erfinv, ndtr, expit, logit, xlogy, xlog1py, entr and logsumexp.
enum JaxScipySpecialModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.scipy.special", file: "/jaxlab/jax/scipy/special.py")
        let ctx = interp.context
        let special: [(String, @Sendable (JaxContext, JaxValue) throws(PyException) -> JaxValue)] = [
            ("erf", JNP.erf), ("erfc", JNP.erfc), ("erfinv", JNP.erfinv), ("expit", JNP.sigmoid), ("ndtr", JNP.ndtr), ("logit", JNP.logit), ("entr", JNP.entr),
        ]
        for (name, function) in special {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                return .object(JaxArrayObject(try function(ctx, try interp.jnpArgument(slots[0] ?? .none, name))))
            }
        }
        for (name, log1p) in [("xlogy", false), ("xlog1py", true)] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x", "y"], required: 2)
                let x = try interp.jnpArgument(slots[0] ?? .none, name), y = try interp.jnpArgument(slots[1] ?? .none, name, position: 1)
                return .object(JaxArrayObject(try JNP.xlogy(ctx, x, y, log1p: log1p)))
            }
        }
        m.define("logsumexp") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try JaxNNModule.logsumexp(interp, args)
        }
        return m
    }
}
