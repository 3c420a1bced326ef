#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// The walker on a terminal, as a student uses it: `jaxlab lesson 1`, driven through a
/// pseudo-terminal.
final class LessonWalkerTerminalTests: XCTestCase {
    private var state = ""

    override func setUpWithError() throws {
        state = NSTemporaryDirectory() + "jaxlab-walker-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: state)
    }

    private var progressPath: String { state + "/jaxlab/progress/introduction-to-jax.json" }

    /// The saved progress, as JSON.
    private func progress(file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: progressPath),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            XCTFail("no valid progress file at \(progressPath)", file: file, line: line)
            return [:]
        }
        return object
    }

    private func task(_ id: String) -> [String: Any] {
        (progress()["tasks"] as? [String: Any])?[id] as? [String: Any] ?? [:]
    }

    private func startLesson() throws -> PtyProcess {
        try PtyProcess(arguments: ["lesson", "1"], environment: ["XDG_STATE_HOME": state])
    }

    /// Waits for step `number`'s header, pages through its text, and waits for the prompt.
    private func reachStep(_ shell: PtyProcess, _ number: Int, file: StaticString = #filePath, line: UInt = #line) {
        shell.expect("── Step \(number) of 45", file: file, line: line)
        while shell.expectAny(["── more: press Enter ──", ">>> "], file: file, line: line) == 0 {
            shell.waitForRawMode(file: file, line: line)
            shell.send(" ")
        }
        shell.waitForRawMode(file: file, line: line)
    }

    /// Runs the pre-filled cell of the current step by pressing Enter on each of its lines.
    private func runCell(_ shell: PtyProcess, lines: Int) {
        shell.send("\r")
        for _ in 1..<max(lines, 1) {
            shell.expectPrompt("... ")
            shell.send("\r")
        }
    }

    func testAStudentAnswersWronglyAsksAHintGoesBackQuitsAndResumes() throws {
        let shell = try startLesson()
        shell.expect("Introduction to JAX · 45 steps, 11 tasks")
        reachStep(shell, 1)
        XCTAssertTrue(shell.output.hasSuffix(">>> import jax"), shell.output)
        runCell(shell, lines: 3)
        shell.expect("ready\n")
        reachStep(shell, 2)
        XCTAssertEqual(progress()["step"] as? String, "version")
        runCell(shell, lines: 1)
        shell.expect("Using jax 0.10.2\n")
        reachStep(shell, 3)
        runCell(shell, lines: 2)
        reachStep(shell, 4)
        runCell(shell, lines: 2)
        shell.expect("[0 1 2 3 4 5]\n")
        reachStep(shell, 5)
        XCTAssertEqual(progress()["step"] as? String, "dtype-of-b")

        // a wrong answer gets the check's message, a hint, then the right answer
        shell.send("type(b)\r")
        shell.expect("<class 'jaxlib._jax.ArrayImpl'>\n")
        shell.expect("✗ That is the class of b.")
        shell.expectPrompt()
        XCTAssertEqual(task("dtype-of-b")["attempts"] as? Int, 1)
        XCTAssertEqual(task("dtype-of-b")["passed"] as? Bool, false)
        shell.send(":hint\r")
        shell.expect("Hint 1 of 2:\nEvery array carries its data type")
        shell.expectPrompt()
        XCTAssertEqual(task("dtype-of-b")["hintsShown"] as? Int, 1)
        shell.send("b.dtype\r")
        shell.expect("dtype('int32')\n✓ Task passed: What is the dtype of b? :next goes on.\n")
        shell.expectPrompt()
        XCTAssertEqual(task("dtype-of-b")["passed"] as? Bool, true)
        shell.send(":next\r")
        reachStep(shell, 6)
        XCTAssertEqual(progress()["step"] as? String, "c-float16")

        shell.send("c = jnp.arange(5, 11, dtype=jnp.float16)\r")
        shell.expect("✓ Task passed")
        shell.typeLine(":where")
        shell.expect("Step 6 of 45 (task c-float16) · 2 of 11 tasks passed\n")
        shell.typeLine(":next")
        reachStep(shell, 7)
        XCTAssertEqual(progress()["step"] as? String, "class-of-b")

        // back: the namespace is as step 6 found it, so `c` is gone again
        shell.send(":back\r")
        reachStep(shell, 6)
        XCTAssertEqual(progress()["step"] as? String, "c-float16")
        shell.send("print(c)\r")
        shell.expect("NameError: name 'c' is not defined\n")
        shell.typeLine(":quit")
        XCTAssertEqual(shell.waitForExit(), 0)

        // resuming: the cells up to step 6 ran again, quietly
        let again = try startLesson()
        again.expect("Welcome back to Introduction to JAX: step 6 of 45, 2 of 11 tasks passed.\n")
        reachStep(again, 6)
        again.send("print(b, a.shape)\r")
        again.expect("[0 1 2 3 4 5] (2, 5)\n")
        again.typeLine(":quit")
        XCTAssertEqual(again.waitForExit(), 0)

        // the recorded walk, graded
        let graded = try runJaxlab(["replay", "1", "--answers", state + "/jaxlab/answers/introduction-to-jax.jsonl"])
        XCTAssertTrue(graded.contains("  dtype-of-b        passed    1 hint\n"), graded)
        XCTAssertTrue(graded.contains("  c-float16         passed    0 hints\n"), graded)
        XCTAssertTrue(graded.hasSuffix("total: 2 of 11 passed, 0 failed, 0 skipped, 9 not tried; 1 hint\n"), graded)
    }

    /// Standard output of `jaxlab ARGUMENTS` run without a terminal.
    private func runJaxlab(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PtyProcess.binaryPath)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Saved progress survives the process dying at any moment of a save.
