import BigInt
import JaxCore

/// Turns Python source into tokens, following Python's rules for indentation (INDENT/DEDENT),
/// implicit line joining inside brackets, backslash continuation and comments.
struct Lexer {
    /// Python's tokenizer refuses deeper bracket nesting than this.
    static let maxBracketDepth = 200

    private let text: [Unicode.Scalar]
    private let file: String
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    private var indents: [Int] = [0]
    /// Open brackets: the bracket and where it was opened, for "'(' was never closed".
    private var brackets: [(Unicode.Scalar, Int, Int)] = []
    private var tokens: [Token] = []
    private var atLineStart = true

    init(_ source: String, file: String) {
        text = Array(source.unicodeScalars)
        self.file = file
    }

    /// Tokenizes the whole source; the last tokens are NEWLINE (if needed), DEDENTs, EOF.
    static func tokenize(_ source: String, file: String) throws(PyException) -> [Token] {
        var lexer = Lexer(source, file: file)
        try lexer.run()
        return lexer.tokens
    }

    private var column: Int { pos - lineStart }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let i = pos + offset
        return i < text.count ? text[i] : nil
    }

    func syntaxError(_ message: String, line: Int, column: Int, kind: String = "SyntaxError") -> PyException {
        PyException(kind, message, traceback: [SourceLocation(file: file, line: line, column: column + 1)])
    }

    private mutating func add(_ kind: Token.Kind, line: Int, column: Int) {
        tokens.append(Token(kind: kind, line: line, column: column, endColumn: self.column))
    }

    private mutating func newLine() {
        line += 1
        lineStart = pos
    }

    private mutating func run() throws(PyException) {
        while true {
            if atLineStart && brackets.isEmpty {
                if try !handleIndentation() { break }
            }
            guard let c = peek() else { break }
            if c == " " || c == "\t" || c == "\u{0C}" {
                pos += 1
                continue
            }
            if c == "#" {
                while let d = peek(), d != "\n" { pos += 1 }
                continue
            }
            if c == "\\" {
                if peek(1) == "\n" {
                    pos += 2
                    newLine()
                    if peek() == nil { throw syntaxError("unexpected EOF while parsing", line: line - 1, column: 0) }
                    continue
                }
                if peek(1) == "\r" && peek(2) == "\n" {
                    pos += 3
                    newLine()
                    continue
                }
                throw syntaxError("unexpected character after line continuation character", line: line, column: column)
            }
            if c == "\r" { pos += 1; continue }
            if c == "\n" {
                if brackets.isEmpty {
                    add(.newline, line: line, column: column)
                    atLineStart = true
                }
                pos += 1
                newLine()
                continue
            }
            try lexToken(c)
        }
        if let (open, openLine, openColumn) = brackets.last {
            throw syntaxError("'\(open)' was never closed", line: openLine, column: openColumn)
        }
        if let last = tokens.last, last.kind != .newline {
            add(.newline, line: line, column: column)
        }
        while indents.count > 1 {
            indents.removeLast()
            add(.dedent, line: line, column: 0)
        }
        add(.eof, line: line, column: column)
    }

    /// Measures the indentation of a new logical line and emits INDENT/DEDENT; skips blank and
    /// comment-only lines. Returns false at the end of input.
    private mutating func handleIndentation() throws(PyException) -> Bool {
        while true {
            var width = 0
            while let c = peek(), c == " " || c == "\t" || c == "\u{0C}" {
                width = c == "\t" ? (width / 8 + 1) * 8 : (c == " " ? width + 1 : 0)
                pos += 1
            }
            guard let c = peek() else { return false }
            if c == "#" {
                while let d = peek(), d != "\n" { pos += 1 }
                continue
            }
            if c == "\r" { pos += 1; continue }
            if c == "\n" {
                pos += 1
                newLine()
                continue
            }
            atLineStart = false
            let current = indents.last ?? 0
            if width > current {
                indents.append(width)
                add(.indent, line: line, column: column)
            } else if width < current {
                while let last = indents.last, last > width {
                    indents.removeLast()
                    add(.dedent, line: line, column: column)
                }
                if indents.last != width {
                    throw syntaxError("unindent does not match any outer indentation level", line: line, column: column,
                                      kind: "IndentationError")
                }
            }
            return true
        }
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isXIDStart
    }

    private static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isXIDContinue
    }

    private static let threeCharOps: Set<String> = ["**=", "//=", ">>=", "<<=", "...", "!=="]
    private static let twoCharOps: Set<String> = [
        "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        "@=", "->", ":=",
    ]
    private static let oneCharOps: Set<Unicode.Scalar> = [
        "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",",
        ":", ".", ";", "=",
    ]

    private mutating func lexToken(_ c: Unicode.Scalar) throws(PyException) {
        let startLine = line
        let startColumn = column
        if Lexer.isIdentifierStart(c) {
            var word = ""
            while let d = peek(), Lexer.isIdentifierContinue(d) {
                word.unicodeScalars.append(d)
                pos += 1
            }
            if let q = peek(), q == "'" || q == "\"", let prefix = Lexer.stringPrefix(word) {
                try lexString(prefix: prefix, line: startLine, column: startColumn)
                return
            }
            add(.name(word), line: startLine, column: startColumn)
            return
        }
        if c.properties.numericType != nil && ("0"..."9").contains(c) || (c == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            try lexNumber(line: startLine, column: startColumn)
            return
        }
        if c == "'" || c == "\"" {
            try lexString(prefix: "", line: startLine, column: startColumn)
            return
        }
        let three = String(String.UnicodeScalarView(text[pos..<min(pos + 3, text.count)]))
        if three.unicodeScalars.count == 3 && Lexer.threeCharOps.contains(three) && three != "!==" {
            pos += 3
            add(.op(three), line: startLine, column: startColumn)
            return
        }
        let two = String(String.UnicodeScalarView(text[pos..<min(pos + 2, text.count)]))
        if two.unicodeScalars.count == 2 && Lexer.twoCharOps.contains(two) {
            pos += 2
            add(.op(two), line: startLine, column: startColumn)
            return
        }
        if Lexer.oneCharOps.contains(c) {
            pos += 1
            switch c {
            case "(", "[", "{":
                brackets.append((c, startLine, startColumn))
                if brackets.count >= Lexer.maxBracketDepth {
                    throw syntaxError("too many nested parentheses", line: startLine, column: startColumn)
                }
            case ")", "]", "}":
                let expected: Unicode.Scalar = c == ")" ? "(" : (c == "]" ? "[" : "{")
                guard let (open, openLine, _) = brackets.popLast() else {
                    throw syntaxError("unmatched '\(c)'", line: startLine, column: startColumn)
                }
                if open != expected {
                    var message = "closing parenthesis '\(c)' does not match opening parenthesis '\(open)'"
                    if openLine != startLine { message += " on line \(openLine)" }
                    throw syntaxError(message, line: startLine, column: startColumn)
                }
            default:
                break
            }
            add(.op(String(c)), line: startLine, column: startColumn)
            return
        }
        if c == "!" {
            throw syntaxError("invalid syntax", line: startLine, column: startColumn)
        }
        if c == "$" || c == "?" || c == "`" {
            throw syntaxError("invalid syntax", line: startLine, column: startColumn)
        }
        let hex = String(c.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        throw syntaxError("invalid character '\(c)' (U+\(padded))", line: startLine, column: startColumn)
    }

    /// The lower-cased string prefix if `word` is one Python accepts (`r`, `f`, `rf`, `u`, `b`).
    private static func stringPrefix(_ word: String) -> String? {
        let lower = word.lowercased()
        let accepted: Set<String> = ["r", "u", "f", "rf", "fr", "b", "br", "rb"]
        return accepted.contains(lower) ? lower : nil
    }

    private mutating func lexNumber(line startLine: Int, column startColumn: Int) throws(PyException) {
        var digits = ""
        func isDigit(_ c: Unicode.Scalar?, radix: Int) -> Bool {
            guard let c else { return false }
            switch radix {
            case 16: return c.properties.isASCIIHexDigit
            case 8: return ("0"..."7").contains(c)
            case 2: return c == "0" || c == "1"
            default: return ("0"..."9").contains(c)
            }
        }
        if peek() == "0", let p = peek(1), "xXoObB".unicodeScalars.contains(p) {
            let radix = (p == "x" || p == "X") ? 16 : ((p == "o" || p == "O") ? 8 : 2)
            pos += 2
            while let c = peek(), isDigit(c, radix: radix) || c == "_" {
                if c != "_" { digits.unicodeScalars.append(c) }
                pos += 1
            }
            guard !digits.isEmpty, let value = BigInt(digits, radix: radix) else {
                throw syntaxError("invalid \(radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary") literal",
                                  line: startLine, column: startColumn)
            }
            try checkNumberEnd(line: startLine)
            add(.int(value), line: startLine, column: startColumn)
            return
        }
        var isFloat = false
        func readDigits() {
            while let c = peek(), isDigit(c, radix: 10) || (c == "_" && isDigit(peek(1), radix: 10)) {
                if c != "_" { digits.unicodeScalars.append(c) }
                pos += 1
            }
        }
        readDigits()
        if peek() == "." {
            isFloat = true
            digits += "."
            pos += 1
            readDigits()
        }
        if let e = peek(), e == "e" || e == "E" {
            let save = pos
            var exponent = "e"
            pos += 1
            if let s = peek(), s == "+" || s == "-" {
                exponent.unicodeScalars.append(s)
                pos += 1
            }
            if isDigit(peek(), radix: 10) {
                let before = digits
                digits = ""
                readDigits()
                digits = before + exponent + digits
                isFloat = true
            } else {
                pos = save
                throw syntaxError("invalid decimal literal", line: startLine, column: startColumn)
            }
        }
        if let j = peek(), j == "j" || j == "J" {
            pos += 1
            try checkNumberEnd(line: startLine)
            add(.imaginary(Double(digits) ?? .infinity), line: startLine, column: startColumn)
            return
        }
        try checkNumberEnd(line: startLine)
        if isFloat {
            add(.float(Double(digits) ?? .infinity), line: startLine, column: startColumn)
        } else {
            if digits.count > 1 && digits.hasPrefix("0") && digits.contains(where: { $0 != "0" }) {
                throw syntaxError(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line: startLine, column: startColumn)
            }
            add(.int(BigInt(digits) ?? 0), line: startLine, column: startColumn)
        }
    }

    private func checkNumberEnd(line startLine: Int) throws(PyException) {
        if let c = peek(), Lexer.isIdentifierStart(c) {
            throw syntaxError("invalid decimal literal", line: startLine, column: column)
        }
    }

    private mutating func lexString(prefix: String, line startLine: Int, column startColumn: Int) throws(PyException) {
        guard let quote = peek() else { return }
        let triple = peek(1) == quote && peek(2) == quote
        pos += triple ? 3 : 1
        let bodyColumn = column
        var body = ""
        while true {
            guard let c = peek() else {
                if triple {
                    throw syntaxError("unterminated triple-quoted string literal (detected at line \(line))",
                                      line: startLine, column: startColumn)
                }
                throw syntaxError("unterminated string literal (detected at line \(line))", line: startLine, column: startColumn)
            }
            if c == "\\" {
                body.unicodeScalars.append(c)
                pos += 1
                if let d = peek() {
                    body.unicodeScalars.append(d)
                    pos += 1
                    if d == "\n" { newLine() }
                }
                continue
            }
            if c == quote {
                if !triple {
                    pos += 1
                    break
                }
                if peek(1) == quote && peek(2) == quote {
                    pos += 3
                    break
                }
            }
            if c == "\n" {
                if !triple {
                    throw syntaxError("unterminated string literal (detected at line \(line))", line: startLine, column: startColumn)
                }
                body.unicodeScalars.append(c)
                pos += 1
                newLine()
                continue
            }
            body.unicodeScalars.append(c)
            pos += 1
        }
        let raw = prefix.contains("r")
        if prefix.contains("f") {
            add(.fstring(body: body, raw: raw, bodyColumn: bodyColumn), line: startLine, column: startColumn)
        } else if prefix.contains("b") {
            throw syntaxError("bytes literals are not supported", line: startLine, column: startColumn)
        } else {
            let value = raw ? body : try Lexer.unescape(body, lexer: self, line: startLine, column: startColumn)
            add(.string(value), line: startLine, column: startColumn)
        }
    }

    /// Processes backslash escapes as Python does in a non-raw string literal.
    static func unescape(_ body: String, lexer: Lexer, line: Int, column: Int) throws(PyException) -> String {
        let scalars = Array(body.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func hexValue(_ count: Int) -> UInt32? {
            guard i + count <= scalars.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<count {
                guard let d = UInt32(String(scalars[i + k]), radix: 16) else { return nil }
                v = v &* 16 &+ d
            }
            return v
        }
        while i < scalars.count {
            let c = scalars[i]
            guard c == "\\", i + 1 < scalars.count else {
                out.append(c)
                i += 1
                continue
            }
            let e = scalars[i + 1]
            i += 2
            switch e {
            case "\n": break
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "\"": out.append("\"")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "0"..."7":
                var v = e.value - 48
                var n = 1
                while n < 3, i < scalars.count, ("0"..."7").contains(scalars[i]) {
                    v = v * 8 + scalars[i].value - 48
                    i += 1
                    n += 1
                }
                if let s = Unicode.Scalar(v) { out.append(s) }
            case "x", "u", "U":
                let count = e == "x" ? 2 : (e == "u" ? 4 : 8)
                guard let v = hexValue(count), let s = Unicode.Scalar(v) else {
                    let kind = e == "x" ? "\\xXX" : (e == "u" ? "\\uXXXX" : "\\UXXXXXXXX")
                    throw lexer.syntaxError("(unicode error) 'unicodeescape' codec can't decode bytes in position \(i - 2)-\(min(i - 1 + count, scalars.count) - 1): truncated \(kind) escape",
                                            line: line, column: column)
                }
                i += count
                out.append(s)
            default:
                out.append("\\")
                out.append(e)
            }
        }
        return String(out)
    }
}
