import JaxCore
import JaxRandom

/// `numpy` and `numpy.random`: NumPy's semantics on the same kernels (mutable arrays,
/// float64/int64 defaults, IndexError out of bounds) and NumPy's legacy random generator.
extension Interpreter {
    func makeNumpyModule() -> PyModule {
        let m = PyModule("numpy", file: "/jaxlab/numpy/__init__.py")
        addArrayConstants(m, moduleName: "numpy")
        m.attributes["ndarray"] = numpyArrayType
        m.attributes["__version__"] = .str("2.3.5")
        define(m, "array") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("array", ["object", "dtype", "copy", "order", "subok", "ndmin"], required: 1)
            return .object(NDArrayObject(try interp.numpyArgument(slots[0] ?? .none, dtype: try interp.dtypeArgument(slots[1] ?? .none))))
        }
        define(m, "asarray") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("asarray", ["a", "dtype", "order"], required: 1)
            return .object(NDArrayObject(try interp.numpyArgument(slots[0] ?? .none, dtype: try interp.dtypeArgument(slots[1] ?? .none))))
        }
        for (name, fill) in [("zeros", 0.0), ("ones", 1.0)] {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["shape", "dtype", "order"], required: 1)
                let shape = try interp.shapeArgument(slots[0] ?? .none)
                let dtype = try interp.dtypeArgument(slots[1] ?? .none) ?? .float64
                return .object(NDArrayObject(try Kernels.full(shape: shape, value: .float(fill), dtype: dtype, limits: interp.context.limits)))
            }
        }
        define(m, "full") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("full", ["shape", "fill_value", "dtype"], required: 2)
            let shape = try interp.shapeArgument(slots[0] ?? .none)
            let value = try interp.numpyArgument(slots[1] ?? .none, dtype: try interp.dtypeArgument(slots[2] ?? .none))
            return .object(NDArrayObject(try Kernels.broadcast(value, to: shape, semantics: .numpy)))
        }
        define(m, "arange") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("arange", ["start", "stop", "step", "dtype"], required: 1)
            return .object(NDArrayObject(try interp.arange(slots, semantics: .numpy)))
        }
        define(m, "linspace") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
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
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x1", "x2"], required: 2)
                guard let a = interp.numpyOperand(slots[0] ?? .none), let b = interp.numpyOperand(slots[1] ?? .none) else {
                    throw PyException.typeError("ufunc '\(name)' not supported for the input types")
                }
                return try interp.numpyElementwise(op, a, b)
            }
        }
        for name in ["sum", "prod", "max", "min", "any", "all", "mean"] {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "axis", "dtype", "out", "keepdims"], required: 1)
                return try interp.numpyReduce(name, try interp.numpyArgument(slots[0] ?? .none, dtype: nil),
                                              axes: try interp.axesArgument(slots[1]), dtype: try interp.dtypeArgument(slots[2] ?? .none),
                                              keepdims: try interp.truth(slots[4] ?? .bool(false)))
            }
        }
        for name in ["reshape", "transpose", "squeeze", "ravel", "argmax", "argmin"] {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
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
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                var a = try interp.numpyArgument(slots[0] ?? .none, dtype: nil)
                if (op.needsFloat || op == .floor || op == .ceil) && !a.dtype.isFloating {
                    a = Kernels.cast(a, to: Interpreter.numpyFloatFor(a.dtype), semantics: .numpy)
                }
                return NDArrayObject.result(try Kernels.unary(op, a, semantics: .numpy))
            }
        }
        define(m, "where") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
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
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "b"], required: 2)
                return try interp.numpyBinary(.matmul, try interp.numpyArgument(slots[0] ?? .none, dtype: nil),
                                              try interp.numpyArgument(slots[1] ?? .none, dtype: nil))
            }
        }
        define(m, "concatenate") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("concatenate", ["arrays", "axis"], required: 1)
            var arrays: [JaxArray] = []
            for item in try interp.collect(slots[0] ?? .none) { arrays.append(try interp.numpyArgument(item, dtype: nil)) }
            let dtype = Promotion.numpy(arrays.map { ($0.dtype, false) })
            let axis = try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
            return .object(NDArrayObject(try Kernels.concatenate(arrays.map { Kernels.cast($0, to: dtype, semantics: .numpy) },
                                                                 axis: axis, semantics: .numpy)))
        }
        addNumpyCreationAndShapeFunctions(m)
        return m
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

    /// The session's NumPy legacy random state (`np.random.seed` resets it).
    final class NumpyRandomState {
        var generator = NumpyLegacyRandom(seed: 0)
    }

    var numpyRandom: NumpyRandomState {
        if let state = moduleState["numpy.random"] as? NumpyRandomState { return state }
        let state = NumpyRandomState()
        var entropy = SystemRandomNumberGenerator()
        state.generator = NumpyLegacyRandom(seed: UInt32.random(in: 0...UInt32.max, using: &entropy))
        moduleState["numpy.random"] = state
        return state
    }

    /// `size=None` gives a Python float; a shape gives an array.
    private func sampled(_ size: PyValue?, _ draw: ([Int]) throws(PyException) -> JaxArray) throws(PyException) -> PyValue {
        guard let size, !size.isNone else {
            let a = try draw([])
            return a.dtype.isFloating ? .float(a.storage.double(at: 0)) : NDArrayObject.result(a)
        }
        return .object(NDArrayObject(try draw(try shapeArgument(size))))
    }

    func makeNumpyRandomModule() -> PyModule {
        let m = PyModule("numpy.random", file: "/jaxlab/numpy/random/__init__.py")
        define(m, "seed") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("seed", ["seed"])
            guard let seed = slots[0], !seed.isNone else { return .none }
            guard case .int(let value) = seed else {
                throw PyException.typeError("Cannot cast scalar from dtype('\(seed.typeName)') to dtype('int64') according to the rule 'safe'")
            }
            interp.numpyRandom.generator = NumpyLegacyRandom(seed: try NumpyLegacyRandom.checkedSeed(Int64(value)))
            return .none
        }
        define(m, "normal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("normal", ["loc", "scale", "size"])
            let loc = try slots[0].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 0
            let scale = try slots[1].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1
            let state = interp.numpyRandom
            return try interp.sampled(slots[2]) { (shape: [Int]) throws(PyException) in
                try state.generator.normal(loc: loc, scale: scale, shape: shape)
            }
        }
        define(m, "uniform") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("uniform", ["low", "high", "size"])
            let low = try slots[0].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 0
            let high = try slots[1].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1
            let state = interp.numpyRandom
            return try interp.sampled(slots[2]) { (shape: [Int]) throws(PyException) in
                try state.generator.uniform(low: low, high: high, shape: shape)
            }
        }
        for name in ["rand", "randn"] {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let shape = try interp.shapeArgument(.tuple(args.positional))
                let state = interp.numpyRandom
                let size: PyValue? = args.positional.isEmpty ? nil : .tuple(shape.map { .int($0) })
                return try interp.sampled(size) { (s: [Int]) throws(PyException) in
                    name == "rand" ? try state.generator.randomSample(shape: s) : try state.generator.normal(shape: s)
                }
            }
        }
        for name in ["random", "random_sample"] {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["size"])
                let state = interp.numpyRandom
                return try interp.sampled(slots[0]) { (s: [Int]) throws(PyException) in try state.generator.randomSample(shape: s) }
            }
        }
        define(m, "randint") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("randint", ["low", "high", "size", "dtype"], required: 1)
            let low = Int64(try interp.index(slots[0] ?? .none))
            let high = try slots[1].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in Int64(try interp.index(v)) }
            let dtype = try interp.dtypeArgument(slots[3] ?? .none) ?? .int64
            let state = interp.numpyRandom
            guard let size = slots[2], !size.isNone else {
                return NDArrayObject.result(try state.generator.randint(low: low, high: high, shape: [], dtype: dtype))
            }
            return .object(NDArrayObject(try state.generator.randint(low: low, high: high, shape: try interp.shapeArgument(size), dtype: dtype)))
        }
        define(m, "default_rng") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("default_rng", ["seed"])
            var seed = UInt64.random(in: 0...UInt64.max)
            if let given = slots[0], !given.isNone {
                let value = try interp.index(given)
                guard value >= 0 else { throw PyException.valueError("expected non-negative integer") }
                seed = UInt64(value)
            }
            return .object(PyNumpyGenerator(NumpyGenerator(seed: seed)))
        }
        define(m, "permutation") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("permutation", ["x"], required: 1)
            let state = interp.numpyRandom
            if case .int(let n)? = slots[0] { return .object(NDArrayObject(try state.generator.permutation(count: n))) }
            return .object(NDArrayObject(try state.generator.shuffled(try interp.numpyArgument(slots[0] ?? .none, dtype: nil))))
        }
        define(m, "shuffle") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("shuffle", ["x"], required: 1)
            let state = interp.numpyRandom
            switch slots[0] ?? .none {
            case .object(let o as NDArrayObject) where !o.isScalar:
                o.array = try state.generator.shuffled(o.array)
            case .list(let list):
                let order = state.generator.shuffleOrder(list.items.count)
                list.items = order.map { list.items[$0] }
            case let other:
                throw PyException.typeError("object of type '\(other.typeName)' has no len()")
            }
            return .none
        }
        define(m, "choice") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("choice", ["a", "size", "replace", "p"], required: 1)
            let population: NumpyPopulation
            switch slots[0] ?? .none {
            case .int(let n):
                population = .count(n)
            case let other:
                let a = try interp.numpyArgument(other, dtype: nil)
                guard a.rank == 1 else { throw PyException.valueError("a must be 1-dimensional") }
                population = .array(a)
            }
            var p: [Double]?
            if let given = slots[3], !given.isNone {
                let weights = Kernels.cast(try interp.numpyArgument(given, dtype: nil), to: .float64, semantics: .numpy)
                guard weights.rank == 1 else { throw PyException.valueError("p must be 1-dimensional") }
                p = (0 ..< weights.count).map { weights.storage.double(at: $0) }
            }
            let replace = try interp.truth(slots[2] ?? .bool(true))
            let state = interp.numpyRandom
            guard let size = slots[1], !size.isNone else {
                return NDArrayObject.result(try state.generator.choice(population, shape: [], replace: replace, p: p))
            }
            return .object(NDArrayObject(try state.generator.choice(population, shape: try interp.shapeArgument(size), replace: replace, p: p)))
        }
        return m
    }
}

