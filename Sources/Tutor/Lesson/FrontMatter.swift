/// The `---` block that opens a lesson file: `id`, `title`, `version` and `language`, one
/// `key: value` per line.
struct FrontMatter {
    var id = ""
    var title = ""
    var version = 0
    var language = ""
    /// The index of the first line after the closing `---`.
    var bodyStart = 0

    static let keys = ["id", "title", "version", "language"]

    /// Reads the front matter at the top of `lines`; problems are added to `problems`.
    static func read(_ lines: [String], file: String, problems: inout [LessonProblem]) -> FrontMatter? {
        func problem(_ line: Int, _ message: String) {
            problems.append(LessonProblem(file: file, line: line, message: message))
        }
        guard lines.first?.trimmingTrailingWhitespace == "---" else {
            problem(1, "a lesson starts with front matter: a line `---`, then id, title, version and language, then `---`")
            return nil
        }
        guard let end = lines.indices.dropFirst().first(where: { lines[$0].trimmingTrailingWhitespace == "---" }) else {
            problem(1, "the front matter opened here is never closed with a line `---`")
            return nil
        }
        var matter = FrontMatter(bodyStart: end + 1)
        var seen: [String: Int] = [:]
        for index in 1..<end {
            let line = lines[index]
            let number = index + 1
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problem(number, "front matter lines are `key: value`, not `\(line)`")
                continue
            }
            let key = line[..<colon].trimmingWhitespace
            var value = line[line.index(after: colon)...].trimmingWhitespace
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            guard keys.contains(key) else {
                problem(number, "unknown front matter key `\(key)` (expected \(keys.joined(separator: ", ")))")
                continue
            }
            if let first = seen[key] {
                problem(number, "front matter key `\(key)` is given twice (first on line \(first))")
                continue
            }
            seen[key] = number
            switch key {
            case "id":
                if LessonParser.isValidID(value) { matter.id = value } else {
                    problem(number, "the lesson id `\(value)` must be letters, digits, `-` and `_`")
                }
            case "title":
                if value.isEmpty { problem(number, "the title is empty") } else { matter.title = value }
            case "version":
                if let version = Int(value), version > 0 { matter.version = version } else {
                    problem(number, "the version must be a whole number from 1 up, not `\(value)`")
                }
            default:
                if !value.isEmpty && value.allSatisfy({ $0.isLetter || $0 == "-" }) { matter.language = value } else {
                    problem(number, "the language must be a code such as `en`, not `\(value)`")
                }
            }
        }
        for key in keys where seen[key] == nil {
            problem(end + 1, "the front matter has no `\(key)`")
        }
        return matter
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    var trimmingWhitespace: String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }

    /// The text without trailing whitespace.
    var trimmingTrailingWhitespace: String {
        guard let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[...end])
    }
}
