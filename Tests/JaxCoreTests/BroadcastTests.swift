import XCTest
@testable import JaxCore

/// Shape broadcasting and its error messages (texts from JAX 0.10.2 and NumPy 2).
final class BroadcastTests: XCTestCase {
    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return (error as? PyException)?.description ?? "\(error)" }
    }

    func testBroadcastShapes() throws {
        XCTAssertEqual(try Kernels.broadcastShapes([[2, 1, 3], [4, 1], []]), [2, 4, 3])
        XCTAssertEqual(message { try Kernels.broadcastShapes([[2, 3], [4]]) },
                       "ValueError: Incompatible shapes for broadcasting: shapes=[(2, 3), (4,)]")
    }

    func testBroadcastTo() throws {
        let a = JaxArray(shape: [3], storage: .int32([1, 2, 3]))
        let b = try Kernels.broadcast(a, to: [2, 3])
        XCTAssertEqual(Reference.bits(b), ["1", "2", "3", "1", "2", "3"])
        let column = JaxArray(shape: [2, 1], storage: .int32([7, 8]))
        XCTAssertEqual(Reference.bits(try Kernels.broadcast(column, to: [2, 2])), ["7", "7", "8", "8"])
        XCTAssertEqual(message { try Kernels.broadcast(a, to: [4]) },
                       "ValueError: Incompatible types for broadcasting: input type=int32[3] and requested type=int32[4]")
        XCTAssertEqual(message { try Kernels.broadcast(JaxArray(shape: [2, 3], storage: .float32(Array(repeating: 0, count: 6))), to: [3]) },
                       "ValueError: Cannot broadcast to shape with fewer dimensions: arr_shape=(2, 3) shape=(3,)")
        XCTAssertEqual(message { try Kernels.broadcast(a, to: [4], semantics: .numpy) },
                       "ValueError: operands could not be broadcast together with remapped shapes [original->remapped]: (3,)  and requested shape (4,)")
    }

    func testBroadcastInDim() throws {
        let a = JaxArray(shape: [2], storage: .int32([1, 2]))
        let b = try Kernels.broadcastInDim(a, shape: [2, 3], broadcastDimensions: [0])
        XCTAssertEqual(Reference.bits(b), ["1", "1", "1", "2", "2", "2"])
        XCTAssertThrowsError(try Kernels.broadcastInDim(a, shape: [3, 3], broadcastDimensions: [0]))
    }
}
