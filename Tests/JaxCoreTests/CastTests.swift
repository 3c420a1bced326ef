import XCTest
@testable import JaxCore

/// Dtype conversion against JAX (saturating) and NumPy (x86 C casts), recorded bit for bit.
final class CastTests: XCTestCase {
    struct Case: Decodable { let semantics: String; let a: RecordedArray; let out: RecordedArray?; let error: String? }

    func testRecordedCasts() throws {
        let cases = try Reference.load("elementwise-cast", as: [Case].self)
        var failures: [String] = []
        for c in cases {
            guard let input = c.a.array, let target = c.out?.dtypeValue else { continue }
            let sem: ArraySemantics = c.semantics == "jax" ? .jax : .numpy
            if let problem = Reference.compare({ Kernels.cast(input, to: target, semantics: sem) },
                                               RecordedOutcome(out: c.out, error: c.error), inputs: [input]) {
                failures.append("\(c.a.dtype)->\(target) \(c.semantics): \(problem)")
            }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }

    func testLabUint8Example() {
        let values = JaxArray(shape: [4], storage: .float32([254, 255, 256, 257]))
        XCTAssertEqual(Reference.bits(Kernels.cast(values, to: .uint8, semantics: .jax)), ["fe", "ff", "ff", "ff"])
        XCTAssertEqual(Reference.bits(Kernels.cast(values, to: .uint8, semantics: .numpy)), ["fe", "ff", "0", "1"])
    }
}
