/// One thing entered at the prompt, ready to dispatch.
enum Entry: Equatable {
    /// Python source of one top-level statement (possibly several lines).
    case code(String)
    /// A `%magic ...` or `:command ...` line.
    case command(String)
    /// `%%magic ARGS` and the lines of its cell.
    case cellMagic(header: String, body: String)
    /// `name?`: help on a name.
    case help(String)
    case interrupted
    case endOfInput
}

/// Groups input lines into statements the way Python's console does (a line ending in `:`,
/// unclosed brackets or triple quotes continue; a blank line ends a block), with two additions
/// for pasted cells and piped input: a blank line followed at once by an indented line stays
/// inside the block, and an unindented line ends a finished block and starts the next statement.
final class StatementReader {
    private let source: LineSource
    private let isIncomplete: (String) -> Bool
    /// Lines read ahead (already on the screen) or loaded by `%load` (to be shown), not yet used.
    private var queued: [(line: String, show: Bool)] = []
    /// Called with each `%load`ed line as it is used, so the terminal shows what runs.
    var showQueuedLine: ((Prompt, String) -> Void)?
    private var reachedEnd = false

    init(source: LineSource, isIncomplete: @escaping (String) -> Bool) {
        self.source = source
        self.isIncomplete = isIncomplete
    }

    /// Feeds lines in front of the input, as if they were pasted (`%load`).
    func enqueue(_ lines: [String]) { queued.insert(contentsOf: lines.map { ($0, true) }, at: 0) }

    /// Puts back a line that was read ahead; it is on the screen already.
    private func putBack(_ line: String) { queued.insert((line, false), at: 0) }

    private func nextLine(_ prompt: Prompt) -> LineInput {
        if !queued.isEmpty {
            let (line, show) = queued.removeFirst()
            if show { showQueuedLine?(prompt, line) }
            return .line(line)
        }
        if reachedEnd { return .endOfInput }
        let input = source.readLine(prompt)
        switch input {
        case .line(let line): source.remember(line)
        case .endOfInput: reachedEnd = true
        case .interrupted: break
        }
        return input
    }

    private var morePending: Bool { !queued.isEmpty || source.hasPendingInput }

    func next() -> Entry {
        var first = ""
        repeat {
            switch nextLine(.primary) {
            case .endOfInput: return .endOfInput
            case .interrupted: return .interrupted
            case .line(let line): first = line
            }
        } while StatementReader.isBlank(first)

        let stripped = first.trimmingWhitespace
        if stripped.hasPrefix("%%") {
            return readCell(header: stripped)
        }
        if stripped.hasPrefix("%") || stripped.hasPrefix(":") { return .command(stripped) }
        if let name = StatementReader.helpTarget(stripped) { return .help(name) }
        return readBlock(startingWith: first)
    }

    private func readBlock(startingWith first: String) -> Entry {
        var block = [first]
        // Each line is given to the interpreter as typed: ending in a newline.
        func text(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }
        while isIncomplete(text(block)) {
            guard case .line(let line) = nextOrFinish(&block) else {
                return block.isEmpty ? .interrupted : .code(text(block))
            }
            if StatementReader.isBlank(line) {
                if morePending, let following = peekIndented() {
                    block.append("")
                    block.append(following)
                    continue
                }
                block.append("")
                continue
            }
            let startsUnindented = !(line.first?.isWhitespace ?? true)
            if startsUnindented && !StatementReader.continuesBlock(line) && !isIncomplete(text(block + [""])) {
                // The block was only waiting for its blank line: run it, then this line.
                putBack(line)
                return .code(text(block))
            }
            block.append(line)
        }
        return .code(text(block))
    }

    /// The next continuation line; on Ctrl-C the block is dropped (`block` emptied), at the
    /// end of input the block is run as it is.
    private func nextOrFinish(_ block: inout [String]) -> LineInput {
        let input = nextLine(.continuation)
        if input == .interrupted { block = [] }
        return input
    }

    /// Reads one more line; keeps it when it is indented (the block goes on), otherwise puts
    /// it back for the next statement.
    private func peekIndented() -> String? {
        guard case .line(let line) = nextLine(.continuation) else { return nil }
        if !StatementReader.isBlank(line), line.first?.isWhitespace == true { return line }
        putBack(line)
        return nil
    }

    private func readCell(header: String) -> Entry {
        var body: [String] = []
        while true {
            switch nextLine(.continuation) {
            case .interrupted: return .interrupted
            case .endOfInput: return .cellMagic(header: header, body: body.joined(separator: "\n"))
            case .line(let line):
                if StatementReader.isBlank(line) {
                    if morePending, let following = peekIndented() {
                        body.append("")
                        body.append(following)
                        continue
                    }
                    return .cellMagic(header: header, body: body.joined(separator: "\n"))
                }
                body.append(line)
            }
        }
    }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }

    /// `else:`, `elif`, `except`, `finally` continue a compound statement without indentation.
    static func continuesBlock(_ line: String) -> Bool {
        for keyword in ["else", "elif", "except", "finally"] where line.hasPrefix(keyword) {
            let rest = line.dropFirst(keyword.count)
            if let next = rest.first, next == "_" || next.isLetter || next.isNumber { continue }
            return true
        }
        return false
    }

    /// `jnp.arange?`, `?jnp.arange` (and `??`): the dotted name to explain.
    static func helpTarget(_ line: String) -> String? {
        var name = Substring(line)
        if name.hasSuffix("?") {
            while name.hasSuffix("?") { name = name.dropLast() }
        } else if name.hasPrefix("?") {
            while name.hasPrefix("?") { name = name.dropFirst() }
        } else {
            return nil
        }
        name = Substring(name.trimmingWhitespace)
        guard let first = name.first, first == "_" || first.isLetter,
              name.allSatisfy({ $0 == "_" || $0 == "." || $0.isLetter || $0.isNumber }) else { return nil }
        return String(name)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}
