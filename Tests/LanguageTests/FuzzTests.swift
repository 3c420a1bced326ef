import Foundation
import JaxCore
import XCTest
@testable import Language

/// Thousands of random and mutated programs (from the recorded cells and from a small
/// generator) run through the parser and interpreter: none may crash or hang. Each run has a
/// time budget enforced through the session's interrupt flag, as Ctrl-C would.
final class FuzzTests: XCTestCase {
    /// A small deterministic generator, so a failing program can be reproduced from its index.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "+=", "*", "**", "-", "/", "//", "%", "@", "~",
        "not ", " and ", " or ", " in ", " is ", "lambda x: ", "\n", "\n    ", "    ", "\\\n", "'", "\"", "\"\"\"",
        "f'{", "}'", "#", "1e308", "10**10", "2**64", "-1", "0", "0.0", "None", "True", "...", "x", "y", "_",
        "for i in range(3):\n    ", "while True:\n    ", "def f(a, *b, **c):\n    ", "return ", "yield ",
        "del x\n", "raise ValueError('v')\n", "try:\n    pass\nexcept Exception as e:\n    print(e)\n",
        "jnp.", "np.", "jax.", "[:, None]", "[::-1]", ".T", ".at[0].set(1)", "print(", "len(", "x.sum(axis=0)",
        "jnp.zeros((2, 3))", "np.arange(5)", "jax.grad(lambda v: (v * v).sum())", "jax.jit(lambda v: v + 1)",
        "jax.vmap(lambda v: v * 2)", "jax.make_jaxpr(lambda v: v.mean())", "global x\n", "nonlocal x\n",
        "assert False\n", "import math\n", "import os\n", "if x:\n    ", "else:\n    ", "elif y:\n    ",
    ]

    static let snippets = [
        "x = [1, 2, 3]\nprint(x[1:], sum(x), {k: v for k, v in zip('ab', x)})\n",
        "def g(n):\n    return n if n < 2 else g(n - 1) + g(n - 2)\nprint(g(10))\n",
        "x = jnp.arange(6).reshape(2, 3)\nprint(x, x.T, x.sum(axis=1), x[:, 1])\n",
        "y = np.arange(6.0)\ny[2] = 10\ny += 1\nprint(y, y.mean(), y.astype('uint8'))\n",
        "f = lambda v: (v ** 2).sum()\nprint(jax.grad(f)(jnp.arange(3.0)), jax.make_jaxpr(f)(jnp.ones(2)))\n",
        "k = jax.random.key(0)\nk, s = jax.random.split(k)\nprint(jax.random.normal(s, (3,)))\n",
        "s = 'text'\nprint(f'{s!r:>8} {len(s):03d} {3.5:.2f}', s.upper().split('X'))\n",
        "try:\n    {}['k']\nexcept KeyError as e:\n    print('missing', e)\nfinally:\n    print('done')\n",
        "a, *b = range(4)\nprint(a, b)\nwhile b:\n    b.pop()\nprint(b)\n",
        "print(jax.vmap(lambda v: v * 2)(jnp.arange(4)), jax.jit(lambda v: v - 1)(jnp.ones(3)))\n",
    ]

    static let prelude = "import jax\nimport jax.numpy as jnp\nimport numpy as np\nimport math\n"

    /// The recorded cells and the snippets above: the seeds that get mutated.
    static func corpus() throws -> [String] {
        var sources = snippets
        for name in ["lab1", "python-semantics"] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Data") else { continue }
            let cells = try JSONDecoder().decode([CellTests.Cell].self, from: Data(contentsOf: url))
            sources += cells.map(\.code)
        }
        return sources
    }

    static func mutate(_ source: String, _ rng: inout SplitMix) -> String {
        var chars = Array(source)
        let edits = Int.random(in: 1...4, using: &rng)
        for _ in 0..<edits {
            let position = chars.isEmpty ? 0 : Int.random(in: 0...chars.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !chars.isEmpty:
                let end = min(chars.count, position + Int.random(in: 1...8, using: &rng))
                if position < end { chars.removeSubrange(position..<end) }
            case 1:
                let fragment = fragments[Int.random(in: 0..<fragments.count, using: &rng)]
                chars.insert(contentsOf: fragment, at: position)
            case 2:
                var lines = String(chars).components(separatedBy: "\n")
                if lines.count > 1 {
                    let i = Int.random(in: 0..<lines.count, using: &rng)
                    let j = Int.random(in: 0..<lines.count, using: &rng)
                    lines.swapAt(i, j)
                }
                chars = Array(lines.joined(separator: "\n"))
            case 3:
                var lines = String(chars).components(separatedBy: "\n")
                let i = Int.random(in: 0..<lines.count, using: &rng)
                lines.insert(lines[i], at: i)
                chars = Array(lines.joined(separator: "\n"))
            default:
                chars = Array(chars.prefix(position))
            }
        }
        return String(chars)
    }

    static func randomProgram(_ rng: inout SplitMix) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...12, using: &rng) {
            text += fragments[Int.random(in: 0..<fragments.count, using: &rng)]
        }
        return text
    }

    /// Runs one program with a time budget; returns how long it took.
    static func run(_ source: String, budget: Double) -> Double {
        let session = Session(sink: BufferSink())
        session.context.limits = ArrayLimits(maxBytes: 16 << 20)
        let flag = session.context.interrupt
        let start = Date()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + budget, repeating: budget)
        timer.setEventHandler { flag.raise() }
        timer.resume()
        session.runScript(source, filename: "fuzz.py")
        timer.cancel()
        return Date().timeIntervalSince(start)
    }

    func testMutatedAndRandomProgramsNeverCrashOrHang() throws {
        let corpus = try FuzzTests.corpus()
        var rng = SplitMix(state: 20_261_126)
        let started = Date()
        var slowest = (0.0, "")
        for i in 0..<4000 {
            let program: String
            if i % 4 == 3 {
                program = FuzzTests.randomProgram(&rng)
            } else {
                program = FuzzTests.prelude + FuzzTests.mutate(corpus[Int.random(in: 0..<corpus.count, using: &rng)], &rng)
            }
            let elapsed = FuzzTests.run(program, budget: 0.2)
            if elapsed > slowest.0 { slowest = (elapsed, program) }
            XCTAssertLessThan(elapsed, 3, "program \(i) ran \(elapsed) s despite the interrupt:\n\(program)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "slowest program (\(slowest.0) s):\n\(slowest.1)")
    }

    func testDeepNestingIsASyntaxErrorNotACrash() {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + "\n"
        let result = runPython(deep)
        XCTAssertTrue(result.errors.hasSuffix("SyntaxError: too many nested parentheses\n"), result.errors)
        let unary = "x = " + String(repeating: "-", count: 100_000) + "1\n"
        XCTAssertTrue(runPython(unary).errors.contains("SyntaxError"))
        let nots = "x = " + String(repeating: "not ", count: 50_000) + "1\n"
        XCTAssertTrue(runPython(nots).errors.contains("SyntaxError"))
    }

    func testRunawayRecursionAndDataNestingRaiseRecursionError() {
        assertRaises("def f():\n    return f()\nf()\n", "RecursionError: maximum recursion depth exceeded")
        assertRaises("a = []\nfor i in range(100000):\n    a = [a]\nb = []\nfor i in range(100000):\n    b = [b]\nprint(a == b)\n",
                     "RecursionError: maximum recursion depth exceeded in comparison")
        let result = runPython("a = []\nfor i in range(100000):\n    a = [a]\nprint(a)\n")
        XCTAssertTrue(result.errors.contains("RecursionError"), result.errors)
    }

    func testInfiniteLoopStopsWithKeyboardInterrupt() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let flag = session.context.interrupt
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { flag.raise() }
        XCTAssertFalse(session.runScript("while True:\n    pass\n", filename: "loop.py"))
        XCTAssertTrue(sink.errors.hasSuffix("KeyboardInterrupt\n"), sink.errors)
    }
}
