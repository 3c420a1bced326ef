import Language
import XCTest
@testable import Tutor

/// One task's fairness case: an answer that is right but worded unlike the solution, and a
/// plausible wrong answer with (part of) the message its check should give.
struct FairnessCase {
    var task: String
    var correct: String
    var wrong: String
    var message: String
}

/// Feeds each case's answers to a lesson's tasks as a student would, through the walker.
enum LessonCheckFairness {
    static func lesson(_ file: String) throws -> Lesson {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Lessons/" + file)
        let text = try String(contentsOf: url, encoding: .utf8)
        return try LessonParser.parse(text, file: file)
    }

    /// What the walker says after `input` at the task `id`, in a fresh session that ran the
    /// lesson's cells and solutions up to there.
    static func events(_ lesson: Lesson, at id: String, _ input: String) throws -> [LessonWalker.Event] {
        let walker = LessonWalker(lesson: lesson) { LessonSession(sink: BufferSink(), timing: .quick) }
        walker.go(to: try XCTUnwrap(lesson.stepIndex(id: id), "no step \(id)"))
        return walker.handle(input)
    }

    static func passed(_ events: [LessonWalker.Event]) -> Bool {
        events.contains { if case .passed = $0 { true } else { false } }
    }

    static func messages(_ events: [LessonWalker.Event]) -> [String] {
        events.compactMap { event -> String? in if case .wrongAnswer(let message) = event { message } else { nil } }
    }

    /// Every task of the lesson has a case; each correct answer differs from the solution and
    /// passes; each wrong answer is refused with its message.
    static func check(_ file: String, _ cases: [FairnessCase], line: UInt = #line) throws {
        let lesson = try lesson(file)
        XCTAssertEqual(cases.map(\.task).sorted(), lesson.tasks.map(\.id).sorted(), "\(file): one case per task", line: line)
        for fair in cases {
            guard let task = lesson.tasks.first(where: { $0.id == fair.task }) else { continue }
            XCTAssertNotEqual(normalized(fair.correct), normalized(task.solution.code), "\(fair.task): the correct answer is the solution", line: line)
            let right = try events(lesson, at: fair.task, fair.correct)
            XCTAssertTrue(passed(right), "\(file) \(fair.task): a correct answer was refused: \(messages(right)) \(errors(right))", line: line)
            let wrong = try events(lesson, at: fair.task, fair.wrong)
            XCTAssertFalse(passed(wrong), "\(file) \(fair.task): a wrong answer passed", line: line)
            XCTAssertTrue(messages(wrong).contains { $0.contains(fair.message) },
                          "\(file) \(fair.task): the wrong answer got \(messages(wrong)) \(errors(wrong)), not `\(fair.message)`", line: line)
        }
    }

    /// What the input raised, to explain a failure.
    static func errors(_ events: [LessonWalker.Event]) -> String {
        events.compactMap { event -> String? in
            if case .ran(let result) = event, let exception = result.exception { exception.description } else { nil }
        }.joined(separator: "; ")
    }

    static func normalized(_ code: String) -> String {
        code.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
