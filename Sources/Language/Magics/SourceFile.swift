#if canImport(Glibc)
import Glibc
#endif

/// Why a Python file could not be read.
public enum SourceFileError: Error, Equatable, Sendable {
    case notFound
    case directory
    /// A FIFO, a device, a socket: reading it could block or never end.
    case notRegular
    case tooLarge
    /// Bytes that are not UTF-8: the first bad byte and its line (1-based).
    case notUTF8(byte: UInt8, line: Int)
    case unreadable(errno: Int32)
}

/// Reads the Python files that `jaxlab run`, `%run`, `%load` and `%edit` take: regular files
/// only (never a FIFO or /dev/zero, which would block or never end), at most `limit` bytes,
/// UTF-8 (a byte-order mark dropped) as Python requires.
public enum SourceFile {
    /// 10 MB: far more than any lab's code, small enough to read at once.
    public static let limit = 10 << 20

    public static func read(_ path: String) -> Result<String, SourceFileError> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let error = errno
            if error == ENOENT || error == ENOTDIR { return .failure(.notFound) }
            return .failure(.unreadable(errno: error))
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return .failure(.unreadable(errno: errno)) }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { return .failure(.directory) }
        guard kind == S_IFREG else { return .failure(.notRegular) }
        guard status.st_size <= limit else { return .failure(.tooLarge) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(.unreadable(errno: errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { return .failure(.tooLarge) }
        }
        return decode(bytes)
    }

    /// The text of UTF-8 bytes, or where the first byte that is not UTF-8 is.
    public static func decode(_ bytes: [UInt8]) -> Result<String, SourceFileError> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        var offset = body.startIndex
        var line = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == UInt8(ascii: "\n") { line += 1 }
                offset += encoded.count
            case .emptyInput:
                return .success(String(decoding: body, as: UTF8.self))
            case .error:
                return .failure(.notUTF8(byte: bytes[offset], line: line))
            }
        }
    }

    /// Python's message when a script cannot be read as source (`python FILE`).
    public static func syntaxErrorMessage(_ byte: UInt8, line: Int, path: String) -> String {
        let hex = String(byte, radix: 16)
        return "Non-UTF-8 code starting with '\\x\(hex.count < 2 ? "0" + hex : hex)' in file \(path) on line \(line), "
            + "but no encoding declared; see https://peps.python.org/pep-0263/ for details"
    }

    /// Writes `text` to a regular file (created if missing; never a FIFO or a device).
    static func write(_ text: String, to path: String, append: Bool) -> Int32? {
        let fd = open(path, O_WRONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC | (append ? O_APPEND : 0), 0o644)
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return EINVAL }
        if !append { ftruncate(fd, 0) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }
}
