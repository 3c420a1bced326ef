import XCTest
@testable import JaxCore

/// Checks the array formatter against text recorded from real JAX 0.10.2 and NumPy 2.x.
final class FormatTests: XCTestCase {
    private func check(_ label: String, _ produce: (FormatCase, JaxArray) -> String?,
                       _ expected: (FormatCase) -> String?) throws {
        var failures = 0
        var checked = 0
        for (c, array) in try FormatCaseLoader.arrays() {
            guard let want = expected(c) else { continue }
            let got = produce(c, array)
            checked += 1
            if got != want {
                failures += 1
                if failures <= 15 {
                    XCTFail("\(label) \(c.name) \(c.shape):\nexpected: \(want)\n     got: \(got ?? "nil")")
                }
            }
        }
        XCTAssertEqual(failures, 0, "\(label): \(failures) of \(checked) cases differ")
    }

    func testStrMatchesJAX() throws {
        try check("str", { ArrayFormatter.str($1) }, { $0.str })
    }

    func testStrMatchesNumPy() throws {
        try check("numpy str", { ArrayFormatter.str($1) }, { $0.numpy_str ?? $0.str })
    }

    func testJAXRepr() throws {
        try check("repr", { ArrayFormatter.repr($1, flavor: .jax) }, { $0.repr })
    }

    func testNumPyRepr() throws {
        try check("numpy repr", { ArrayFormatter.repr($1.withWeakType(false), flavor: .numpy) }, { $0.numpy_repr })
    }

    func testNumPyScalarRepr() throws {
        try check("scalar repr", { ArrayFormatter.numpyScalarRepr($1) }, { $0.scalar_repr })
    }

    func testNumPyScalarStr() throws {
        try check("scalar str", { ArrayFormatter.numpyScalarStr($1) }, { $0.scalar_str })
    }

    func testPythonFloatRepr() throws {
        let file = try FormatCaseLoader.load()
        for c in file.python_floats {
            XCTAssertEqual(PythonFloat.repr(c.value), c.repr)
        }
    }

    func testLab1Prints() {
        let zeros = JaxArray(shape: [2, 5], storage: .float32(Array(repeating: 0, count: 10)))
        XCTAssertEqual(ArrayFormatter.str(zeros), "[[0. 0. 0. 0. 0.]\n [0. 0. 0. 0. 0.]]")
        let c = JaxArray(shape: [6], storage: .float16((5...10).map { Float16($0) }))
        XCTAssertEqual(ArrayFormatter.str(c), "[ 5.  6.  7.  8.  9. 10.]")
        let mean = JaxArray(shape: [], storage: .float32([12.666667]))
        XCTAssertEqual(ArrayFormatter.str(mean), "12.666667")
        XCTAssertEqual(ArrayFormatter.repr(mean, flavor: .jax), "Array(12.666667, dtype=float32)")
    }

    func testSummarisedMillionElementsIsQuick() {
        let big = JaxArray(shape: [1000, 1000], storage: .float32((0..<1_000_000).map { Float($0) }))
        let start = Date()
        let text = ArrayFormatter.repr(big, flavor: .jax)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
        XCTAssertTrue(text.hasPrefix("Array([[0.00000e+00, 1.00000e+00, 2.00000e+00, ..., 9.97000e+02,"))
    }
}
