import JaxCore

/// Reading the arguments of library functions: JAX and NumPy arrays from Python values, the
/// type names JAX's errors quote, and `arange`'s arguments for both libraries.
extension Interpreter {
    /// An array argument to a `jnp` function: arrays, scalars and nested lists.
    func jaxArgument(_ v: PyValue) throws(PyException) -> JaxValue {
        if let a = try jaxOperand(v) { return a }
        switch v {
        case .list, .tuple:
            guard case .object(let o as JaxArrayObject) = try jaxArrayFromPython(v, dtype: nil) else { break }
            return try o.value
        default:
            break
        }
        throw PyException.typeError("Value '\(try repr(v))' with type \(pythonTypeName(v)) is not a valid JAX type")
    }

    /// An array argument to a `jnp` function other than `array`/`asarray`: arrays and
    /// scalars, but not lists or tuples (JAX's `check_arraylike`).
    func jnpArgument(_ v: PyValue, _ function: String, position: Int = 0) throws(PyException) -> JaxValue {
        try requireArraylike(v, function, position: position)
        return try jaxArgument(v)
    }

    /// JAX's TypeError for a list or tuple passed where `function` wants an array.
    func requireArraylike(_ v: PyValue, _ function: String, position: Int = 0) throws(PyException) {
        switch v {
        case .list, .tuple, .none:
            throw PyException.typeError("\(function) requires ndarray or scalar arguments, got \(pythonTypeName(v)) at position \(position).")
        default:
            return
        }
    }

    /// The DeprecationWarning `jnp.shape`, `ndim` and `size` give for a list or tuple.
    func warnIfNotArraylike(_ v: PyValue, _ function: String) {
        switch v {
        case .list, .tuple:
            warn("DeprecationWarning", "\(function) requires ndarray or scalar arguments, got \(pythonTypeName(v)) at position 0. In a future JAX release this will be an error.")
        default:
            return
        }
    }

    /// An optional array argument (`None` or absent gives nil).
    func optionalJaxArgument(_ v: PyValue?) throws(PyException) -> JaxValue? {
        guard let v, !v.isNone else { return nil }
        return try jaxArgument(v)
    }

    /// `<class 'x'>` as JAX quotes a value's type in errors.
    func pythonTypeName(_ v: PyValue) -> String {
        (try? repr(pythonType(v))) ?? "<class '\(v.typeName)'>"
    }

    /// `arange(start, stop, step, dtype)` for `jnp` or `np`, with their default dtypes.
    func arange(_ slots: [PyValue?], semantics: ArraySemantics) throws(PyException) -> JaxArray {
        let first = try scalarArgument(slots[0] ?? .none, "arange")
        let stopValue = slots[1].flatMap { $0.isNone ? nil : $0 }
        let (start, stop): (Scalar, Scalar) = try stopValue.map { (v: PyValue) throws(PyException) in (first, try scalarArgument(v, "arange")) }
            ?? (.int(0), first)
        let step = try slots[2].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try scalarArgument(v, "arange") } ?? .int(1)
        let isFloat = [start, stop, step].contains { if case .float = $0 { return true } else { return false } }
        let requested = try dtypeArgument(slots[3] ?? .none, semantics: semantics, in: "arange")
        let dtype: DType
        if semantics == .jax {
            dtype = context.canonical(requested ?? (isFloat ? context.defaultFloat : context.defaultInt))
        } else {
            dtype = requested ?? (isFloat ? .float64 : .int64)
        }
        return try Kernels.arange(start: start, stop: stop, step: step, dtype: dtype, limits: context.limits, semantics: semantics)
    }

    /// The float type NumPy computes a float-only ufunc in for an integer or bool input.
    static func numpyFloatFor(_ dtype: DType) -> DType {
        switch dtype {
        case .bool, .int8, .uint8: return .float16
        case .int16, .uint16: return .float32
        default: return .float64
        }
    }

    /// An array argument to a NumPy function (JAX arrays convert, as `np.asarray` does).
    func numpyArgument(_ v: PyValue, dtype: DType?) throws(PyException) -> JaxArray {
        try toArray(v, dtype: dtype, semantics: .numpy)
    }
}
