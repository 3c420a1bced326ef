#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// IPython's namespace and file magics and the shell's `:` commands, through the real binary.
final class ShellMagicTests: XCTestCase {
    func testNamespaceMagics() throws {
        let shell = try PtyProcess(environment: ["XDG_STATE_HOME": "/tmp/jaxlab-magic-tests"])
        shell.typeLine("alpha = 1")
        shell.typeLine("beta = 'two'")
        shell.typeLine("%who")
        shell.expect("alpha\t beta\t \n")
        shell.typeLine("%whos")
        shell.expect("Variable   Type    Data/Info\n----------------------------\nalpha      int     1\nbeta       str     two\n")
        shell.typeLine("%reset -f")
        shell.typeLine("%who")
        shell.expect("Interactive namespace is empty.\n")
        shell.typeLine("%history -n")
        shell.expect("   1: alpha = 1\n   2: beta = 'two'\n   3: %who\n")
        shell.typeLine("%time x = sum(range(1000))")
        shell.expect("CPU times: user ")
        shell.expect("Wall time: ")
        shell.typeLine("%nosuch")
        shell.expect("UsageError: Line magic function `%nosuch` not found.\n")
        shell.typeLine(":nosuch")
        shell.expect("Unknown command `:nosuch`. Type :help for the commands.\n")
        shell.typeLine(":help")
        shell.expect("%timeit")
        shell.typeLine(":quit")
        XCTAssertEqual(shell.waitForExit(), 0)
    }

    func testRunAndLoadFiles() throws {
        let path = "/tmp/jaxlab-magic-\(getpid()).py"
        let script = "def double(v):\n    return 2 * v\n\nprint('loaded', double(21))\n"
        guard let file = fopen(path, "w") else { throw PtyError("cannot write \(path)") }
        fputs(script, file)
        fclose(file)
        defer { unlink(path) }
        let shell = try PtyProcess(environment: ["XDG_STATE_HOME": "/tmp/jaxlab-magic-tests"])
        shell.typeLine("%run \(path)")
        shell.expect("loaded 42\n")
        shell.typeLine("%load \(path)")
        shell.expect("# %load \(path)\n")
        shell.expect("loaded 42\n")
        shell.typeLine("double(5)")
        shell.expect("\n10\n")
        shell.typeLine("%run /nonexistent.py")
        shell.expect("ERROR: File `'/nonexistent.py'` not found.\n")
        shell.expectPrompt()
        shell.send("\u{4}")
        XCTAssertEqual(shell.waitForExit(), 0)
    }
}
