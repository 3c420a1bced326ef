/// One thing wrong with a lesson file, at a line: printed as `file:line: message`.
public struct LessonProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Why a lesson was refused: every problem found, in file order.
public struct LessonError: Error, Sendable, CustomStringConvertible {
    public var problems: [LessonProblem]

    public init(_ problems: [LessonProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
