import XCTest
@testable import JaxCore

/// lax.sort on long lanes (sorted by radix) gives the stable order a comparison sort gives:
/// equal keys keep their positions, -0 equals 0, NaNs sort last.
final class SortKernelTests: XCTestCase {
    func testLongLanesSortStablyAsAComparisonSortDoes() throws {
        var rng = SystemRandomNumberGenerator.Seeded(7)
        for length in [Kernels.radixLength - 1, Kernels.radixLength, 100_003] {
            // few distinct values, so most keys tie; some -0, NaN and infinities among them
            let pool: [Float] = [-.infinity, -2.5, -0.0, 0.0, 1e-3, 7, .infinity, .nan, 3, -1]
            let values = (0..<length).map { _ in pool[rng.next(upperBound: pool.count)] }
            let positions = (0..<length).map(Int32.init)
            let sorted = try Kernels.sort([JaxArray(shape: [length], storage: .float32(values)),
                                           JaxArray(shape: [length], storage: .int32(positions))], dimension: 0, numKeys: 1)
            func rank(_ v: Float) -> Int { v.isNaN ? pool.count : pool.filter { !$0.isNaN && $0 < v }.count }
            let expected = (0..<length).sorted { a, b in
                rank(values[a]) != rank(values[b]) ? rank(values[a]) < rank(values[b]) : a < b
            }
            guard case .int32(let order) = sorted[1].storage else { return XCTFail("positions lost their dtype") }
            XCTAssertEqual(order.map(Int.init), expected, "length \(length)")
        }
    }
}
