#if canImport(Glibc)
import Glibc
#endif
import Language
import Tutor

/// Demo mode, for a projector: one step per screen, the cell's code typed out at a readable
/// speed, run on a key, instructor notes in a dimmed block, solutions revealed on a key, and
/// the live shell one key away.
final class DemoScreen {
    let shell: InteractiveShell
    let walker: LessonWalker
    /// Characters per second when typing code out; nil shows it at once.
    let typingSpeed: Double?
    /// The step whose code (the cell, or the revealed solution) has run, and the step whose
    /// solution is revealed.
    private var ranAt: Int?
    private var solutionAt: Int?
    private var ran: Bool { ranAt == walker.position }
    private var solutionShown: Bool { solutionAt == walker.position }

    static let keys = "Enter run/next  b back  r rerun  e edit  s solution  i shell  g go  q quit"

    init(shell: InteractiveShell, lesson: Lesson, typingSpeed: Double?) {
        self.shell = shell
        self.typingSpeed = typingSpeed
        let sink = ConsoleSink(style: shell.style)
        let interrupt = shell.signals.interrupt
        walker = LessonWalker(lesson: lesson) { LessonSession(sink: sink, interrupt: interrupt) }
    }

    private var lesson: Lesson { walker.lesson }

    private var view: StepView {
        StepView(lesson: lesson, style: shell.style, columns: shell.isTerminal ? TerminalIO.windowSize().columns : 80)
    }

    /// Runs the demo from step `first` (1-based) until `q`; returns the exit status.
    func run(from first: Int) -> Int32 {
        walker.go(to: first - 1)
        draw()
        while true {
            shell.focus.session = walker.lessonSession.session
            switch TerminalIO.readKey(shell.signals) {
            case .enter, .character(" "): forward()
            case .character("b"): move(to: walker.position - 1)
            case .character("r"): rerun()
            case .character("e"): edit()
            case .character("s"): revealSolution()
            case .character("i"): if !liveShell() { return 0 }
            case .character("g"): goTo()
            case .character("q"), .endOfInput: return 0
            case .character("?"), .character("h"): shell.write(shell.style.dim(DemoScreen.keys) + "\n")
            case .interrupted, .character: break
            }
        }
    }

    // MARK: keys

    private func forward() {
        guard let step = walker.currentStep else { return }
        if let cell = step.cell, !ran {
            run(cell.code.code)
        } else if let task = step.task, solutionShown, !ran {
            run(task.solution.code)
        } else {
            // a cell or solution not run yet runs quietly on the way
            if ran || step.task == nil && step.cell == nil { _ = walker.moveOn() } else { walker.go(to: walker.position + 1) }
            ranAt = nil
            draw()
        }
    }

    private func move(to index: Int) {
        walker.go(to: max(0, index))
        ranAt = nil
        solutionAt = nil
        draw()
    }

    private func rerun() {
        guard let step = walker.currentStep else { return }
        if let cell = step.cell { run(cell.code.code) } else if let task = step.task, solutionShown { run(task.solution.code) }
    }

    /// The cell (or the revealed solution) at the prompt line by line, pre-filled, then run.
    private func edit() {
        guard let step = walker.currentStep, let code = step.cell?.code.code ?? (solutionShown ? step.task?.solution.code : nil) else { return }
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        shell.write("\n")
        var typed: [String] = []
        for (index, line) in lines.enumerated() {
            guard case .line(let text) = shell.readLine(index == 0 ? .primary : .continuation, prefill: line) else {
                shell.write("\n")
                return
            }
            typed.append(text)
        }
        run(typed.joined(separator: "\n") + "\n")
    }

    private func revealSolution() {
        guard let task = walker.currentStep?.task, !solutionShown else { return }
        solutionAt = walker.position
        shell.write("\n" + shell.style.bold("Solution:") + "\n")
        typeOut(task.solution.code)
    }

