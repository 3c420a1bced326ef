import Foundation
import Language

/// What happened at one step of a replay: the code run there (the cell, or the task's
/// solution), what it did, and for a task what its check said.
public struct ReplayEntry {
    public var index: Int
    public var step: Step
    public var code: String?
    public var result: InputResult?
    public var check: CheckOutcome?
}

/// A whole replay: every step's entry, the problems found, and how long it took.
public struct ReplayReport {
    public var lesson: Lesson
    public var entries: [ReplayEntry]
    /// Cells that raised where the lesson does not say so, and solutions that fail their checks.
    public var problems: [LessonProblem]
    public var seconds: Double
}

/// Runs a lesson without a terminal: every example cell and every task's solution in order,
/// each solution followed by its task's check.
public enum Replay {
    public static func run(_ lesson: Lesson, timing: TimingMode = .quick) -> ReplayReport {
        let start = Date()
        let lessonSession = LessonSession(sink: BufferSink(), timing: timing)
        var entries: [ReplayEntry] = []
        var problems: [LessonProblem] = []
        func problem(_ line: Int, _ message: String) {
            problems.append(LessonProblem(file: lesson.file, line: line, message: message))
        }
        for (index, step) in lesson.steps.enumerated() {
            var entry = ReplayEntry(index: index, step: step)
            switch step.kind {
            case .text:
                break
            case .cell(let cell):
                let result = lessonSession.run(cell.code.code, quietly: true)
                entry.code = cell.code.code
                entry.result = result
                switch (cell.raises, result.exception) {
                case (nil, let raised?):
                    problem(cell.code.line, "the cell `\(step.id)` raised \(raised) (if it should, write ```python raises=\(raised.kind))")
                case (let expected?, nil):
                    problem(cell.code.line, "the cell `\(step.id)` should raise \(expected) but raised nothing")
                case (let expected?, let raised?) where raised.kind != expected:
                    problem(cell.code.line, "the cell `\(step.id)` should raise \(expected) but raised \(raised)")
                default:
                    break
                }
            case .task(let task):
                let result = lessonSession.run(task.solution.code, quietly: true)
                entry.code = task.solution.code
                entry.result = result
                if let raised = result.exception {
                    problem(task.solution.line, "the solution of task `\(task.id)` raised \(raised)")
                }
                let outcome = lessonSession.check(task, after: result, source: task.solution.code)
                entry.check = outcome
                if case .failed(_, let exception) = outcome {
                    problem(task.solution.line, "the solution of task `\(task.id)` fails its check: \(exception)")
                }
            }
            entries.append(entry)
        }
        return ReplayReport(lesson: lesson, entries: entries, problems: problems, seconds: Date().timeIntervalSince(start))
    }
}
