import Foundation
import XCTest
@testable import Language

/// What the recorded cells cannot show: whole tracebacks through methods and generators,
/// Ctrl-C inside generators, the recursion limit across generators, and the places jaxlab
/// refuses `yield`.
final class ObjectModelTests: XCTestCase {
    func testTracebackThroughGeneratorAndMethodsNamesEachFrame() {
        let source = """
        class Model:
            def forward(self, x):
                return x / 0

        def batches():
            yield 1
            yield Model().forward(2)

        for b in batches():
            print(b)

        """
        let result = runPython(source, file: "t.py")
        XCTAssertEqual(result.output, "1\n")
        XCTAssertEqual(result.errors, """
            Traceback (most recent call last):
              File "t.py", line 9, in <module>
                for b in batches():
              File "t.py", line 7, in batches
                yield Model().forward(2)
              File "t.py", line 3, in forward
                return x / 0
            ZeroDivisionError: division by zero

            """)
    }

    func testUncaughtUserExceptionPrintsItsQualifiedName() {
        assertRaises("class Outer:\n    class Failure(ValueError):\n        pass\nraise Outer.Failure('bad input')\n",
                     "Outer.Failure: bad input")
        assertRaises("from dataclasses import dataclass\n@dataclass(frozen=True)\nclass P:\n    x: int\nP(1).x = 2\n",
                     "dataclasses.FrozenInstanceError: cannot assign to field 'x'")
    }

    func testCtrlCInterruptsAnEndlessGenerator() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let flag = session.context.interrupt
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { flag.raise() }
        let source = "def forever():\n    n = 0\n    while True:\n        n += 1\n        yield n\nfor v in forever():\n    pass\n"
        XCTAssertFalse(session.runScript(source, filename: "loop.py"))
        XCTAssertTrue(sink.errors.hasSuffix("KeyboardInterrupt\n"), sink.errors)
        // the session is usable afterwards
        XCTAssertTrue(session.runScript("g = forever()\nprint(next(g), next(g))\n", filename: "after.py"))
        XCTAssertTrue(sink.output.hasSuffix("1 2\n"), sink.output)
    }

    func testRecursionThroughGeneratorsRaisesRecursionError() {
        let source = "def walk(n):\n    yield n\n    yield from walk(n + 1)\nfor v in walk(0):\n    pass\n"
        let result = runPython(source)
        XCTAssertTrue(result.errors.hasSuffix("RecursionError: maximum recursion depth exceeded\n"), result.errors)
    }

    func testManyAbandonedGeneratorsAreFreed() {
        // each generator is suspended inside a try/finally and a with block, then dropped
        let source = """
        from contextlib import contextmanager
        @contextmanager
        def managed():
            yield 1
        def gen():
            with managed():
                try:
                    yield 1
                    yield 2
                finally:
                    pass
        for i in range(20000):
            g = gen()
            next(g)
        print('done')

        """
        assertPrints(source, "done\n")
    }

    func testYieldInsideALargerExpressionIsASyntaxError() {
        let result = runPython("def f():\n    print((yield 1))\n")
        XCTAssertTrue(result.errors.hasSuffix(
            "SyntaxError: jaxlab runs 'yield' only as a statement of its own or as the whole value of an assignment\n"),
                      result.errors)
        assertRaises("yield 1\n", "SyntaxError: 'yield' outside function")
    }

    func testAGeneratorCannotResumeItself() {
        assertPrints("def g():\n    yield next(me)\nme = g()\ntry:\n    next(me)\nexcept ValueError as e:\n    print(e)\n",
                     "generator already executing\n")
    }

    func testSpecialMethodsThatChangeTheContainerMidOperationDoNotCrash() {
        // __eq__ clears the dict while a key is being looked up in it
        assertPrints("""
            d = {}
            class K:
                def __hash__(self):
                    return 1
                def __eq__(self, other):
                    d.clear()
                    return False
            d[K()] = 1
            d[K()] = 2
            print(len(d))

            """, "1\n")
        // __eq__ empties the list that list.remove is searching
        assertPrints("""
            a = []
            class X:
                def __eq__(self, other):
                    a.clear()
                    return False
            a.extend([X(), 2, 3])
            try:
                a.remove(3)
            except ValueError as e:
                print(e)
            print(a)

            """, "list.remove(x): x not in list\n[]\n")
        // __index__ empties the list whose slice is being assigned
        assertPrints("""
            a = [1, 2, 3, 4]
            class I:
                def __index__(self):
                    a.clear()
                    return 2
            a[I():] = [9]
            print(a)

            """, "[9]\n")
    }
}
