import JaxCore

/// A JAX array (`jaxlib._jax.ArrayImpl`): immutable, weak-typed when it came from a Python
/// scalar, promoted by JAX's lattice, clamped (not raising) on out-of-bounds reads.
final class JaxArrayObject: PyObject {
    let array: JaxArray

    init(_ array: JaxArray) { self.array = array }

    var concreteArray: JaxArray { array }

    override var typeName: String { "ArrayImpl" }

    override func pythonType(_ interp: Interpreter) -> PyValue { interp.jaxArrayType }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        ArrayFormatter.repr(array, flavor: .jax)
    }

    override func str(_ interp: Interpreter) throws(PyException) -> String { ArrayFormatter.str(array) }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? {
        guard let first = array.shape.first else { throw PyException.typeError("len() of unsized object") }
        return first
    }

    override func truth(_ interp: Interpreter) throws(PyException) -> Bool {
        guard array.count == 1 else {
            throw PyException.valueError(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return array.storage.double(at: 0) != 0
    }

    override func toFloat(_ interp: Interpreter) throws(PyException) -> Double? {
        guard array.count == 1 else { throw PyException.typeError("only length-1 arrays can be converted to Python scalars") }
        return array.storage.double(at: 0)
    }

    override func toInt(_ interp: Interpreter) throws(PyException) -> PyValue? {
        guard array.count == 1 else { throw PyException.typeError("only length-1 arrays can be converted to Python scalars") }
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
        throw PyException.typeError("unhashable type: 'jaxlib._jax.ArrayImpl'")
    }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        guard let n = array.shape.first else { throw PyException.typeError("iteration over a 0-d array") }
        var i = 0
        return PyIterator(kind: "iterator") { () throws(PyException) -> PyValue? in
            guard i < n else { return nil }
            i += 1
            return .object(JaxArrayObject(try Kernels.getItem(self.array, [.int(i - 1)], semantics: .jax)))
        }
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        let items = try interp.indexItems(index, semantics: .jax)
        return .object(JaxArrayObject(try Kernels.getItem(array, items, semantics: .jax)))
    }

    override func setItem(_ index: PyValue, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        throw PyException.typeError(
            "JAX arrays are immutable and do not support in-place item assignment. Instead of x[idx] = y, use x = x.at[idx].set(y) or another .at[] method: https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html")
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard let operand = try interp.jaxOperand(other) else { return nil }
        let (a, b) = reflected ? (operand, array) : (array, operand)
        return try interp.jaxBinary(op, a, b)
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard let kernelOp = BinaryOp(op), let operand = try interp.jaxOperand(other) else { return nil }
        let (a, b) = reflected ? (operand, array) : (array, operand)
        return .object(JaxArrayObject(try interp.jaxElementwise(kernelOp, a, b)))
    }

    override func unary(_ op: UnaryOperator, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch op {
        case .positive:
            return .object(self)
        case .negative:
            if array.dtype == .bool { return nil }
            let minusOne = JaxArray.scalar(.int(-1), dtype: array.dtype)
            return .object(JaxArrayObject(try Kernels.binary(.multiply, array, minusOne, semantics: .jax).withWeakType(array.weakType)))
        case .invert:
            if array.dtype == .bool {
                return .object(JaxArrayObject(try Kernels.binary(.equal, array, JaxArray.scalar(.bool(false), dtype: .bool), semantics: .jax)))
            }
            return nil
        case .not:
            return nil
        }
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        try interp.jaxArrayAttribute(self, name)
    }

    override func attributeNames() -> [String] { Interpreter.jaxArrayAttributeNames }
}

/// The device every array lives on: `CpuDevice(id=0)`, printed as `cpu:0`.
final class PyDevice: PyObject {
    override var typeName: String { "Device" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        .object(PyType("jaxlib._jax.Device", isInstance: { v in
            if case .object(let o) = v { return o is PyDevice }
            return false
        }, construct: nil))
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { "CpuDevice(id=0)" }

    override func str(_ interp: Interpreter) throws(PyException) -> String { "cpu:0" }

    override func hashKey() throws(PyException) -> String? { "CpuDevice(id=0)" }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        var same = false
        if case .object(let o) = other { same = o is PyDevice }
        return .bool(op == .equal ? same : !same)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "platform", "device_kind": return .str("cpu")
        case "id", "process_index", "host_id": return .int(0)
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["device_kind", "host_id", "id", "platform", "process_index"] }
}

/// `x.at`: the helper whose subscript selects elements to update functionally.
final class PyIndexUpdateHelper: PyObject {
    let array: JaxArray

    init(_ array: JaxArray) { self.array = array }

    override var typeName: String { "_IndexUpdateHelper" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "_IndexUpdateHelper(\(ArrayFormatter.repr(array, flavor: .jax)))"
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        .object(PyIndexUpdateRef(array, index: index))
    }
}

/// `x.at[idx]`: offers `set`, `add`, `multiply`, `min`, `max` and `get`, each giving a new array.
final class PyIndexUpdateRef: PyObject {
    let array: JaxArray
    let index: PyValue

    init(_ array: JaxArray, index: PyValue) {
        self.array = array
        self.index = index
    }

    override var typeName: String { "_IndexUpdateRef" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "_IndexUpdateRef(\(ArrayFormatter.repr(array, flavor: .jax)), \(try interp.repr(index)))"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        let modes: [String: ScatterMode] = ["set": .set, "add": .add, "multiply": .multiply, "mul": .multiply,
                                            "min": .min, "max": .max]
        if name == "get" {
            return .object(PyBuiltin("get", owner: typeName) { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                let items = try interp.indexItems(self.index, semantics: .jax)
                return .object(JaxArrayObject(try Kernels.getItem(self.array, items, semantics: .jax)))
            })
        }
        guard let mode = modes[name] else { return nil }
        return .object(PyBuiltin(name, owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind(name, ["values", "indices_are_sorted", "unique_indices", "mode"], required: 1)
            let items = try interp.indexItems(self.index, semantics: .jax)
            let values = try interp.toArray(slots[0] ?? .none, dtype: nil, semantics: .jax)
            let updates = Kernels.cast(values, to: self.array.dtype, semantics: .jax)
            return .object(JaxArrayObject(try Kernels.scatter(self.array, items, updates: updates, mode: mode, semantics: .jax)
                .withWeakType(self.array.weakType)))
        })
    }

    override func attributeNames() -> [String] { ["add", "get", "max", "min", "multiply", "set"] }
}
