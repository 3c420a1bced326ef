#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// One key pressed at a "press a key" moment (the pager, demo mode).
enum Key: Equatable {
    case character(Character)
    case enter
    /// Ctrl-C.
    case interrupted
    case endOfInput
}

extension TerminalIO {
    /// The terminal's rows and columns (24 x 80 when unknown).
    static func windowSize() -> (rows: Int, columns: Int) {
        var rows: UInt16 = 0, columns: UInt16 = 0
        guard jl_terminal_size(1, &rows, &columns) == 0, rows > 0, columns > 0 else { return (24, 80) }
        return (Int(rows), Int(columns))
    }

    /// Waits for one key with the terminal out of line mode and without echo; Ctrl-C (whose
    /// handler raises the interrupt flag) ends the wait. Escape sequences (arrows) are skipped.
    static func readKey(_ signals: ShellSignals) -> Key {
        var saved = termios()
        let isTerminal = tcgetattr(0, &saved) == 0
        if isTerminal {
            var raw = saved
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
            withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
                bytes[Int(VMIN)] = 1
                bytes[Int(VTIME)] = 0
            }
            tcsetattr(0, TCSANOW, &raw)
        }
        defer { if isTerminal { tcsetattr(0, TCSANOW, &saved) } }
        _ = signals.interrupt.consume()
        while true {
            if signals.interrupt.consume() { return .interrupted }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 50)
            if ready <= 0 { continue }
            var byte: UInt8 = 0
            let count = read(0, &byte, 1)
            if count == 0 { return .endOfInput }
            if count < 0 { continue }
            switch byte {
            case 3: return .interrupted
            case 4: return .endOfInput
            case 10, 13: return .enter
            case 27:
                // an escape sequence: drop what follows at once
                while hasPendingInput(0, milliseconds: 20) { _ = read(0, &byte, 1) }
                continue
            default:
                guard byte < 0x80 else { continue }
                return .character(Character(Unicode.Scalar(byte)))
            }
        }
    }
}
