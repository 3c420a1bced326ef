import XCTest
@testable import Language

final class SessionTests: XCTestCase {
    func testInteractiveEchoesReprAndStoresUnderscore() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        session.runInteractive("x = 'a'\n", filename: "<stdin>")
        session.runInteractive("x * 2\n", filename: "<stdin>")
        session.runInteractive("None\n", filename: "<stdin>")
        session.runInteractive("_ + '!'\n", filename: "<stdin>")
        XCTAssertEqual(sink.output, "'aa'\n'aa!'\n")
    }

    func testInteractiveErrorsDoNotStopTheSession() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        XCTAssertFalse(session.runInteractive("1 / 0\n", filename: "<stdin>").succeeded)
        XCTAssertTrue(session.runInteractive("print('still here')\n", filename: "<stdin>").succeeded)
        XCTAssertEqual(sink.errors, "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n")
        XCTAssertEqual(sink.output, "still here\n")
    }

    func testIsIncompleteForOpenBlocksAndBrackets() {
        let session = Session(sink: BufferSink())
        XCTAssertTrue(session.isIncomplete("def f():\n"))
        XCTAssertTrue(session.isIncomplete("def f():\n    return 1\n"))
        XCTAssertFalse(session.isIncomplete("def f():\n    return 1\n\n"))
        XCTAssertTrue(session.isIncomplete("x = (1,\n"))
        XCTAssertTrue(session.isIncomplete("s = '''a\n"))
        XCTAssertTrue(session.isIncomplete("x = 1 + \\\n"))
        XCTAssertFalse(session.isIncomplete("x = 1\n"))
        XCTAssertFalse(session.isIncomplete("x = )\n"))
    }

    func testCompletionsOfNamesAndAttributes() {
        let session = Session(sink: BufferSink())
        session.runScript("import jax.numpy as jnp\nvalue = 1\n", filename: "c.py")
        XCTAssertTrue(session.completions(for: "x = jnp.ara", cursor: 11).contains("jnp.arange"))
        XCTAssertEqual(session.completions(for: "val", cursor: 3), ["value"])
        XCTAssertTrue(session.completions(for: "pri", cursor: 3).contains("print"))
    }

    func testContextIsSharedWithJaxConfig() {
        let session = Session(sink: BufferSink())
        session.runScript("import jax\njax.config.update('jax_enable_x64', True)\n", filename: "x.py")
        XCTAssertTrue(session.context.enableX64)
    }

    /// Print options belong to the session that set them: echo follows them, a new session starts from NumPy's defaults.
    func testPrintOptionsStayInTheirSession() {
        let sink = BufferSink()
        let first = Session(sink: sink)
        first.runInteractive("import numpy as np, jax.numpy as jnp\n", filename: "<stdin>")
        first.runInteractive("np.set_printoptions(precision=2)\n", filename: "<stdin>")
        first.runInteractive("jnp.array([1 / 3])\n", filename: "<stdin>")
        let other = BufferSink()
        let second = Session(sink: other)
        second.runScript("import jax.numpy as jnp\nprint(jnp.array([1 / 3]), jnp.get_printoptions()['precision'])\n", filename: "s.py")
        XCTAssertEqual(sink.output, "Array([0.33], dtype=float32)\n")
        XCTAssertEqual(other.output, "[0.33333334] 8\n")
    }
}
