extension Session {
    /// IPython's `%history`: the cells of this session (ranges like `1-3 5` pick some), `-n`
    /// with their numbers, `-l N` the last N before this one, `-p` with `>>>` prompts, `-o`
    /// with the values they showed, `-f FILE` into a file instead.
    func history(_ argument: String) -> Bool {
        var words = argument.split(separator: " ").map(String.init)[...]
        var numbered = false, prompts = false, outputs = false
        var lastCount: Int?
        var file: String?
        var ranges: [String] = []
        while let word = words.popFirst() {
            switch word {
            case "-n": numbered = true
            case "-p": prompts = true
            case "-o": outputs = true
            case "-r", "-t": break
            case "-l":
                guard let count = words.first.flatMap({ Int($0) }), count >= 0 else {
                    usageError("argument -l: expected one argument")
                    return false
                }
                words = words.dropFirst()
                lastCount = count
            case "-f":
                guard let name = words.popFirst() else {
                    usageError("argument -f: expected one argument")
                    return false
                }
                file = FileMagicSupport.unquoted(name)
            default:
                if word.hasPrefix("-") {
                    usageError("unrecognized arguments: \(word)")
                    return false
                }
                ranges.append(word)
            }
        }
        let count = cells.count
        var numbers: [Int]
        if let lastCount {
            // IPython leaves the `%history -l` cell itself out
            numbers = Array(max(1, count - lastCount)..<max(1, count))
        } else if ranges.isEmpty {
            numbers = Array(1...max(1, count))
        } else if let parsed = CellRanges.parse(ranges.joined(separator: " "), last: count) {
            numbers = parsed
        } else {
            usageError("unrecognized arguments: \(ranges.joined(separator: " "))")
            return false
        }
        let inputs = cellInputs
        numbers = numbers.filter { $0 >= 1 && $0 <= inputs.count }
        var text = ""
        for number in numbers {
            var cell = inputs[number - 1]
            if prompts {
                cell = cell.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                    .map { ($0.offset == 0 ? ">>> " : "... ") + $0.element }.joined(separator: "\n")
            }
            if numbered {
                let label = String(repeating: " ", count: max(0, 4 - String(number).count)) + "\(number):"
                text += label + (cell.contains("\n") ? "\n" : " ") + cell + "\n"
            } else {
                text += cell + "\n"
            }
            if outputs, let value = try? cells.outputs.get(.int(number)) {
                text += ((try? interpreter.repr(value)) ?? "") + "\n"
            }
        }
        guard let file else {
            sink.write(text)
            return true
        }
        if let error = SourceFile.write(text, to: file, append: false) {
            magicError("OSError", "[Errno \(error)] cannot write '\(file)'")
            return false
        }
        return true
    }
}
