/// A lesson as its Markdown file describes it: front matter and the steps a student walks
/// through, each an example cell, a task, or closing text.
public struct Lesson: Sendable {
    /// Stable name used for progress and answer logs (`introduction-to-jax`).
    public var id: String
    public var title: String
    /// Raised by the author when steps change meaning; saved progress records it.
    public var version: Int
    /// The language the text is written in (`en`).
    public var language: String
    /// Where the lesson came from, as error messages name it.
    public var file: String
    public var steps: [Step]

    /// The tasks in order.
    public var tasks: [LessonTask] { steps.compactMap(\.task) }

    /// The index of the step with this id.
    public func stepIndex(id: String) -> Int? { steps.firstIndex { $0.id == id } }
}

/// One stop of the walk: the text shown first, then what the student does there.
public struct Step: Sendable {
    /// What happens at the step.
    public enum Kind: Sendable {
        /// An example cell, run as typed.
        case cell(ExampleCell)
        case task(LessonTask)
        /// Text after the last cell or task.
        case text
    }

    /// Stable within the lesson: a cell's `id=` (or one made from its code), a task's id.
    public var id: String
    /// The Markdown shown before the cell or task.
    public var text: String
    /// Notes for the instructor (demo mode shows them; students never see them).
    public var notes: [String]
    public var kind: Kind
    /// The line of the step's fence in the file.
    public var line: Int

    public var task: LessonTask? {
        if case .task(let task) = kind { return task }
        return nil
    }

    public var cell: ExampleCell? {
        if case .cell(let cell) = kind { return cell }
        return nil
    }
}

/// Code from the lesson file with the file line of its first line (for error messages).
public struct CodeBlock: Sendable, Equatable {
    public var code: String
    public var line: Int
}

/// An example cell: code the student runs as typed.
public struct ExampleCell: Sendable {
    public var code: CodeBlock
    /// The exception class the cell is meant to raise (`raises=IndexError`), if any.
    public var raises: String?
}

/// A task: a prompt (the step's text), a check run after every input, hints shown one at a
/// time and a solution.
public struct LessonTask: Sendable {
    public var id: String
    /// A short name for menus and grading (the fence's body, or the prompt's first sentence).
    public var title: String
    public var check: CodeBlock
    public var hints: [String]
    public var solution: CodeBlock
    public var line: Int
}
