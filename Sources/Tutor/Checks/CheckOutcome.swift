import Language

/// What a task's check said about an input.
public enum CheckOutcome: Equatable, Sendable {
    case passed
    /// Not (yet) the answer. `message` is the check's word for a known wrong answer (the
    /// message of its AssertionError), nil when it has none; `exception` is what the check
    /// raised, for lesson authors.
    case failed(message: String?, exception: RaisedException)

    public var passed: Bool { self == .passed }

    /// The outcome of running a check: passing is finishing without an exception.
    init(_ result: InputResult) {
        guard let exception = result.exception else {
            self = .passed
            return
        }
        let message = exception.kind == "AssertionError" && !exception.message.isEmpty ? exception.message : nil
        self = .failed(message: message, exception: exception)
    }
}
