import JaxCore

/// Whether the input typed so far can run, as IPython's `check_complete` answers it: complete,
/// waiting for more lines (and how far to indent the next one), or invalid (run it at once to
/// show the SyntaxError, as IPython does).
public enum InputStatus: Equatable, Sendable {
    case complete
    case incomplete(indent: Int)
    case invalid
}

/// Follows brackets, strings, comments and backslash continuations line by line, so that
/// deciding whether a long input is complete costs one pass over it however many lines arrive:
/// a pasted 4,000-line block is scanned once, not once per line.
public struct InputScanner: Sendable {
    /// Open brackets, innermost last.
    private var brackets: [Unicode.Scalar] = []
    /// The quote of a string still open at the end of the last line: a triple-quoted one, or a
    /// single-quoted one continued with a backslash.
    private var openQuote: (quote: Unicode.Scalar, triple: Bool)?
    /// The last line ended with a backslash outside a string.
    private var backslash = false
    /// The last character of the current logical line outside strings and comments.
    private var lastSignificant: Unicode.Scalar?
    /// Indentation (columns) and first word of the current logical line.
    private(set) var logicalIndent = 0
    private(set) var logicalFirstWord = ""
    /// Lines fed so far.
    public private(set) var lineCount = 0
    /// The last line holds only spaces and tabs.
    public private(set) var lastLineIsBlank = true
    /// The last line belongs to an indented statement (a block not yet ended).
    public private(set) var lastLineIsIndented = false
    /// The index (0-based) of the last line with code or a comment on it.
    public private(set) var lastNonBlankLine = -1
    /// Indentation of the last line fed (what a new line inside brackets lines up with).
    private var lastLineIndent = 0

    public init() {}

    /// True while a bracket, a string or a backslash continuation is open.
    public var isOpen: Bool { !brackets.isEmpty || openQuote != nil || backslash }

    /// True when the last logical line ends with `:` (a block starts).
    public var endsWithColon: Bool { !isOpen && lastSignificant == ":" }

    /// Feeds one physical line (without its newline).
    public mutating func feed(_ line: some StringProtocol) {
        let scalars = Array(line.unicodeScalars)
        let startsLogicalLine = !isOpen
        backslash = false
        let indent = InputScanner.indentation(scalars)
        let blank = indent.count == scalars.count
        lineCount += 1
        lastLineIsBlank = blank
        // a line that continues a bracket belongs to the logical line it continues
        lastLineIsIndented = !blank && (startsLogicalLine ? indent.count > 0 : logicalIndent > 0)
        if !blank { lastNonBlankLine = lineCount - 1 }
        if !blank || !startsLogicalLine { lastLineIndent = indent.width }
        if startsLogicalLine && !blank && scalars[indent.count] != "#" {
            logicalIndent = indent.width
            logicalFirstWord = String(String.UnicodeScalarView(scalars[indent.count...].prefix { InputScanner.isWordScalar($0) }))
            lastSignificant = nil
        }
        var index = startsLogicalLine ? indent.count : 0
        while index < scalars.count {
            let c = scalars[index]
            if let open = openQuote {
                index = closeString(open, in: scalars, from: index)
                continue
            }
            switch c {
            case "#":
                index = scalars.count
                continue
            case "'", "\"":
                let triple = index + 2 < scalars.count && scalars[index + 1] == c && scalars[index + 2] == c
                openQuote = (c, triple)
                lastSignificant = c
                index += triple ? 3 : 1
                continue
            case "(", "[", "{":
                brackets.append(c)
            case ")", "]", "}":
                // a mismatched bracket is left for the parser to report
                if !brackets.isEmpty { brackets.removeLast() }
            case "\\" where index == scalars.count - 1:
                backslash = true
                index += 1
                continue
            default:
                break
            }
            if c != " " && c != "\t" && c != "\u{0C}" { lastSignificant = c }
            index += 1
        }
        // a single-quoted string ends with its line unless a backslash continues it
        if let open = openQuote, !open.triple, scalars.last != "\\" { openQuote = nil }
    }

