/// One input split the way IPython reads a cell: a `%%magic` first line makes the whole input
/// a cell magic; otherwise each `%magic` line and each `name?` line at the left margin runs on
/// its own between the runs of Python around it.
enum InputPieces: Equatable {
    /// Python code, preceded by blank lines so that its line numbers are the cell's.
    case python(String)
    case lineMagic(name: String, argument: String)
    case cellMagic(name: String, argument: String, body: String)
    /// `name?` (detail 0) or `name??` (detail 1).
    case help(name: String, detail: Int)

    static func split(_ source: String) -> [InputPieces] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let start = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }), lines[start].hasPrefix("%%") {
            let (name, argument) = nameAndArgument(lines[start].dropFirst(2))
            var body = lines[(start + 1)...].joined(separator: "\n")
            while body.hasSuffix("\n") { body.removeLast() }
            return [.cellMagic(name: name, argument: argument, body: body)]
        }
        var pieces: [InputPieces] = []
        var python: [String] = []
        var firstLine = 0
        var scanner = InputScanner()
        func flush(next: Int) {
            if python.contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
                pieces.append(.python(String(repeating: "\n", count: firstLine) + python.map { $0 + "\n" }.joined()))
            }
            python = []
            firstLine = next
        }
        for (index, line) in lines.enumerated() {
            // a `%` line inside an open bracket or string belongs to the Python around it
            if !scanner.isOpen, line.hasPrefix("%") {
                flush(next: index + 1)
                let (name, argument) = nameAndArgument(line.dropFirst())
                pieces.append(.lineMagic(name: name, argument: argument))
            } else if !scanner.isOpen, let request = helpRequest(line) {
                flush(next: index + 1)
                pieces.append(.help(name: request.name, detail: request.detail))
            } else {
                python.append(line)
                scanner.feed(line)
            }
        }
        flush(next: lines.count)
        return pieces
    }

    /// `jnp.arange?`, `?jnp.arange`, `f??`: the dotted name to explain and how much to show.
    static func helpRequest(_ line: String) -> (name: String, detail: Int)? {
        var name = Substring(line)
        while let last = name.last, last == " " || last == "\t" { name = name.dropLast() }
        var marks = 0
        if name.hasSuffix("?") {
            while name.hasSuffix("?") { name = name.dropLast(); marks += 1 }
        } else if name.hasPrefix("?") {
            while name.hasPrefix("?") { name = name.dropFirst(); marks += 1 }
        } else {
            return nil
        }
        name = name.drop { $0 == " " || $0 == "\t" }
        guard marks <= 2, let first = name.first, first == "_" || first.isLetter,
              name.allSatisfy({ $0 == "_" || $0 == "." || $0.isLetter || $0.isNumber }),
              !name.hasSuffix(".") else { return nil }
        return (String(name), marks - 1)
    }

    /// True when the code's last statement ends with `;`, which hides its value in a notebook.
    static func endsWithSemicolon(_ code: String) -> Bool {
        guard let tokens = try? Lexer.tokenize(code, file: "<input>") else { return false }
        for token in tokens.reversed() {
            switch token.kind {
            case .newline, .dedent, .indent, .eof: continue
            case .op(";"): return true
            default: return false
            }
        }
        return false
    }

    private static func nameAndArgument(_ text: Substring) -> (String, String) {
        let name = String(text.prefix { !$0.isWhitespace })
        let argument = text.dropFirst(name.count).drop { $0.isWhitespace }
        var trimmed = String(argument)
        while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        return (name, trimmed)
    }
}
