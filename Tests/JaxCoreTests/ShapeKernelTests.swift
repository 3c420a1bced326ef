import XCTest
@testable import JaxCore

/// Shape kernels against recorded JAX / NumPy results and errors.
final class ShapeKernelTests: XCTestCase {
    func testShapeOpsMatchRecordedResults() throws {
        XCTAssertEqual(try StructureReference.failures(["reshape", "transpose", "squeeze", "expand_dims", "concatenate", "slice", "dynamic_slice"]), [])
    }

    func testNumpyReshapeErrorText() {
        XCTAssertThrowsError(try Kernels.resolveReshape([4], count: 6)) { error in
            XCTAssertEqual((error as? PyException)?.description, "ValueError: cannot reshape array of size 6 into shape (4,)")
        }
    }
}
