#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// Drawing around libedit: a cell redrawn with continuation prompts once it runs, completion
/// listings below the cell.
extension LineEditor {
    /// Once a cell of several lines is entered, draws it again with a `... ` before each line
    /// after the first (libedit shows them flush left while they are edited), so what ran reads
    /// as Python's console shows it. Skipped when the cell no longer fits on the screen.
    func redrawAccepted(_ text: String) {
        let columns = Int(jl_el_columns(editLine))
        let rows = TerminalIO.windowSize().rows
        guard columns > 0 else { return }
        // libedit left the cursor on the row below the cell's last row
        let height = ScreenLayout.position(afterPrompt: promptWidth, text: Array(text.unicodeScalars), columns: columns).row + 1
        guard height < rows else { return }
        let prompt = String((promptText.map { String(cString: $0) } ?? "").filter { $0 != "\u{1}" })
        let continuation = continuationPrompt()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var drawn = "\r\u{1B}[\(height)A\u{1B}[J" + prompt
        for (index, line) in lines.enumerated() {
            drawn += (index == 0 ? "" : continuation) + line + "\n"
        }
        emit(drawn)
    }

    /// Writes `text` below the cell (wherever the cursor is in it) and draws the cell again
    /// under it.
    func writeBelowCell(_ text: String) {
        let (line, cursor) = currentLine()
        let columns = max(1, Int(jl_el_columns(editLine)))
        let cursorRow = ScreenLayout.position(afterPrompt: promptWidth, text: line[..<cursor], columns: columns).row
        let lastRow = ScreenLayout.position(afterPrompt: promptWidth, text: line, columns: columns).row
        let down = lastRow - cursorRow
        emit((down > 0 ? "\u{1B}[\(down)B" : "") + "\r\n" + text)
        redrawFromHere()
    }

    // MARK: Completion

    func complete() -> UInt8 {
        let (buffer, cursor) = currentLine()
        // the line the cursor is on: completion works on it alone
        let start = buffer[..<cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let end = buffer[cursor...].firstIndex(of: "\n") ?? buffer.count
        let line = buffer[start..<end]
        let before = LineEditor.string(buffer[start..<cursor])
        // Tab in the indentation indents, as in IPython.
        if before.allSatisfy({ $0 == " " || $0 == "\t" }) {
            keysSinceAutoIndent = Int.max
            _ = el_insertstr(editLine, "    ")
            return UInt8(CC_REFRESH)
        }
        let candidates = completer(LineEditor.string(line), before.unicodeScalars.count)
        switch CompletionPlan.plan(before: before, candidates: candidates) {
        case .nothing:
            return UInt8(CC_REFRESH_BEEP)
        case .insert(let deleting, let text):
            if deleting > 0 { el_deletestr(editLine, Int32(deleting)) }
            if !text.isEmpty { _ = el_insertstr(editLine, text) }
            return UInt8(CC_REFRESH)
        case .list(let items):
            let width = Int(jl_el_columns(editLine))
            let shown = items.count > 200 ? Array(items.prefix(200)) : items
            var listing = CompletionPlan.columns(shown, width: width > 0 ? width : 80) + "\n"
            if shown.count < items.count { listing += "... and \(items.count - shown.count) more\n" }
            writeBelowCell(listing.replacingOccurrences(of: "\n", with: "\r\n"))
            return UInt8(CC_NORM)
        }
    }
}

/// Where libedit puts characters on the screen, worked out the way its refresh code does
/// (wide characters, tabs to eight, `^X` for control characters, a line that fills the width
/// moving the cursor to the next row), to know how many rows a prompt and its text take.
enum ScreenLayout {
    /// Columns a libedit prompt takes: its text without the `\u{1}`-marked escape sequences.
    static func visibleWidth(ofPrompt text: String) -> Int {
        var width = 0
        var literal = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{1}" {
                literal.toggle()
            } else if !literal {
                width += max(0, Int(jl_wcwidth(wchar_t(bitPattern: scalar.value))))
            }
        }
        return width
    }

    /// The row (from the prompt's, 0) and column after the prompt and `text` are drawn.
    static func position(afterPrompt promptWidth: Int, text: some Sequence<Unicode.Scalar>, columns: Int) -> (row: Int, column: Int) {
        let columns = max(1, columns)
        var row = 0, column = 0
        func put(_ wide: Int) {
            let width = min(wide, columns)
            while column + width > columns { put(1) }
            column += width
            if column >= columns {
                column = 0
                row += 1
            }
        }
        for _ in 0..<promptWidth { put(1) }
        for scalar in text {
            switch scalar.value {
            case 0x0A:
                row += 1
                column = 0
            case 0x09:
                repeat { put(1) } while column % 8 != 0
            case 0..<0x20, 0x7F, 0x80..<0xA0:
                put(1)
                put(1)
            default:
                let width = Int(jl_wcwidth(wchar_t(bitPattern: scalar.value)))
                if width >= 0 {
                    put(width)
                } else {
                    // shown as \U+XXXX (or \U+XXXXX)
                    for _ in 0..<(scalar.value > 0xFFFF ? 8 : 7) { put(1) }
                }
            }
        }
        return (row, column)
    }
}
