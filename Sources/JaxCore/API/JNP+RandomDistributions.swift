/// jax.random's samplers built on `_uniform` by a transformation (exponential, gumbel,
/// logistic, laplace, cauchy), rademacher, categorical and orthogonal: the same jitted functions with the
/// same operations as `jax/_src/random/core.py`, so the same draws and jaxprs.
extension RandomOps {
    /// A NumPy scalar of `dtype` (strongly typed), as `finfo(dtype).tiny` and friends.
    private static func typed(_ v: Double, _ dtype: DType) -> JaxValue {
        .array(JaxArray.scalar(.float(v), dtype: dtype, weak: false))
    }

    /// The gap below 1 and the gap above 1 of `dtype` (`finfo(dtype).epsneg` and `eps`).
    private static func gaps(_ dtype: DType) -> (epsneg: Double, eps: Double) {
        switch dtype {
        case .float16: return (0x1p-11, 0x1p-10)
        case .bfloat16: return (0x1p-8, 0x1p-7)
        case .float64: return (0x1p-53, 0x1p-52)
        default: return (0x1p-24, 0x1p-23)
        }
    }

    /// `uniform(key, shape, dtype, minval, maxval)` called inside a sampler: the jitted
    /// `_uniform` with its bounds in call order. `keywordOrder` is a direct `_uniform(key,
    /// minval=..., maxval=...)` call, whose jit receives the keywords sorted (maxval first).
    private static func draw(_ ctx: JaxContext, _ key: JaxValue, shape: [Int], dtype: DType, minval: JaxValue, maxval: JaxValue,
                             keywordOrder: Bool = false) throws(PyException) -> JaxValue {
        let args = keywordOrder ? [key, maxval, minval] : [key, minval, maxval]
        return try JNP.jitted(ctx, name: "_uniform", args, cacheKey: "\(shape)\(dtype)") { a throws(PyException) -> JaxValue in
            try uniformBody(ctx, keywordOrder ? [a[0], a[2], a[1]] : a, shape: shape, dtype: dtype)
        }
    }

    /// A sampler of one key staged as the jitted `name`.
    private static func sampler(_ ctx: JaxContext, _ keys: JaxValue, _ name: String, shape: [Int], dtype: DType,
                                _ body: @escaping (JaxValue) throws(PyException) -> JaxValue) throws(PyException) -> JaxValue {
        try single(keys, name)
        try checkShape(shape)
        try requireFloat(dtype, name)
        return try JNP.jitted(ctx, name: "_" + name, [keys], cacheKey: "\(shape)\(dtype)") { a throws(PyException) in try body(a[0]) }
    }

    /// `jax.random.exponential`: -log1p(-u).
    public static func exponential(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try sampler(ctx, keys, "exponential", shape: shape, dtype: dtype) { key throws(PyException) in
            let u = try draw(ctx, key, shape: shape, dtype: dtype, minval: JNP.weakFloat(ctx, 0), maxval: JNP.weakFloat(ctx, 1))
            return try Lax.neg(ctx, try Lax.unary(ctx, .log1p, try Lax.neg(ctx, u)))
        }
    }

    /// `jax.random.gumbel` in its default ("low") mode: -log(-log(u)) for u from tiny to 1.
    public static func gumbelSample(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try single(keys, "gumbel")
        try checkShape(shape)
        try requireFloat(dtype, "gumbel")
        return try gumbel(ctx, keys, shape: shape, dtype: dtype)
    }

    /// `jax.random.logistic`: log(u) - log1p(-u) for u from tiny to 1.
    public static func logistic(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try sampler(ctx, keys, "logistic", shape: shape, dtype: dtype) { key throws(PyException) in
            let u = try draw(ctx, key, shape: shape, dtype: dtype, minval: typed(dtype.smallestNormal, dtype), maxval: JNP.weakFloat(ctx, 1))
            return try Lax.sub(ctx, try Lax.unary(ctx, .log, u), try Lax.unary(ctx, .log1p, try Lax.neg(ctx, u)))
        }
    }

    /// `jax.random.laplace`: sign(u) * log1p(-|u|) for u in (-1, 1).
    public static func laplace(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try sampler(ctx, keys, "laplace", shape: shape, dtype: dtype) { key throws(PyException) in
            let low = typed(-1 + gaps(dtype).epsneg, dtype)
            let u = try draw(ctx, key, shape: shape, dtype: dtype, minval: low, maxval: JNP.weakFloat(ctx, 1))
            let sign = try Lax.unary(ctx, .sign, u)
            return try Lax.mul(ctx, sign, try Lax.unary(ctx, .log1p, try Lax.neg(ctx, try Lax.unary(ctx, .abs, u))))
        }
    }

    /// `jax.random.cauchy`: tan(pi * (u - 0.5)) for u from eps to 1.
    public static func cauchy(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try sampler(ctx, keys, "cauchy", shape: shape, dtype: dtype) { key throws(PyException) in
            let u = try draw(ctx, key, shape: shape, dtype: dtype, minval: typed(gaps(dtype).eps, dtype), maxval: JNP.weakFloat(ctx, 1))
            return try Lax.unary(ctx, .tan, try Lax.mul(ctx, Lax.const(u, Double.pi), try Lax.sub(ctx, u, Lax.const(u, 0.5))))
        }
    }

