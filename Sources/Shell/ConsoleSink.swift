import Language

/// The interpreter's output on the terminal: program text to stdout, tracebacks to stderr,
/// coloured by part on a colour terminal as IPython colours them (places green, function
/// names magenta, the line that raised bold yellow, the exception's name red, carets red), and
/// jaxprs with their primitives' names coloured.
public final class ConsoleSink: OutputSink {
    private let style: TerminalStyle
    private let outputStyle: TerminalStyle

    public init(style: TerminalStyle) {
        self.style = style.forStandardError
        outputStyle = style
    }

    public func write(_ text: String) { TerminalIO.write(outputStyle.enabled ? JaxprColours.colour(text) : text, to: 1) }

    public func writeError(_ text: String) {
        guard style.enabled else { return TerminalIO.write(text, to: 2) }
        // Colour each line separately so a reset never straddles a newline.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // the code line of the last place named is the one that raised
        let lastPlace = lines.lastIndex { location($0) != nil }
        let raising = lastPlace.flatMap { place in lines[(place + 1)...].firstIndex { ConsoleSink.isCode($0) } }
        let coloured = lines.indices.map { index in
            lines[index].isEmpty ? "" : index == raising ? style.boldYellow(lines[index]) : colour(lines[index])
        }
        TerminalIO.write(coloured.joined(separator: "\n"), to: 2)
    }

    /// A line of source quoted in a traceback (indented four spaces, not the carets under it).
    private static func isCode(_ line: String) -> Bool {
        line.hasPrefix("    ") && !isCarets(line)
    }

    /// The caret line under a syntax error or the expression that raised.
    private static func isCarets(_ line: String) -> Bool {
        let marks = line.drop { $0 == " " }
        return line.hasPrefix("    ") && !marks.isEmpty && marks.allSatisfy { $0 == "^" || $0 == "~" }
    }

    /// One line of a traceback (or another error message) with its parts coloured.
    func colour(_ line: String) -> String {
        if line == "Traceback (most recent call last):" { return line }
        if let place = location(line) { return place }
        if ConsoleSink.isCarets(line) {
            let marks = line.drop { $0 == " " }
            return String(line.prefix(line.count - marks.count)) + style.red(String(marks))
        }
        if line.hasPrefix("    ") { return line }
        if let colon = line.range(of: ": ") ?? (line.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." } ? line.endIndex..<line.endIndex : nil) {
            let name = line[..<colon.lowerBound]
            if let first = name.first, first.isLetter || first == "_",
               name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) {
                return style.boldRed(String(name)) + String(line[colon.lowerBound...])
            }
        }
        return style.red(line)
    }

    /// `  File "x.py", line 3, in f` or `  Cell In[2], line 3, in f`: the place green and the
    /// function magenta.
    private func location(_ line: String) -> String? {
        let body: Substring
        if line.hasPrefix("  File \"") || line.hasPrefix("  Cell In[") {
            body = line.dropFirst(2)
        } else {
            return nil
        }
        guard let lineWord = body.range(of: ", line ") else { return nil }
        let place = body[..<lineWord.lowerBound]
        let rest = body[lineWord.upperBound...]
        let number = rest.prefix { $0.isNumber }
        var text = "  " + style.green(String(place)) + ", " + style.green("line " + number)
        let after = rest.dropFirst(number.count)
        if after.hasPrefix(", in ") {
            text += ", in " + style.magenta(String(after.dropFirst(5)))
        } else {
            text += after
        }
        return text
    }
}
