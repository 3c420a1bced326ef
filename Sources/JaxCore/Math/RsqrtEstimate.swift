import CElementwiseKernels

/// This CPU's (AMD Zen 3) `rsqrtss` estimate, which XLA's rsqrt starts from: it depends only
/// on the exponent's parity and the top 12 mantissa bits, so 8,192 entries describe it exactly.
enum RsqrtEstimate {
    /// Entry `parity * 4096 + top12` is `rsqrtss(2^parity * (1 + top12 * 2^-12))` (the C
    /// kernels' table of 8,192 entries, read off the reference machine).
    static var table: UnsafePointer<UInt32>? { jaxlab_rsqrt_table() }

    /// The estimate for a flushed input: ±0 gives ±inf, negatives NaN, +inf 0, NaN quieted.
    @inline(__always)
    static func estimate(_ x: Float) -> Float {
        if x.isNaN { return Float(bitPattern: x.bitPattern | 0x0040_0000) }
        if x == 0 { return Float(signOf: x, magnitudeOf: .infinity) }
        if x < 0 { return Float(bitPattern: 0xFFC0_0000) }
        if x == .infinity { return 0 }
        let bits = x.bitPattern
        let e = Int32(bits >> 23) - 127
        let parity = e & 1
        let k = (e - parity) / 2
        let index = Int(parity) * 4096 + Int((bits >> 11) & 0xFFF)
        let entry = index < 8192 ? Int32(bitPattern: table?[index] ?? 0) : 0
        return Float(bitPattern: UInt32(bitPattern: entry &- (k << 23)))
    }
}
