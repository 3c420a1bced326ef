import Foundation
import XCTest
@testable import JaxCore

/// Matrix products compared bit for bit with JAX 0.10.2 and NumPy 2.x (recorded).
final class MatmulTests: XCTestCase {
    /// A recorded exception.
    struct Failure: Decodable { let kind: String; let message: String }
    /// One recorded product: library, dtype, operand shapes and seeds, result bits or error.
    struct Case: Decodable {
        let lib: String
        let dtype: String
        let a: [Int]
        let b: [Int]
        let seeds: [Int]
        let shape: [Int]?
        let bits: [String]?
        let digest: String?
        let head: [String]?
        let error: Failure?
    }
    /// lab1's operands and its printed `x_vec @ W + b`, as bits.
    struct Lab: Decodable { let x: [String]; let W: [String]; let b: [String]; let expected: [String] }
    /// One recorded lax.dot_general call.
    struct DotCase: Decodable {
        let dtype: String
        let a: [Int]
        let b: [Int]
        let seeds: [Int]
        let contracting: [[Int]]
        let batch: [[Int]]
        let shape: [Int]?
        let bits: [String]?
        let error: Failure?
    }
    /// The whole recorded file.
    struct Reference: Decodable { let cases: [Case]; let lab: Lab; let dot_general: [DotCase] }

    func testDotGeneralMatchesRecordedResults() throws {
        var failures: [String] = []
        for c in try Self.reference().dot_general {
            let dtype = DType(rawValue: c.dtype) ?? .int32
            let a = Self.operand(c.a, seed: c.seeds[0], dtype: dtype, second: false)
            let b = Self.operand(c.b, seed: c.seeds[1], dtype: dtype, second: true)
            let label = "\(c.dtype) \(c.a) \(c.b) \(c.contracting) \(c.batch)"
            do {
                let r = try Kernels.dotGeneral(a, b, contracting: (c.contracting[0], c.contracting[1]),
                                               batch: (c.batch[0], c.batch[1]))
                if r.shape != c.shape || Self.words(r.storage) != c.bits { failures.append("\(label): got \(r.shape)") }
            } catch {
                if error.kind != c.error?.kind || error.message != c.error?.message { failures.append("\(label): \(error)") }
            }
        }
        XCTAssertEqual(failures, [])
    }

    static func reference() throws -> Reference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "matmul", withExtension: "json", subdirectory: "Data"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    static func floats(_ words: [String]) -> [Float] { words.map { Float(bitPattern: UInt32($0, radix: 16) ?? 0) } }

    /// lab1's `x_vec @ W + b`, printed by the reference run, reproduced digit for digit.
    func testLabBatchProductMatchesReference() throws {
        let lab = try Self.reference().lab
        let x = JaxArray(shape: [10, 4], storage: .float32(Self.floats(lab.x)))
        let w = JaxArray(shape: [4, 3], storage: .float32(Self.floats(lab.W)))
        let b = Self.floats(lab.b)
        let product = try Kernels.matmul(x, w)
        guard case .float32(let p) = product.storage else { return XCTFail("dtype \(product.dtype)") }
        let sums = p.indices.map { p[$0] + b[$0 % 3] }
        XCTAssertEqual(Self.words(.float32(sums)), lab.expected)
    }

    static func operand(_ shape: [Int], seed: Int, dtype: DType, second: Bool) -> JaxArray {
        let n = shape.reduce(1, *)
        switch dtype {
        case .int32, .int64:
            let values: [Int64] = (0..<n).map { i -> Int64 in
                let v: Int = second ? i % 7 - 3 : i % 11 - 5
                return Int64(v)
            }
            return JaxArray(shape: shape, storage: dtype == .int32 ? .int32(values.map { Int32($0) }) : .int64(values))
        default:
            return JaxArray(shape: shape, storage: ReductionTests.inputs(n, seed: seed, dtype: dtype))
        }
    }

    static func words(_ s: Storage) -> [String] {
        switch s {
        case .float32(let v): return v.map { String(format: "%08x", $0.bitPattern) }
        case .float64(let v): return v.map { String(format: "%016lx", $0.bitPattern) }
        default: return (0..<s.count).map { String(s.int64(at: $0)) }
        }
    }

    static func fnv(_ words: [String]) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in words.joined(separator: ",").utf8 { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return String(format: "%016lx", h)
    }

    func testProductsMatchRecordedBits() throws {
        let cases = try Self.reference().cases
        var failures: [String] = []
        for c in cases {
            let dtype = DType(rawValue: c.dtype) ?? .float32
            let semantics: ArraySemantics = c.lib == "jax" ? .jax : .numpy
            let a = Self.operand(c.a, seed: c.seeds[0], dtype: dtype, second: false)
            let b = Self.operand(c.b, seed: c.seeds[1], dtype: dtype, second: true)
            let label = "\(c.lib) \(c.dtype) \(c.a)@\(c.b)"
            do {
                let r = try Kernels.matmul(a, b, semantics: semantics)
                let got = Self.words(r.storage)
                if r.shape != c.shape { failures.append("\(label): shape \(r.shape)") }
                if let bits = c.bits, got != bits {
                    failures.append("\(label): \(zip(got, bits).filter { $0 != $1 }.count) of \(bits.count) differ")
                }
                if let digest = c.digest, Self.fnv(got) != digest {
                    let head = c.head ?? []
                    failures.append("\(label): digest differs; first 64: \(zip(got, head).filter { $0 != $1 }.count) differ")
                }
                if c.error != nil { failures.append("\(label): expected an error") }
            } catch {
                if error.kind != c.error?.kind || error.message != c.error?.message {
                    failures.append("\(label): \(error)")
                }
            }
        }
        XCTAssertEqual(failures, [])
    }
}
