import Language
import XCTest
@testable import Tutor

/// Each check helper, through the path the walker uses: an input runs, then the task's check
/// runs on it; a pass, a plain failure and a known wrong answer's message.
final class CheckHelperTests: XCTestCase {
    /// Runs `setup`, then `input`, then the check; returns what the check said.
    private func outcome(check: String, input: String, setup: String = "") -> CheckOutcome {
        let session = LessonSession(sink: BufferSink(), timing: .quick)
        if !setup.isEmpty { session.run(setup, quietly: true) }
        let task = LessonTask(id: "t", title: "t", check: CodeBlock(code: check, line: 1), hints: [],
                              solution: CodeBlock(code: "", line: 1), line: 1)
        let result = session.run(input, quietly: true)
        return session.check(task, after: result, source: input)
    }

    private func message(_ outcome: CheckOutcome) -> String? {
        if case .failed(let message, _) = outcome { return message }
        return nil
    }

    func testClose() {
        let check = """
        assert not close(c, jnp.arange(5, 10)), "arange stops before its end"
        assert close(c, jnp.arange(5, 11), atol=1e-3)
        """
        XCTAssertEqual(outcome(check: check, input: "c = jnp.arange(5, 11) + 1e-4"), .passed)
        XCTAssertEqual(message(outcome(check: check, input: "c = jnp.arange(5, 10)")), "arange stops before its end")
        XCTAssertNil(message(outcome(check: check, input: "c = jnp.arange(5, 11) + 1")))
        XCTAssertEqual(outcome(check: "assert close(answer, 2.0)", input: "print(jnp.float32(2.0000001))"), .passed)
        XCTAssertEqual(outcome(check: "assert close(jnp.array([jnp.nan, 1.0]), [jnp.nan, 1.0])", input: "pass"), .passed)
        XCTAssertNotEqual(outcome(check: "assert close('text', 1)", input: "pass"), .passed)
    }

    func testSameArrayComparesShapeDtypeAndValues() {
        let check = """
        assert same_array(c, jnp.array([1, 2], dtype=jnp.int32)), "c should be int32 [1, 2]"
        """
        XCTAssertEqual(outcome(check: check, input: "c = jnp.array([1, 2])"), .passed)
        XCTAssertEqual(message(outcome(check: check, input: "c = jnp.array([1.0, 2.0])")), "c should be int32 [1, 2]")
        XCTAssertEqual(message(outcome(check: check, input: "c = jnp.array([[1, 2]])")), "c should be int32 [1, 2]")
    }

    func testHasDtypeNamesTheWrongDtype() {
        let check = """
        assert has_dtype(c, jnp.float16), f"c is {c.dtype}, not float16"
        """
        XCTAssertEqual(outcome(check: check, input: "c = jnp.arange(3, dtype=jnp.float16)"), .passed)
        XCTAssertEqual(message(outcome(check: check, input: "c = jnp.arange(3, dtype=jnp.float64)")), "c is float32, not float16")
        XCTAssertEqual(message(outcome(check: check, input: "c = np.arange(3.0)")), "c is float64, not float16")
        XCTAssertEqual(outcome(check: "assert has_dtype(answer, 'int32')", input: "jnp.arange(2).dtype"), .passed)
    }

    func testHasShape() {
        let check = "assert has_shape(answer, (2, 3)), \"the answer should have shape (2, 3)\""
        XCTAssertEqual(outcome(check: check, input: "jnp.zeros((2, 3))"), .passed)
        XCTAssertEqual(message(outcome(check: check, input: "jnp.zeros((3, 2))")), "the answer should have shape (2, 3)")
        XCTAssertEqual(outcome(check: "assert has_shape(answer, 4)", input: "print(jnp.ones(4))"), .passed)
    }

    func testUsesFollowsTheCallNotTheText() {
        let check = "assert uses(\"jax.grad\"), \"use jax.grad\""
        let setup = "def f(x):\n    return (x ** 2).sum()\n\nfrom jax import grad as derivative\n"
        XCTAssertEqual(outcome(check: check, input: "jax.grad(f)(jnp.ones(2))", setup: setup), .passed)
        XCTAssertEqual(outcome(check: check, input: "derivative(f)(jnp.ones(2))", setup: setup), .passed)
        XCTAssertEqual(message(outcome(check: check, input: "print('jax.grad')", setup: setup)), "use jax.grad")
        XCTAssertEqual(outcome(check: "assert uses('jnp.arange') and uses('block_until_ready')",
                               input: "jnp.arange(3).block_until_ready()"), .passed)
        XCTAssertEqual(outcome(check: "assert uses('%timeit') and uses('f')", input: "%timeit f(jnp.ones(2))", setup: setup), .passed)
    }

    func testJaxprOfListsPrimitives() {
        let check = """
        prims = jaxpr_of(f, jnp.ones(3))
        assert prims == ['integer_pow', 'reduce_sum', 'sqrt'], f"the jaxpr has {prims}"
        """
        XCTAssertEqual(outcome(check: check, input: "def f(x):\n    return jnp.sqrt((x ** 2).sum())\n"), .passed)
        XCTAssertEqual(message(outcome(check: check, input: "def f(x):\n    return jnp.sqrt(x.sum())\n")), "the jaxpr has ['reduce_sum', 'sqrt']")
    }

    func testGradCheckAgainstFiniteDifferences() {
        let setup = "def f(x):\n    return ((x + 2) ** 2 + 3).mean()\n\nx = jnp.arange(3, dtype=jnp.float32)\n"
        let check = "assert grad_check(f, x, g), \"g is not the gradient of f\""
        XCTAssertEqual(outcome(check: check, input: "g = jax.grad(f)", setup: setup), .passed)
        XCTAssertEqual(message(outcome(check: check, input: "g = lambda v: 2 * (v + 2)", setup: setup)), "g is not the gradient of f")
    }

    func testTheInputIsDescribedByAnswerPrintedAndSource() {
        let check = "assert answer == 3 and printed == '3\\n' and source == 'print(1 + 2)\\n' and _ is None"
        XCTAssertEqual(outcome(check: check, input: "print(1 + 2)\n"), .passed)
    }

    func testChecksNeverChangeTheStudentsNames() {
        let session = LessonSession(sink: BufferSink(), timing: .quick)
        session.run("c = 1\nitems = []\n", quietly: true)
        let task = LessonTask(id: "t", title: "t", check: CodeBlock(code: "c = 2\nx = 5\njnp = None\nassert False", line: 1),
                              hints: [], solution: CodeBlock(code: "", line: 1), line: 1)
        let result = session.run("c\n", quietly: true)
        XCTAssertNotEqual(session.check(task, after: result, source: "c"), .passed)
        XCTAssertEqual(session.run("print(c, 'x' in dir(), jnp.arange(2))", quietly: true).printed, "1 False [0 1]\n")
    }

    func testAnErrorInsideTheCheckIsAFailureWithoutMessage() {
        guard case .failed(nil, let exception) = outcome(check: "assert c.dtype == 'x'", input: "pass") else {
            return XCTFail("expected a failure")
        }
        XCTAssertEqual(exception.kind, "NameError")
    }
}
