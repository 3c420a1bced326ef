import JaxCore
import JaxRandom
import XCTest

/// The random parts of the lab's cells (shared/reference/lab1.json), as they print in JAX.
final class LabCellTests: XCTestCase {
    func testKeyPrintsAsJAXPrintsIt() throws {
        let key = JaxRandom.key(seed: 42, enableX64: false)
        XCTAssertEqual(key.description, "Array((), dtype=key<fry>) overlaying:\n[ 0 42]")
        let keys = try JaxRandom.split(key, shape: [3])
        XCTAssertEqual(keys.description, """
            Array((3,), dtype=key<fry>) overlaying:
            [[1832780943  270669613]
             [  64467757 2916123636]
             [2465931498  255383827]]
            """)
        XCTAssertEqual(try JaxRandom.split(key, shape: [0]).description, "Array((0,), dtype=key<fry>) overlaying:\n[]")
    }

    func testRandomSameAndSplitCells() throws {
        let rng = JaxRandom.key(seed: 42, enableX64: false)
        let first = try JaxRandom.normal(rng, shape: [], enableX64: false)
        XCTAssertEqual(ArrayFormatter.str(first), "-0.028304616")
        let keys = try JaxRandom.split(rng, shape: [3])
        XCTAssertEqual(ArrayFormatter.str(try JaxRandom.normal(keys.element(1), shape: [], enableX64: false)), "0.60576403")
        XCTAssertEqual(ArrayFormatter.str(try JaxRandom.normal(keys.element(2), shape: [], enableX64: false)), "0.4323065")
        let next = try JaxRandom.split(keys.element(0), shape: [2])
        let large = try JaxRandom.normal(next.element(1), shape: [1000], enableX64: false)
        guard case .float32(let values) = large.storage else { return XCTFail("float32 expected") }
        let head = JaxArray(shape: [5], storage: .float32(Array(values[0 ..< 5])))
        XCTAssertEqual(ArrayFormatter.str(head), "[-0.21089035 -1.3627948  -0.04500385 -1.1536394   1.9141139 ]")
    }

    func testX64Cells() throws {
        let key = JaxRandom.key(seed: 0, enableX64: false)
        let requested = JaxRandom.resolveDType(.float64, defaultDType: .float64, enableX64: false)
        XCTAssertEqual(requested.dtype, .float32)
        XCTAssertEqual(requested.warning, """
            Explicitly requested dtype float64 is not available, and will be truncated to dtype float32. To enable more dtypes, set the jax_enable_x64 configuration option or the JAX_ENABLE_X64 shell environment variable. See https://github.com/jax-ml/jax#current-gotchas for more.
            """)
        XCTAssertEqual(try JaxRandom.uniform(key, shape: [1000], dtype: .float64, enableX64: false).dtype, .float32)
        let wide = try JaxRandom.uniform(key, shape: [3], dtype: .float64, enableX64: true)
        XCTAssertEqual(ArrayFormatter.str(wide), "[0.41845711 0.21629545 0.96532146]")
    }

    func testBadInputRaisesJAXsExceptions() throws {
        let key = JaxRandom.key(seed: 0, enableX64: false)
        func kind(_ body: () throws -> Any) -> String? {
            do { _ = try body(); return nil } catch let error as PyException { return error.kind } catch { return "?" }
        }
        XCTAssertEqual(kind { try JaxRandom.normal(key, shape: [-1], enableX64: false) }, "jaxlib.mlir._mlir_libs._mlir.ir.MLIRError")
        XCTAssertEqual(kind { try JaxRandom.split(key, shape: [-2]) }, "jaxlib.mlir._mlir_libs._mlir.ir.MLIRError")
        XCTAssertEqual(kind { try JaxRandom.normal(JaxRandom.split(key), shape: [], enableX64: false) }, "ValueError")
        XCTAssertEqual(kind { try JaxRandom.normal(key, shape: [2], dtype: .int32, enableX64: false) }, "ValueError")
        XCTAssertEqual(kind { try JaxRandom.randint(key, shape: [2], minval: .scalar(0), maxval: .scalar(3), dtype: .float32, enableX64: false) }, "TypeError")
        XCTAssertEqual(kind { try JaxRandom.choice(key, .count(3), shape: [5], replace: false, enableX64: false) }, "ValueError")
        XCTAssertEqual(kind { try JaxRandom.choice(key, .count(0), shape: [5], enableX64: false) }, "ValueError")
        XCTAssertEqual(kind { try JaxRandom.wrapKeyData(JaxArray(shape: [3], storage: .uint32([1, 2, 3]))) }, "TypeError")
        XCTAssertEqual(kind { try JaxRandom.wrapKeyData(JaxArray(shape: [2], storage: .int32([1, 2]))) }, "TypeError")
        XCTAssertEqual(kind { try JaxRandom.foldIn(key, pythonInt: -1) }, "OverflowError")
        XCTAssertEqual(kind { try JaxRandom.bits(key, shape: [2], dtype: .int32, enableX64: false) }, "ValueError")
        XCTAssertEqual(kind { try JaxRandom.normal(key, shape: [1 << 40], enableX64: false) }, "MemoryError")
        // minval > maxval is not an error: uniform gives minval, randint gives minval.
        let flat = try JaxRandom.uniform(key, shape: [3], minval: .scalar(2), maxval: .scalar(1), enableX64: false)
        XCTAssertEqual(ArrayFormatter.str(flat), "[2. 2. 2.]")
    }
}
