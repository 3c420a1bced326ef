import ArgumentParser
import Foundation
import Tutor

/// `jaxlab lesson`: the lessons, and `jaxlab lesson new --from NOTEBOOK` to start a new one.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "List the lessons, or make a new one from a notebook.",
        subcommands: [NewLessonCommand.self]
    )

    func run() throws {
        try reportingFailures {
            let library = LessonLibrary.standard()
            for source in library.sources {
                switch Result(catching: { () throws(LessonError) -> Lesson in try LessonLibrary.load(source) }) {
                case .success(let lesson):
                    print("\(source.name.dropLast(3))  \(lesson.title) (\(lesson.steps.count) steps, \(lesson.tasks.count) tasks)")
                case .failure(let error):
                    print("\(source.name.dropLast(3))  (does not load: \(error.problems.first?.description ?? "?"))")
                }
            }
        }
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
