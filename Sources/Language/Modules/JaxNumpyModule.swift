import JaxCore

/// `jax.numpy`: array creation, elementwise operations and reductions with JAX's semantics.
extension Interpreter {
    func makeJaxNumpyModule() -> PyModule {
        let m = PyModule("jax.numpy", file: "/jaxlab/jax/numpy/__init__.py")
        addArrayConstants(m, moduleName: "jax.numpy")
        m.attributes["ndarray"] = jaxAbstractArrayType
        define(m, "array") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("array", ["object", "dtype", "copy", "order", "ndmin"], required: 1)
            return try interp.jaxArrayFromPython(slots[0] ?? .none, dtype: try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax))
        }
        define(m, "asarray") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("asarray", ["a", "dtype", "order", "copy"], required: 1)
            return try interp.jaxArrayFromPython(slots[0] ?? .none, dtype: try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax))
        }
        for (name, fill) in [("zeros", 0.0), ("ones", 1.0)] {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["shape", "dtype", "device"], required: 1)
                let shape = try interp.shapeArgument(slots[0] ?? .none)
                let dtype = interp.context.canonical(try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax) ?? interp.context.defaultFloat)
                return .object(JaxArrayObject(try Kernels.full(shape: shape, value: .float(fill), dtype: dtype, limits: interp.context.limits)))
            }
            define(m, name + "_like") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name + "_like", ["a", "dtype", "shape"], required: 1)
                let a = try interp.jaxArgument(slots[0] ?? .none)
                let dtype = interp.context.canonical(try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax) ?? a.dtype)
                let shape = try slots[2].map { (s: PyValue) throws(PyException) in try interp.shapeArgument(s) } ?? a.shape
                return .object(JaxArrayObject(try Kernels.full(shape: shape, value: .float(fill), dtype: dtype, limits: interp.context.limits)))
            }
        }
        define(m, "full") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("full", ["shape", "fill_value", "dtype"], required: 2)
            let shape = try interp.shapeArgument(slots[0] ?? .none)
            let value = try interp.jaxArgument(slots[1] ?? .none)
            let dtype = interp.context.canonical(try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax) ?? value.dtype)
            let filled = try Kernels.broadcast(Kernels.cast(value, to: dtype, semantics: .jax), to: shape)
            return .object(JaxArrayObject(filled.withWeakType(false)))
        }
        define(m, "arange") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("arange", ["start", "stop", "step", "dtype"], required: 1)
            return .object(JaxArrayObject(try interp.arange(slots, semantics: .jax)))
        }
        define(m, "linspace") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("linspace", ["start", "stop", "num", "endpoint", "retstep", "dtype"], required: 2)
            let dtype = interp.context.canonical(try interp.dtypeArgument(slots[5] ?? .none, semantics: .jax) ?? interp.context.defaultFloat)
            return .object(JaxArrayObject(try Kernels.linspace(
                start: try interp.toFloat(slots[0] ?? .none), stop: try interp.toFloat(slots[1] ?? .none),
                num: try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 50,
                endpoint: try interp.truth(slots[3] ?? .bool(true)), dtype: dtype, limits: interp.context.limits)))
        }
        define(m, "eye") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("eye", ["N", "M", "k", "dtype"], required: 1)
            let n = try interp.index(slots[0] ?? .none)
            let cols = try (slots[1]?.isNone == false ? slots[1] : nil).map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? n
            let dtype = interp.context.canonical(try interp.dtypeArgument(slots[3] ?? .none, semantics: .jax) ?? interp.context.defaultFloat)
            return .object(JaxArrayObject(try Kernels.eye(n: n, m: cols, k: try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0,
                                                          dtype: dtype, limits: interp.context.limits)))
        }
        let binaries: [(String, BinaryOp)] = [
            ("add", .add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide), ("true_divide", .divide),
            ("floor_divide", .floorDivide), ("remainder", .remainder), ("mod", .remainder), ("power", .power),
            ("maximum", .maximum), ("minimum", .minimum), ("arctan2", .arctan2), ("equal", .equal),
            ("not_equal", .notEqual), ("less", .less), ("less_equal", .lessEqual), ("greater", .greater),
            ("greater_equal", .greaterEqual), ("logical_and", .logicalAnd), ("logical_or", .logicalOr),
            ("logical_xor", .logicalXor),
        ]
        for (name, op) in binaries {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x1", "x2"], required: 2)
                let a = try interp.jaxArgument(slots[0] ?? .none)
                let b = try interp.jaxArgument(slots[1] ?? .none)
                return .object(JaxArrayObject(try interp.jaxElementwise(op, a, b)))
            }
        }
        for name in ["sum", "prod", "max", "min", "any", "all", "mean"] {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "axis", "dtype", "out", "keepdims"], required: 1)
                let a = try interp.jaxArgument(slots[0] ?? .none)
                return .object(JaxArrayObject(try interp.jaxReduce(name, a, axes: try interp.axesArgument(slots[1]),
                                                                   dtype: try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax),
                                                                   keepdims: try interp.truth(slots[4] ?? .bool(false)))))
            }
        }
        for name in ["reshape", "transpose", "squeeze", "ravel", "argmax", "argmin", "astype"] {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                guard let first = args.positional.first else { throw PyException.typeError("\(name)() missing 1 required positional argument: 'a'") }
                let object = PyValue.object(JaxArrayObject(try interp.jaxArgument(first)))
                return try interp.callMethod(object, name, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords))
            }
        }
        define(m, "concatenate") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("concatenate", ["arrays", "axis", "dtype"], required: 1)
            var arrays: [JaxArray] = []
            for item in try interp.collect(slots[0] ?? .none) { arrays.append(try interp.jaxArgument(item)) }
            let (dtype, _) = Promotion.jax(arrays.map { ($0.dtype, $0.weakType) }, enableX64: interp.context.enableX64)
            let axis = try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
            return .object(JaxArrayObject(try Kernels.concatenate(arrays.map { Kernels.cast($0, to: dtype, semantics: .jax) },
                                                                  axis: axis, semantics: .jax)))
        }
        define(m, "stack") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("stack", ["arrays", "axis"], required: 1)
            var arrays: [JaxArray] = []
            for item in try interp.collect(slots[0] ?? .none) { arrays.append(try interp.jaxArgument(item)) }
            let (dtype, _) = Promotion.jax(arrays.map { ($0.dtype, $0.weakType) }, enableX64: interp.context.enableX64)
            let axis = try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
            var expanded: [JaxArray] = []
            for a in arrays { expanded.append(try Kernels.expandDims(Kernels.cast(a, to: dtype, semantics: .jax), axes: [axis])) }
            return .object(JaxArrayObject(try Kernels.concatenate(expanded, axis: axis, semantics: .jax)))
        }
        define(m, "shape") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("shape", ["a"], required: 1)
            return .tuple(try interp.jaxArgument(slots[0] ?? .none).shape.map { .int($0) })
        }
        define(m, "ndim") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("ndim", ["a"], required: 1)
            return .int(try interp.jaxArgument(slots[0] ?? .none).rank)
        }
        define(m, "size") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("size", ["a"], required: 1)
            return .int(try interp.jaxArgument(slots[0] ?? .none).count)
        }
        return m
    }

    /// An array argument to a `jnp` function: arrays, scalars and nested lists.
    func jaxArgument(_ v: PyValue) throws(PyException) -> JaxArray {
        if let a = try jaxOperand(v) { return a }
        if case .list = v { return try toArray(v, dtype: nil, semantics: .jax) }
        if case .tuple = v { return try toArray(v, dtype: nil, semantics: .jax) }
        throw PyException.typeError("Value '\(try repr(v))' with type \(pythonTypeName(v)) is not a valid JAX type")
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
        let requested = try dtypeArgument(slots[3] ?? .none, semantics: semantics)
        let dtype: DType
        if semantics == .jax {
            dtype = context.canonical(requested ?? (isFloat ? context.defaultFloat : context.defaultInt))
        } else {
            dtype = requested ?? (isFloat ? .float64 : .int64)
        }
        return try Kernels.arange(start: start, stop: stop, step: step, dtype: dtype, limits: context.limits, semantics: semantics)
    }
}
