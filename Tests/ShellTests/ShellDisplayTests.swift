#if canImport(Glibc)
import Glibc
#endif
import CPty
import Foundation
import XCTest

/// What the terminal shows, checked on a model of the screen: colours, the history search, the
/// terminal taken back after Ctrl-Z and `fg`.
final class ShellDisplayTests: ShellTestCase {
    func testWhatIsTypedAfterTheColouredPromptIsNotColoured() throws {
        let shell = try start(environment: ["NO_COLOR": ""])
        shell.typeLine("marker_value = 1", prompt: PtyProcess.colouredPrompt)
        shell.expectPrompt(PtyProcess.colouredPrompt)
        let screen = shell.screen
        guard let place = screen.find("marker_value = 1") else { return XCTFail("the line is not on the screen: \(screen.lines)") }
        XCTAssertTrue(screen.cell(place.row, 0).styled, "the prompt is green")
        for column in place.column..<(place.column + 16) {
            XCTAssertFalse(screen.cell(place.row, column).styled, "column \(column) of the typed line is coloured")
        }
        shell.send("\u{4}")
        XCTAssertEqual(shell.waitForExit(), 0)
    }

    func testTracebacksAreColouredByPartOnlyWithColour() throws {
        let coloured = try start(environment: ["NO_COLOR": ""])
        coloured.typeLine("1 / 0", prompt: PtyProcess.colouredPrompt)
        coloured.expect("\u{1B}[32mCell In[1]\u{1B}[0m, \u{1B}[32mline 1\u{1B}[0m, in \u{1B}[35m<module>\u{1B}[0m\n")
        // the line that raised is bold yellow
        coloured.expect("\u{1B}[1;33m    1 / 0\u{1B}[0m\n")
        coloured.expect("\u{1B}[1;31mZeroDivisionError\u{1B}[0m: division by zero")
        coloured.paste("def inverse(x):\n    return 1 / x\n", prompt: PtyProcess.colouredPrompt)
        coloured.typeLine("inverse(0)", prompt: PtyProcess.colouredPrompt)
        // through a function: the caller's line plain, the function's line that raised yellow
        coloured.expect("\u{1B}[35m<module>\u{1B}[0m\n    inverse(0)\n")
        coloured.expect("\u{1B}[35minverse\u{1B}[0m\n\u{1B}[1;33m    return 1 / x\u{1B}[0m\n")
        coloured.expectPrompt(PtyProcess.colouredPrompt)
        coloured.send("\u{4}")
        XCTAssertEqual(coloured.waitForExit(), 0)
        let plain = try start()
        plain.typeLine("1 / 0")
        plain.expect("ZeroDivisionError: division by zero\n")
        quit(plain)
        XCTAssertFalse(plain.output.contains("\u{1B}[3") || plain.output.contains("\u{1B}[1;"), "NO_COLOR is set")
        // errors sent to a file are not coloured, though the screen is a colour terminal
        let log = stateDirectory + "/errors.txt"
        let redirected = try start(environment: ["NO_COLOR": ""], errorsTo: log)
        redirected.typeLine("1 / 0", prompt: PtyProcess.colouredPrompt)
        redirected.typeLine(":nosuch", prompt: PtyProcess.colouredPrompt)
        redirected.expectPrompt(PtyProcess.colouredPrompt)
        redirected.send("\u{4}")
        XCTAssertEqual(redirected.waitForExit(), 0)
        let errors = try String(contentsOfFile: log, encoding: .utf8)
        XCTAssertTrue(errors.contains("    1 / 0\nZeroDivisionError: division by zero\n"), errors)
        XCTAssertTrue(errors.contains("Unknown command `:nosuch`"), errors)
        XCTAssertFalse(errors.contains("\u{1B}"), errors)
    }

