import Foundation
import Language
import Tutor

/// `:lesson [NAME]` in the shell, and the start of `jaxlab lesson`: finding a lesson, walking
/// it, and going on to the next one the student chooses.
enum LessonCommands {
    static func register(in registry: CommandRegistry) {
        registry.register(ShellCommand(name: "lesson", kind: .shell,
                                       summary: "Start or resume a lesson (without a name: choose one)") { shell, argument, _ in
            let exit = walk(shell, reference: argument.isEmpty ? nil : argument, record: nil)
            if exit == .endOfInput {
                shell.focus.endOfInput = true
                return .quit
            }
            shell.write("Back at the shell; your lesson progress is saved.\n")
            return .proceed
        })
    }

    /// Walks the named lesson (or asks which), then any the student switches to; returns how
    /// the last walk ended (nil reference and no choice: `.quit`).
    @discardableResult
    static func walk(_ shell: InteractiveShell, reference: String?, record: String?,
                     store: ProgressStore = ProgressStore()) -> LessonScreen.Exit {
        var next = reference ?? LessonMenu(shell: shell, store: store).choose()
        while let name = next {
            guard let lesson = load(name, shell: shell) else { return .quit }
            let exit = LessonScreen(shell: shell, lesson: lesson, store: store, recordPath: record).run()
            guard case .switchTo(let other) = exit else { return exit }
            next = other
        }
        return .quit
    }

    /// The lesson, or nil after telling why it cannot be used.
    static func load(_ reference: String, shell: InteractiveShell) -> Lesson? {
        guard let source = LessonLibrary.standard().find(reference) else {
            shell.writeError("No lesson `\(reference)`: `jaxlab lesson` lists them, or give a lesson file's path.\n")
            return nil
        }
        switch Result(catching: { () throws(LessonError) -> Lesson in try LessonLibrary.load(source) }) {
        case .success(let lesson):
            return lesson
        case .failure(let error):
            shell.writeError(error.description + "\n")
            return nil
        }
    }
}

extension InteractiveShell {
    /// `jaxlab lesson [NAME]`: walks lessons on the terminal until the student quits; returns
    /// the exit status (1 when the lesson named cannot be loaded).
    public static func startLesson(_ reference: String?, record: String?, version: String) -> Int32 {
        let style = TerminalStyle.detect()
        let session = Session(sink: ConsoleSink(style: style), interrupt: ShellSignals.shared.interrupt)
        let shell = InteractiveShell(session: session, version: version, style: style)
        if let reference, LessonCommands.load(reference, shell: shell) == nil { return 1 }
        LessonCommands.walk(shell, reference: reference, record: record)
        return 0
    }
}
