import XCTest
@testable import JaxCore

/// Every case of tracing-cases.json, recorded from JAX, run through the Swift API: printed
/// jaxprs byte for byte, result leaves bit for bit, errors by kind and message.
final class TracingReferenceTests: XCTestCase {
    func testReferenceCases() throws {
        let file = try TracingReference.load()
        var inputs: [String: JaxValue] = [:]
        for (name, e) in file.inputs {
            guard let a = TracingReference.decode(e) else { XCTFail("cannot decode input \(name)"); continue }
            inputs[name] = .array(a)
        }
        let cases = TracingCases.all(inputs)
        XCTAssertEqual(Set(cases.keys), Set(file.cases.keys), "cases defined in Swift and recorded in JSON differ")
        XCTAssertGreaterThanOrEqual(cases.count, 60)
        for name in cases.keys.sorted() {
            guard let run = cases[name], let expected = file.cases[name] else { continue }
            let ctx = JaxContext()
            do {
                let outcome = try run(ctx, inputs)
                if let error = expected.error { XCTFail("\(name): expected \(error), got a result"); continue }
                switch outcome {
                case .jaxpr(let j):
                    XCTAssertEqual(j.description, expected.jaxpr, name)
                case .text(let t):
                    XCTAssertEqual(t, expected.text, name)
                case .tree(let tree):
                    let leaves = tree.leaves
                    let want = expected.leaves ?? []
                    XCTAssertEqual(leaves.count, want.count, "\(name): leaf count")
                    for (i, (got, w)) in zip(leaves, want).enumerated() {
                        guard case .array(let a) = got else { XCTFail("\(name)[\(i)]: a tracer escaped"); continue }
                        XCTAssertEqual(a.shape, w.shape, "\(name)[\(i)] shape")
                        XCTAssertEqual(a.dtype.name, w.dtype, "\(name)[\(i)] dtype")
                        XCTAssertEqual(TracingReference.bits(a), w.bits, "\(name)[\(i)] values")
                    }
                }
            } catch {
                XCTAssertEqual(error.description, expected.error ?? "(no error)", name)
            }
        }
    }
}
