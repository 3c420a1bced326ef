import Language

/// The interpreter's output on the terminal: program text to stdout, tracebacks to stderr
/// (red on a colour terminal).
public final class ConsoleSink: OutputSink {
    private let style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    public func write(_ text: String) { TerminalIO.write(text, to: 1) }

    public func writeError(_ text: String) {
        guard style.enabled else { return TerminalIO.write(text, to: 2) }
        // Colour each line separately so a reset never straddles a newline.
        var coloured = ""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { coloured += "\n" }
            if !line.isEmpty { coloured += style.red(String(line)) }
        }
        TerminalIO.write(coloured, to: 2)
    }
}
