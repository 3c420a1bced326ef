import JaxCore

/// `jax.random`: typed PRNG keys and the samplers. Arguments are read once and every function
/// binds JAX's random primitives through `RandomOps`, for concrete keys as for traced ones, so
/// eager values and jitted ones are the same computation. Raw `uint32[..., 2]` key data is
/// accepted where JAX accepts it (results that are keys stay raw).
enum JaxRandomModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.random", file: "/jaxlab/jax/random.py")
        let ctx = interp.context
        m.define("key") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("key", ["seed", "impl"], required: 1)
            return array(try RandomOps.key(ctx, try seed(interp, slots[0]), constructor: "key"))
        }
        m.define("PRNGKey") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("PRNGKey", ["seed", "impl"], required: 1)
            return array(try RandomOps.unwrap(ctx, try RandomOps.key(ctx, try seed(interp, slots[0]), constructor: "PRNGKey")))
        }
        m.define("split") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("split", ["key", "num"], required: 1)
            let (keys, raw) = try keyArgument(interp, slots[0])
            let shape = try slots[1].map { (v: PyValue) throws(PyException) in try interp.shapeArgument(v) } ?? [2]
            return try keyResult(ctx, try RandomOps.split(ctx, keys, shape: shape), raw: raw)
        }
        m.define("fold_in") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("fold_in", ["key", "data"], required: 2)
            let (keys, raw) = try keyArgument(interp, slots[0])
            let data: JaxValue
            if case .int(let n)? = slots[1] {
                guard n >= 0, n <= Int(UInt32.max) else {
                    throw PyException("OverflowError", "Python integer \(n) out of bounds for uint32")
                }
                data = .array(JaxArray.scalar(.int(Int64(n)), dtype: .uint32))
            } else {
                data = try interp.jaxArgument(slots[1] ?? .none)
            }
            return try keyResult(ctx, try RandomOps.foldIn(ctx, keys, data), raw: raw)
        }
        m.define("key_data") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("key_data", ["keys"], required: 1)
            return array(try RandomOps.unwrap(ctx, try keyArgument(interp, slots[0]).keys))
        }
        m.define("wrap_key_data") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("wrap_key_data", ["key_data", "impl"], required: 1)
            guard let data = try arrayOperand(interp, slots[0]) else {
                throw RandomOps.invalidKeyError(got: try interp.repr(slots[0] ?? .none))
            }
            return array(try RandomOps.wrap(ctx, data))
        }
        m.define("bits") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("bits", ["key", "shape", "dtype"], required: 1)
            let keys = try keyArgument(interp, slots[0]).keys
            let dtype = try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax).map { ctx.canonical($0) } ?? (ctx.enableX64 ? .uint64 : .uint32)
            guard dtype.kind == .unsignedInteger else {
                throw PyException.valueError("dtype argument to `bits` must be an unsigned int dtype, got \(dtype.name)")
            }
            return array(try RandomOps.bits(ctx, keys, shape: try shape(interp, slots[1]) ?? [], bitWidth: dtype.itemSize * 8))
        }
        m.define("uniform") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("uniform", ["key", "shape", "dtype", "minval", "maxval"], required: 1)
            return array(try RandomOps.uniform(ctx, try keyArgument(interp, slots[0]).keys, shape: try shape(interp, slots[1]) ?? [],
                                               dtype: try floatDType(interp, slots[2]),
                                               minval: try number(interp, slots[3], 0), maxval: try number(interp, slots[4], 1)))
        }
        let transformed: [(String, (JaxContext, JaxValue, [Int], DType) throws(PyException) -> JaxValue)] = [
            ("exponential", RandomOps.exponential), ("logistic", RandomOps.logistic), ("laplace", RandomOps.laplace),
            ("cauchy", RandomOps.cauchy),
        ]
        for (name, sampler) in transformed {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["key", "shape", "dtype"], required: 1)
                return array(try sampler(ctx, try keyArgument(interp, slots[0]).keys, try shape(interp, slots[1]) ?? [],
                                         try floatDType(interp, slots[2])))
            }
        }
        m.define("orthogonal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("orthogonal", ["key", "n", "shape", "dtype", "m"], required: 2)
            let m = try present(slots[4]).map { (v: PyValue) throws(PyException) in try interp.index(v) }
            return array(try RandomOps.orthogonal(ctx, try keyArgument(interp, slots[0]).keys, n: try interp.index(slots[1] ?? .none), m: m,
                                                  shape: try shape(interp, slots[2]) ?? [], dtype: try floatDType(interp, slots[3])))
        }
        m.define("gumbel") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("gumbel", ["key", "shape", "dtype", "mode"], required: 1)
            try gumbelMode(interp, slots[3])
            return array(try RandomOps.gumbelSample(ctx, try keyArgument(interp, slots[0]).keys, shape: try shape(interp, slots[1]) ?? [],
                                              dtype: try floatDType(interp, slots[2])))
        }
        m.define("rademacher") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("rademacher", ["key", "shape", "dtype"], required: 1)
            let dtype = try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax).map { ctx.canonical($0) } ?? ctx.defaultInt
            return array(try RandomOps.rademacher(ctx, try keyArgument(interp, slots[0]).keys, shape: try shape(interp, slots[1]) ?? [],
                                                  dtype: dtype))
        }
        m.define("categorical") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("categorical", ["key", "logits", "axis", "shape", "replace", "mode"], required: 2)
            try gumbelMode(interp, slots[5])
            let axis = try present(slots[2]).map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? -1
            return array(try RandomOps.categorical(ctx, try keyArgument(interp, slots[0]).keys,
                                                   logits: try interp.jnpArgument(slots[1] ?? .none, "categorical"),
                                                   axis: axis, shape: try shape(interp, slots[3]),
                                                   replace: try interp.truth(slots[4] ?? .bool(true))))
        }
        m.define("normal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("normal", ["key", "shape", "dtype"], required: 1)
            return array(try RandomOps.normal(ctx, try keyArgument(interp, slots[0]).keys, shape: try shape(interp, slots[1]) ?? [],
                                              dtype: try floatDType(interp, slots[2])))
        }
        m.define("randint") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("randint", ["key", "shape", "minval", "maxval", "dtype"], required: 4)
            let dtype = try interp.dtypeArgument(slots[4] ?? .none, semantics: .jax).map { ctx.canonical($0) } ?? ctx.defaultInt
            return array(try RandomOps.randint(ctx, try keyArgument(interp, slots[0]).keys, shape: try shape(interp, slots[1]) ?? [],
                                               minval: try interp.jaxArgument(slots[2] ?? .none),
                                               maxval: try interp.jaxArgument(slots[3] ?? .none), dtype: dtype))
        }
        m.define("bernoulli") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("bernoulli", ["key", "p", "shape"], required: 1)
            let keys = try keyArgument(interp, slots[0]).keys
            // p in its own canonical dtype, strong (a Python float is the default float)
            let p = try number(interp, slots[1], 0.5)
            guard p.dtype.isFloating else {
                throw PyException.typeError("bernoulli probability `p` must have a floating dtype, got \(p.dtype.name).")
            }
            return array(try RandomOps.bernoulli(ctx, keys, p: try JNP.convert(ctx, p, to: ctx.canonical(p.dtype)),
                                                 shape: try shape(interp, slots[2])))
        }
        m.define("truncated_normal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("truncated_normal", ["key", "lower", "upper", "shape", "dtype"], required: 3)
            return array(try RandomOps.truncatedNormal(ctx, try keyArgument(interp, slots[0]).keys,
                                                       lower: try interp.jaxArgument(slots[1] ?? .none),
                                                       upper: try interp.jaxArgument(slots[2] ?? .none),
                                                       shape: try shape(interp, slots[3]), dtype: try floatDType(interp, slots[4])))
        }
        m.define("permutation") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("permutation", ["key", "x", "axis", "independent"], required: 2)
            let keys = try keyArgument(interp, slots[0]).keys
            if case .int(let n)? = slots[1] { return array(try RandomOps.permutation(ctx, keys, count: n)) }
            let x = try interp.jaxArgument(slots[1] ?? .none)
            if x.rank == 0, x.dtype.isInteger, let n = x.concrete {
                return array(try RandomOps.permutation(ctx, keys, count: Int(truncatingIfNeeded: n.storage.int64(at: 0))))
            }
            return array(try RandomOps.permutation(ctx, keys, array: x,
                                                   axis: try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0,
                                                   independent: try interp.truth(slots[3] ?? .bool(false))))
        }
        m.define("choice") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("choice", ["key", "a", "shape", "replace", "p", "axis"], required: 2)
            let keys = try keyArgument(interp, slots[0]).keys
            let p = try present(slots[4]).map { (v: PyValue) throws(PyException) -> JaxValue in
                // check_arraylike: arrays and scalars only
                switch v {
                case .list, .tuple:
                    throw PyException.typeError("choice requires ndarray or scalar arguments, got <class '\(v.typeName)'> at position 0.")
                default:
                    return try interp.jaxArgument(v)
                }
            }
            var count: Int?
            var population: JaxValue?
            if case .int(let n)? = slots[1] {
                count = try choiceCount(ctx, n)
            } else {
                let a = try interp.jaxArgument(slots[1] ?? .none)
                if a.rank == 0 {
                    guard let n = a.concrete, a.dtype.isInteger else {
                        throw PyException.typeError("The error occurred in jax.random.choice(): a must be a concrete integer or an array")
                    }
                    count = Int(truncatingIfNeeded: n.storage.int64(at: 0))
                } else {
                    population = a
                }
            }
            return array(try RandomOps.choice(ctx, keys, count: count, array: population, shape: try shape(interp, slots[2]) ?? [],
                                              replace: try interp.truth(slots[3] ?? .bool(true)), p: p,
                                              axis: try slots[5].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0))
        }
        return m
    }

    private static func array(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }

    /// An argument that is given and not None.
    private static func present(_ v: PyValue?) -> PyValue? {
        guard let v, !v.isNone else { return nil }
        return v
    }

    /// The keys a function was given: a typed key array, or raw `uint32[..., 2]` key data
    /// (wrapped; `raw` says results should be unwrapped again).
    static func keyArgument(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> (keys: JaxValue, raw: Bool) {
        let value = v ?? .none
        if let a = try arrayOperand(interp, value) {
            if a.aval.isKey { return (a, false) }
            return (try RandomOps.wrap(interp.context, a), true)
        }
        switch value {
        case .list, .tuple, .none: throw PyException.typeError("unexpected PRNG key type \(interp.pythonTypeName(value))")
        default: throw RandomOps.invalidKeyError(got: try interp.str(value))
        }
    }

    /// A JAX or NumPy array argument (not a Python number or list).
    private static func arrayOperand(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> JaxValue? {
        switch v {
        case .object(let o as JaxArrayObject)?: return try o.value
        case .object(let o as NDArrayObject)?: return .array(interp.deviceArray(o.array))
        default: return nil
        }
    }

    /// Keys computed from keys the caller gave as raw data are returned raw.
    private static func keyResult(_ ctx: JaxContext, _ keys: JaxValue, raw: Bool) throws(PyException) -> PyValue {
        array(raw ? try RandomOps.unwrap(ctx, keys) : keys)
    }

    /// A seed for `key`/`PRNGKey`: a Python int becomes an int64 first (OverflowError beyond),
    /// then with x64 off an int32 (wrapping), as `random_seed` makes it; arrays as they are.
    private static func seed(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> JaxValue {
        let ctx = interp.context
        switch v ?? .none {
        case .int(let i):
            return .array(Kernels.cast(JaxArray.scalar(.int(Int64(i)), dtype: .int64), to: ctx.defaultInt, semantics: .jax))
        case .bool(let b):
            return .array(JaxArray.scalar(.int(b ? 1 : 0), dtype: ctx.defaultInt))
        case .bigInt:
            throw PyException("OverflowError", "Python int too large to convert to C long")
        case let other:
            return try interp.jaxArgument(other)
        }
    }

    /// gumbel's `mode`: JAX's default "low" is the one jaxlab draws; "high" and "highest" (two
    /// uniforms per value) are refused, anything else is JAX's ValueError.
    private static func gumbelMode(_ interp: Interpreter, _ v: PyValue?) throws(PyException) {
        switch present(v) {
        case nil, .str("low"): return
        case .str("high"), .str("highest"): throw PyException.notImplemented("jax.random.gumbel's mode='high' and 'highest' are not supported")
        case .some(let other): throw PyException.valueError("Must provide valid mode for gumbel got: \(try interp.str(other))")
        }
    }

    /// A sample shape (None or absent: nil).
    static func shape(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> [Int]? {
        try present(v).map { (v: PyValue) throws(PyException) in try interp.randomShapeArgument(v) }
    }

    /// A float sampler's dtype (the default float when absent).
    static func floatDType(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> DType {
        let ctx = interp.context
        return try interp.dtypeArgument(v ?? .none, semantics: .jax).map { ctx.canonical($0) } ?? ctx.defaultFloat
    }

    /// A numeric argument with a Python-float default (weak, as JAX sees a Python number).
    private static func number(_ interp: Interpreter, _ v: PyValue?, _ defaultValue: Double) throws(PyException) -> JaxValue {
        try interp.jaxArgument(present(v) ?? .float(defaultValue))
    }

    /// An int population for `choice`, which JAX first makes an array of the default int dtype.
    private static func choiceCount(_ ctx: JaxContext, _ n: Int) throws(PyException) -> Int {
        let range = ctx.defaultInt.integerRange
        guard Int64(n) >= range.min && Int64(n) <= range.max else {
            throw PyException("OverflowError", "Python int \(n) too large to convert to \(ctx.defaultInt.name)")
        }
        return n
    }
}

