#if canImport(Glibc)
import Glibc
#endif

/// Writes program output to the process's standard output and errors to standard error,
/// as `python FILE` does: output is buffered and flushed before anything goes to stderr.
public final class StandardStreamSink: OutputSink {
    private var buffer: [UInt8] = []

    public init() {}

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func writeError(_ text: String) {
        flush()
        StandardStreamSink.writeAll(Array(text.utf8), to: 2)
    }

    /// Pushes buffered output out (before the process exits, or when the prompt needs it).
    public func flush() {
        StandardStreamSink.writeAll(buffer, to: 1)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}
