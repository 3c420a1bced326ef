import XCTest
import CMatmul
@testable import JaxCore

/// The C kernels take an AVX2+FMA path when the CPU has one and a portable path otherwise; both
/// must give the bits of the portable definition, so that no digit depends on the CPU. On this
/// machine the fast path runs: each test compares it with the definition written out in Swift.
final class CPUPathTests: XCTestCase {
    /// Floats of every kind: normals across the exponent range, subnormals, zeros, infinities,
    /// NaNs, and the values near XLA's clamps.
    static func awkwardFloats(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        var out: [Float] = [0, -0, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude, -.leastNormalMagnitude,
                            88.7, -87.9, 9.0, -9.0, 20, -20, 1e-4, -1e-5]
        while out.count < count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let bits = UInt32(truncatingIfNeeded: state >> 32)
            switch state % 4 {
            case 0: out.append(Float(bitPattern: bits))  // anything, subnormals and NaNs included
            case 1: out.append(Float(bitPattern: bits & 0x807F_FFFF | 0x3F00_0000) * 8)  // |x| in [4, 8)
            default: out.append(Float(Int32(truncatingIfNeeded: bits)) / Float(1 << 26))  // |x| < 32
            }
        }
        return out
    }

    /// Every row blocking of the fast path (6, 4 and 1 rows, 16 columns and the column rest).
    func testChainProductsEqualTheirDefinition() {
        for (m, n, k) in [(9, 21, 37), (10, 33, 5), (4, 16, 8), (1, 7, 3), (17, 48, 300)] {
            checkChain(m: m, n: n, k: k)
        }
    }

    func checkChain(m: Int, n: Int, k: Int) {
        let a = Self.awkwardFloats(m * k, seed: 3).map { $0.isFinite ? $0 : 1 }
        let b = Self.awkwardFloats(k * n, seed: 4).map { $0.isFinite ? $0 : -1 }
        for (k0, step) in [(0, 1), (1, 2)] {
            var c = [Float](repeating: .nan, count: m * n)
            jaxlab_sgemm_chain(a, b, &c, m, n, k, n, n, k0, k, step, 1)
            var expected = [Float](repeating: 0, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var s: Float = 0
                    for kk in stride(from: k0, to: k, by: step) { s = s.addingProduct(a[i * k + kk], b[kk * n + j]) }
                    expected[i * n + j] = s
                }
            }
            XCTAssertEqual(c.map(\.bitPattern), expected.map(\.bitPattern), "\(m)x\(n)x\(k) k0 \(k0) step \(step)")
        }
    }

    func testTiledMatrixVectorEqualsItsDefinition() {
        let (m, k) = (13, 45)
        let a = Self.awkwardFloats(m * k, seed: 5).map { $0.isFinite ? $0 : 2 }
        let x = Self.awkwardFloats(k, seed: 6).map { $0.isFinite ? $0 : 3 }
        var y = [Float](repeating: .nan, count: m)
        jaxlab_sgemv_tiled(a, x, &y, m, k)
        let k8 = k - k % 8, fullRows = m - m % 8
        let expected = (0..<m).map { i -> Float in
            var l = [Float](repeating: 0, count: 8)
            for k0 in stride(from: 0, to: k8, by: 8) {
                for j in 0..<8 { l[j] = l[j].addingProduct(a[i * k + k0 + j], x[k0 + j]) }
            }
            var t: Float = 0
            for kk in k8..<k { t = t.addingProduct(a[i * k + kk], x[kk]) }
            let h = i < fullRows ? ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]))
                                 : ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]))
            return h + t
        }
        XCTAssertEqual(y.map(\.bitPattern), expected.map(\.bitPattern))
    }
}
