import JaxCore
import XCTest

/// The random parts of the lab's cells (shared/reference/lab1.json), as they print in JAX.
final class LabCellTests: XCTestCase {
    func testKeyPrintsAsJAXPrintsIt() throws {
        let r = RandomCalls()
        let key = try r.array(try r.key(seed: 42))
        XCTAssertEqual(ArrayFormatter.keys(key), "Array((), dtype=key<fry>) overlaying:\n[ 0 42]")
        let keys = try r.array(try RandomOps.split(r.ctx, .array(key), shape: [3]))
        XCTAssertEqual(ArrayFormatter.keys(keys), """
            Array((3,), dtype=key<fry>) overlaying:
            [[1832780943  270669613]
             [  64467757 2916123636]
             [2465931498  255383827]]
            """)
        let none = try r.array(try RandomOps.split(r.ctx, .array(key), shape: [0]))
        XCTAssertEqual(ArrayFormatter.keys(none), "Array((0,), dtype=key<fry>) overlaying:\n[]")
    }

    func testRandomSameAndSplitCells() throws {
        let r = RandomCalls()
        let ctx = r.ctx
        let rng = try r.key(seed: 42)
        XCTAssertEqual(ArrayFormatter.str(try r.array(try RandomOps.normal(ctx, rng, shape: [], dtype: .float32))), "-0.028304616")
        let keys = try RandomOps.split(ctx, rng, shape: [3])
        func element(_ keys: JaxValue, _ i: Int) throws -> JaxValue { try JNP.getItem(ctx, keys, [IndexItem.int(i)]) }
        XCTAssertEqual(ArrayFormatter.str(try r.array(try RandomOps.normal(ctx, try element(keys, 1), shape: [], dtype: .float32))),
                       "0.60576403")
        XCTAssertEqual(ArrayFormatter.str(try r.array(try RandomOps.normal(ctx, try element(keys, 2), shape: [], dtype: .float32))),
                       "0.4323065")
        let next = try RandomOps.split(ctx, try element(keys, 0), shape: [2])
        let large = try r.array(try RandomOps.normal(ctx, try element(next, 1), shape: [1000], dtype: .float32))
        guard case .float32(let values) = large.storage else { return XCTFail("float32 expected") }
        let head = JaxArray(shape: [5], storage: .float32(Array(values[0 ..< 5])))
        XCTAssertEqual(ArrayFormatter.str(head), "[-0.21089035 -1.3627948  -0.04500385 -1.1536394   1.9141139 ]")
    }

    func testX64Cells() throws {
        let r = RandomCalls(x64: true)
        let key = try r.key(seed: 0)
        let wide = try r.array(try RandomOps.uniform(r.ctx, key, shape: [3], dtype: .float64, minval: r.python(0), maxval: r.python(1)))
        XCTAssertEqual(ArrayFormatter.str(wide), "[0.41845711 0.21629545 0.96532146]")
    }

    func testBadInputRaisesJAXsExceptions() throws {
        let r = RandomCalls()
        let ctx = r.ctx
        let key = try r.key(seed: 0)
        func kind(_ body: () throws -> Any) -> String? {
            do { _ = try body(); return nil } catch let error as PyException { return error.kind } catch { return "?" }
        }
        XCTAssertEqual(kind { try RandomOps.normal(ctx, key, shape: [-1], dtype: .float32) }, "jaxlib.mlir._mlir_libs._mlir.ir.MLIRError")
        XCTAssertEqual(kind { try RandomOps.split(ctx, key, shape: [-2]) }, "jaxlib.mlir._mlir_libs._mlir.ir.MLIRError")
        XCTAssertEqual(kind { try RandomOps.normal(ctx, try RandomOps.split(ctx, key, shape: [2]), shape: [], dtype: .float32) }, "ValueError")
        XCTAssertEqual(kind { try RandomOps.normal(ctx, key, shape: [2], dtype: .int32) }, "ValueError")
        XCTAssertEqual(kind { try RandomOps.randint(ctx, key, shape: [2], minval: r.python(0, integer: true), maxval: r.python(3, integer: true),
                                                    dtype: .float32) }, "TypeError")
        XCTAssertEqual(kind { try RandomOps.choice(ctx, key, count: 3, array: nil, shape: [5], replace: false, axis: 0) }, "ValueError")
        XCTAssertEqual(kind { try RandomOps.choice(ctx, key, count: 0, array: nil, shape: [5], replace: true, axis: 0) }, "ValueError")
        XCTAssertEqual(kind { try RandomOps.wrap(ctx, .array(JaxArray(shape: [3], storage: .uint32([1, 2, 3])))) }, "TypeError")
        XCTAssertEqual(kind { try RandomOps.wrap(ctx, .array(JaxArray(shape: [2], storage: .int32([1, 2])))) }, "TypeError")
        XCTAssertEqual(kind { try RandomOps.normal(ctx, key, shape: [1 << 40], dtype: .float32) }, "MemoryError")
        // minval > maxval is not an error: uniform gives minval.
        let flat = try r.array(try RandomOps.uniform(ctx, key, shape: [3], dtype: .float32, minval: r.python(2), maxval: r.python(1)))
        XCTAssertEqual(ArrayFormatter.str(flat), "[2. 2. 2.]")
    }
}
