/// A place in the user's source code: the file or cell name, and a 1-based line and column.
public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// The one error type for everything a user can cause: a Python exception kind
/// (`TypeError`, `ValueError`, ...), its message, and where in the user's code it happened.
public struct PyException: Error, Sendable, CustomStringConvertible {
    /// The Python class name, e.g. `IndexError` or `jax.errors.TracerBoolConversionError`
    /// is stored as its short name `TracerBoolConversionError`.
    public var kind: String
    public var message: String
    /// Innermost first: filled in by the interpreter as the exception unwinds.
    public var traceback: [SourceLocation]
    /// The Python object that was raised, when there is one (an instance of a user-defined
    /// exception class keeps its identity and attributes through `except ... as e`).
    public var payload: (any Sendable)?

    public init(_ kind: String, _ message: String, traceback: [SourceLocation] = []) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
        self.payload = nil
    }

    public static func typeError(_ message: String) -> PyException { PyException("TypeError", message) }
    public static func valueError(_ message: String) -> PyException { PyException("ValueError", message) }
    public static func indexError(_ message: String) -> PyException { PyException("IndexError", message) }
    public static func memoryError(_ message: String) -> PyException { PyException("MemoryError", message) }
    public static func notImplemented(_ message: String) -> PyException { PyException("NotImplementedError", message) }

    /// The last line of a Python traceback: `Kind: message` (or just `Kind`).
    public var description: String { message.isEmpty ? kind : "\(kind): \(message)" }
}
