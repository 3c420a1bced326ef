#if canImport(Glibc)
import Glibc
#endif

/// The history file's format and the careful file operations behind `HistoryStore`: reads that
/// never block, appends that are one write each, a lock that is given up on rather than waited
/// for forever.
enum HistoryFile {
    /// The first line of libedit's format, which earlier versions wrote.
    static let libeditMagic = "_HiStOrY_V2_"

    /// One entry: each line after `> ` (an empty line as `>`), then a blank line.
    static func format(_ cell: String) -> String {
        cell.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">\n" : "> " + $0 + "\n" }.joined() + "\n"
    }

    /// The entries in a file's text. Other lines (the header, comments) are skipped; an entry
    /// not ended by its blank line (still being written) is left out.
    static func parse(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        var entries: [String] = []
        var current: [Substring] = []
        var inEntry = false
        for line in lines {
            if line.hasPrefix("> ") {
                current.append(line.dropFirst(2))
                inEntry = true
            } else if line == ">" {
                current.append("")
                inEntry = true
            } else {
                if line.isEmpty && inEntry { entries.append(current.joined(separator: "\n")) }
                current = []
                inEntry = false
            }
        }
        return entries
    }

    /// The entries of a libedit history file: one per line, with `\040`-style octal escapes.
    static func parseLibedit(_ text: String) -> [String] {
        text.split(separator: "\n").dropFirst().map { line in
            let bytes = Array(line.utf8)
            var decoded: [UInt8] = []
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\"), index + 3 < bytes.count, let value = octal(bytes[(index + 1)...(index + 3)]) {
                    decoded.append(value)
                    index += 4
                } else if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
                    decoded.append(byte)
                    index += 2
                } else {
                    decoded.append(byte)
                    index += 1
                }
            }
            return String(decoding: decoded, as: UTF8.self)
        }.filter { !$0.isEmpty }
    }

    private static func octal(_ digits: ArraySlice<UInt8>) -> UInt8? {
        guard digits.count == 3 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { return nil }
            value = value * 8 + Int(digit - UInt8(ascii: "0"))
        }
        return value < 256 ? UInt8(value) : nil
    }

    /// The file's text (its last `HistoryStore.maxFileBytes`), nil when there is no file yet,
    /// or why it cannot be used. Opened without blocking: a FIFO is refused, never waited on.
    static func read(_ path: String) -> Result<String?, HistoryProblem> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return .success(nil) }
            return .failure(HistoryProblem("the history file \(path) cannot be read"))
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(HistoryProblem("\(path) is not a regular file, so the history is not kept"))
        }
        let limit = HistoryStore.maxFileBytes
        let skipped = status.st_size > limit
        if skipped { lseek(fd, off_t(status.st_size) - off_t(limit), SEEK_SET) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<min(count, limit - bytes.count)])
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if skipped, let boundary = text.range(of: "\n\n") {
            // the first entry read may be cut: start after the first blank line
            text = String(text[boundary.upperBound...])
        }
        return .success(text)
    }

    /// Appends `text` with one write (the header first when the file is new); false when the
    /// file cannot be written or is not a regular file.
    static func append(_ text: String, to path: String, headerIfNew header: String) -> Bool {
        var fd = open(path, O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 && errno == ENOENT {
            if create(path, header + "\n\n" + text) { return true }
            fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0o600)
        }
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        return writeAll(fd, (status.st_size == 0 ? header + "\n\n" : separator(fd, size: status.st_size)) + text)
    }

    /// Makes a new file appear whole: written under another name, then linked to `path`, so
    /// another shell never reads it empty. False when `path` exists by then or links cannot
    /// be made there (the caller then appends as usual).
    private static func create(_ path: String, _ text: String) -> Bool {
        let temporary = path + ".\(getpid()).new"
        defer { unlink(temporary) }
        return writeNew(text, to: temporary) && link(temporary, path) == 0
    }

    /// What must precede a new entry so that it starts one: nothing after a blank line (the
    /// end of the last entry), otherwise a line that ends the cut entry a damaged file ends with,
    /// which `parse` then drops, instead of the new entry being read as its last lines.
    private static func separator(_ fd: Int32, size: off_t) -> String {
        var last: [UInt8] = [0, 0]
        let count = size >= 2 ? last.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 2, size - 2) } : 0
        if count == 2 && last == [10, 10] { return "" }
        return (count == 2 && last[1] == 10 ? "" : "\n") + "#\n"
    }

    /// Writes a new file (replacing one of that name).
    static func writeNew(_ text: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return writeAll(fd, text)
    }

    private static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(written)
        }
        return true
    }

    /// Runs `body` holding the history's lock (`PATH.lock`). The lock is tried for at most
    /// about 200 ms: a shell stopped while holding it must not stop the others.
    static func withLock<T>(_ path: String, _ body: () -> T) -> T {
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return body() }
        defer { close(fd) }
        var locked = false
        for _ in 0..<100 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                locked = true
                break
            }
            usleep(2_000)
        }
        defer { if locked { flock(fd, LOCK_UN) } }
        return body()
    }

    static func createParentDirectory(of path: String) {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += "/" + component
            _ = mkdir(prefix, 0o700)
        }
    }
}

/// Why the history file is not used.
struct HistoryProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
