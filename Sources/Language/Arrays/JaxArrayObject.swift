import JaxCore

/// A JAX array (`jaxlib._jax.ArrayImpl`), or a tracer standing for one while a function is
/// transformed: immutable, weak-typed when it came from a Python scalar; every operation goes
/// through `JNP`, so it is traced under `make_jaxpr`, `grad`, `vmap` and `jit`. Typed PRNG
/// keys (`PRNGKeyArray`, `dtype=key<fry>`) are JAX arrays too.
final class JaxArrayObject: PyObject {
    /// The value; for a result of a dispatched call, set when it is first used.
    private var known: JaxValue?
    /// The dispatched call whose result `index` this is, until it has been waited for.
    private var dispatched: (call: DispatchedCall, index: Int)?

    init(_ value: JaxValue) { known = value }

    /// Result `index` of a dispatched call.
    init(_ call: DispatchedCall, index: Int) { dispatched = (call, index) }

    /// The value: every use of a result of a dispatched call waits for it, and raises the
    /// error its computation ended with.
    var value: JaxValue {
        get throws(PyException) {
            if let known { return known }
            guard let (call, index) = dispatched else { throw PyException("RuntimeError", "an array without a value") }
            let arrays = try call.results()
            guard arrays.indices.contains(index) else { throw PyException("RuntimeError", "a compiled call returned too few results") }
            known = .array(arrays[index])
            dispatched = nil
            return .array(arrays[index])
        }
    }

    /// The shape, dtype and weak type, known without waiting for a dispatched call.
    var aval: ShapedArray {
        if let known { return known.aval }
        guard let (call, index) = dispatched, call.pending.avals.indices.contains(index) else { return ShapedArray(shape: [], dtype: .float32) }
        return call.pending.avals[index]
    }

    /// A tracer (never a dispatched call's result).
    var isTracer: Bool {
        if case .tracer? = known { return true }
        return false
    }

    /// A tracer that does not know its value (converting it to NumPy or Python is an error).
    var isAbstract: Bool { known.map { Concrete.known($0) == nil } ?? false }

    /// A typed PRNG key array.
    var isKeyArray: Bool { aval.isKey }

    convenience init(_ array: JaxArray) { self.init(.array(array)) }

    /// The array when it is known (not traced, or a tracer that still knows its value).
    var knownArray: JaxArray? {
        get throws(PyException) { Concrete.known(try value) }
    }

    /// The array for a conversion named `function` (`int`, `float`, `bool`, `__array__`), or
    /// the ConcretizationTypeError JAX raises for a traced value.
    func concrete(_ function: String) throws(PyException) -> JaxArray {
        try Concrete.value(value, function: function)
    }

    override var typeName: String { isKeyArray ? "PRNGKeyArray" : "ArrayImpl" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        guard case .tracer(let t)? = known else { return isKeyArray ? interp.keyArrayType : interp.jaxArrayType }
        let text = t.description
        let name = text.hasPrefix("GradTracer") ? "jax._src.interpreters.ad.LinearizeTracer"
            : text.hasPrefix("VmapTracer") ? "jax._src.interpreters.batching.BatchTracer"
            : "jax._src.interpreters.partial_eval.DynamicJaxprTracer"
        return interp.objectType(name) { ($0 as? JaxArrayObject)?.isTracer == true }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        switch try value {
        case .array(let a): return a.isKeyData ? ArrayFormatter.keys(a, options: interp.printOptions.options) : ArrayFormatter.repr(a, flavor: .jax, options: interp.printOptions.options)
        case .tracer(let t): return t.description
        }
    }

    override func str(_ interp: Interpreter) throws(PyException) -> String {
        switch try value {
        case .array(let a): return a.isKeyData ? ArrayFormatter.keys(a, options: interp.printOptions.options) : ArrayFormatter.str(a, options: interp.printOptions.options)
        case .tracer(let t): return t.description
        }
    }

    /// `format(x, spec)` as JAX's `Array.__format__`: a 0-d array formats as the Python scalar
    /// of its value (`f"{x}"` of a float32 shows the float64 repr, `-1.9133632183074951`),
    /// any other as NumPy's `ndarray.__format__`, which takes no spec.
    override func format(_ spec: String, _ interp: Interpreter) throws(PyException) -> String? {
        guard case .array(let a) = try value, !a.isKeyData else { return spec.isEmpty ? try str(interp) : nil }
        if a.shape.isEmpty && a.dtype != .bfloat16 { return try interp.formatValue(interp.element(a, 0), spec) }
        guard spec.isEmpty else { throw PyException.typeError("unsupported format string passed to numpy.ndarray.__format__") }
        return ArrayFormatter.str(a, options: interp.printOptions.options)
    }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? {
        guard let first = aval.shape.first else { throw PyException.typeError("len() of unsized object") }
        return first
    }

