#if canImport(Glibc)
import Glibc
#endif
import Language

/// The read-eval-print loop of a notebook: reads cells (from the line editor on a terminal,
/// grouped from lines when piped), runs each as one numbered input in the interpreter, and
/// dispatches the shell's `:` commands.
public final class InteractiveShell {
    /// The Python session inputs run in: the shell's own, or a lesson's while one is open.
    public var session: Session { focus.session }
    public let style: TerminalStyle
    /// The open command table: add commands before calling `run()`.
    public let commands = CommandRegistry()
    /// True when both standard input and output are terminals.
    public let isTerminal: Bool
    let signals: ShellSignals
    let source: LineSource
    let reader: StatementReader
    private let version: String
    /// What completion and line grouping consult; lessons point it at their session.
    let focus: ShellFocus
    private let editor: LineEditor?
    /// Why the history file is not used, said once the banner is out.
    private let historyProblem: String?

    /// `version` appears in the banner. Line editing, prompts and colours are used only when
    /// standard input and output are terminals.
    public init(session: Session, version: String, style: TerminalStyle = .detect(),
                signals: ShellSignals = .shared) {
        TerminalIO.setUpLocale()
        let focus = ShellFocus(session: session)
        self.focus = focus
        self.version = version
        self.signals = signals
        let terminal = TerminalIO.isTerminal(0) && TerminalIO.isTerminal(1)
        let history = terminal ? HistoryStore(path: HistoryStore.defaultPath()) : nil
        let editor = terminal ? LineEditor(
            history: history, style: style, signals: signals,
            completer: { line, cursor in focus.completions(for: line, cursor: cursor) }
        ) : nil
        self.editor = editor
        historyProblem = history?.problem
        if let editor {
            source = editor
            isTerminal = true
            self.style = style
            // the text plus the newline Enter would add: the line being typed counts as ended
            editor.cellStatus = { text, pending in Session.inputStatus(text + "\n", parseIndented: !pending) }
        } else {
            source = PlainLineReader(signals: signals)
            isTerminal = false
            self.style = TerminalStyle(enabled: false)
        }
        reader = StatementReader(source: source)
        BuiltinCommands.register(in: commands)
        LessonCommands.register(in: commands)
        focus.commandNames = { [unowned self] in
            self.commands.all.map { $0.kind.sigil + $0.name } + Session.magics.map { ($0.isCellMagic ? "%%" : "%") + $0.name }
        }
        session.confirm = { [unowned self] question in self.confirm(question) }
        // Before the startup imports run, so Ctrl-C then interrupts them rather than the process.
        signals.install()
    }

    /// IPython's numbered prompts (`In [3]: ` and `Out[3]: `) instead of `>>> `.
    public var numberedPrompts = false {
        didSet {
            let style = self.style
            editor?.cellNumber = numberedPrompts ? { [unowned self] in self.session.nextCellNumber } : nil
            session.outputPrompt = numberedPrompts ? { number in style.red("Out[") + style.bold(style.red("\(number)")) + style.red("]:") + " " } : nil
        }
    }

    /// Imports jax, jax.numpy as jnp and numpy as np, as the lab's first cell does.
    public func importLabModules() {
        _ = signals.interrupt.consume()
        session.importLabModules()
    }

    /// The one-line greeting shown on a terminal.
    public var banner: String {
        "jaxlab \(version) on cpu:0 · jax, jax.numpy as jnp and numpy as np are imported · :help for help"
    }

    /// Runs until Ctrl-D, `:quit`, `exit()` or the end of piped input; returns the exit status.
    public func run() -> Int32 {
        if isTerminal {
            write(style.bold(banner) + "\n")
            if let note = ReferenceMachine.startupNote() { write(style.dim(note) + "\n") }
            if let historyProblem { writeError("jaxlab: \(historyProblem).\n") }
        }
        while true {
            // IPython leaves a blank line before each numbered prompt
            if numberedPrompts && isTerminal { write("\n") }
            switch reader.next() {
            case .endOfInput:
                if isTerminal { write("\n") }
                return 0
            case .interrupted:
                // As Python's console: the cell being typed is dropped.
                write("\nKeyboardInterrupt\n")
            case .code(let source):
                if let status = runEntry(source) { return status }
            case .command(let line):
                if dispatch(line) == .quit || focus.endOfInput { return 0 }
            }
        }
    }

