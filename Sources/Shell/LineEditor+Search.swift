#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// Ctrl-R: reverse incremental search through the history of cells, as in readline and
/// IPython. Typing narrows the search, Ctrl-R finds an older match, Backspace widens it again,
/// Enter runs the cell found, Ctrl-G puts back what was there; any other key (an arrow, Ctrl-A)
/// leaves the search with the cell found and then does what it does.
extension LineEditor {
    func reverseSearch() -> UInt8 {
        guard let entries = history?.entries else { return UInt8(CC_REFRESH_BEEP) }
        let (original, originalCursor) = currentLine()
        let savedPrompt = promptText.map { String(cString: $0) } ?? ""
        defer { setRawPrompt(savedPrompt) }
        var query = ""
        var position = entries.count
        var failed = false
        func show() {
            setRawPrompt((failed ? "(failed reverse-i-search)`" : "(reverse-i-search)`") + query + "': ")
            replaceLine(with: position < entries.count ? entries[position] : LineEditor.string(original))
            if position < entries.count, let match = entries[position].range(of: query) {
                // the cursor at the match, as readline puts it
                let text = entries[position]
                moveCursor(by: text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: match.lowerBound)
                           - text.unicodeScalars.count)
            }
            redrawFromHere()
        }
        /// The newest entry at or before `start` that holds the query.
        func find(from start: Int) -> Int? {
            var index = min(start, entries.count - 1)
            while index >= 0 {
                if query.isEmpty || entries[index].contains(query) { return index }
                index -= 1
            }
            return nil
        }
        show()
        while true {
            var key: wchar_t = 0
            guard el_wgetc(editLine, &key) == 1, let scalar = Unicode.Scalar(UInt32(bitPattern: key)) else {
                // Ctrl-C or the end of input: the read ends with it
                return UInt8(CC_REFRESH)
            }
            switch scalar {
            case "\u{12}":  // Ctrl-R: an older match
                if let found = find(from: position - 1) {
                    position = found
                    failed = false
                } else {
                    failed = true
                }
            case "\u{7}":  // Ctrl-G: give up the search
                replaceLine(with: LineEditor.string(original))
                moveCursor(by: originalCursor - original.count)
                return UInt8(CC_REFRESH)
            case "\u{8}", "\u{7F}":
                if !query.isEmpty { query.removeLast() }
                if let found = find(from: entries.count - 1) {
                    position = query.isEmpty ? entries.count : found
                    failed = false
                }
            case "\r", "\n":
                el_push(editLine, "\r")
                return UInt8(CC_REFRESH)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    // an arrow or another editing key: it acts on the cell found
                    var text = String.UnicodeScalarView()
                    text.append(scalar)
                    el_push(editLine, String(text))
                    return UInt8(CC_REFRESH)
                }
                query.unicodeScalars.append(scalar)
                if let found = find(from: position < entries.count ? position : entries.count - 1) {
                    position = found
                    failed = false
                } else {
                    failed = true
                }
            }
            show()
        }
    }
}
