#if canImport(Glibc)
import Glibc
#endif
import Language

/// The shell's own commands (`:help`, `:quit`, `:clear`) and the IPython magics that talk to
/// the user or the shell (`%reset`, `%history`, `%load`, `%run`); the session runs the others.
enum BuiltinCommands {
    static func register(in registry: CommandRegistry) {
        registry.register(ShellCommand(name: "help", kind: .shell, summary: "Show this help") { shell, _, _ in
            shell.write(helpText(shell.commands))
            return .proceed
        })
        registry.register(ShellCommand(name: "quit", kind: .shell, summary: "Leave jaxlab (also Ctrl-D)") { _, _, _ in
            .quit
        })
        registry.register(ShellCommand(name: "clear", kind: .shell, summary: "Clear the screen") { shell, _, _ in
            if shell.isTerminal { shell.write("\u{1B}[H\u{1B}[2J\u{1B}[3J") }
            return .proceed
        })
        registry.register(ShellCommand(name: "reset", kind: .lineMagic,
                                       summary: "Delete your variables (-f: without asking)") { shell, argument, _ in
            let force = argument.split(separator: " ").contains("-f")
            if force || shell.confirm("Once deleted, variables cannot be recovered. Proceed (y/[n])? ") {
                let names = shell.session.globalVariables().map(\.name).filter { !shell.session.startupNames.contains($0) }
                if !names.isEmpty { shell.runScript("del " + names.joined(separator: ", ") + "\n", filename: "<reset>") }
            } else {
                shell.write("Nothing done.\n")
            }
            return .proceed
        })
        registry.register(ShellCommand(name: "history", kind: .lineMagic,
                                       summary: "Show this session's input (-n: with numbers)") { shell, argument, _ in
            let numbered = argument.split(separator: " ").contains("-n")
            for (index, input) in shell.inputs.enumerated() {
                if numbered {
                    let number = String(index + 1)
                    let label = String(repeating: " ", count: max(0, 4 - number.count)) + number + ":"
                    shell.write(label + (input.contains("\n") ? "\n" : " ") + input + "\n")
                } else {
                    shell.write(input + "\n")
                }
            }
            return .proceed
        })
        registry.register(ShellCommand(name: "load", kind: .lineMagic,
                                       summary: "Show a file's code at the prompt and run it") { shell, argument, _ in
            guard let text = readFile(shell, argument) else { return .proceed }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            shell.enqueueInput(["# %load \(argument)"] + lines + [""])
            return .proceed
        })
        registry.register(ShellCommand(name: "run", kind: .lineMagic,
                                       summary: "Run a Python file in this session") { shell, argument, _ in
            if let text = readFile(shell, argument) { shell.runScript(text, filename: argument) }
            return .proceed
        })
    }

    static func helpText(_ commands: CommandRegistry) -> String {
        var text = """
        Type Python as in the lab's notebook: jax, jnp (jax.numpy) and np (numpy) are imported.
        A line ending in ':' or with open brackets continues; a blank line ends the block.
        name? shows help on a name. Tab completes; Up/Down search history by what you typed.
        Ctrl-C stops a running statement or clears the line; Ctrl-D on an empty line quits.

        Commands:

        """
        var entries = commands.all.map { ($0.kind.sigil + $0.name, $0.summary) }
        entries += Session.magics.map { (($0.isCellMagic ? "%%" : "%") + $0.name, $0.summary) }
        entries.sort { ($0.0.hasPrefix(":") ? 0 : 1, $0.0) < ($1.0.hasPrefix(":") ? 0 : 1, $1.0) }
        let width = entries.map(\.0.count).max() ?? 0
        for (label, summary) in entries {
            text += "  " + label + String(repeating: " ", count: width - label.count + 2) + summary + "\n"
        }
        return text
    }

    /// A file's text, or nil after printing IPython's error when it cannot be read.
    private static func readFile(_ shell: InteractiveShell, _ argument: String) -> String? {
        var path = argument.trimmingWhitespace
        if path.count >= 2, let quote = path.first, quote == "'" || quote == "\"", path.last == quote {
            path = String(path.dropFirst().dropLast())
        }
        guard !path.isEmpty else {
            shell.writeError("UsageError: a file name is needed.\n")
            return nil
        }
        guard let file = fopen(path, "r") else {
            shell.writeError("ERROR: File `'\(path)'` not found.\n")
            return nil
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
