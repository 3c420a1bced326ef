/// How rendered lesson text looks: plain (files, pipes, replay transcripts) or with the
/// terminal's styles (bold, italics, colour for code, dim notes).
public enum TextLook: Sendable {
    case plain
    case terminal

    func strong(_ text: String) -> String { self == .terminal ? "\u{1B}[1m\(text)\u{1B}[22m" : text }
    func emphasis(_ text: String) -> String { self == .terminal ? "\u{1B}[3m\(text)\u{1B}[23m" : text }
    func code(_ text: String) -> String { self == .terminal ? "\u{1B}[36m\(text)\u{1B}[39m" : "`\(text)`" }
    func dim(_ text: String) -> String { self == .terminal ? "\u{1B}[2m\(text)\u{1B}[22m" : text }
    func underline(_ text: String) -> String { self == .terminal ? "\u{1B}[4m\(text)\u{1B}[24m" : text }
}

/// The number of columns text takes on a terminal, ignoring ANSI escape sequences.
func visibleWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
        if inEscape {
            if ("@"..."~").contains(scalar) && scalar != "[" { inEscape = false }
            continue
        }
        if scalar == "\u{1B}" {
            inEscape = true
            continue
        }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { continue }
        width += 1
    }
    return width
}
