/// XLA's CPU float32 `log`, `log1p` and `erf_inv`, reproduced bit for bit (Cephes-style
/// polynomials, fused multiply-adds where LLVM contracts them, denormals flushed to zero as the
/// CPU runs with FTZ/DAZ). The platform's libm differs in the last bit for a few percent of inputs,
/// which changes printed digits and every `jax.random.normal` sample built on top.
public enum XLALog {
    private static let smallestNormal = Float(bitPattern: 0x0080_0000)
    private static let sqrtHalf = Float(bitPattern: 0x3F35_04F3)
    private static let logP: (Float, Float, Float, Float, Float, Float, Float, Float, Float) = (
        Float(bitPattern: 0x3D90_21BB), Float(bitPattern: 0xBDEB_D1B8), Float(bitPattern: 0x3DEF_251A),
        Float(bitPattern: 0xBDFE_5D4F), Float(bitPattern: 0x3E11_E9BF), Float(bitPattern: 0xBE2A_AE50),
        Float(bitPattern: 0x3E4C_CEAC), Float(bitPattern: 0xBE7F_FFFC), Float(bitPattern: 0x3EAA_AAAA))
    private static let logQ1 = Float(bitPattern: 0xB95E_8083)
    private static let logQ2 = Float(bitPattern: 0x3F31_8000)
    private static let log1pThreshold = Float(bitPattern: 0x3ED4_13CD)
    private static let log1pP: [Float] = [0x383D_E04B, 0x3EFF_40C5, 0x40D2_84FA, 0x41EF_4B9C,
                                          0x4273_CC76, 0x4264_73AD, 0x41A0_5101].map { Float(bitPattern: $0) }
    private static let log1pQ: [Float] = [0x3F80_0000, 0x4171_01AD, 0x42A6_185B, 0x435D_C32D,
                                          0x439A_8CA3, 0x4358_6D8A, 0x4270_7982].map { Float(bitPattern: $0) }
    /// Subnormals read and written as signed zero, as under MXCSR FTZ|DAZ.
    @inline(__always)
    static func flush(_ x: Float) -> Float {
        x.isSubnormal ? Float(bitPattern: x.bitPattern & 0x8000_0000) : x
    }

    /// Natural logarithm of a float32 as XLA's CPU kernels compute it.
    @inline(__always)
    public static func log(_ x: Float) -> Float {
        flush(logNoFlush(flush(x)))
    }

    /// `log(1 + x)` of a float32 as XLA's CPU kernels compute it.
    @inline(__always)
    public static func log1p(_ x: Float) -> Float {
        flush(log1pNoFlush(flush(x)))
    }

    /// The inverse error function of a float32 as XLA's CPU kernels compute it (±1 give ±inf,
    /// |x| > 1 gives NaN).
    @inline(__always)
    public static func erfInv(_ x: Float) -> Float {
        let u = flush(x)
        let l = log1pNoFlush(u * -u)
        // Giles' approximation: one polynomial in w = -log(1-u^2) - 2.5 for w < 5, another in
        // sqrt(w) - 3 beyond; Horner steps are single fused multiply-adds.
        let small = l > -5
        let w = small ? -2.5 - l : (-l).squareRoot() - 3
        var p: Float = small ? 2.81022636e-08 : -0.000200214257
        p = (small ? 3.43273939e-07 as Float : 0.000100950558).addingProduct(w, p)
        p = (small ? -3.5233877e-06 as Float : 0.00134934322).addingProduct(w, p)
        p = (small ? -4.39150654e-06 as Float : -0.00367342844).addingProduct(w, p)
        p = (small ? 0.00021858087 as Float : 0.00573950773).addingProduct(w, p)
        p = (small ? -0.00125372503 as Float : -0.0076224613).addingProduct(w, p)
        p = (small ? -0.00417768164 as Float : 0.00943887047).addingProduct(w, p)
        p = (small ? 0.246640727 as Float : 1.00167406).addingProduct(w, p)
        p = (small ? 1.50140941 as Float : 2.83297682).addingProduct(w, p)
        if u.magnitude == 1 { p = .infinity }
        // A NaN input comes back quieted with its own sign and payload, as x86 `mulss` keeps it.
        if u.isNaN { return Float(bitPattern: u.bitPattern | 0x0040_0000) }
        return flush(u * p)
    }

    @inline(__always)
    static func logNoFlush(_ x: Float) -> Float {
        // max(x, FLT_MIN) with NaN replaced too, so the bit tricks below see a positive normal.
        let xc = x > smallestNormal ? x : smallestNormal
        let b = xc.bitPattern
        var e = Float(Int32(bitPattern: b >> 23) &- 127) + 1
        let m = Float(bitPattern: (b & 0x807F_FFFF) | 0x3F00_0000)
        let lt = m < sqrtHalf
        let r = (m - 1) + (lt ? m : 0)
        if lt { e -= 1 }
        let x2 = r * r
        let x3 = x2 * r
        var y = logP.2.addingProduct(logP.1.addingProduct(logP.0, r), r)
        let y1 = logP.5.addingProduct(logP.4.addingProduct(logP.3, r), r)
        let y2 = logP.8.addingProduct(logP.7.addingProduct(logP.6, r), r)
        y = y1.addingProduct(y, x3)
        y = y2.addingProduct(y, x3)
        y = (e * logQ1).addingProduct(y, x3)
        var res = r.addingProduct(-0.5, x2) + y
        res = res.addingProduct(e, logQ2)
        if x == 0 { return -.infinity }
        if x == .infinity { return .infinity }
        if !(x > 0) { return Float(bitPattern: 0xFFFF_FFFF) }
        return res
    }

    @inline(__always)
    static func log1pNoFlush(_ x: Float) -> Float {
        if !(x.magnitude < log1pThreshold) {
            return logNoFlush(flush(x + 1))
        }
        var p = log1pP[0]
        var q = log1pQ[0]
        for i in 1..<7 {
            p = log1pP[i].addingProduct(p, x)
            q = log1pQ[i].addingProduct(q, x)
        }
        let ratio = p / q
        let x2 = x * x
        let t = (x * x2) * ratio
        return x + t.addingProduct(-0.5, x2)
    }
}
