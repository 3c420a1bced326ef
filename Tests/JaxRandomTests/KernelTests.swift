import CJaxRandomKernels
@testable import JaxCore
import XCTest

/// The C kernels (AVX2 + FMA) and the portable Swift SIMD code give the same bits, so machines
/// without AVX2 get JAX's numbers too.
final class KernelTests: XCTestCase {
    func testNativeAndPortableNormalsAgree() throws {
        try XCTSkipUnless(ThreefryKernels.hasNativeKernels, "CPU without AVX2/FMA")
        for seed: UInt32 in [0, 42, 0xDEAD_BEEF] {
            let native = ThreefryKernels.normalFloat32((seed, 7), count: 20_003, native: true)
            let portable = ThreefryKernels.normalFloat32((seed, 7), count: 20_003, native: false)
            XCTAssertEqual(native.map(\.bitPattern), portable.map(\.bitPattern))
        }
    }

    func testCountersCarryIntoTheHighWord() throws {
        try XCTSkipUnless(ThreefryKernels.hasNativeKernels, "CPU without AVX2/FMA")
        let start: UInt64 = 0xFFFF_FFFC
        var native = [UInt32](repeating: 0, count: 11)
        native.withUnsafeMutableBufferPointer { jaxrandom_bits32(3, 4, start, 11, $0.baseAddress) }
        let expected = (0 ..< 11).map { i -> UInt32 in
            let index = start + UInt64(i)
            let (a, b) = Threefry.hash(key: 3, 4, counter: UInt32(index >> 32), UInt32(truncatingIfNeeded: index))
            return a ^ b
        }
        XCTAssertEqual(native, expected)
        let (a, b) = Threefry.hashIndices8(key: 3, 4, start: Int(start))
        XCTAssertEqual((0 ..< 8).map { a[$0] ^ b[$0] }, Array(expected.prefix(8)))
    }

    func testSIMDLogFunctionsMatchScalar() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0 ..< 4_000 {
            var x = SIMD8<Float>()
            for lane in 0 ..< 8 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                x[lane] = Float(bitPattern: UInt32(truncatingIfNeeded: state >> 32))
            }
            let log = XLALog.log(x), log1p = XLALog.log1p(x), erfInv = XLALog.erfInv(x)
            for lane in 0 ..< 8 {
                XCTAssertEqual(log[lane].bitPattern, XLALog.log(x[lane]).bitPattern)
                XCTAssertEqual(log1p[lane].bitPattern, XLALog.log1p(x[lane]).bitPattern)
                XCTAssertEqual(erfInv[lane].bitPattern, XLALog.erfInv(x[lane]).bitPattern)
            }
        }
    }
}