/// `np.random.default_rng(seed)`: a NumPy Generator (PCG64) with its own state.
final class PyNumpyGenerator: PyObject {
    var generator: NumpyGenerator

    init(_ generator: NumpyGenerator) { self.generator = generator }

    override var typeName: String { "Generator" }

    override func str(_ interp: Interpreter) throws(PyException) -> String { "Generator(PCG64)" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { "Generator(PCG64) at \(addressText.uppercased().replacingOccurrences(of: "0X", with: "0x"))" }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        func method(_ body: @escaping PyBuiltin.Body) -> PyValue { .object(PyBuiltin(name, owner: typeName, body)) }
        switch name {
        case "random":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("random", ["size", "dtype", "out"])
                guard let size = slots[0], !size.isNone else {
                    return .float(try self.generator.random(shape: []).storage.double(at: 0))
                }
                return .object(NDArrayObject(try self.generator.random(shape: try interp.shapeArgument(size))))
            }
        case "integers":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("integers", ["low", "high", "size", "dtype", "endpoint"], required: 1)
                let low = Int64(try interp.index(slots[0] ?? .none))
                let high = try slots[1].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in Int64(try interp.index(v)) }
                guard let size = slots[2], !size.isNone else {
                    return NDArrayObject.result(try self.generator.integers(low: low, high: high, shape: []))
                }
                return .object(NDArrayObject(try self.generator.integers(low: low, high: high, shape: try interp.shapeArgument(size))))
            }
        case "normal", "standard_normal":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = name == "normal" ? try args.bind("normal", ["loc", "scale", "size"])
                    : [nil, nil] + (try args.bind("standard_normal", ["size", "dtype", "out"]).prefix(1))
                let loc = try slots[0].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 0
                let scale = try slots[1].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1
                guard let size = slots[2], !size.isNone else {
                    return .float(try self.generator.normal(loc: loc, scale: scale, shape: []).storage.double(at: 0))
                }
                return .object(NDArrayObject(try self.generator.normal(loc: loc, scale: scale, shape: try interp.shapeArgument(size))))
            }
        default:
            return nil
        }
    }

    override func attributeNames() -> [String] { ["integers", "normal", "random", "standard_normal"] }
}
