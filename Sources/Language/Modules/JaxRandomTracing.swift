import JaxCore
import JaxRandom

/// `jax.random` on keys that are being traced (inside jit, vmap, make_jaxpr): the functions
/// bind JAX's random primitives instead of sampling at once, and typed keys cross
/// transformation boundaries as key arrays.
extension Interpreter {
    /// The threefry implementation the random primitives evaluate with.
    func installPRNG() {
        if context.prng == nil { context.prng = ThreefryPRNG() }
    }

    /// A key argument as a traced JAX value (typed keys, or raw uint32 key data wrapped with
    /// `random_wrap`), or nil when the key is concrete and eager sampling applies.
    /// `force` (another argument is traced, or a jaxpr is being staged) takes concrete keys too.
    func tracedKey(_ v: PyValue?, force: Bool = false) throws(PyException) -> (keys: JaxValue, raw: Bool)? {
        if case .object(let k as PyKeyArray)? = v, force {
            installPRNG()
            return (.array(k.keys.keyData.withKeyData(true)), false)
        }
        guard case .object(let o as JaxArrayObject)? = v else { return nil }
        if case .array(let a) = o.value, !a.isKeyData, !force { return nil }
        installPRNG()
        if o.value.aval.isKey { return (o.value, false) }
        return (try RandomOps.wrap(context, o.value), true)
    }

    /// A traced seed for `key` / `PRNGKey`, or nil for a concrete one.
    func tracedSeed(_ v: PyValue?) -> JaxValue? {
        guard case .object(let o as JaxArrayObject)? = v, case .tracer = o.value else { return nil }
        installPRNG()
        return o.value
    }

    /// A sampler bound (minval/maxval) as a JAX value: Python numbers stay weak.
    private func boundValue(_ v: PyValue?, _ defaultValue: Double) throws(PyException) -> JaxValue {
        guard let v, !v.isNone else { return .array(JaxArray.scalar(.float(defaultValue), dtype: context.defaultFloat, weak: true)) }
        return try jaxArgument(v)
    }

    /// bernoulli's `p` as JAX converts it: to its own canonical dtype, strong (float32 for a
    /// Python float).
    private func bernoulliProbability(_ v: PyValue?) throws(PyException) -> JaxValue {
        guard let v, !v.isNone else { return .array(JaxArray.scalar(.float(0.5), dtype: .float32)) }
        let p = try jaxArgument(v)
        guard p.dtype.isFloating else {
            throw PyException.typeError("bernoulli probability `p` must have a floating dtype, got \(p.dtype.name).")
        }
        return try JNP.convert(context, p, to: context.canonical(p.dtype))
    }

    private func sampleShape(_ v: PyValue?) throws(PyException) -> [Int] {
        guard let v, !v.isNone else { return [] }
        return try randomShapeArgument(v)
    }

    /// Whether `name` with a concrete key can stage its primitives (the functions and dtypes
    /// the traced samplers cover); otherwise it samples eagerly.
    private func stagesConcreteKey(_ name: String, _ slots: [PyValue?]) throws(PyException) -> Bool {
        switch name {
        case "split", "fold_in", "key_data", "bits", "permutation", "truncated_normal", "choice":
            return true
        case "randint":
            let given = slots.count > 4 ? slots[4] : nil
            let dtype = try dtypeArgument(given ?? .none, semantics: .jax).map { context.canonical($0) } ?? context.defaultInt
            return dtype.isInteger && dtype != .bool
        case "bernoulli":
            return try bernoulliProbability(slots.count > 1 ? slots[1] : nil).dtype.isFloating
        case "uniform", "normal":
            let given = slots.count > 2 ? slots[2] : nil
            let dtype = try dtypeArgument(given ?? .none, semantics: .jax).map { context.canonical($0) } ?? context.defaultFloat
            return dtype.isFloating
        default:
            return false
        }
    }

    /// An int population for `choice`, which JAX first makes an array of the default int dtype.
    func choicePopulation(_ n: Int) throws(PyException) -> Int {
        let range = context.defaultInt.integerRange
        guard Int64(n) >= range.min && Int64(n) <= range.max else {
            throw PyException("OverflowError", "Python int \(n) too large to convert to \(context.defaultInt.name)")
        }
        return n
    }

