/// XLA's CPU float32 approximations of exp, expm1, tanh, erf, sigmoid, atan and rsqrt,
/// reproduced bit for bit from its compiled kernels (fused multiply-adds exactly where LLVM
/// contracts them, denormals flushed as under MXCSR FTZ|DAZ). glibc's versions differ in the
/// last bit often enough to change printed digits.
public enum XLAMath {
    @inline(__always) static func c(_ bits: UInt32) -> Float { Float(bitPattern: bits) }

    /// Subnormals as the signed zeros that FTZ/DAZ make of them.
    @inline(__always)
    static func flush(_ x: Float) -> Float {
        x.isSubnormal ? Float(bitPattern: x.bitPattern & 0x8000_0000) : x
    }

    /// A NaN as the hardware passes it on: quieted, sign and payload kept.
    @inline(__always)
    static func quiet(_ x: Float) -> Float { Float(bitPattern: x.bitPattern | 0x0040_0000) }

    // MARK: exp

    /// exp(x) = y * scale, the two parts of XLA's Cephes-style exp (x already flushed, not NaN).
    @inline(__always)
    static func expParts(_ input: Float) -> (y: Float, scale: Float) {
        var x = input
        if x < c(0xC2AF_999A) { x = c(0xC2AF_999A) }
        if x > c(0x42B1_999A) { x = c(0x42B1_999A) }
        // floor without a library call: v is finite and well inside Int32's range here
        let v = Float(0.5).addingProduct(x, c(0x3FB8_AA3B))
        let truncated = Float(Int32(v))
        var fx = truncated > v ? truncated - 1 : truncated
        if fx < -127 { fx = -127 }
        if fx > 127 { fx = 127 }
        var r = x.addingProduct(-fx, c(0x3F31_8000))
        r = r.addingProduct(-fx, c(0xB95E_8083))
        var p = c(0x3950_6967)
        p = c(0x3AB7_43CE).addingProduct(p, r)
        p = c(0x3C08_8908).addingProduct(p, r)
        p = c(0x3D2A_A9C1).addingProduct(p, r)
        p = c(0x3E2A_AAAA).addingProduct(p, r)
        p = Float(0.5).addingProduct(p, r)
        let y = flush(r.addingProduct(p, flush(r * r))) + 1
        let scale = Float(bitPattern: UInt32(Int32(fx) + 127) << 23)
        return (y, scale)
    }

    /// e^x as XLA's inline code computes it.
    @inline(__always)
    public static func exp(_ x0: Float) -> Float {
        let x = flush(x0)
        if x.isNaN { return quiet(x) }
        let (y, scale) = expParts(x)
        return flush(y * scale)
    }

    /// jax.nn.sigmoid: `1 / fma(y, 2^n, 1)` with y and 2^n the parts of exp(-x).
    @inline(__always)
    public static func logistic(_ x0: Float) -> Float {
        let x = flush(x0)
        if x.isNaN { return quiet(-x) }
        let (y, scale) = expParts(-x)
        return flush(1 / Float(1).addingProduct(y, scale))
    }

    // MARK: tanh and expm1

    /// tanh(x) by XLA's clamped rational approximation; tiny inputs come back unchanged.
    @inline(__always)
    public static func tanh(_ x0: Float) -> Float {
        let x = flush(x0)
        if x.isNaN { return quiet(x0) }
        let ax = x.magnitude
        if ax < c(0x39D1_B717) { return x0 }
        if ax >= 20 { return Float(signOf: x, magnitudeOf: 1) }
        var xc = x
        if xc < -c(0x40FF_F644) { xc = -c(0x40FF_F644) }
        if xc > c(0x40FF_F644) { xc = c(0x40FF_F644) }
        let x2 = flush(xc * xc)
        var p = c(0xA59F_25C0)
        p = c(0x2A61_337E).addingProduct(x2, p)
        p = c(0xAEBD_37FF).addingProduct(x2, p)
        p = c(0x335C_0041).addingProduct(x2, p)
        p = c(0x3779_434A).addingProduct(x2, p)
        p = c(0x3A27_0DED).addingProduct(x2, p)
        p = c(0x3BA0_59DC).addingProduct(x2, p)
        p = flush(xc * p)
        var q = c(0x35A0_D3D8)
        q = c(0x38F8_95D6).addingProduct(x2, q)
        q = c(0x3B14_AA05).addingProduct(x2, q)
        q = c(0x3BA0_59DD).addingProduct(x2, q)
        return flush(p / q)
    }

