import XCTest
@testable import JaxCore

/// Unary kernels, integer_pow and select against JAX 0.10.2 and NumPy 2.4, bit for bit.
final class ElementwiseUnaryTests: XCTestCase {
    struct Result: Decodable { let op: String; let semantics: String; let out: RecordedArray?; let error: String? }
    struct Group: Decodable { let a: RecordedArray; let results: [Result] }

    /// Functions whose JAX or NumPy implementation is not reproduced bit for bit yet (NumPy 2.4's
    /// own SIMD float32 and float64 loops, XLA's float64 rsqrt estimate), checked
    /// only to agree within 1024 units in the last place.
    static let notYetBitExact: Set<String> = [
        "float32 log numpy", "float32 log1p numpy", "float32 expm1 numpy", "float32 tan numpy", "float32 tanh numpy", "float32 arctan numpy",
        "float64 exp numpy", "float64 log1p numpy", "float64 expm1 numpy", "float64 tan numpy",
        "float64 tanh numpy", "float64 arctan numpy", "float64 rsqrt jax",
    ]

    /// True when every element is within `ulps` units in the last place (NaN matching NaN).
    func close(_ got: JaxArray, _ want: RecordedArray, ulps: Int64) -> Bool {
        guard let w = want.array, w.count == got.count, w.dtype == got.dtype else { return false }
        for i in 0..<got.count {
            let a = got.storage.double(at: i), b = w.storage.double(at: i)
            if a.isNaN && b.isNaN || a == b { continue }
            let gap: Double
            switch got.dtype {
            case .float32: gap = Double(Float(b).ulp)
            case .float16: gap = Double(Float16(b).ulp)
            case .bfloat16: gap = Double(Float(b).ulp) * 65536
            default: gap = b.ulp
            }
            if (a - b).magnitude > gap * Double(ulps) { return false }
        }
        return true
    }

    func testRecordedUnary() throws {
        let groups = try Reference.load("elementwise-unary", as: [Group].self)
        var failures: [String] = []
        for group in groups {
            guard let x = group.a.array else { continue }
            for r in group.results {
                guard let op = UnaryKernel.all.first(where: { $0.name == r.op }) else { continue }
                if Self.notYetBitExact.contains("\(group.a.dtype) \(r.op) \(r.semantics)") {
                    let sem: ArraySemantics = r.semantics == "jax" ? .jax : .numpy
                    guard let want = r.out, let got = try? Kernels.unary(op, x, semantics: sem) else { continue }
                    if !close(got, want, ulps: 1024) {
                        failures.append("\(group.a.dtype) \(r.op) \(r.semantics): beyond 1024 ulps")
                    }
                    continue
                }
                let sem: ArraySemantics = r.semantics == "jax" ? .jax : .numpy
                if let problem = Reference.compare({ try Kernels.unary(op, x, semantics: sem) },
                                                   RecordedOutcome(out: r.out, error: r.error), inputs: [x]) {
                    failures.append("\(group.a.dtype)\(group.a.shape) \(r.op) \(r.semantics): \(problem)")
                }
            }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }

    struct PowCase: Decodable { let y: Int; let a: RecordedArray; let out: RecordedArray?; let error: String? }

    func testRecordedIntegerPow() throws {
        let cases = try Reference.load("elementwise-integer_pow", as: [PowCase].self)
        var failures: [String] = []
        for c in cases {
            guard let x = c.a.array else { continue }
            if let problem = Reference.compare({ try Kernels.integerPow(x, c.y) }, RecordedOutcome(out: c.out, error: c.error), inputs: [x]) {
                failures.append("\(c.a.dtype) ** \(c.y): \(problem)")
            }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }

    struct SelectCase: Decodable { let c: RecordedArray; let t: RecordedArray; let f: RecordedArray; let out: RecordedArray?; let error: String? }

    func testRecordedSelect() throws {
        let cases = try Reference.load("elementwise-select", as: [SelectCase].self)
        var failures: [String] = []
        for s in cases {
            guard let c = s.c.array, let t = s.t.array, let f = s.f.array else { continue }
            if let problem = Reference.compare({ try Kernels.select(c, t, f) }, RecordedOutcome(out: s.out, error: s.error)) {
                failures.append("where \(s.c.shape) \(s.t.shape) \(s.f.shape): \(problem)")
            }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
        let bad = JaxArray(shape: [3], storage: .bool([true, false, true]))
        XCTAssertThrowsError(try Kernels.select(bad, JaxArray(shape: [2], storage: .float32([1, 2])), JaxArray(shape: [], storage: .float32([0]))))
    }
}
