import BigInt

/// One lexical token of Python source, with where it starts (1-based line, 0-based column).
struct Token {
    /// What a token is; literals carry their decoded value.
    enum Kind: Equatable {
        case name(String)
        case int(BigInt)
        case float(Double)
        /// An imaginary literal such as `2j` or `1.5e3j`: the imaginary part.
        case imaginary(Double)
        case string(String)
        /// The raw body of an f-string (escapes not yet processed) and the column its body starts at.
        case fstring(body: String, raw: Bool, bodyColumn: Int)
        case op(String)
        case newline
        case indent
        case dedent
        case eof
    }

    var kind: Kind
    var line: Int
    var column: Int
    /// The column just past the token on its line (for carets under a whole token).
    var endColumn: Int

    var isEOF: Bool { kind == .eof }

    /// True for the operator or delimiter `text`.
    func isOp(_ text: String) -> Bool { kind == .op(text) }

    /// True for the keyword or name `text`.
    func isName(_ text: String) -> Bool { kind == .name(text) }
}

/// Python's reserved words: never usable as names.
let pythonKeywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
]
