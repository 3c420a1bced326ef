import Foundation
import JaxCore
import JaxRandom
import XCTest

/// NumpyLegacyRandom against sequences of calls recorded from NumPy 2.4's legacy np.random
/// (Data/numpy_random.jsonl, written by Data/record_numpy_random.py), bit for bit.
final class NumpyReferenceTests: XCTestCase {
    /// One seed and the calls made on it, in order.
    struct Sequence: Decodable {
        var seed: UInt32
        var steps: [Step]
    }

    /// One call and NumPy's output bits.
    struct Step: Decodable {
        var call: String
        var args: Arguments
        var dtype: String
        var shape: [Int]
        var out: String
    }

    /// The call's keyword arguments.
    struct Arguments: Decodable {
        var shape: [Int]?
        var loc: Double?
        var scale: Double?
        var low: Double?
        var high: Double?
        var dtype: String?
        var n: Int?
        var replace: Bool?
        var p: [Double]?
    }

    func testRecordedSequencesMatchBitForBit() throws {
        var values = 0
        var failures: [String] = []
        for line in try ReferenceData.lines("numpy_random.jsonl") {
            let sequence = try JSONDecoder().decode(Sequence.self, from: Data(line.utf8))
            var rng = NumpyLegacyRandom(seed: sequence.seed)
            for (index, step) in sequence.steps.enumerated() {
                let got = try run(step, &rng)
                values += got.count
                let text = JaxReferenceTests.hex(got)
                if got.shape != step.shape || got.dtype.name != step.dtype || text != step.out {
                    failures.append("seed \(sequence.seed) step \(index) \(step.call): want \(step.dtype)\(step.shape) \(step.out.prefix(64)), got \(got.dtype.name)\(got.shape) \(text.prefix(64))")
                }
            }
        }
        XCTAssertGreaterThan(values, 10_000)
        XCTAssertEqual(failures.count, 0, failures.prefix(8).joined(separator: "\n"))
    }

    func run(_ step: Step, _ rng: inout NumpyLegacyRandom) throws -> JaxArray {
        let a = step.args
        let shape = a.shape ?? []
        switch step.call {
        case "random": return try rng.randomSample(shape: shape)
        case "normal": return try rng.normal(loc: a.loc ?? 0, scale: a.scale ?? 1, shape: shape)
        case "randn": return try rng.normal(shape: shape)
        case "uniform": return try rng.uniform(low: a.low ?? 0, high: a.high ?? 1, shape: shape)
        case "randint":
            let dtype = try XCTUnwrap(DType.named(a.dtype ?? "int64"))
            return try rng.randint(low: Int64(a.low ?? 0), high: a.high.map { Int64($0) }, shape: shape, dtype: dtype)
        case "permutation": return try rng.permutation(count: a.n ?? 0)
        case "shuffle":
            let n = a.n ?? 0
            return try rng.shuffled(JaxArray(shape: [n, 2], storage: .int64((0 ..< Int64(2 * n)).map { $0 })))
        case "choice":
            return try rng.choice(.count(a.n ?? 0), shape: shape, replace: a.replace ?? true, p: a.p)
        default:
            throw PyException.valueError("unknown call \(step.call)")
        }
    }

    func testFirstLabValues() {
        var rng = NumpyLegacyRandom(seed: 42)
        XCTAssertEqual(rng.gauss(), 0.4967141530112327)
        XCTAssertEqual(rng.gauss(), -0.13826430117118466)
    }

    func testBadInput() {
        var rng = NumpyLegacyRandom(seed: 0)
        func message(_ body: () throws -> Any) -> String? {
            do { _ = try body(); return nil } catch let error as PyException { return error.description } catch { return "?" }
        }
        XCTAssertEqual(message { try NumpyLegacyRandom.checkedSeed(-1) }, "ValueError: Seed must be between 0 and 2**32 - 1")
        XCTAssertEqual(message { try rng.randint(low: 5, high: 5, shape: []) }, "ValueError: low >= high")
        XCTAssertEqual(message { try rng.randint(low: 0, shape: []) }, "ValueError: high <= 0")
        XCTAssertEqual(message { try rng.normal(scale: -1, shape: []) }, "ValueError: scale < 0")
        XCTAssertEqual(message { try rng.normal(shape: [-1]) }, "ValueError: negative dimensions are not allowed")
        XCTAssertEqual(message { try rng.choice(.count(3), shape: [5], replace: false) },
                       "ValueError: Cannot take a larger sample than population when 'replace=False'")
        XCTAssertEqual(message { try rng.choice(.count(3), shape: [2], p: [0.5, 0.4, 0.3]) }, "ValueError: probabilities do not sum to 1")
        XCTAssertEqual(message { try rng.choice(.count(0), shape: [5]) }, "ValueError: a must be greater than 0 unless no samples are taken")
    }
}
