import JaxCore

/// A NumPy array (`numpy.ndarray`) or NumPy scalar (`np.float64(0.5)`): mutable, with
/// NumPy's promotion (NEP 50), float64/int64 defaults, and IndexError out of bounds.
final class NDArrayObject: PyObject, InPlaceUpdatable {
    var array: JaxArray
    /// A NumPy scalar (what indexing one element or a full reduction gives) rather than an array.
    let isScalar: Bool

    init(_ array: JaxArray, scalar: Bool = false) {
        self.array = array.withWeakType(false)
        self.isScalar = scalar && array.shape.isEmpty
    }

    /// Wraps a kernel result: 0-d results become NumPy scalars, as NumPy's ufuncs return.
    static func result(_ a: JaxArray) -> PyValue {
        .object(NDArrayObject(a, scalar: a.shape.isEmpty))
    }

    override var typeName: String { isScalar ? "numpy.\(array.dtype.name)" : "numpy.ndarray" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        if isScalar { return interp.scalarType(array.dtype, module: "numpy") }
        return interp.numpyArrayType
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        isScalar ? ArrayFormatter.numpyScalarRepr(array) : ArrayFormatter.repr(array, flavor: .numpy, options: interp.printOptions.options)
    }

    /// `format(x, spec)`: a NumPy scalar or 0-d array formats as its Python value (so
    /// `f"{np.float32(0.1)}"` shows the float64 repr, `0.10000000149011612`).
    override func format(_ spec: String, _ interp: Interpreter) throws(PyException) -> String? {
        guard array.shape.isEmpty, array.dtype != .bfloat16 else { return nil }
        return try interp.formatValue(interp.element(array, 0), spec)
    }

    override func str(_ interp: Interpreter) throws(PyException) -> String {
        isScalar ? ArrayFormatter.numpyScalarStr(array) : ArrayFormatter.str(array, options: interp.printOptions.options)
    }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? {
        guard let first = array.shape.first else {
            if isScalar { throw PyException.typeError("object of type '\(typeName)' has no len()") }
            throw PyException.typeError("len() of unsized object")
        }
        return first
    }