    /// `jax.random.<name>` for a traced key (or a function that always stages); nil when the
    /// key is concrete and the eager sampler applies.
    func tracedRandom(_ name: String, _ slots: [PyValue?]) throws(PyException) -> PyValue? {
        // weighted choice always runs as staged operations: evaluated at once they give the
        // same bits as under jit, as in JAX
        let weightedChoice = name == "choice" && slots.count > 4 && slots[4].map { !$0.isNone } == true
        let force = RandomOps.isStaging(context) || weightedChoice || slots.dropFirst().contains { slot in
            if case .object(let o as JaxArrayObject)? = slot, case .tracer = o.value { return true }
            return false
        }
        var keyIsTraced = false
        if case .object(let o as JaxArrayObject)?? = slots.first, case .tracer = o.value { keyIsTraced = true }
        if !keyIsTraced, try !stagesConcreteKey(name, slots) { return nil }
        guard let (keys, raw) = try tracedKey(slots.first ?? nil, force: force) else { return nil }
        let ctx = context
        func result(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        func keyResult(_ v: JaxValue) throws(PyException) -> PyValue { result(raw ? try RandomOps.unwrap(ctx, v) : v) }
        let slot: (Int) -> PyValue? = { i in i < slots.count ? slots[i] : nil }
        switch name {
        case "split":
            let shape = try slot(1).map { (v: PyValue) throws(PyException) in try shapeArgument(v) } ?? [2]
            return try keyResult(try RandomOps.split(ctx, keys, shape: shape))
        case "fold_in":
            let data: JaxValue
            if case .int(let n)? = slot(1) {
                guard n >= 0, n <= Int(UInt32.max) else {
                    throw PyException("OverflowError", "Python integer \(n) out of bounds for uint32")
                }
                data = .array(JaxArray.scalar(.int(Int64(n)), dtype: .uint32))
            } else {
                data = try jaxArgument(slot(1) ?? .none)
            }
            return try keyResult(try RandomOps.foldIn(ctx, keys, data))
        case "key_data":
            return result(try RandomOps.unwrap(ctx, keys))
        case "bits":
            let dtype = try dtypeArgument(slot(2) ?? .none, semantics: .jax).map { ctx.canonical($0) } ?? .uint32
            guard dtype.kind == .unsignedInteger else {
                throw PyException.valueError("dtype argument to `bits` must be an unsigned int dtype, got \(dtype.name)")
            }
            return result(try RandomOps.bits(ctx, keys, shape: try sampleShape(slot(1)), bitWidth: dtype.itemSize * 8))
        case "uniform":
            let dtype = try dtypeArgument(slot(2) ?? .none, semantics: .jax).map { ctx.canonical($0) } ?? ctx.defaultFloat
            return result(try RandomOps.uniform(ctx, keys, shape: try sampleShape(slot(1)), dtype: dtype,
                                                minval: try boundValue(slot(3), 0), maxval: try boundValue(slot(4), 1)))
        case "normal":
            let dtype = try dtypeArgument(slot(2) ?? .none, semantics: .jax).map { ctx.canonical($0) } ?? ctx.defaultFloat
            return result(try RandomOps.normal(ctx, keys, shape: try sampleShape(slot(1)), dtype: dtype))
        case "randint":
            let dtype = try dtypeArgument(slot(4) ?? .none, semantics: .jax).map { ctx.canonical($0) } ?? ctx.defaultInt
            return result(try RandomOps.randint(ctx, keys, shape: try sampleShape(slot(1)), minval: try jaxArgument(slot(2) ?? .none),
                                                maxval: try jaxArgument(slot(3) ?? .none), dtype: dtype))
        case "bernoulli":
            let p = try bernoulliProbability(slot(1))
            let shape = try slot(2).flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try randomShapeArgument(v) }
            return result(try RandomOps.bernoulli(ctx, keys, p: p, shape: shape))
        case "permutation":
            let axis = try slot(2).map { (v: PyValue) throws(PyException) in try index(v) } ?? 0
            if case .int(let n)? = slot(1) { return result(try RandomOps.permutation(ctx, keys, count: n)) }
            let x = try jaxArgument(slot(1) ?? .none)
            if x.rank == 0, x.dtype.isInteger, let n = x.concrete {
                return result(try RandomOps.permutation(ctx, keys, count: Int(n.storage.int64(at: 0))))
            }
            return result(try RandomOps.permutation(ctx, keys, array: x, axis: axis, independent: try truth(slot(3) ?? .bool(false))))
        case "choice":
            let p = try slot(4).flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) -> JaxValue in
                // check_arraylike: arrays and scalars only
                switch v {
                case .list, .tuple:
                    throw PyException.typeError("choice requires ndarray or scalar arguments, got <class '\(v.typeName)'> at position 0.")
                default:
                    return try jaxArgument(v)
                }
            }
            var count: Int?
            var array: JaxValue?
            if case .int(let n)? = slot(1) {
                count = try choicePopulation(n)
            } else {
                let a = try jaxArgument(slot(1) ?? .none)
                if a.rank == 0 {
                    guard let n = a.concrete, a.dtype.isInteger else {
                        throw PyException.typeError("The error occurred in jax.random.choice(): a must be a concrete integer or an array")
                    }
                    count = Int(n.storage.int64(at: 0))
                } else {
                    array = a
                }
            }
            return result(try RandomOps.choice(ctx, keys, count: count, array: array, shape: try sampleShape(slot(2)),
                                               replace: try truth(slot(3) ?? .bool(true)), p: p,
                                               axis: try slot(5).map { (v: PyValue) throws(PyException) in try index(v) } ?? 0))
        case "truncated_normal":
            let dtype = try dtypeArgument(slot(4) ?? .none, semantics: .jax).map { ctx.canonical($0) } ?? ctx.defaultFloat
            let shape = try slot(3).flatMap { $0.isNone ? nil : $0 }.map { (v: PyValue) throws(PyException) in try randomShapeArgument(v) }
            return result(try RandomOps.truncatedNormal(ctx, keys, lower: try jaxArgument(slot(1) ?? .none),
                                                        upper: try jaxArgument(slot(2) ?? .none), shape: shape, dtype: dtype))
        default:
            throw PyException.notImplemented("jax.random.\(name) inside a transformed function")
        }
    }
}
