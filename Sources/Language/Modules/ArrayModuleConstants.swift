import JaxCore

/// What `jax.numpy` and `numpy` both export: constants, the scalar types of each dtype, and
/// `dtype(...)`.
enum ArrayModuleConstants {
    /// The dtype names both modules export as scalar types.
    static let exportedDTypes: [(String, DType)] = [
        ("bool_", .bool), ("uint8", .uint8), ("uint16", .uint16), ("uint32", .uint32), ("uint64", .uint64),
        ("int8", .int8), ("int16", .int16), ("int32", .int32), ("int64", .int64), ("float16", .float16),
        ("bfloat16", .bfloat16), ("float32", .float32), ("float64", .float64),
        ("complex64", .complex64), ("complex128", .complex128),
    ]

    /// Adds the shared constants and dtypes to `module` (NumPy has no bfloat16).
    static func add(to module: PyModule, _ interp: Interpreter) {
        module.attributes["pi"] = .float(Double.pi)
        module.attributes["e"] = .float(2.718281828459045)
        module.attributes["inf"] = .float(.infinity)
        module.attributes["nan"] = .float(.nan)
        module.attributes["newaxis"] = PyValue.none
        for (name, dtype) in exportedDTypes where !(module.name == "numpy" && dtype == .bfloat16) {
            module.attributes[name] = interp.scalarType(dtype, module: module.name)
        }
        module.define("dtype") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dtype", ["dtype"], required: 1)
            guard let dtype = try interp.dtypeArgument(slots[0] ?? .none) else {
                return .object(PyDType(.float64))
            }
            return .object(PyDType(dtype))
        }
    }
}