    override func truth(_ interp: Interpreter) throws(PyException) -> Bool {
        if isKeyArray { throw PyException.typeError("key array cannot be converted to boolean.") }
        let a = try Concrete.bool(value)
        guard a.count == 1 else {
            throw PyException.valueError(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return a.storage.double(at: 0) != 0
    }

    override func toFloat(_ interp: Interpreter) throws(PyException) -> Double? {
        let a = try concrete("float")
        guard a.count == 1 else { throw PyException.typeError("only length-1 arrays can be converted to Python scalars") }
        if a.dtype.isComplex { throw PyException.typeError("float() argument must be a string or a real number, not 'complex'") }
        return a.storage.double(at: 0)
    }

    override func toInt(_ interp: Interpreter) throws(PyException) -> PyValue? {
        let a = try concrete("int")
        guard a.count == 1 else { throw PyException.typeError("only length-1 arrays can be converted to Python scalars") }
        if a.dtype.isComplex {
            throw PyException.typeError("int() argument must be a string, a bytes-like object or a real number, not 'complex'")
        }
        if a.dtype.isFloating { return try interp.toInt(.float(a.storage.double(at: 0))) }
        return interp.element(a, 0)
    }

    override func toIndex(_ interp: Interpreter) throws(PyException) -> Int? {
        let a = try Concrete.index(value)
        guard a.dtype.isInteger, a.shape.isEmpty else {
            throw PyException.typeError("only integer scalar arrays can be converted to a scalar index")
        }
        return Int(a.storage.int64(at: 0))
    }

    override func hashKey() throws(PyException) -> String? {
        throw PyException.typeError("unhashable type: '\(isTracer ? "DynamicJaxprTracer" : isKeyArray ? "PRNGKeyArray" : "jaxlib._jax.ArrayImpl")'")
    }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        guard let n = aval.shape.first else { throw PyException.typeError("iteration over a 0-d array") }
        var i = 0
        return PyIterator(kind: "iterator") { () throws(PyException) -> PyValue? in
            guard i < n else { return nil }
            i += 1
            return .object(JaxArrayObject(try JNP.iterationItem(interp.context, self.value, i - 1)))
        }
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        return .object(JaxArrayObject(try JNP.getItem(interp.context, value, try interp.jaxIndex(index))))
    }

    override func setItem(_ index: PyValue, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        throw PyException.typeError(
            "JAX arrays are immutable and do not support in-place item assignment. Instead of x[idx] = y, use x = x.at[idx].set(y) or another .at[] method: https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html")
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard let operand = try interp.jaxOperand(other) else { return nil }
        let mine = try value
        let (a, b) = reflected ? (operand, mine) : (mine, operand)
        return .object(JaxArrayObject(try interp.jaxBinary(op, a, b)))
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard let operand = try interp.jaxOperand(other) else { return nil }
        let mine = try value
        let (a, b) = reflected ? (operand, mine) : (mine, operand)
        let ctx = interp.context
        let result: JaxValue
        switch op {
        case .equal: result = try JNP.equal(ctx, a, b)
        case .notEqual: result = try JNP.notEqual(ctx, a, b)
        case .less: result = try JNP.less(ctx, a, b)
        case .lessEqual: result = try JNP.lessEqual(ctx, a, b)
        case .greater: result = try JNP.greater(ctx, a, b)
        case .greaterEqual: result = try JNP.greaterEqual(ctx, a, b)
        default: return nil
        }
        return .object(JaxArrayObject(result))
    }

    override func unary(_ op: UnaryOperator, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch op {
        case .positive: return .object(self)
        case .negative: return .object(JaxArrayObject(try JNP.negative(interp.context, value)))
        case .invert: return .object(JaxArrayObject(try JNP.bitwiseNot(interp.context, value)))
        case .not: return nil
        }
    }

    override func absolute(_ interp: Interpreter) throws(PyException) -> PyValue? {
        .object(JaxArrayObject(try JNP.abs(interp.context, value)))
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        try interp.jaxArrayAttribute(self, name)
    }

    override func attributeNames() -> [String] { Interpreter.jaxArrayAttributeNames }
}

/// How every array is placed: whole on the one CPU device.
final class PySingleDeviceSharding: PyObject {
    override var typeName: String { "SingleDeviceSharding" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        interp.objectType("jax.sharding.SingleDeviceSharding") { $0 is PySingleDeviceSharding }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "SingleDeviceSharding(device=CpuDevice(id=0), memory_kind=device)"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "device_set": return try interp.makeSet([.object(PyDevice())])
        case "is_fully_replicated", "is_fully_addressable": return .bool(true)
        case "memory_kind": return .str("device")
        case "num_devices": return .int(1)
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["device_set", "is_fully_addressable", "is_fully_replicated", "memory_kind", "num_devices"] }
}

/// The device every array lives on: `CpuDevice(id=0)`, printed as `cpu:0`.
final class PyDevice: PyObject {
    override var typeName: String { "Device" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        interp.objectType("jaxlib._jax.Device") { $0 is PyDevice }
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
    let array: JaxValue

    init(_ array: JaxValue) { self.array = array }

    override var typeName: String { "_IndexUpdateHelper" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "_IndexUpdateHelper(\(try JaxArrayObject(array).repr(interp)))"
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        .object(PyIndexUpdateRef(array, index: index))
    }
}

/// `x.at[idx]`: offers `set`, `add`, `multiply`, `min`, `max` and `get`, each giving a new array.
final class PyIndexUpdateRef: PyObject {
    let array: JaxValue
    let index: PyValue

