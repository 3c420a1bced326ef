import JaxCore

/// `jax.random`: pure functions from keys to arrays, matching JAX 0.10.2 on CPU with
/// `jax_threefry_partitionable=True` bit for bit.
public enum JaxRandom {}

extension JaxRandom {
    /// `jax.random.key(seed)` / `PRNGKey(seed)` for a Python int seed. JAX first makes the seed an
    /// int64 (OverflowError beyond), then, with x64 off, an int32 (wrapping); the key is the
    /// seed's high and low 32 bits.
    public static func key(seed: Int64, enableX64: Bool) -> PRNGKeyArray {
        if enableX64 {
            let bits = UInt64(bitPattern: seed)
            return PRNGKeyArray(UInt32(truncatingIfNeeded: bits >> 32), UInt32(truncatingIfNeeded: bits))
        }
        return PRNGKeyArray(0, UInt32(truncatingIfNeeded: seed))
    }

    /// `jax.random.key(seed)` for a Python int of any size (given as its decimal digits when it
    /// does not fit an Int64, so the error names it as Python does).
    public static func key(pythonInt: Int64?, enableX64: Bool) throws(PyException) -> PRNGKeyArray {
        guard let seed = pythonInt else {
            throw PyException("OverflowError", "Python int too large to convert to C long")
        }
        return key(seed: seed, enableX64: enableX64)
    }

    /// `jax.random.key(seed)` for a 0-d array seed: an integer or bool array; 64-bit seeds give
    /// their high word, narrower ones only a low word (sign-extended to 32 bits).
    public static func key(seedArray seed: JaxArray, constructor: String = "key") throws(PyException) -> PRNGKeyArray {
        guard seed.shape.isEmpty else {
            throw PyException.typeError(
                "\(constructor) accepts a scalar seed, but was given an array of shape \(Shape.describe(seed.shape)) != (). Use jax.vmap for batching")
        }
        switch seed.storage {
        case .int64(let v):
            let bits = UInt64(bitPattern: v[0])
            return PRNGKeyArray(UInt32(truncatingIfNeeded: bits >> 32), UInt32(truncatingIfNeeded: bits))
        case .uint64(let v):
            return PRNGKeyArray(UInt32(truncatingIfNeeded: v[0] >> 32), UInt32(truncatingIfNeeded: v[0]))
        case .bool, .int8, .int16, .int32, .uint8, .uint16, .uint32:
            return PRNGKeyArray(0, UInt32(truncatingIfNeeded: seed.storage.int64(at: 0)))
        case .float16, .bfloat16, .float32, .float64:
            let weak = seed.weakType ? "~" : ""
            throw PyException.typeError(
                "PRNG key seed must be an integer; got JitTracer(\(weak)\(seed.dtype.name)[])")
        }
    }

    /// `jax.random.wrap_key_data(data)`, also how a raw uint32 key (`PRNGKey`) is accepted by
    /// every sampler: the trailing axis must be 2 and the dtype uint32.
    public static func wrapKeyData(_ data: JaxArray) throws(PyException) -> PRNGKeyArray {
        guard case .uint32(let words) = data.storage else {
            throw PyException.typeError(
                "JAX encountered invalid PRNG key data: expected key_data.dtype = uint32; got dtype=\(data.dtype.name)")
        }
        guard data.shape.last == 2 else {
            throw PyException.typeError(
                "JAX encountered invalid PRNG key data: expected key_data.shape to end with (2,); got shape=\(Shape.describe(data.shape)) for impl=\(implDescription)")
        }
        return PRNGKeyArray(shape: Array(data.shape.dropLast()), words: words)
    }

    /// What `_check_prng_key` says about a key argument that is not an array at all
    /// (`jax.random.normal(42)`): `got` is Python's repr of the argument.
    public static func invalidKeyError(got: String) -> PyException {
        PyException.typeError(
            "JAX encountered invalid PRNG key data: expected key_data to have ndim, shape, and dtype attributes. Got \(got)")
    }

    /// JAX's repr of the threefry implementation, part of its invalid-key messages.
    static let implDescription =
        "PRNGImpl(key_shape=(2,), seed=<function threefry_seed>, split=<function threefry_split>, random_bits=<function threefry_random_bits>, fold_in=<function threefry_fold_in>, name='threefry2x32', tag='fry')"

    /// Samplers take one key: a batch of keys is refused as JAX refuses it.
    static func single(_ keys: PRNGKeyArray, _ name: String) throws(PyException) -> (UInt32, UInt32) {
        guard keys.shape.isEmpty, keys.words.count == 2 else {
            throw PyException.valueError(
                "\(name) accepts a single key, but was given a key array of shape \(Shape.describe(keys.shape)) != (). Use jax.vmap for batching.")
        }
        return (keys.words[0], keys.words[1])
    }

    /// Negative dimensions reach XLA in JAX, which rejects the shape with this error.
    static func checkShape(_ shape: [Int], itemSize: Int = 4) throws(PyException) -> Int {
        if shape.contains(where: { $0 < 0 }) {
            throw PyException("jaxlib.mlir._mlir_libs._mlir.ir.MLIRError",
                              "Invalid type:\nerror: unknown: invalid tensor dimension size")
        }
        return try Shape.checkedCount(shape, itemSize: itemSize)
    }

    /// `jax.random.split(key, num)` (`shape == [num]`) or `split(key, shape)`: key `i` is the
    /// hash of the 64-bit flat index `i`.
    public static func split(_ keys: PRNGKeyArray, shape: [Int] = [2]) throws(PyException) -> PRNGKeyArray {
        let (k0, k1) = try single(keys, "split")
        let count = try checkShape(shape, itemSize: 8)
        let words = Parallel.makeArray(count: 2 * count) { (out: Parallel.Output<UInt32>, range: Range<Int>) in
            // `range` counts words; hash the keys whose first word falls in it.
            var index = range.lowerBound / 2
            while index < range.upperBound / 2 {
                let (a, b) = Threefry.hashIndices8(key: k0, k1, start: index)
                for lane in 0 ..< min(8, range.upperBound / 2 - index) {
                    out.base[2 * (index + lane)] = a[lane]
                    out.base[2 * (index + lane) + 1] = b[lane]
                }
                index += 8
            }
        }
        return PRNGKeyArray(shape: shape, words: words)
    }

    /// `jax.random.fold_in(key, data)` with `data` already a uint32 (arrays wrap to it).
    public static func foldIn(_ keys: PRNGKeyArray, data: UInt32) throws(PyException) -> PRNGKeyArray {
        let (k0, k1) = try single(keys, "fold_in")
        let (a, b) = Threefry.hash(key: k0, k1, counter: 0, data)
        return PRNGKeyArray(a, b)
    }

    /// `jax.random.fold_in(key, n)` for a Python int, which must fit a uint32.
    public static func foldIn(_ keys: PRNGKeyArray, pythonInt data: Int64) throws(PyException) -> PRNGKeyArray {
        guard data >= 0, data <= Int64(UInt32.max) else {
            throw PyException("OverflowError", "Python integer \(data) out of bounds for uint32")
        }
        return try foldIn(keys, data: UInt32(data))
    }
}
