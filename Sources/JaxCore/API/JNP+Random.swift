/// `jax.random` on typed key arrays that may be traced: each function binds the random
/// primitives (`random_bits`, `random_split`, ...) and wraps its sampler in the jitted helpers
/// JAX uses (`_uniform`, `_normal`, `_normal_real`), so jaxprs print as JAX's and jit, vmap
/// and make_jaxpr see the same operations as JAX.
public enum RandomOps {
    /// `jax.random.key(seed)` (or `PRNGKey`, named by `constructor`): one key from a scalar
    /// integer seed.
    public static func key(_ ctx: JaxContext, _ seed: JaxValue, constructor: String) throws(PyException) -> JaxValue {
        guard seed.rank == 0 else {
            throw PyException.typeError(
                "\(constructor) accepts a scalar seed, but was given an array of shape \(Shape.describe(seed.shape)) != (). Use jax.vmap for batching")
        }
        return try self.seed(ctx, seed)
    }

    /// `random_seed[impl=fry]`: keys from integer seeds (jitted in JAX, so a concrete seed is
    /// named as the tracer it becomes there).
    public static func seed(_ ctx: JaxContext, _ seeds: JaxValue) throws(PyException) -> JaxValue {
        guard seeds.dtype.isInteger || seeds.dtype == .bool else {
            let shown: String
            switch seeds {
            case .tracer(let t): shown = t.description
            case .array: shown = "JitTracer(\(seeds.aval))"
            }
            throw PyException.typeError("PRNG key seed must be an integer; got \(shown)")
        }
        return try Tracing.bind1(ctx, .randomSeed, [seeds], Params().with(.impl, "fry"))
    }

    /// What `_check_prng_key` says about a key argument that is not an array at all
    /// (`jax.random.normal(42)`): `got` is Python's repr of the argument.
    public static func invalidKeyError(got: String) -> PyException {
        PyException.typeError(
            "JAX encountered invalid PRNG key data: expected key_data to have ndim, shape, and dtype attributes. Got \(got)")
    }

    /// `random_wrap[impl=fry]`: typed keys over raw uint32 key data (`wrap_key_data`, and how
    /// samplers accept a `PRNGKey`).
    public static func wrap(_ ctx: JaxContext, _ data: JaxValue) throws(PyException) -> JaxValue {
        guard !data.aval.isKey else { return data }
        guard data.rank >= 1 else {
            throw PyException.typeError("JAX encountered invalid PRNG key data: expected key_data.ndim >= 1; got ndim=0")
        }
        guard data.shape.last == 2 else {
            throw PyException.typeError("JAX encountered invalid PRNG key data: expected key_data.shape to end with (2,); got shape=\(Shape.describe(data.shape)) for impl=\(implDescription)")
        }
        guard data.dtype == .uint32 else {
            throw PyException.typeError("JAX encountered invalid PRNG key data: expected key_data.dtype = uint32; got dtype=\(data.dtype.name)")
        }
        return try Tracing.bind1(ctx, .randomWrap, [data], Params().with(.impl, "fry"))
    }

    /// JAX's repr of the threefry implementation, part of its invalid-key messages.
    static let implDescription =
        "PRNGImpl(key_shape=(2,), seed=<function threefry_seed>, split=<function threefry_split>, random_bits=<function threefry_random_bits>, fold_in=<function threefry_fold_in>, name='threefry2x32', tag='fry')"

