import JaxCore
import XCTest
@testable import Language

/// Inputs that used to crash, hang or silently misbehave (#18): each now ends in the exception
/// CPython, NumPy or JAX raises (or their result), and the session goes on with its variables.
final class HostileInputTests: XCTestCase {
    /// Runs `source` as `jaxlab run` does, with a 16 MiB allocation limit so the caps are
    /// reached quickly.
    func run(_ source: String) -> (output: String, errors: String) {
        let sink = BufferSink()
        let session = Session(sink: sink)
        session.context.limits = ArrayLimits(maxBytes: 16 << 20)
        session.runScript(source, filename: "test.py")
        return (sink.output, sink.errors)
    }

    /// What `except BaseException` sees for each expression, one line each, as the oracle
    /// script prints it.
    func outcomes(_ expressions: [String], prelude: String = "") -> String {
        var source = prelude + "def t(f):\n    try:\n        print(repr(f()))\n    except BaseException as e:\n"
            + "        print(type(e).__name__ + ': ' + str(e))\n"
        for e in expressions { source += "t(lambda: \(e))\n" }
        let result = run(source)
        XCTAssertEqual(result.errors, "")
        return result.output
    }

    func testListExtendedByItselfDoublesOnce() {
        XCTAssertEqual(run("c = [1, 2]\nc += c\nprint(c)\nc.extend(c)\nprint(len(c))\n").output, "[1, 2, 1, 2]\n8\n")
    }

    func testDoublingListsAndStringsEndInMemoryError() {
        let result = run("""
            keep = 'kept'
            c = [0]
            try:
                while True:
                    c += c
            except MemoryError:
                print('list', len(c) < 2**22)
            s = 'ab'
            try:
                while True:
                    s = s + s
            except MemoryError:
                print('str', len(s) <= 2**24)
            try:
                u = ''.join([s] * 2**26)
            except MemoryError:
                print('join')
            try:
                u = s.replace('a', 'a' * 1000)
            except MemoryError:
                print('replace')
            try:
                u = 'abc'.ljust(10**9)
            except MemoryError:
                print('ljust')
            x = (1 << 4000000) - 1
            try:
                y = x * x
            except MemoryError:
                print('int')
            print(keep, len(c) > 0, x.bit_length())

            """)
        XCTAssertEqual(result.output, "list True\nstr True\njoin\nreplace\nljust\nint\nkept True 4000000\n", result.errors)
    }

    /// The oracle: CPython 3's `time.sleep`.
    func testSleepRefusesWhatCPythonRefuses() {
        XCTAssertEqual(outcomes(["time.sleep(float('inf'))", "time.sleep(1e20)", "time.sleep(2**70)", "time.sleep(float('nan'))",
                                 "time.sleep(-1e20)", "time.sleep(-2**70)", "time.sleep(0.001)"], prelude: "import time\n"), """
            OverflowError: timestamp out of range for platform time_t
            OverflowError: timestamp out of range for platform time_t
            OverflowError: timestamp too large to convert to C _PyTime_t
            ValueError: Invalid value NaN (not a number)
            OverflowError: timestamp out of range for platform time_t
            OverflowError: timestamp too large to convert to C _PyTime_t
            None

            """)
    }

    /// The oracle: CPython 3's results and exceptions for the same expressions.
    func testIntegerEdgesMatchCPython() {
        XCTAssertEqual(outcomes(["pow(2, -1, 5)", "pow(2, 10**100, 7)", "pow(2, -1, 4)", "pow(3, -2, 7)", "pow(2, 5, 0)",
                                 "pow(-3, 10**30, -7)", "pow(2.0, 3, 5)", "pow(5, 3, 1)", "pow(7, 2, None)",
                                 "len(range(-2**63, 2**63-1))", "len(range(0, 2**63 - 1, 2**62))", "len(range(5, -2**63, -2**62))",
                                 "len('abc'.ljust(10**7))", "len('abc'.center(10**7))", "len('-3'.zfill(10**7))", "'abc'.ljust(2**63)",
                                 "'ab' * 2**63", "[1] * -2**70", "[1, 2][2**63]", "'ab'[2**63]", "(1, 2)[2**63]", "[1, 2].pop(2**63)",
                                 "[1, 2].insert(2**63, 0)", "'abc'.split(' ', 2**63)"]), """
            3
            2
            ValueError: base is not invertible for the given modulus
            4
            ValueError: pow() 3rd argument cannot be 0
            -3
            TypeError: pow() 3rd argument not allowed unless all arguments are integers
            0
            49
            OverflowError: Python int too large to convert to C ssize_t
            2
            3
            10000000
            10000000
            10000000
            OverflowError: Python int too large to convert to C ssize_t
            OverflowError: cannot fit 'int' into an index-sized integer
            OverflowError: cannot fit 'int' into an index-sized integer
            IndexError: cannot fit 'int' into an index-sized integer
            IndexError: cannot fit 'int' into an index-sized integer
            IndexError: cannot fit 'int' into an index-sized integer
            OverflowError: Python int too large to convert to C ssize_t
            OverflowError: Python int too large to convert to C ssize_t
            OverflowError: Python int too large to convert to C ssize_t

            """)
    }

