import Foundation
import Language

/// Reads a lesson file: front matter, then Markdown text and fenced blocks (Lessons/README.md
/// describes the format). A lesson with any problem is refused whole, with every problem found.
public enum LessonParser {
    /// The block kinds the shell acts on.
    static let actionKinds = ["python", "task", "check", "hint", "solution", "note"]
    /// Fences shown as they are, never run.
    static let displayKinds = ["", "text", "output", "console", "math", "jaxpr", "bash", "sh", "json"]

    public static func parse(_ source: String, file: String) throws(LessonError) -> Lesson {
        var problems: [LessonProblem] = []
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        guard let matter = FrontMatter.read(lines, file: file, problems: &problems) else { throw LessonError(problems) }
        let body = Array(lines[min(matter.bodyStart, lines.count)...])
        let chunks = FencedBlock.chunks(body, firstLine: matter.bodyStart + 1, file: file, problems: &problems)
        var assembler = StepAssembler(file: file)
        for chunk in chunks { assembler.add(chunk) }
        let steps = assembler.finish()
        problems += assembler.problems
        if steps.isEmpty && problems.isEmpty {
            problems.append(LessonProblem(file: file, line: 1, message: "the lesson has no cells or tasks"))
        }
        problems.sort { $0.line < $1.line }
        guard problems.isEmpty else { throw LessonError(problems) }
        return Lesson(id: matter.id, title: matter.title, version: matter.version, language: matter.language,
                      file: file, steps: steps)
    }

    /// Ids are letters, digits, `-` and `_`, starting with a letter or digit.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }
}

/// Turns chunks into steps: text gathers until a cell or task claims it; a task's check,
/// hints, solution and notes follow its fence with only blank lines between.
struct StepAssembler {
    let file: String
    private(set) var problems: [LessonProblem] = []
    private var steps: [Step] = []
    private var text: [String] = []
    private var notes: [String] = []
    private var task: TaskDraft?
    private var idLines: [String: Int] = [:]

    init(file: String) { self.file = file }

    /// A task whose blocks are still being read.
    private struct TaskDraft {
        var id: String
        var title: String
        var line: Int
        var text: String
        var notes: [String]
        var checks: [FencedBlock] = []
        var hints: [FencedBlock] = []
        var solutions: [FencedBlock] = []
    }

    private mutating func problem(_ line: Int, _ message: String) {
        problems.append(LessonProblem(file: file, line: line, message: message))
    }

    mutating func add(_ chunk: BodyChunk) {
        switch chunk {
        case .text(let lines):
            if task != nil && lines.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { return }
            closeTask()
            text += lines
        case .fence(let block):
            add(block)
        }
    }

    private mutating func add(_ block: FencedBlock) {
        let kind = block.kind
        if LessonParser.displayKinds.contains(kind) || (kind == "python" && block.words == ["show"]) {
            closeTask()
            text += [block.opening] + block.body + [block.closing]
            return
        }
        guard LessonParser.actionKinds.contains(kind) else {
            problem(block.line, "unknown block kind `\(kind)` (the shell acts on \(LessonParser.actionKinds.joined(separator: ", ")); "
                    + "`text` shows a block as it is)")
            return
        }
        switch kind {
        case "python":
            closeTask()
            addCell(block)
        case "task":
            closeTask()
            openTask(block)
        case "note":
            if block.text.allSatisfy(\.isWhitespace) { problem(block.line, "the note is empty") }
            if task != nil { task?.notes.append(block.text) } else { notes.append(block.text) }
        default:
            guard task != nil else {
                problem(block.line, "a `\(kind)` block belongs to a task: put it after a ```task block, with only blank lines between")
                return
            }
            if !block.words.isEmpty { problem(block.line, "a `\(kind)` block takes no words after its kind") }
            switch kind {
            case "check": task?.checks.append(block)
            case "hint": task?.hints.append(block)
            default: task?.solutions.append(block)
            }
        }
    }

