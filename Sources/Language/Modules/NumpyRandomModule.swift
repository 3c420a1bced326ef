import JaxCore
import JaxRandom

/// `numpy.random`: NumPy's legacy global generator (MT19937) and `default_rng` (PCG64).
enum NumpyRandomModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("numpy.random", file: "/jaxlab/numpy/random/__init__.py")
        m.define("seed") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("seed", ["seed"])
            guard let seed = slots[0], !seed.isNone else { return .none }
            guard case .int(let value) = seed else {
                throw PyException.typeError("Cannot cast scalar from dtype('\(seed.typeName)') to dtype('int64') according to the rule 'safe'")
            }
            sessionState(interp).generator = NumpyLegacyRandom(seed: try NumpyLegacyRandom.checkedSeed(Int64(value)))
            return .none
        }
        m.define("get_state") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("get_state", ["legacy"])
            let generator = sessionState(interp).generator
            let (key, position) = generator.generator.state
            let words = PyValue.object(NDArrayObject(JaxArray(shape: [key.count], storage: .uint32(key))))
            let gauss = generator.pendingGauss
            if try interp.truth(slots[0] ?? .bool(true)) {
                return .tuple([.str("MT19937"), words, .int(position), .int(gauss == nil ? 0 : 1), .float(gauss ?? 0)])
            }
            let inner = PyDict()
            try inner.set(.str("key"), words)
            try inner.set(.str("pos"), .int(position))
            let d = PyDict()
            try d.set(.str("bit_generator"), .str("MT19937"))
            try d.set(.str("state"), .dict(inner))
            try d.set(.str("has_gauss"), .int(gauss == nil ? 0 : 1))
            try d.set(.str("gauss"), .float(gauss ?? 0))
            return .dict(d)
        }
        m.define("set_state") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("set_state", ["state"], required: 1)
            let state = slots[0] ?? .none
            var name = PyValue.none, words = PyValue.none, position = PyValue.none, hasGauss = PyValue.int(0), gauss = PyValue.float(0)
            switch state {
            case .tuple(let items) where items.count == 3 || items.count == 5:
                (name, words, position) = (items[0], items[1], items[2])
                if items.count == 5 { (hasGauss, gauss) = (items[3], items[4]) }
            case .dict(let d):
                name = try d.get(.str("bit_generator")) ?? .none
                if case .dict(let inner)? = try d.get(.str("state")) {
                    words = try inner.get(.str("key")) ?? .none
                    position = try inner.get(.str("pos")) ?? .none
                }
                hasGauss = try d.get(.str("has_gauss")) ?? .int(0)
                gauss = try d.get(.str("gauss")) ?? .float(0)
            case .tuple:
                throw PyException.valueError("state must be a dict or a tuple.")
            default:
                throw PyException.typeError("state must be a dict or a tuple.")
            }
            guard case .str("MT19937") = name else {
                throw PyException.valueError("set_state can only be used with legacy MT19937 state instances.")
            }
            let key = try interp.numpyArgument(words, dtype: .uint32)
            guard case .uint32(let values) = key.storage,
                  let generator = MT19937(key: values, position: try interp.index(position)) else {
                throw PyException.valueError("state must be 624 elements")
            }
            let pending: Double? = try interp.truth(hasGauss) ? try interp.toFloat(gauss) : nil
            sessionState(interp).generator = NumpyLegacyRandom(generator: generator, cachedGauss: pending)
            return .none
        }
        m.define("normal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("normal", ["loc", "scale", "size"])
            let loc = try slots[0].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 0
            let scale = try slots[1].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1
            let state = sessionState(interp)
            return try sampled(interp, slots[2]) { (shape: [Int]) throws(PyException) in
                try state.generator.normal(loc: loc, scale: scale, shape: shape)
            }
        }
        m.define("uniform") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("uniform", ["low", "high", "size"])
            let low = try slots[0].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 0
            let high = try slots[1].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1
            let state = sessionState(interp)
            return try sampled(interp, slots[2]) { (shape: [Int]) throws(PyException) in
                try state.generator.uniform(low: low, high: high, shape: shape)
            }
        }
        for name in ["rand", "randn"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let shape = try interp.shapeArgument(.tuple(args.positional))
                let state = sessionState(interp)
                let size: PyValue? = args.positional.isEmpty ? nil : .tuple(shape.map { .int($0) })
                return try sampled(interp, size) { (s: [Int]) throws(PyException) in
                    name == "rand" ? try state.generator.randomSample(shape: s) : try state.generator.normal(shape: s)
                }
            }
        }
        for name in ["random", "random_sample"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["size"])
                let state = sessionState(interp)
                return try sampled(interp, slots[0]) { (s: [Int]) throws(PyException) in try state.generator.randomSample(shape: s) }
            }
        }
        m.define("randint") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("randint", ["low", "high", "size", "dtype"], required: 1)
            let low = Int64(try interp.index(slots[0] ?? .none))
            let high = try slots[1].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in Int64(try interp.index(v)) }
            let dtype = try interp.dtypeArgument(slots[3] ?? .none) ?? .int64
            let state = sessionState(interp)
            guard let size = slots[2], !size.isNone else {
                return NDArrayObject.result(try state.generator.randint(low: low, high: high, shape: [], dtype: dtype))
            }
            return .object(NDArrayObject(try state.generator.randint(low: low, high: high, shape: try interp.shapeArgument(size), dtype: dtype)))
        }
        m.define("default_rng") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("default_rng", ["seed"])
            var seed = UInt64.random(in: 0...UInt64.max)
            if let given = slots[0], !given.isNone {
                let value = try interp.index(given)
                guard value >= 0 else { throw PyException.valueError("expected non-negative integer") }
                seed = UInt64(value)
            }
            return .object(PyNumpyGenerator(NumpyGenerator(seed: seed)))
        }
        m.define("permutation") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("permutation", ["x"], required: 1)
            let state = sessionState(interp)
            if case .int(let n)? = slots[0] { return .object(NDArrayObject(try state.generator.permutation(count: n))) }
            return .object(NDArrayObject(try state.generator.shuffled(try interp.numpyArgument(slots[0] ?? .none, dtype: nil))))
        }
        m.define("shuffle") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("shuffle", ["x"], required: 1)
            let state = sessionState(interp)
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
        m.define("choice") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
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
            let state = sessionState(interp)
            guard let size = slots[1], !size.isNone else {
                return NDArrayObject.result(try state.generator.choice(population, shape: [], replace: replace, p: p))
            }
            return .object(NDArrayObject(try state.generator.choice(population, shape: try interp.shapeArgument(size), replace: replace, p: p)))
        }
        return m
    }

    /// The session's NumPy legacy random state (`np.random.seed` resets it).
    final class State {
        var generator = NumpyLegacyRandom(seed: 0)
    }

    /// The state of `interp`'s session, seeded from entropy on first use as NumPy's is.
    static func sessionState(_ interp: Interpreter) -> State {
        if let state = interp.moduleState["numpy.random"] as? State { return state }
        let state = State()
        var entropy = SystemRandomNumberGenerator()
        state.generator = NumpyLegacyRandom(seed: UInt32.random(in: 0...UInt32.max, using: &entropy))
        interp.moduleState["numpy.random"] = state
        return state
    }

    /// `size=None` gives a Python float; a shape gives an array.
    private static func sampled(_ interp: Interpreter, _ size: PyValue?,
                                _ draw: ([Int]) throws(PyException) -> JaxArray) throws(PyException) -> PyValue {
        guard let size, !size.isNone else {
            let a = try draw([])
            return a.dtype.isFloating ? .float(a.storage.double(at: 0)) : NDArrayObject.result(a)
        }
        return .object(NDArrayObject(try draw(try interp.shapeArgument(size))))
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
        case "uniform":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("uniform", ["low", "high", "size"])
                let low = try slots[0].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 0
                let high = try slots[1].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1
                guard let size = slots[2], !size.isNone else {
                    return .float(try self.generator.uniform(low: low, high: high, shape: []).storage.double(at: 0))
                }
                return .object(NDArrayObject(try self.generator.uniform(low: low, high: high, shape: try interp.shapeArgument(size))))
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

    override func attributeNames() -> [String] { ["integers", "normal", "random", "standard_normal", "uniform"] }
}
