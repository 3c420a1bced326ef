import JaxCore
import JaxRandom

/// `jax` (devices, device_get/put, config) and `jax.random` (typed keys and samplers).
extension Interpreter {
    func makeJaxModule() -> PyModule {
        let m = PyModule("jax", file: "/jaxlab/jax/__init__.py")
        m.attributes["__version__"] = .str("0.10.2")
        m.attributes["Array"] = jaxAbstractArrayType
        m.attributes["config"] = .object(PyJaxConfig())
        installTransforms(m)
        let errors = PyModule("jax.errors")
        for kind in ExceptionHierarchy.jaxErrorNames { errors.attributes[kind] = exceptionType(kind) }
        m.attributes["errors"] = .object(errors)
        define(m, "devices") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            _ = try args.bind("devices", ["backend"])
            return .list(PyList([.object(PyDevice())]))
        }
        for name in ["local_devices"] {
            define(m, name) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .list(PyList([.object(PyDevice())])) }
        }
        define(m, "device_count") { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .int(1) }
        define(m, "default_backend") { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .str("cpu") }
        define(m, "device_get") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("device_get", ["x"], required: 1)
            return try interp.mapLeaves(slots[0] ?? .none) { (leaf: PyValue) throws(PyException) -> PyValue in
                if case .object(let o as JaxArrayObject) = leaf { return .object(NDArrayObject(try o.concrete("__array__"))) }
                return leaf
            }
        }
        define(m, "device_put") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("device_put", ["x", "device"], required: 1)
            return try interp.mapLeaves(slots[0] ?? .none) { (leaf: PyValue) throws(PyException) -> PyValue in
                switch leaf {
                case .object(let o as NDArrayObject): return .object(JaxArrayObject(interp.deviceArray(o.array)))
                case .object(let o as JaxArrayObject): return .object(o)
                default:
                    guard let a = try interp.jaxOperand(leaf) else {
                        throw PyException.typeError("Value '\(try interp.repr(leaf))' with type \(interp.pythonTypeName(leaf)) is not a valid JAX type")
                    }
                    return .object(JaxArrayObject(a))
                }
            }
        }
        define(m, "block_until_ready") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            args.positional.first ?? .none
        }
        return m
    }

    /// Applies `transform` to each leaf of a tuple/list/dict tree, keeping the containers.
    func mapLeaves(_ v: PyValue, _ transform: (PyValue) throws(PyException) -> PyValue) throws(PyException) -> PyValue {
        try enterNesting("while mapping a pytree")
        defer { nestingDepth -= 1 }
        switch v {
        case .tuple(let items):
            var out: [PyValue] = []
            for item in items { out.append(try mapLeaves(item, transform)) }
            return .tuple(out)
        case .list(let l):
            var out: [PyValue] = []
            for item in l.items { out.append(try mapLeaves(item, transform)) }
            return .list(PyList(out))
        case .dict(let d):
            let result = PyDict()
            for (k, value) in d.items { try result.set(k, try mapLeaves(value, transform)) }
            return .dict(result)
        case .none:
            return .none
        default:
            return try transform(v)
        }
    }

    func makeJaxRandomModule() -> PyModule {
        let m = PyModule("jax.random", file: "/jaxlab/jax/random.py")
        installPRNG()
        define(m, "key") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("key", ["seed", "impl"], required: 1)
            if let seed = interp.tracedSeed(slots[0]) { return .object(JaxArrayObject(try RandomOps.seed(interp.context, seed))) }
            return .object(PyKeyArray(try interp.keyFromSeed(slots[0] ?? .none)))
        }
        define(m, "PRNGKey") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("PRNGKey", ["seed", "impl"], required: 1)
            if let seed = interp.tracedSeed(slots[0]) {
                return .object(JaxArrayObject(try RandomOps.unwrap(interp.context, try RandomOps.seed(interp.context, seed))))
            }
            return .object(JaxArrayObject(try interp.keyFromSeed(slots[0] ?? .none).keyData))
        }
        define(m, "split") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("split", ["key", "num"], required: 1)
            if let traced = try interp.tracedRandom("split", slots) { return traced }
            let (keys, raw) = try interp.keyArgument(slots[0] ?? .none)
            let num = try slots[1].map { (v: PyValue) throws(PyException) in try interp.shapeArgument(v) } ?? [2]
            return interp.keyResult(try JaxRandom.split(keys, shape: num), raw: raw)
        }
        define(m, "fold_in") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("fold_in", ["key", "data"], required: 2)
            if let traced = try interp.tracedRandom("fold_in", slots) { return traced }
            let (keys, raw) = try interp.keyArgument(slots[0] ?? .none)
            return interp.keyResult(try JaxRandom.foldIn(keys, pythonInt: Int64(try interp.index(slots[1] ?? .none))), raw: raw)
        }
        define(m, "key_data") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("key_data", ["keys"], required: 1)
            if let traced = try interp.tracedRandom("key_data", slots) { return traced }
            return .object(JaxArrayObject(try interp.keyArgument(slots[0] ?? .none).0.keyData))
        }
        define(m, "wrap_key_data") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("wrap_key_data", ["key_data", "impl"], required: 1)
            if case .object(let o as JaxArrayObject)? = slots[0], case .tracer = o.value {
                interp.installPRNG()
                return .object(JaxArrayObject(try RandomOps.wrap(interp.context, o.value)))
            }
            guard let data = interp.existingArray(slots[0] ?? .none) else {
                throw JaxRandom.invalidKeyError(got: try interp.repr(slots[0] ?? .none))
            }
            return .object(PyKeyArray(try JaxRandom.wrapKeyData(data)))
        }
        define(m, "normal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("normal", ["key", "shape", "dtype"], required: 1)
            if let traced = try interp.tracedRandom("normal", slots) { return traced }
            let keys = try interp.keyArgument(slots[0] ?? .none).0
            return .object(JaxArrayObject(try JaxRandom.normal(keys, shape: try interp.optionalShape(slots[1]),
                                                               dtype: try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax),
                                                               enableX64: interp.context.enableX64)))
        }
        define(m, "uniform") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("uniform", ["key", "shape", "dtype", "minval", "maxval"], required: 1)
            if let traced = try interp.tracedRandom("uniform", slots) { return traced }
            let keys = try interp.keyArgument(slots[0] ?? .none).0
            return .object(JaxArrayObject(try JaxRandom.uniform(
                keys, shape: try interp.optionalShape(slots[1]), dtype: try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax),
                minval: try interp.randomParameter(slots[3], 0), maxval: try interp.randomParameter(slots[4], 1),
                enableX64: interp.context.enableX64)))
        }
        define(m, "randint") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("randint", ["key", "shape", "minval", "maxval", "dtype"], required: 4)
            if let traced = try interp.tracedRandom("randint", slots) { return traced }
            let keys = try interp.keyArgument(slots[0] ?? .none).0
            return .object(JaxArrayObject(try JaxRandom.randint(
                keys, shape: try interp.optionalShape(slots[1]), minval: try interp.randomParameter(slots[2], 0),
                maxval: try interp.randomParameter(slots[3], 0), dtype: try interp.dtypeArgument(slots[4] ?? .none, semantics: .jax),
                enableX64: interp.context.enableX64)))
        }
        define(m, "bits") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("bits", ["key", "shape", "dtype"], required: 1)
            if let traced = try interp.tracedRandom("bits", slots) { return traced }
            let keys = try interp.keyArgument(slots[0] ?? .none).0
            return .object(JaxArrayObject(try JaxRandom.bits(keys, shape: try interp.optionalShape(slots[1]),
                                                             dtype: try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax),
                                                             enableX64: interp.context.enableX64)))
        }
        define(m, "bernoulli") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("bernoulli", ["key", "p", "shape"], required: 1)
            if let traced = try interp.tracedRandom("bernoulli", slots) { return traced }
            let keys = try interp.keyArgument(slots[0] ?? .none).0
            let p = try interp.randomParameter(slots[1], 0.5)
            var pDType = interp.context.defaultFloat
            if let given = slots[1], let a = interp.existingArray(given), a.dtype.isFloating { pDType = a.dtype }
            let shape = try slots[2].flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try interp.randomShapeArgument(v) }
            return .object(JaxArrayObject(try JaxRandom.bernoulli(keys, p: p, pDType: pDType, shape: shape,
                                                                  enableX64: interp.context.enableX64)))
        }
        define(m, "choice") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("choice", ["key", "a", "shape", "replace", "p", "axis"], required: 2)
            if let traced = try interp.tracedRandom("choice", slots) { return traced }
            let keys = try interp.keyArgument(slots[0] ?? .none).0
            let population: JaxRandom.Population
            if case .int(let n)? = slots[1] {
                population = .count(try interp.choicePopulation(n))
            } else {
                population = .array(try Concrete.value(try interp.jaxArgument(slots[1] ?? .none), function: "choice"))
            }
            return .object(JaxArrayObject(try JaxRandom.choice(
                keys, population, shape: try interp.optionalShape(slots[2]), replace: try interp.truth(slots[3] ?? .bool(true)),
                axis: try slots[5].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0,
                enableX64: interp.context.enableX64)))
        }
        define(m, "truncated_normal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("truncated_normal", ["key", "lower", "upper", "shape", "dtype"], required: 3)
            if let traced = try interp.tracedRandom("truncated_normal", slots) { return traced }
            let keys = try interp.keyArgument(slots[0] ?? .none).0
            return .object(JaxArrayObject(try JaxRandom.truncatedNormal(
                keys, lower: try interp.toFloat(slots[1] ?? .none), upper: try interp.toFloat(slots[2] ?? .none),
                shape: try interp.optionalShape(slots[3]), dtype: try interp.dtypeArgument(slots[4] ?? .none, semantics: .jax),
                enableX64: interp.context.enableX64)))
        }
        define(m, "permutation") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("permutation", ["key", "x", "axis", "independent"], required: 2)
            if let traced = try interp.tracedRandom("permutation", slots) { return traced }
            let keys = try interp.keyArgument(slots[0] ?? .none).0
            if case .int(let n)? = slots[1] {
                return .object(JaxArrayObject(try JaxRandom.permutation(keys, count: n, enableX64: interp.context.enableX64)))
            }
            let x = try Concrete.value(try interp.jaxArgument(slots[1] ?? .none), function: "permutation")
            return .object(JaxArrayObject(try JaxRandom.permutation(
                keys, array: x, axis: try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0,
                independent: try interp.truth(slots[3] ?? .bool(false)))))
        }
        return m
    }

    /// `jax.nn`: the activation functions `JNP` provides.
    func makeJaxNNModule() -> PyModule {
        let m = PyModule("jax.nn", file: "/jaxlab/jax/nn/__init__.py")
        let ctx = context
        let activations: [(String, (JaxContext, JaxValue) throws(PyException) -> JaxValue)] = [
            ("relu", JNP.relu), ("sigmoid", JNP.sigmoid),
        ]
        for (name, function) in activations {
            define(m, name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                return .object(JaxArrayObject(try function(ctx, try interp.jaxArgument(slots[0] ?? .none))))
            }
        }
        return m
    }

    private func optionalShape(_ v: PyValue?) throws(PyException) -> [Int] {
        guard let v, !v.isNone else { return [] }
        return try randomShapeArgument(v)
    }

    private func randomParameter(_ v: PyValue?, _ defaultValue: Double) throws(PyException) -> JaxRandom.Parameter {
        guard let v, !v.isNone else { return .scalar(defaultValue) }
        if let s = try scalarValue(v) { return .scalar(s.doubleValue) }
        return .array(try Concrete.value(try jaxArgument(v), function: "random parameter"))
    }

    /// A key from a Python int (or integer array) seed, as `jax.random.key` builds it.
    func keyFromSeed(_ seed: PyValue) throws(PyException) -> PRNGKeyArray {
        switch seed {
        case .int(let i): return try JaxRandom.key(pythonInt: Int64(i), enableX64: context.enableX64)
        case .bigInt: return try JaxRandom.key(pythonInt: nil, enableX64: context.enableX64)
        case .bool(let b): return try JaxRandom.key(pythonInt: b ? 1 : 0, enableX64: context.enableX64)
        default:
            guard let a = existingArray(seed) else {
                throw PyException.typeError("key seed must be an integer, got \(pythonTypeName(seed))")
            }
            return try JaxRandom.key(seedArray: a)
        }
    }

    /// The keys a sampler was given: a typed key array, or raw `uint32[..., 2]` key data
    /// (whose results stay raw).
    func keyArgument(_ v: PyValue) throws(PyException) -> (PRNGKeyArray, raw: Bool) {
        if case .object(let k as PyKeyArray) = v { return (k.keys, false) }
        if let a = existingArray(v) { return (try JaxRandom.wrapKeyData(a), true) }
        switch v {
        case .list, .tuple, .none: throw PyException.typeError("unexpected PRNG key type \(pythonTypeName(v))")
        default: throw JaxRandom.invalidKeyError(got: try str(v))
        }
    }

    func keyResult(_ keys: PRNGKeyArray, raw: Bool) -> PyValue {
        raw ? .object(JaxArrayObject(keys.keyData)) : .object(PyKeyArray(keys))
    }
}

