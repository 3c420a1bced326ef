import JaxCore
import XCTest
@testable import Language

final class ParserTests: XCTestCase {
    func parse(_ source: String) throws(PyException) -> [Stmt] {
        try Parser.parseModule(source, file: "t.py")
    }

    func error(_ source: String) -> String {
        do throws(PyException) {
            _ = try parse(source)
            return ""
        } catch {
            let line = error.traceback.first.map { " @\($0.line):\($0.column)" } ?? ""
            return "\(error.kind): \(error.message)\(line)"
        }
    }

    func testPrecedenceOfPowerAndUnaryMinus() throws {
        guard case .expression(let e) = try parse("-2 ** 2\n")[0].kind, case .unary(.negative, let inner) = e.kind,
              case .binary(.power, _, _) = inner.kind else {
            return XCTFail("-2 ** 2 must parse as -(2 ** 2)")
        }
    }

    func testChainedComparisonAndConditional() throws {
        guard case .expression(let e) = try parse("a if 1 < b <= 3 else c\n")[0].kind,
              case .conditional(let test, _, _) = e.kind, case .compare(_, let rest) = test.kind else {
            return XCTFail("expected a conditional with a chained comparison")
        }
        XCTAssertEqual(rest.map(\.0), [.less, .lessEqual])
    }

    func testEveryStatementKindParses() throws {
        let source = """
            import jax.numpy as jnp
            from math import sqrt as s, pi
            x = y = 1
            a, *b = [1, 2]
            x += 1
            n: int = 3
            def f(p, q=1, *r, k=2, **kw):
                global x
                return p
            if x:
                pass
            elif y:
                x = 2
            else:
                del y
            for i in range(3):
                continue
            while False:
                break
            try:
                raise ValueError('e')
            except (ValueError, TypeError) as e:
                assert e, 'msg'
            else:
                pass
            finally:
                pass
            with ctx as c:
                pass
            lambda v: v

            """
        XCTAssertEqual(try parse(source).count, 13)
    }

    func testFunctionLocalsAreFoundStatically() throws {
        guard case .functionDef(let code, _) = try parse("def f(a):\n    b = 1\n    global g\n    g = 2\n    for c in a: pass\n")[0].kind else {
            return XCTFail("expected def")
        }
        XCTAssertEqual(code.locals, ["a", "b", "c"])
        XCTAssertEqual(code.globals, ["g"])
    }

    func testSyntaxErrorsMatchPython() {
        XCTAssertEqual(error("if x\n    y\n"), "SyntaxError: expected ':' @1:5")
        XCTAssertEqual(error("def f():\nreturn 1\n"),
                       "IndentationError: expected an indented block after function definition on line 1 @2:1")
        XCTAssertEqual(error("x = 1\n    y = 2\n"), "IndentationError: unexpected indent @2:5")
        XCTAssertEqual(error("f() = 1\n"), "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1")
        XCTAssertEqual(error("x = = 1\n"), "SyntaxError: invalid syntax @1:5")
        XCTAssertEqual(error("def f(a=1, b):\n    pass\n"), "SyntaxError: non-default argument follows default argument @1:12")
        XCTAssertEqual(error("f(a=1, 2)\n"), "SyntaxError: positional argument follows keyword argument @1:8")
    }

    func testFStringFieldsParseAsExpressions() throws {
        guard case .expression(let e) = try parse("f'a{x + 1:>{w}}b{y!r}'\n")[0].kind, case .fstring(let parts) = e.kind else {
            return XCTFail("expected an f-string")
        }
        XCTAssertEqual(parts.count, 4)
        guard case .field(let value, _, let spec?, _) = parts[1], case .binary(.add, _, _) = value.kind else {
            return XCTFail("expected a field with a nested spec")
        }
        XCTAssertEqual(spec.count, 2)
    }
}