    override func truth(_ interp: Interpreter) throws(PyException) -> Bool {
        guard array.count == 1 else {
            if array.count == 0 { return false }
            throw PyException.valueError(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return array.storage.double(at: 0) != 0
    }

    override func toFloat(_ interp: Interpreter) throws(PyException) -> Double? {
        guard array.count == 1 else {
            throw PyException.typeError("only length-1 arrays can be converted to Python scalars")
        }
        return array.storage.double(at: 0)
    }

    override func toInt(_ interp: Interpreter) throws(PyException) -> PyValue? {
        guard array.count == 1 else {
            throw PyException.typeError("only length-1 arrays can be converted to Python scalars")
        }
        if array.dtype.isFloating { return try interp.toInt(.float(array.storage.double(at: 0))) }
        return interp.element(array, 0)
    }

    override func toIndex(_ interp: Interpreter) throws(PyException) -> Int? {
        guard array.dtype.isInteger, array.shape.isEmpty else {
            throw PyException.typeError("only integer scalar arrays can be converted to a scalar index")
        }
        return Int(array.storage.int64(at: 0))
    }

    override func hashKey() throws(PyException) -> String? {
        guard isScalar else { throw PyException.typeError("unhashable type: 'numpy.ndarray'") }
        return nil
    }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        guard let n = array.shape.first else { throw PyException.typeError("iteration over a 0-d array") }
        var i = 0
        return PyIterator(kind: "iterator") { () throws(PyException) -> PyValue? in
            guard i < n else { return nil }
            i += 1
            return NDArrayObject.result(try Kernels.getItem(self.array, [.int(i - 1)], semantics: .numpy))
        }
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        if isScalar { throw PyException.indexError("invalid index to scalar variable.") }
        let items = try interp.indexItems(index, semantics: .numpy)
        return NDArrayObject.result(try Kernels.getItem(array, items, semantics: .numpy))
    }

    override func setItem(_ index: PyValue, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        if isScalar { throw PyException.typeError("'\(typeName)' object does not support item assignment") }
        let items = try interp.indexItems(index, semantics: .numpy)
        // Python ints convert straight to the array's dtype, so one out of its range is NumPy 2's
        // OverflowError rather than a silently wrapped value (int8 `x[0] = 1000`)
        let updates = try interp.existingArray(value) == nil
            ? try interp.toArray(value, dtype: array.dtype, semantics: .numpy)
            : Kernels.cast(try interp.toArray(value, dtype: nil, semantics: .numpy), to: array.dtype, semantics: .numpy)
        array = try Kernels.scatter(array, items, updates: updates, mode: .set, semantics: .numpy)
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard let operand = interp.numpyOperand(other) else { return nil }
        let (a, b) = reflected ? (operand, array) : (array, operand)
        return try interp.numpyBinary(op, a, b)
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard let binary = BinaryKernel(op), let operand = interp.numpyOperand(other) else { return nil }
        let (a, b) = reflected ? (operand, array) : (array, operand)
        return try interp.numpyElementwise(binary, a, b)
    }

    override func unary(_ op: UnaryOperator, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch op {
        case .positive:
            return NDArrayObject.result(array)
        case .negative:
            if array.dtype == .bool {
                throw PyException.typeError(
                    "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
            }
            return try interp.numpyBinary(.multiply, array, JaxArray.scalar(.int(-1), dtype: .int64, weak: true))
        case .invert:
            if array.dtype == .bool {
                return try interp.numpyElementwise(.equal, array, JaxArray.scalar(.bool(false), dtype: .bool))
            }
            guard array.dtype.isInteger else {
                throw PyException.typeError("ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
            }
            let negated = try Kernels.binary(.multiply, array, JaxArray.scalar(.int(-1), dtype: array.dtype), semantics: .numpy)
            return NDArrayObject.result(try Kernels.binary(.subtract, negated, JaxArray.scalar(.int(1), dtype: array.dtype), semantics: .numpy))
        case .not:
            return nil
        }
    }

    func inPlace(_ op: BinaryOperator, _ value: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue? {
        if isScalar { return nil }
        guard let operand = interp.numpyOperand(value) else { return nil }
        guard case .object(let o) = try interp.numpyBinary(op, array, operand), let result = o as? NDArrayObject else { return nil }
        let produced = result.array.dtype
        if produced != array.dtype && !Promotion.canCastSameKind(produced, to: array.dtype) {
            throw PyException("UFuncTypeError",
                              "Cannot cast ufunc '\(op.numpyUfunc)' output from dtype('\(produced.name)') to dtype('\(array.dtype.name)') with casting rule 'same_kind'")
        }
        array = Kernels.cast(try Kernels.broadcast(result.array, to: array.shape, semantics: .numpy), to: array.dtype, semantics: .numpy)
        return .object(self)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        try interp.arrayAttribute(self, name)
    }

    override func attributeNames() -> [String] { Interpreter.arrayAttributeNames }
}

extension Promotion {
    /// NumPy's `same_kind` casting rule for in-place operators: within a kind, or to a
    /// wider kind (bool < unsigned < signed < float).
    static func canCastSameKind(_ from: DType, to: DType) -> Bool {
        func rank(_ d: DType) -> Int {
            switch d.kind {
            case .bool: return 0
            case .unsignedInteger: return 1
            case .signedInteger: return 2
            case .floating: return 3
            case .complex: return 4
            }
        }
        if rank(from) == 1 && rank(to) == 2 { return true }
        return rank(from) <= rank(to)
    }
}

extension BinaryKernel {
    /// The array operation for a Python comparison operator (nil for `is`/`in`).
    init?(_ op: CompareOperator) {
        switch op {
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        default: return nil
        }
    }
}

extension BinaryOperator {
    /// NumPy's ufunc name for the operator, as its casting errors name it.
    var numpyUfunc: String {
        switch self {
        case .add: return "add"
        case .subtract: return "subtract"
        case .multiply: return "multiply"
        case .divide: return "divide"
        case .floorDivide: return "floor_divide"
        case .modulo: return "remainder"
        case .power: return "power"
        case .matmul: return "matmul"
        case .and: return "bitwise_and"
        case .or: return "bitwise_or"
        case .xor: return "bitwise_xor"
        case .leftShift: return "left_shift"
        case .rightShift: return "right_shift"
        }
    }
}

extension Interpreter {
    /// An operand for a NumPy operation: a NumPy array or a Python scalar (weak, NEP 50);
    /// nil for JAX arrays (they take over the operation) and other values.
    func numpyOperand(_ v: PyValue) -> JaxArray? {
        switch v {
        case .bool(let b): return JaxArray.scalar(.bool(b), dtype: .bool, weak: true)
        case .int(let i): return JaxArray.scalar(.int(Int64(i)), dtype: .int64, weak: true)
        case .float(let d): return JaxArray.scalar(.float(d), dtype: .float64, weak: true)
        case .object(let o as NDArrayObject): return o.array
        case .list, .tuple: return try? toArray(v, dtype: nil, semantics: .numpy)
        default: return nil
        }
    }

    /// `a op b` with NumPy's rules; weak operands are Python scalars.
    func numpyBinary(_ op: BinaryOperator, _ a: JaxArray, _ b: JaxArray) throws(PyException) -> PyValue {
        let kernelOp: BinaryKernel
        switch op {
        case .add: kernelOp = .add
        case .subtract: kernelOp = .subtract
        case .multiply: kernelOp = .multiply
        case .divide: kernelOp = .divide
        case .floorDivide: kernelOp = .floorDivide
        case .modulo: kernelOp = .remainder
        case .power: kernelOp = .power
        case .matmul:
            let dtype = Promotion.numpy([(a.dtype, a.weakType), (b.dtype, b.weakType)])
            return NDArrayObject.result(try Kernels.matmul(Kernels.cast(a, to: dtype, semantics: .numpy),
                                                           Kernels.cast(b, to: dtype, semantics: .numpy), semantics: .numpy,
                                                           interrupt: context.interrupt))
        case .and, .or, .xor:
            let dtype = Promotion.numpy([(a.dtype, a.weakType), (b.dtype, b.weakType)])
            guard dtype == .bool else {
                throw PyException.typeError("ufunc '\(op.numpyUfunc)' on integer arrays is not supported in jaxlab")
            }
            kernelOp = op == .and ? .logicalAnd : (op == .or ? .logicalOr : .logicalXor)
        case .leftShift, .rightShift:
            throw PyException.typeError("ufunc '\(op.numpyUfunc)' is not supported in jaxlab")
        }
        if op == .subtract && a.dtype == .bool && b.dtype == .bool {
            throw PyException.typeError(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
        }
        // NumPy 2 converts a Python int to the integer array's dtype first, refusing one out
        // of its range (int8 `x + 1000`) instead of wrapping it
        for (scalar, array) in [(a, b), (b, a)] where scalar.weakType && scalar.rank == 0 && scalar.dtype == .int64
            && array.dtype.isInteger && !array.weakType {
            let value = scalar.storage.int64(at: 0)
            if !fits(value, array.dtype) {
                throw PyException("OverflowError", "Python integer \(value) out of bounds for \(array.dtype.name)")
            }
        }
        return try numpyElementwise(kernelOp, a, b)
    }

    func numpyElementwise(_ op: BinaryKernel, _ a: JaxArray, _ b: JaxArray) throws(PyException) -> PyValue {
        var dtype = Promotion.numpy([(a.dtype, a.weakType), (b.dtype, b.weakType)])
        if op == .divide && !dtype.isFloating { dtype = .float64 }
        let x = Kernels.cast(a, to: dtype, semantics: .numpy)
        let y = Kernels.cast(b, to: dtype, semantics: .numpy)
        let result = try Kernels.binary(op, x, y, semantics: .numpy)
        return NDArrayObject.result(result)
    }

    /// The class object of NumPy arrays, `<class 'numpy.ndarray'>`.
    var numpyArrayType: PyValue {
        objectType("numpy.ndarray") { ($0 as? NDArrayObject)?.isScalar == false }
    }
}
