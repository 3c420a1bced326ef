import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Appends a student's inputs to an answer log (JSON lines, as `jaxlab replay --answers`
/// reads), one write per line, so an interrupted session keeps every line before it.
public final class AnswerRecorder {
    public let path: String
    private let descriptor: Int32

    /// Nil when the log cannot be opened.
    public init?(path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        self.path = path
    }

    deinit { close(descriptor) }

    /// The default log of a lesson in the state folder.
    public static func defaultPath(lessonID: String, stateFolder: String = StateFolder.path()) -> String {
        stateFolder + "/answers/" + lessonID + ".jsonl"
    }

    public func record(_ entry: AnswerLogEntry) {
        let bytes = Array(entry.line.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
