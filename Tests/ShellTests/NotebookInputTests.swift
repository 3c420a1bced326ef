#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// The prompt behaves as the IPython notebook the lab was written in: a cell is one input
/// (typed over several lines with automatic indentation, or pasted), runs as a whole or not at
/// all, shows only the value that ends it, and is numbered with `In`, `Out`, `_` as in IPython.
final class NotebookInputTests: ShellTestCase {
    func testADecoratorTypedOrPastedIsApplied() throws {
        let shell = try start()
        shell.typeLine("@jax.jit")
        shell.typeMore("def g3(x):")
        shell.typeMore("return x * 2")
        shell.typeMore("")
        shell.typeLine("jax.make_jaxpr(g3)(1.0)")
        shell.expect("jit[")
        shell.expect("name=g3")
        shell.paste("@jax.jit\ndef g4(x):\n    return x * 2\n")
        shell.typeLine("jax.make_jaxpr(g4)(1.0)")
        shell.expect("name=g4")
        quit(shell)
        XCTAssertFalse(shell.output.contains("SyntaxError"), shell.output)
    }

    func testALineAfterAFailedBlockDoesNotRun() throws {
        let shell = try start()
        shell.paste("def f(x):\nzz = 5\n")
        shell.expect("IndentationError: expected an indented block after function definition on line 1\n")
        shell.typeLine("'zz' in dir()")
        shell.expect("\nFalse\n")
        quit(shell)
    }

    func testOnlyTheValueThatEndsACellIsShown() throws {
        let shell = try start()
        shell.paste("def my_function(x):\n    return x.mean()\n\njitted_function = jax.jit(my_function)\n")
        // the lab: "the second run will not print out anything"
        shell.typeLine("for i in range(10):")
        shell.typeMore("jitted_function(jnp.zeros(i+1,))")
        shell.typeMore("")
        shell.typeLine("print('after the loop')")
        shell.expect("after the loop\n")
        XCTAssertFalse(shell.output.contains("Array(0."), "a loop's values are not shown")
        shell.paste("1 + 1\n2 + 2\n")
        shell.expect("\n4\n")
        shell.typeLine("3 + 3;")
        shell.typeLine("print(_)")
        shell.expect("\n4\n")
        XCTAssertFalse(shell.output.contains("\n2\n") || shell.output.contains("\n6\n"), shell.output)
        quit(shell)
    }

    func testAPasteArrivingInPiecesRunsAsOneCell() throws {
        let shell = try start()
        shell.expectPrompt()
        // the second piece is sent once the shell has read the first: they arrive apart
        shell.send("\u{1B}[200~def f(x):\r    y = x * 2\r")
        shell.waitUntilInputRead()
        shell.send("    return y\r\u{1B}[201~")
        shell.expect("return y")
        // the paste waits for Enter, as in IPython
        shell.send("\r")
        shell.typeLine("f(3)")
        shell.expect("\n6\n")
        quit(shell)
        XCTAssertFalse(shell.output.contains("Error"), shell.output)
    }

    func testErrorsShowTheLineAndACaretAtOnce() throws {
        let shell = try start()
        shell.typeLine("x = = 2")
        shell.expect("  Cell In[1], line 1\n    x = = 2\n        ^\nSyntaxError: invalid syntax\n")
        // a missing colon is reported at the first Enter
        shell.typeLine("if x > 0")
        shell.expect("    if x > 0\n            ^\nSyntaxError: expected ':'\n")
        shell.paste("def inverse(x):\n    return 1 / x\n")
        shell.typeLine("inverse(0)")
        shell.expect("""
            Traceback (most recent call last):
              Cell In[4], line 1, in <module>
                inverse(0)
              Cell In[3], line 2, in inverse
                return 1 / x
            ZeroDivisionError: division by zero

            """)
        quit(shell)
    }

