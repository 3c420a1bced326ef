import JaxCore

/// IPython's magics, run by the session itself so that the shell, piped input, a lesson's
/// replay and tests share them (the shell adds only its `:` commands).
public struct MagicCommand: Sendable {
    public let name: String
    /// True for the `%%name` form, whose body is the rest of the cell.
    public let isCellMagic: Bool
    /// One line for the shell's `:help` and `%magic`.
    public let summary: String
}

extension Session {
    /// The magics `runInteractive` and `runCell` understand, for help and completion.
    public static let magics: [MagicCommand] = [
        MagicCommand(name: "cd", isCellMagic: false, summary: "Change the working folder (no argument: your home)"),
        MagicCommand(name: "edit", isCellMagic: false, summary: "Edit the last cell (or cell N, or a file) in $EDITOR, then run it"),
        MagicCommand(name: "explain", isCellMagic: false, summary: "Show what jax.jit compiles for a call: passes, fused loops, bytes moved"),
        MagicCommand(name: "history", isCellMagic: false, summary: "Show the cells typed (-n numbers, -l N last N, -f FILE, ranges 1-3 5)"),
        MagicCommand(name: "load", isCellMagic: false, summary: "Put a file's code at the prompt to edit and run"),
        MagicCommand(name: "lsmagic", isCellMagic: false, summary: "List the magics"),
        MagicCommand(name: "magic", isCellMagic: false, summary: "Explain the magics"),
        MagicCommand(name: "pwd", isCellMagic: false, summary: "Show the working folder"),
        MagicCommand(name: "reset", isCellMagic: false, summary: "Delete your variables (-f: without asking)"),
        MagicCommand(name: "run", isCellMagic: false, summary: "Run a Python file in this session"),
        MagicCommand(name: "save", isCellMagic: false, summary: "Save cells to a file: %save FILE 1-3 5"),
        MagicCommand(name: "time", isCellMagic: false, summary: "Run a statement once and print its CPU and wall time"),
        MagicCommand(name: "time", isCellMagic: true, summary: "Run the cell once and print its CPU and wall time"),
        MagicCommand(name: "timeit", isCellMagic: false, summary: "Time a statement: mean ± std. dev. over repeated runs"),
        MagicCommand(name: "timeit", isCellMagic: true, summary: "Time the cell (the first line's statement is setup)"),
        MagicCommand(name: "who", isCellMagic: false, summary: "List your variables"),
        MagicCommand(name: "whos", isCellMagic: false, summary: "List your variables with type and value"),
    ]

    /// Runs `%name argument` (or `%%name argument` with `cell`); false when it failed.
    func runMagic(_ name: String, argument: String, cell: String?) -> Bool {
        interpreter.calledFunctions?.insert((cell == nil ? "%" : "%%") + name)
        switch (name, cell) {
        case ("timeit", let body):
            guard let options = TimeitOptions(parsing: argument) else {
                usageError(#"option \#(TimeitOptions.unknownOption(argument)) not recognized ( allowed: "n:r:tcp:qo" )"#)
                return false
            }
            if let body { return timeit(statement: body, setup: options.rest.isEmpty ? nil : options.rest, options: options) }
            return timeit(statement: options.rest, setup: nil, options: options)
        case ("time", nil):
            return time(argument, filename: "<timed exec>", lastOnly: false)
        case ("time", let body?):
            return time(body, filename: "<timed exec>", lastOnly: true)
        case ("explain", nil):
            return explain(argument)
        case ("who", nil):
            who(types: argument.split(separator: " ").map(String.init))
            return true
        case ("whos", nil):
            whos()
            return true
        case ("reset", nil):
            reset(argument)
            return true
        case ("history", nil), ("hist", nil):
            return history(argument)
        case ("save", nil):
            return save(argument)
        case ("load", nil):
            return load(argument)
        case ("run", nil):
            return run(argument)
        case ("edit", nil):
            return edit(argument)
        case ("pwd", nil):
            return pwd()
        case ("cd", nil):
            return cd(argument)
        case ("lsmagic", nil):
            sink.write(Session.magicList())
            return true
        case ("magic", nil):
            sink.write(Session.magicHelp())
            return true
        default:
            let message = cell == nil ? "Line magic function `%\(name)` not found." : "Cell magic `%%\(name)` not found."
            usageError(message)
            return false
        }
    }

    /// IPython's `UsageError: ...` line, recorded as the input's outcome.
    func usageError(_ message: String) {
        lastException = PyException("UsageError", message)
        sink.writeError("UsageError: \(message)\n")
    }

    /// A failed magic reported as IPython shows the exception it raises: its last line.
    func magicError(_ kind: String, _ message: String) {
        lastException = PyException(kind, message)
        sink.writeError("\(kind): \(message)\n")
    }

    /// A magic's result shown as a cell's value (`%pwd`), as IPython shows it.
    func showValue(_ value: PyValue) {
        do throws(PyException) {
            if let hook = interpreter.displayHook {
                try hook(value)
            } else {
                sink.write(try interpreter.repr(value) + "\n")
            }
        } catch {
            report(error)
        }
    }

    /// `%lsmagic`: the magics by kind, as IPython lists them.
    static func magicList() -> String {
        let line = magics.filter { !$0.isCellMagic }.map { "%" + $0.name }
        let cell = magics.filter(\.isCellMagic).map { "%%" + $0.name }
        return "Available line magics:\n" + line.joined(separator: "  ") + "\n\n"
            + "Available cell magics:\n" + cell.joined(separator: "  ") + "\n\n"
            + "Automagic is OFF, % prefix IS needed for line magics.\n"
    }

    /// `%magic`: what magics are, and each one in a line.
    static func magicHelp() -> String {
        var text = """
        Magics are commands for the shell itself, written with a % in front: a line magic
        (%timeit x + 1) works on the rest of its line; a cell magic (%%timeit) on the lines of the
        cell below it, up to a blank line. name? shows help on a name; name?? its source.


        """
        let labels = magics.map { ($0.isCellMagic ? "%%" : "%") + $0.name }
        let width = (labels.map(\.count).max() ?? 0) + 2
        for (label, magic) in zip(labels, magics) {
            text += label + String(repeating: " ", count: width - label.count) + magic.summary + "\n"
        }
        return text
    }
}
