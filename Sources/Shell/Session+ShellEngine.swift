import JaxCore
import Language

extension Session: ShellEngine {
    public func userVariables() -> [UserVariable] {
        globalVariables().map { UserVariable(name: $0.name, typeName: $0.typeName, summary: $0.text) }
    }
}

extension InteractiveShell {
    /// Starts a session whose Ctrl-C handler stops running statements, imports jax, jnp and np
    /// as the lab's first cell does, and runs the shell; returns the exit status.
    public static func startSession(version: String) -> Int32 {
        let style = TerminalStyle.detect()
        let context = JaxContext(interrupt: ShellSignals.shared.interrupt)
        let session = Session(sink: ConsoleSink(style: style), context: context)
        let shell = InteractiveShell(engine: session, version: version, style: style)
        shell.importLabModules()
        return shell.run()
    }
}
