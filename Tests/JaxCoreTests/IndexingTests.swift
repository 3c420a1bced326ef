import XCTest
@testable import JaxCore

/// `x[...]` against recorded JAX (clamping) and NumPy (raising) results.
final class IndexingTests: XCTestCase {
    func testGetItemMatchesRecordedResults() throws {
        XCTAssertEqual(try StructureReference.failures(["getitem"]), [])
    }

    /// Extreme Python ints in slices and indices give Python's results instead of trapping.
    func testExtremeSliceValuesDoNotTrap() throws {
        let x = JaxArray(shape: [10], storage: .int32((0..<10).map { Int32($0) }))
        let reversed = try Kernels.getItem(x, [.slice(start: nil, stop: nil, step: Int.min)], semantics: .numpy)
        XCTAssertEqual(reversed.shape, [1])
        XCTAssertEqual(reversed.storage.int64(at: 0), 9)
        let stepped = try Kernels.getItem(x, [.slice(start: Int.min, stop: Int.max, step: Int.max)], semantics: .numpy)
        XCTAssertEqual(stepped.shape, [1])
        let clamped = try Kernels.getItem(x, [.int(Int.min)], semantics: .jax)
        XCTAssertEqual(clamped.storage.int64(at: 0), 0)
        XCTAssertThrowsError(try Kernels.getItem(x, [.int(Int.max)], semantics: .numpy))
    }
}
