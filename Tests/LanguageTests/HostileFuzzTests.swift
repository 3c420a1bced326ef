import Foundation
import XCTest
@testable import Language

/// Random programs built from the inputs #18 found dangerous: ragged nested lists, lists and
/// strings operating on themselves, huge sizes, wide casts, big integers, odd sleeps. Every
/// statement runs under `try`, so a program ends either at its last line with its variables
/// intact, or in the KeyboardInterrupt its time budget raises; a crash or a hang fails the test
/// (a signal takes the whole test process down).
final class HostileFuzzTests: XCTestCase {
    static let sizes = ["1", "8", "20", "24", "31", "33", "62", "63", "64", "70", "100"]
    static let values = ["[3, [1, 2]]", "[1.0, [0.0] * 4]", "[x, x]", "[x, [x, x]]", "[[1], 2]", "[2, []]", "[np.ones(2), [1, 2]]",
                         "[[], []]", "[1, jnp.ones(3)]", "[2**70]", "[1, 'a']", "((1, 2), [3, 4])", "[x, x, jnp.ones(3)]",
                         "[[[1]], [[2, 3]]]", "[np.ones((2, 2)), np.ones(2)]", "c", "[c, c]", "[1000, -129]"]
    static let dtypes = ["jnp.bool_", "jnp.uint8", "jnp.int8", "jnp.int32", "jnp.float32", "jnp.float16"]
    static let templates = [
        "np.array(V)", "jnp.array(V)", "jnp.asarray(V)", "np.asarray(V, dtype=np.int8)", "jnp.array(V, dtype=D)",
        "print(np.array(V).sum())", "print(jnp.tanh(jnp.array(V)))", "print(repr(np.array(V)))",
        "c += c", "c.extend(c)", "c = c + c", "c = c * 2**N", "c[2**N] = 1", "c.insert(2**N, c)",
        "s = s + s", "s = s * 2**N", "s = ''.join([s] * 2**N)", "s = s.replace('a', s)", "s = s.ljust(2**N)", "s = s.center(2**N)",
        "big = big * big", "big = 1 << 2**N", "big = pow(big, 2**N, 7)", "big = pow(3, -N, 2**N)", "print(len(range(-2**N, 2**N)))",
        "y = jnp.ones(2**N, dtype=D).astype(D)", "y = jnp.ones(2**N, dtype=jnp.uint8) + 1.0", "y = jnp.sort(jnp.zeros(2**N))",
        "y = np.zeros(2**N)", "y = np.ones(2**N, dtype=np.uint8).astype(np.float64)", "y = jnp.zeros((2**N, 2**N))",
        "a8 = np.zeros(3, dtype=np.int8)\na8[0] = 2**N", "a8 = np.zeros(3, dtype=np.int8)\na8[:] = V",
        "time.sleep(float('inf'))", "time.sleep(2**N)", "time.sleep(float('nan'))", "time.sleep(-1)", "time.sleep(0.001)",
        "x = x.at[2**N].set(1)", "print(x[2**N])", "x = jnp.array([x, x])[0]",
    ]

    static func program(_ rng: inout FuzzTests.SplitMix) -> String {
        var text = FuzzTests.prelude + "import time\nx = jnp.ones(2)\nc = [1, 2]\ns = 'ab'\nbig = (1 << 1000) - 1\n"
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            var statement = templates[Int.random(in: 0..<templates.count, using: &rng)]
            while let r = statement.range(of: "V") { statement.replaceSubrange(r, with: values[Int.random(in: 0..<values.count, using: &rng)]) }
            while let r = statement.range(of: "N") { statement.replaceSubrange(r, with: sizes[Int.random(in: 0..<sizes.count, using: &rng)]) }
            while let r = statement.range(of: "D)") { statement.replaceSubrange(r, with: dtypes[Int.random(in: 0..<dtypes.count, using: &rng)] + ")") }
            text += "try:\n    " + statement.replacingOccurrences(of: "\n", with: "\n    ") + "\nexcept Exception as e:\n    print(type(e).__name__)\n"
        }
        return text + "print('alive', x.ndim >= 0, len(c) >= 0, len(s) >= 0, big >= 0)\n"
    }

    func testHostileProgramsEndInExceptionsAndKeepTheSession() {
        var rng = FuzzTests.SplitMix(state: 18)
        let started = Date()
        var ran = 0
        while ran < 1500 && Date().timeIntervalSince(started) < 60 {
            let source = HostileFuzzTests.program(&rng)
            let sink = BufferSink()
            let begun = Date()
            let finished = FuzzTests.run(source, budget: 0.5, sink: sink)
            let elapsed = Date().timeIntervalSince(begun)
            // one kernel (a large sort in a debug build) may run a few seconds before the
            // interrupt is seen between primitives
            XCTAssertLessThan(elapsed, 15, "program \(ran) ran \(elapsed) s despite the interrupt:\n\(source)")
            if finished {
                XCTAssertTrue(sink.output.contains("alive True True True True"), "program \(ran) lost its variables:\n\(source)\n\(sink.output)")
            } else {
                XCTAssertTrue(sink.errors.hasSuffix("KeyboardInterrupt\n"), "program \(ran) failed:\n\(source)\n\(sink.errors)")
            }
            ran += 1
        }
        XCTAssertGreaterThan(ran, 100)
        print("HostileFuzzTests ran \(ran) programs in \(Int(Date().timeIntervalSince(started))) s")
    }
}
