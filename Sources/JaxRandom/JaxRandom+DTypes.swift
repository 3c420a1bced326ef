import JaxCore

extension JaxRandom {
    /// The dtype a sampler really produces when `requested` is asked for (nil: JAX's default
    /// float), and the UserWarning text JAX emits when x64 is off and a 64-bit type was asked
    /// for. The caller prints the warning (Python's `warnings` format) to stderr.
    public static func resolveDType(_ requested: DType?, defaultDType: DType, enableX64: Bool) -> (dtype: DType, warning: String?) {
        guard let requested else {
            return (enableX64 ? defaultDType : defaultDType.canonicalWithoutX64, nil)
        }
        if enableX64 || requested.canonicalWithoutX64 == requested {
            return (requested, nil)
        }
        let actual = requested.canonicalWithoutX64
        return (actual, truncationWarning(requested: requested, actual: actual))
    }

    /// JAX's UserWarning for a 64-bit dtype requested while x64 is off.
    public static func truncationWarning(requested: DType, actual: DType) -> String {
        "Explicitly requested dtype \(requested.name) is not available, and will be truncated to dtype \(actual.name). "
            + "To enable more dtypes, set the jax_enable_x64 configuration option or the JAX_ENABLE_X64 shell environment variable. "
            + "See https://github.com/jax-ml/jax#current-gotchas for more."
    }

    /// The dtype after x64 canonicalization, for callers that already warned.
    static func canonical(_ dtype: DType, _ enableX64: Bool) -> DType {
        enableX64 ? dtype : dtype.canonicalWithoutX64
    }

    /// A sampler parameter (minval, maxval, p, ...): one value, or an array that broadcasts to the
    /// sample shape (its trailing axes align with the shape's), read as Double.
    public enum Parameter: Sendable {
        case scalar(Double)
        case array(JaxArray)

        /// One value per output element (row-major over `shape`), or nil for a scalar.
        func expanded(to shape: [Int], name: String) throws(PyException) -> [Double]? {
            guard case .array(let array) = self else { return nil }
            let map = try broadcastMap(from: array.shape, to: shape, name: name)
            return map.map { array.storage.double(at: $0) }
        }

        /// The value when the parameter is a scalar or holds one element.
        var single: Double? {
            switch self {
            case .scalar(let v): return v
            case .array(let a): return a.count == 1 ? a.storage.double(at: 0) : nil
            }
        }
    }

    /// For each element of `shape`, the flat index in an array of `from` shape broadcast to it.
    static func broadcastMap(from: [Int], to shape: [Int], name: String) throws(PyException) -> [Int] {
        guard from.count <= shape.count else {
            throw PyException.typeError(
                "mul got arrays of different rank: \(Shape.describe(shape)), \(Shape.describe(from)).")
        }
        let padded = [Int](repeating: 1, count: shape.count - from.count) + from
        for (p, s) in zip(padded, shape) where p != s && p != 1 {
            throw PyException.typeError(
                "\(name) got incompatible shapes for broadcasting: \(Shape.describe(shape)), \(Shape.describe(padded)).")
        }
        let sourceStrides = Shape.strides(padded)
        let count = shape.reduce(1, *)
        var map = [Int](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: shape.count)
        for flat in 0 ..< count {
            var source = 0
            for axis in 0 ..< shape.count where padded[axis] != 1 { source += index[axis] * sourceStrides[axis] }
            map[flat] = source
            Shape.advance(&index, in: shape)
        }
        return map
    }
}
