/// Where a program's printed text goes: the terminal, a file, or a buffer in a test.
/// Nothing in the interpreter writes to stdout directly.
public protocol OutputSink: AnyObject {
    func write(_ text: String)
    func writeError(_ text: String)
}

/// Collects everything written, for tests and for replaying lessons.
public final class BufferSink: OutputSink {
    public private(set) var output = ""
    public private(set) var errors = ""

    public init() {}

    public func write(_ text: String) { output += text }
    public func writeError(_ text: String) { errors += text }
}
