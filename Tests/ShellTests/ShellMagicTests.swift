#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// IPython's magics, help and the shell's `:` commands, through the real binary on a terminal.
/// Expected texts are IPython 8's.
final class ShellMagicTests: ShellTestCase {
    func testNamespaceMagics() throws {
        let shell = try start()
        shell.typeLine("alpha = 1")
        shell.typeLine("beta = 'two'")
        shell.typeLine("%who")
        shell.expect("alpha\t beta\t \n")
        shell.typeLine("%whos")
        shell.expect("Variable   Type    Data/Info\n----------------------------\nalpha      int     1\nbeta       str     two\n")
        shell.typeLine("%reset")
        shell.typeLine("n", prompt: "Once deleted, variables cannot be recovered. Proceed (y/[n])? ")
        shell.expect("Nothing done.\n")
        shell.typeLine("%reset -f")
        shell.typeLine("%who")
        shell.expect("Interactive namespace is empty.\n")
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

    func testHistoryOptions() throws {
        let path = stateDirectory + "/saved-history.py"
        let shell = try start()
        shell.typeLine("a = 1")
        shell.typeLine("def f(x):")
        shell.typeMore("return x + a")
        shell.typeMore("")
        shell.typeLine("f(2)")
        shell.expect("\n3\n")
        shell.typeLine("%history -n 1-2")
        shell.expect("   1: a = 1\n   2:\ndef f(x):\n    return x + a\n")
        shell.typeLine("%history -l 2")
        shell.expect("f(2)\n%history -n 1-2\n")
        shell.typeLine("%history -n 3")
        shell.expect("   3: f(2)\n")
        shell.typeLine("%history -f \(path) 1 3")
        shell.typeLine("%history -x")
        shell.expect("UsageError: unrecognized arguments: -x\n")
        quit(shell)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "a = 1\nf(2)\n")
    }

    func testSaveLoadAndRunFiles() throws {
        let script = stateDirectory + "/double.py"
        try writeFile(script, "def double(v):\n    return 2 * v\n\nprint('loaded', double(21))\n")
        let shell = try start()
        shell.typeLine("%run \(script)")
        shell.expect("loaded 42\n")
        // %load puts the code at the prompt, to edit before it runs
        shell.typeLine("%load \(script)")
        shell.expectPrompt()
        shell.expect("# %load \(script)")
        XCTAssertFalse(shell.pending.contains("loaded 42"), "the code must wait at the prompt")
        shell.send("\u{5}\r")
        shell.expect("loaded 42\n")
        shell.typeLine("double(5)")
        shell.expect("\n10\n")
        shell.typeLine("%save \(stateDirectory)/saved 4 1")
        shell.expect("The following commands were written to file `\(stateDirectory)/saved.py`:\n")
        shell.expect("double(5)\n%run \(script)\n")
        shell.typeLine("%save \(stateDirectory)/saved 4")
        shell.typeLine("y", prompt: "File `\(stateDirectory)/saved.py` exists. Overwrite (y/[N])? ")
        shell.typeLine("%run /nonexistent.py")
        shell.expect("Exception: File `'/nonexistent.py'` not found.\n")
        quit(shell)
        XCTAssertEqual(try String(contentsOfFile: stateDirectory + "/saved.py", encoding: .utf8), "# coding: utf-8\ndouble(5)\n")
    }

    func testRunAndLoadOfFilesThatAreNotRegularFail() throws {
        let fifo = stateDirectory + "/fifo.py"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let shell = try start()
        let expected = [
            "%run /dev/zero": "Exception: File `'/dev/zero'` not found.\n",
            "%load /dev/zero": "ValueError: '/dev/zero' is not a regular file.\n",
            "%run \(fifo)": "Exception: File `'\(fifo)'` not found.\n",
            "%load \(fifo)": "ValueError: '\(fifo)' is not a regular file.\n",
            "%run /tmp": "Exception: File `'/tmp'` not found.\n",
            "%load /tmp": "ValueError: '/tmp' is a directory, not a regular file.\n",
        ]
        for (command, error) in expected.sorted(by: { $0.key < $1.key }) {
            shell.typeLine(command)
            shell.expect(error)
        }
        shell.typeLine("print('still here')")
        shell.expect("still here\n")
        quit(shell)
    }

