import XCTest
@testable import JaxCore

/// Type promotion against `jax.dtypes.result_type` (weak flags, x64 on and off) and NumPy 2's
/// `result_type` with Python scalars.
final class PromotionTests: XCTestCase {
    struct Operand: Decodable {
        let dtype: String
        let weak: Bool
        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            dtype = try c.decode(String.self)
            weak = try c.decode(Bool.self)
        }
    }

    struct Case: Decodable {
        let x64: Bool?
        let numpy: Bool?
        let a: Operand
        let b: Operand
        let dtype: String?
        let weak: Bool?
        let error: String?
    }

    func testRecordedPromotions() throws {
        let cases = try Reference.load("elementwise-promotion", as: [Case].self)
        var failures: [String] = []
        for c in cases {
            guard let a = DType(rawValue: c.a.dtype), let b = DType(rawValue: c.b.dtype), let want = c.dtype else { continue }
            let operands = [(dtype: a, weak: c.a.weak), (dtype: b, weak: c.b.weak)]
            if c.numpy == true {
                let got = Promotion.numpy(operands)
                if got.rawValue != want { failures.append("numpy \(operands): got \(got), want \(want)") }
            } else {
                let got = Promotion.jax(operands, enableX64: c.x64 ?? false)
                if got.dtype.rawValue != want || got.weak != c.weak {
                    failures.append("jax x64=\(c.x64 ?? false) \(operands): got \(got), want \(want) weak \(c.weak ?? false)")
                }
            }
        }
        XCTAssertGreaterThan(cases.count, 500)
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }

    func testIssueExamples() {
        let half = Promotion.jax([(.float16, false), (.float32, true)], enableX64: false)
        XCTAssertEqual("\(half.dtype) \(half.weak)", "float16 false")
        let mixed = Promotion.jax([(.int32, false), (.float32, true)], enableX64: false)
        XCTAssertEqual("\(mixed.dtype) \(mixed.weak)", "float32 true")   // int32 array + 2.5 is a weak float32
        let scalars = Promotion.jax([(.int32, true), (.float32, true)], enableX64: false)
        XCTAssertEqual("\(scalars.dtype) \(scalars.weak)", "float32 true")
    }
}
