#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// Demo mode on a terminal: stepped forward and back, into the live shell and out, jumping
/// to a step, revealing a solution, and Ctrl-C stopping a running cell.
final class DemoTerminalTests: XCTestCase {
    private let state = NSTemporaryDirectory() + "jaxlab-demo-\(getpid())"

    private func demo(_ arguments: [String]) throws -> PtyProcess {
        try PtyProcess(arguments: ["demo"] + arguments, environment: ["XDG_STATE_HOME": state])
    }

    /// Waits for a step's screen and for demo mode to wait on a key.
    private func expectScreen(_ shell: PtyProcess, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        shell.expect(text, file: file, line: line)
        shell.expect("q quit", file: file, line: line)
        shell.waitForRawMode(file: file, line: line)
    }

    func testSteppingBackIntoTheShellAndOut() throws {
        let shell = try demo(["1", "--no-typing"])
        expectScreen(shell, "── Step 1 of 45")
        // large-text friendly: no line of the screen is wider than 80 columns (the terminal has 100)
        let screen = shell.output.replacingOccurrences(of: "\u{1B}[H\u{1B}[2J\u{1B}[3J", with: "")
        for line in screen.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 80, String(line))
        }
        XCTAssertTrue(shell.output.contains(">>> import jax\n>>> import jax.numpy as jnp\n>>> print('ready')\n"), shell.output)
        shell.send("\r")
        shell.expect("ready\n")
        shell.waitForRawMode()
        shell.send(" ")
        expectScreen(shell, "── Step 2 of 45")
        shell.send("b")
        expectScreen(shell, "── Step 1 of 45")
        shell.send("\r")
        shell.expect("ready\n")
        shell.waitForRawMode()
        shell.send("\r")
        expectScreen(shell, "── Step 2 of 45")
        shell.send("\r")
        shell.expect("Using jax 0.10.2\n")
        shell.waitForRawMode()
        shell.send("\r")
        expectScreen(shell, "── Step 3 of 45")

        // the live shell has the lesson's names as they are now: jax, but no `a` yet
        shell.send("i")
        shell.expect("The live shell, with the lesson's names. :resume returns to the demo.")
        shell.typeLine("print(jax.__version__)")
        shell.expect("0.10.2\n")
        shell.typeLine("a")
        shell.expect("NameError: name 'a' is not defined\n")
        shell.typeLine("seen_in_shell = 7")
        shell.typeLine(":resume")
        expectScreen(shell, "── Step 3 of 45")
        shell.send("\r")
        shell.expect("[[0. 0. 0. 0. 0.]\n [0. 0. 0. 0. 0.]]\n")
        shell.waitForRawMode()

        // go to the first task, reveal and run its solution
        shell.send("g")
        shell.expectPrompt("Go to step (1 to 45): ")
        shell.send("5\r")
        expectScreen(shell, "── Step 5 of 45 · Task: What is the dtype of b?")
        shell.send("s")
        shell.expect("Solution:\n>>> print(b.dtype)\n")
        shell.waitForRawMode()
        shell.send("\r")
        shell.expect("int32\n")
        shell.waitForRawMode()
        shell.send("i")
        shell.typeLine("print(seen_in_shell, b)")
        shell.expect("7 [0 1 2 3 4 5]\n")
        shell.typeLine(":resume")
        expectScreen(shell, "── Step 5 of 45")
        shell.send("q")
        XCTAssertEqual(shell.waitForExit(), 0)
    }

    func testCtrlCStopsARunningCellAndTheDemoGoesOn() throws {
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let lesson = state + "/loop.md"
        try """
        ---
        id: loop
        title: Loop
        version: 1
        language: en
        ---

        A long loop.

        ```note
        Press Ctrl-C.
        ```

        ```python
        n = 0
        while True:
            n += 1
        ```

        After it.
        """.write(toFile: lesson, atomically: true, encoding: .utf8)
        let shell = try demo([lesson, "--speed", "2000"])
        expectScreen(shell, "── Step 1 of 2")
        XCTAssertTrue(shell.output.contains("│ Note: Press Ctrl-C."), shell.output)
        XCTAssertTrue(shell.output.contains(">>> n = 0\n>>> while True:\n...     n += 1\n"), shell.output)
        shell.send("\r")
        shell.waitForCookedMode()
        usleep(200_000)
        shell.send("\u{3}")
        shell.expect("KeyboardInterrupt\n")
        shell.waitForRawMode()
        shell.send("\r")
        expectScreen(shell, "── Step 2 of 2")
        XCTAssertTrue(shell.pending.isEmpty || !shell.pending.contains("Traceback"))
        shell.send("q")
        XCTAssertEqual(shell.waitForExit(), 0)
    }
}
