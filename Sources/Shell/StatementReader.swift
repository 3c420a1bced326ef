import Language

/// One thing entered at the prompt, ready to dispatch.
enum Entry: Equatable {
    /// A cell: Python, `%magic` lines, `%%magic` cells and `name?` help, run as one input.
    case code(String)
    /// A `:command ...` line for the shell itself.
    case command(String)
    case interrupted
    case endOfInput
}

/// Reads the shell's inputs: whole cells from the line editor on a terminal; from a pipe,
/// lines grouped into inputs as IPython groups what is typed (a line ending in `:`, an open
/// bracket or string continues; a block ends at a blank line; a line that cannot be completed
/// runs at once to show its error), with one addition for scripts: a blank line followed by an
/// indented line stays inside the block. Each line is scanned once (`InputScanner`), so a long
/// block streams in linear time.
final class StatementReader {
    private let source: LineSource
    private let editor: LineEditor?
    /// What runs the cell next, pre-filled at the prompt (`%load`).
    var prefill = ""
    /// A line read ahead from a pipe and not yet used.
    private var queued: String?
    private var reachedEnd = false

    init(source: LineSource) {
        self.source = source
        self.editor = source as? LineEditor
    }

    func next() -> Entry {
        if let editor { return nextCell(editor) }
        return nextFromPipe()
    }

    /// A cell from the line editor, kept in the history as typed.
    private func nextCell(_ editor: LineEditor) -> Entry {
        let text = prefill
        prefill = ""
        switch editor.readCell(prefill: text) {
        case .endOfInput:
            return .endOfInput
        case .interrupted:
            return .interrupted
        case .line(let cell):
            guard cell.contains(where: { !$0.isWhitespace }) else { return .code("") }
            editor.remember(cell)
            let stripped = cell.trimmingWhitespace
            if stripped.hasPrefix(":") && !stripped.contains("\n") { return .command(stripped) }
            return .code(cell)
        }
    }

    private func nextLine() -> LineInput {
        if let line = queued {
            queued = nil
            return .line(line)
        }
        if reachedEnd { return .endOfInput }
        let input = source.readLine(.primary, prefill: "")
        if input == .endOfInput { reachedEnd = true }
        return input
    }

    private func nextFromPipe() -> Entry {
        var first = ""
        repeat {
            switch nextLine() {
            case .endOfInput: return .endOfInput
            case .interrupted: return .interrupted
            case .line(let line): first = line
            }
        } while StatementReader.isBlank(first)
        let stripped = first.trimmingWhitespace
        if stripped.hasPrefix(":") { return .command(stripped) }
        var lines = [first]
        var scanner = InputScanner()
        scanner.feed(first)
        while case .incomplete = Session.inputStatus(lines, scanner: scanner, parseIndented: false) {
            let input = nextLine()
            if input == .interrupted { return .interrupted }
            guard case .line(let line) = input else { break }
            if StatementReader.isBlank(line) && !scanner.isOpen {
                // a blank line and then an indented one: the block goes on (a script's
                // functions often hold blank lines)
                if case .line(let following) = nextLine() {
                    if !StatementReader.isBlank(following) && following.first?.isWhitespace == true {
                        lines.append(line)
                        scanner.feed(line)
                        lines.append(following)
                        scanner.feed(following)
                        continue
                    }
                    queued = following
                }
            }
            lines.append(line)
            scanner.feed(line)
        }
        return .code(lines.joined(separator: "\n") + "\n")
    }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}
