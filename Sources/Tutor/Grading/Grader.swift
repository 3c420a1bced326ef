import Foundation
import Language

/// How one task went, as grading reports it.
public struct TaskGrade: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// passed, failed, skipped or not tried.
    public var status: String
    public var hints: Int
    public var attempts: Int
}

/// A student's log graded against a lesson: one line per task and the totals.
public struct GradeReport: Codable, Sendable, Equatable {
    public var lesson: String
    public var version: Int
    /// The log graded.
    public var log: String
    public var tasks: [TaskGrade]
    public var passed: Int
    public var failed: Int
    public var skipped: Int
    public var notTried: Int
    public var hints: Int
    /// Entries whose step the lesson no longer has, or that belong to another lesson.
    public var ignoredEntries: Int

    /// The table a person reads.
    public var text: String {
        let width = max(4, tasks.map(\.id.count).max() ?? 0)
        var out = "\(lesson) (version \(version)) graded from \(log)\n"
        for task in tasks {
            let pad = String(repeating: " ", count: width - task.id.count)
            let status = task.status + String(repeating: " ", count: max(0, 10 - task.status.count))
            out += "  \(task.id)\(pad)  \(status)\(task.hints) hint\(task.hints == 1 ? "" : "s")\n"
        }
        out += "total: \(passed) of \(tasks.count) passed, \(failed) failed, \(skipped) skipped, \(notTried) not tried; "
            + "\(hints) hint\(hints == 1 ? "" : "s")\n"
        if ignoredEntries > 0 { out += "(\(ignoredEntries) entries for other lessons or unknown steps were ignored)\n" }
        return out
    }

    /// One JSON object, for scripts.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// Grades a recorded walk: the student's inputs replayed through the same walker, at the
/// steps they were typed at, in a fresh session.
public enum Grader {
    public static func grade(_ lesson: Lesson, entries: [AnswerLogEntry], log: String) -> GradeReport {
        let walker = LessonWalker(lesson: lesson) { LessonSession(sink: BufferSink(), timing: .quick) }
        var ignored = 0
        for entry in entries {
            guard entry.lesson == lesson.id else {
                ignored += 1
                continue
            }
            let target = entry.step == LessonWalker.finishedStepID ? lesson.steps.count : lesson.stepIndex(id: entry.step)
            guard let target else {
                ignored += 1
                continue
            }
            if target != walker.position { walker.go(to: target) }
            walker.handle(entry.input)
        }
        let grades = lesson.tasks.map { task -> TaskGrade in
            let progress = walker.progress[task.id] ?? TaskProgress()
            return TaskGrade(id: task.id, title: task.title, status: progress.status, hints: progress.hintsShown,
                             attempts: progress.attempts)
        }
        func count(_ status: String) -> Int { grades.filter { $0.status == status }.count }
        return GradeReport(lesson: lesson.id, version: lesson.version, log: log, tasks: grades,
                           passed: count("passed"), failed: count("failed"), skipped: count("skipped"),
                           notTried: count("not tried"), hints: grades.map(\.hints).reduce(0, +), ignoredEntries: ignored)
    }
}
