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
        guard let data = FileManager.default.contents(atPath: file), let source = String(data: data, encoding: .utf8) else {
            FileHandle.standardError.write(Data("jaxlab: can't open file '\(file)': No such file or readable UTF-8 text\n".utf8))
            throw ExitCode(2)
        }
        let sink = StandardStreamSink()
        let session = Session(sink: sink)
        let succeeded = session.runScript(source, filename: file)
        sink.flush()
        if !succeeded { throw ExitCode(1) }
    }
}
