import XCTest
@testable import Language

/// `%explain f(x)` and `jax.jit(f).lower(x).compile().as_text()` show the optimised program.
final class ExplainTests: XCTestCase {
    static let definitions = """
    import jax
    import jax.numpy as jnp
    def f(x):
        x = x + 2
        x = x ** 2
        x = x + 3
        return x.mean()
    x = jnp.ones(100000)

    """

    func testExplainMagicShowsTheFusedLoop() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        XCTAssertTrue(session.runScript(Self.definitions, filename: "defs.py"), sink.errors)
        let result = session.runInteractive("%explain jax.grad(f)(x)\n", filename: "<stdin>")
        XCTAssertTrue(result.succeeded, result.errorText)
        XCTAssertTrue(result.printed.contains("4 dead equations removed"), result.printed)
        XCTAssertTrue(result.printed.contains("fused loop over f32[100000]: add, mul, broadcast_in_dim, mul"), result.printed)
        XCTAssertTrue(result.printed.contains("reads 400.0 kB, writes 400.0 kB"), result.printed)
    }

    func testExplainNeedsACall() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let result = session.runInteractive("%explain f\n", filename: "<stdin>")
        XCTAssertEqual(result.errorText, "UsageError: %explain needs a call, such as %explain f(x).\n")
    }

    func testLowerCompileAsText() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        XCTAssertTrue(session.runScript(Self.definitions + "print(jax.jit(f).lower(x).compile().as_text())\n", filename: "t.py"), sink.errors)
        XCTAssertTrue(sink.output.hasPrefix("optimised program of f(f32[100000]):\n"), sink.output)
        XCTAssertTrue(sink.output.contains("fused loop over f32[100000]: add, integer_pow, add -> reduce_sum"), sink.output)
    }

    /// A jitted sampler whose values are the program's results stays one call and runs as the
    /// sampler's fused kernel (the bits of the equations); one whose values feed more
    /// arithmetic is inlined, so its last multiply can fuse with what follows, as in XLA.
    func testSamplersRunAsTheirFusedKernel() {
        let result = runPython("""
        import jax
        key = jax.random.PRNGKey(3)
        alone = jax.jit(lambda k: jax.random.normal(k, (100000,)))
        print(alone.lower(key).compile().as_text())
        print(bool((alone(key) == jax.random.normal(key, (100000,))).all()))
        print(jax.jit(lambda k: jax.random.normal(k, (100000,)) + 1).lower(key).compile().as_text())

        """)
        XCTAssertTrue(result.ok, result.errors)
        XCTAssertTrue(result.output.contains("0 nested calls inlined"), result.output)
        XCTAssertTrue(result.output.contains("  2. jit -> f32[100000]\n"), result.output)
        XCTAssertTrue(result.output.contains("\nTrue\n"), result.output)
        XCTAssertTrue(result.output.contains("3 nested calls inlined"), result.output)
    }
}
