import JaxCore

/// The modules jaxlab provides, by dotted name. Each is a type of its own in this folder
/// whose `make` builds the module for a session (on its first import).
enum ModuleRegistry {
    typealias Builder = @Sendable (Interpreter) throws(PyException) -> PyModule

    static let builders: [String: Builder] = [
        "math": { (interp: Interpreter) throws(PyException) -> PyModule in MathModule.make(interp) },
        "time": { (interp: Interpreter) throws(PyException) -> PyModule in TimeModule.make(interp) },
        "pdb": { (interp: Interpreter) throws(PyException) -> PyModule in PdbModule.make(interp) },
        "jax": { (interp: Interpreter) throws(PyException) -> PyModule in JaxModule.make(interp) },
        "jax.numpy": { (interp: Interpreter) throws(PyException) -> PyModule in JaxNumpyModule.make(interp) },
        "jax.numpy.linalg": { (interp: Interpreter) throws(PyException) -> PyModule in JaxNumpyLinalgModule.make(interp) },
        "jax.random": { (interp: Interpreter) throws(PyException) -> PyModule in JaxRandomModule.make(interp) },
        "jax.nn": { (interp: Interpreter) throws(PyException) -> PyModule in JaxNNModule.make(interp) },
        "jax.nn.initializers": { (interp: Interpreter) throws(PyException) -> PyModule in JaxNNInitializersModule.make(interp) },
        "jax.test_util": { (interp: Interpreter) throws(PyException) -> PyModule in JaxTestUtilModule.make(interp) },
        "jax.debug": { (interp: Interpreter) throws(PyException) -> PyModule in JaxDebugModule.make(interp) },
        "jax.experimental": { (interp: Interpreter) throws(PyException) -> PyModule in JaxModule.makeExperimental(interp) },
        "jax.ad_checkpoint": { (interp: Interpreter) throws(PyException) -> PyModule in JaxModule.makeAdCheckpoint(interp) },
        "jax.lax": { (interp: Interpreter) throws(PyException) -> PyModule in JaxLaxModule.make(interp) },
        "jax.tree": { (interp: Interpreter) throws(PyException) -> PyModule in JaxTreeModule.makeTree(interp) },
        "jax.tree_util": { (interp: Interpreter) throws(PyException) -> PyModule in JaxTreeModule.makeTreeUtil(interp) },
        "jax.scipy": { (_: Interpreter) throws(PyException) -> PyModule in PyModule("jax.scipy", file: "/jaxlab/jax/scipy/__init__.py") },
        "jax.scipy.special": { (interp: Interpreter) throws(PyException) -> PyModule in JaxScipySpecialModule.make(interp) },
        "jax.scipy.stats": { (interp: Interpreter) throws(PyException) -> PyModule in JaxScipyStatsModule.make(interp) },
        "jax.scipy.stats.norm": { (interp: Interpreter) throws(PyException) -> PyModule in JaxScipyStatsModule.makeNorm(interp) },
        "numpy": { (interp: Interpreter) throws(PyException) -> PyModule in NumpyModule.make(interp) },
        "numpy.testing": { (interp: Interpreter) throws(PyException) -> PyModule in NumpyTestingModule.make(interp) },
        "numpy.random": { (interp: Interpreter) throws(PyException) -> PyModule in NumpyRandomModule.make(interp) },
        "functools": { (interp: Interpreter) throws(PyException) -> PyModule in try FunctoolsModule.make(interp) },
        "collections": { (interp: Interpreter) throws(PyException) -> PyModule in try CollectionsModule.make(interp) },
        "collections.abc": { (interp: Interpreter) throws(PyException) -> PyModule in
            try CollectionsModule.makeAbstractBaseClasses(interp)
        },
        "itertools": { (interp: Interpreter) throws(PyException) -> PyModule in try ItertoolsModule.make(interp) },
        "operator": { (interp: Interpreter) throws(PyException) -> PyModule in try OperatorModule.make(interp) },
        "typing": { (interp: Interpreter) throws(PyException) -> PyModule in try TypingModule.make(interp) },
        "logging": { (interp: Interpreter) throws(PyException) -> PyModule in try LoggingModule.make(interp) },
        "dataclasses": { (interp: Interpreter) throws(PyException) -> PyModule in try DataclassesModule.make(interp) },
        "contextlib": { (interp: Interpreter) throws(PyException) -> PyModule in try ContextlibModule.make(interp) },
        "cmath": { (interp: Interpreter) throws(PyException) -> PyModule in try CmathModule.make(interp) },
        "abc": { (interp: Interpreter) throws(PyException) -> PyModule in try AbcModule.make(interp) },
        "copy": { (interp: Interpreter) throws(PyException) -> PyModule in try CopyModule.make(interp) },
        "sys": { (interp: Interpreter) throws(PyException) -> PyModule in try SysModule.make(interp) },
        "warnings": { (interp: Interpreter) throws(PyException) -> PyModule in try WarningsModule.make(interp) },
    ]

    /// Submodules a package imports with itself, as the real packages do (`import jax` makes
    /// `jax.numpy` and `jax.random` available).
    static let eagerSubmodules: [String: [String]] = [
        "jax": ["numpy", "random", "nn", "lax", "scipy", "tree", "tree_util", "debug", "ad_checkpoint"], "jax.nn": ["initializers"], "jax.scipy": ["special", "stats"], "jax.scipy.stats": ["norm"], "jax.numpy": ["linalg"], "numpy": ["random", "testing"],
    ]
}

extension PyModule {
    /// Adds `name` to the module as a builtin function.
    func define(_ name: String, _ body: @escaping PyBuiltin.Body) {
        attributes[name] = .object(PyBuiltin(name, module: self.name, body))
    }
}
