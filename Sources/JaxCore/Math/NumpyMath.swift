/// NumPy's own vectorised float32 functions (its AVX2/FMA3 loops), where it does not call the
/// C library: reproduced so NumPy-mode float32 results match NumPy's bits.
enum NumpyMath {
    @inline(__always) static func c(_ bits: UInt32) -> Float { Float(bitPattern: bits) }

    /// `np.exp` on float32: Cody-Waite reduction by round(x * log2 e), a degree 5/2 rational
    /// approximation, and scaling by 2^k; NaN gives the default quiet NaN.
    @inline(__always)
    static func exp(_ input: Float) -> Float {
        if input.isNaN { return Float(bitPattern: 0x7FC0_0000) }
        if input >= c(0x42B1_7218) { return .infinity }
        if input <= c(0xC2CF_F1B5) { return 0 }
        let quadrant = ((input * c(0x3FB8_AA3B)) + c(0x4B40_0000)) - c(0x4B40_0000)
        var x = input.addingProduct(quadrant, c(0xBF31_7200))
        x = x.addingProduct(quadrant, c(0xB5BF_BE8E))
        var num = c(0x3BDD_7159).addingProduct(c(0x3A05_3DD8), x)
        num = c(0x3D51_7D8C).addingProduct(num, x)
        num = c(0x3E7D_4C58).addingProduct(num, x)
        num = c(0x3F39_CBD5).addingProduct(num, x)
        num = c(0x3F80_0000).addingProduct(num, x)
        var den = c(0xBE8C_6857).addingProduct(c(0x3CB0_E832), x)
        den = c(0x3F80_0000).addingProduct(den, x)
        let poly = num / den
        let k = Int(quadrant)
        if k > -126 {
            return Float(bitPattern: UInt32(bitPattern: Int32(bitPattern: poly.bitPattern) &+ Int32(k << 23)))
        }
        // subnormal results: one rounding of poly * 2^k
        return Float(sign: .plus, exponent: k, significand: poly)
    }
}
