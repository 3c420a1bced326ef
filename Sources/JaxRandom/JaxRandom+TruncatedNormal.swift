import JaxCore

extension JaxRandom {
    /// `jax.random.truncated_normal(key, lower, upper, shape, dtype)` for float32:
    /// `sqrt(2) * erf_inv(u)` with `u` uniform on (erf(lower/sqrt2), erf(upper/sqrt2)), clipped to
    /// the open interval (lower, upper). Other float dtypes raise NotImplementedError.
    public static func truncatedNormal(
        _ keys: PRNGKeyArray, lower: Double, upper: Double, shape: [Int], dtype: DType? = nil, enableX64: Bool
    ) throws(PyException) -> JaxArray {
        let key = try single(keys, "truncated_normal")
        let resolved = dtype.map { canonical($0, enableX64) } ?? (enableX64 ? .float64 : .float32)
        guard resolved.isFloating else {
            throw PyException.valueError("dtype argument to `truncated_normal` must be a float dtype, got \(resolved.name)")
        }
        guard resolved == .float32 else {
            throw PyException.notImplemented("jax.random.truncated_normal is only available for float32 in jaxlab")
        }
        try RandomOps.checkNonNegative(shape)
        let count = try checkShape(shape)
        let sqrt2 = Float(bitPattern: 0x3FB5_04F3)
        let lo = Float(lower)
        let hi = Float(upper)
        // XLA rewrites the division by sqrt(2) as a multiplication by its rounded reciprocal.
        let reciprocal = Float(bitPattern: 0x3F35_04F3)
        let a = XLAMath.erf(lo * reciprocal, clamped: true)
        let b = XLAMath.erf(hi * reciprocal, clamped: true)
        let floor = lo.nextUp
        let ceiling = hi.nextDown
        guard case .uint32(let words) = rawBits(key, count: count, width: 32) else {
            return JaxArray(shape: shape, storage: .float32([]))
        }
        let values = words.map { bits -> Float in
            let u = uniformSingle(bits, a, b)
            let z = sqrt2 * XLALog.erfInv(u)
            return Swift.min(Swift.max(z, floor), ceiling)
        }
        return JaxArray(shape: shape, storage: .float32(values))
    }
}