    /// `random_unwrap`: the raw uint32 words of typed keys (`key_data`).
    public static func unwrap(_ ctx: JaxContext, _ keys: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .randomUnwrap, [keys])
    }

    /// `random_split[shape=...]`.
    public static func split(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int]) throws(PyException) -> JaxValue {
        try single(keys, "split")
        try checkShape(shape)
        return try Tracing.bind1(ctx, .randomSplit, [keys], Params().with(.shape, shape))
    }

    /// `random_fold_in` with data already a uint32 value.
    public static func foldIn(_ ctx: JaxContext, _ keys: JaxValue, _ data: JaxValue) throws(PyException) -> JaxValue {
        try single(keys, "fold_in")
        let words = try JNP.convert(ctx, data, to: .uint32)
        return try Tracing.bind1(ctx, .randomFoldIn, [keys, words])
    }

    /// `random_bits[bit_width=... shape=...]`.
    public static func bits(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], bitWidth: Int = 32) throws(PyException) -> JaxValue {
        try single(keys, "bits")
        try checkShape(shape)
        return try rawBits(ctx, keys, shape: shape, bitWidth: bitWidth)
    }

    static func rawBits(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], bitWidth: Int) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .randomBits, [keys], Params().with(.bitWidth, bitWidth).with(.shape, shape))
    }

    /// `jax.random.uniform(key, shape, float32, minval, maxval)`: the jitted `_uniform`.
    public static func uniform(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], dtype: DType,
                               minval: JaxValue, maxval: JaxValue) throws(PyException) -> JaxValue {
        try single(keys, "uniform")
        try checkShape(shape)
        try requireFloat(dtype, "uniform")
        let fused: FusedKernel? = dtype == .float32 && minval.rank == 0 && maxval.rank == 0 ? .uniformFloat32(shape: shape) : nil
        return try JNP.jitted(ctx, name: "_uniform", [keys, minval, maxval], cacheKey: "\(shape)\(dtype)", fusedKernel: fused) {
            args throws(PyException) -> JaxValue in
            try uniformBody(ctx, args, shape: shape, dtype: dtype)
        }
    }

    /// The float layout `_uniform` works with: total bits, mantissa bits, and the unsigned
    /// dtype of the same width.
    static func layout(_ dtype: DType) -> (bits: Int, mantissa: Int, unsigned: DType) {
        switch dtype {
        case .float16: return (16, 10, .uint16)
        case .bfloat16: return (16, 7, .uint16)
        case .float64: return (64, 52, .uint64)
        default: return (32, 23, .uint32)
        }
    }

    /// The bit pattern of 1.0 in `dtype`.
    static func onePattern(_ dtype: DType) -> Int64 {
        switch dtype {
        case .float16: return 0x3C00
        case .bfloat16: return 0x3F80
        case .float64: return 0x3FF0_0000_0000_0000
        default: return 0x3F80_0000
        }
    }

    /// `_uniform`: the top mantissa bits become a float in [1, 2), minus 1, scaled.
    static func uniformBody(_ ctx: JaxContext, _ args: [JaxValue], shape: [Int], dtype: DType = .float32) throws(PyException) -> JaxValue {
        guard args.count == 3 else { throw PyException.typeError("_uniform takes a key, minval and maxval") }
        let minval = try JNP.convert(ctx, args[1], to: dtype), maxval = try JNP.convert(ctx, args[2], to: dtype)
        let lo = try broadcastToRank(ctx, minval, shape.count), hi = try broadcastToRank(ctx, maxval, shape.count)
        let (nbits, nmant, unsigned) = layout(dtype)
        let rngBits = nmant < 8 ? 8 : nbits
        var bits = try rawBits(ctx, args[0], shape: shape, bitWidth: rngBits)
        if rngBits != nbits { bits = try JNP.convert(ctx, bits, to: unsigned) }
        let shifted = try Tracing.bind1(ctx, .shiftRightLogical, [bits, JNP.constant(.int(Int64(rngBits - nmant)), unsigned)])
        let mantissa = try Tracing.bind1(ctx, .or, [shifted, JNP.constant(.int(onePattern(dtype)), unsigned)])
        let floats = try Tracing.bind1(ctx, .bitcastConvertType, [mantissa], Params().with(.newDType, dtype))
        let unit = try Lax.sub(ctx, floats, JNP.constant(.float(1), dtype))
        var scaled = try Lax.add(ctx, try Lax.mul(ctx, unit, try Lax.sub(ctx, hi, lo)), lo)
        // lax.reshape skips only operands of nonzero rank already of the shape
        if shape.isEmpty { scaled = try Lax.reshape(ctx, scaled, []) }
        return try Tracing.bind1(ctx, .max, [lo, scaled])
    }

    /// `lax.broadcast_to_rank`: leading size-1 axes up to `rank`.
    static func broadcastToRank(_ ctx: JaxContext, _ x: JaxValue, _ rank: Int) throws(PyException) -> JaxValue {
        guard x.rank < rank else { return x }
        let lead = rank - x.rank
        return try JNP.broadcastInDim(ctx, x, shape: Array(repeating: 1, count: lead) + x.shape, dims: Array(lead..<rank))
    }

    /// `jax.random.normal(key, shape, float32)`: `_normal` calling `_normal_real`, which is
    /// `sqrt(2) * erf_inv(u)` for `u` uniform on (nextafter(-1, 0), 1).
    public static func normal(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try single(keys, "normal")
        try checkShape(shape)
        try requireFloat(dtype, "normal")
        let static_ = "\(shape)\(dtype)"
        let fused: FusedKernel? = dtype == .float32 ? .normalFloat32(shape: shape) : nil
        return try JNP.jitted(ctx, name: "_normal", [keys], cacheKey: static_, fusedKernel: fused) { outer throws(PyException) -> JaxValue in
            try JNP.jitted(ctx, name: "_normal_real", outer, cacheKey: static_) { inner throws(PyException) -> JaxValue in
                guard let key = inner.first else { throw PyException.typeError("_normal_real takes a key") }
                let lo = JNP.constant(.float(lowerBound(dtype)), dtype)
                let u = try JNP.jitted(ctx, name: "_uniform", [key, lo, JNP.constant(.float(1), dtype)], cacheKey: static_) {
                    args throws(PyException) -> JaxValue in try uniformBody(ctx, args, shape: shape, dtype: dtype)
                }
                let e = try Lax.unary(ctx, .erfInv, u)
                return try Lax.mul(ctx, JNP.constant(.float(2.0.squareRoot()), dtype), e)
            }
        }
    }

    /// nextafter(-1, 0) in `dtype`.
    static func lowerBound(_ dtype: DType) -> Double {
        switch dtype {
        case .float16: return Double(Float(Float16(-1).nextUp))
        case .bfloat16: return -1 + 1.0 / 256
        case .float64: return (-1.0).nextUp
        default: return Double(Float(-1).nextUp)
        }
    }

    /// `jax.random.bernoulli(key, p, shape)` for float32 `p` (already converted): the jitted
    /// `_bernoulli`, a uniform sample compared with `p`.
    public static func bernoulli(_ ctx: JaxContext, _ keys: JaxValue, p: JaxValue, shape: [Int]?) throws(PyException) -> JaxValue {
        try single(keys, "bernoulli")
        try requireFloat(p.dtype, "bernoulli")
        let sampleShape = shape ?? p.shape
        if let shape {
            try checkShape(shape)
            guard (try? Kernels.broadcastShapes([shape, p.shape])) == shape else {
                throw PyException.valueError("bernoulli parameter shapes must be broadcast-compatible with shape argument, and the result of broadcasting the shapes must equal the shape argument, but got result \(Shape.describe(try Kernels.broadcastShapes([shape, p.shape]))) for shape argument \(Shape.describe(shape)).")
            }
        }
        return try JNP.jitted(ctx, name: "_bernoulli", [keys, p], cacheKey: "\(String(describing: shape))") { args throws(PyException) -> JaxValue in
            guard args.count == 2 else { throw PyException.typeError("_bernoulli takes a key and p") }
            let weakZero = JaxValue.array(JaxArray.scalar(.float(0), dtype: ctx.defaultFloat, weak: true))
            let weakOne = JaxValue.array(JaxArray.scalar(.float(1), dtype: ctx.defaultFloat, weak: true))
            let u = try JNP.jitted(ctx, name: "_uniform", [args[0], weakZero, weakOne], cacheKey: "\(sampleShape)\(p.dtype)") { inner throws(PyException) -> JaxValue in
                try uniformBody(ctx, inner, shape: sampleShape, dtype: p.dtype)
            }
            return try JNP.less(ctx, u, args[1])
        }
    }

    /// `jax.random.randint(key, shape, minval, maxval, dtype)`: the jitted `_randint`, which
    /// draws two words of the dtype's width per value from split keys and reduces them modulo
    /// the span.
    public static func randint(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], minval: JaxValue, maxval: JaxValue,
                               dtype: DType) throws(PyException) -> JaxValue {
        try single(keys, "randint")
        try checkShape(shape)
        guard dtype.isInteger else { throw PyException.typeError("randint only accepts integer dtypes, got \(dtype.name)") }
        for bound in [minval, maxval] where bound.rank > shape.count {
            throw PyException.notImplemented("jax.random.randint with bounds of \(bound.aval) inside a transformed function")
        }
        // narrower dtypes sample in int32 with the bounds clipped to their range, then cast
        let bounds = dtype.integerRange
        if dtype.itemSize < 4 {
            let lo = try clipMethod(ctx, try JNP.astype(ctx, minval, .int32), min: bounds.min, max: bounds.max)
            let hi = try clipMethod(ctx, try JNP.astype(ctx, maxval, .int32), min: bounds.min, max: bounds.max + 1)
            return try JNP.astype(ctx, try randint(ctx, keys, shape: shape, minval: lo, maxval: hi, dtype: .int32), dtype)
        }
        return try JNP.jitted(ctx, name: "_randint", [keys, minval, maxval], cacheKey: "\(shape)\(dtype)") { args throws(PyException) -> JaxValue in
            guard args.count == 3 else { throw PyException.typeError("_randint takes a key, minval and maxval") }
            // non-integer bounds become Python ints first (`minval.astype(int)`)
            let lo = args[1].dtype.isInteger ? args[1] : try JNP.astype(ctx, args[1], ctx.defaultInt)
            let hi = args[2].dtype.isInteger ? args[2] : try JNP.astype(ctx, args[2], ctx.defaultInt)
            return try randintBody(ctx, args[0], lo, hi, shape: shape, dtype: dtype)
        }
    }

    /// `_convert_and_clip_integer`: jnp.clip to the range both dtypes share, then astype.
    static func convertAndClip(_ ctx: JaxContext, _ x: JaxValue, to dtype: DType) throws(PyException) -> JaxValue {
        let target = dtype.integerRange, source = x.dtype.integerRange
        // lax._const keeps the operand's weak type, so the bounds promote with nothing
        let bound = { (v: Int64) -> JaxValue in .array(JaxArray.scalar(.int(v), dtype: x.dtype, weak: x.weakType)) }
        let clipped = try JNP.clip(ctx, x, bound(Swift.max(target.min, source.min)), bound(Swift.min(target.max, source.max)))
        return try JNP.astype(ctx, clipped, dtype)
    }

    /// `x.clip(min, max)` with Python-int bounds: jit passes the keyword arguments sorted by
    /// name (max before min) and converts the weak bounds to x's dtype inside.
    static func clipMethod(_ ctx: JaxContext, _ x: JaxValue, min: Int64, max: Int64) throws(PyException) -> JaxValue {
        let weak = { (v: Int64) -> JaxValue in .array(JaxArray.scalar(.int(v), dtype: ctx.defaultInt, weak: true)) }
        return try JNP.jitted(ctx, name: "clip", [x, weak(max), weak(min)], cacheKey: "method") { a throws(PyException) -> JaxValue in
            guard a.count == 3 else { throw PyException.typeError("clip takes an array and two bounds") }
            let low = try JNP.convert(ctx, a[2], to: a[0].dtype, weak: false)
            let clipped = try Tracing.bind1(ctx, .max, [low, a[0]])
            let high = try JNP.convert(ctx, a[1], to: a[0].dtype, weak: false)
            return try Tracing.bind1(ctx, .min, [high, clipped])
        }
    }

    /// The unsigned dtype of a width.
    static func unsignedDType(bits: Int) -> DType {
        switch bits {
        case 8: return .uint8
        case 16: return .uint16
        case 64: return .uint64
        default: return .uint32
        }
    }

    static func randintBody(_ ctx: JaxContext, _ key: JaxValue, _ minArg: JaxValue, _ maxArg: JaxValue,
                            shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        let nbits = dtype.itemSize * 8
        let unsigned = unsignedDType(bits: nbits)
        let constant = { (v: Int64) -> JaxValue in JNP.constant(.int(v), unsigned) }
        let dtypeMax = try convertAndClip(ctx, JNP.constant(.int(dtype.integerRange.max), dtype), to: maxArg.dtype)
        let maxOutOfRange = try Lax.compare(ctx, .gt, maxArg, dtypeMax)
        var minval = try convertAndClip(ctx, minArg, to: dtype)
        var maxval = try convertAndClip(ctx, maxArg, to: dtype)
        minval = try broadcastToRank(ctx, minval, shape.count)
        maxval = try broadcastToRank(ctx, maxval, shape.count)
        let pair = try Tracing.bind1(ctx, .randomSplit, [key], Params().with(.shape, [2]))
        let k1 = try JNP.iterationItem(ctx, pair, 0), k2 = try JNP.iterationItem(ctx, pair, 1)
        let higher = try rawBits(ctx, k1, shape: shape, bitWidth: nbits)
        let lower = try rawBits(ctx, k2, shape: shape, bitWidth: nbits)
        var span = try JNP.convert(ctx, try Lax.sub(ctx, maxval, minval), to: unsigned)
        span = try Lax.select(ctx, try Lax.compare(ctx, .le, maxval, minval), span, try Lax.full(ctx, span, 1))
        let widen = try JNP.logicalAnd(ctx, maxOutOfRange, try Lax.compare(ctx, .gt, maxval, minval))
        span = try Lax.select(ctx, widen, span, try Lax.add(ctx, span, constant(1)))
        var multiplier = try Tracing.bind1(ctx, .rem, [constant(Int64(1) << (nbits / 2)), span])
        multiplier = try Tracing.bind1(ctx, .rem, [try Lax.mul(ctx, multiplier, multiplier), span])
        let high = try Lax.mul(ctx, try Tracing.bind1(ctx, .rem, [higher, span]), multiplier)
        var offset = try Lax.add(ctx, high, try Tracing.bind1(ctx, .rem, [lower, span]))
        offset = try Tracing.bind1(ctx, .rem, [offset, span])
        return try Lax.add(ctx, minval, try JNP.convert(ctx, offset, to: dtype))
    }

    /// Samplers take one key; a batch of keys is refused as JAX refuses it.
    static func single(_ keys: JaxValue, _ name: String) throws(PyException) {
        guard keys.aval.isKey else {
            throw PyException.typeError("\(name) requires a typed key array (dtype key<fry>), got \(keys.aval)")
        }
        guard keys.shape.isEmpty else {
            throw PyException.valueError(
                "\(name) accepts a single key, but was given a key array of shape \(Shape.describe(keys.shape)) != (). Use jax.vmap for batching.")
        }
    }

    static func checkShape(_ shape: [Int]) throws(PyException) {
        if shape.contains(where: { $0 < 0 }) {
            throw PyException("jaxlib.mlir._mlir_libs._mlir.ir.MLIRError", "Invalid type:\nerror: unknown: invalid tensor dimension size")
        }
    }

    static func requireFloat(_ dtype: DType, _ name: String) throws(PyException) {
        guard dtype.isFloating else {
            let kinds = name == "normal" ? "a float or complex dtype" : "a float dtype"
            throw PyException.valueError("dtype argument to `\(name)` must be \(kinds), got \(dtype.name)")
        }
    }
}
