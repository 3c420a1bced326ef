#if canImport(Glibc)
import Glibc
#endif

/// ANSI colours for prompts and errors, used only on a terminal and only without NO_COLOR.
public struct TerminalStyle: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Colour when both standard input and output are terminals and NO_COLOR is unset.
    public static func detect() -> TerminalStyle {
        let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        return TerminalStyle(enabled: isatty(0) == 1 && isatty(1) == 1 && noColor.isEmpty)
    }

    /// The style for standard error, which may go to a file while the screen is a terminal
    /// (`jaxlab 2>log`): no colour there.
    public var forStandardError: TerminalStyle { TerminalStyle(enabled: enabled && isatty(2) == 1) }

    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func boldYellow(_ text: String) -> String { wrap(text, "1;33") }
    public func magenta(_ text: String) -> String { wrap(text, "35") }
    public func boldRed(_ text: String) -> String { wrap(text, "1;31") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
