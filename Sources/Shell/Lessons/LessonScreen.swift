import Foundation
import Language
import Tutor

/// The walker on the terminal: shows each step's text a screenful at a time, puts example
/// cells at the prompt pre-filled, lets the student experiment at tasks while the check runs
/// after every input, and saves progress (and the answer log) after every input.
final class LessonScreen {
    /// Why the walk ended.
    enum Exit: Equatable {
        case quit
        case endOfInput
        /// The student chose another lesson (`:lessons`, `:lesson NAME`).
        case switchTo(String)
    }

    let shell: InteractiveShell
    let walker: LessonWalker
    let store: ProgressStore
    private let recorder: AnswerRecorder?
    /// The step whose text is on the screen.
    private var shownPosition: Int?
    /// False after Ctrl-C at a pre-filled cell: the next prompt is a free one.
    private var prefillNext = true

    init(shell: InteractiveShell, lesson: Lesson, store: ProgressStore, recordPath: String?) {
        self.shell = shell
        self.store = store
        let sink = ConsoleSink(style: shell.style)
        let interrupt = shell.signals.interrupt
        walker = LessonWalker(lesson: lesson) { LessonSession(sink: sink, interrupt: interrupt) }
        recorder = AnswerRecorder(path: recordPath ?? AnswerRecorder.defaultPath(lessonID: lesson.id,
                                                                                 stateFolder: (store.directory as NSString).deletingLastPathComponent))
        walker.recorder = { [weak self] stepID, input in
            guard let self else { return }
            self.recorder?.record(AnswerLogEntry(lesson: lesson.id, version: lesson.version, step: stepID,
                                                 time: AnswerLogEntry.timestamp(), input: input))
        }
    }

    /// The lesson's commands, for `:help` and completion.
    static let commands: [(name: String, summary: String)] = LessonWalker.commands + [
        ("lessons", "List the lessons and choose another"),
        ("quit", "Leave the lesson (your progress is saved)"),
        ("help", "Show these commands"),
    ]

    private var lesson: Lesson { walker.lesson }

    func run() -> Exit {
        let outer = shell.focus.session
        defer {
            shell.focus.session = outer
            shell.focus.extraCommandNames = []
        }
        shell.focus.extraCommandNames = LessonScreen.commands.map { ":" + $0.name }
        greet()
        while true {
            shell.focus.session = walker.lessonSession.session
            if shownPosition != walker.position { showStep() }
            let exit: Exit?
            if let cell = walker.currentStep?.cell, prefillNext {
                exit = readCell(cell)
            } else {
                prefillNext = true
                exit = readEntry()
            }
            if let exit {
                save()
                return exit
            }
        }
    }

    // MARK: reading

    private func readEntry() -> Exit? {
        switch shell.readEntry() {
        case .endOfInput:
            return .endOfInput
        case .interrupted:
            shell.write("\nKeyboardInterrupt\n")
        case .code(let source):
            if !source.allSatisfy(\.isWhitespace) { handle(source) }
        case .command(let line):
            return command(line)
        }
        return nil
    }

    /// Offers the cell line by line, each pre-filled; Enter keeps a line, or the student edits it.
    private func readCell(_ cell: ExampleCell) -> Exit? {
        var lines = cell.code.code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        var typed: [String] = []
        for (index, line) in lines.enumerated() {
            switch shell.readLine(index == 0 ? .primary : .continuation, prefill: line) {
            case .endOfInput:
                return .endOfInput
            case .interrupted:
                shell.write("\nKeyboardInterrupt\n")
                prefillNext = false
                return nil
            case .line(let text):
                let trimmed = text.trimmingWhitespace
                if index == 0 && trimmed.hasPrefix(":") { return command(trimmed) }
                // a command typed after the pre-filled code (without clearing the line)
                if text.hasPrefix(line), let typedCommand = LessonScreen.trailingCommand(String(text.dropFirst(line.count))) {
                    return command(typedCommand)
                }
                if index == 0 && trimmed.isEmpty { return nil }
                typed.append(text)
                if index == 0 && text != line && lines.count > 1 {
                    // the first line replaced: the student's own statement, read as at the prompt
                    return finishStatement(typed)
                }
            }
        }
        handle(typed.joined(separator: "\n") + "\n")
        return nil
    }

    /// Reads continuation lines (none pre-filled) until the statement is complete, then runs it.
    private func finishStatement(_ first: [String]) -> Exit? {
        var typed = first
        let session = walker.lessonSession.session
        while session.isIncomplete(typed.map { $0 + "\n" }.joined()) {
            switch shell.readLine(.continuation, prefill: "") {
            case .endOfInput: return .endOfInput
            case .interrupted:
                shell.write("\nKeyboardInterrupt\n")
                return nil
            case .line(let text): typed.append(text)
            }
        }
        handle(typed.joined(separator: "\n") + "\n")
        return nil
    }

    /// `:name` typed at the end of a pre-filled line, when `name` is a lesson command.
    static func trailingCommand(_ typed: String) -> String? {
        let trimmed = typed.trimmingWhitespace
        guard trimmed.hasPrefix(":") else { return nil }
        let name = trimmed.dropFirst().split(separator: " ").first.map(String.init) ?? ""
        return commands.contains { $0.name == name } ? trimmed : nil
    }

