#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// `jaxlab` with standard input from a pipe: the same loop as on a terminal (lines grouped into
/// cells as typed, values shown as a notebook shows them, magics and commands work), with no
/// prompts and no colours.
final class PipedInputTests: XCTestCase {
    /// Runs the binary with `input` on standard input; returns (stdout, stderr, status).
    private func run(_ input: String) throws -> (String, String, Int32) { try run(bytes: Data(input.utf8)) }

    private func run(bytes input: Data) throws -> (String, String, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PtyProcess.binaryPath)
        process.environment = ["XDG_STATE_HOME": "/tmp/jaxlab-piped-tests", "PATH": "/usr/bin:/bin"]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), process.terminationStatus)
    }

    func testValuesShowAsInANotebookAndErrorsDoNotStopReading() throws {
        let lines = ["x = 2", "x * 3", "for i in range(2):", "    i", "", "def f():", "    y = 5", "", "    return y",
                     "", "f()", "1/0", "'after'", "jnp.arange(3)"]
        let (out, err, status) = try run(lines.joined(separator: "\n") + "\n")
        // a loop's bare expressions show nothing: only a value that ends a cell is shown
        XCTAssertEqual(out, "6\n5\n'after'\nArray([0, 1, 2], dtype=int32)\n")
        XCTAssertTrue(err.hasSuffix("ZeroDivisionError: division by zero\n"), err)
        XCTAssertFalse(out.contains(">>>") || out.contains("\u{1B}["), "no prompts or colours without a terminal")
        XCTAssertEqual(status, 0)
    }

    func testMagicsAndCommandsWork() throws {
        let (out, err, status) = try run("x = 1\n%who\n%timeit -n 5 -r 2 x + 1\n:quit\nprint('not reached')\n")
        XCTAssertTrue(out.hasPrefix("x\t"), out)
        XCTAssertNotNil(out.range(of: #"per loop \(mean ± std\. dev\. of 2 runs, 5 loops each\)"#, options: .regularExpression), out)
        XCTAssertFalse(out.contains("not reached"))
        XCTAssertEqual(err, "")
        XCTAssertEqual(status, 0)
    }

    func testDecoratorIsAppliedToTheFunctionBelowIt() throws {
        let (out, err, _) = try run("@jax.jit\ndef g3(x):\n    return x * 2\n\njax.make_jaxpr(g3)(1.0)\n")
        XCTAssertEqual(err, "")
        XCTAssertTrue(out.contains("jit["), "the jaxpr shows the jit of g3: \(out)")
    }

    func testAFailedBlockRunsNoneOfItsLines() throws {
        let (out, err, _) = try run("def f(x):\nzz = 5\nprint('zz' in dir())\n")
        XCTAssertTrue(err.contains("IndentationError: expected an indented block after function definition on line 1"), err)
        XCTAssertEqual(out, "False\n")
    }

    func testALongBlockIsReadInLinearTime() throws {
        // 4,000 lines with blank lines inside: the reader once took 68 s re-reading the block
        var lines = ["def long():", "    total = 0"]
        for index in 0..<4_000 {
            lines.append("    total += \(index % 7)")
            if index % 50 == 0 { lines.append("") }
        }
        lines += ["    return total", "", "print(long())"]
        let started = Date()
        let (out, err, _) = try run(lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(err, "")
        XCTAssertEqual(out, "\((0..<4_000).map { $0 % 7 }.reduce(0, +))\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
    }

    func testOutputArrivesBeforeTheInputEnds() throws {
        // printed text reaches the pipe at once, not when the process exits (a crash then
        // loses nothing)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PtyProcess.binaryPath)
        process.environment = ["XDG_STATE_HOME": "/tmp/jaxlab-piped-tests", "PATH": "/usr/bin:/bin"]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        stdin.fileHandleForWriting.write(Data("print('before')\nimport time\ntime.sleep(30)\n".utf8))
        var received = ""
        let deadline = Date().addingTimeInterval(20)
        while !received.contains("before\n") && Date() < deadline {
            var descriptor = pollfd(fd: stdout.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 200) > 0 else { continue }
            received += String(decoding: stdout.fileHandleForReading.availableData, as: UTF8.self)
        }
        XCTAssertEqual(received, "before\n")
        XCTAssertTrue(process.isRunning)
    }

    func testRunAndLoadRefuseAFileOverTenMegabytes() throws {
        let path = "/tmp/jaxlab-piped-big-\(getpid()).py"
        defer { unlink(path) }
        try Data(repeating: UInt8(ascii: "\n"), count: 10 << 20 + 1).write(to: URL(fileURLWithPath: path))
        let (out, err, status) = try run("%run \(path)\n%load \(path)\nprint('alive')\n")
        XCTAssertEqual(out, "alive\n")
        XCTAssertEqual(err, "Exception: File `'\(path)'` is larger than 10 MB.\nValueError: '\(path)' is larger than 10 MB.\n")
        XCTAssertEqual(status, 0)
    }

    func testBytesThatAreNotUTF8DoNotStopTheInput() throws {
        // each becomes U+FFFD, as a terminal would show it
        let (out, err, status) = try run(bytes: Data("s = 'a".utf8 + [0xFF] + "b'\nprint(len(s), s[1] == '\\ufffd')\nprint('alive')\n".utf8))
        XCTAssertEqual(out, "3 True\nalive\n")
        XCTAssertEqual(err, "")
        XCTAssertEqual(status, 0)
    }

    func testExitEndsTheInputWithItsStatus() throws {
        let (out, _, status) = try run("print(1)\nexit(3)\nprint(2)\n")
        XCTAssertEqual(out, "1\n")
        XCTAssertEqual(status, 3)
        XCTAssertEqual(try run("quit\nprint(2)\n").2, 0)
        XCTAssertEqual(try run("quit\nprint(2)\n").0, "")
    }

    func testRunAndLoadRefuseWhatIsNotARegularFile() throws {
        let (out, err, status) = try run("%run /dev/zero\n%load /dev/zero\n%run /tmp\n%load /tmp\n%run /dev/urandom\nprint('alive')\n")
        XCTAssertEqual(out, "alive\n")
        XCTAssertEqual(err, """
            Exception: File `'/dev/zero'` not found.
            ValueError: '/dev/zero' is not a regular file.
            Exception: File `'/tmp'` not found.
            ValueError: '/tmp' is a directory, not a regular file.
            Exception: File `'/dev/urandom'` not found.

            """)
        XCTAssertEqual(status, 0)
    }
}
