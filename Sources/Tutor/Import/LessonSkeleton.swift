/// Writes a lesson file from a notebook's cells: Markdown becomes text, code cells become
/// example cells, and a code cell after a "**Task**:" paragraph becomes a task whose check and
/// hints say TODO, for the instructor to fill in (until then the lesson does not load, and
/// `jaxlab replay --check` points at what is missing).
public enum LessonSkeleton {
    /// The lesson text and how many cells and tasks it has.
    public static func make(_ cells: [ImportedCell], id: String, fallbackTitle: String) -> (text: String, cells: Int, tasks: Int) {
        let title = cells.lazy.compactMap { cell -> String? in
            guard case .markdown(let text) = cell else { return nil }
            return text.split(separator: "\n").first { $0.hasPrefix("# ") }.map { $0.dropFirst(2).trimmingWhitespace }
        }.first ?? fallbackTitle
        var out = "---\nid: \(id)\ntitle: \(title)\nversion: 1\nlanguage: en\n---\n"
        var cellCount = 0, taskCount = 0
        var previousIsTask = false
        for cell in cells {
            switch cell {
            case .markdown(let text):
                out += "\n" + displayOnly(text) + "\n"
                previousIsTask = isTaskPrompt(text)
            case .code(let code):
                guard !code.allSatisfy(\.isWhitespace) else { continue }
                if previousIsTask {
                    taskCount += 1
                    out += task(number: taskCount, code: code)
                } else {
                    cellCount += 1
                    out += "\n```python\n\(code)\n```\n"
                }
                previousIsTask = false
            }
        }
        return (out, cellCount, taskCount)
    }

    private static func task(number: Int, code: String) -> String {
        let solution = LessonParser.isOnlyComments(code) ? "# TODO: the solution\n" + code : code
        return """

        ```task task-\(number)
        ```

        ```check
        # TODO: check the answer, e.g. assert close(answer, expected), "what is wrong"
        ```

        ```hint
        TODO: a first hint
        ```

        ```hint
        TODO: a second, more direct hint
        ```

        ```solution
        \(solution)
        ```

        """
    }

    /// Whether a Markdown cell ends in a task (its last paragraph starts with "**Task**").
    static func isTaskPrompt(_ text: String) -> Bool {
        let paragraphs = text.components(separatedBy: "\n\n").filter { !$0.allSatisfy(\.isWhitespace) }
        return paragraphs.contains { $0.trimmingWhitespace.hasPrefix("**Task**") || $0.trimmingWhitespace.hasPrefix("**Task:**") }
            && paragraphs.last.map { !$0.trimmingWhitespace.hasPrefix("```") } ?? false
    }

    /// Code blocks inside Markdown are shown, not run: their fences become `text` (or
    /// `python show`), so the lesson does not mistake them for cells.
    static func displayOnly(_ markdown: String) -> String {
        var inFence = false
        return markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.trimmingWhitespace
            guard trimmed.hasPrefix("```") else { return String(line) }
            defer { inFence.toggle() }
            if inFence { return String(line) }
            let info = trimmed.drop { $0 == "`" }.trimmingWhitespace
            let ticks = String(trimmed.prefix { $0 == "`" })
            return ticks + (info.hasPrefix("py") ? "python show" : "text")
        }.joined(separator: "\n")
    }

    /// A lesson id from a file name: lower case letters and digits joined by `-`.
    public static func id(fromFileName name: String) -> String {
        var stem = name
        if let dot = stem.lastIndex(of: ".") { stem = String(stem[..<dot]) }
        if let slash = stem.lastIndex(of: "/") { stem = String(stem[stem.index(after: slash)...]) }
        let words = stem.lowercased().split { !($0.isLetter || $0.isNumber) || !$0.isASCII }
        let id = words.joined(separator: "-")
        return id.isEmpty ? "lesson" : id
    }
}
