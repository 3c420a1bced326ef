import Foundation
import XCTest

/// The whole lab at the prompt, as a student enters it: typed line by line (the editor's
/// automatic indentation in the way, as it is for them) and pasted cell by cell. Each cell must
/// show what it shows in the notebook beside real JAX (`Tests/LanguageTests/Data/lab1.json`).
final class LabAtThePromptTests: ShellTestCase {
    /// One cell of the reference: its name, code and what the notebook printed.
    struct Cell: Decodable {
        let cell: String
        let code: String
        let output: String
    }

    static func labCells() throws -> [Cell] {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let data = try Data(contentsOf: url.appendingPathComponent("Tests/LanguageTests/Data/lab1.json"))
        return try JSONDecoder().decode([Cell].self, from: data)
    }

    func testTheLabPastedCellByCell() throws {
        let cells = try LabAtThePromptTests.labCells()
        let shell = try start(columns: 200)
        for (index, cell) in cells.enumerated() {
            shell.typeLine("print('@@cell', \(index))")
            shell.paste(cell.code)
        }
        try check(shell, cells)
    }

    func testTheLabTypedLineByLine() throws {
        let cells = try LabAtThePromptTests.labCells()
        let shell = try start(columns: 200)
        for (index, cell) in cells.enumerated() {
            shell.typeLine("print('@@cell', \(index))")
            type(cell.code, into: shell)
        }
        try check(shell, cells)
    }

    /// Types a cell's lines as a student would at this editor: a line that opens a block is
    /// followed by lines the editor indents itself, so a line indented less is reached with
    /// Backspace (a level each) and a line's own indentation replaces the editor's; a blank
    /// line (or a top-level statement) ends the block and runs it.
    private func type(_ code: String, into shell: PtyProcess) {
        var indent: Int?
        for line in code.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let own = line.prefix { $0 == " " }.count
            let words = line.split(separator: " ")
            guard let editorIndent = indent else {
                shell.typeLine(String(line))
                if line.hasSuffix(":") { indent = own + 4 }
                continue
            }
            if line.allSatisfy({ $0 == " " }) {
                shell.typeMore("")
                indent = nil
                continue
            }
            let backspaces = own == 0 ? editorIndent / 4 : 0
            shell.typeMore(String(repeating: "\u{7F}", count: backspaces) + line)
            if line.hasSuffix(":") {
                indent = own + 4
            } else if own == 0 {
                indent = nil
            } else if let first = words.first, ["return", "pass", "break", "continue", "raise"].contains(first) {
                indent = own - 4
            } else {
                indent = own
            }
        }
        if indent != nil { shell.typeMore("") }
    }

    /// What each cell showed, from the screen (the editor redraws a cell as it is entered, so
    /// the raw output holds copies): the lines between its marker and the next that are not
    /// the prompt's.
    private func check(_ shell: PtyProcess, _ cells: [Cell]) throws {
        shell.typeLine("print('@@cell', \(cells.count))")
        shell.expect("@@cell \(cells.count)\n")
        quit(shell)
        let transcript = shell.screen.transcript
        var shown: [Int: [String]] = [:]
        var current: Int?
        // a warning goes to the error stream, which the reference did not record: its lines
        // (wrapped on the screen) up to the source line it quotes are left out
        var inWarning = false
        for line in transcript {
            if inWarning {
                inWarning = !line.hasPrefix("  ")
                continue
            }
            if line.hasPrefix("Cell In["), line.contains("Warning: ") {
                inWarning = true
            } else if line.hasPrefix("@@cell "), let index = Int(line.dropFirst(7)) {
                current = index
                shown[index] = []
            } else if let index = current, !(line.hasPrefix(">>>") || line.hasPrefix("...")) {
                shown[index]?.append(line)
            }
        }
        for (index, cell) in cells.enumerated() {
            let printed = (shown[index] ?? ["(no marker: the cell was not reached)"]).map { $0 + "\n" }.joined()
            // the screen does not keep a line's trailing spaces
            let expected = cell.output.split(separator: "\n", omittingEmptySubsequences: false)
                .map { String(String($0.reversed().drop { $0 == " " }).reversed()) }.joined(separator: "\n")
            XCTAssertEqual(printed, expected, "cell \(cell.cell)")
        }
    }
}