    /// Runs one cell; the exit status when it ended the session.
    private func runEntry(_ source: String) -> Int32? {
        let line = source.trimmingWhitespace
        if line.hasPrefix("%") && !line.hasPrefix("%%") && !line.contains("\n"),
           let command = commands.lookup(.lineMagic, magicName(line)) {
            return command.action(self, argument(line, after: 1), nil) == .quit ? 0 : nil
        }
        let result = runInteractive(source)
        if let status = result.exitStatus { return status }
        if let next = result.nextInput {
            if isTerminal {
                reader.prefill = next
            } else if let status = runInteractive(next).exitStatus {
                return status
            }
        }
        return nil
    }

    // MARK: Services for commands

    /// Writes to standard output.
    public func write(_ text: String) { TerminalIO.write(text, to: 1) }

    /// Writes an error to standard error, red on a colour terminal.
    public func writeError(_ text: String) { TerminalIO.write(style.forStandardError.red(text), to: 2) }

    /// Runs one cell as if typed (numbered; a bare expression that ends it shows its value).
    @discardableResult
    public func runInteractive(_ source: String) -> InputResult {
        _ = signals.interrupt.consume()
        defer { _ = signals.interrupt.consume() }
        return session.runCell(source)
    }

    /// Runs source like a script (no echo); false when it raised.
    @discardableResult
    public func runScript(_ source: String, filename: String) -> Bool {
        _ = signals.interrupt.consume()
        defer { _ = signals.interrupt.consume() }
        return session.runScript(source, filename: filename)
    }

    /// True when Ctrl-C was pressed since the statement began (and clears it).
    public func consumeInterrupt() -> Bool { signals.interrupt.consume() }

    /// Puts code at the next prompt for the student to edit and run (`%load`).
    public func prefillNextInput(_ code: String) { reader.prefill = code }

    /// Asks a yes/no question on the prompt; anything but y/yes is no.
    public func confirm(_ question: String) -> Bool {
        guard case .line(let answer) = source.readLine(.question(question), prefill: "") else { return false }
        return ["y", "yes"].contains(answer.trimmingWhitespace.lowercased())
    }

    /// The next cell or command typed at the prompt.
    func readEntry() -> Entry { reader.next() }

    /// Reads one line that starts out holding `prefill` (a lesson's cell), kept in the history.
    func readLine(_ prompt: Prompt, prefill: String) -> LineInput {
        let input = source.readLine(prompt, prefill: prefill)
        if case .line(let line) = input { source.remember(line) }
        return input
    }

    /// Runs a `:command` (or a `%magic` the shell registered) as typed.
    func dispatch(_ line: String) -> ShellCommand.Outcome {
        if line.hasPrefix("%") {
            if let command = commands.lookup(.lineMagic, magicName(line)) { return command.action(self, argument(line, after: 1), nil) }
            runInteractive(line)
            return .proceed
        }
        let name = String(line.dropFirst().prefix { !$0.isWhitespace })
        if let command = commands.lookup(.shell, name) { return command.action(self, argument(line, after: 1), nil) }
        writeError("Unknown command `:\(name)`. Type :help for the commands.\n")
        return .proceed
    }

    private func magicName(_ line: String) -> String { String(line.dropFirst().prefix { !$0.isWhitespace }) }

    /// The text after a command's sigil (`sigil` characters) and name.
    private func argument(_ line: String, after sigil: Int) -> String {
        let rest = line.dropFirst(sigil)
        return rest.dropFirst(rest.prefix { !$0.isWhitespace }.count).trimmingWhitespace
    }
}

extension InteractiveShell {
    /// Starts a session whose Ctrl-C handler stops running statements, imports jax, jnp and np
    /// as the lab's first cell does, and runs the shell; returns the exit status.
    public static func startSession(version: String, numberedPrompts: Bool = false) -> Int32 {
        let style = TerminalStyle.detect()
        let session = Session(sink: ConsoleSink(style: style), interrupt: ShellSignals.shared.interrupt)
        let shell = InteractiveShell(session: session, version: version, style: style)
        shell.numberedPrompts = numberedPrompts
        shell.importLabModules()
        return shell.run()
    }
}