    func testEnterIndentsAfterAColonAndDedentsAfterReturnContinueBreakRaise() throws {
        let shell = try start()
        shell.typeLine("def outer(flag):")
        shell.typeMore("if flag:")
        shell.typeMore("value = 1")
        // Backspace in the indentation goes back one level
        shell.typeMore("\u{7F}else:")
        shell.typeMore("value = 2")
        shell.typeMore("\u{7F}return value")
        // after return the next line starts one level less: a top-level statement
        shell.typeMore("outer(False)")
        shell.expect("\n2\n")
        // continue, break and raise dedent too
        shell.typeLine("for k in range(5):")
        shell.typeMore("if k == 1:")
        shell.typeMore("continue")
        shell.typeMore("if k == 3:")
        shell.typeMore("break")
        shell.typeMore("print('k', k)")
        shell.typeMore("")
        shell.expect("k 0\nk 2\n")
        shell.typeLine("def check(v):")
        shell.typeMore("if v < 0:")
        shell.typeMore("raise ValueError('negative')")
        shell.typeMore("return v")
        shell.typeMore("check(5)")
        shell.expect("\n5\n")
        // typed indentation replaces the automatic one
        shell.typeLine("def typed(x):")
        shell.typeMore("    return x + 1")
        shell.typeMore("")
        shell.typeLine("typed(1)")
        shell.expect("\n2\n")
        quit(shell)
    }

    func testUpRecallsAWholeCellToRunAgain() throws {
        let shell = try start()
        shell.paste("total = 0\nfor k in range(4):\n    total += k\nprint('total', total)\n")
        shell.expect("total 6\n")
        shell.typeLine("print('between')")
        shell.expect("between\n")
        shell.expectPrompt()
        // Up twice: the print, then the whole four-line cell, which Enter runs again
        shell.send("\u{1B}[A\u{1B}[A")
        shell.expect("print('total', total)")
        shell.send("\r")
        shell.expect("total 6\n")
        // recalled, the cell can be edited before it runs
        shell.expectPrompt()
        shell.send("\u{1B}[A")
        shell.expect("print('total', total)")
        shell.send("\u{7F} * 2)\r")
        shell.expect("total 12\n")
        quit(shell)
        let file = try String(contentsOfFile: historyPath, encoding: .utf8)
        XCTAssertTrue(file.contains("> total = 0\n> for k in range(4):\n>     total += k\n> print('total', total)\n\n"), file)
        XCTAssertFalse(file.contains("\\040"))
    }

    func testOutputsAndInputsAreNumberedAsInIPython() throws {
        let shell = try start()
        shell.typeLine("6 * 7")
        shell.expect("\n42\n")
        shell.typeLine("_ + 1")
        shell.expect("\n43\n")
        shell.typeLine("(__, _1, Out[2], In[1])")
        shell.expect("(42, 42, 43, '6 * 7')\n")
        // a name the student assigns stays theirs
        shell.typeLine("_ = 'mine'")
        shell.typeLine("100")
        shell.typeLine("(_, _5)")
        shell.expect("('mine', 100)\n")
        quit(shell)
    }

    func testUnderscoresStartEmptyAsInIPython() throws {
        let shell = try start()
        shell.typeLine("(_, __, ___)")
        shell.expect("('', '', '')\n")
        shell.typeLine("1")
        shell.typeLine("(_, __, ___)")
        shell.expect("(1, ('', '', ''), '')\n")
        quit(shell)
    }

    func testNumberedPrompts() throws {
        let shell = try start(arguments: ["--numbered"])
        shell.typeLine("2 + 3", prompt: "In [1]: ")
        shell.expect("Out[1]: 5\n")
        shell.typeLine("jnp.ones((2, 2))", prompt: "In [2]: ")
        shell.expect("Out[2]: \nArray([[1., 1.],\n       [1., 1.]], dtype=float32)\n")
        shell.typeLine(":numbered off", prompt: "In [3]: ")
        shell.typeLine("1")
        shell.expect("\n1\n")
        quit(shell)
    }

    func testExitAndQuitLeaveAsInPython() throws {
        for (line, status) in [("exit", Int32(0)), ("quit", 0), ("exit()", 0), ("quit()", 0), ("exit(3)", 3),
                               ("import sys; sys.exit(4)", 4)] {
            let shell = try start()
            shell.typeLine(line)
            XCTAssertEqual(shell.waitForExit(), status, line)
        }
        let shell = try start()
        shell.typeLine("print(exit)")
        shell.expect("Use exit() or Ctrl-D (i.e. EOF) to exit\n")
        quit(shell)
    }
}
