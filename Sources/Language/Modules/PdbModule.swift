import JaxCore

/// `pdb`: importable, as tutorials import it next to their custom rules; its debugger is not
/// there, so `set_trace()` says so instead of stopping.
enum PdbModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("pdb")
        for name in ["set_trace", "post_mortem", "pm"] {
            m.define(name) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                throw PyException.notImplemented("jaxlab has no interactive debugger (pdb.\(name)); print values with print() or jax.debug.print")
            }
        }
        return m
    }
}
