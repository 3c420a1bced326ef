import XCTest
@testable import Shell

final class PrefixSearchTests: XCTestCase {
    func testUpAndDownWalkEntriesWithThePrefix() {
        let entries = ["x = 1", "print(x)", "x = 2", "y = 3"]
        var search = PrefixSearch(prefix: "x", typed: "x", entryCount: entries.count)
        XCTAssertEqual(search.older(in: entries, shown: "x"), "x = 2")
        XCTAssertEqual(search.older(in: entries, shown: "x = 2"), "x = 1")
        XCTAssertNil(search.older(in: entries, shown: "x = 1"))
        XCTAssertEqual(search.newer(in: entries, shown: "x = 1"), "x = 2")
        XCTAssertEqual(search.newer(in: entries, shown: "x = 2"), "x")
        XCTAssertNil(search.newer(in: entries, shown: "x"))
    }
}
