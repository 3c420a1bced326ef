import ArgumentParser
import Foundation
import Language

/// `jaxlab run FILE`: runs a Python script like `python FILE`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Python script the way `python FILE` would."
    )

    @Argument(help: "The script to run.")
    var file: String

    func run() throws {
        let source: String
        switch SourceFile.read(file) {
        case .success(let text):
            source = text
        case .failure(.notUTF8(let byte, let line)):
            // Python reads nothing of such a file: a SyntaxError naming the line, status 1
            RunCommand.writeError("SyntaxError: " + SourceFile.syntaxErrorMessage(byte, line: line, path: file) + "\n")
            throw ExitCode(1)
        case .failure(let error):
            RunCommand.writeError("jaxlab: can't open file '\(file)': \(RunCommand.reason(error))\n")
            throw ExitCode(2)
        }
        let sink = StandardStreamSink()
        let session = Session(sink: sink)
        // flushed after every statement, so what ran is printed even if the process dies next
        session.afterStatement = { sink.flush() }
        let result = session.runFile(source, filename: file)
        sink.flush()
        if let status = result.exitStatus { throw ExitCode(status) }
        if !result.succeeded { throw ExitCode(1) }
    }

    /// Python's words for why a file cannot be opened.
    static func reason(_ error: SourceFileError) -> String {
        switch error {
        case .notFound: "[Errno 2] No such file or directory"
        case .directory: "[Errno 21] Is a directory"
        case .notRegular: "not a regular file"
        case .tooLarge: "larger than \(SourceFile.limit >> 20) MB"
        case .unreadable(let code): "[Errno \(code)] " + String(cString: strerror(code))
        case .notUTF8: "not UTF-8"
        }
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
