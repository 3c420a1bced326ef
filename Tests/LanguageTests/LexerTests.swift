import JaxCore
import XCTest
@testable import Language

final class LexerTests: XCTestCase {
    func kinds(_ source: String) throws -> [Token.Kind] {
        try Lexer.tokenize(source, file: "t.py").map(\.kind)
    }

    func testIndentationProducesIndentAndDedent() throws {
        XCTAssertEqual(try kinds("if x:\n    y\nz\n"), [
            .name("if"), .name("x"), .op(":"), .newline, .indent, .name("y"), .newline, .dedent, .name("z"), .newline, .eof,
        ])
    }

    func testBracketsJoinLinesAndCommentsVanish() throws {
        XCTAssertEqual(try kinds("f(1,  # one\n  2)\n"), [
            .name("f"), .op("("), .int(1), .op(","), .int(2), .op(")"), .newline, .eof,
        ])
    }

    func testBackslashContinuation() throws {
        XCTAssertEqual(try kinds("x = 1 + \\\n    2\n"), [.name("x"), .op("="), .int(1), .op("+"), .int(2), .newline, .eof])
    }

    func testNumbers() throws {
        XCTAssertEqual(try kinds("1_000 0x1F 0b101 0o17 1e-3 2.5 .5 10**30\n"), [
            .int(1000), .int(31), .int(5), .int(15), .float(0.001), .float(2.5), .float(0.5), .int(10), .op("**"), .int(30),
            .newline, .eof,
        ])
    }

    func testStringsAndEscapes() throws {
        XCTAssertEqual(try kinds("'a\\tb' \"q'\" '''x\ny''' r'\\n' '\\x41\\u00e9'\n"), [
            .string("a\tb"), .string("q'"), .string("x\ny"), .string("\\n"), .string("Aé"), .newline, .eof,
        ])
    }

    func testFStringKeepsItsBody() throws {
        XCTAssertEqual(try kinds("f'{x!r:>5}'\n").first, .fstring(body: "{x!r:>5}", raw: false, bodyColumn: 2))
    }

    func testErrorsNameTheProblem() {
        func message(_ source: String) -> String {
            do throws(PyException) {
                _ = try Lexer.tokenize(source, file: "t.py")
                return ""
            } catch {
                return "\(error.kind): \(error.message)"
            }
        }
        XCTAssertEqual(message("x = (1,\n"), "SyntaxError: '(' was never closed")
        XCTAssertEqual(message("x = 'abc\n"), "SyntaxError: unterminated string literal (detected at line 1)")
        XCTAssertEqual(message("if x:\n        a\n    b\n"), "IndentationError: unindent does not match any outer indentation level")
        XCTAssertEqual(message("x = 1)\n"), "SyntaxError: unmatched ')'")
        XCTAssertEqual(message("x = $\n"), "SyntaxError: invalid syntax")
        XCTAssertEqual(message("x = 012\n"),
                       "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
    }
}
