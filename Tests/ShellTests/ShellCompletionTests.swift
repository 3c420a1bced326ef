#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// Tab completion beyond names (magics, commands, paths, attributes of expressions) without
/// ever computing array data, and IPython's word motions.
final class ShellCompletionTests: ShellTestCase {
    func testMagicsCommandsAndPathsComplete() throws {
        let folder = stateDirectory + "/scripts"
        mkdir(folder, 0o700)
        try writeFile(folder + "/hello_script.py", "print('hello from the script')\n")
        let shell = try start()
        shell.expectPrompt()
        shell.send("%timei\t -n 1 -r 1 2 + 2\r")
        shell.expect("per loop (mean ± std. dev. of 1 run, 1 loop each)\n")
        shell.expectPrompt()
        shell.send(":he\t\r")
        shell.expect("Commands:")
        shell.expectPrompt()
        shell.send("%run \(folder)/hel\t\r")
        shell.expect("hello from the script\n")
        // %load completes the path too, then puts the file at the prompt
        shell.expectPrompt()
        shell.send("%lo\t \(folder)/hel\t\r")
        shell.expectPrompt()
        shell.expect("# %load \(folder)/hello_script.py")
        shell.send("\u{5}\r")
        shell.expect("hello from the script\n")
        quit(shell)
    }

    func testAttributesOfIndexUpdatesAndCallResultsComplete() throws {
        let shell = try start()
        shell.typeLine("b = jnp.arange(3)")
        shell.expectPrompt()
        shell.send("b.at[0].se\t(5)\r")
        shell.expect("Array([5, 1, 2], dtype=int32)\n")
        shell.expectPrompt()
        shell.send("jnp.ones(3).su\t()\r")
        shell.expect("Array(3., dtype=float32)\n")
        quit(shell)
    }

    func testCompletionNeverComputesArrays() throws {
        let shell = try start()
        shell.typeLine("big = jnp.ones((3000, 3000))")
        shell.expectPrompt()
        // each .T of the real array would copy 36 MB: 300 of them took seconds
        let chain = "big" + String(repeating: ".T", count: 300) + ".sha"
        let started = TimeFormatClock.now()
        shell.send(chain + "\t")
        shell.expect("pe")
        XCTAssertLessThan(TimeFormatClock.now() - started, 3)
        XCTAssertTrue(shell.screen.lines.joined().contains("T.T.shape"), shell.screen.lines.joined(separator: "\n"))
        shell.send("\u{15}big.T.shape\r")
        shell.expect("(3000, 3000)\n")
        quit(shell)
    }

    func testWordMotionsStopAtDotsAndUnderscores() throws {
        let shell = try start()
        shell.typeLine("value_x = 3")
        shell.typeLine("value = 7")
        shell.expectPrompt()
        // Alt-Backspace deletes "xyz" only, not the whole "value_xyz"
        shell.send("print(value_xyz\u{1B}\u{7F}x)\r")
        shell.expect("\n3\n")
        shell.expectPrompt()
        // Alt-B twice from the end stops before "x", then before "alue"
        shell.send("print(alue_x)\u{1B}b\u{1B}bv\r")
        shell.expect("\n3\n")
        shell.expectPrompt()
        // from the start, Alt-F twice ends after "value"; Alt-D deletes "_x"
        shell.send("print(value_x)\u{1}\u{1B}f\u{1B}f\u{1B}d\r")
        shell.expect("\n7\n")
        quit(shell)
    }
}
