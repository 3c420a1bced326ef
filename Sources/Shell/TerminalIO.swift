#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// Unbuffered writes to the standard streams and the few terminal queries the shell makes.
enum TerminalIO {
    /// Writes all of `text` to `fd`, retrying after partial writes and interrupted calls.
    static func write(_ text: String, to fd: Int32 = 1) {
        // print and C code write through the C stream: flush it first so output keeps its order.
        fflush(jl_stdout())
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { writeAll($0, to: fd) }
        bytes.removeAll()
    }

    /// Writes `bytes` to `fd`, retrying after partial writes and interrupted calls; returns how
    /// many were written (fewer on an error).
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if !(written < 0 && errno == EINTR) {
                break
            }
        }
        return offset
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Bracketed paste: the terminal marks pasted text with `ESC[200~` and `ESC[201~`. On only
    /// while the prompt reads, so a program (or the shell after jaxlab) never gets the marks.
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// True when input is already waiting on `fd` (pasted text still arriving), after waiting
    /// at most `milliseconds`.
    static func hasPendingInput(_ fd: Int32 = 0, milliseconds: Int32 = 0) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    /// Uses the user's locale for characters so UTF-8 input and output work; falls back to
    /// C.UTF-8 when the environment names no UTF-8 locale (libedit drops non-ASCII in "C").
    static func setUpLocale() {
        let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        let upper = chosen.uppercased()
        if !(upper.contains("UTF-8") || upper.contains("UTF8")) {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
