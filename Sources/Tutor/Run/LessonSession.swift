import Language

/// A lesson's Python session: runs cells, solutions and the student's inputs with the lab's
/// imports done, and runs a task's check after an input in a child scope, so that checking
/// never changes the student's names.
public final class LessonSession {
    public let session: Session
    /// The check helpers' scope, made on first use.
    private var helpers: ChildScope?

    /// `timing` is `.quick` for replays, where only the shape of `%timeit`'s output matters.
    public init(sink: OutputSink, interrupt: InterruptFlag? = nil, timing: TimingMode = .calibrated) {
        session = interrupt.map { Session(sink: sink, interrupt: $0) } ?? Session(sink: sink)
        session.timing = timing
        session.importLabModules()
    }

    /// Runs one input as a notebook runs a cell: only a bare expression that ends it shows its
    /// value (the lab's cells were written for a notebook).
    @discardableResult
    public func run(_ code: String, quietly: Bool = false) -> InputResult {
        session.runInteractive(code.hasSuffix("\n") ? code : code + "\n", filename: "<stdin>", quietly: quietly,
                               echo: .lastExpression)
    }

    /// Runs `task`'s check on what `input` (typed as `source`) did.
    public func check(_ task: LessonTask, after input: InputResult, source: String) -> CheckOutcome {
        let names: [String: PyValue] = [
            "_": input.value ?? .none,
            "answer": input.shownValue ?? .none,
            "printed": .str(input.printed),
            "source": .str(source),
            "uses": CheckHelpers.uses(session, calls: input.calls),
        ]
        let run = session.runInChildScope(task.check.code, filename: "<check of \(task.id)>", parent: helperScope(), names: names)
        return CheckOutcome(run.result)
    }

    private func helperScope() -> ChildScope? {
        if let helpers { return helpers }
        let made = session.runInChildScope(CheckHelpers.prelude, filename: "<check helpers>",
                                           names: CheckHelpers.hostFunctions(session))
        helpers = made.scope
        return made.scope
    }
}
