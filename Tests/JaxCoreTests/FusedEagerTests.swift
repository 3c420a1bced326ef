import XCTest
@testable import JaxCore

/// The eager fusions against the kernels they fuse, run one after another as the compiled
/// jaxpr runs them: same bits.
final class FusedEagerTests: XCTestCase {
    /// `_var`'s equations one by one: sum, mean by the reciprocal, subtract, square, sum,
    /// divide by n - ddof.
    static func varianceByEquations(_ x: JaxArray, ddof: Int) throws -> Float {
        let n = x.count
        let total = try Kernels.reduce(.sum, x, axes: [0], semantics: .jax)
        let mean = try Kernels.binary(.multiply, total, JaxArray.scalar(.float(Double(1 / Float(n))), dtype: .float32), semantics: .jax)
        let centred = try Kernels.binary(.subtract, x, try Kernels.reshape(mean, to: [1]), semantics: .jax)
        let squares = try Kernels.integerPow(centred, 2)
        let sum = try Kernels.reduce(.sum, squares, axes: [0], semantics: .jax)
        let normalizer = JaxArray.scalar(.float(Double(Float(n) - Float(ddof))), dtype: .float32)
        guard case .float32(let v) = try Kernels.binary(.divide, sum, normalizer, semantics: .jax).storage else { return .nan }
        return v[0]
    }

    func testVarianceEqualsItsEquations() throws {
        for n in [4096, 5000, 32768, 32769, 100_003] {
            let base = CPUPathTests.awkwardFloats(n, seed: UInt64(n)).map { $0.isFinite ? $0 : 0.25 }
            // ordinary data, data near one value (cancellation), and tiny data (subnormal squares)
            for data in [base, base.map { 1000 + $0 * 1e-3 }, base.map { $0 * 1e-20 }] {
                let x = JaxArray(shape: [n], storage: .float32(data))
                for ddof in [0, 1] {
                    let fused = try XCTUnwrap(FusedEager.variance(x, ddof: ddof))
                    let expected = try Self.varianceByEquations(x, ddof: ddof)
                    XCTAssertTrue(fused.bitPattern == expected.bitPattern || (fused.isNaN && expected.isNaN), "n \(n) ddof \(ddof)")
                }
            }
        }
        XCTAssertNil(FusedEager.variance(JaxArray(shape: [100], storage: .float32(Array(repeating: 1, count: 100))), ddof: 0))
    }

    func testClipEqualsMaxThenMin() throws {
        let data = CPUPathTests.awkwardFloats(50_000, seed: 3)
        let x = JaxArray(shape: [data.count], storage: .float32(data))
        // every pair of bound signs (the kernel is specialised per pair), subnormal bounds, NaN bounds
        for (lo, hi) in [(Float(-1), Float(1)), (0.5, -0.5), (-0.0, 0.0), (0.0, -0.0), (-2, -1), (1, 2), (-Float(bitPattern: 0x8000_0100), Float(bitPattern: 0x0000_0100)), (.nan, 2), (-3, .nan)] {
            let l = JaxArray.scalar(.float(Double(lo)), dtype: .float32), h = JaxArray.scalar(.float(Double(hi)), dtype: .float32)
            let fused = try XCTUnwrap(try FusedEager.clip(x, lo: l, hi: h, interrupt: nil))
            let twoPasses = try Kernels.binary(.minimum, h, try Kernels.binary(.maximum, l, x, semantics: .jax), semantics: .jax)
            guard case .float32(let a) = fused.storage, case .float32(let b) = twoPasses.storage else { return XCTFail("dtype") }
            XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), "clip(\(lo), \(hi))")
        }
    }
}