final class ProgressCrashTests: XCTestCase {
    private var state = ""

    override func setUpWithError() throws {
        state = NSTemporaryDirectory() + "jaxlab-crash-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: state)
    }

    private var progressPath: String { state + "/jaxlab/progress/introduction-to-jax.json" }

    /// The saved step's id; fails when the file is missing or not valid progress.
    private func savedStep(file: StaticString = #filePath, line: UInt = #line) -> String? {
        guard let data = FileManager.default.contents(atPath: progressPath),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let step = object["step"] as? String, object["tasks"] is [String: Any] else {
            XCTFail("the progress file is missing or torn", file: file, line: line)
            return nil
        }
        return step
    }

    private func start(environment: [String: String] = [:]) throws -> PtyProcess {
        try PtyProcess(arguments: ["lesson", "1"], environment: environment.merging(["XDG_STATE_HOME": state]) { $1 })
    }

    /// Waits for the prompt of the next pre-filled cell, paging through the step's text.
    private func waitForCellPrompt(_ shell: PtyProcess) {
        while shell.expectAny(["── more: press Enter ──", ">>> "]) == 0 {
            shell.waitForRawMode()
            shell.send(" ")
        }
        shell.waitForRawMode()
    }

    func testAKillBetweenWriteAndRenameKeepsTheOldProgress() throws {
        let first = try start()
        waitForCellPrompt(first)
        first.send("\r\r\r")
        first.expect("ready\n")
        first.expect("── Step 2 of 45")
        waitForCellPrompt(first)
        first.send(":quit\r")
        XCTAssertEqual(first.waitForExit(), 0)
        XCTAssertEqual(savedStep(), "version")

        // this run's first save kills it after writing the temporary file, before the rename
        let faulty = try start(environment: ["JAXLAB_FAULT": "kill-before-rename"])
        faulty.expect("Welcome back")
        waitForCellPrompt(faulty)
        faulty.send("\r")
        XCTAssertEqual(faulty.waitForExit(), 128 + SIGKILL)
        XCTAssertEqual(savedStep(), "version")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: state + "/jaxlab/progress").filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers.count, 1, "the interrupted save's temporary file")

        let resumed = try start()
        resumed.expect("Welcome back to Introduction to JAX: step 2 of 45")
        waitForCellPrompt(resumed)
        resumed.send("\r")
        resumed.expect("── Step 3 of 45")
        waitForCellPrompt(resumed)
        XCTAssertEqual(savedStep(), "zeros")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: state + "/jaxlab/progress").filter { $0.contains(".tmp-") }, [])
        resumed.send(":quit\r")
        XCTAssertEqual(resumed.waitForExit(), 0)
    }

    func testKillingAtRandomMomentsNeverTearsTheFile() throws {
        var generator = SystemRandomNumberGenerator()
        var saved = false
        for _ in 0..<20 {
            let shell = try start()
            waitForCellPrompt(shell)
            // Enter on the pre-filled cell lines: the cell runs and its step is saved
            shell.send("\r\r\r")
            usleep(UInt32.random(in: 0...40_000, using: &generator))
            kill(shell.pid, SIGKILL)
            _ = shell.waitForExit()
            // once a save has happened, every later moment has a whole file
            if saved || FileManager.default.fileExists(atPath: progressPath) {
                saved = true
                guard let step = savedStep() else { return }
                XCTAssertFalse(step.isEmpty)
            }
        }
    }
}

