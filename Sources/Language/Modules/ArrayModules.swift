import JaxCore

/// The array modules `jax`, `jax.numpy`, `jax.random`, `numpy` and `numpy.random`, and what
/// they share: defining functions and reading array arguments.
extension Interpreter {
    var arrayModuleBuilders: [String: (Interpreter) throws(PyException) -> PyModule] {
        [
            "jax": { (interp: Interpreter) throws(PyException) -> PyModule in interp.makeJaxModule() },
            "jax.numpy": { (interp: Interpreter) throws(PyException) -> PyModule in interp.makeJaxNumpyModule() },
            "jax.random": { (interp: Interpreter) throws(PyException) -> PyModule in JaxRandomModule.make(interp) },
            "jax.nn": { (interp: Interpreter) throws(PyException) -> PyModule in interp.makeJaxNNModule() },
            "jax.lax": { (interp: Interpreter) throws(PyException) -> PyModule in interp.makeJaxLaxModule() },
            "jax.scipy": { (_: Interpreter) throws(PyException) -> PyModule in PyModule("jax.scipy", file: "/jaxlab/jax/scipy/__init__.py") },
            "jax.scipy.special": { (interp: Interpreter) throws(PyException) -> PyModule in interp.makeJaxScipySpecialModule() },
            "numpy": { (interp: Interpreter) throws(PyException) -> PyModule in interp.makeNumpyModule() },
            "numpy.random": { (interp: Interpreter) throws(PyException) -> PyModule in interp.makeNumpyRandomModule() },
        ]
    }

    /// The dtype names both `jnp` and `np` export as scalar types.
    static let exportedDTypes: [(String, DType)] = [
        ("bool_", .bool), ("uint8", .uint8), ("uint16", .uint16), ("uint32", .uint32), ("uint64", .uint64),
        ("int8", .int8), ("int16", .int16), ("int32", .int32), ("int64", .int64), ("float16", .float16),
        ("bfloat16", .bfloat16), ("float32", .float32), ("float64", .float64),
    ]

    /// Adds `name` to `module` as a builtin function.
    func define(_ module: PyModule, _ name: String, _ body: @escaping PyBuiltin.Body) {
        module.attributes[name] = .object(PyBuiltin(name, module: module.name, body))
    }

    /// Adds the constants and dtypes `jnp` and `np` share.
    func addArrayConstants(_ module: PyModule, moduleName: String) {
        module.attributes["pi"] = .float(Double.pi)
        module.attributes["e"] = .float(2.718281828459045)
        module.attributes["inf"] = .float(.infinity)
        module.attributes["nan"] = .float(.nan)
        module.attributes["newaxis"] = PyValue.none
        for (name, dtype) in Interpreter.exportedDTypes where !(moduleName == "numpy" && dtype == .bfloat16) {
            module.attributes[name] = scalarType(dtype, module: moduleName)
        }
        define(module, "dtype") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dtype", ["dtype"], required: 1)
            guard let dtype = try interp.dtypeArgument(slots[0] ?? .none) else {
                return .object(PyDType(.float64))
            }
            return .object(PyDType(dtype))
        }
    }

    /// A Python number argument as an array scalar.
    func scalarArgument(_ v: PyValue, _ function: String) throws(PyException) -> Scalar {
        if let s = try scalarValue(v) { return s }
        if let a = existingArray(v), a.count == 1 { return a.scalarValue(at: 0) }
        throw PyException.typeError("\(function)() argument must be a number, not '\(v.typeName)'")
    }
}
