#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// The real jaxlab binary on a pseudo-terminal: editing, completion, history, multi-line
/// input, Ctrl-C, Ctrl-D and magics, asserted on what the program prints. Expected values are
/// what JAX 0.10.2 prints for the same input.
final class ShellTerminalTests: ShellTestCase {
    func testTypingWithEmacsEditingKeys() throws {
        let shell = try start()
        shell.typeLine("x = 4")
        shell.expectPrompt()
        // "rint(x + 1)", Ctrl-A, "p", Ctrl-E, Backspace, ")": editing at both ends of the line.
        shell.send("rint(x + 1)\u{1}p\u{5}\u{7F})\r")
        shell.expect("\n5\n")
        shell.expectPrompt()
        // Ctrl-U drops what was typed; Ctrl-W deletes a word.
        shell.send("garbage\u{15}print('café' + ' ok') junk\u{17}\u{8}\r")
        shell.expect("café ok\n")
        quit(shell)
    }

    func testTabCompletesModuleAttributeUniqueAndAmbiguous() throws {
        let shell = try start()
        shell.typeLine("import math")
        shell.expectPrompt()
        shell.send("math.s\t")
        shell.expect("sin")
        shell.expect("sqrt")
        shell.expectRedrawnPrompt()
        shell.send("q\t(16)\r")
        shell.expect("\n4.0\n")
        quit(shell)
    }

    func testTabCompletesJaxNumpyNames() throws {
        let shell = try start()
        shell.expectPrompt()
        shell.send("jnp.ar\t")
        shell.expect("jnp.argmax")
        shell.expect("jnp.array")
        shell.expectRedrawnPrompt()
        shell.send("a\t(3)\r")
        shell.expect("Array([0, 1, 2], dtype=int32)\n")
        shell.typeLine("b = jnp.arange(3.0)")
        shell.expectPrompt()
        shell.send("b.dty\t\r")
        shell.expect("dtype('float32')\n")
        quit(shell)
    }

    func testTabCompletesAttributeOfUserVariable() throws {
        let shell = try start()
        shell.typeLine("word = 'jax'")
        shell.expectPrompt()
        shell.send("word.upp\t()\r")
        shell.expect("'JAX'\n")
        quit(shell)
    }

    func testTabCompletesKeywordArgumentAndDictKey() throws {
        let shell = try start()
        shell.expectPrompt()
        shell.send("jnp.zeros(2, dt\tjnp.int8)\r")
        shell.expect("Array([0, 0], dtype=int8)\n")
        shell.typeLine("params = {'weights': 7}")
        shell.expectPrompt()
        shell.send("params['we\t\r")
        shell.expect("\n7\n")
        quit(shell)
    }

    func testHistoryIsRecalledByPrefixInTheNextRun() throws {
        let first = try start()
        first.typeLine("y = 41")
        first.typeLine("print(y + 1)")
        first.expect("42\n")
        first.typeLine("y = 1")
        quit(first)

        let second = try start()
        second.typeLine("y = 2")
        second.expectPrompt()
        // Up with "pri" typed skips the newer "y = ..." lines and recalls print(y + 1).
        second.send("pri\u{1B}[A\r")
        second.expect("3\n")
        quit(second)
    }

    func testThreeLineDefinitionTypedWithAutoIndent() throws {
        let shell = try start()
        shell.typeLine("def sq(x):")
        // Enter indented the new line: the body is typed without its indentation
        shell.typeMore("y = x * x")
        shell.typeMore("return y")
        shell.typeMore("")
        shell.typeLine("sq(7)")
        shell.expect("\n49\n")
        quit(shell)
    }

    func testPastedCellWithBlankLineInsideTheDefinition() throws {
        let shell = try start()
        let cell = """
        def f(x):
            x = x + 2

            x = x ** 2
            return x + 3

        xs = [0, 1, 2]
        print('Input', xs)
        print('Output', [f(x) for x in xs])

        """
        shell.paste(cell)
        shell.expect("\nInput [0, 1, 2]\n")
        shell.expect("Output [7, 12, 19]\n")
        quit(shell)
    }

    func testPastedLabCell() throws {
        let shell = try start()
        // The lab's def_f cell with a blank line added inside the function, as notebooks allow.
        let cell = """
        def f(x):
            x = x + 2
            x = x ** 2

            x = x + 3
            y = x.mean()
            return y

        x = jnp.arange(3, dtype=jnp.float32)
        print('Input', x)
        print('Output', f(x))

        """
        shell.paste(cell)
        shell.expect("\nInput [0. 1. 2.]\n")
        shell.expect("Output 12.666667\n")
        quit(shell)
    }

    func testCtrlCAtThePromptClearsTheLineAndTheCell() throws {
        let shell = try start()
        shell.expectPrompt()
        shell.send("x = 123")
        shell.send("\u{3}")
        shell.expect("KeyboardInterrupt")
        shell.typeLine("def g():")
        shell.typeMore("return 1")
        shell.send("\u{3}")
        shell.expect("KeyboardInterrupt")
        shell.typeLine("print(1 + 1)")
        shell.expect("\n2\n")
        shell.typeLine("g")
        shell.expect("NameError: name 'g' is not defined")
        quit(shell)
    }

    func testCtrlCStopsALongLoop() throws {
        let shell = try start()
        // Ctrl-C is sent once the loop is seen running
        shell.typeLine("for i in range(10**9): print('looping') if i == 0 else None")
        shell.expect("looping\n")
        shell.send("\u{3}")
        shell.expect("KeyboardInterrupt")
        shell.typeLine("print('still here')")
        shell.expect("still here\n")
        quit(shell)
    }

    func testBytesThatAreNotUTF8AreDroppedAndTheLineGoesOn() throws {
        let shell = try start()
        shell.expectPrompt()
        // a stray byte, and a sequence cut short by the next character (which is kept)
        shell.send(bytes: Array("ok = 'a".utf8) + [0xFF] + Array("b".utf8) + [0xC3] + Array("c".utf8) + [0xE2, 0x82] + Array("d'\r".utf8))
        shell.typeLine("ok")
        shell.expect("'abcd'\n")
        quit(shell)
    }

    func testCtrlDOnEmptyLineExitsWithStatusZero() throws {
        let shell = try start()
        quit(shell)
    }

    func testTimeitPrintsIPythonsFormat() throws {
        let shell = try start()
        shell.typeLine("%timeit -n 3 -r 2 1 + 1")
        shell.expect(" per loop (mean ± std. dev. of 2 runs, 3 loops each)\n")
        shell.typeLine("%timeit sum(range(100))")
        shell.expect(" per loop (mean ± std. dev. of 7 runs, ")
        shell.expect(" each)\n")
        shell.typeLine("%nosuchmagic")
        shell.expect("UsageError: Line magic function `%nosuchmagic` not found.")
        quit(shell)
    }
}
