import CJaxRandomKernels
import JaxCore
#if canImport(Glibc)
import Glibc
#endif

extension JaxRandom {
    /// `jax.random.normal(key, shape, dtype)`: `sqrt(2) * erf_inv(u)` with `u` uniform on
    /// (nextafter(-1, 0), 1), each step rounded as XLA's fused CPU kernel rounds it.
    public static func normal(_ keys: PRNGKeyArray, shape: [Int], dtype: DType? = nil, enableX64: Bool) throws(PyException) -> JaxArray {
        let key = try single(keys, "normal")
        let resolved = dtype.map { canonical($0, enableX64) } ?? (enableX64 ? .float64 : .float32)
        guard resolved.isFloating else {
            throw PyException.valueError("dtype argument to `normal` must be a float or complex dtype, got \(resolved.name)")
        }
        let count = try checkShape(shape, itemSize: resolved.itemSize)
        switch resolved {
        case .float64:
            guard case .uint64(let w) = rawBits(key, count: count, width: 64) else { break }
            return JaxArray(shape: shape, storage: .float64(w.map(normalDouble)))
        case .float16:
            guard case .uint16(let w) = rawBits(key, count: count, width: 16) else { break }
            return JaxArray(shape: shape, storage: .float16(w.map(normalHalf)))
        case .bfloat16:
            guard case .uint8(let w) = rawBits(key, count: count, width: 8) else { break }
            return JaxArray(shape: shape, storage: .bfloat16(w.map(normalBrain)))
        default:
            break
        }
        return JaxArray(shape: shape, storage: .float32(normalSingle(key, count: count, native: hasNativeKernels)))
    }

    /// Whether this CPU runs the C kernels (AVX2 + FMA); otherwise the Swift SIMD code runs.
    static let hasNativeKernels = jaxrandom_has_avx2_fma() != 0

    /// float32 normals, eight lanes at a time, in C (`native`) or in Swift: the same bits.
    static func normalSingle(_ key: (UInt32, UInt32), count: Int, native: Bool) -> [Float] {
        if native {
            return Parallel.makeArray(count: count) { (out: Parallel.Output<Float>, range: Range<Int>) in
                jaxrandom_normal_f32(key.0, key.1, UInt64(range.lowerBound), range.count, out.base + range.lowerBound)
            }
        }
        let lo = SIMD8<Float>(repeating: Float(bitPattern: 0xBF7F_FFFF))
        let sqrt2 = Float(bitPattern: 0x3FB5_04F3)
        return generate(key, count: count) { a, b in
            let f = unsafeBitCast(((a ^ b) &>> 9) | 0x3F80_0000, to: SIMD8<Float>.self) - 1
            // (f - 1) * 2 + lo is exact, so fused or not it is the same.
            let v = lo.addingProduct(f, SIMD8(repeating: 2))
            let u = v.replacing(with: lo, where: v .< lo)
            return XLALog.erfInv(u) * sqrt2
        }
    }

    /// One float16 normal from 16 bits: half arithmetic rounds after every operation; erf_inv
    /// runs in float32.
    static func normalHalf(_ bits: UInt16) -> Float16 {
        let lo = Float16(bitPattern: 0xBBFF)
        let f = Float16(bitPattern: (bits >> 6) | 0x3C00) - 1
        let u = max(lo, f * 2 + lo)
        let e = Float16(XLALog.erfInv(Float(u)))
        return e * Float16(bitPattern: 0x3DA8)
    }

    /// One bfloat16 normal from 8 bits (bfloat16 keeps 7 mantissa bits).
    static func normalBrain(_ bits: UInt8) -> BFloat16 {
        let lo = BFloat16(bitPattern: 0xBF7F).floatValue
        let f = BFloat16(bitPattern: (UInt16(bits) >> 1) | 0x3F80).floatValue - 1
        let u = max(lo, BFloat16(f * 2 + lo).floatValue)
        let e = BFloat16(XLALog.erfInv(u)).floatValue
        return BFloat16(e * BFloat16(bitPattern: 0x3FB5).floatValue)
    }

    /// One float64 normal from 64 bits: Giles' double-precision erf_inv as XLA lowers it
    /// (three ranges of w = -log1p(-u^2), Horner steps fused).
    static func normalDouble(_ bits: UInt64) -> Double {
        let lo = Double(bitPattern: 0xBFEF_FFFF_FFFF_FFFF)
        let f = Double(bitPattern: (bits >> 12) | 0x3FF0_0000_0000_0000) - 1
        let u = max(lo, lo.addingProduct(f, 2))
        return erfInvDouble(u) * Double(bitPattern: 0x3FF6_A09E_667F_3BCD)
    }

    /// XLA's float64 erf_inv on CPU.
    static func erfInvDouble(_ u: Double) -> Double {
        let w = -log1pDouble(u * -u)
        let below625 = w < 6.25
        let below16 = w < 16
        let z = below625 ? w - 3.125 : w.squareRoot() - (below16 ? 3.25 : 5.0)
        @inline(__always) func c(_ i: Int) -> Double {
            Double(bitPattern: below625 ? erfInvCentral[i] : below16 ? erfInvMiddle[i] : erfInvTail[i])
        }
        var p = c(0)
        for i in 1 ..< 17 { p = c(i).addingProduct(p, z) }
        if below16 {
            for i in 17 ..< 19 { p = c(i).addingProduct(p, z) }
        }
        if below625 {
            for i in 19 ..< 23 { p = Double(bitPattern: erfInvCentral[i]).addingProduct(p, z) }
        }
        return u.magnitude == 1 ? u * .infinity : p * u
    }

