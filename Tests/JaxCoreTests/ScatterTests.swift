import XCTest
@testable import JaxCore

/// `x.at[...]` updates and NumPy item assignment against recorded results.
final class ScatterTests: XCTestCase {
    func testScatterMatchesRecordedResults() throws {
        XCTAssertEqual(try StructureReference.failures(["scatter"]), [])
    }
}
