/// Where a student is in one lesson, as saved after every step.
public struct SavedProgress: Codable, Sendable, Equatable {
    public var lesson: String
    public var version: Int
    /// A fingerprint of the lesson file, to notice that it changed since.
    public var fingerprint: String
    /// The id of the step the student is at (`LessonWalker.finishedStepID` when done).
    public var step: String
    /// The ids of the steps reached, in order, to find the nearest step that still exists.
    public var visited: [String]
    /// How many steps are behind the student.
    public var stepsDone: Int
    public var tasks: [String: TaskProgress]
    /// When it was saved (ISO 8601).
    public var time: String

    public var tasksPassed: Int { tasks.values.filter(\.passed).count }
}

extension Lesson {
    /// FNV-1a of the lesson's steps (ids, text and code), as hex: equal fingerprints mean the
    /// walk is the same.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x100_0000_01b3
        }
        for step in steps {
            mix(step.id)
            mix(step.text)
            mix(step.cell?.code.code ?? step.task?.solution.code ?? "")
            mix(step.task?.check.code ?? "")
        }
        return String(hash, radix: 16)
    }
}

/// Where to resume a saved walk in the lesson as it is now.
public struct ResumePoint: Equatable, Sendable {
    /// The step to start at (`lesson.steps.count` when the lesson was finished).
    public var index: Int
    /// Said to the student when the lesson changed since the save.
    public var notice: String?

    /// The saved step if it still exists; otherwise the nearest step reached before it that
    /// still exists (the start if none does).
    public static func find(_ saved: SavedProgress, in lesson: Lesson) -> ResumePoint {
        let changed = saved.fingerprint != lesson.fingerprint || saved.version != lesson.version
        if saved.step == LessonWalker.finishedStepID && !changed { return ResumePoint(index: lesson.steps.count) }
        if let index = lesson.stepIndex(id: saved.step) {
            return ResumePoint(index: index, notice: changed ? "This lesson has changed since your last visit; you are at the same step as before." : nil)
        }
        for id in saved.visited.reversed() {
            if let index = lesson.stepIndex(id: id) {
                return ResumePoint(index: index, notice: "This lesson has changed since your last visit; your step is gone, so you are at the nearest earlier one.")
            }
        }
        return ResumePoint(index: 0, notice: "This lesson has changed since your last visit, and none of your steps is left in it; starting from the beginning.")
    }
}
