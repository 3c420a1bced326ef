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
