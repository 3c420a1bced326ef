#if canImport(Glibc)
import Glibc
#endif
import Language

/// The read-eval-print loop: reads statements (from the line editor on a terminal, plainly
/// from a pipe), runs them in the interpreter, and dispatches magics and shell commands.
public final class InteractiveShell {
    /// The Python session inputs run in: the shell's own, or a lesson's while one is open.
    public var session: Session { focus.session }
    public let style: TerminalStyle
    /// The open command table: add commands before calling `run()`.
    public let commands = CommandRegistry()
    /// True when both standard input and output are terminals.
    public let isTerminal: Bool
    /// The statements and commands run in this session, oldest first (`%history`).
    public private(set) var inputs: [String] = []
    let signals: ShellSignals
    let source: LineSource
    let reader: StatementReader
    private let version: String
    /// What completion and line grouping consult; lessons point it at their session.
    let focus: ShellFocus

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
        let editor = terminal ? LineEditor(
            history: HistoryStore(path: HistoryStore.defaultPath()), style: style, signals: signals,
            completer: { line, cursor in focus.completions(for: line, cursor: cursor) }
        ) : nil
        if let editor {
            source = editor
            isTerminal = true
            self.style = style
        } else {
            source = PlainLineReader(signals: signals)
            isTerminal = false
            self.style = TerminalStyle(enabled: false)
        }
        reader = StatementReader(source: source, isIncomplete: { focus.session.isIncomplete($0) })
        if isTerminal {
            let promptStyle = self.style
            reader.showQueuedLine = { prompt, line in
                let marker = prompt == .primary ? promptStyle.green(">>> ") : promptStyle.green("... ")
                TerminalIO.write(marker + line + "\n")
            }
        }
        BuiltinCommands.register(in: commands)
        LessonCommands.register(in: commands)
        focus.commandNames = { [unowned self] in
            self.commands.all.map { $0.kind.sigil + $0.name } + Session.magics.map { ($0.isCellMagic ? "%%" : "%") + $0.name }
        }
        // Before the startup imports run, so Ctrl-C then interrupts them rather than the process.
        signals.install()
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

    /// Runs until Ctrl-D, `:quit` or the end of piped input; returns the exit status.
    public func run() -> Int32 {
        if isTerminal {
            write(style.bold(banner) + "\n")
            if let note = ReferenceMachine.startupNote() { write(style.dim(note) + "\n") }
        }
        while true {
            switch reader.next() {
            case .endOfInput:
                if isTerminal { write("\n") }
                return 0
            case .interrupted:
                // As Python's console: the line or block being typed is dropped.
                write("\nKeyboardInterrupt\n")
            case .code(let source):
                var input = Substring(source)
                while input.hasSuffix("\n") { input = input.dropLast() }
                inputs.append(String(input))
                runInteractive(source)
            case .help(let name):
                inputs.append(name + "?")
                runInteractive("help(\(name))")
            case .command(let line):
                inputs.append(line)
                if dispatch(line, cell: nil) == .quit { return 0 }
                if focus.endOfInput { return 0 }
            case .cellMagic(let header, let body):
                inputs.append(header + "\n" + body)
                if dispatch(header, cell: body) == .quit { return 0 }
            }
        }
    }

    // MARK: Services for commands

    /// Writes to standard output.
    public func write(_ text: String) { TerminalIO.write(text, to: 1) }

    /// Writes an error to standard error, red on a colour terminal.
    public func writeError(_ text: String) { TerminalIO.write(style.red(text), to: 2) }

    /// Runs one input as if typed (echoing a bare expression; `%magic` lines included).
    @discardableResult
    public func runInteractive(_ source: String) -> InputResult {
        _ = signals.interrupt.consume()
        defer { _ = signals.interrupt.consume() }
        return session.runInteractive(source, filename: "<stdin>")
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

    /// Feeds lines to the prompt as if they were pasted (`%load`).
    public func enqueueInput(_ lines: [String]) { reader.enqueue(lines) }

    /// Asks a yes/no question on the prompt; anything but y/yes is no.
    public func confirm(_ question: String) -> Bool {
        guard case .line(let answer) = source.readLine(.question(question)) else { return false }
        return ["y", "yes"].contains(answer.trimmingWhitespace.lowercased())
    }

    /// The next statement, command or magic typed at the prompt.
    func readEntry() -> Entry { reader.next() }

    /// Reads one line that starts out holding `prefill` (a lesson's cell), kept in the history.
    func readLine(_ prompt: Prompt, prefill: String) -> LineInput {
        let input = source.readLine(prompt, prefill: prefill)
        if case .line(let line) = input { source.remember(line) }
        return input
    }

    /// Runs a `:command`, `%magic` or `%%magic` cell as typed.
    func dispatch(_ line: String, cell: String?) -> ShellCommand.Outcome {
        let kind: ShellCommand.Kind
        var rest = Substring(line)
        if rest.hasPrefix("%%") {
            kind = .cellMagic
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("%") {
            kind = .lineMagic
            rest = rest.dropFirst()
        } else {
            kind = .shell
            rest = rest.dropFirst()
        }
        let name = String(rest.prefix { !$0.isWhitespace })
        let argument = rest.dropFirst(name.count).trimmingWhitespace
        if let command = commands.lookup(kind, name) { return command.action(self, argument, cell) }
        switch kind {
        case .lineMagic:
            runInteractive(line)
        case .cellMagic:
            runInteractive(line + "\n" + (cell ?? ""))
        case .shell:
            writeError("Unknown command `:\(name)`. Type :help for the commands.\n")
        }
        return .proceed
    }
}

extension InteractiveShell {
    /// Starts a session whose Ctrl-C handler stops running statements, imports jax, jnp and np
    /// as the lab's first cell does, and runs the shell; returns the exit status.
    public static func startSession(version: String) -> Int32 {
        let style = TerminalStyle.detect()
        let session = Session(sink: ConsoleSink(style: style), interrupt: ShellSignals.shared.interrupt)
        let shell = InteractiveShell(session: session, version: version, style: style)
        shell.importLabModules()
        return shell.run()
    }
}
