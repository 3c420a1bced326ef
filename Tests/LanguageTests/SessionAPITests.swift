import XCTest
import Language

/// The structured side of `Session` that lessons use: results, magics, snapshots, evaluation,
/// child scopes, host functions and array views.
final class SessionAPITests: XCTestCase {
    func testResultCarriesPrintedTextValueAndException() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        session.importLabModules()
        let shown = session.runInteractive("print('hi')\njnp.arange(3)\n", filename: "<stdin>")
        XCTAssertEqual(shown.printed, "hi\nArray([0, 1, 2], dtype=int32)\n")
        XCTAssertEqual(sink.output, shown.printed)
        XCTAssertEqual(shown.value.map(session.repr), "Array([0, 1, 2], dtype=int32)")
        XCTAssertTrue(shown.succeeded)
        let failed = session.runInteractive("np.arange(10)[11]\n", filename: "<stdin>")
        XCTAssertEqual(failed.exception, RaisedException(kind: "IndexError", message: "index 11 is out of bounds for axis 0 with size 10"))
        XCTAssertTrue(failed.errorText.hasSuffix("IndexError: index 11 is out of bounds for axis 0 with size 10\n"))
        XCTAssertNil(failed.value)
    }

    func testQuietInputsKeepTheirOutputOutOfTheSink() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let result = session.runInteractive("print(1 + 1)\n", filename: "<stdin>", quietly: true)
        XCTAssertEqual(result.printed, "2\n")
        XCTAssertEqual(sink.output, "")
    }

    func testCallsComeFromTheTraceAndTheSource() {
        let session = Session(sink: BufferSink())
        session.importLabModules()
        session.runInteractive("from jax import grad as g\ndef f(x):\n    return (x ** 2).sum()\n\n", filename: "<stdin>")
        let result = session.runInteractive("g(f)(jnp.ones(3)).block_until_ready()\n", filename: "<stdin>")
        XCTAssertTrue(result.calls.contains("jax.grad"), "\(result.calls)")
        XCTAssertTrue(result.calls.contains("g"))
        XCTAssertTrue(result.calls.contains(".block_until_ready"))
        XCTAssertFalse(session.runInteractive("'jax.grad'\n", filename: "<stdin>").calls.contains("jax.grad"))
    }

    func testMagicsRunInsideTheSession() {
        let session = Session(sink: BufferSink())
        session.timing = .quick
        let timed = session.runInteractive("%%timeit\nsum(range(10))\n", filename: "<stdin>")
        XCTAssertTrue(timed.printed.contains("per loop (mean ± std. dev. of 1 run, 1 loop each)"), timed.printed)
        XCTAssertTrue(timed.calls.contains("%%timeit"))
        XCTAssertTrue(timed.calls.contains("sum"))
        session.runInteractive("alpha = 1\n%who\nbeta = 2\n", filename: "<stdin>")
        XCTAssertEqual(session.runInteractive("%who\n", filename: "<stdin>").printed, "alpha\t beta\t \n")
        let unknown = session.runInteractive("%nosuch\n", filename: "<stdin>")
        XCTAssertEqual(unknown.errorText, "UsageError: Line magic function `%nosuch` not found.\n")
        XCTAssertEqual(unknown.exception?.kind, "UsageError")
    }

    func testSnapshotRestoresNamesContainersAndX64() {
        let session = Session(sink: BufferSink())
        session.importLabModules()
        session.runScript("items = [1, [2]]\narr = np.zeros(2)\n", filename: "s.py")
        let before = session.snapshot()
        session.runScript("items[1].append(3)\narr[0] = 5\nextra = 1\njax.config.update('jax_enable_x64', True)\n", filename: "s.py")
        XCTAssertTrue(session.x64Enabled)
        session.restore(before)
        XCTAssertEqual(session.runInteractive("items, arr\n", filename: "<stdin>", quietly: true).printed,
                       "([1, [2]], array([0., 0.]))\n")
        XCTAssertEqual(session.evaluate("extra").failureValue?.kind, "NameError")
        XCTAssertFalse(session.x64Enabled)
        session.runScript("items.append(9)\n", filename: "s.py")
        session.restore(before)
        XCTAssertEqual(session.runInteractive("items\n", filename: "<stdin>", quietly: true).printed, "[1, [2]]\n")
    }

    func testEvaluateReturnsValuesAndErrors() {
        let session = Session(sink: BufferSink())
        session.runScript("x = 20\n", filename: "s.py")
        guard case .success(let value) = session.evaluate("x + 1") else { return XCTFail("x + 1 failed") }
        XCTAssertEqual(session.repr(value), "21")
        XCTAssertEqual(session.evaluate("y").failureValue, RaisedException(kind: "NameError", message: "name 'y' is not defined"))
        XCTAssertEqual(session.evaluate("x = 1").failureValue?.kind, "SyntaxError")
    }

    func testChildScopesReadGlobalsButNeverRebindThem() {
        let session = Session(sink: BufferSink())
        session.runScript("x = 1\n", filename: "s.py")
        let (helpers, made) = session.runInChildScope("def twice(v):\n    return 2 * v\n", filename: "<helpers>")
        XCTAssertTrue(made.succeeded)
        let run = session.runInChildScope("y = twice(x) + bonus\nprint(y)\n", filename: "<check>", parent: helpers,
                                          names: ["bonus": .int(10)])
        XCTAssertEqual(run.result.printed, "12\n")
        XCTAssertTrue(session.runInChildScope("x = 7\n", filename: "<check>").result.succeeded)
        XCTAssertEqual(session.runInteractive("x\n", filename: "<stdin>", quietly: true).printed, "1\n")
        XCTAssertEqual(session.evaluate("twice").failureValue?.kind, "NameError")
        XCTAssertEqual(session.evaluate("y").failureValue?.kind, "NameError")
        let global = session.runInChildScope("global x\nx = 5\n", filename: "<check>")
        XCTAssertEqual(global.result.exception?.kind, "SyntaxError")
        XCTAssertEqual(session.runInteractive("x\n", filename: "<stdin>", quietly: true).printed, "1\n")
    }

    func testHostFunctionsAndArrayViews() {
        let session = Session(sink: BufferSink())
        session.importLabModules()
        let shape = session.hostFunction("shape_of") { [unowned session] arguments throws(RaisedException) -> PyValue in
            guard let first = arguments.positional.first, let view = session.arrayView(of: first) else {
                throw RaisedException(kind: "TypeError", message: "not an array")
            }
            return .tuple(view.shape.map { .int($0) })
        }
        let run = session.runInChildScope("print(shape_of(jnp.zeros((2, 3))))\nshape_of('a')\n", filename: "<c>", names: ["shape_of": shape])
        XCTAssertEqual(run.result.printed, "(2, 3)\n")
        XCTAssertEqual(run.result.exception, RaisedException(kind: "TypeError", message: "not an array"))
        guard case .success(let c) = session.evaluate("jnp.arange(5, 7, dtype=jnp.float16)") else { return XCTFail() }
        XCTAssertEqual(session.arrayView(of: c), ArrayView(shape: [2], dtype: "float16", values: [5, 6], isJaxArray: true))
        guard case .success(let list) = session.evaluate("[[1, 2]]"), case .success(let dtype) = session.evaluate("jnp.float16") else {
            return XCTFail()
        }
        XCTAssertEqual(session.arrayView(of: list)?.shape, [1, 2])
        XCTAssertEqual(session.dtypeName(of: dtype), "float16")
        XCTAssertEqual(session.dtypeName(of: .str("int32")), "int32")
        XCTAssertNil(session.dtypeName(of: .str("nonsense")))
    }

    func testSyntaxErrorsAreLocatedAndMagicsAccepted() {
        XCTAssertNil(Session.syntaxError(in: "%%timeit\nf(x)\n"))
        XCTAssertNil(Session.syntaxError(in: "x = 1\n%timeit x + 1\n"))
        XCTAssertEqual(Session.syntaxError(in: "x = 1\ny = (\n")?.line, 2)
        XCTAssertEqual(Session.syntaxError(in: "x = 1\nx +* 2\n")?.line, 2)
    }
}

extension Result {
    /// The error, when this is a failure.
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
