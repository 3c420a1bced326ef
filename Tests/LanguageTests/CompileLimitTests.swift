import XCTest
@testable import Language

/// Operator and call chains long enough to exhaust the evaluator's stack are refused while
/// compiling, as CPython refuses them, instead of crashing; ordinary long chains still run.
final class CompileLimitTests: XCTestCase {
    func testHugeOperatorChainIsARecursionError() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let chain = Array(repeating: "1", count: 300_000).joined(separator: "+")
        XCTAssertFalse(session.runScript("x = \(chain)\n", filename: "deep.py"))
        XCTAssertEqual(sink.errors, "RecursionError: maximum recursion depth exceeded during compilation\n")
        XCTAssertTrue(session.runScript("print('still here')\n", filename: "next.py"))
        XCTAssertEqual(sink.output, "still here\n")
    }

    func testHugeAttributeChainIsARecursionError() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        XCTAssertFalse(session.runScript("x = 1\ny = x" + String(repeating: ".real", count: 100_000) + "\n", filename: "deep.py"))
        XCTAssertEqual(sink.errors, "RecursionError: maximum recursion depth exceeded during compilation\n")
    }

    func testThousandTermChainsRun() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let sum = Array(repeating: "1", count: 1000).joined(separator: "+")
        XCTAssertTrue(session.runScript("print(\(sum))\nx = 1\nprint(x" + String(repeating: ".real", count: 1000) + ")\n", filename: "ok.py"))
        XCTAssertEqual(sink.output, "1000\n1\n")
    }
}

/// Slices whose step is near Int.max visit what Python visits instead of overflowing.
final class ExtremeSliceTests: XCTestCase {
    func testSlicesWithHugeSteps() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let script = """
        print([1,2,3][1::2**63-1])
        print((1,2,3)[::-(2**63-1)])
        print('abc'[1::2**63-1])
        a = [1,2,3,4]
        a[::2**63-1] = [9]
        print(a)
        del a[1::2**63-1]
        print(a)

        """
        XCTAssertTrue(session.runScript(script, filename: "s.py"), sink.errors)
        XCTAssertEqual(sink.output, "[2]\n(3,)\nb\n[9, 2, 3, 4]\n[9, 3, 4]\n")
    }
}

/// A list that contains itself is refused by the array constructors instead of recursing
/// without end.
final class SelfContainingListTests: XCTestCase {
    func testArrayOfSelfContainingListIsAnError() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let script = """
        import jax.numpy as jnp
        import numpy as np
        a = [1]
        a.append(a)
        for make in (jnp.array, np.array):
            try:
                make(a)
            except ValueError:
                print('refused')

        """
        XCTAssertTrue(session.runScript(script, filename: "s.py"), sink.errors)
        XCTAssertEqual(sink.output, "refused\nrefused\n")
    }
}

/// Sequences too long to hold are refused with MemoryError before they are built, and range
/// slices whose bounds leave Int's range raise OverflowError; neither traps.
final class HugeSequenceTests: XCTestCase {
    func testHugeRangesAreRefused() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let script = """
        for make in (list, tuple, sorted):
            try:
                make(range(2**62))
            except MemoryError:
                print('MemoryError')
        try:
            range(0, 2**63-1, 2**63-1)[::2**63-1]
        except OverflowError:
            print('OverflowError')
        print(range(10)[2:8:2], list(range(10)[::-3]))

        """
        XCTAssertTrue(session.runScript(script, filename: "r.py"), sink.errors)
        XCTAssertEqual(sink.output, "MemoryError\nMemoryError\nMemoryError\nOverflowError\nrange(2, 8, 2) [9, 6, 3, 0]\n")
    }
}

/// Formatting an int with a format spec keeps Python's 4300-digit limit and groups digits
/// in linear time.
final class IntFormatLimitTests: XCTestCase {
    func testGroupedHugeIntIsRefusedAndSmallOnesGroup() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let script = """
        try:
            f'{10**100000:,}'
        except ValueError as e:
            print(e)
        print(f"{12345678:,}", f"{-1234:_}", f"{2**70:,}")

        """
        XCTAssertTrue(session.runScript(script, filename: "f.py"), sink.errors)
        XCTAssertEqual(sink.output, "Exceeds the limit (4300 digits) for integer string conversion; "
            + "use sys.set_int_max_str_digits() to increase the limit\n12,345,678 -1_234 1,180,591,620,717,411,303,424\n")
    }
}

/// A JAX slice step of -2**63 selects what -(2**63 - 1) selects instead of trapping.
final class ExtremeJaxSliceTests: XCTestCase {
    func testMinimumStepSlice() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        XCTAssertTrue(session.runScript("import jax.numpy as jnp\nprint(jnp.arange(10)[::-2**63])\n", filename: "s.py"), sink.errors)
        XCTAssertEqual(sink.output, "[9]\n")
    }
}

/// `str.split` with maxsplit near Int.max, and starred unpacking of a huge range, give
/// Python's result or a MemoryError instead of trapping.
final class SplitAndStarTests: XCTestCase {
    func testExtremeMaxsplitAndStarredRange() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let script = """
        print("a,b,c".split(",", 2**63-1), "a,b,c".split(",", 1), [*range(3)], (*"ab", 1))
        try:
            x = [*range(2**62)]
        except MemoryError:
            print("MemoryError")

        """
        XCTAssertTrue(session.runScript(script, filename: "s.py"), sink.errors)
        XCTAssertEqual(sink.output, "['a', 'b', 'c'] ['a', 'b,c'] [0, 1, 2] ('a', 'b', 1)\nMemoryError\n")
    }
}