    private func command(_ line: String) -> Exit? {
        if line.hasPrefix("%") {
            handle(line)
            return nil
        }
        let words = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = words.first ?? ""
        switch name {
        case "quit":
            return .quit
        case "lessons":
            if let choice = LessonMenu(shell: shell, store: store).choose() { return .switchTo(choice) }
            shownPosition = nil
        case "lesson" where words.count > 1:
            return .switchTo(words[1])
        case "help":
            shell.write(helpText())
        case _ where LessonWalker.commands.contains { $0.name == name }:
            handle(":" + name)
        default:
            if shell.dispatch(line) == .quit { return .quit }
        }
        return nil
    }

    private func handle(_ input: String) {
        _ = shell.consumeInterrupt()
        let events = walker.handle(input)
        _ = shell.consumeInterrupt()
        show(events)
        save()
    }

    private func save() {
        store.save(walker.savedProgress(time: AnswerLogEntry.timestamp()))
    }

    // MARK: showing

    private var view: StepView {
        StepView(lesson: lesson, style: shell.style, columns: shell.isTerminal ? TerminalIO.windowSize().columns : 80)
    }

    private func greet() {
        let style = shell.style
        if let saved = store.load(lesson.id) {
            let notice = walker.resume(saved)
            let passed = lesson.tasks.filter { walker.progress[$0.id]?.passed == true }.count
            let place = walker.isFinished ? "you had finished it" : "step \(walker.position + 1) of \(lesson.steps.count)"
            shell.write(style.bold("Welcome back to \(lesson.title)") + ": \(place), \(passed) of \(lesson.tasks.count) tasks passed.\n")
            if let notice { shell.write(style.yellow(notice) + "\n") }
        } else {
            shell.write(style.bold(lesson.title) + " · \(lesson.steps.count) steps, \(lesson.tasks.count) tasks · :help lists the commands\n")
        }
    }

    private func showStep() {
        shownPosition = walker.position
        let index = walker.position
        guard index < lesson.steps.count else {
            shell.write(finishedText())
            return
        }
        var lines = ["", view.header(index)] + view.textLines(index)
        if let guidance = view.guidance(index) { lines += ["", guidance] }
        page(lines)
    }

    /// Writes the lines a screenful at a time, waiting for a key between screens.
    private func page(_ lines: [String]) {
        let rows = shell.isTerminal ? TerminalIO.windowSize().rows : Int.max
        let screen = max(5, rows == Int.max ? Int.max : rows - 2)
        var start = 0
        while start < lines.count {
            let end = lines.count - start > screen ? start + screen - 1 : lines.count
            shell.write(lines[start..<end].joined(separator: "\n") + "\n")
            start = end
            guard start < lines.count else { break }
            shell.write(shell.style.dim("── more: press Enter ──"))
            let key = TerminalIO.readKey(shell.signals)
            shell.write("\r\u{1B}[K")
            if key == .character("q") || key == .interrupted || key == .endOfInput {
                shell.write(lines[start...].suffix(2).joined(separator: "\n") + "\n")
                break
            }
        }
    }

    private func finishedText() -> String {
        let passed = lesson.tasks.filter { walker.progress[$0.id]?.passed == true }.count
        return "\n" + shell.style.bold("You have finished \(lesson.title)") + ": \(passed) of \(lesson.tasks.count) tasks passed. "
            + ":back looks again, :lessons chooses another lesson, :quit leaves.\n"
    }

    private func show(_ events: [LessonWalker.Event]) {
        let style = shell.style
        let renderer = view.renderer
        for event in events {
            switch event {
            case .ran, .moved:
                break
            case .passed(let task):
                shell.write(style.green("✓ Task passed: \(task.title)") + " :next goes on.\n")
            case .wrongAnswer(let message):
                shell.write(style.yellow(MarkdownRenderer(width: renderer.width, look: .plain).render("✗ " + message)) + "\n")
            case .hint(let number, let count, let text):
                shell.write(style.bold("Hint \(number) of \(count):") + "\n" + renderer.render(text) + "\n")
            case .noMoreHints:
                shell.write("That was the last hint. :solution shows the solution; :skip runs it and goes on.\n")
            case .solution(let code):
                shell.write(style.bold("Solution:") + "\n" + view.codeLines(code).joined(separator: "\n") + "\n")
            case .finished:
                shownPosition = walker.position
                shell.write(finishedText())
            case .restarted:
                shell.write("Starting \(lesson.title) again, with a fresh session.\n")
            case .notice(let text):
                shell.write(style.dim(text) + "\n")
            case .whereAmI(let step, let count, let passed, let tasks):
                let what = walker.currentStep.map { $0.task.map { "task " + $0.id } ?? $0.id } ?? "finished"
                shell.write("Step \(step) of \(count) (\(what)) · \(passed) of \(tasks) tasks passed\n")
            }
        }
    }

    private func helpText() -> String {
        let width = LessonScreen.commands.map(\.name.count).max() ?? 0
        var text = "Lesson commands:\n"
        for command in LessonScreen.commands {
            text += "  :" + command.name + String(repeating: " ", count: width - command.name.count + 2) + command.summary + "\n"
        }
        text += "Python, %magics and the shell's commands (:clear, %who, ...) work as at the usual prompt.\n"
        return text
    }
}
