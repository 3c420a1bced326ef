#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// A test case that starts the real shell on a pseudo-terminal with its own state folder (so
/// the history starts empty) and removes the folder afterwards.
class ShellTestCase: XCTestCase {
    /// The `XDG_STATE_HOME` of the shells this test starts.
    var stateDirectory = ""

    var historyPath: String { stateDirectory + "/jaxlab/history" }

    override func setUpWithError() throws {
        stateDirectory = try ShellTestCase.temporaryDirectory("jaxlab-shell-test")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }

    static func temporaryDirectory(_ prefix: String) throws -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PtyError("mkdtemp failed") }
        return String(cString: made)
    }

    /// The shell started and showing its banner (its prompt not yet awaited).
    func start(arguments: [String] = [], environment: [String: String] = [:], columns: UInt16 = 100,
               errorsTo: String? = nil, reflows: Bool = false) throws -> PtyProcess {
        var env = ["XDG_STATE_HOME": stateDirectory]
        for (key, value) in environment { env[key] = value }
        let shell = try PtyProcess(arguments: arguments, environment: env, columns: columns, errorsTo: errorsTo, reflows: reflows)
        shell.expect("jaxlab")
        shell.expect(":help")
        return shell
    }

    /// Ctrl-D at the prompt; the shell must end with status 0.
    func quit(_ shell: PtyProcess, file: StaticString = #filePath, line: UInt = #line) {
        shell.expectPrompt(file: file, line: line)
        shell.send("\u{4}")
        XCTAssertEqual(shell.waitForExit(file: file, line: line), 0, file: file, line: line)
    }

    /// Writes a file for a test to read.
    func writeFile(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

extension PtyProcess {
    /// The prompt on a colour terminal: the colour is reset before its last space.
    static let colouredPrompt = "\u{1B}[1;32m>>>\u{1B}[0m "

    /// Types a cell as a terminal pastes it: bracketed, then Enter.
    func paste(_ cell: String, prompt: String = ">>> ", file: StaticString = #filePath, line: UInt = #line) {
        expectPrompt(prompt, file: file, line: line)
        send("\u{1B}[200~" + cell.replacingNewlinesWithReturns + "\u{1B}[201~\r")
    }

    /// Types one line of a cell after the editor opened it (no prompt: the line belongs to the
    /// cell being edited), then Enter.
    func typeMore(_ text: String) {
        waitForRawMode()
        send(text + "\r")
    }
}

extension String {
    /// A terminal sends Return for each newline of typed or pasted text.
    var replacingNewlinesWithReturns: String {
        String(map { $0 == "\n" ? "\r" : $0 })
    }
}