    func testEditOpensTheEditorOnTheLastCellThenRunsIt() throws {
        let editor = stateDirectory + "/editor.sh"
        try writeFile(editor, "#!/bin/sh\nsed -i 's/41/42/' \"$1\"\n")
        chmod(editor, 0o755)
        let shell = try start(environment: ["EDITOR": editor])
        shell.typeLine("answer = 41")
        shell.typeLine("%edit")
        shell.expect("Editing... done. Executing edited code...\n")
        shell.typeLine("answer")
        shell.expect("\n42\n")
        quit(shell)
    }

    func testFoldersMagicsAndTheMagicList() throws {
        let shell = try start()
        shell.typeLine("%cd \(stateDirectory)")
        shell.expect("\(stateDirectory)\n")
        shell.typeLine("%pwd")
        shell.expect("'\(stateDirectory)'\n")
        shell.typeLine("%cd /nonexistent-folder")
        shell.expect("[Errno 2] No such file or directory: '/nonexistent-folder'\n")
        shell.typeLine("%lsmagic")
        shell.expect("Available line magics:\n%cd  %edit  %explain  %history")
        shell.expect("Available cell magics:\n%%time  %%timeit\n")
        shell.typeLine("%magic")
        shell.expect("%%timeit")
        quit(shell)
    }

    func testTimingMagicsAsIPython() throws {
        let shell = try start()
        // the lab's task cell as given: only a comment
        shell.paste("%%timeit\n# Your code here\n\n")
        shell.expect(" per loop (mean ± std. dev. of 7 runs, ")
        // the value comes after the times
        shell.typeLine("%time 40 + 2")
        shell.expect("CPU times: user ")
        shell.expect("Wall time: ")
        shell.expect("\n42\n")
        shell.paste("%%time\ny = 3\ny\n")
        shell.expect("Wall time: ")
        shell.expect("\n3\n")
        shell.typeLine("%time pass")
        shell.expect("Wall time: ")
        shell.expect("\n")
        let wall = shell.output.components(separatedBy: "Wall time: ").last?.split(separator: "\n").first ?? ""
        XCTAssertTrue(wall.hasSuffix(" µs") || wall.hasSuffix(" ns"), "%time pass took \(wall)")
        shell.typeLine("%timeit -x 1")
        shell.expect(#"UsageError: option -x not recognized ( allowed: "n:r:tcp:qo" )"#)
        quit(shell)
    }

    func testHelpOnValuesFunctionsAndLibraryNames() throws {
        let shell = try start()
        shell.typeLine("b = jnp.arange(6.0).reshape(2, 3)")
        shell.typeLine("b?")
        shell.expect("Type:        ArrayImpl\nString form:\n[[0. 1. 2.]\n [3. 4. 5.]]\nShape:       (2, 3)\nDtype:       float32\nLength:      2\n")
        shell.paste("def scale(x, by=2):\n    \"\"\"Multiplies x.\"\"\"\n    return x * by\n")
        shell.typeLine("scale?")
        shell.expect("Signature: scale(x, by=2)\nDocstring: Multiplies x.\nFile:      Cell In[3]\nType:      function\n")
        shell.typeLine("scale??")
        shell.expect("Signature: scale(x, by=2)\nSource:   \ndef scale(x, by=2):\n    \"\"\"Multiplies x.\"\"\"\n    return x * by\n")
        shell.typeLine("jnp.arange?")
        shell.expect("Help on function arange in module jax.numpy:")
        shell.typeLine("nothing_here?")
        shell.expect("Object `nothing_here` not found.\n")
        quit(shell)
    }
}
