/// What a Tab press does to the line, worked out from the interpreter's candidates: complete a
/// unique match, extend to the candidates' common prefix, or list them.
enum CompletionPlan: Equatable {
    case nothing
    /// Delete `deleting` characters (Unicode scalars) left of the cursor, then insert `text`.
    case insert(deleting: Int, text: String)
    case list([String])

    /// `before` is the line left of the cursor. A candidate may be the whole dotted word
    /// (`jnp.arange`) or only its last part (`arange`): each replaces the longest end of
    /// `before` it starts with.
    static func plan(before: String, candidates: [String]) -> CompletionPlan {
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return .nothing }
        let typed = Array(before.unicodeScalars)
        let completedLines = unique.map { candidate -> [Unicode.Scalar] in
            let scalars = Array(candidate.unicodeScalars)
            let start = replacementStart(typed, scalars)
            return Array(typed[..<start]) + scalars
        }
        var common = completedLines[0]
        for line in completedLines.dropFirst() {
            common = Array(zip(common, line).prefix { $0 == $1 }.map(\.0))
        }
        if unique.count > 1 && common.count <= typed.count { return .list(unique.sorted()) }
        let kept = zip(common, typed).prefix { $0 == $1 }.count
        guard common.count > kept || typed.count > kept else { return .nothing }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: common[kept...])
        return .insert(deleting: typed.count - kept, text: String(text))
    }

    /// Where the longest end of `typed` that begins `candidate` starts, only at a word start.
    private static func replacementStart(_ typed: [Unicode.Scalar], _ candidate: [Unicode.Scalar]) -> Int {
        var start = max(0, typed.count - candidate.count)
        while start < typed.count {
            let atWordStart = start == 0 || !isIdentifier(typed[start - 1])
            if atWordStart && candidate.starts(with: typed[start...]) { return start }
            start += 1
        }
        return typed.count
    }

    private static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    /// Candidates in columns filling the terminal width, read down then across like readline.
    static func columns(_ items: [String], width: Int) -> String {
        guard let widest = items.map(\.count).max() else { return "" }
        let columnWidth = widest + 2
        let columnCount = max(1, min(items.count, max(width, columnWidth) / columnWidth))
        let rowCount = (items.count + columnCount - 1) / columnCount
        var lines: [String] = []
        for row in 0..<rowCount {
            var line = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < items.count else { break }
                let item = items[index]
                let isLast = column == columnCount - 1 || (column + 1) * rowCount + row >= items.count
                line += isLast ? item : item + String(repeating: " ", count: columnWidth - item.count)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
