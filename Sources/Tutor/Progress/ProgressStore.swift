import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Saved progress, one JSON file per lesson in `STATE/progress/`. A save writes a temporary
/// file, flushes it to disk, and renames it over the old one, so a crash, Ctrl-C or kill -9 at
/// any moment leaves either the old file or the new one, never a torn one.
public struct ProgressStore: Sendable {
    public let directory: String

    /// Where the environment variable `JAXLAB_FAULT` set to `kill-before-rename` makes a save
    /// kill its own process between writing and renaming (to test that nothing is lost).
    static let faultVariable = "JAXLAB_FAULT"

    public init(stateFolder: String = StateFolder.path()) {
        directory = stateFolder + "/progress"
    }

    public func path(for lessonID: String) -> String { directory + "/" + lessonID + ".json" }

    /// The saved progress of a lesson, or nil if there is none (or it cannot be read).
    public func load(_ lessonID: String) -> SavedProgress? {
        guard let data = FileManager.default.contents(atPath: path(for: lessonID)) else { return nil }
        return try? JSONDecoder().decode(SavedProgress.self, from: data)
    }

    /// Saves atomically; returns false (and keeps the old file) when it cannot.
    @discardableResult
    public func save(_ progress: SavedProgress) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(progress) else { return false }
        return ProgressStore.writeAtomically(data + Data("\n".utf8), to: path(for: progress.lesson))
    }

    /// Temporary files of saves that never reached their rename (the process was killed).
    private static func removeLeftovers(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            unlink(folder + "/" + name)
        }
    }

    /// Writes `data` to a temporary file beside `path`, fsyncs it, renames it over `path`
    /// and fsyncs the folder.
    static func writeAtomically(_ data: Data, to path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return false }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count > 0 {
                    offset += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
        guard written, fsync(descriptor) == 0 else {
            close(descriptor)
            unlink(temporary)
            return false
        }
        close(descriptor)
        if ProcessInfo.processInfo.environment[faultVariable] == "kill-before-rename" { kill(getpid(), SIGKILL) }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
        removeLeftovers(of: path)
        return true
    }
}
