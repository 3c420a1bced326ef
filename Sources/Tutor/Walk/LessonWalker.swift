import Language

/// The walk through a lesson without a screen: where the student is, what each input and
/// command does, and how each task stands. The shell's walker shows its events; grading feeds
/// it a recorded log; both get the same behaviour.
///
/// At an example cell, an input runs (the cell as typed, or edited) and, unless it raised
/// where the cell should not, moves on. At a task, inputs run freely and the check runs after
/// each; a pass is announced and the student moves on with `:next`.
public final class LessonWalker {
    public let lesson: Lesson
    /// The step the student is at; `lesson.steps.count` once the lesson is finished.
    public private(set) var position = 0
    public private(set) var lessonSession: LessonSession
    /// Progress per task id.
    public private(set) var progress: [String: TaskProgress] = [:]
    /// Cells the student has run (as written or edited), even if they raised: `:next` then
    /// moves on without running them again.
    private var attemptedCells: Set<Int> = []
    /// The ids of the steps reached, in order.
    public private(set) var visited: [String] = []
    /// The namespace as each step found it, for `:back`.
    private var snapshots: [Int: NamespaceSnapshot] = [:]
    private let makeSession: () -> LessonSession
    /// Told about every input with the step it was typed at (the answer log).
    public var recorder: ((_ stepID: String, _ input: String) -> Void)?

    /// What happened, for the screen to show.
    public enum Event {
        /// An input (or a cell or solution run for the student) ran.
        case ran(InputResult)
        case passed(LessonTask)
        /// The check knows this wrong answer: its message.
        case wrongAnswer(String)
        case hint(number: Int, of: Int, text: String)
        case noMoreHints
        case solution(String)
        /// The student is now at this step.
        case moved(to: Int)
        case finished
        case restarted
        /// A command that does not apply here, or a note such as "already at the first step".
        case notice(String)
        case whereAmI(step: Int, of: Int, tasksPassed: Int, tasks: Int)
    }

    public init(lesson: Lesson, makeSession: @escaping () -> LessonSession) {
        self.lesson = lesson
        self.makeSession = makeSession
        lessonSession = makeSession()
        snapshots[0] = lessonSession.session.snapshot()
        noteVisit()
    }

    /// The step id recorded for inputs typed after the last step.
    public static let finishedStepID = "(finished)"

    public var currentStep: Step? { position < lesson.steps.count ? lesson.steps[position] : nil }
    public var isFinished: Bool { position >= lesson.steps.count }

    /// The commands `handle` understands, with what each does (for `:help` and completion).
    public static let commands: [(name: String, summary: String)] = [
        ("next", "Go on to the next step (runs this step's cell if you have not)"),
        ("back", "Go back one step, with your variables as they were there"),
        ("hint", "Show the task's next hint"),
        ("solution", "Show the task's solution"),
        ("skip", "Run the task's solution and go on"),
        ("where", "Which step this is and how many tasks you have passed"),
        ("restart", "Start the lesson again from a fresh session"),
    ]

    /// Handles one input: a walker command (`:next`, `:hint`, ...) or code to run.
    @discardableResult
    public func handle(_ input: String) -> [Event] {
        recorder?(currentStep?.id ?? LessonWalker.finishedStepID, input)
        let trimmed = input.trimmingWhitespace
        if trimmed.hasPrefix(":"), let command = trimmed.dropFirst().split(separator: " ").first {
            return run(command: String(command))
        }
        return run(code: input)
    }

    private func run(code: String) -> [Event] {
        guard let step = currentStep else { return [.ran(lessonSession.run(code))] }
        switch step.kind {
        case .text:
            return [.ran(lessonSession.run(code))]
        case .cell(let cell):
            let result = lessonSession.run(code)
            guard LessonWalker.isCell(code, cell) else { return [.ran(result)] }
            attemptedCells.insert(position)
            let asMeant = result.exception.map { $0.kind == cell.raises } ?? (cell.raises == nil)
            return asMeant ? [.ran(result)] + advance() : [.ran(result)]
        case .task(let task):
            let result = lessonSession.run(code)
            progress[task.id, default: TaskProgress()].attempts += 1
            var events: [Event] = [.ran(result)]
            switch lessonSession.check(task, after: result, source: code) {
            case .passed:
                if progress[task.id]?.passed != true {
                    progress[task.id]?.passed = true
                    events.append(.passed(task))
                }
            case .failed(let message?, _):
                events.append(.wrongAnswer(message))
            case .failed:
                break
            }
            return events
        }
    }

