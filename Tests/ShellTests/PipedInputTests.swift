import Foundation
import XCTest

/// `jaxlab` with standard input from a pipe: the same loop as on a terminal (statements echo
/// like `python -i`, magics and commands work), with no prompts and no colours.
final class PipedInputTests: XCTestCase {
    /// Runs the binary with `input` on standard input; returns (stdout, stderr, status).
    private func run(_ input: String) throws -> (String, String, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PtyProcess.binaryPath)
        process.environment = ["XDG_STATE_HOME": "/tmp/jaxlab-piped-tests", "PATH": "/usr/bin:/bin"]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), process.terminationStatus)
    }

    func testStatementsEchoAndErrorsDoNotStopReading() throws {
        let lines = ["x = 2", "x * 3", "for i in range(2):", "    i", "", "def f():", "    y = 5", "", "    return y",
                     "", "f()", "1/0", "'after'", "jnp.arange(3)"]
        let (out, err, status) = try run(lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(out, "6\n0\n1\n5\n'after'\nArray([0, 1, 2], dtype=int32)\n")
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
}
