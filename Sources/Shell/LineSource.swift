#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// One read from the user: a line (without its newline), the end of input (Ctrl-D), or
/// Ctrl-C pressed while the line was being typed.
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
    func readLine(_ prompt: Prompt) -> LineInput
    /// Reads a line that starts out holding `prefill`, for the user to run as it is or edit.
    func readLine(_ prompt: Prompt, prefill: String) -> LineInput
    /// True when more input is already waiting (pasted text, a pipe), so a blank line inside a
    /// block may be part of a pasted cell rather than the end of the block.
    var hasPendingInput: Bool { get }
    /// Keeps an entered line in the history, if this source has one.
    func remember(_ line: String)
}

/// Lines from a pipe or file: no prompts, no colours, no editing.
final class PlainLineReader: LineSource {
    private let signals: ShellSignals

    init(signals: ShellSignals) { self.signals = signals }

    func readLine(_ prompt: Prompt) -> LineInput {
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
        var line = String(cString: buffer)
        // "\r\n" is one Character, so a single removeLast drops either ending.
        if line.hasSuffix("\n") || line.hasSuffix("\r\n") { line.removeLast() }
        return .line(line)
    }

    var hasPendingInput: Bool { true }

    /// A pipe has no line to edit: the next line read is what counts.
    func readLine(_ prompt: Prompt, prefill: String) -> LineInput { readLine(prompt) }

    func remember(_ line: String) {}
}
