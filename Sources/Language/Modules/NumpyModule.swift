import JaxCore

/// `numpy`: NumPy's semantics on the same kernels (mutable arrays, float64/int64 defaults,
/// IndexError out of bounds).
enum NumpyModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("numpy", file: "/jaxlab/numpy/__init__.py")
        ArrayModuleConstants.add(to: m, interp)
        NumpyTestingModule.addPredicates(m)
        PrintOptionsFunctions.add(m)
        m.attributes["ndarray"] = interp.numpyArrayType
        m.attributes["__version__"] = .str("2.3.5")
        m.define("array") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("array", ["object", "dtype", "copy", "order", "subok", "ndmin"], required: 1)
            return .object(NDArrayObject(try interp.numpyArgument(slots[0] ?? .none, dtype: try interp.dtypeArgument(slots[1] ?? .none))))
        }
        m.define("asarray") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("asarray", ["a", "dtype", "order"], required: 1)
            return .object(NDArrayObject(try interp.numpyArgument(slots[0] ?? .none, dtype: try interp.dtypeArgument(slots[1] ?? .none))))
        }
        for (name, fill) in [("zeros", 0.0), ("ones", 1.0)] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["shape", "dtype", "order"], required: 1)
                let shape = try interp.shapeArgument(slots[0] ?? .none)
                let dtype = try interp.dtypeArgument(slots[1] ?? .none) ?? .float64
                return .object(NDArrayObject(try Kernels.full(shape: shape, value: .float(fill), dtype: dtype, limits: interp.context.limits)))
            }
        }
        m.define("full") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("full", ["shape", "fill_value", "dtype"], required: 2)
            let shape = try interp.shapeArgument(slots[0] ?? .none)
            let value = try interp.numpyArgument(slots[1] ?? .none, dtype: try interp.dtypeArgument(slots[2] ?? .none))
            return .object(NDArrayObject(try Kernels.broadcast(value, to: shape, semantics: .numpy)))
        }
        m.define("arange") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("arange", ["start", "stop", "step", "dtype"], required: 1)
            return .object(NDArrayObject(try interp.arange(slots, semantics: .numpy)))
        }
        m.define("linspace") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("linspace", ["start", "stop", "num", "endpoint", "retstep", "dtype"], required: 2)
            return .object(NDArrayObject(try Kernels.linspace(
                start: try interp.toFloat(slots[0] ?? .none), stop: try interp.toFloat(slots[1] ?? .none),
                num: try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 50,
                endpoint: try interp.truth(slots[3] ?? .bool(true)),
                dtype: try interp.dtypeArgument(slots[5] ?? .none) ?? .float64, limits: interp.context.limits, semantics: .numpy)))
        }
        let binaries: [(String, BinaryKernel)] = [
            ("add", .add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide), ("true_divide", .divide),
            ("floor_divide", .floorDivide), ("remainder", .remainder), ("mod", .remainder), ("power", .power),
            ("maximum", .maximum), ("minimum", .minimum), ("equal", .equal), ("not_equal", .notEqual), ("less", .less),
            ("less_equal", .lessEqual), ("greater", .greater), ("greater_equal", .greaterEqual),
            ("logical_and", .logicalAnd), ("logical_or", .logicalOr), ("logical_xor", .logicalXor),
        ]
        for (name, op) in binaries {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x1", "x2"], required: 2)
                guard let a = interp.numpyOperand(slots[0] ?? .none), let b = interp.numpyOperand(slots[1] ?? .none) else {
                    throw PyException.typeError("ufunc '\(name)' not supported for the input types")
                }
                return try interp.numpyElementwise(op, a, b)
            }
        }
        for name in ["sum", "prod", "max", "min", "any", "all", "mean"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "axis", "dtype", "out", "keepdims"], required: 1)
                return try interp.numpyReduce(name, try interp.numpyArgument(slots[0] ?? .none, dtype: nil),
                                              axes: try interp.axesArgument(slots[1]), dtype: try interp.dtypeArgument(slots[2] ?? .none),
                                              keepdims: try interp.truth(slots[4] ?? .bool(false)))
            }
        }
        for name in ["reshape", "transpose", "squeeze", "ravel", "argmax", "argmin"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                guard let first = args.positional.first else { throw PyException.typeError("\(name)() missing 1 required positional argument: 'a'") }
                let object = PyValue.object(NDArrayObject(try interp.numpyArgument(first, dtype: nil)))
                return try interp.callMethod(object, name, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords))
            }
        }
        let unaries: [(String, UnaryKernel)] = [
            ("negative", .negative), ("abs", .abs), ("absolute", .abs), ("sign", .sign), ("exp", .exp), ("log", .log),
            ("log1p", .log1p), ("expm1", .expm1), ("sqrt", .sqrt), ("sin", .sin), ("cos", .cos), ("tan", .tan),
            ("tanh", .tanh), ("arctan", .arctan), ("floor", .floor), ("ceil", .ceil), ("round", .round),
            ("logical_not", .logicalNot),
        ]
        for (name, op) in unaries {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                var a = try interp.numpyArgument(slots[0] ?? .none, dtype: nil)
                if (op.needsFloat || op == .floor || op == .ceil) && !a.dtype.isFloating {
                    a = Kernels.cast(a, to: Interpreter.numpyFloatFor(a.dtype), semantics: .numpy)
                }
                return NDArrayObject.result(try Kernels.unary(op, a, semantics: .numpy))
            }
        }
        m.define("where") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("where", ["condition", "x", "y"], required: 3)
            let condition = Kernels.cast(try interp.numpyArgument(slots[0] ?? .none, dtype: nil), to: .bool, semantics: .numpy)
            guard let x = interp.numpyOperand(slots[1] ?? .none), let y = interp.numpyOperand(slots[2] ?? .none) else {
                throw PyException.typeError("where() arguments must be arrays or numbers")
            }
            let dtype = Promotion.numpy([(x.dtype, x.weakType), (y.dtype, y.weakType)])
            return NDArrayObject.result(try Kernels.select(condition, Kernels.cast(x, to: dtype, semantics: .numpy),
                                                           Kernels.cast(y, to: dtype, semantics: .numpy)))
        }
        for name in ["matmul", "dot"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "b"], required: 2)
                return try interp.numpyBinary(.matmul, try interp.numpyArgument(slots[0] ?? .none, dtype: nil),
                                              try interp.numpyArgument(slots[1] ?? .none, dtype: nil))
            }
        }
        m.define("concatenate") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("concatenate", ["arrays", "axis"], required: 1)
            var arrays: [JaxArray] = []
            for item in try interp.collect(slots[0] ?? .none) { arrays.append(try interp.numpyArgument(item, dtype: nil)) }
            let dtype = Promotion.numpy(arrays.map { ($0.dtype, false) })
            let axis = try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
            return .object(NDArrayObject(try Kernels.concatenate(arrays.map { Kernels.cast($0, to: dtype, semantics: .numpy) },
                                                                 axis: axis, semantics: .numpy)))
        }
        addCreationAndShapeFunctions(m)
        return m
    }
}
