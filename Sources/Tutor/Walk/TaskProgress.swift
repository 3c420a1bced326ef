/// How a student has done on one task so far.
public struct TaskProgress: Codable, Sendable, Equatable {
    /// The check passed after one of the student's own inputs.
    public var passed = false
    /// `:skip` ran the solution before the task was passed.
    public var skipped = false
    public var hintsShown = 0
    public var solutionShown = false
    /// Inputs typed at the task.
    public var attempts = 0

    public init() {}

    /// One word for grading: passed, skipped, failed (tried, never passed) or not tried.
    public var status: String {
        if passed { return "passed" }
        if skipped { return "skipped" }
        return attempts > 0 ? "failed" : "not tried"
    }
}