/// An array of typed PRNG keys (`dtype=key<fry>`), printed as JAX prints it.
final class PyKeyArray: PyObject {
    let keys: PRNGKeyArray

    init(_ keys: PRNGKeyArray) { self.keys = keys }

    override var typeName: String { "PRNGKeyArray" }

    override func pythonType(_ interp: Interpreter) -> PyValue {
        .object(PyType("jax._src.prng.PRNGKeyArray", isInstance: { v in
            if case .object(let o) = v { return o is PyKeyArray }
            return false
        }, construct: nil))
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { keys.description }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? {
        guard let first = keys.shape.first else { throw PyException.typeError("len() of unsized object") }
        return first
    }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        guard let n = keys.shape.first else { throw PyException.typeError("iteration over a 0-d key array") }
        var i = 0
        return PyIterator(kind: "iterator") { () throws(PyException) -> PyValue? in
            guard i < n else { return nil }
            i += 1
            return .object(PyKeyArray(try self.keys.element(i - 1)))
        }
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        .object(PyKeyArray(try keys.element(try interp.index(index))))
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "shape": return .tuple(keys.shape.map { .int($0) })
        case "ndim": return .int(keys.shape.count)
        case "size": return .int(keys.count)
        case "dtype": return .str(PRNGKeyArray.dtypeName)
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["dtype", "ndim", "shape", "size"] }
}

/// `jax.config`: `update("jax_enable_x64", True)` switches the session to 64-bit defaults.
final class PyJaxConfig: PyObject {
    override var typeName: String { "Config" }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "jax_enable_x64", "x64_enabled": return .bool(interp.context.enableX64)
        case "update":
            return .object(PyBuiltin("update", owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("update", ["name", "val"], required: 2)
                guard case .str(let option)? = slots[0] else { throw PyException.typeError("config option name must be a string") }
                switch option {
                case "jax_enable_x64":
                    interp.context.enableX64 = try interp.truth(slots[1] ?? .bool(false))
                case "jax_platform_name", "jax_platforms", "jax_default_matmul_precision", "jax_debug_nans":
                    break
                default:
                    throw PyException("AttributeError", "Unrecognized config option: \(option)")
                }
                return .none
            })
        default:
            return nil
        }
    }
}
