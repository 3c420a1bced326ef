/// One input split the way IPython reads a cell: a `%%magic` first line makes the whole input
/// a cell magic; otherwise each `%magic` line at the left margin runs on its own between the
/// runs of Python around it.
enum InputPieces: Equatable {
    case python(String)
    case lineMagic(name: String, argument: String)
    case cellMagic(name: String, argument: String, body: String)

    static func split(_ source: String, isIncomplete: (String) -> Bool) -> [InputPieces] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let start = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }), lines[start].hasPrefix("%%") {
            let (name, argument) = nameAndArgument(lines[start].dropFirst(2))
            var body = lines[(start + 1)...].joined(separator: "\n")
            while body.hasSuffix("\n") { body.removeLast() }
            return [.cellMagic(name: name, argument: argument, body: body)]
        }
        var pieces: [InputPieces] = []
        var python: [String] = []
        func flush() {
            if python.contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
                pieces.append(.python(python.map { $0 + "\n" }.joined()))
            }
            python = []
        }
        for line in lines {
            // a `%` line inside an open bracket or string belongs to the Python around it
            if line.hasPrefix("%") && !isIncomplete(python.map { $0 + "\n" }.joined() + "\n") {
                flush()
                let (name, argument) = nameAndArgument(line.dropFirst())
                pieces.append(.lineMagic(name: name, argument: argument))
            } else {
                python.append(line)
            }
        }
        flush()
        return pieces
    }

    private static func nameAndArgument(_ text: Substring) -> (String, String) {
        let name = String(text.prefix { !$0.isWhitespace })
        let argument = text.dropFirst(name.count).drop { $0.isWhitespace }
        var trimmed = String(argument)
        while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        return (name, trimmed)
    }
}