    /// XLA's float64 log1p on CPU: Cephes' rational function for |x| < sqrt(2) - 1, else
    /// glibc's log(1 + x).
    static func log1pDouble(_ x: Double) -> Double {
        guard x.magnitude < Double(bitPattern: 0x3FDA_8279_99FC_EF32) else { return Glibc.log(x + 1) }
        let x2 = x * x
        var p = Double(bitPattern: log1pNumerator[0])
        var q = 1.0
        for i in 1 ..< 7 {
            p = Double(bitPattern: log1pNumerator[i]).addingProduct(p, x)
            q = Double(bitPattern: log1pDenominator[i]).addingProduct(q, x)
        }
        let t = (x * x2) * (p / q)
        return x + t.addingProduct(x2, -0.5)
    }

    /// Giles' coefficients as float64 bit patterns: w < 6.25 (23 terms), w < 16 (19), beyond (17).
    static let erfInvCentral: [UInt64] = [
        0xBBB1_35D2_E746_E627, 0xBC08_DDF9_3324_D327, 0x3C37_B83E_EF0B_7C9F, 0x3C69_BA72_CD58_9B91,
        0xBCA3_3689_090A_6B96, 0x3C78_2E11_8981_32E0, 0x3CFD_E4AC_FD9E_26BA, 0xBD26_D33E_ED66_C487,
        0xBD36_F216_7040_D8E2, 0x3D87_2A22_C2D7_7E20, 0xBDAC_8859_C4E5_C0AF, 0xBDCD_C583_D118_A561,
        0x3E12_0F47_CCF4_6B3C, 0xBE31_A9E3_8DC8_4D60, 0xBE5F_36CD_6D3D_46A9, 0x3E9C_6B4F_5D03_B787,
        0xBEB6_E8A5_434A_E8A2, 0xBEED_1D1F_7B87_36F6, 0x3F28_79C2_A212_F024, 0xBF48_4576_9484_FCA8,
        0xBF78_B6C3_3114_F909, 0x3FCE_BD80_D9B1_3E28, 0x3FFA_755E_7C99_AE86,
    ]
    static let erfInvMiddle: [UInt64] = [
        0x3E23_040F_87DB_D932, 0x3E78_5CBE_5287_8635, 0xBE92_7774_53DD_3955, 0x3E53_95AB_CD55_4C6C,
        0x3EB9_3638_8A37_90AD, 0xBED0_D5DB_812B_5083, 0x3EC8_860C_D5D6_52F6, 0x3EEA_29A0_CACD_FB23,
        0xBF08_CEF1_F802_81F2, 0x3F11_E684_D0B9_188A, 0x3EF9_32CD_54C8_A222, 0xBF37_448A_89EF_8AA3,
        0x3F4F_3CC5_5AD4_0C25, 0xBF5B_A924_132F_38B1, 0x3F64_68EE_CA53_3CF8, 0xBF6E_BADA_BB89_1BBD,
        0x3F75_FFCF_E5B7_6AFC, 0x3FF0_158A_6D64_1D39, 0x4008_ABCC_380D_5A48,
    ]
    static let erfInvTail: [UInt64] = [
        0xBDBD_CEC3_A778_5389, 0xBDF1_8FEE_C0E3_8727, 0x3E19_E6BF_2DDA_45E3, 0xBE30_468F_B24E_2F5F,
        0x3E40_5AC6_A8FB_A182, 0xBE50_102E_495F_B9C0, 0x3E5F_4C20_E133_4AF8, 0xBE72_2D22_0FDF_9C3E,
        0x3E8E_BC8B_B824_CB54, 0xBEB0_A8D4_0EA3_72CC, 0x3ED2_FBD2_9D09_3D2B, 0xBEF4_A349_7E1E_0FAC,
        0x3F13_EBF4_EB00_938F, 0xBF2C_2F36_A8FC_5D53, 0xBF22_2EA5_DF04_047C, 0x3FF0_2A30_D1FB_A0DC,
        0x4013_664D_DD1A_D7FB,
    ]
    /// Cephes' log1p rational function (numerator P0..P6, denominator 1, Q1..Q6).
    static let log1pNumerator: [UInt64] = [
        0x3F07_BC09_62B3_95CA, 0x3FDF_E818_A0FE_1A83, 0x401A_509F_46F4_FA53, 0x403D_E973_8B8C_B9C9,
        0x404E_798E_B86C_3351, 0x404C_8E75_9747_9A10, 0x4034_0A20_2D99_830A,
    ]
    static let log1pDenominator: [UInt64] = [
        0x3FF0_0000_0000_0000, 0x402E_2035_9E90_3E37, 0x4054_C30B_5221_3498, 0x406B_B865_90FC_FB56,
        0x4073_5194_5DC9_08A5, 0x406B_0DB1_3E48_E066, 0x404E_0F30_4466_448E,
    ]
}
