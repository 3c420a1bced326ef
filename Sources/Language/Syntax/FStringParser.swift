import Foundation
import JaxCore

/// Splits an f-string body into literal text and `{expr!conv:spec}` fields, parsing each
/// field's expression with the ordinary parser.
struct FStringParser {
    let body: [Character]
    let raw: Bool
    let file: String
    let line: Int
    let column: Int
    var i = 0

    init(body: [Character], raw: Bool, file: String, line: Int, column: Int) {
        self.body = body
        self.raw = raw
        self.file = file
        self.line = line
        self.column = column
    }

    func error(_ message: String) -> PyException {
        PyException("SyntaxError", message, traceback: [SourceLocation(file: file, line: line, column: column + i + 1)])
    }

    mutating func parse() throws(PyException) -> [FStringPart] {
        try parseParts(inSpec: false)
    }

    private mutating func literal(_ text: String) throws(PyException) -> FStringPart {
        if raw { return .literal(text) }
        let lexer = Lexer("", file: file)
        return .literal(try Lexer.unescape(text, lexer: lexer, line: line, column: column))
    }

    private mutating func parseParts(inSpec: Bool) throws(PyException) -> [FStringPart] {
        var parts: [FStringPart] = []
        var text = ""
        while i < body.count {
            let c = body[i]
            if c == "{" {
                if !inSpec && i + 1 < body.count && body[i + 1] == "{" {
                    text.append("{")
                    i += 2
                    continue
                }
                if !text.isEmpty { parts.append(try literal(text)) }
                text = ""
                i += 1
                parts.append(try parseField())
                continue
            }
            if c == "}" {
                if inSpec { break }
                if i + 1 < body.count && body[i + 1] == "}" {
                    text.append("}")
                    i += 2
                    continue
                }
                throw error("f-string: single '}' is not allowed")
            }
            if c == "\\" && !raw && i + 1 < body.count {
                text.append(c)
                text.append(body[i + 1])
                i += 2
                continue
            }
            text.append(c)
            i += 1
        }
        if !text.isEmpty { parts.append(try literal(text)) }
        return parts
    }

    private mutating func parseField() throws(PyException) -> FStringPart {
        let start = i
        var depth = 0
        var quote: Character?
        while i < body.count {
            let c = body[i]
            if let q = quote {
                if c == q { quote = nil }
                i += 1
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
            } else if c == "(" || c == "[" || c == "{" {
                depth += 1
            } else if c == ")" || c == "]" || c == "}" {
                if depth == 0 { break }
                depth -= 1
            } else if depth == 0 {
                if c == "!" && i + 1 < body.count && body[i + 1] != "=" { break }
                if c == ":" { break }
                if c == "=" && i + 1 < body.count && body[i + 1] != "=" && i > start
                    && !"=!<>".contains(body[i - 1]) {
                    break
                }
            } else if c == "\\" {
                throw error("f-string expression part cannot include a backslash")
            }
            i += 1
        }
        let exprText = String(body[start..<i])
        if exprText.trimmingCharacters(in: .whitespaces).isEmpty {
            throw error("f-string: empty expression not allowed")
        }
        var debugText: String?
        if i < body.count && body[i] == "=" {
            i += 1
            var trailing = ""
            while i < body.count && body[i] == " " {
                trailing.append(" ")
                i += 1
            }
            debugText = exprText + "=" + trailing
        }
        var conversion: Character?
        if i < body.count && body[i] == "!" {
            i += 1
            guard i < body.count, "rsa".contains(body[i]) else {
                throw error("f-string: invalid conversion character: expected 's', 'r', or 'a'")
            }
            conversion = body[i]
            i += 1
        }
        var spec: [FStringPart]?
        if i < body.count && body[i] == ":" {
            i += 1
            spec = try parseParts(inSpec: true)
        }
        guard i < body.count, body[i] == "}" else { throw error("f-string: expecting '}'") }
        i += 1
        let tokens = try Lexer.tokenize("(" + exprText + ")", file: file).map { token -> Token in
            var t = token
            t.line = line
            t.column = column + start + max(0, token.column - 1)
            return t
        }
        var parser = Parser(tokens: tokens, file: file)
        let value = try parser.parseExpressionList()
        guard parser.current.kind == .newline || parser.current.isEOF else {
            throw error("f-string: invalid syntax")
        }
        if debugText != nil && conversion == nil && spec == nil { conversion = "r" }
        return .field(value: value, conversion: conversion, spec: spec, debugText: debugText)
    }
}
