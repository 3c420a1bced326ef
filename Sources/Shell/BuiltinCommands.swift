import Language

/// The shell's own commands: `:help`, `:quit`, `:clear` and `:numbered`. (IPython's magics
/// run in the session; lessons add theirs.)
enum BuiltinCommands {
    static func register(in registry: CommandRegistry) {
        registry.register(ShellCommand(name: "help", kind: .shell, summary: "Show this help") { shell, _, _ in
            shell.write(helpText(shell.commands))
            return .proceed
        })
        registry.register(ShellCommand(name: "quit", kind: .shell, summary: "Leave jaxlab (also Ctrl-D, exit)") { _, _, _ in
            .quit
        })
        registry.register(ShellCommand(name: "clear", kind: .shell, summary: "Clear the screen") { shell, _, _ in
            if shell.isTerminal { shell.write("\u{1B}[H\u{1B}[2J\u{1B}[3J") }
            return .proceed
        })
        registry.register(ShellCommand(name: "numbered", kind: .shell,
                                       summary: "IPython's numbered prompts In [n]: / Out[n]: (:numbered off: >>>)") { shell, argument, _ in
            shell.numberedPrompts = argument.trimmingWhitespace != "off"
            return .proceed
        })
    }

    static func helpText(_ commands: CommandRegistry) -> String {
        var text = """
        Type Python as in the lab's notebook: jax, jnp (jax.numpy) and np (numpy) are imported.
        Enter runs the cell when it is complete; after a ':' or inside brackets it opens a new,
        indented line, and a blank line ends a block. A pasted cell runs as one when you press
        Enter. The value of a bare expression that ends a cell is shown (not after a ';') and
        kept in _, Out[n] and _n; In[n] holds the cells.
        name? shows help on a name, name?? its source. Tab completes; Up/Down move through the
        cell and then the history of cells (by what you typed); Ctrl-R searches the history.
        Ctrl-C stops a running cell or drops the one being typed; Ctrl-D, exit or :quit leave.

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
}