    /// Scans a string body from `start`; returns where scanning goes on (past the closing
    /// quote, or the end of the line).
    private mutating func closeString(_ open: (quote: Unicode.Scalar, triple: Bool),
                                      in scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            let c = scalars[index]
            if c == "\\" {
                index += 2
                continue
            }
            if c == open.quote {
                if !open.triple {
                    openQuote = nil
                    return index + 1
                }
                if index + 2 < scalars.count && scalars[index + 1] == c && scalars[index + 2] == c {
                    openQuote = nil
                    return index + 3
                }
            }
            index += 1
        }
        return scalars.count
    }

    /// How far the next line should be indented: inside brackets as the last line; after a
    /// line ending in `:` one level deeper; after `return`, `pass`, `break`, `continue` or
    /// `raise` one level less; otherwise as the current logical line.
    public var nextIndent: Int {
        if isOpen { return lastLineIndent }
        if endsWithColon { return logicalIndent + 4 }
        if ["return", "pass", "break", "continue", "raise"].contains(logicalFirstWord) {
            return max(0, logicalIndent - 4)
        }
        return logicalIndent
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }

    /// The leading spaces and tabs: how many scalars, and how many columns (tabs to 8).
    private static func indentation(_ scalars: [Unicode.Scalar]) -> (count: Int, width: Int) {
        var count = 0, width = 0
        for c in scalars {
            if c == " " { width += 1 } else if c == "\t" { width = (width / 8 + 1) * 8 } else if c == "\u{0C}" { width = 0 } else { break }
            count += 1
        }
        return (count, width)
    }
}

extension Session {
    /// IPython's decision for an input typed so far (`check_complete`), from its lines and a
    /// scanner fed with all of them. `parseIndented` says whether a block still being typed is
    /// parsed now to report its errors at once (at the keyboard) or only when it ends (when
    /// lines stream in from a pipe or a paste, so that the time stays linear in the input).
    public static func inputStatus(_ lines: [String], scanner: InputScanner, parseIndented: Bool = true) -> InputStatus {
        guard let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return .complete }
        let firstCode = first.drop { $0 == " " || $0 == "\t" }
        if firstCode.hasPrefix("%%") {
            // a cell magic's body ends with a blank line
            return lines.count > 1 && scanner.lastLineIsBlank ? .complete : .incomplete(indent: 0)
        }
        if scanner.lastNonBlankLine == 0 && (firstCode.hasPrefix("%") || firstCode.hasPrefix("!") || InputPieces.helpRequest(String(firstCode)) != nil) {
            return .complete
        }
        if scanner.isOpen { return .incomplete(indent: scanner.nextIndent) }
        if scanner.endsWithColon && !scanner.lastLineIsBlank { return .incomplete(indent: scanner.nextIndent) }
        if scanner.lastLineIsIndented && !parseIndented { return .incomplete(indent: scanner.nextIndent) }
        switch parseOutcome(lines, lastCodeLine: scanner.lastNonBlankLine + 1) {
        case .parsed:
            // an indented last line means a block that a blank line has not yet ended
            return scanner.lastLineIsIndented ? .incomplete(indent: scanner.nextIndent) : .complete
        case .endsTooEarly:
            return .incomplete(indent: scanner.nextIndent)
        case .invalid:
            return .invalid
        }
    }

    /// IPython's decision for a whole input at once.
    public static func inputStatus(_ text: String, parseIndented: Bool = true) -> InputStatus {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        var scanner = InputScanner()
        for line in lines { scanner.feed(line) }
        return inputStatus(lines, scanner: scanner, parseIndented: parseIndented)
    }

    private enum ParseOutcome { case parsed, endsTooEarly, invalid }

    /// Parses the lines (magic and help lines blanked out): fine, failing only at the end of
    /// the input (more lines could fix it: a decorator without its `def`), or invalid.
    private static func parseOutcome(_ lines: [String], lastCodeLine: Int) -> ParseOutcome {
        var code: [String] = []
        code.reserveCapacity(lines.count)
        for line in lines {
            let stripped = line.drop { $0 == " " || $0 == "\t" }
            let special = stripped.hasPrefix("%") || stripped.hasPrefix("!") || InputPieces.helpRequest(String(stripped)) != nil
            code.append(special && !stripped.isEmpty ? "" : line)
        }
        do throws(PyException) {
            _ = try Parser.parseModule(code.joined(separator: "\n") + "\n", file: "<input>")
            return .parsed
        } catch {
            let line = error.traceback.first?.line ?? 0
            return line > lastCodeLine ? .endsTooEarly : .invalid
        }
    }
}
