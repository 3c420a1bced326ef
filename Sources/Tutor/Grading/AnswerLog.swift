import Foundation

/// One line of an answer log: what a student typed (code or a `:command`), at which step of
/// which lesson, and when. A log is JSON lines, one input per line, oldest first:
///
///     {"lesson":"introduction-to-jax","version":1,"step":"dtype-of-b","time":"2025-05-06T09:30:12Z","input":"b.dtype"}
public struct AnswerLogEntry: Codable, Sendable, Equatable {
    public var lesson: String
    public var version: Int
    public var step: String
    /// ISO 8601, UTC.
    public var time: String
    public var input: String

    public init(lesson: String, version: Int, step: String, time: String, input: String) {
        self.lesson = lesson
        self.version = version
        self.step = step
        self.time = time
        self.input = input
    }

    /// The entry as one line of JSON (with its newline).
    public var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Now, as the log writes times.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Reads a log; a line that is not an entry is reported as `FILE:LINE: ...`.
    public static func read(_ text: String, file: String) throws(LessonError) -> [AnswerLogEntry] {
        var entries: [AnswerLogEntry] = []
        var problems: [LessonProblem] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                entries.append(try decoder.decode(AnswerLogEntry.self, from: Data(line.utf8)))
            } catch {
                problems.append(LessonProblem(file: file, line: index + 1,
                                              message: "not an answer: a line is a JSON object with lesson, version, step, time and input"))
            }
        }
        guard problems.isEmpty else { throw LessonError(problems) }
        return entries
    }
}