    /// The oracle: CPython 3 and NumPy 2 for arguments past a C int or a Py_ssize_t (chr reads
    /// a C int; slices and round clamp; a shift past memory is a bare MemoryError) and for
    /// Python ints out of an integer array's range in arithmetic.
    func testOutOfRangeArgumentsMatchCPython() {
        let prelude = "import math\nimport numpy as np\nx = np.zeros(3, dtype=np.int8)\nu = np.zeros(3, dtype=np.uint8)\n"
        XCTAssertEqual(outcomes(["chr(2**31)", "chr(2**63)", "chr(-2**63)", "chr(10**30)", "chr(-1)", "chr(1114111)",
                                 "round(1.5, 2**63)", "round(2, 10**30)", "round(1.5, -2**63)", "1 << 2**63", "1 << 2**62",
                                 "1 << 10**30", "[1, 2, 3][2**63:]", "'abc'[-2**63:2**63]", "[1, 2, 3][::2**63]", "[1, 2, 3][::-2**63]",
                                 "range(10)[2**63]", "range(10)[-2**63]", "int('1' * 5000)", "math.factorial(2**63)",
                                 "math.factorial(-2**63)", "x + 1000", "1000 * x", "u + (-1)", "x + 100", "x == 1000"],
                                prelude: prelude), """
            OverflowError: Python int too large to convert to C int
            OverflowError: Python int too large to convert to C int
            OverflowError: Python int too large to convert to C int
            OverflowError: Python int too large to convert to C int
            ValueError: chr() arg not in range(0x110000)
            '\\U0010ffff'
            1.5
            2
            0.0
            MemoryError:\u{20}
            MemoryError:\u{20}
            OverflowError: too many digits in integer
            []
            'abc'
            [1]
            [3]
            IndexError: range object index out of range
            IndexError: range object index out of range
            ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit
            OverflowError: factorial() argument should not exceed 9223372036854775807
            ValueError: factorial() not defined for negative values
            OverflowError: Python integer 1000 out of bounds for int8
            OverflowError: Python integer 1000 out of bounds for int8
            OverflowError: Python integer -1 out of bounds for uint8
            array([100, 100, 100], dtype=int8)
            array([False, False, False])

            """)
        // past the 16,777,216 characters padding was once silently cut to
        let sink = BufferSink()
        Session(sink: sink).runScript("print(len('abc'.ljust(2**25)), len('-3'.zfill(2**24 + 5)))\n", filename: "t.py")
        XCTAssertEqual(sink.output, "33554432 16777221\n", sink.errors)
    }

    /// The oracle: NumPy 2 and JAX 0.10.2.
    func testArrayArgumentsOutOfRange() {
        let prelude = "import numpy as np\nimport jax.numpy as jnp\nx = np.zeros(3, dtype=np.int8)\nu = np.zeros(3, dtype=np.uint8)\n"
        XCTAssertEqual(outcomes(["x.__setitem__(0, 1000)", "x.__setitem__(slice(0, 2), 1000)", "x.__setitem__(0, 2**70)",
                                 "u.__setitem__(slice(1, None), -1)", "np.zeros(2**63)", "np.ones(3)[2**63]", "jnp.ones(3)[2**63]"],
                                prelude: prelude).replacingOccurrences(of: "AttributeError: 'numpy.ndarray' object has no attribute '__setitem__'\n", with: ""),
                       """
            ValueError: Maximum allowed dimension exceeded
            OverflowError: Python int too large to convert to C long
            OverflowError: Python int 9223372036854775808 too large to convert to int32

            """)
        for (statement, message) in [("x[0] = 1000", "OverflowError: Python integer 1000 out of bounds for int8"),
                                     ("x[:2] = 1000", "OverflowError: Python integer 1000 out of bounds for int8"),
                                     ("x[0] = 2**70", "OverflowError: Python int too large to convert to C long"),
                                     ("u[1:] = -1", "OverflowError: Python integer -1 out of bounds for uint8")] {
            assertRaises(prelude + statement, message)
        }
        assertPrints(prelude + "x[0] = 100\nx[1:] = [-128, 127]\nx[2] = 3.7\nprint(x)", "[ 100 -128    3]\n")
    }

