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

/// The same functions on eight lanes at once (the float32 normal sampler's inner loop); each
/// lane gives exactly the scalar result. Selects are written as bit masks because the standard
/// library's `replacing(with:where:)` and `squareRoot()` on SIMD types run lane by lane.
extension XLALog {
    @inlinable @inline(__always)
    static func bits(_ v: SIMD8<Float>) -> SIMD8<UInt32> { unsafeBitCast(v, to: SIMD8<UInt32>.self) }

    @inlinable @inline(__always)
    static func float(_ b: SIMD8<UInt32>) -> SIMD8<Float> { unsafeBitCast(b, to: SIMD8<Float>.self) }

    /// All ones in the lanes where `mask` holds.
    @inlinable @inline(__always)
    static func lanes(_ mask: SIMDMask<SIMD8<Int32>>) -> SIMD8<UInt32> { unsafeBitCast(mask, to: SIMD8<UInt32>.self) }

    /// `mask ? a : b` lane by lane.
    @inlinable @inline(__always)
    static func select(_ mask: SIMD8<UInt32>, _ a: SIMD8<UInt32>, _ b: SIMD8<UInt32>) -> SIMD8<UInt32> {
        (a & mask) | (b & ~mask)
    }

    @inlinable @inline(__always)
    static func select(_ mask: SIMD8<UInt32>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        float(select(mask, bits(a), bits(b)))
    }

    @inlinable @inline(__always)
    static func flush(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let b = bits(x)
        // Float comparisons vectorize; integer ones on SIMD types run lane by lane.
        let subnormal = lanes(float(b & 0x7FFF_FFFF) .< Float(bitPattern: 0x0080_0000))
        return float(select(subnormal, b & 0x8000_0000, b))
    }

    /// Eight lanes of `log`.
    @inlinable @inline(__always)
    public static func log(_ x: SIMD8<Float>) -> SIMD8<Float> {
        flush(logNoFlush(flush(x)))
    }

    /// Eight lanes of `log1p`.
    @inlinable @inline(__always)
    public static func log1p(_ x: SIMD8<Float>) -> SIMD8<Float> {
        flush(log1pNoFlush(flush(x)))
    }

    /// Eight lanes of `erfInv`.
    @inlinable @inline(__always)
    public static func erfInv(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let u = flush(x)
        // Negation flips the sign bit (SIMD `-v` is `0 - v`, which keeps a NaN's sign and gives +0).
        let l = log1pNoFlush(u * float(bits(u) ^ 0x8000_0000))
        let smallMask = l .> -5
        let small = lanes(smallMask)
        var w = -2.5 - l
        if !all(smallMask) {
            // Rare (|u| > 0.9966): the tail polynomial in sqrt(-l) - 3.
            let negated = float(bits(l) ^ 0x8000_0000)
            var root = SIMD8<Float>()
            for lane in 0 ..< 8 { root[lane] = negated[lane].squareRoot() }
            w = select(small, w, root - 3)
        }
        @inline(__always) func c(_ a: Float, _ b: Float) -> SIMD8<Float> {
            select(small, SIMD8(repeating: a), SIMD8(repeating: b))
        }
        var p = c(2.81022636e-08, -0.000200214257)
        p = c(3.43273939e-07, 0.000100950558).addingProduct(w, p)
        p = c(-3.5233877e-06, 0.00134934322).addingProduct(w, p)
        p = c(-4.39150654e-06, -0.00367342844).addingProduct(w, p)
        p = c(0.00021858087, 0.00573950773).addingProduct(w, p)
        p = c(-0.00125372503, -0.0076224613).addingProduct(w, p)
        p = c(-0.00417768164, 0.00943887047).addingProduct(w, p)
        p = c(0.246640727, 1.00167406).addingProduct(w, p)
        p = c(1.50140941, 2.83297682).addingProduct(w, p)
        let ub = bits(u)
        p = select(lanes(float(ub & 0x7FFF_FFFF) .== 1), SIMD8(repeating: .infinity), p)
        let result = flush(u * p)
        // A NaN input comes back quieted with its own sign and payload.
        return float(select(lanes(u .!= u), ub | 0x0040_0000, bits(result)))
    }

