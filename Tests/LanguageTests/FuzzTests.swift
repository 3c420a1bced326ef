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
        for name in ["lab1", "python-semantics", "classes", "generators", "stdlib", "complex-numbers"] {
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
        let start = Date()
        _ = run(source, budget: budget, sink: BufferSink())
        return Date().timeIntervalSince(start)
    }

    /// Runs one program with a time budget; returns whether it ran to its end.
    @discardableResult
    static func run(_ source: String, budget: Double, sink: BufferSink) -> Bool {
        let session = Session(sink: sink)
        session.context.limits = ArrayLimits(maxBytes: 16 << 20)
        let flag = session.context.interrupt
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + budget, repeating: budget)
        timer.setEventHandler { flag.raise() }
        timer.resume()
        let finished = session.runScript(source, filename: "fuzz.py")
        timer.cancel()
        return finished
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

    /// Class members, some well-behaved and some broken (wrong return types, endless
    /// recursion, NotImplemented everywhere), that the random class-heavy programs combine.
    static let classMembers = [
        "    x = 1\n",
        "    def __init__(self, *a, **k):\n        super().__init__()\n        self.v = len(a)\n",
        "    def __init__(self, v=0):\n        self.v = v\n",
        "    def __repr__(self):\n        return 'R' + str(self.v)\n",
        "    def __str__(self):\n        return 5\n",
        "    def __eq__(self, o):\n        return self is o\n",
        "    def __hash__(self):\n        return 1\n",
        "    def __add__(self, o):\n        return NotImplemented\n",
        "    def __radd__(self, o):\n        return self\n",
        "    def __mul__(self, o):\n        return o * self\n",
        "    def __lt__(self, o):\n        return id(self) < id(o)\n",
        "    def __len__(self):\n        return -1\n",
        "    def __len__(self):\n        return 2 ** 70\n",
        "    def __bool__(self):\n        return 'yes'\n",
        "    def __iter__(self):\n        yield from range(3)\n",
        "    def __iter__(self):\n        return self\n    def __next__(self):\n        raise StopIteration\n",
        "    def __getitem__(self, i):\n        return i * 2\n",
        "    def __call__(self, *a):\n        return a\n",
        "    def __getattr__(self, n):\n        return n\n",
        "    def __getattr__(self, n):\n        return self.missing\n",
        "    def __setattr__(self, n, v):\n        object.__setattr__(self, n, v)\n",
        "    @property\n    def p(self):\n        return self.p\n",
        "    @property\n    def q(self):\n        return 1\n    @q.setter\n    def q(self, v):\n        self._q = v\n",
        "    @staticmethod\n    def s(*a):\n        return a\n",
        "    @classmethod\n    def c(cls):\n        return cls()\n",
        "    def __enter__(self):\n        return self\n    def __exit__(self, *a):\n        return True\n",
        "    def gen(self, n):\n        for i in range(n):\n            x = yield i\n            if x:\n                return x\n",
        "    def fin(self):\n        try:\n            yield self\n        finally:\n            print('closed', self.fin)\n",
        "    def __init_subclass__(cls, **k):\n        super().__init_subclass__()\n",
        "    __slots__ = ('v',)\n",
        "    def __format__(self, spec):\n        return spec\n",
        "    def __contains__(self, x):\n        return True\n",
        "    def __iadd__(self, o):\n        return self\n",
        "    def __index__(self):\n        return 2\n",
        "    def __neg__(self):\n        return -self\n",
        "    def __new__(cls, *a, **k):\n        return super().__new__(cls)\n",
        "    def __del__(self):\n        pass\n",
        "    def __get__(self, obj, owner=None):\n        return obj\n",
        "    def m(self):\n        return super().m()\n",
    ]

    static let classBases = ["", "", "Exception", "ValueError", "tuple", "list", "dict", "int", "object", "str", "NamedTuple"]

    /// Statements that use the classes; `{C}` and `{D}` name two of them.
    static let classUses = [
        "o = {C}()", "o = {C}(1, 2)", "print(o)", "print(repr(o), str(o))", "o + o", "1 + o", "o * 3", "o < {D}()",
        "sorted([o, {C}()])", "len(o)", "bool(o)", "list(o)", "o[1]", "o(1)", "o.p", "o.q = 3", "o.s(1)", "{C}.c()",
        "with o as w:\n    print(w)", "g = o.gen(3)\nprint(next(g), g.send(1))", "hash(o)", "{o: 1}", "isinstance(o, {D})",
        "issubclass({C}, {D})", "raise {C}()", "raise {C}('x') from None", "f'{o:>3}'", "o.x = 5\nprint(o.x)", "del o.x",
        "vars(o)", "dir(o)", "1 in o", "o += o", "import copy\ncopy.deepcopy(o)", "import copy\ncopy.copy(o)",
        "super({C}, o).__init__()", "[*o]",
        "dict(o)", "o == {D}()", "print({C}.__mro__)", "setattr(o, 'z', o)", "getattr(o, 'nope', None)", "-o", "abs(o)",
        "int(o)", "float(o)", "complex(o)", "round(o)", "{C}.m(o)", "o.m()", "type(o)(o)", "print(*o)", "max(o, o)",
        "from dataclasses import dataclass\n@dataclass\nclass E({C}):\n    a: int = 0\nprint(E())",
        "from collections import namedtuple\nN = namedtuple('N', 'a b')\nprint(N(o, o))", "from functools import partial\npartial({C}, 1)()",
        "from functools import lru_cache\nlru_cache({C})(1)", "import itertools\nlist(itertools.islice(o, 2))",
        "from collections import Counter\nCounter([o, o])", "for v in o.fin():\n    break", "h = o.fin()\nnext(h)\nh = o.fin()",
    ]

    /// A random program of a few classes (random bases, members and decorators) and
    /// statements that use them, most inside try blocks so that more of each program runs.
    static func classHeavyProgram(_ rng: inout SplitMix) -> String {
        var text = ""
        var names: [String] = []
        for i in 0..<Int.random(in: 1...4, using: &rng) {
            let name = "K\(i)"
            var bases: [String] = []
            if !names.isEmpty && Bool.random(using: &rng) { bases.append(names[Int.random(in: 0..<names.count, using: &rng)]) }
            let builtin = classBases[Int.random(in: 0..<classBases.count, using: &rng)]
            if !builtin.isEmpty { bases.append(builtin) }
            if builtin == "NamedTuple" { text += "from typing import NamedTuple\n" }
            if Int.random(in: 0..<6, using: &rng) == 0 {
                text += ["from dataclasses import dataclass\n@dataclass\n", "from functools import total_ordering\n@total_ordering\n",
                         "from dataclasses import dataclass\n@dataclass(frozen=True)\n"][Int.random(in: 0..<3, using: &rng)]
            }
            text += "class \(name)\(bases.isEmpty ? "" : "(" + bases.joined(separator: ", ") + ")"):\n"
            if Int.random(in: 0..<4, using: &rng) == 0 { text += "    a: int = 1\n" }
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                text += classMembers[Int.random(in: 0..<classMembers.count, using: &rng)]
            }
            names.append(name)
        }
        text += "try:\n    o = \(names[Int.random(in: 0..<names.count, using: &rng)])()\nexcept Exception:\n    o = None\n"
        for _ in 0..<Int.random(in: 2...10, using: &rng) {
            let use = classUses[Int.random(in: 0..<classUses.count, using: &rng)]
                .replacingOccurrences(of: "{C}", with: names[Int.random(in: 0..<names.count, using: &rng)])
                .replacingOccurrences(of: "{D}", with: names[Int.random(in: 0..<names.count, using: &rng)])
            if Int.random(in: 0..<4, using: &rng) != 0 {
                let body = use.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
                text += "try:\n\(body)\nexcept Exception as e:\n    print(type(e).__name__, e)\n"
            } else {
                text += use + "\n"
            }
        }
        return text
    }

    func testRandomClassHeavyProgramsNeverCrashOrHang() throws {
        var rng = SplitMix(state: 16_016)
        let started = Date()
        var slowest = (0.0, "")
        var ranToEnd = 0
        for i in 0..<3000 {
            var program = FuzzTests.classHeavyProgram(&rng)
            if i % 3 == 2 { program = FuzzTests.mutate(program, &rng) }
            let sink = BufferSink()
            let start = Date()
            if FuzzTests.run(program, budget: 0.2, sink: sink) { ranToEnd += 1 }
            let elapsed = Date().timeIntervalSince(start)
            if elapsed > slowest.0 { slowest = (elapsed, program) }
            XCTAssertLessThan(elapsed, 3, "program \(i) ran \(elapsed) s despite the interrupt:\n\(program)")
        }
        print("class-heavy programs: \(ranToEnd) of 3000 ran to their end")
        // the generator is meant to reach the end of a good share of its programs, not only fail early
        XCTAssertGreaterThan(ranToEnd, 500, "only \(ranToEnd) of 3000 programs ran to their end")
        XCTAssertLessThan(Date().timeIntervalSince(started), 60, "slowest program (\(slowest.0) s):\n\(slowest.1)")
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
