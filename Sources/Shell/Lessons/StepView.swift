import Tutor

/// How a lesson's step looks on the terminal, for the walker and demo mode: a header line,
/// the text wrapped to the terminal (80 columns at most) with Markdown styles, instructor
/// notes as a dimmed block, code with its prompts.
struct StepView {
    let lesson: Lesson
    let style: TerminalStyle
    /// Columns to fill: the terminal's, at most 80.
    let width: Int

    init(lesson: Lesson, style: TerminalStyle, columns: Int) {
        self.lesson = lesson
        self.style = style
        width = max(20, min(columns, MarkdownRenderer.maximumWidth))
    }

    var renderer: MarkdownRenderer { MarkdownRenderer(width: width, look: style.enabled ? .terminal : .plain) }

    /// `── Step 3 of 45 · task dtype-of-b ────`
    func header(_ index: Int) -> String {
        let step = lesson.steps[index]
        var title = "Step \(index + 1) of \(lesson.steps.count)"
        if let task = step.task { title += " · Task: " + task.title }
        var head = "── " + title + " "
        if head.count > width - 3 { head = String(head.prefix(width - 5)) + "… " }
        return style.bold(head + String(repeating: "─", count: max(3, width - head.count)))
    }

    /// The step's text, rendered and split into lines.
    func textLines(_ index: Int) -> [String] {
        let text = lesson.steps[index].text
        guard !text.isEmpty else { return [] }
        return renderer.render(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The instructor's notes, dimmed, each line behind a bar.
    func noteLines(_ index: Int) -> [String] {
        lesson.steps[index].notes.flatMap { note -> [String] in
            let body = MarkdownRenderer(width: width - 2, look: .plain).render("Note: " + note)
            return body.split(separator: "\n", omittingEmptySubsequences: false).map { style.dim("│ " + $0) }
        }
    }

    /// Code as it would be typed at the prompt, each line folded to the width.
    func codeLines(_ code: String) -> [String] {
        Transcript.prompted(code).split(separator: "\n").flatMap { line -> [String] in
            var rest = String(line).replacingTabs
            var lines: [String] = []
            while rest.count > width {
                lines.append(String(rest.prefix(width)))
                rest = "    " + rest.dropFirst(width)
            }
            lines.append(rest)
            return lines
        }
    }

    /// What the student can do at this step, in one dim line.
    func guidance(_ index: Int) -> String? {
        switch lesson.steps[index].kind {
        case .cell: return style.dim("Press Enter to run the cell (edit it first if you like). :help lists the commands.")
        case .task: return style.dim("Try it at the prompt; the check runs after each input. :hint helps, :skip shows it done.")
        case .text: return style.dim(":next finishes the lesson.")
        }
    }
}
