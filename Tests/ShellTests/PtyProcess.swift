#if canImport(Glibc)
import Glibc
#endif
import CPty
import XCTest

/// The jaxlab binary running on a pseudo-terminal, driven as a user would: reads are
/// poll-based with generous timeouts so the tests hold up on a busy machine.
final class PtyProcess {
    let pid: pid_t
    private let master: Int32
    /// Kept open to read the terminal's mode (ICANON) the way the child sees it.
    private let slave: Int32
    /// Everything the program wrote, with carriage returns removed.
    private(set) var output = ""
    /// What the terminal shows (everything written, applied to a screen).
    private(set) var screen: ScreenModel
    /// The start of a UTF-8 sequence the last read cut, kept for the next.
    private var partial: [UInt8] = []
    /// Where the next `expect` starts looking.
    private var mark: String.Index
    /// The last thing awaited was a prompt, and nothing was sent since.
    private var atPrompt = false
    private var exitStatus: Int32?
    /// The slave's settings before jaxlab started, to check it restores the terminal.
    private(set) var initialSettings = termios()
    /// The terminal answers cursor position queries (as every VT100-like terminal does).
    var answersCursorQueries = true

    /// Seconds for one expected piece of output; long because the other core may be busy.
    static let timeout: Double = 30

    /// The built `jaxlab` next to the test bundle, or `$JAXLAB_BINARY`.
    static var binaryPath: String {
        if let path = getenv("JAXLAB_BINARY") { return String(cString: path) }
        let bundle = CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? CommandLine.arguments[0]
        var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let directory = realpath(bundle, &resolved) != nil ? PtyProcess.string(resolved) : bundle
        return String(directory[..<(directory.lastIndex(of: "/") ?? directory.endIndex)]) + "/jaxlab"
    }

