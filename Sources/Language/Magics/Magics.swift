import JaxCore

/// IPython's magics that compute something, run by the session itself so that the shell, a
/// lesson's replay and tests share them: `%timeit`, `%%timeit`, `%time`, `%%time`, `%who` and
/// `%whos`. (The shell adds its own for history, files and confirmation prompts.)
public struct MagicCommand: Sendable {
    public let name: String
    /// True for the `%%name` form, whose body is the rest of the cell.
    public let isCellMagic: Bool
    /// One line for the shell's `:help`.
    public let summary: String
}

extension Session {
    /// The magics `runInteractive` understands, for help and completion.
    public static let magics: [MagicCommand] = [
        MagicCommand(name: "timeit", isCellMagic: false, summary: "Time a statement: mean ± std. dev. over repeated runs"),
        MagicCommand(name: "timeit", isCellMagic: true, summary: "Time the cell (the first line's statement is setup)"),
        MagicCommand(name: "time", isCellMagic: false, summary: "Run a statement once and print its CPU and wall time"),
        MagicCommand(name: "time", isCellMagic: true, summary: "Run the cell once and print its CPU and wall time"),
        MagicCommand(name: "who", isCellMagic: false, summary: "List your variables"),
        MagicCommand(name: "whos", isCellMagic: false, summary: "List your variables with type and value"),
    ]

    /// Runs `%name argument` (or `%%name argument` with `cell`); false when it failed.
    func runMagic(_ name: String, argument: String, cell: String?) -> Bool {
        interpreter.calledFunctions?.insert((cell == nil ? "%" : "%%") + name)
        switch (name, cell) {
        case ("timeit", nil):
            let options = TimeitOptions(parsing: argument)
            return timeit(statement: options.rest, setup: nil, options: options)
        case ("timeit", let body?):
            let options = TimeitOptions(parsing: argument)
            return timeit(statement: body, setup: options.rest.isEmpty ? nil : options.rest, options: options)
        case ("time", nil):
            return time { execute(argument, filename: "<timed statement>", echo: true) }
        case ("time", let body?):
            return time { execute(body, filename: "<timed cell>", echo: false) }
        case ("who", nil):
            who(types: argument.split(separator: " ").map(String.init))
            return true
        case ("whos", nil):
            whos()
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

    /// IPython's `%who`: names separated by tabs, nine to a line.
    private func who(types: [String]) {
        let variables = userVariables().filter { types.isEmpty || types.contains($0.typeName) }
        guard !variables.isEmpty else {
            sink.write(types.isEmpty ? "Interactive namespace is empty.\n" : "No variables match your requested type.\n")
            return
        }
        var text = ""
        for (index, variable) in variables.enumerated() {
            text += variable.name + "\t "
            if index % 9 == 8 { text += "\n" }
        }
        sink.write(text + "\n")
    }

    /// IPython's `%whos` table: name, type, and the value shortened to 50 characters.
    private func whos() {
        let variables = userVariables()
        guard !variables.isEmpty else {
            sink.write("Interactive namespace is empty.\n")
            return
        }
        let nameWidth = max(variables.map(\.name.count).max() ?? 0, "Variable".count) + 3
        let typeWidth = max(variables.map(\.typeName.count).max() ?? 0, "Type".count) + 3
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
        var text = pad("Variable", nameWidth) + pad("Type", typeWidth) + " Data/Info\n"
        text += String(repeating: "-", count: nameWidth + typeWidth + "Data/Info".count + 1) + "\n"
        for variable in variables {
            var value = variable.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
            if value.count >= 50 { value = String(value.prefix(25)) + "<...>" + String(value.suffix(25)) }
            text += pad(variable.name, nameWidth) + pad(variable.typeName, typeWidth) + " " + value + "\n"
        }
        sink.write(text)
    }

    /// The user's own variables as `%who` lists them: not `_`-prefixed, not the start-up imports.
    public func userVariables() -> [(name: String, typeName: String, text: String)] {
        globalVariables().filter { !$0.name.hasPrefix("_") && !startupNames.contains($0.name) }
    }
}
