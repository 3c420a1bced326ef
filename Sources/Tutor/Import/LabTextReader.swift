import Language

/// Reads a lab exported as text: Markdown, with each code cell after a line `In [N]:` (or
/// `In [ ]:`, `In [None]:`). A code cell goes on through blank lines while what follows is
/// more code: the paragraph, added to the cell, still parses as Python and is not only
/// comments (a Markdown heading reads as a comment).
public enum LabTextReader {
    public static func cells(from text: String) -> [ImportedCell] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var cells: [ImportedCell] = []
        var markdown: [String] = []
        var index = 0
        func flushMarkdown() {
            let text = trimmedLines(markdown)
            if !text.isEmpty { cells.append(.markdown(text)) }
            markdown = []
        }
        while index < lines.count {
            guard isCellMarker(lines[index]) else {
                markdown.append(lines[index])
                index += 1
                continue
            }
            flushMarkdown()
            index += 1
            var code: [String] = []
            while index < lines.count, !lines[index].allSatisfy(\.isWhitespace), !isCellMarker(lines[index]) {
                code.append(lines[index])
                index += 1
            }
            // blank lines, then a paragraph: part of the cell if it reads as more code
            while index < lines.count, lines[index].allSatisfy(\.isWhitespace) {
                var next = index
                while next < lines.count, lines[next].allSatisfy(\.isWhitespace) { next += 1 }
                var paragraph: [String] = []
                var end = next
                while end < lines.count, !lines[end].allSatisfy(\.isWhitespace), !isCellMarker(lines[end]) {
                    paragraph.append(lines[end])
                    end += 1
                }
                guard !paragraph.isEmpty, continuesCode(code, with: paragraph) else { break }
                code += Array(lines[index..<next]) + paragraph
                index = end
            }
            cells.append(.code(trimmedLines(code)))
        }
        flushMarkdown()
        return cells
    }

    /// `In [3]:`, `In [ ]:` or `In [None]:` alone on a line.
    static func isCellMarker(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace
        guard trimmed.hasPrefix("In ["), trimmed.hasSuffix("]:") else { return false }
        return trimmed.dropFirst(4).dropLast(2).allSatisfy { $0.isNumber || $0 == " " || $0.isLetter }
    }

    private static func continuesCode(_ code: [String], with paragraph: [String]) -> Bool {
        let onlyComments = paragraph.allSatisfy { $0.trimmingWhitespace.hasPrefix("#") }
        guard !onlyComments else { return false }
        return Session.syntaxError(in: (code + [""] + paragraph).joined(separator: "\n") + "\n") == nil
    }

    private static func trimmedLines(_ lines: [String]) -> String {
        var lines = lines
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
