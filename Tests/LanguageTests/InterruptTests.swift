import Foundation
import XCTest
@testable import Language

/// Ctrl-C reaches every built-in loop that can run long (#18): each statement here would run
/// for minutes or forever, and ends in KeyboardInterrupt soon after the flag is raised.
final class InterruptTests: XCTestCase {
    static let endless = [
        "all(range(1, 10**15))", "any(itertools.repeat(0))", "list(filter(None, itertools.repeat(0)))",
        "list(itertools.compress(itertools.repeat(1), itertools.repeat(0)))",
        "list(itertools.dropwhile(bool, itertools.repeat(1)))", "print(*itertools.count())",
        "x = [0]\nx[:] = itertools.count()", "a, *b = itertools.count()", "set().difference_update(itertools.count())",
        "sorted(list(range(2**22))[::-1])", "max(list(range(2**24)))",
        // (arrays under the 16 MiB limit the runner sets)
        "jnp.ones((2000, 2000), dtype=jnp.int32) @ jnp.ones((2000, 2000), dtype=jnp.int32)",
    ]

    func testLongBuiltinLoopsStopAtCtrlC() {
        for statement in InterruptTests.endless {
            let sink = BufferSink()
            let started = Date()
            let finished = FuzzTests.run("import itertools\nimport jax.numpy as jnp\n" + statement + "\n", budget: 0.2, sink: sink)
            XCTAssertFalse(finished, statement)
            XCTAssertTrue(sink.errors.hasSuffix("KeyboardInterrupt\n"), "\(statement): \(sink.errors)")
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, statement)
        }
    }

    /// As CPython: unpacking stops at the first value too many, so an endless iterator fails at once.
    func testUnpackingAnEndlessIteratorFailsAtOnce() {
        let sink = BufferSink()
        Session(sink: sink).runScript("import itertools\na, b = itertools.count()\n", filename: "t.py")
        XCTAssertTrue(sink.errors.hasSuffix("ValueError: too many values to unpack (expected 2)\n"), sink.errors)
    }
}