    /// A jaxpr at a colour terminal: primitive names cyan, keywords and the bound variables'
    /// types as JAX colours them; without the colours, byte for byte JAX's text (recorded from
    /// JAX 0.10.2). Never coloured with NO_COLOR.
    func testJaxprsAreColouredOnlyAtAColourTerminal() throws {
        let plain = """
            { lambda ; a:f32[3]. let
                b:f32[3] = jit[
                  name=<lambda>
                  jaxpr={ lambda ; a:f32[3]. let
                      c:f32[3] = sin a
                      b:f32[3] = mul c 2.0:f32[]
                    in (b,) }
                ] a
                d:f32[3] = cos a
                e:f32[] = reduce_sum[axes=(0,) out_sharding=None] d
                f:f32[3] = add b e
              in (f,) }
            { lambda ; a:f32[]. let b:f32[] = sin a; c:f32[] = mul b 2.0:f32[] in (c,) }

            """
        let cells = ["f = lambda x: jnp.sin(x) * 2", "g = lambda x: jax.jit(f)(x) + jnp.cos(x).sum()",
                     "print(jax.make_jaxpr(g)(jnp.ones(3)))", "jax.make_jaxpr(f)(1.0)", "print('done')"]
        let coloured = try start(environment: ["NO_COLOR": ""])
        for cell in cells { coloured.typeLine(cell, prompt: PtyProcess.colouredPrompt) }
        coloured.expect("done\n")
        coloured.expectPrompt(PtyProcess.colouredPrompt)
        coloured.send("\u{4}")
        XCTAssertEqual(coloured.waitForExit(), 0)
        let shown = coloured.output.components(separatedBy: "print(jax.make_jaxpr(g)(jnp.ones(3)))").last ?? ""
        let first = shown.range(of: "{ ")?.lowerBound ?? shown.endIndex
        let last = shown.range(of: "(c,) }\n")?.upperBound ?? shown.endIndex
        let jaxprs = String(shown[first..<max(first, last)])
        XCTAssertTrue(jaxprs.contains("{ \u{1B}[34;1mlambda\u{1B}[39;22m ; a\u{1B}[35m:f32[3]\u{1B}[39m. \u{1B}[34;1mlet\u{1B}[39;22m\n"), jaxprs)
        XCTAssertTrue(jaxprs.contains("    b\u{1B}[35m:f32[3]\u{1B}[39m = \u{1B}[36mjit\u{1B}[39m[\n"), jaxprs)
        XCTAssertTrue(jaxprs.contains(" = \u{1B}[36mreduce_sum\u{1B}[39m[axes=(0,) out_sharding=None] d\n"), jaxprs)
        XCTAssertTrue(jaxprs.contains("  \u{1B}[34;1min\u{1B}[39;22m (f,) }"), jaxprs)
        XCTAssertTrue(jaxprs.contains("; c\u{1B}[35m:f32[]\u{1B}[39m = \u{1B}[36mmul\u{1B}[39m b 2.0:f32[] \u{1B}[34;1min"), jaxprs)
        // the escape sequences and the prompt's line in between left out, the text is JAX's
        let text = jaxprs.replacing(/\u{1B}\[[0-9;?]*[A-Za-z]/, with: "").replacing(/>>> [^\n]*\n/, with: "")
        XCTAssertEqual(text, plain)
        let uncoloured = try start()
        for cell in cells { uncoloured.typeLine(cell) }
        uncoloured.expect("done\n")
        quit(uncoloured)
        let lines = plain.split(separator: "\n")
        XCTAssertTrue(uncoloured.output.contains(lines.dropLast().joined(separator: "\n") + "\n"), uncoloured.output)
        XCTAssertTrue(uncoloured.output.contains("\n" + lines[lines.count - 1] + "\n"), uncoloured.output)
        XCTAssertFalse(uncoloured.output.contains("\u{1B}[36m") || uncoloured.output.contains("\u{1B}[35m"), uncoloured.output)
    }

    func testCtrlRThenAnArrowKeepsTheFoundCellWithoutJunk() throws {
        let shell = try start()
        shell.typeLine("alpha = 1")
        shell.typeLine("beta = 2")
        shell.expectPrompt()
        shell.send("\u{12}alp")
        shell.expect("(reverse-i-search)`alp': ")
        // Right arrow leaves the search on the cell found; End and "0" then edit it
        shell.send("\u{1B}[C\u{1B}[F0\r")
        shell.typeLine("alpha")
        shell.expect("\n10\n")
        XCTAssertFalse(shell.output.contains("[C"), shell.output)
        // Ctrl-G gives the search up and puts back what was typed
        shell.expectPrompt()
        shell.send("gam\u{12}be\u{7}ma = 3\r")
        shell.typeLine("gamma")
        shell.expect("\n3\n")
        quit(shell)
    }

    func testTheTerminalIsGivenBackOnExitAndWhenKilledOrCrashing() throws {
        for (signal, status) in [(Int32(0), Int32(0)), (SIGTERM, 128 + SIGTERM), (SIGHUP, 128 + SIGHUP), (SIGSEGV, 128 + SIGSEGV)] {
            let shell = try start()
            shell.expectPrompt()
            if signal == 0 { shell.send("\u{4}") } else { kill(shell.pid, signal) }
            XCTAssertEqual(shell.waitForExit(), status, "signal \(signal)")
            // bracketed paste off after it was last turned on, line mode back
            let on = shell.output.range(of: "\u{1B}[?2004h", options: .backwards)
            let off = shell.output.range(of: "\u{1B}[?2004l", options: .backwards)
            XCTAssertTrue(on != nil && off != nil && off.map { $0.lowerBound > on?.lowerBound ?? $0.lowerBound } == true,
                          "bracketed paste left on; signal \(signal)")
            XCTAssertEqual(shell.terminalSettings().c_lflag, shell.initialSettings.c_lflag, "signal \(signal)")
        }
    }

    func testTheEditorTakesTheTerminalBackAfterStopAndContinue() throws {
        let shell = try start()
        shell.typeLine("import math")
        shell.expectPrompt()
        // what Ctrl-Z then `fg` does: the job stops, its shell puts the terminal back in line
        // mode, then continues the job
        kill(shell.pid, SIGSTOP)
        var status: Int32 = 0
        XCTAssertEqual(waitpid(shell.pid, &status, WUNTRACED), shell.pid)
        var cooked = shell.terminalSettings()
        cooked.c_lflag |= tcflag_t(ICANON | ECHO)
        shell.setTerminalSettings(cooked)
        kill(shell.pid, SIGCONT)
        shell.waitForRawMode()
        shell.send("math.sq\t(49)\r")
        shell.expect("\n7.0\n")
        quit(shell)
    }
}
