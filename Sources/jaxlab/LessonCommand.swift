import ArgumentParser
import Foundation
import Shell
import Tutor

/// `jaxlab lesson [NAME]`: walk a lesson (without a name: choose from the menu), and
/// `jaxlab lesson new --from NOTEBOOK` to start a new one.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Walk through a lesson (without a name: choose one), or make a new one from a notebook.",
        subcommands: [WalkLessonCommand.self, NewLessonCommand.self],
        defaultSubcommand: WalkLessonCommand.self
    )
}

/// `jaxlab lesson [NAME]`: the walker on the terminal.
struct WalkLessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk",
        abstract: "Walk through a lesson (the default: `jaxlab lesson NAME`).",
        discussion: """
        Progress is saved after every step in $XDG_STATE_HOME/jaxlab/progress/ (default \
        ~/.local/state/jaxlab/), and your inputs are recorded in answers/LESSON.jsonl there \
        (or in --record LOG), in the form that `jaxlab replay LESSON --answers LOG` grades.
        """
    )

    @Argument(help: "The lesson: a file, or a name or number from the menu.")
    var name: String?

    @Option(help: "Record your inputs in this answer log instead of the state folder's.")
    var record: String?

    func run() throws {
        let status = InteractiveShell.startLesson(name, record: record, version: Jaxlab.version)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `jaxlab lesson new --from NOTEBOOK`: a lesson skeleton from a notebook or a lab's text export.
struct NewLessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a lesson skeleton from a Jupyter notebook (.ipynb) or a lab's text export.",
        discussion: """
        Markdown cells become text and code cells become example cells; a code cell after a
        "**Task**:" paragraph becomes a task whose check and hints say TODO. The lesson loads
        once those are filled in; `jaxlab replay FILE --check` says what is left.
        """
    )

    @Option(help: "The notebook (.ipynb) or text export (In [ ]: before each code cell).")
    var from: String

    @Option(name: .shortAndLong, help: "Where to write the lesson (default: Lessons/NAME.md, or NAME.md without a Lessons folder).")
    var output: String?

    @Option(help: "The lesson's id (default: from the file name).")
    var id: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func run() throws {
        try reportingFailures {
            guard let data = FileManager.default.contents(atPath: from) else {
                throw CommandFailure("jaxlab: cannot read \(from)")
            }
            let cells: [ImportedCell]
            if from.hasSuffix(".ipynb") {
                switch Result(catching: { () throws(NotebookReader.Failure) -> [ImportedCell] in
                    try NotebookReader.cells(from: data, file: from)
                }) {
                case .success(let read): cells = read
                case .failure(let error): throw CommandFailure("jaxlab: " + error.description)
                }
            } else {
                cells = LabTextReader.cells(from: String(decoding: data, as: UTF8.self))
            }
            let lessonID = id ?? LessonSkeleton.id(fromFileName: from)
            let skeleton = LessonSkeleton.make(cells, id: lessonID, fallbackTitle: lessonID)
            var isDirectory: ObjCBool = false
            let hasLessons = FileManager.default.fileExists(atPath: "Lessons", isDirectory: &isDirectory) && isDirectory.boolValue
            let path = output ?? (hasLessons ? "Lessons/" : "") + lessonID + ".md"
            if FileManager.default.fileExists(atPath: path) && !force {
                throw CommandFailure("jaxlab: \(path) exists; choose another --output, or --force to replace it")
            }
            guard FileManager.default.createFile(atPath: path, contents: Data(skeleton.text.utf8)) else {
                throw CommandFailure("jaxlab: cannot write \(path)")
            }
            print("wrote \(path): \(skeleton.cells) example cells and \(skeleton.tasks) tasks")
            if skeleton.tasks > 0 {
                print("Fill in each task's check and hints (marked TODO); `jaxlab replay \(path) --check` says what is left.")
            }
        }
    }
}
