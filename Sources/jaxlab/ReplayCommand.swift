import ArgumentParser
import Foundation
import Language
import Tutor

/// `jaxlab replay LESSON`: runs a lesson without a terminal and prints a transcript, checks
/// that its solutions pass, or grades a student's recorded answers.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run a lesson's cells and solutions without a terminal, or grade a student's answers.",
        discussion: """
        LESSON is a lesson file, or the name or number of one in Lessons/ (as `jaxlab lesson` lists them).
        With --answers LOG, the student's recorded inputs are replayed instead of the solutions
        and each task is graded: passed, failed, skipped or not tried, with the hints used.
        """
    )

    @Argument(help: "The lesson: a file, or a name or number from `jaxlab lesson`.")
    var lesson: String

    @Flag(help: "Exit 1 when a solution fails its check or a cell raises where the lesson does not say it should.")
    var check = false

    @Option(help: "Write the transcript to this file instead of standard output.")
    var transcript: String?

    @Option(help: "Grade this answer log (JSON lines, as the walker records them).")
    var answers: String?

    @Flag(help: "Machine-readable output: the replay's steps, or the grades, as JSON.")
    var json = false

    func run() throws {
        try reportingFailures { try replay() }
    }

    private func replay() throws {
        let lesson = try LessonLoading.load(self.lesson)
        if let answers {
            try grade(lesson, log: answers)
            return
        }
        let report = Replay.run(lesson)
        let text = json ? Transcript.json(report) : Transcript.text(report)
        if let transcript {
            guard FileManager.default.createFile(atPath: transcript, contents: Data(text.utf8)) else {
                throw CommandFailure("jaxlab: cannot write the transcript to \(transcript)")
            }
        } else {
            print(text, terminator: "")
        }
        guard check else { return }
        for problem in report.problems { standardError(problem.description + "\n") }
        let time = String(format: "%.2f s", report.seconds)
        if report.problems.isEmpty {
            standardError("\(lesson.file): \(lesson.steps.count) steps, \(lesson.tasks.count) tasks: every cell ran as the lesson says and every solution passes its check (\(time))\n")
        } else {
            standardError("\(lesson.file): \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") (\(time))\n")
            throw ExitCode(1)
        }
    }

    private func grade(_ lesson: Lesson, log: String) throws {
        guard let data = FileManager.default.contents(atPath: log) else {
            throw CommandFailure("jaxlab: cannot read the answer log \(log)")
        }
        let entries: [AnswerLogEntry]
        switch Result(catching: { () throws(LessonError) -> [AnswerLogEntry] in
            try AnswerLogEntry.read(String(decoding: data, as: UTF8.self), file: log)
        }) {
        case .success(let read): entries = read
        case .failure(let error): throw CommandFailure(error.description)
        }
        let report = Grader.grade(lesson, entries: entries, log: log)
        print(json ? report.json : report.text, terminator: "")
    }
}

/// Finding and parsing the lesson a command names, with the messages users see.
enum LessonLoading {
    static func load(_ reference: String) throws -> Lesson {
        guard let source = LessonLibrary.standard().find(reference) else {
            throw CommandFailure("jaxlab: no lesson `\(reference)`: give a lesson file, or a name or number from `jaxlab lesson`")
        }
        switch Result(catching: { () throws(LessonError) -> Lesson in try LessonLibrary.load(source) }) {
        case .success(let lesson): return lesson
        case .failure(let error): throw CommandFailure(error.description)
        }
    }
}

/// A failure with a message for standard error and exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`; a `CommandFailure` becomes its message on standard error and exit status 1.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        standardError(failure.description + "\n")
        throw ExitCode(1)
    }
}

/// Writes to standard error.
func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