    @inlinable @inline(__always)
    static func logNoFlush(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let smallest = SIMD8<Float>(repeating: Float(bitPattern: 0x0080_0000))
        let xc = select(lanes(x .> smallest), x, smallest)
        let b = bits(xc)
        // The exponent field as a float, exactly, via the 2^23 magic number.
        let exponent = float((b &>> 23) | 0x4B00_0000) - 8_388_608
        let m = float((b & 0x807F_FFFF) | 0x3F00_0000)
        let lt = lanes(m .< Float(bitPattern: 0x3F35_04F3))
        let r = (m - 1) + float(bits(m) & lt)
        let e = (exponent - 127 + 1) - float(bits(SIMD8<Float>(repeating: 1)) & lt)
        let x2 = r * r
        let x3 = x2 * r
        @inline(__always) func k(_ h: UInt32) -> SIMD8<Float> { SIMD8(repeating: Float(bitPattern: h)) }
        var y = k(0x3DEF_251A).addingProduct(k(0xBDEB_D1B8).addingProduct(k(0x3D90_21BB), r), r)
        let y1 = k(0xBE2A_AE50).addingProduct(k(0x3E11_E9BF).addingProduct(k(0xBDFE_5D4F), r), r)
        let y2 = k(0x3EAA_AAAA).addingProduct(k(0xBE7F_FFFC).addingProduct(k(0x3E4C_CEAC), r), r)
        y = y1.addingProduct(y, x3)
        y = y2.addingProduct(y, x3)
        y = (e * Float(bitPattern: 0xB95E_8083)).addingProduct(y, x3)
        var res = r.addingProduct(SIMD8(repeating: -0.5), x2) + y
        res = res.addingProduct(e, k(0x3F31_8000))
        var out = bits(res)
        out = select(lanes(x .> 0), out, SIMD8(repeating: 0xFFFF_FFFF))
        out = select(lanes(x .== 0), SIMD8(repeating: 0xFF80_0000), out)
        out = select(lanes(x .== .infinity), SIMD8(repeating: 0x7F80_0000), out)
        return float(out)
    }

    @inlinable @inline(__always)
    static func log1pNoFlush(_ x: SIMD8<Float>) -> SIMD8<Float> {
        @inline(__always) func k(_ h: UInt32) -> SIMD8<Float> { SIMD8(repeating: Float(bitPattern: h)) }
        let big = logNoFlush(flush(x + 1))
        var p = k(0x383D_E04B)
        var q = SIMD8<Float>(repeating: 1)
        p = k(0x3EFF_40C5).addingProduct(p, x); q = k(0x4171_01AD).addingProduct(q, x)
        p = k(0x40D2_84FA).addingProduct(p, x); q = k(0x42A6_185B).addingProduct(q, x)
        p = k(0x41EF_4B9C).addingProduct(p, x); q = k(0x435D_C32D).addingProduct(q, x)
        p = k(0x4273_CC76).addingProduct(p, x); q = k(0x439A_8CA3).addingProduct(q, x)
        p = k(0x4264_73AD).addingProduct(p, x); q = k(0x4358_6D8A).addingProduct(q, x)
        p = k(0x41A0_5101).addingProduct(p, x); q = k(0x4270_7982).addingProduct(q, x)
        let ratio = p / q
        let x2 = x * x
        let t = (x * x2) * ratio
        let small = x + t.addingProduct(SIMD8(repeating: -0.5), x2)
        let magnitude = float(bits(x) & 0x7FFF_FFFF)
        return select(lanes(magnitude .< Float(bitPattern: 0x3ED4_13CD)), small, big)
    }
}
