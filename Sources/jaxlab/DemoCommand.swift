import ArgumentParser
import Shell

/// `jaxlab demo LESSON`: a lesson presented step by step, for a projector.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Present a lesson on a projector, a step per screen.",
        discussion: """
        Keys: Enter or Space runs the cell, then goes on; b back; r re-run; e edit the cell \\
        before running; s reveal a task's solution; i the live shell with the lesson's names \\
        (:resume comes back); g go to a step; q quit. Ctrl-C stops a running cell.
        """
    )

    @Argument(help: "The lesson: a file, or a name or number from `jaxlab lesson`.")
    var lesson: String

    @Flag(help: "Show code at once instead of typing it out.")
    var noTyping = false

    @Option(help: "Typing speed in characters per second.")
    var speed: Double = 40

    @Option(help: "Start at this step (1 is the first).")
    var from: Int = 1

    func run() throws {
        let status = InteractiveShell.startDemo(lesson, typingSpeed: noTyping ? nil : speed, from: from, version: Jaxlab.version)
        if status != 0 { throw ExitCode(status) }
    }
}