    init(_ array: JaxValue, index: PyValue) {
        self.array = array
        self.index = index
    }

    override var typeName: String { "_IndexUpdateRef" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "_IndexUpdateRef(\(try JaxArrayObject(array).repr(interp)), \(try interp.repr(index)))"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        let modes: [String: ScatterMode] = ["set": .set, "add": .add, "multiply": .multiply, "mul": .multiply,
                                            "min": .min, "max": .max]
        let options = ["indices_are_sorted", "unique_indices", "mode", "out_sharding", "wrap_negative_indices"]
        if name == "get" {
            return .object(PyBuiltin("get", owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                if args.positional.count > 0 {
                    throw PyException.typeError("_IndexUpdateRef.get() takes 1 positional argument but \(args.positional.count + 1) were given")
                }
                let slots = try args.bind("_IndexUpdateRef.get", options + ["fill_value"])
                let ctx = interp.context
                return .object(JaxArrayObject(try JNP.atGet(ctx, self.array, try interp.jaxIndex(self.index),
                                                            mode: try PyIndexUpdateRef.mode(interp, slots[2]),
                                                            fillValue: try PyIndexUpdateRef.fillValue(interp, slots[5]),
                                                            wrapNegative: try interp.truth(slots[4] ?? .bool(true)))))
            })
        }
        guard let mode = modes[name] else { return nil }
        return .object(PyBuiltin(name, owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if args.positional.count > 1 {
                throw PyException.typeError("_IndexUpdateRef.\(name)() takes 2 positional arguments but \(args.positional.count + 1) were given")
            }
            let slots = try args.bind("_IndexUpdateRef.\(name)", ["values"] + options, required: 1)
            let updates = try interp.jaxArgument(slots[0] ?? .none)
            interp.warnIfUnsafeScatter(updates, into: self.array)
            let ctx = interp.context
            guard let index = try JNP.atUpdateIndex(ctx, self.array, try interp.jaxIndex(self.index),
                                                    mode: try PyIndexUpdateRef.mode(interp, slots[3]),
                                                    wrapNegative: try interp.truth(slots[5] ?? .bool(true))) else {
                return .object(JaxArrayObject(self.array))
            }
            return .object(JaxArrayObject(try JNP.atUpdate(ctx, self.array, index, updates, mode: mode)))
        })
    }

    /// `mode=`: None, 'clip', 'fill', 'drop' or 'promise_in_bounds'.
    static func mode(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> GatherScatterMode? {
        guard let v, !v.isNone else { return nil }
        return try JNP.gatherMode(try interp.str(v))
    }

    /// `fill_value=` as a gather's parameter shows it (`nan`, `0`, `-1.0`).
    static func fillValue(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> ParamValue? {
        guard let v, !v.isNone else { return nil }
        if case .object(let o as JaxArrayObject) = v, let a = try o.knownArray, a.shape.isEmpty {
            return .text(try interp.repr(interp.element(a, 0)))
        }
        switch v {
        case .int, .float, .bool, .bigInt: return .text(try interp.repr(v))
        default: throw PyException.typeError("fill_value must be a scalar, got \(interp.pythonTypeName(v))")
        }
    }

    override func attributeNames() -> [String] { ["add", "get", "max", "min", "multiply", "set"] }
}

/// A jitted call dispatched to the worker thread, shared by the arrays of its results: the
/// first use of one waits for all; when every result is gone unused, a call not started yet
/// is dropped.
final class DispatchedCall {
    let pending: PendingCall
    /// The interpreter's context: a call the worker has not started runs on its thread.
    private let context: JaxContext

    init(_ pending: PendingCall, context: JaxContext) {
        self.pending = pending
        self.context = context
    }

    deinit { pending.abandon() }

    /// The call's results, waited for.
    func results() throws(PyException) -> [JaxArray] { try pending.wait(context) }
}
