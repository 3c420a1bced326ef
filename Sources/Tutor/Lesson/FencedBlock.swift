/// A piece of a lesson body: text lines, or a fenced block with its info string.
enum BodyChunk {
    case text([String])
    case fence(FencedBlock)
}

/// A fenced block: ```` ```KIND WORDS ```` ... ```` ``` ````.
struct FencedBlock {
    /// The first word of the info string (`python`, `task`, `hint`; empty when there is none).
    var kind: String
    /// The other words: `key=value` attributes and bare words.
    var words: [String]
    /// The lines between the fences.
    var body: [String]
    /// The line of the opening fence (1-based).
    var line: Int
    /// The whole opening and closing fence lines, to show the block as text.
    var opening: String
    var closing: String

    var text: String { body.joined(separator: "\n") }

    /// The file line of the body's first line.
    var bodyLine: Int { line + 1 }

    /// Splits the body of a lesson file (after its front matter) into text and fences.
    static func chunks(_ lines: [String], firstLine: Int, file: String, problems: inout [LessonProblem]) -> [BodyChunk] {
        var chunks: [BodyChunk] = []
        var text: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard let fence = FencedBlock.openingFence(line) else {
                text.append(line)
                index += 1
                continue
            }
            if !text.isEmpty {
                chunks.append(.text(text))
                text = []
            }
            let info = line.drop { $0 == " " }.dropFirst(fence.count).trimmingWhitespace
            let words = info.split(whereSeparator: \.isWhitespace).map(String.init)
            var body: [String] = []
            var end = index + 1
            while end < lines.count && !FencedBlock.closes(lines[end], fence: fence) {
                body.append(lines[end])
                end += 1
            }
            guard end < lines.count else {
                problems.append(LessonProblem(file: file, line: firstLine + index,
                                              message: "the block opened here with \(fence) is never closed"))
                return chunks
            }
            chunks.append(.fence(FencedBlock(kind: words.first ?? "", words: Array(words.dropFirst()), body: body,
                                             line: firstLine + index, opening: line, closing: lines[end])))
            index = end + 1
        }
        if !text.isEmpty { chunks.append(.text(text)) }
        return chunks
    }

    /// The backticks that open a fence on this line (three or more, indented at most three spaces).
    private static func openingFence(_ line: String) -> String? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let ticks = line.dropFirst(indent).prefix { $0 == "`" }
        guard ticks.count >= 3, !line.dropFirst(indent + ticks.count).contains("`") else { return nil }
        return String(ticks)
    }

    /// A closing fence: at least as many backticks as the opening one, and nothing else.
    private static func closes(_ line: String, fence: String) -> Bool {
        let trimmed = line.trimmingWhitespace
        return trimmed.count >= fence.count && trimmed.allSatisfy { $0 == "`" }
            && line.prefix { $0 == " " }.count <= 3
    }

    /// `key=value` attributes; bare words map to an empty value.
    func attributes() -> [(key: String, value: String)] {
        words.map { word in
            guard let equals = word.firstIndex(of: "=") else { return (word, "") }
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
    }
}
