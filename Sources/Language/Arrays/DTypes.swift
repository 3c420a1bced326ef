import JaxCore

/// A NumPy dtype object (`x.dtype`): prints as `float32`, reprs as `dtype('float32')`, and
/// equals the same dtype given as a scalar type or a name.
final class PyDType: PyObject {
    let dtype: DType

    init(_ dtype: DType) { self.dtype = dtype }

    override var typeName: String { "dtype[\(dtype.name)]" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        let dtype = self.dtype
        return interp.objectType("numpy.dtypes.\(PyDType.className(dtype))") { ($0 as? PyDType)?.dtype == dtype }
    }

    /// NumPy's class name for a dtype's type (`Float32DType`).
    static func className(_ dtype: DType) -> String {
        switch dtype {
        case .bool: return "BoolDType"
        case .bfloat16: return "dtype[bfloat16]"
        default:
            let name = dtype.name
            return name.prefix(1).uppercased() + name.dropFirst() + "DType"
        }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { "dtype('\(dtype.name)')" }

    override func str(_ interp: Interpreter) throws(PyException) -> String { dtype.name }

    override func hashKey() throws(PyException) -> String? { "dtype:" + dtype.name }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        let same = (try? interp.dtypeArgument(other)).flatMap { $0 } == dtype
        return .bool(op == .equal ? same : !same)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "name": return .str(dtype.name)
        case "itemsize": return .int(dtype.itemSize)
        case "kind":
            switch dtype.kind {
            case .bool: return .str("b")
            case .signedInteger: return .str("i")
            case .unsignedInteger: return .str("u")
            case .floating: return .str(dtype == .bfloat16 ? "V" : "f")
            case .complex: return .str("c")
            }
        case "type": return interp.scalarType(dtype, module: "numpy")
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["itemsize", "kind", "name", "type"] }
}

/// A scalar type such as `jnp.float32` or `np.int64`: a class that prints as
/// `<class 'jax.numpy.float32'>`, builds scalars when called, and stands for its dtype.
final class PyScalarType: PyObject {
    let dtype: DType
    /// `jax.numpy` or `numpy`.
    let module: String

    init(_ dtype: DType, module: String) {
        self.dtype = dtype
        self.module = module
    }

    override var typeName: String { "type" }

    override func pythonType(_ interp: Interpreter) -> PyValue { interp.builtinType(named: "type") }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        let name = module == "numpy" && dtype == .bool ? "bool" : dtype.name
        return "<class '\(module).\(name)'>"
    }

    override func hashKey() throws(PyException) -> String? { "dtype:" + dtype.name }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        var same = false
        if case .object(let o) = other {
            if let t = o as? PyScalarType { same = t.dtype == dtype }
            if let d = o as? PyDType { same = d.dtype == dtype }
        }
        return .bool(op == .equal ? same : !same)
    }

    override var isCallable: Bool { true }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        let slots = try args.bind(dtype.name, ["x"])
        let value = slots[0] ?? .int(0)
        // a Python complex converts to a real scalar type as float() would take it
        if case .object(let c as PyComplex) = value, !dtype.isComplex, dtype != .bool {
            throw PyException.typeError("float() argument must be a string or a real number, not '\(c.typeName)'")
        }
        if module == "numpy" {
            let array = try interp.toArray(value, dtype: dtype, semantics: .numpy)
            return .object(NDArrayObject(array, scalar: array.shape.isEmpty))
        }
        return try interp.jaxArrayFromPython(value, dtype: dtype)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "dtype": return .object(PyDType(dtype))
        case "__name__": return .str(dtype.name)
        default: return nil
        }
    }
}

extension Interpreter {
    /// The dtype a `dtype=` argument names: a dtype, a scalar type, a name like `'uint8'`, or
    /// Python's `int`/`float`/`bool`; nil for None. JAX's truncation warning names `function`
    /// (the jnp function that asked) as JAX's does.
    func dtypeArgument(_ v: PyValue, semantics: ArraySemantics = .numpy, in function: String? = nil) throws(PyException) -> DType? {
        let dtype = try parseDType(v, semantics: semantics)
        if semantics == .jax, let dtype { warnIfTruncated(dtype, in: function) }
        return dtype
    }

    private func parseDType(_ v: PyValue, semantics: ArraySemantics) throws(PyException) -> DType? {
        switch v {
        case .none: return nil
        case .str(let name):
            guard let d = DType.named(name) else { throw PyException.typeError("data type '\(name)' not understood") }
            return d
        case .object(let o):
            if let d = o as? PyDType { return d.dtype }
            if let t = o as? PyScalarType { return t.dtype }
            if let t = o as? PyType {
                switch t.qualifiedName {
                case "int": return semantics == .jax ? context.defaultInt : .int64
                case "float": return semantics == .jax ? context.defaultFloat : .float64
                case "bool": return .bool
                case "complex": return semantics == .jax ? context.defaultComplex : .complex128
                default: break
                }
            }
        default:
            break
        }
        throw PyException.typeError("Cannot interpret '\(try repr(v))' as a data type")
    }

    /// The scalar type object for `dtype` in `module` (`jax.numpy` or `numpy`).
    func scalarType(_ dtype: DType, module: String) -> PyValue {
        .object(PyScalarType(dtype, module: module))
    }
}
