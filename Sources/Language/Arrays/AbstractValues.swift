import JaxCore

/// `jax.typeof(x)`: an array's JAX type (shape, dtype, weak type), printed as JAX's
/// `ShapedArray` prints: `float32[3,3]`, `~float32[]` when weakly typed, `key<fry>[]` for keys.
final class PyShapedArray: PyObject {
    let aval: ShapedArray

    init(_ aval: ShapedArray) { self.aval = aval }

    override var typeName: String { "ShapedArray" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        interp.objectType("jax._src.core.ShapedArray") { $0 is PyShapedArray }
    }

    override func str(_ interp: Interpreter) throws(PyException) -> String { aval.description }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        let plain = aval.with(weakType: false).description
        return aval.weakType ? "ShapedArray(\(plain), weak_type=True)" : "ShapedArray(\(plain))"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "shape": return .tuple(aval.shape.map { .int($0) })
        case "ndim": return .int(aval.rank)
        case "size": return .int(aval.count)
        case "dtype": return aval.isKey ? .str(ShapedArray.keyDTypeName) : .object(PyDType(aval.dtype))
        case "weak_type": return .bool(aval.weakType)
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["dtype", "ndim", "shape", "size", "weak_type"] }
}

extension JaxModule {
    /// `jax.typeof(x)`: the JAX type of an array, a Python scalar or a tracer.
    static func typeOf(_ interp: Interpreter, _ v: PyValue) throws(PyException) -> PyValue {
        var aval: ShapedArray
        if case .object(let o as JaxArrayObject) = v {
            aval = o.aval
        } else if let operand = try interp.jaxOperand(v) {
            aval = operand.aval
        } else {
            // JAX quotes a list's type in this message, and not a string's
            let type = interp.pythonTypeName(v)
            let typeText: String
            switch v {
            case .list, .tuple, .dict: typeText = "'\(type)'"
            default: typeText = type
            }
            throw PyException.typeError("Argument '\(try interp.str(v))' of type \(typeText) is not a valid JAX type")
        }
        // a Python bool has no weaker type to give way to
        if aval.dtype == .bool { aval = aval.with(weakType: false) }
        return .object(PyShapedArray(aval))
    }
}

/// `jax.ShapeDtypeStruct(shape, dtype)`: a shape and dtype without values, as callbacks
/// declare the types of their results.
final class PyShapeDtypeStruct: PyObject {
    let shape: [Int]
    let dtype: DType
    let weakType: Bool

    init(shape: [Int], dtype: DType, weakType: Bool) {
        self.shape = shape
        self.dtype = dtype
        self.weakType = weakType
    }

    override var typeName: String { "ShapeDtypeStruct" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        return "ShapeDtypeStruct(shape=\(shapeText), dtype=\(dtype.name)\(weakType ? ", weak_type=True" : ""))"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "shape": return .tuple(shape.map { .int($0) })
        case "dtype": return .object(PyDType(dtype))
        case "ndim": return .int(shape.count)
        case "size": return .int(shape.reduce(1, &*))
        case "weak_type": return .bool(weakType)
        case "sharding": return PyValue.none
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["dtype", "ndim", "shape", "sharding", "size", "weak_type"] }
}
