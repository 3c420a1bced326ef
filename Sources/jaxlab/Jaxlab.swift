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
        subcommands: [RunCommand.self, ReplayCommand.self, LessonCommand.self, DemoCommand.self]
    )

    @Flag(name: .customLong("numbered"), help: "Number the prompts as IPython does (In [3]: / Out[3]:).")
    var numbered = false

    /// Without a subcommand: the shell, with line editing on a terminal and plain line reading
    /// from a pipe.
    func run() throws {
        let status = InteractiveShell.startSession(version: Jaxlab.version, numberedPrompts: numbered)
        if status != 0 { throw ExitCode(status) }
    }
}
