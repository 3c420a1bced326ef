#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// One read from the user: a line or a cell (without its final newline), the end of input
/// (Ctrl-D), or Ctrl-C pressed while it was being typed.
enum LineInput: Equatable {
    case line(String)
    case endOfInput
    case interrupted
}

/// Which prompt to show before a line.
enum Prompt: Equatable {
    case primary
    case continuation
    /// A question such as `%reset`'s confirmation.
    case question(String)
}

/// Where the shell's lines come from: the line editor on a terminal, plain reading otherwise.
protocol LineSource: AnyObject {
    /// Reads one line (Enter always ends it) that starts out holding `prefill`, for the user
    /// to keep or edit.
    func readLine(_ prompt: Prompt, prefill: String) -> LineInput
    /// Keeps an entered input in the history, if this source has one.
    func remember(_ text: String)
}

/// Lines from a pipe or file: no prompts, no colours, no editing.
final class PlainLineReader: LineSource {
    private let signals: ShellSignals

    init(signals: ShellSignals) { self.signals = signals }

    /// A pipe has no line to edit: the next line read is what counts.
    func readLine(_ prompt: Prompt, prefill: String) -> LineInput {
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(buffer) }
        let count = getline(&buffer, &capacity, jl_stdin())
        if count < 0 {
            let interrupted = errno == EINTR
            _ = signals.interrupt.consume()
            clearerr(jl_stdin())
            return interrupted ? .interrupted : .endOfInput
        }
        guard let buffer else { return .endOfInput }
        // bytes that are not UTF-8 become U+FFFD, as a terminal would show them
        var line = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                                        count: count), as: UTF8.self)
        // "\r\n" is one Character, so a single removeLast drops either ending.
        if line.hasSuffix("\n") || line.hasSuffix("\r\n") { line.removeLast() }
        return .line(line)
    }

    func remember(_ text: String) {}
}
