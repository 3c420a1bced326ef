import XCTest
@testable import JaxCore

/// Binary kernels against cases recorded from JAX 0.10.2 and NumPy 2 (Data/elementwise-binary.json).
final class ElementwiseBinaryTests: XCTestCase {
    struct Result: Decodable { let op: String; let semantics: String; let out: RecordedArray?; let error: String? }
    struct Group: Decodable { let a: RecordedArray; let b: RecordedArray; let results: [Result] }
    struct Case: Decodable { let op: String; let semantics: String; let a: RecordedArray; let b: RecordedArray; let out: RecordedArray?; let error: String? }
    struct File: Decodable { let groups: [Group]; let cases: [Case] }

    func run(_ op: String, _ semantics: String, _ a: RecordedArray, _ b: RecordedArray, _ out: RecordedArray?, _ error: String?) -> String? {
        guard let binaryOp = BinaryKernel.all.first(where: { $0.name == op }), let x = a.array, let y = b.array else { return "bad case \(op)" }
        let sem: ArraySemantics = semantics == "jax" ? .jax : .numpy
        let outcome = RecordedOutcome(out: out, error: error)
        return Reference.compare({ try Kernels.binary(binaryOp, x, y, semantics: sem) }, outcome, inputs: [x, y])
    }

    func testAllOpsAllDTypesBitForBit() throws {
        let file = try Reference.load("elementwise-binary", as: File.self)
        var failures: [String] = []
        for group in file.groups {
            for r in group.results {
                if let problem = run(r.op, r.semantics, group.a, group.b, r.out, r.error) {
                    failures.append("\(group.a.dtype) \(r.op) \(r.semantics): \(problem)")
                }
            }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }

    /// Integer results large enough to be split across cores, in the full and one-value operand
    /// forms, against the wrapping scalar definitions.
    func testLargeIntegerOperationsEqualTheirDefinitions() throws {
        let n = 300_001
        var state: UInt64 = 7
        let values: [Int32] = (0..<n).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return i % 5 == 0 ? [Int32.min, Int32.max, 0, -1, 1][i / 5 % 5] : Int32(truncatingIfNeeded: state >> 29)
        }
        let reversed = Array(values.reversed())
        let x = JaxArray(shape: [n], storage: .int32(values))
        let y = JaxArray(shape: [n], storage: .int32(reversed))
        let s: Int32 = -123_457
        let scalar = JaxArray(shape: [], storage: .int32([s]))
        let operations: [(BinaryKernel, (Int32, Int32) -> Int32?, (Int32, Int32) -> Bool?)] = [
            (.add, { $0 &+ $1 }, { _, _ in nil }), (.subtract, { $0 &- $1 }, { _, _ in nil }),
            (.multiply, { $0 &* $1 }, { _, _ in nil }), (.maximum, { max($0, $1) }, { _, _ in nil }),
            (.minimum, { min($0, $1) }, { _, _ in nil }), (.greater, { _, _ in nil }, { $0 > $1 }),
            (.equal, { _, _ in nil }, { $0 == $1 }), (.lessEqual, { _, _ in nil }, { $0 <= $1 }),
        ]
        for (kernel, arithmetic, comparison) in operations {
            for (a, b, pairs) in [(x, y, Array(zip(values, reversed))), (x, scalar, values.map { ($0, s) }),
                                  (scalar, y, reversed.map { (s, $0) })] {
                let got = try Kernels.binary(kernel, a, b, semantics: .jax)
                switch got.storage {
                case .int32(let v): XCTAssertEqual(v, pairs.map { arithmetic($0, $1) ?? 0 }, kernel.name)
                case .bool(let v): XCTAssertEqual(v, pairs.map { comparison($0, $1) ?? false }, kernel.name)
                default: XCTFail("\(kernel.name) gave \(got.dtype)")
                }
            }
        }
    }

    func testBroadcastingAndShapeErrors() throws {
        let file = try Reference.load("elementwise-binary", as: File.self)
        var failures: [String] = []
        for c in file.cases {
            if let problem = run(c.op, c.semantics, c.a, c.b, c.out, c.error) {
                failures.append("\(c.a.shape) \(c.op) \(c.b.shape) \(c.semantics): \(problem)")
            }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }

    func testWeakTypeSurvivesOnlyWhenBothOperandsAreWeak() throws {
        let weak = JaxArray.scalar(.float(2), dtype: .float32, weak: true)
        let strong = JaxArray.scalar(.float(3), dtype: .float32)
        XCTAssertTrue(try Kernels.binary(.add, weak, weak, semantics: .jax).weakType)
        XCTAssertFalse(try Kernels.binary(.add, weak, strong, semantics: .jax).weakType)
        XCTAssertFalse(try Kernels.binary(.less, weak, weak, semantics: .jax).weakType)
    }
}
