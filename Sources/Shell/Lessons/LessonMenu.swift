import Tutor

/// The lessons with each one's progress, and the student's choice among them.
struct LessonMenu {
    let shell: InteractiveShell
    let store: ProgressStore

    private var library: LessonLibrary { .standard() }

    /// One line per lesson: number, title, and how far the student got.
    func lines() -> [String] {
        library.sources.enumerated().map { index, source in
            let number = String(index + 1)
            let pad = String(repeating: " ", count: max(0, 3 - number.count))
            guard case .success(let lesson) = Result(catching: { () throws(LessonError) -> Lesson in try LessonLibrary.load(source) }) else {
                return pad + number + "  " + source.name + "  (does not load; `jaxlab replay " + source.location + " --check` says why)"
            }
            var line = pad + number + "  " + lesson.title
            if let saved = store.load(lesson.id) {
                let done = saved.step == LessonWalker.finishedStepID ? "finished" : "step \(min(saved.stepsDone + 1, lesson.steps.count)) of \(lesson.steps.count)"
                line += " · \(done), \(saved.tasksPassed) of \(lesson.tasks.count) tasks passed"
            } else {
                line += " · not started (\(lesson.steps.count) steps, \(lesson.tasks.count) tasks)"
            }
            return line
        }
    }

    /// Shows the menu and asks; the chosen lesson's file name, or nil (Enter, q, Ctrl-C, Ctrl-D).
    func choose() -> String? {
        let sources = library.sources
        shell.write(shell.style.bold("Lessons") + "\n" + lines().joined(separator: "\n") + "\n")
        guard !sources.isEmpty else { return nil }
        while true {
            guard case .line(let answer) = shell.readLine(.question("Lesson number or name (Enter to cancel): "), prefill: "") else {
                return nil
            }
            let choice = answer.trimmingWhitespace
            if choice.isEmpty || choice == "q" { return nil }
            if let number = Int(choice), number >= 1, number <= sources.count { return sources[number - 1].name }
            if let source = library.find(choice) { return source.location }
            shell.write("No lesson `\(choice)`.\n")
        }
    }
}
