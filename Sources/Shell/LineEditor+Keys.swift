#if canImport(Glibc)
import Glibc
#endif
import CEditLine
import Language

/// Enter, indentation, pastes and word motions: what makes the editor behave like IPython's.
extension LineEditor {
    /// Enter: in a cell, runs it when it is complete or invalid (as IPython shows the error at
    /// once), otherwise opens a new line indented as the code needs. With the cursor on an
    /// earlier line of a cell, it splits that line. Outside cells it ends the line.
    func enter() -> UInt8 {
        guard readingCell else { return accept() }
        let (line, cursor) = currentLine()
        let text = LineEditor.string(line)
        let afterCursor = line[cursor...]
        let onLastLine = !afterCursor.contains("\n")
        if !onLastLine && afterCursor.contains(where: { !$0.properties.isWhitespace }) {
            return openLine(indent: LineEditor.indentation(of: line, at: cursor))
        }
        // IPython checks the text up to the cursor when the cell has several lines
        let checked = text.contains("\n") ? LineEditor.string(line[..<cursor]) : text
        switch cellStatus(checked, !typedAhead.isEmpty || TerminalIO.hasPendingInput(0, milliseconds: 0)) {
        case .complete, .invalid:
            return accept()
        case .incomplete(let indent):
            return openLine(indent: indent)
        }
    }

    /// Ends the read through libedit's own newline command (which puts the cursor below the
    /// text), pushed as a private key sequence.
    private func accept() -> UInt8 {
        let (line, cursor) = currentLine()
        moveCursor(by: line.count - cursor)
        // before the newline, so that what the cell prints follows it directly
        setBracketedPaste(false)
        el_push(editLine, LineEditor.acceptKeys)
        return UInt8(CC_REFRESH)
    }

    /// A new line at the cursor, indented by `indent` spaces that typed spaces replace.
    private func openLine(indent: Int) -> UInt8 {
        _ = el_insertstr(editLine, "\n" + String(repeating: " ", count: indent))
        keysSinceAutoIndent = 0
        return UInt8(CC_REFRESH)
    }

    /// The indentation of the line holding `position`.
    static func indentation(of line: [Unicode.Scalar], at position: Int) -> Int {
        let start = line[..<position].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        return line[start...].prefix { $0 == " " }.count
    }