    /// e^x - 1: `exp(x) - 1` above 0.5 in magnitude, else `tanh(x/2) * (exp(x) + 1)`.
    @inline(__always)
    public static func expm1(_ x0: Float) -> Float {
        let x = flush(x0)
        if x.isNaN { return quiet(x0) }
        let (y, scale) = expParts(x)
        let e = flush(y * scale)
        if x.magnitude > 0.5 { return flush(e - 1) }
        let half = flush(x * 0.5)
        if half == 0 { return x0 }
        return flush(tanh(half) * flush(e + 1))
    }

    // MARK: erf

    /// erf(x); `clamped` selects XLA's variant B (0-d and 1-element arrays, fusions with
    /// broadcast constants), which clamps the input first and saturates earlier.
    @inline(__always)
    public static func erf(_ x0: Float, clamped: Bool = false) -> Float {
        let x = flush(x0)
        if x.isNaN { return quiet(x0) }
        var xc = x
        if clamped {
            let bound = c(0x406F_9C68)
            if x.magnitude >= bound { return Float(signOf: x, magnitudeOf: 1) }
            xc = Swift.min(Swift.max(x, -bound), bound)
        } else if x.magnitude >= c(0x4075_47CB) {
            return Float(signOf: x, magnitudeOf: 1)
        }
        let x2 = flush(xc * xc)
        var p = c(0x3970_2D51)
        p = c(0x3B5F_5DA2).addingProduct(x2, p)
        p = c(0x3D50_B6EB).addingProduct(x2, p)
        p = c(0x3E3D_A740).addingProduct(x2, p)
        p = c(0x3F90_6EBA).addingProduct(x2, p)
        var q = c(0xB3FD_3906)
        q = c(0x37C5_88DF).addingProduct(x2, q)
        q = c(0x3A85_6D28).addingProduct(x2, q)
        q = c(0x3C66_87D4).addingProduct(x2, q)
        q = c(0x3DE3_4C21).addingProduct(x2, q)
        q = c(0x3EFE_B44A).addingProduct(x2, q)
        q = Float(1).addingProduct(x2, q)
        return flush(flush(xc * p) / q)
    }

    // MARK: atan

    /// XLA's own atan (used where it does not call glibc's `atanf`).
    @inline(__always)
    public static func atan(_ x0: Float) -> Float {
        let x = flush(x0)
        if x.isNaN { return quiet(x0) }
        if x0.magnitude < 1e-3 { return x0 }
        let ax = x.magnitude
        let big = ax > 1
        let t = big ? flush(1 / ax) : ax
        let t2 = flush(t * t)
        let p = c(0x3F4F_9D60).addingProduct(c(0x3F3A_CBA0).addingProduct(t2, c(0x3DE5_6E67)), t2)
        let q = c(0x3F4F_9D60).addingProduct(
            Float(1).addingProduct(c(0x3E90_FDB4).addingProduct(t2, c(0x3C25_57B4)), t2), t2)
        var r = flush(t * flush(p / q))
        if big { r = c(0x3FC9_0FDB) - r }
        return Float(signOf: x, magnitudeOf: r)
    }

    // MARK: rsqrt

    /// `lax.rsqrt`: the Zen 3 `rsqrtss` estimate refined by one Newton step for positive
    /// normal inputs.
    @inline(__always)
    public static func rsqrt(_ x0: Float) -> Float {
        let x = flush(x0)
        let y0 = RsqrtEstimate.estimate(x)
        guard x > 0 && x.isFinite else { return y0 }
        let inner = Float(-1).addingProduct(flush(x * y0), y0)
        return flush(y0.addingProduct(flush(y0 * -0.5), inner))
    }
}
