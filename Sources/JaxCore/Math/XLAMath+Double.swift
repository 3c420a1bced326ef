#if canImport(Glibc)
import Glibc
#endif

/// XLA's CPU float64 exp, expm1, tanh, sigmoid and log1p (x64 mode), from the LLVM IR JAX
/// compiles on this machine: fused multiply-adds where a product has a single use, as LLVM
/// contracts them. Callers run them with denormals flushed (FTZ/DAZ), as XLA does.
extension XLAMath {
    @inline(__always) static func d(_ bits: UInt64) -> Double { Double(bitPattern: bits) }

    static let exp64Low = Double(bitPattern: 0xC086_232B_DD7A_BCD2)
    static let exp64High = Double(bitPattern: 0x4086_2E42_FEFA_39EF)

    /// exp(x) = y * s * s * s * s2 with the rational approximation y and the two scale factors
    /// (x already known not to be NaN; clamped inside).
    @inline(__always)
    static func exp64Parts(_ input: Double) -> (y3: Double, s2: Double) {
        let x = Swift.max(Swift.min(input, exp64High), exp64Low)
        let v = Double(0.5).addingProduct(x, d(0x3FF7_1547_652B_82FE))
        let truncated = Double(Int64(v))   // v is finite and below 1100 in magnitude
        let nf = truncated > v ? truncated - 1 : truncated
        var g = x.addingProduct(-nf, d(0x3FE6_2E40_0000_0000))
        g = g.addingProduct(-nf, d(0x3EB7_F7D1_CF79_ABCA))
        let g2 = g * g
        var p = d(0x3F9F_06D1_0CCA_2C7E).addingProduct(g2, d(0x3F20_89CD_D5E4_4BE8))
        p = Double(1).addingProduct(p, g2)
        let pg = p * g
        var q = d(0x3F64_AE39_B508_B6C0).addingProduct(g2, d(0x3EC9_2EB6_BC36_5FA0))
        q = d(0x3FCD_1709_9887_E074).addingProduct(q, g2)
        q = Double(2).addingProduct(q, g2)
        let approx = Double(1).addingProduct(pg / (q - pg), 2)
        let n = Int64(Swift.max(Swift.min(Int32(nf), 2099), -2099))
        let b = n >> 2
        let s = Double(bitPattern: UInt64(bitPattern: (b << 52) &+ 0x3FF0_0000_0000_0000))
        let s2 = Double(bitPattern: UInt64(bitPattern: ((n &- 3 &* b) << 52) &+ 0x3FF0_0000_0000_0000))
        return (approx * s * s * s, s2)
    }

