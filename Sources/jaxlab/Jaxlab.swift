import ArgumentParser
import Shell

/// The `jaxlab` command: a teaching shell for the ideas of JAX.
@main
struct Jaxlab: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "jaxlab",
        abstract: "A terminal teaching shell for the ideas of JAX.",
        version: version,
        subcommands: [RunCommand.self]
    )

    /// Without a subcommand: statements from piped input, otherwise the interactive shell.
    func run() throws {
        if !PipedInput.standardInputIsTerminal { return PipedInput.run() }
        let status = InteractiveShell.startSession(version: Jaxlab.version)
        if status != 0 { throw ExitCode(status) }
    }
}