/// The walker's commands complete, Ctrl-C stops a running cell, and `:lesson` works from the
/// shell.
final class LessonCommandTerminalTests: XCTestCase {
    private var state = ""
    private var lessonPath: String { state + "/loop.md" }

    override func setUpWithError() throws {
        state = NSTemporaryDirectory() + "jaxlab-commands-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try """
        ---
        id: loop
        title: Loop
        version: 1
        language: en
        ---

        A long loop.

        ```python
        n = 0
        while n >= 0:
            n += 1
        ```

        The end.
        """.write(toFile: lessonPath, atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: state)
    }

    func testCtrlCStopsTheCellAndCommandsComplete() throws {
        let shell = try PtyProcess(arguments: ["lesson", lessonPath], environment: ["XDG_STATE_HOME": state])
        shell.expect("── Step 1 of 2")
        shell.expectPrompt()
        shell.send("\r")
        shell.expectPrompt("... ")
        shell.send("\r")
        shell.expectPrompt("... ")
        shell.send("\r")
        shell.waitForCookedMode()
        usleep(200_000)
        shell.send("\u{3}")
        shell.expect("KeyboardInterrupt\n")
        // still at the cell, offered again; clear the line and complete a command
        shell.expectRedrawnPrompt(">>> n = 0")
        shell.send("\u{15}:ne\t\r")
        shell.expect("── Step 2 of 2")
        shell.typeLine(":wh\t\r")
        shell.expect("Step 2 of 2 (end) · 0 of 0 tasks passed\n")
        shell.typeLine(":quit")
        XCTAssertEqual(shell.waitForExit(), 0)
    }

    func testTheMenuShowsProgressAndStartsTheChosenLesson() throws {
        let shell = try PtyProcess(arguments: ["lesson"], environment: ["XDG_STATE_HOME": state])
        shell.expect("Lessons\n  1  Introduction to JAX · not started (45 steps, 11 tasks)\n"
                     + "  2  Pytrees and a training loop · not started (22 steps, 8 tasks)\n"
                     + "  3  The sharp bits · not started (30 steps, 10 tasks)\n"
                     + "  4  Vectorization and Jacobians · not started (20 steps, 6 tasks)\n"
                     + "  5  Control flow and random numbers · not started (19 steps, 7 tasks)\n")
        shell.typeLine("1", prompt: "Lesson number or name (Enter to cancel): ")
        shell.expect("── Step 1 of 45")
        while shell.expectAny(["── more: press Enter ──", ">>> "]) == 0 {
            shell.waitForRawMode()
            shell.send(" ")
        }
        shell.waitForRawMode()
        shell.send("\r\r\r")
        shell.expect("── Step 2 of 45")
        shell.expectPrompt()
        shell.send("\u{15}:quit\r")
        XCTAssertEqual(shell.waitForExit(), 0)

        let again = try PtyProcess(arguments: ["lesson"], environment: ["XDG_STATE_HOME": state])
        again.expect("  1  Introduction to JAX · step 2 of 45, 0 of 11 tasks passed\n"
                     + "  2  Pytrees and a training loop · not started (22 steps, 8 tasks)\n")
        again.typeLine("", prompt: "Lesson number or name (Enter to cancel): ")
        XCTAssertEqual(again.waitForExit(), 0)
    }

    /// A later lesson chosen from the menu starts, and the menu then shows its progress beside
    /// the others'.
    func testTheMenuStartsALaterLessonAndShowsItsProgress() throws {
        let shell = try PtyProcess(arguments: ["lesson"], environment: ["XDG_STATE_HOME": state])
        shell.expect("  5  Control flow and random numbers · not started (19 steps, 7 tasks)\n")
        shell.typeLine("5", prompt: "Lesson number or name (Enter to cancel): ")
        shell.expect("── Step 1 of 19")
        while shell.expectAny(["── more: press Enter ──", ">>> "]) == 0 {
            shell.waitForRawMode()
            shell.send(" ")
        }
        shell.waitForRawMode()
        shell.send("\r\r\r\r")
        shell.expect("ready\n")
        shell.expect("── Step 2 of 19")
        shell.expectPrompt()
        shell.send("\u{15}:quit\r")
        XCTAssertEqual(shell.waitForExit(), 0)

        let again = try PtyProcess(arguments: ["lesson"], environment: ["XDG_STATE_HOME": state])
        again.expect("  1  Introduction to JAX · not started (45 steps, 11 tasks)\n")
        again.expect("  4  Vectorization and Jacobians · not started (20 steps, 6 tasks)\n"
                     + "  5  Control flow and random numbers · step 2 of 19, 0 of 7 tasks passed\n")
        again.typeLine("", prompt: "Lesson number or name (Enter to cancel): ")
        XCTAssertEqual(again.waitForExit(), 0)
    }

    func testRecordingIntoAChosenLog() throws {
        let log = state + "/mine.jsonl"
        let shell = try PtyProcess(arguments: ["lesson", lessonPath, "--record", log], environment: ["XDG_STATE_HOME": state])
        shell.expectRedrawnPrompt(">>> n = 0")
        shell.send("\u{15}print(40 + 2)\r")
        shell.expect("42\n")
        shell.expectPrompt()
        shell.send("\u{15}:where\r")
        shell.expect("Step 1 of 2")
        shell.expectPrompt()
        shell.send("\u{15}:quit\r")
        XCTAssertEqual(shell.waitForExit(), 0)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(first["lesson"] as? String, "loop")
        XCTAssertEqual((first["step"] as? String)?.hasPrefix("cell-"), true)
        XCTAssertEqual(first["input"] as? String, "print(40 + 2)\n")
        XCTAssertNotNil(first["time"] as? String)
        XCTAssertFalse(FileManager.default.fileExists(atPath: state + "/jaxlab/answers/loop.jsonl"))
    }

    func testLessonFromTheShellAndBack() throws {
        let shell = try PtyProcess(environment: ["XDG_STATE_HOME": state])
        shell.typeLine("x = 'shell'")
        shell.typeLine(":lesson \(lessonPath)")
        shell.expect("── Step 1 of 2")
        shell.expectRedrawnPrompt(">>> n = 0")
        shell.send("\u{15}print(x)\r")
        shell.expect("NameError: name 'x' is not defined\n")
        // trying something does not count as the cell: it is offered again
        shell.expectRedrawnPrompt(">>> n = 0")
        shell.send("\u{15}:quit\r")
        shell.expect("Back at the shell; your lesson progress is saved.\n")
        shell.typeLine("print(x)")
        shell.expect("shell\n")
        shell.typeLine(":quit")
        XCTAssertEqual(shell.waitForExit(), 0)
    }
}
