import Language
import XCTest

/// When an input typed so far can run, as IPython's `check_complete` decides it.
final class InputStatusTests: XCTestCase {
    private func status(_ text: String) -> InputStatus { Session.inputStatus(text) }

    func testSingleLines() {
        XCTAssertEqual(status("x = 1\n"), .complete)
        XCTAssertEqual(status("for i in range(3): print(i)\n"), .complete)
        XCTAssertEqual(status("x = (1,\n"), .incomplete(indent: 0))
        XCTAssertEqual(status("s = '''text\n"), .incomplete(indent: 0))
        XCTAssertEqual(status("x = 1 + \\\n"), .incomplete(indent: 0))
        XCTAssertEqual(status("if x > 0\n"), .invalid)
        XCTAssertEqual(status("x = = 2\n"), .invalid)
        XCTAssertEqual(status("%timeit x + 1\n"), .complete)
        XCTAssertEqual(status("jnp.arange?\n"), .complete)
    }

    func testBlocksNeedABlankLine() {
        XCTAssertEqual(status("def f(x):\n"), .incomplete(indent: 4))
        XCTAssertEqual(status("def f(x):\n    if x:\n"), .incomplete(indent: 8))
        XCTAssertEqual(status("def f(x):\n    y = x\n"), .incomplete(indent: 4))
        XCTAssertEqual(status("def f(x):\n    return x\n"), .incomplete(indent: 0))
        XCTAssertEqual(status("def f(x):\n    return x\n\n"), .complete)
        XCTAssertEqual(status("def f(x):\n    return x\nf(1)\n"), .complete)
        XCTAssertEqual(status("x = f(1,\n      2)\n"), .complete)
    }

    func testDecoratorsWaitForTheirFunction() {
        XCTAssertEqual(status("@jax.jit\n"), .incomplete(indent: 0))
        XCTAssertEqual(status("@jax.jit\n\n"), .incomplete(indent: 0))
        XCTAssertEqual(status("@jax.jit\ndef g(x):\n    return x\n\n"), .complete)
    }

    func testABlockThatCannotBeCompletedIsInvalidAtOnce() {
        XCTAssertEqual(status("def f(x):\nzz = 5\n"), .invalid)
        XCTAssertEqual(status("def f(x):\n    y = = 1\n"), .invalid)
    }

    func testCellMagicsEndWithABlankLine() {
        XCTAssertEqual(status("%%timeit\n# Your code here\n"), .incomplete(indent: 0))
        XCTAssertEqual(status("%%timeit\n# Your code here\n\n"), .complete)
    }

    func testTheScannerFollowsStringsAndBrackets() {
        var scanner = InputScanner()
        scanner.feed("x = ['a(', \"b]\",  # (")
        XCTAssertTrue(scanner.isOpen)
        scanner.feed("     '''")
        scanner.feed("still ) in the string")
        XCTAssertTrue(scanner.isOpen)
        scanner.feed("''']")
        XCTAssertFalse(scanner.isOpen)
        XCTAssertFalse(scanner.endsWithColon)
    }
}
