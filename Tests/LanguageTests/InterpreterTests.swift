import XCTest
@testable import Language

final class InterpreterTests: XCTestCase {
    func testArithmeticFollowsPython() {
        assertPrints("print(7 // -2, -7 % 3, 2 ** 100, 1 / 4, 0.1 + 0.2, 7.5 // 2, -7.5 % 2)\n",
                     "-4 2 1267650600228229401496703205376 0.25 0.30000000000000004 3.0 0.5\n")
    }

    func testFloatReprMatchesPython() {
        assertPrints("print(1e16, 1e15, 1e-05, 0.0001, 1.5e300, -0.0, 1/3, 100.0, 2.5e-7)\n",
                     "1e+16 1000000000000000.0 1e-05 0.0001 1.5e+300 -0.0 0.3333333333333333 100.0 2.5e-07\n")
    }

    func testClosuresSeeLaterRebinding() {
        assertPrints("""
            def outer():
                n = 0
                def inc():
                    nonlocal n
                    n += 1
                    return n
                return inc
            g = outer()
            g()
            print(g())
            y = 1
            def h():
                return y
            y = 5
            print(h())

            """, "2\n5\n")
    }

    func testDefaultsAreEvaluatedOnce() {
        assertPrints("""
            def f(a, acc=[]):
                acc.append(a)
                return acc
            f(1)
            print(f(2))

            """, "[1, 2]\n")
    }

    func testUnpackingWithStar() {
        assertPrints("a, *b, c = range(5)\n(x, y), z = (1, 2), 3\nprint(a, b, c, x, y, z)\n", "0 [1, 2, 3] 4 1 2 3\n")
    }

    func testFStrings() {
        assertPrints("s = 'hi'\nx = 3\nprint(f'{s!r:>6}|{x:04d}|{3.14159:.2f}|{x=}|{{}}|{x:>{x}}')\n",
                     "  'hi'|0003|3.14|x=3|{}|  3\n")
    }

    func testExceptionsCaughtAndUncaught() {
        assertPrints("""
            try:
                [][1]
            except (KeyError, IndexError) as e:
                print('caught', e)
            finally:
                print('finally')

            """, "caught list index out of range\nfinally\n")
        assertRaises("def f():\n    return y\nf()\n", "NameError: name 'y' is not defined")
    }

    func testTracebackNamesFramesAndLines() {
        let result = runPython("def f():\n    return 1 / 0\n\nf()\n", file: "x.py")
        XCTAssertEqual(result.errors, """
            Traceback (most recent call last):
              File "x.py", line 4, in <module>
                f()
              File "x.py", line 2, in f
                return 1 / 0
            ZeroDivisionError: division by zero

            """)
    }

    func testRecursionLimitRaisesRecursionError() {
        let result = runPython("def f(n):\n    return f(n + 1)\nf(0)\n")
        XCTAssertTrue(result.errors.hasSuffix("RecursionError: maximum recursion depth exceeded\n"), result.errors)
        XCTAssertTrue(result.errors.contains("[Previous line repeated"), result.errors)
    }

    func testSyntaxErrorShowsLineAndCaret() {
        let result = runPython("x = 1\ny = (2,\n", file: "s.py")
        XCTAssertEqual(result.errors, "  File \"s.py\", line 2\n    y = (2,\n        ^\nSyntaxError: '(' was never closed\n")
    }
}
