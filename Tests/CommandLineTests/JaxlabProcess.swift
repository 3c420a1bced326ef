import Foundation
import XCTest

/// Runs the built `jaxlab` binary as a user would from a shell, without a terminal.
enum JaxlabProcess {
    /// What a run printed and how it ended.
    struct Outcome {
        var output: String
        var errors: String
        var status: Int32
    }

    /// The package's root folder (tests read `Lessons/` and test data from it).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The built `jaxlab` next to the test bundle, or `$JAXLAB_BINARY`.
    static var binaryPath: String {
        if let path = ProcessInfo.processInfo.environment["JAXLAB_BINARY"] { return path }
        let bundle = CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: bundle).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("jaxlab").path
    }

    /// Runs `jaxlab ARGUMENTS` in `directory` with `input` on standard input.
    static func run(_ arguments: [String], in directory: String = packageRoot, input: String = "",
                    environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryPath)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // output goes to files, not pipes, so a long output never blocks the child
        let directory = try temporaryDirectory("run")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outputPath = directory + "/stdout", errorPath = directory + "/stderr", inputPath = directory + "/stdin"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        _ = FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputPath))
        try process.run()
        process.waitUntilExit()
        return Outcome(output: try String(contentsOfFile: outputPath, encoding: .utf8),
                       errors: try String(contentsOfFile: errorPath, encoding: .utf8),
                       status: process.terminationStatus)
    }

    /// A fresh temporary folder for one test.
    static func temporaryDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "jaxlab-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
