import JaxCore

/// `jax.scipy.stats` and its `norm` module: the normal distribution's logpdf, pdf, cdf and sf.
enum JaxScipyStatsModule {
    /// The package; `norm` comes with it (`eagerSubmodules`).
    static func make(_ interp: Interpreter) -> PyModule {
        PyModule("jax.scipy.stats", file: "/jaxlab/jax/scipy/stats/__init__.py")
    }

    /// `jax.scipy.stats.norm`.
    static func makeNorm(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.scipy.stats.norm", file: "/jaxlab/jax/scipy/stats/norm.py")
        let ctx = interp.context
        let functions: [(String, (JaxContext, JaxValue, JaxValue?, JaxValue?) throws(PyException) -> JaxValue)] = [
            ("logpdf", JNP.normLogpdf), ("pdf", JNP.normPdf), ("cdf", JNP.normCdf), ("sf", JNP.normSf),
        ]
        for (name, function) in functions {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x", "loc", "scale"], required: 1)
                let x = try interp.jnpArgument(slots[0] ?? .none, "norm.\(name)")
                var options: [JaxValue?] = []
                for (i, v) in [slots[1], slots[2]].enumerated() {
                    options.append(try v.map { (v: PyValue) throws(PyException) in try interp.jnpArgument(v, "norm.\(name)", position: i + 1) })
                }
                return .object(JaxArrayObject(try function(ctx, x, options[0], options[1])))
            }
        }
        return m
    }
}