    /// The live shell in the lesson's namespace until `:resume`; false when the input ended.
    private func liveShell() -> Bool {
        shell.write("\n" + shell.style.dim("The live shell, with the lesson's names. :resume returns to the demo.") + "\n")
        while true {
            switch shell.readEntry() {
            case .endOfInput:
                return false
            case .interrupted:
                shell.write("\nKeyboardInterrupt\n")
            case .code(let source):
                shell.runInteractive(source)
            case .command(let line):
                if line.trimmingWhitespace == ":resume" {
                    draw()
                    return true
                }
                if shell.dispatch(line) == .quit { return false }
            }
        }
    }

    private func goTo() {
        let question = "Go to step (1 to \(lesson.steps.count)): "
        guard case .line(let answer) = shell.readLine(.question(question), prefill: ""),
              let number = Int(answer.trimmingWhitespace), (1...lesson.steps.count).contains(number) else {
            draw()
            return
        }
        move(to: number - 1)
    }

    // MARK: drawing and running


    private func run(_ code: String) {
        ranAt = walker.position
        _ = shell.consumeInterrupt()
        walker.lessonSession.run(code)
        _ = shell.consumeInterrupt()
    }

    /// The step on a clear screen: header, text, notes, then the code typed out.
    private func draw() {
        if shell.isTerminal { shell.write("\u{1B}[H\u{1B}[2J\u{1B}[3J") }
        let view = self.view
        guard let step = walker.currentStep else {
            shell.write(shell.style.bold("End of \(lesson.title).") + " b goes back, q quits.\n")
            return
        }
        let index = walker.position
        var lines = [view.header(index)] + view.textLines(index)
        let notes = view.noteLines(index)
        if !notes.isEmpty { lines += [""] + notes }
        shell.write(lines.joined(separator: "\n") + "\n")
        switch step.kind {
        case .cell(let cell):
            shell.write("\n")
            typeOut(cell.code.code)
        case .task(let task):
            if solutionShown {
                shell.write("\n" + shell.style.bold("Solution:") + "\n" + view.codeLines(task.solution.code).joined(separator: "\n") + "\n")
            } else {
                shell.write("\n" + shell.style.dim("A task: s reveals the solution, Enter then runs it.") + "\n")
            }
        case .text:
            break
        }
        shell.write(shell.style.dim(MarkdownRenderer(width: view.width).render(DemoScreen.keys)) + "\n")
    }

    /// Writes the code with its prompts, a character at a time at the typing speed; a key
    /// pressed meanwhile shows the rest at once.
    private func typeOut(_ code: String) {
        let text = view.codeLines(code).joined(separator: "\n") + "\n"
        guard let speed = typingSpeed, speed > 0, shell.isTerminal else {
            shell.write(text)
            return
        }
        let pause = UInt32(max(1, min(1_000_000, 1_000_000 / speed)))
        var index = text.startIndex
        while index < text.endIndex {
            if TerminalIO.keyPressed() {
                shell.write(String(text[index...]))
                return
            }
            shell.write(String(text[index]))
            index = text.index(after: index)
            usleep(pause)
        }
    }
}

extension TerminalIO {
    /// True (and the key consumed) when a key has been pressed; the terminal's line buffering
    /// is off for the moment of looking.
    static func keyPressed() -> Bool {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return false }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        tcsetattr(0, TCSANOW, &raw)
        defer { tcsetattr(0, TCSANOW, &saved) }
        guard hasPendingInput(0, milliseconds: 0) else { return false }
        var byte: UInt8 = 0
        while hasPendingInput(0, milliseconds: 0) { _ = read(0, &byte, 1) }
        return true
    }
}

extension InteractiveShell {
    /// `jaxlab demo LESSON`: demo mode until `q`; returns the exit status (1 when the lesson
    /// cannot be loaded).
    public static func startDemo(_ reference: String, typingSpeed: Double?, from first: Int, version: String) -> Int32 {
        let style = TerminalStyle.detect()
        let session = Session(sink: ConsoleSink(style: style), interrupt: ShellSignals.shared.interrupt)
        let shell = InteractiveShell(session: session, version: version, style: style)
        guard let lesson = LessonCommands.load(reference, shell: shell) else { return 1 }
        return DemoScreen(shell: shell, lesson: lesson, typingSpeed: typingSpeed).run(from: max(1, min(first, lesson.steps.count)))
    }
}