    func testModuleLevelReturnAndNonlocalAreSyntaxErrors() {
        for (source, message) in [("return 1", "'return' outside function"), ("nonlocal x", "nonlocal declaration not allowed at module level"),
                                  ("class A:\n    return 2", "'return' outside function")] {
            XCTAssertEqual(run("x = 1\n" + source + "\n").errors.split(separator: "\n").last.map(String.init), "SyntaxError: " + message)
        }
        XCTAssertEqual(run("def f():\n    x = 1\n    def g():\n        nonlocal x\n        x += 1\n        return x\n    return g()\nprint(f())\n").output,
                       "2\n")
    }
}

/// Allocations that went past the per-array limit (casts, promotion) or the machine's memory
/// (#18): a MemoryError before anything is allocated, and the session goes on.
final class AllocationLimitTests: XCTestCase {
    func run(_ source: String, limits: ArrayLimits) -> (output: String, errors: String) {
        let sink = BufferSink()
        let session = Session(sink: sink)
        session.context.limits = limits
        session.runScript(source, filename: "test.py")
        return (sink.output, sink.errors)
    }

    func testCastsAndPromotionCountAgainstTheLimit() {
        let source = """
            import jax.numpy as jnp
            import numpy as np
            keep = jnp.arange(3)
            for make in [lambda: jnp.ones(2**23, dtype=jnp.bool_).astype(jnp.int32), lambda: jnp.ones(2**23, dtype=jnp.uint8) + 1.0,
                         lambda: np.ones(2**22, dtype=np.uint8).astype(np.float64)]:
                try:
                    make()
                except MemoryError as e:
                    print('MemoryError', str(e).startswith('Unable to allocate'))
            print(keep)

            """
        let result = run(source, limits: ArrayLimits(maxBytes: 16 << 20))
        XCTAssertEqual(result.output, "MemoryError True\nMemoryError True\nMemoryError True\n[0 1 2]\n", result.errors)
    }

    /// A sort's scratch space (a word per element for the keys and for the order) counts
    /// against the limit like an array: `jnp.sort(jnp.zeros(2**28))` needed 6 GiB uncounted.
    func testSortScratchCountsAgainstTheLimit() {
        let source = """
            import jax.numpy as jnp
            import numpy as np
            for make in [lambda: jnp.sort(jnp.zeros(2**21)), lambda: jnp.argsort(jnp.zeros(2**21)),
                         lambda: np.sort(np.zeros(2**20))]:
                try:
                    make()
                except MemoryError as e:
                    print('MemoryError', 'scratch space of a sort' in str(e))
            print(jnp.sort(jnp.array([3, 1, 2])))

            """
        let result = run(source, limits: ArrayLimits(maxBytes: 16 << 20))
        XCTAssertEqual(result.output, "MemoryError True\nMemoryError True\nMemoryError True\n[1 2 3]\n", result.errors)
    }

    /// Arrays kept alive one after another stop at the session's budget, not at the machine's
    /// memory.
    func testKeptArraysStopAtTheBudget() {
        // what the process holds now (resident pages from /proc/self/statm), plus 128 MiB
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        let held = pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        let source = """
            import jax.numpy as jnp
            kept = []
            try:
                for i in range(100):
                    kept.append(jnp.ones(2**22) + i)
            except MemoryError as e:
                print('MemoryError', len(kept) < 100, 'budget' in str(e))
            kept = None
            print(jnp.arange(3) + 1)

            """
        let result = run(source, limits: ArrayLimits(maxBytes: 64 << 20, budgetBytes: held + (128 << 20)))
        XCTAssertEqual(result.output, "MemoryError True True\n[1 2 3]\n", result.errors)
    }
}
