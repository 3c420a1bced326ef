/// Shows a lesson's Markdown on a terminal or in a transcript: paragraphs, lists and quotes
/// wrapped to a width, emphasis and code as styles (never raw `**`), headings, rules, and
/// code, math and table blocks kept as they are.
public struct MarkdownRenderer: Sendable {
    public var width: Int
    public var look: TextLook

    /// Text wraps at 80 columns, or the terminal's width when it is narrower.
    public static let maximumWidth = 80

    public init(width: Int = MarkdownRenderer.maximumWidth, look: TextLook = .plain) {
        self.width = max(20, min(width, MarkdownRenderer.maximumWidth))
        self.look = look
    }

    public func render(_ markdown: String) -> String {
        var output: [String] = []
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        // blocks are separated by one blank line, except the items of one list (marked "\0")
        func separate() {
            if output.last == "\u{0}" {
                output.removeLast()
            } else if let last = output.last, !last.isEmpty {
                output.append("")
            }
        }
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty {
                index += 1
                continue
            }
            separate()
            if trimmed.hasPrefix("```") || trimmed == "$$" {
                // a display block: kept line for line, indented, until its closing line
                let closing = trimmed.hasPrefix("```") ? String(trimmed.prefix { $0 == "`" }) : "$$"
                index += 1
                while index < lines.count && !lines[index].trimmingWhitespace.hasPrefix(closing) {
                    output.append(look.dim("    " + lines[index]))
                    index += 1
                }
                index += 1
                continue
            }
            if let (level, title) = MarkdownRenderer.heading(trimmed) {
                let text = inline(title).map(\.text).joined(separator: " ")
                if look == .terminal {
                    output.append(look.strong(level <= 2 ? look.underline(text) : text))
                } else {
                    output.append(text)
                    if level <= 2 { output.append(String(repeating: level == 1 ? "=" : "-", count: min(width, visibleWidth(text)))) }
                }
                index += 1
                continue
            }
            if MarkdownRenderer.isRule(trimmed) {
                output.append(String(repeating: "─", count: width))
                index += 1
                continue
            }
            if trimmed.hasPrefix("|") || line.hasPrefix("    ") {
                // tables and indented code: as they are
                while index < lines.count, !lines[index].trimmingWhitespace.isEmpty,
                      lines[index].trimmingWhitespace.hasPrefix("|") || lines[index].hasPrefix("    ") {
                    output.append(lines[index])
                    index += 1
                }
                continue
            }
            if trimmed.hasPrefix(">") {
                var quoted: [String] = []
                while index < lines.count, lines[index].trimmingWhitespace.hasPrefix(">") {
                    quoted.append(String(lines[index].trimmingWhitespace.dropFirst().drop { $0 == " " }))
                    index += 1
                }
                let bar = look == .terminal ? look.dim("│ ") : "> "
                output += wrap(inline(quoted.joined(separator: "\n")), first: bar, rest: bar)
                continue
            }
            if let marker = MarkdownRenderer.listMarker(line) {
                var item = [String(line.dropFirst(marker.count))]
                index += 1
                let indent = String(repeating: " ", count: marker.count)
                while index < lines.count, !lines[index].trimmingWhitespace.isEmpty,
                      MarkdownRenderer.listMarker(lines[index]) == nil, !MarkdownRenderer.startsBlock(lines[index]) {
                    item.append(lines[index].trimmingWhitespace)
                    index += 1
                }
                let bullet = marker.trimmingWhitespace
                let shown = bullet == "-" || bullet == "*" || bullet == "+" ? "•" : bullet
                let lead = String(marker.prefix { $0 == " " })
                output += wrap(inline(item.joined(separator: "\n")), first: lead + shown + " ", rest: indent)
                // no blank line between the items of one list
                if index < lines.count, MarkdownRenderer.listMarker(lines[index]) != nil { output.append("\u{0}") }
                continue
            }
            var paragraph: [String] = []
            while index < lines.count, !lines[index].trimmingWhitespace.isEmpty {
                if !paragraph.isEmpty && MarkdownRenderer.startsBlock(lines[index]) { break }
                paragraph.append(lines[index])
                index += 1
            }
            output += wrap(inline(paragraph.joined(separator: "\n")), first: "", rest: "")
        }
        return output.filter { $0 != "\u{0}" }.joined(separator: "\n")
    }

    // MARK: blocks

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return (hashes, line.dropFirst(hashes).trimmingWhitespace)
    }

    private static func isRule(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " }
        return marks.count >= 3 && (marks.allSatisfy { $0 == "-" } || marks.allSatisfy { $0 == "*" } || marks.allSatisfy { $0 == "_" })
    }

    /// `- `, `* `, `+ ` or `12. ` with the spaces before it, when the line is a list item.
    private static func listMarker(_ line: String) -> String? {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " ", !isRule(String(rest)) {
            return String(indent) + String(first) + " "
        }
        let digits = rest.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count < 4, rest.dropFirst(digits.count).hasPrefix(". ") {
            return String(indent) + digits + ". "
        }
        return nil
    }

    /// Lines that end a paragraph: headings, fences, quotes, list items, rules.
    private static func startsBlock(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace
        return heading(trimmed) != nil || trimmed.hasPrefix("```") || trimmed == "$$" || trimmed.hasPrefix(">")
            || listMarker(line) != nil || isRule(trimmed)
    }

    // MARK: inline

    /// A run of text in one style; `breakAfter` is a hard line break.
    struct Piece {
        var text: String
        var breakAfter = false
    }

    /// The paragraph's text with its inline Markdown turned into styles, as words that can
    /// be wrapped (each word styled on its own, so styles never straddle a line break).
    func inline(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var word = ""
        var strong = false, emphasis = false
        let characters = Array(text)
        var index = 0
        func styled(_ raw: String) -> String {
            var result = raw
            if emphasis { result = look.emphasis(result) }
            if strong { result = look.strong(result) }
            return result
        }
        func endWord(hardBreak: Bool = false) {
            if !word.isEmpty { pieces.append(Piece(text: word)) }
            word = ""
            if hardBreak, !pieces.isEmpty { pieces[pieces.count - 1].breakAfter = true }
        }
        func appendStyled(_ raw: String) {
            // split on spaces so each word wraps on its own
            var current = ""
            for character in raw {
                if character == " " {
                    word += styled(current)
                    current = ""
                    endWord()
                } else {
                    current.append(character)
                }
            }
            word += styled(current)
        }
        var plain = ""
        func flushPlain() {
            appendStyled(plain)
            plain = ""
        }
        while index < characters.count {
            let c = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            switch c {
            case "\\" where next == "\n":
                flushPlain()
                endWord(hardBreak: true)
                index += 2
            case "\\" where next.map { "\\`*_[]()#+-.!$".contains($0) } == true:
                if let next { plain.append(next) }
                index += 2
            case "\n":
                let hardBreak = plain.hasSuffix("  ")
                flushPlain()
                endWord(hardBreak: hardBreak)
                index += 1
            case "`":
                let ticks = characters[index...].prefix { $0 == "`" }.count
                var end = index + ticks
                var found: Int?
                while end < characters.count {
                    if characters[end] == "`" {
                        let run = characters[end...].prefix { $0 == "`" }.count
                        if run == ticks { found = end; break }
                        end += run
                    } else {
                        end += 1
                    }
                }
                guard let close = found else {
                    plain += String(repeating: "`", count: ticks)
                    index += ticks
                    continue
                }
                flushPlain()
                let code = String(characters[(index + ticks)..<close]).trimmingWhitespace
                // code keeps its spaces: style word by word so wrapping still works
                let parts = code.split(separator: " ", omittingEmptySubsequences: false)
                for (number, part) in parts.enumerated() {
                    if number > 0 { endWord() }
                    if look == .plain {
                        word += (number == 0 ? "`" : "") + part + (number == parts.count - 1 ? "`" : "")
                    } else {
                        word += look.code(String(part))
                    }
                }
                index = close + ticks
            case "*" where next == "*", "_" where next == "_" && (previous.map { !$0.isLetter && !$0.isNumber } ?? true || strong):
                flushPlain()
                strong.toggle()
                index += 2
            case "*" where (emphasis ? previous.map { $0 != " " } ?? false : next.map { $0 != " " } ?? false),
                 "_" where (emphasis ? !(next.map { $0.isLetter || $0.isNumber } ?? false)
                                     : !(previous.map { $0.isLetter || $0.isNumber } ?? false) && next.map { $0 != " " } ?? false):
                flushPlain()
                emphasis.toggle()
                index += 1
            case "[":
                if let link = MarkdownRenderer.link(characters, at: index) {
                    flushPlain()
                    appendStyled(link.text)
                    endWord()
                    word = look.dim("(" + link.url + ")")
                    index = link.end
                } else {
                    plain.append(c)
                    index += 1
                }
            default:
                plain.append(c)
                index += 1
            }
        }
        flushPlain()
        endWord()
        return pieces
    }

    /// `[text](url)` starting at `start`: its text, url and the index after it.
    private static func link(_ characters: [Character], at start: Int) -> (text: String, url: String, end: Int)? {
        guard let close = characters[start...].firstIndex(of: "]"), close + 1 < characters.count,
              characters[close + 1] == "(", let end = characters[(close + 1)...].firstIndex(of: ")") else { return nil }
        let text = String(characters[(start + 1)..<close])
        let url = String(characters[(close + 2)..<end]).trimmingWhitespace
        guard !text.contains("\n"), !url.contains(" ") || url.isEmpty else { return nil }
        return (text, url, end + 1)
    }

    /// Greedy filling: words joined by spaces up to the width; `first` and `rest` begin the
    /// first and the following lines. A word longer than a line gets a line of its own.
    func wrap(_ pieces: [Piece], first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var lineWidth = visibleWidth(first)
        var empty = true
        for piece in pieces {
            let pieceWidth = visibleWidth(piece.text)
            if !empty && lineWidth + 1 + pieceWidth > width {
                lines.append(line)
                line = rest
                lineWidth = visibleWidth(rest)
                empty = true
            }
            if !empty {
                line += " "
                lineWidth += 1
            }
            line += piece.text
            lineWidth += pieceWidth
            empty = false
            if piece.breakAfter {
                lines.append(line)
                line = rest
                lineWidth = visibleWidth(rest)
                empty = true
            }
        }
        if !empty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