    /// Space. Typed first on a line Enter indented, it replaces that indentation, so code typed
    /// with its own indentation (or pasted without bracketed paste) keeps exactly it.
    func space() -> UInt8 {
        if readingCell && keysSinceAutoIndent == 1 {
            let (line, cursor) = currentLine()
            let start = line[..<cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
            let before = line[start..<cursor]
            if !before.isEmpty && before.allSatisfy({ $0 == " " }) { el_deletestr(editLine, Int32(before.count)) }
        }
        keysSinceAutoIndent = Int.max
        _ = el_insertstr(editLine, " ")
        return UInt8(CC_REFRESH)
    }

    /// Backspace. In the indentation it removes one level (back to a multiple of four spaces),
    /// as IPython does; elsewhere one character.
    func backspace() -> UInt8 {
        let (line, cursor) = currentLine()
        guard cursor > 0 else { return UInt8(CC_REFRESH_BEEP) }
        let start = line[..<cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let before = line[start..<cursor]
        var count = 1
        if before.count > 1 && before.allSatisfy({ $0 == " " }) {
            count = before.count % 4 == 0 ? 4 : before.count % 4
        }
        el_deletestr(editLine, Int32(count))
        return UInt8(CC_REFRESH)
    }

    /// Puts the pre-filled text in the line (run from inside `el_gets`, which empties the line
    /// when it starts).
    func insertPrefill() -> UInt8 {
        let text = pendingPrefill
        pendingPrefill = ""
        if !text.isEmpty { _ = el_insertstr(editLine, text) }
        return UInt8(CC_REFRESH)
    }

    // MARK: Pasting

    /// The most text one paste inserts: what is beyond is dropped (with a bell).
    static let maxPasteScalars = 1 << 20

    /// A bracketed paste (`ESC[200~ ... ESC[201~`): the text goes into the line whole, Enter
    /// and Tab in it being text rather than keys, so a pasted cell keeps its blank lines and
    /// indentation and runs as one input when Enter is pressed. A paste that never ends (the
    /// terminator lost) ends after a pause in the input; Ctrl-C abandons it.
    func paste() -> UInt8 {
        var bytes: [UInt8] = []
        let terminator: [UInt8] = Array("\u{1B}[201~".utf8)
        var overflow = false
        while true {
            if signals.interrupt.isRaised { return UInt8(CC_REFRESH) }
            var byte: UInt8 = 0
            if typedAhead.isEmpty {
                guard TerminalIO.hasPendingInput(0, milliseconds: 1_000) else { break }
                let count = Glibc.read(0, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
            } else {
                // the paste began arriving while the editor waited for the terminal
                byte = typedAhead.removeFirst()
            }
            if bytes.count < 4 * LineEditor.maxPasteScalars { bytes.append(byte) } else { overflow = true }
            if byte == terminator.last, bytes.count >= terminator.count, bytes.suffix(terminator.count).elementsEqual(terminator) {
                bytes.removeLast(terminator.count)
                break
            }
        }
        var text = String.UnicodeScalarView()
        var count = 0
        var previous: Unicode.Scalar?
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            defer { previous = scalar }
            guard count < LineEditor.maxPasteScalars else {
                overflow = true
                break
            }
            switch scalar {
            case "\r": text.append("\n")
            case "\n": if previous != "\r" { text.append("\n") }
            case "\t": text.append(scalar)
            default:
                // other control characters (escape sequences in the paste) are not code
                guard scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80..<0xA0).contains(scalar.value) else { continue }
                text.append(scalar)
            }
            count += 1
        }
        keysSinceAutoIndent = Int.max
        if !text.isEmpty { _ = el_insertstr(editLine, String(text)) }
        return UInt8(overflow ? CC_REFRESH_BEEP : CC_REFRESH)
    }

    // MARK: Words

    /// Words are letters and digits: `.`, `_` and other punctuation end them, as in IPython.
    private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Where the word motion from the cursor ends: back over non-word characters then a word,
    /// or forward over non-word characters then to the word's end.
    private func wordTarget(forward: Bool) -> Int {
        let (line, cursor) = currentLine()
        var position = cursor
        if forward {
            while position < line.count && !LineEditor.isWord(line[position]) { position += 1 }
            while position < line.count && LineEditor.isWord(line[position]) { position += 1 }
        } else {
            while position > 0 && !LineEditor.isWord(line[position - 1]) { position -= 1 }
            while position > 0 && LineEditor.isWord(line[position - 1]) { position -= 1 }
        }
        return position - cursor
    }

    func moveWord(forward: Bool) -> UInt8 {
        moveCursor(by: wordTarget(forward: forward))
        return UInt8(CC_CURSOR)
    }

    func killWord(forward: Bool) -> UInt8 {
        let offset = wordTarget(forward: forward)
        if forward { moveCursor(by: offset) }
        if offset != 0 { el_deletestr(editLine, Int32(abs(offset))) }
        return UInt8(CC_REFRESH)
    }

    // MARK: Up and Down

    /// Up/Down: between the lines of a cell while there is one above (below) the cursor,
    /// otherwise through the history of cells, by the prefix typed (as IPython does).
    func lineOrHistory(up: Bool) -> UInt8 {
        let (line, cursor) = currentLine()
        let start = line[..<cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let column = cursor - start
        if up, start > 0 {
            let previousStart = line[..<(start - 1)].lastIndex(of: "\n").map { $0 + 1 } ?? 0
            let previousLength = start - 1 - previousStart
            moveCursor(by: previousStart + min(column, previousLength) - cursor)
            return UInt8(CC_CURSOR)
        }
        if !up, let end = line[cursor...].firstIndex(of: "\n") {
            let nextEnd = line[(end + 1)...].firstIndex(of: "\n") ?? line.count
            moveCursor(by: end + 1 + min(column, nextEnd - end - 1) - cursor)
            return UInt8(CC_CURSOR)
        }
        return searchHistory(older: up)
    }

    private func searchHistory(older: Bool) -> UInt8 {
        guard let history else { return UInt8(CC_REFRESH_BEEP) }
        let (line, cursor) = currentLine()
        let text = LineEditor.string(line)
        if search == nil || searchShown != text {
            search = PrefixSearch(prefix: LineEditor.string(line[..<cursor]), typed: text,
                                  entryCount: history.entries.count)
        }
        guard var current = search else { return UInt8(CC_REFRESH_BEEP) }
        let found = older ? current.older(in: history.entries, shown: text)
                          : current.newer(in: history.entries, shown: text)
        search = current
        guard let found else { return UInt8(CC_REFRESH_BEEP) }
        replaceLine(with: found)
        searchShown = found
        return UInt8(CC_REFRESH)
    }
}
