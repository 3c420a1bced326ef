/// What one input did, for the shell, lessons and tests: the text it printed, the traceback,
/// the exception that escaped, and the value it echoed.
public struct InputResult {
    /// Standard output written while the input ran.
    public var printed = ""
    /// Tracebacks and error messages written while it ran.
    public var errorText = ""
    /// The exception that ended the input, if one escaped.
    public var exception: RaisedException?
    /// The value of the last bare expression echoed (what `_` now holds), if any.
    public var value: PyValue?
    /// The last value passed to `print` (the last argument of its last call), if any.
    public var printedValue: PyValue?
    /// The library functions it called (`jax.grad`, found while it ran, whatever name reached
    /// them), the callees written in its source (`grad_function`, `.block_until_ready`) and the
    /// magics it used (`%timeit`).
    public var calls: Set<String> = []
    /// Code a magic put at the prompt for editing (`%load`), to show at the next prompt.
    public var nextInput: String?
    /// Set when the input asked to end the session (`exit()`, `sys.exit(2)`): the exit status.
    public var exitStatus: Int32?

    public init() {}

    /// What the input showed last: the value it echoed, or else the last value it printed.
    public var shownValue: PyValue? { value ?? printedValue }

    /// True when no exception escaped.
    public var succeeded: Bool { exception == nil }
}

/// An exception that escaped an input: its Python class name and message.
public struct RaisedException: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class name as Python prints it last in a traceback (`IndexError`, `KeyboardInterrupt`).
    public var kind: String
    public var message: String

    public init(kind: String, message: String) {
        self.kind = kind
        self.message = message
    }

    /// `Kind: message`, as the last line of a traceback.
    public var description: String { message.isEmpty ? kind : "\(kind): \(message)" }
}

/// Forwards the interpreter's output to the user's sink and keeps a copy of what the current
/// input wrote; when quiet, only keeps it (lesson checks, resuming a lesson).
final class RecordingSink: OutputSink {
    let target: OutputSink
    var printed = ""
    var errors = ""
    var forwards = true
    /// Only the first this many bytes of an input's output are kept: a loop that prints for
    /// minutes must not fill memory.
    static let keptBytes = 1 << 20

    init(target: OutputSink) { self.target = target }

    func write(_ text: String) {
        if printed.utf8.count < RecordingSink.keptBytes { printed += text }
        if forwards { target.write(text) }
    }

    func writeError(_ text: String) {
        if errors.utf8.count < RecordingSink.keptBytes { errors += text }
        if forwards { target.writeError(text) }
    }

    /// Starts a new input's copy.
    func reset(forwarding: Bool) {
        printed = ""
        errors = ""
        forwards = forwarding
    }
}