    /// e^x in float64 as XLA's inline code computes it.
    @inline(__always)
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x + 0 }
        if x < exp64Low { return 0 }
        if x > exp64High { return .infinity }
        let (y3, s2) = exp64Parts(x)
        return y3 * s2
    }

    /// jax.nn.sigmoid in float64: `1 / fma(y, s2, 1)` with the parts of exp(-x).
    @inline(__always)
    public static func logistic(_ x: Double) -> Double {
        if x.isNaN { return -x + 0 }
        if -x < exp64Low { return 1 }
        if -x > exp64High { return 0 }
        let (y3, s2) = exp64Parts(-x)
        return 1 / Double(1).addingProduct(y3, s2)
    }

    /// tanh(x) in float64: a clamped degree-19/18 rational approximation.
    @inline(__always)
    public static func tanh(_ x: Double) -> Double {
        if x.isNaN { return x + 0 }
        if x.magnitude >= 20 { return Double(signOf: x, magnitudeOf: 1) }
        let bound = d(0x4031_B6D5_8F24_6197)
        let xc = Swift.min(Swift.max(x, -bound), bound)
        let x2 = xc * xc
        var p = d(0x3C2C_3C83_6C04_B4C8).addingProduct(x2, d(0x3B3F_9F82_E5D7_82DF))
        for c: UInt64 in [0x3CEC_3379_F905_E662, 0x3D92_9AFF_6C8E_DD96, 0x3E25_25A3_89DC_E7C2, 0x3EA7_0881_9BE5_1CD9,
                          0x3F18_996F_4026_A7FA, 0x3F78_7F80_B957_ED00, 0x3FC3_6FBA_9B45_0E5A, 0x3FF0_0000_0000_0000] {
            p = d(c).addingProduct(x2, p)
        }
        var q = d(0x3C90_AABC_A9A5_FEA0).addingProduct(x2, d(0x3BBE_8630_CF90_3250))
        for c: UInt64 in [0x3D42_3298_1AA2_BBA8, 0x3DDE_E2F0_15EA_8065, 0x3E68_1F19_47C5_2304, 0x3EE2_6C82_AB46_D140,
                          0x3F4B_2E7C_4D48_8C04, 0x3FA1_9988_3026_5B50, 0x3FDF_0D32_A2F7_DC79, 0x3FF0_0000_0000_0000] {
            q = d(c).addingProduct(x2, q)
        }
        return (xc * p) / q
    }

    /// e^x - 1 in float64: `exp(x) - 1` above 0.5 in magnitude, else `tanh(x/2) * (exp(x) + 1)`.
    @inline(__always)
    public static func expm1(_ x: Double) -> Double {
        if x.isNaN { return x + 0 }
        let half = x * 0.5
        if half == 0 { return x }
        let e = exp(x)
        if x.magnitude > 0.5 { return e + -1 }
        return tanh(half) * (e + 1)
    }

    /// log(1 + x) in float64: a rational approximation below 0.4142 in magnitude, else the
    /// C library's log of the rounded sum.
    @inline(__always)
    public static func log1p(_ x: Double) -> Double {
        guard x.magnitude < d(0x3FDA_8279_99FC_EF32) else { return Glibc.log(x + 1) }
        let zero = x * 0
        var q = zero + 1
        for c: UInt64 in [0x402E_2035_9E90_3E37, 0x4054_C30B_5221_3498, 0x406B_B865_90FC_FB56, 0x4073_5194_5DC9_08A5,
                          0x406B_0DB1_3E48_E066, 0x404E_0F30_4466_448E] {
            q = d(c).addingProduct(q, x)
        }
        var p = zero + d(0x3F07_BC09_62B3_95CA)
        for c: UInt64 in [0x3FDF_E818_A0FE_1A83, 0x401A_509F_46F4_FA53, 0x403D_E973_8B8C_B9C9, 0x404E_798E_B86C_3351,
                          0x404C_8E75_9747_9A10, 0x4034_0A20_2D99_830A] {
            p = d(c).addingProduct(p, x)
        }
        let x2 = x * x
        let t = (x * x2) * (p / q)
        return x + t.addingProduct(x2, -0.5)
    }

    /// `lax.rsqrt` in float64: an estimate refined by two Newton steps for positive normal
    /// inputs. XLA's estimate on CPUs without AVX-512 is not known yet; starting from the
    /// exact quotient agrees with JAX on about 93% of inputs.
    @inline(__always)
    public static func rsqrt(_ x: Double) -> Double {
        let y0 = 1 / x.squareRoot()
        guard x > 0 && x.isNormal else { return y0 }
        var y = y0
        for _ in 0..<2 {
            y = y.addingProduct(y * -0.5, Double(-1).addingProduct(x * y, y))
        }
        return y
    }

    /// Giles' coefficients as XLA orders them: w < 6.25, w < 16, and beyond.
    static let erfInv64Central: [UInt64] = [
        0xBBB1_35D2_E746_E627, 0xBC08_DDF9_3324_D327, 0x3C37_B83E_EF0B_7C9F, 0x3C69_BA72_CD58_9B91,
        0xBCA3_3689_090A_6B96, 0x3C78_2E11_8981_32E0, 0x3CFD_E4AC_FD9E_26BA, 0xBD26_D33E_ED66_C487,
        0xBD36_F216_7040_D8E2, 0x3D87_2A22_C2D7_7E20, 0xBDAC_8859_C4E5_C0AF, 0xBDCD_C583_D118_A561,
        0x3E12_0F47_CCF4_6B3C, 0xBE31_A9E3_8DC8_4D60, 0xBE5F_36CD_6D3D_46A9, 0x3E9C_6B4F_5D03_B787,
        0xBEB6_E8A5_434A_E8A2, 0xBEED_1D1F_7B87_36F6, 0x3F28_79C2_A212_F024, 0xBF48_4576_9484_FCA8,
        0xBF78_B6C3_3114_F909, 0x3FCE_BD80_D9B1_3E28, 0x3FFA_755E_7C99_AE86,
    ]
    static let erfInv64Tail: [UInt64] = [
        0x3E23_040F_87DB_D932, 0x3E78_5CBE_5287_8635, 0xBE92_7774_53DD_3955, 0x3E53_95AB_CD55_4C6C,
        0x3EB9_3638_8A37_90AD, 0xBED0_D5DB_812B_5083, 0x3EC8_860C_D5D6_52F6, 0x3EEA_29A0_CACD_FB23,
        0xBF08_CEF1_F802_81F2, 0x3F11_E684_D0B9_188A, 0x3EF9_32CD_54C8_A222, 0xBF37_448A_89EF_8AA3,
        0x3F4F_3CC5_5AD4_0C25, 0xBF5B_A924_132F_38B1, 0x3F64_68EE_CA53_3CF8, 0xBF6E_BADA_BB89_1BBD,
        0x3F75_FFCF_E5B7_6AFC, 0x3FF0_158A_6D64_1D39, 0x4008_ABCC_380D_5A48,
    ]
    static let erfInv64FarTail: [UInt64] = [
        0xBDBD_CEC3_A778_5389, 0xBDF1_8FEE_C0E3_8727, 0x3E19_E6BF_2DDA_45E3, 0xBE30_468F_B24E_2F5F,
        0x3E40_5AC6_A8FB_A182, 0xBE50_102E_495F_B9C0, 0x3E5F_4C20_E133_4AF8, 0xBE72_2D22_0FDF_9C3E,
        0x3E8E_BC8B_B824_CB54, 0xBEB0_A8D4_0EA3_72CC, 0x3ED2_FBD2_9D09_3D2B, 0xBEF4_A349_7E1E_0FAC,
        0x3F13_EBF4_EB00_938F, 0xBF2C_2F36_A8FC_5D53, 0xBF22_2EA5_DF04_047C, 0x3FF0_2A30_D1FB_A0DC,
        0x4013_664D_DD1A_D7FB,
    ]

    /// The inverse error function in float64 (`lax.erf_inv` with x64): Giles' polynomials in
    /// `-log1p(-x^2)` (XLA's log1p above), one fused multiply-add per Horner step.
    @inline(__always)
    public static func erfInv(_ x: Double) -> Double {
        let l = log1p(x * -x)
        let coefficients: [UInt64]
        let w: Double
        if l > -6.25 {
            coefficients = erfInv64Central
            w = -3.125 - l
        } else {
            coefficients = l > -16 ? erfInv64Tail : erfInv64FarTail
            w = (-l).squareRoot() - (l > -16 ? 3.25 : 5)
        }
        var p = d(coefficients[0])
        for c in coefficients.dropFirst() { p = d(c).addingProduct(p, w) }
        if x.magnitude == 1 { p = .infinity }
        return x * p
    }
}
