import XCTest
@testable import JaxCore

/// Shape kernels against recorded JAX / NumPy results and errors.
final class ShapeKernelTests: XCTestCase {
    func testShapeOpsMatchRecordedResults() throws {
        XCTAssertEqual(try StructureReference.failures(["reshape", "transpose", "squeeze", "expand_dims", "concatenate", "slice", "dynamic_slice"]), [])
    }

    /// Slices and transposes large enough to be copied in bands across cores, against the
    /// element-by-element definition.
    func testLargeStridedCopiesEqualTheirIndices() throws {
        let values = (0..<700_000).map { Float($0) }
        let flat = JaxArray(shape: [values.count], storage: .float32(values))
        let everyOther = try Kernels.slice(flat, start: [1], limit: [values.count], strides: [2])
        guard case .float32(let picked) = everyOther.storage else { return XCTFail("dtype \(everyOther.dtype)") }
        XCTAssertEqual(picked, stride(from: 1, to: values.count, by: 2).map { values[$0] })
        for (rows, cols) in [(700, 1000), (1000, 700), (33, 21_212)] {
            let matrix = try Kernels.reshape(JaxArray(shape: [rows * cols], storage: .float32(Array(values.prefix(rows * cols)))),
                                             to: [rows, cols])
            let transposed = try Kernels.transpose(matrix, permutation: [1, 0])
            let expected = (0..<(rows * cols)).map { i in values[(i % rows) * cols + i / rows] }
            guard case .float32(let got) = transposed.storage else { return XCTFail("dtype \(transposed.dtype)") }
            XCTAssertEqual(got, expected, "\(rows)x\(cols)")
        }
    }

    func testNumpyReshapeErrorText() {
        XCTAssertThrowsError(try Kernels.resolveReshape([4], count: 6)) { error in
            XCTAssertEqual((error as? PyException)?.description, "ValueError: cannot reshape array of size 6 into shape (4,)")
        }
    }
}