    /// `jax.random.rademacher`: 2 * bernoulli(0.5) - 1 in an integer (or any) dtype.
    public static func rademacher(_ ctx: JaxContext, _ keys: JaxValue, shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try single(keys, "rademacher")
        try checkShape(shape)
        return try JNP.jitted(ctx, name: "_rademacher", [keys], cacheKey: "\(shape)\(dtype)") { a throws(PyException) in
            let flips = try bernoulli(ctx, a[0], p: typed(0.5, ctx.defaultFloat), shape: shape)
            let values = try JNP.convert(ctx, flips, to: dtype)
            return try JNP.convert(ctx, try JNP.subtract(ctx, try JNP.multiply(ctx, JNP.weakInt(ctx, 2), values), JNP.weakInt(ctx, 1)), to: dtype)
        }
    }

    /// `jax.random.categorical(key, logits, axis, shape, replace)`: with replacement the argmax
    /// over `axis` of logits plus Gumbel noise, one draw per element of `shape`; without, the
    /// top k of one noisy copy of the logits (the Gumbel top-k trick).
    public static func categorical(_ ctx: JaxContext, _ keys: JaxValue, logits: JaxValue, axis: Int, shape: [Int]?,
                                   replace: Bool) throws(PyException) -> JaxValue {
        try single(keys, "categorical")
        guard logits.rank > 0 else {
            throw PyException("IndexError", "index \(axis) is out of bounds for axis 0 with size 0")
        }
        let a = try AxisRules.normalize(axis, rank: logits.rank)
        var batchShape = logits.shape
        batchShape.remove(at: a)
        let sampleShape = shape ?? batchShape
        guard sampleShape.count >= batchShape.count, Array(sampleShape.suffix(batchShape.count)) == batchShape else {
            // JAX's _check_shape quotes the batch shape that np.delete built (NumPy ints)
            let numpyInts = batchShape.map { "np.int64(\($0))" }
            let batch = "(" + numpyInts.joined(separator: ", ") + (numpyInts.count == 1 ? ",)" : ")")
            throw PyException.valueError("Incompatible shapes for broadcasting: shapes=[\(Shape.describe(sampleShape)), \(batch)]")
        }
        let prefix = Array(sampleShape.prefix(sampleShape.count - batchShape.count))
        var noiseShape = batchShape
        noiseShape.insert(logits.shape[a], at: a)
        guard logits.dtype.isFloating else { throw PyException.valueError("dtype argument to `gumbel` must be a float dtype, got \(logits.dtype.name)") }
        if !replace { return try categoricalWithoutReplacement(ctx, keys, logits: logits, axis: a, shape: sampleShape, draws: prefix) }
        let noise = try gumbel(ctx, keys, shape: prefix + noiseShape, dtype: logits.dtype)
        let expanded = prefix.isEmpty ? logits
            : try JNP.broadcastInDim(ctx, logits, shape: Array(repeating: 1, count: prefix.count) + logits.shape,
                                     dims: Array(prefix.count ..< prefix.count + logits.rank))
        return try JNP.argmax(ctx, try JNP.add(ctx, noise, expanded), axis: a + prefix.count)
    }

    /// `_categorical` with `replace=False`: the indices of the k largest noisy logits along
    /// `axis`, k the number of draws, moved to the front.
    private static func categoricalWithoutReplacement(_ ctx: JaxContext, _ keys: JaxValue, logits: JaxValue, axis: Int, shape: [Int],
                                                      draws prefix: [Int]) throws(PyException) -> JaxValue {
        let noisy = try JNP.add(ctx, logits, try gumbel(ctx, keys, shape: logits.shape, dtype: logits.dtype))
        let k = prefix.reduce(1, *)
        guard k <= logits.shape[axis] else {
            throw PyException.valueError("Number of samples without replacement (\(k)) cannot exceed number of categories (\(logits.shape[axis])).")
        }
        let last = try JNP.moveaxis(ctx, noisy, source: [axis], destination: [-1])
        let indices = try Tracing.bind(ctx, .topK, [last], Params().with(.axis, last.rank - 1).with(.k, k))[1]
        return try Lax.reshape(ctx, indices, shape, dimensions: [indices.rank - 1] + Array(0 ..< indices.rank - 1))
    }

    /// `jax.random.orthogonal(key, n, shape, dtype, m)`: the Q of a normal matrix's QR with its
    /// columns' signs fixed by R's diagonal (transposed when n < m), staged as `_orthogonal`.
    public static func orthogonal(_ ctx: JaxContext, _ keys: JaxValue, n: Int, m: Int?, shape: [Int], dtype: DType) throws(PyException) -> JaxValue {
        try single(keys, "orthogonal")
        try checkShape(shape)
        try requireFloat(dtype, "orthogonal")
        let columns = m ?? n
        guard n >= 0, columns >= 0 else { throw PyException.valueError("orthogonal needs non-negative n and m, got \(n) and \(columns)") }
        return try JNP.jitted(ctx, name: "_orthogonal", [keys], cacheKey: "\(n)|\(columns)|\(shape)\(dtype)") { a throws(PyException) in
            let z = try normal(ctx, a[0], shape: shape + [max(n, columns), min(n, columns)], dtype: dtype)
            let factors = try JNP.qr(ctx, z, mode: "reduced")
            let d = try JNP.diagonal(ctx, factors[1], axis1: -2, axis2: -1)
            let x = try JNP.multiply(ctx, factors[0], try JNP.expandDims(ctx, try JNP.sign(ctx, d), [-2]))
            return n < columns ? try JNP.swapaxes(ctx, x, -1, -2) : x
        }
    }
}