    private func run(command: String) -> [Event] {
        switch command {
        case "next":
            guard let step = currentStep else { return [.finished] }
            if let cell = step.cell, !attemptedCells.contains(position) {
                return [.ran(lessonSession.run(cell.code.code))] + advance()
            }
            return advance()
        case "back":
            guard position > 0 else { return [.notice("This is the first step.")] }
            go(to: position - 1)
            return [.moved(to: position)]
        case "hint":
            guard let task = currentStep?.task else { return [.notice("Hints belong to tasks; this step has none.")] }
            let shown = progress[task.id]?.hintsShown ?? 0
            guard shown < task.hints.count else { return [.noMoreHints] }
            progress[task.id, default: TaskProgress()].hintsShown = shown + 1
            return [.hint(number: shown + 1, of: task.hints.count, text: task.hints[shown])]
        case "solution":
            guard let task = currentStep?.task else { return [.notice("Solutions belong to tasks; this step has none.")] }
            progress[task.id, default: TaskProgress()].solutionShown = true
            return [.solution(task.solution.code)]
        case "skip":
            guard let task = currentStep?.task else { return [.notice("Only a task can be skipped; :next goes on.")] }
            let result = lessonSession.run(task.solution.code)
            if progress[task.id]?.passed != true { progress[task.id, default: TaskProgress()].skipped = true }
            return [.ran(result)] + advance()
        case "where":
            let passed = lesson.tasks.filter { progress[$0.id]?.passed == true }.count
            return [.whereAmI(step: min(position + 1, lesson.steps.count), of: lesson.steps.count,
                              tasksPassed: passed, tasks: lesson.tasks.count)]
        case "restart":
            restart()
            return [.restarted, .moved(to: 0)]
        default:
            return [.notice("Unknown command `:\(command)`.")]
        }
    }

    /// Whether an input typed at a cell is that cell, edited or not: it keeps the cell's first
    /// line, or has as many lines as the cell (each offered for editing). Anything else is the
    /// student trying something, which runs without moving on.
    public static func isCell(_ input: String, _ cell: ExampleCell) -> Bool {
        func lines(_ text: String) -> [Substring] {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
            return lines
        }
        let typed = lines(input), written = lines(cell.code.code)
        return typed.first == written.first || typed.count == written.count
    }

    /// Goes on to the next step without running anything (demo mode runs cells itself).
    public func moveOn() -> [Event] { advance() }

    private func advance() -> [Event] {
        position += 1
        if snapshots[position] == nil { snapshots[position] = lessonSession.session.snapshot() }
        noteVisit()
        return isFinished ? [.finished] : [.moved(to: position)]
    }

    /// Remembers the step reached, for finding the nearest one if the lesson changes.
    private func noteVisit() {
        let id = currentStep?.id ?? LessonWalker.finishedStepID
        if visited.last != id { visited.append(id) }
        if visited.count > 4 * lesson.steps.count + 16 { visited.removeFirst(visited.count - lesson.steps.count) }
    }

    /// The state to save: the step, the steps reached and each task's progress.
    public func savedProgress(time: String) -> SavedProgress {
        SavedProgress(lesson: lesson.id, version: lesson.version, fingerprint: lesson.fingerprint,
                      step: currentStep?.id ?? LessonWalker.finishedStepID, visited: visited,
                      stepsDone: position, tasks: progress, time: time)
    }

    /// Continues a saved walk: the namespace rebuilt by running the cells and solutions before
    /// the step quietly. Returns what to tell the student if the lesson changed since the save.
    public func resume(_ saved: SavedProgress) -> String? {
        let point = ResumePoint.find(saved, in: lesson)
        restoreProgress(saved.tasks)
        visited = saved.visited
        go(to: point.index)
        return point.notice
    }

    /// Starts again from a fresh session, at the first step, with no progress.
    public func restart() {
        lessonSession = makeSession()
        position = 0
        progress = [:]
        visited = []
        attemptedCells = []
        snapshots = [0: lessonSession.session.snapshot()]
        noteVisit()
    }

    /// Moves to step `target`: back by restoring the namespace the step started from, forward
    /// by running the cells and solutions in between quietly.
    public func go(to target: Int) {
        let target = max(0, min(target, lesson.steps.count))
        if target <= position {
            if let snapshot = snapshots[target] {
                lessonSession.session.restore(snapshot)
                snapshots = snapshots.filter { $0.key <= target }
                attemptedCells = attemptedCells.filter { $0 < target }
                position = target
                noteVisit()
                return
            }
            // no snapshot of that step: start over and run up to it, keeping the progress
            let kept = progress
            restart()
            progress = kept
        }
        // nobody reads these runs' output: %timeit need not measure carefully
        let timing = lessonSession.session.timing
        lessonSession.session.timing = .quick
        defer { lessonSession.session.timing = timing }
        while position < target {
            switch lesson.steps[position].kind {
            case .cell(let cell): lessonSession.run(cell.code.code, quietly: true)
            case .task(let task): lessonSession.run(task.solution.code, quietly: true)
            case .text: break
            }
            position += 1
            if snapshots[position] == nil { snapshots[position] = lessonSession.session.snapshot() }
        }
        noteVisit()
    }

    /// Puts back saved progress (when resuming).
    public func restoreProgress(_ saved: [String: TaskProgress]) {
        progress = saved.filter { id, _ in lesson.tasks.contains { $0.id == id } }
    }
}
