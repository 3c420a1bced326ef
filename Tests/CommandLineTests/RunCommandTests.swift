#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// `jaxlab run FILE` as a shell runs it: what reaches standard output and standard error, and
/// the exit status (0 when the script ends, 1 when an exception escapes, 2 when the file
/// cannot be read), as `python FILE` behaves.
final class RunCommandTests: XCTestCase {
    /// Writes `source` to a script in a fresh folder and runs `jaxlab run` on it there.
    func run(_ source: String) throws -> JaxlabProcess.Outcome {
        let directory = try JaxlabProcess.temporaryDirectory("script")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try source.write(toFile: directory + "/script.py", atomically: true, encoding: .utf8)
        return try JaxlabProcess.run(["run", "script.py"], in: directory)
    }

    func testASuccessfulScriptPrintsToStandardOutputAndExitsZero() throws {
        let outcome = try run("""
            import jax
            import jax.numpy as jnp
            x = jnp.arange(3.0)
            print(jax.grad(lambda v: (v ** 2).sum())(x))
            print(jax.random.normal(jax.random.key(0), (2,)))
            """)
        XCTAssertEqual(outcome.output, "[0. 2. 4.]\n[1.6226422 2.0252647]\n")
        XCTAssertEqual(outcome.errors, "")
        XCTAssertEqual(outcome.status, 0)
    }

    func testWarningsGoToStandardError() throws {
        let outcome = try run("""
            import jax.numpy as jnp
            print(jnp.zeros(2, dtype=jnp.float64).dtype)
            """)
        XCTAssertEqual(outcome.output, "float32\n")
        XCTAssertTrue(outcome.errors.contains("UserWarning: Explicitly requested dtype float64 requested in zeros is not available"), outcome.errors)
        XCTAssertEqual(outcome.status, 0)
    }

    func testAnEscapingExceptionPrintsATracebackAndExitsOne() throws {
        let outcome = try run("""
            print("before")
            def f(x):
                return x / 0
            f(1)
            print("after")
            """)
        XCTAssertEqual(outcome.output, "before\n")
        XCTAssertEqual(outcome.errors, """
            Traceback (most recent call last):
              File "script.py", line 4, in <module>
                f(1)
              File "script.py", line 3, in f
                return x / 0
            ZeroDivisionError: division by zero

            """)
        XCTAssertEqual(outcome.status, 1)
    }

    func testAJaxErrorNamesItsModuleInTheTraceback() throws {
        let outcome = try run("""
            import jax
            import jax.numpy as jnp
            @jax.jit
            def f(x):
                return x if x > 0 else -x
            f(jnp.ones(()))
            """)
        XCTAssertEqual(outcome.output, "")
        XCTAssertTrue(outcome.errors.hasSuffix("""
            jax.errors.TracerBoolConversionError: Attempted boolean conversion of traced array with shape bool[].
            The error occurred while tracing the function f at script.py:3 for jit. This concrete value was not available in Python because it depends on the value of the argument x.
            See https://docs.jax.dev/en/latest/errors.html#jax.errors.TracerBoolConversionError

            """), outcome.errors)
        XCTAssertEqual(outcome.status, 1)
    }

    func testAMissingScriptExitsTwo() throws {
        let directory = try JaxlabProcess.temporaryDirectory("missing")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = try JaxlabProcess.run(["run", "missing.py"], in: directory)
        XCTAssertEqual(outcome.output, "")
        XCTAssertEqual(outcome.errors, "jaxlab: can't open file 'missing.py': [Errno 2] No such file or directory\n")
        XCTAssertEqual(outcome.status, 2)
    }

    func testWhatIsNotARegularFileOfAtMostTenMegabytesIsNotRun() throws {
        let directory = try JaxlabProcess.temporaryDirectory("big")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(repeating: UInt8(ascii: "\n"), count: 10 << 20 + 1).write(to: URL(fileURLWithPath: directory + "/big.py"))
        for (file, reason) in [("big.py", "larger than 10 MB"), (".", "[Errno 21] Is a directory"), ("/dev/zero", "not a regular file")] {
            let outcome = try JaxlabProcess.run(["run", file], in: directory)
            XCTAssertEqual(outcome.errors, "jaxlab: can't open file '\(file)': \(reason)\n")
            XCTAssertEqual(outcome.status, 2)
        }
    }

    func testAScriptThatIsNotUTF8IsASyntaxErrorNamingTheLine() throws {
        let directory = try JaxlabProcess.temporaryDirectory("latin1")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("print(1)\nx = '".utf8 + [0xFF] + "'\n".utf8).write(to: URL(fileURLWithPath: directory + "/bad.py"))
        let outcome = try JaxlabProcess.run(["run", "bad.py"], in: directory)
        // as python3 bad.py: nothing runs
        XCTAssertEqual(outcome.output, "")
        XCTAssertEqual(outcome.errors, "SyntaxError: Non-UTF-8 code starting with '\\xff' in file bad.py on line 2, but no "
                       + "encoding declared; see https://peps.python.org/pep-0263/ for details\n")
        XCTAssertEqual(outcome.status, 1)
    }

    func testExitEndsAScriptWithItsStatus() throws {
        let directory = try JaxlabProcess.temporaryDirectory("exit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("print('before')\nimport sys\nsys.exit(3)\nprint('after')\n".utf8).write(to: URL(fileURLWithPath: directory + "/exit.py"))
        let outcome = try JaxlabProcess.run(["run", "exit.py"], in: directory)
        XCTAssertEqual(outcome.output, "before\n")
        XCTAssertEqual(outcome.errors, "")
        XCTAssertEqual(outcome.status, 3)
    }

    func testOutputIsFlushedAfterEachStatement() throws {
        // the script's first line is out while the second still runs: a crash then loses nothing
        let directory = try JaxlabProcess.temporaryDirectory("flush")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("print('before')\nimport time\ntime.sleep(30)\n".utf8).write(to: URL(fileURLWithPath: directory + "/slow.py"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: JaxlabProcess.binaryPath)
        process.arguments = ["run", directory + "/slow.py"]
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var received = ""
        let deadline = Date().addingTimeInterval(20)
        while !received.contains("before\n") && Date() < deadline {
            var descriptor = pollfd(fd: stdout.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 200) > 0 else { continue }
            let data = stdout.fileHandleForReading.availableData
            if data.isEmpty { break }
            received += String(decoding: data, as: UTF8.self)
        }
        XCTAssertEqual(received, "before\n")
        XCTAssertTrue(process.isRunning)
    }
}
