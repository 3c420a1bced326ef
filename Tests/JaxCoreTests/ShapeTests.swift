import XCTest
@testable import JaxCore

final class ShapeTests: XCTestCase {
    func testHugeShapeIsRefusedWithMemoryError() {
        XCTAssertThrowsError(try Shape.checkedCount([1 << 20, 1 << 20], itemSize: 4)) { error in
            XCTAssertEqual((error as? PyException)?.kind, "MemoryError")
        }
    }

    func testStrides() {
        XCTAssertEqual(Shape.strides([2, 3, 4]), [12, 4, 1])
    }
}