    private mutating func addCell(_ block: FencedBlock) {
        var id: String?
        var raises: String?
        for (key, value) in block.attributes() {
            switch key {
            case "id" where LessonParser.isValidID(value): id = value
            case "id": problem(block.line, "the cell id `\(value)` must be letters, digits, `-` and `_`")
            case "raises" where !value.isEmpty && value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }):
                raises = value
            case "raises": problem(block.line, "`raises=` needs an exception class, such as `raises=IndexError`")
            default: problem(block.line, "unknown attribute `\(key)` of a python cell (expected id=NAME, raises=EXCEPTION or show)")
            }
        }
        let code = block.text
        if code.allSatisfy(\.isWhitespace) { problem(block.line, "the python cell is empty") }
        if raises != "SyntaxError" { checkSyntax(CodeBlock(code: code, line: block.bodyLine), what: "the cell") }
        let stepID = id ?? uniqueDerivedID(for: code)
        claim(stepID, line: block.line)
        steps.append(Step(id: stepID, text: takeText(), notes: takeNotes(),
                          kind: .cell(ExampleCell(code: CodeBlock(code: code, line: block.bodyLine), raises: raises)),
                          line: block.line))
    }

    private mutating func openTask(_ block: FencedBlock) {
        guard let id = block.words.first, LessonParser.isValidID(id), block.words.count == 1 else {
            problem(block.line, "a task needs one id after `task`, such as ```task dtype-of-b (letters, digits, `-`, `_`)")
            return
        }
        claim(id, line: block.line)
        let prompt = takeText()
        let title = block.text.trimmingWhitespace.isEmpty ? LessonParser.titleFromPrompt(prompt) : block.text.trimmingWhitespace
        task = TaskDraft(id: id, title: title, line: block.line, text: prompt, notes: takeNotes())
    }

    private mutating func closeTask() {
        guard let draft = task else { return }
        task = nil
        let name = "task `\(draft.id)`"
        if draft.checks.count > 1 { problem(draft.checks[1].line, "\(name) has a second check (one check per task)") }
        if draft.solutions.count > 1 { problem(draft.solutions[1].line, "\(name) has a second solution (one per task)") }
        guard let check = draft.checks.first else {
            problem(draft.line, "\(name) has no check: add a ```check block after it")
            return
        }
        guard let solution = draft.solutions.first else {
            problem(draft.line, "\(name) has no solution: add a ```solution block after it")
            return
        }
        if draft.hints.count < 2 {
            problem(draft.line, "\(name) has \(draft.hints.count) hint\(draft.hints.count == 1 ? "" : "s"): give at least two, shown one at a time")
        }
        for hint in draft.hints {
            if hint.text.allSatisfy(\.isWhitespace) { problem(hint.line, "the hint is empty") }
            if hint.text.trimmingWhitespace.hasPrefix("TODO") { problem(hint.line, "the hint still says TODO") }
        }
        if LessonParser.isOnlyComments(check.text) {
            problem(check.line, "the check of \(name) is empty: write code that raises (assert ...) until the answer is right")
        } else {
            checkSyntax(CodeBlock(code: check.text, line: check.bodyLine), what: "the check of \(name)")
        }
        if LessonParser.isOnlyComments(solution.text) {
            problem(solution.line, "the solution of \(name) is empty")
        } else {
            checkSyntax(CodeBlock(code: solution.text, line: solution.bodyLine), what: "the solution of \(name)")
        }
        let task = LessonTask(id: draft.id, title: draft.title, check: CodeBlock(code: check.text, line: check.bodyLine),
                              hints: draft.hints.map(\.text), solution: CodeBlock(code: solution.text, line: solution.bodyLine),
                              line: draft.line)
        steps.append(Step(id: draft.id, text: draft.text, notes: draft.notes, kind: .task(task), line: draft.line))
    }

    /// The steps, once every chunk is added: text after the last cell or task becomes a last step.
    mutating func finish() -> [Step] {
        closeTask()
        if text.contains(where: { !$0.allSatisfy(\.isWhitespace) }) || !notes.isEmpty {
            let line = steps.last.map { $0.line + 1 } ?? 1
            claim("end", line: line)
            steps.append(Step(id: "end", text: takeText(), notes: takeNotes(), kind: .text, line: line))
        }
        return steps
    }

    private mutating func checkSyntax(_ block: CodeBlock, what: String) {
        if let error = Session.syntaxError(in: block.code) {
            problem(block.line + error.line - 1, "\(what) does not parse: SyntaxError: \(error.message)")
        }
    }

    private mutating func claim(_ id: String, line: Int) {
        if let first = idLines[id] {
            problem(line, "the id `\(id)` is used twice (first on line \(first))")
        } else {
            idLines[id] = line
        }
    }

    /// `cell-` and a hash of the code, so the id survives edits elsewhere in the lesson.
    private func uniqueDerivedID(for code: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in code.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let base = "cell-" + String(String(hash, radix: 16).suffix(6))
        var id = base
        var count = 2
        while idLines[id] != nil {
            id = "\(base)-\(count)"
            count += 1
        }
        return id
    }

    private mutating func takeText() -> String {
        var lines = text
        text = []
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private mutating func takeNotes() -> [String] {
        defer { notes = [] }
        return notes
    }
}

extension LessonParser {
    /// True when code has nothing but blank lines and comments.
    static func isOnlyComments(_ code: String) -> Bool {
        code.split(separator: "\n").allSatisfy { line in
            let trimmed = line.trimmingWhitespace
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
    }

    /// A task's short name from its prompt: the first sentence, without Markdown marks and a
    /// leading "Task:".
    static func titleFromPrompt(_ prompt: String) -> String {
        let paragraph = prompt.components(separatedBy: "\n\n").last { !$0.allSatisfy(\.isWhitespace) } ?? ""
        var plain = paragraph.replacingOccurrences(of: "\n", with: " ").filter { $0 != "*" && $0 != "`" }
        for prefix in ["Task:", "Task :"] where plain.hasPrefix(prefix) { plain = String(plain.dropFirst(prefix.count)) }
        plain = plain.trimmingWhitespace
        if let end = plain.firstIndex(where: { $0 == "." || $0 == "?" || $0 == "!" }) {
            plain = String(plain[...end])
        }
        return plain.count > 72 ? String(plain.prefix(71)) + "…" : plain
    }
}
