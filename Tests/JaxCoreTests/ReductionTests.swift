import Foundation
import XCTest
@testable import JaxCore

/// Float sums compared bit for bit with sums recorded from JAX 0.10.2 and NumPy 2.x.
final class ReductionTests: XCTestCase {
    /// One recorded sum: library, dtype, input shape and seed, axes, result bits.
    struct Case: Decodable {
        let lib: String
        let op: String?
        let dtype: String
        let shape: [Int]
        let axes: [Int]
        let seed: Int
        let bits: [String]
    }
    /// The whole recorded file.
    struct Reference: Decodable { let cases: [Case] }

    /// The recorded cases, decoded once per test.
    static func reference() throws -> [Case] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "reductions", withExtension: "json", subdirectory: "Data"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url)).cases
    }

    /// The generator's inputs: an integer hash rounded once to the dtype, divided once.
    static func inputs(_ n: Int, seed: Int, dtype: DType) -> Storage {
        let values: [(Double, Double)] = (0..<n).map { i in
            let h = (Int64(i) &* 2654435761 &+ Int64(seed) &* 97) % 4294967296 - 2147483648
            return (Double(h), Double((i % 13) + 1) * 7)
        }
        if dtype == .float32 { return .float32(values.map { Float($0.0) / Float($0.1) }) }
        return .float64(values.map { $0.0 / $0.1 })
    }

    func testSumsMatchRecordedBits() throws {
        var failures: [String] = []
        for c in try Self.reference() {
            let dtype = DType(rawValue: c.dtype) ?? .float32
            let count = c.shape.reduce(1, *)
            var storage = Self.inputs(count, seed: c.seed, dtype: dtype)
            if c.op == "product", case .float32(let v) = storage {
                storage = .float32(v.map { 1 + $0 / 1e10 })
            }
            if c.op == "tiny", case .float32(let v) = storage {
                storage = .float32(v.map { ($0 * Float(1e-30 as Double)) * Float(1e-14 as Double) })
            }
            let a = JaxArray(shape: c.shape, storage: storage)
            let semantics: ArraySemantics = c.lib == "jax" ? .jax : .numpy
            let result = try Kernels.reduce(c.op == "product" ? .product : .sum, a, axes: c.axes, semantics: semantics)
            let got: [String]
            switch result.storage {
            case .float32(let v): got = v.map { String(format: "%08x", $0.bitPattern) }
            case .float64(let v): got = v.map { String(format: "%016lx", $0.bitPattern) }
            default: got = []
            }
            if got != c.bits {
                let bad = zip(got, c.bits).filter { $0 != $1 }.count
                failures.append("\(c.lib) \(c.op ?? "sum") \(c.dtype) \(c.shape) axes \(c.axes): \(bad) of \(c.bits.count) differ")
            }
        }
        XCTAssertEqual(failures, [])
    }
}