    private static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `errorsTo`: a file standard error goes to instead of the terminal (`jaxlab 2>FILE`);
    /// `reflows`: the terminal re-wraps its lines when resized (see `ScreenModel`).
    init(arguments: [String] = [], environment: [String: String] = [:], columns: UInt16 = 100, errorsTo: String? = nil,
         reflows: Bool = false) throws {
        screen = ScreenModel(columns: Int(columns), rows: 40, reflows: reflows)
        var name = [CChar](repeating: 0, count: 256)
        master = jl_pty_open(&name, name.count, 40, columns)
        guard master >= 0 else { throw PtyError("posix_openpt failed") }
        let slaveName = PtyProcess.string(name)
        slave = open(slaveName, O_RDWR | O_NOCTTY | O_CLOEXEC)
        tcgetattr(slave, &initialSettings)
        var env = ["TERM": "xterm", "NO_COLOR": "1", "LANG": "C.UTF-8", "HOME": "/tmp"]
        for (key, value) in environment { env[key] = value }
        let path = PtyProcess.binaryPath
        guard access(path, X_OK) == 0 else { throw PtyError("no jaxlab binary at \(path): build it first") }
        var command = [path] + arguments
        if let errorsTo {
            command = ["/bin/sh", "-c", #"file=$1; shift; exec "$0" "$@" 2>"$file""#, path, errorsTo] + arguments
        }
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        pid = jl_pty_spawn(slaveName, command[0], argv, envp)
        mark = output.startIndex
        guard pid > 0 else {
            close(master)
            close(slave)
            throw PtyError("posix_spawn failed")
        }
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
        close(slave)
    }

    /// Reads whatever arrives within `seconds`; returns false when nothing came.
    @discardableResult
    private func pump(_ seconds: Double) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(seconds * 1000)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        var bytes = partial + buffer[0..<count]
        partial = PtyProcess.cutSequence(bytes)
        bytes.removeLast(partial.count)
        let raw = String(decoding: bytes, as: UTF8.self)
        screen.apply(raw)
        // the terminal answers where its cursor is when asked
        for report in screen.takeReports() where answersCursorQueries { write(bytes: Array(report.utf8)) }
        // "\r\n" is one Character: drop the carriage returns as scalars.
        let text = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0 != "\r" }))
        let offset = output.distance(from: output.startIndex, to: mark)
        output += text
        mark = output.index(output.startIndex, offsetBy: offset)
        return true
    }

    /// The bytes at the end of `bytes` that start a UTF-8 sequence not yet complete.
    private static func cutSequence(_ bytes: [UInt8]) -> [UInt8] {
        for back in 1...min(3, bytes.count) {
            let byte = bytes[bytes.count - back]
            if byte & 0xC0 == 0x80 { continue }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return length > back ? Array(bytes.suffix(back)) : []
        }
        return []
    }

    /// Waits until `text` appears after the mark, then moves the mark past it.
    @discardableResult
    func expect(_ text: String, timeout: Double = PtyProcess.timeout,
                file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = TimeFormatClock.now() + timeout
        while true {
            if let range = output[mark...].range(of: text) {
                mark = range.upperBound
                atPrompt = false
                return true
            }
            let left = deadline - TimeFormatClock.now()
            if left <= 0 {
                XCTFail("timed out waiting for \(text.debugDescription); output since mark: "
                        + String(output[mark...]).debugDescription, file: file, line: line)
                return false
            }
            pump(min(left, 0.2))
        }
    }

    /// Waits until one of `texts` appears after the mark; moves the mark past it and returns
    /// its index (nil, after a failure, on timeout).
    @discardableResult
    func expectAny(_ texts: [String], timeout: Double = PtyProcess.timeout,
                   file: StaticString = #filePath, line: UInt = #line) -> Int? {
        let deadline = TimeFormatClock.now() + timeout
        while true {
            let found = texts.enumerated().compactMap { index, text in output[mark...].range(of: text).map { (index, $0) } }
            if let first = found.min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
                mark = first.1.upperBound
                atPrompt = false
                return first.0
            }
            let left = deadline - TimeFormatClock.now()
            if left <= 0 {
                XCTFail("timed out waiting for one of \(texts); output since mark: " + String(output[mark...]).debugDescription,
                        file: file, line: line)
                return nil
            }
            pump(min(left, 0.2))
        }
    }

    /// Waits until the screen shows `text` just before the cursor, at the end of its row: what
    /// was typed is drawn to its end. (Waiting for the text in the output can stop early: the
    /// editor's cursor movements, `ESC[39G`, hold digits too.)
    @discardableResult
    func expectCursor(after text: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = TimeFormatClock.now() + PtyProcess.timeout
        while true {
            let row = screen.lines[screen.row]
            if row.hasSuffix(text) && row.count == screen.column { return true }
            if TimeFormatClock.now() > deadline {
                XCTFail("the cursor never followed \(text.debugDescription); the screen:\n" + screen.lines.joined(separator: "\n"),
                        file: file, line: line)
                return false
            }
            pump(0.05)
        }
    }

    /// Waits until the screen shows what `condition` looks for; false when it never does.
    @discardableResult
    func waitForScreen(timeout: Double = PtyProcess.timeout, _ condition: (ScreenModel) -> Bool) -> Bool {
        let deadline = TimeFormatClock.now() + timeout
        while !condition(screen) {
            if TimeFormatClock.now() > deadline { return false }
            pump(0.05)
        }
        return true
    }

    /// Waits until the terminal is out of canonical mode (a prompt or a key is awaited).
    @discardableResult
    func waitForRawMode(file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = TimeFormatClock.now() + PtyProcess.timeout
        while jl_pty_is_raw(slave) != 1 {
            if TimeFormatClock.now() > deadline {
                XCTFail("the terminal never left canonical mode", file: file, line: line)
                return false
            }
            pump(0.01)
        }
        return true
    }

    /// Waits for the line editor's prompt: bracketed paste turned on and the text (which the
    /// editor writes when a read starts; the prompt's text alone also appears when it redraws
    /// the line just entered, before that line runs), then the terminal switched out of
    /// canonical mode (libedit prints the prompt before it switches; keys sent earlier are
    /// line-buffered).
    @discardableResult
    func expectPrompt(_ prompt: String = ">>> ", file: StaticString = #filePath, line: UInt = #line) -> Bool {
        // waiting twice for one prompt (before typing at it, say) finds the same prompt
        if !atPrompt {
            guard expect("\u{1B}[?2004h" + prompt, file: file, line: line) else { return false }
            atPrompt = true
        }
        return waitForRawMode(file: file, line: line)
    }

    /// Waits for the prompt drawn again within the same read (after a list of completions):
    /// its text, then the terminal out of canonical mode.
    @discardableResult
    func expectRedrawnPrompt(_ prompt: String = ">>> ", file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard expect(prompt, file: file, line: line) else { return false }
        return waitForRawMode(file: file, line: line)
    }

    /// Waits until the program has read everything sent to it.
    func waitUntilInputRead(file: StaticString = #filePath, line: UInt = #line) {
        let deadline = TimeFormatClock.now() + PtyProcess.timeout
        while jl_pty_unread(slave) > 0 {
            if TimeFormatClock.now() > deadline { return XCTFail("the input was never read", file: file, line: line) }
            pump(0.01)
        }
    }

    /// Waits until the terminal is back in canonical mode (a statement is running).
    func waitForCookedMode() {
        let deadline = TimeFormatClock.now() + PtyProcess.timeout
        while jl_pty_is_raw(slave) == 1 && TimeFormatClock.now() < deadline { pump(0.01) }
    }

    func send(_ text: String) { send(bytes: Array(text.utf8)) }

    /// Sends bytes as they are (which need not be UTF-8).
    func send(bytes: [UInt8]) {
        atPrompt = false
        write(bytes: bytes)
    }

    /// Writes to the program's input.
    private func write(bytes: [UInt8]) {
        var bytes = bytes
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(master, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written > 0 { offset += written } else if errno != EINTR && errno != EAGAIN { return }
        }
        bytes.removeAll()
    }

    /// Types a line at the prompt (after waiting for it) and presses Enter.
    func typeLine(_ text: String, prompt: String = ">>> ", file: StaticString = #filePath, line: UInt = #line) {
        expectPrompt(prompt, file: file, line: line)
        send(text + "\r")
    }

    /// Waits for the process to end; returns its exit status, or nil (after a failure) on timeout.
    func waitForExit(timeout: Double = PtyProcess.timeout, file: StaticString = #filePath, line: UInt = #line) -> Int32? {
        if let exitStatus { return exitStatus }
        let deadline = TimeFormatClock.now() + timeout
        while TimeFormatClock.now() < deadline {
            if let code = exitedStatus() {
                while pump(0.05) {}
                return code
            }
            pump(0.05)
        }
        XCTFail("jaxlab did not exit; output: " + output.debugDescription, file: file, line: line)
        return nil
    }

    /// The terminal settings as `stty -a` would compare them.
    func terminalSettings() -> termios {
        var settings = termios()
        tcgetattr(slave, &settings)
        return settings
    }

    /// Changes the terminal's settings as another program (a job-control shell) would.
    func setTerminalSettings(_ settings: termios) {
        var settings = settings
        tcsetattr(slave, TCSANOW, &settings)
    }

    func resize(rows: UInt16, columns: UInt16) {
        while pump(0) {}
        screen.resize(columns: Int(columns), rows: Int(rows))
        _ = jl_pty_resize(master, rows, columns)
    }

    /// Reads what is waiting and forgets all output but the last few thousand characters (a
    /// long fuzz run stays small; a failure can still show what came last).
    func drain() {
        while pump(0) {}
        if output.utf8.count > 8_000 { output = String(output.suffix(4_000)) }
        mark = output.endIndex
        atPrompt = false
    }

    /// The exit status if the process has ended (without waiting).
    func exitedStatus() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return exitStatus
    }

    /// Output since the mark (not consumed).
    var pending: String { String(output[mark...]) }
}

/// A failure setting up the pseudo-terminal.
struct PtyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A monotonic clock in seconds for test deadlines.
enum TimeFormatClock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
