import Dispatch
import XCTest
@testable import Language

/// Jitted calls are dispatched to a worker thread, as in JAX: the call returns arrays of known
/// shape, every use of their values waits, errors surface where the value is waited for, and
/// Ctrl-C cancels what is queued.
final class AsyncDispatchTests: XCTestCase {
    /// A kernel's error (here an allocation past the limit) is raised where the value is
    /// waited for, with that line, not at the call; the shape is known without waiting.
    func testErrorSurfacesAtBlockUntilReady() {
        let result = runPython("""
        import jax
        import jax.numpy as jnp
        g = jax.jit(lambda x: jnp.sort(x[:, None] * x[None, :]))
        y = g(jnp.ones(100000))
        print(y.shape, y.dtype)
        y.block_until_ready()

        """, file: "err.py")
        XCTAssertFalse(result.ok)
        XCTAssertEqual(result.output, "(100000, 100000) float32\n")
        XCTAssertTrue(result.errors.contains("File \"err.py\", line 6, in <module>\n    y.block_until_ready()\n"), result.errors)
        XCTAssertFalse(result.errors.contains("line 4"), result.errors)
        XCTAssertTrue(result.errors.hasSuffix("MemoryError: Unable to allocate an array of shape (100000, 100000): it needs more than the 4096 MiB limit\n"),
                      result.errors)
    }

    /// The error stays with the value: printing it later raises it again.
    func testErrorIsRaisedAtEveryUse() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        XCTAssertTrue(session.runScript("import jax\nimport jax.numpy as jnp\ny = jax.jit(lambda x: jnp.sort(x[:, None] * x))(jnp.ones(100000))\n",
                                        filename: "defs.py"), sink.errors)
        for source in ["print(y)\n", "float(y[0, 0])\n", "jax.block_until_ready({'a': [y]})\n"] {
            let result = session.runInteractive(source, filename: "<stdin>")
            XCTAssertEqual(result.exception?.kind, "MemoryError", source)
        }
    }

    /// Dispatched results are the values the call computes before returning, and a program
    /// with a debugging print still prints in order.
    func testDispatchedValuesAndEffectsInOrder() {
        assertPrints("""
        import jax
        import jax.numpy as jnp
        f = jax.jit(lambda x: (jnp.mean((x + 2) ** 2 + 3), x * 2))
        x = jnp.arange(100000, dtype=jnp.float32) / 7
        m, d = f(x)
        print(m, d[:3], float(m))
        def p(x):
            jax.debug.print("inside {}", x.sum())
            return x + 1
        print(jax.jit(p)(jnp.ones(3)))
        print("after")

        """, "6.8054776e+07 [0.        0.2857143 0.5714286] 68054776.0\ninside 3.0\n[2. 2. 2.]\nafter\n")
    }

    /// Ctrl-C while waiting for a long dispatched call ends with KeyboardInterrupt and cancels
    /// the calls queued behind it (they never compute); later calls run normally.
    func testInterruptCancelsQueuedCalls() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        XCTAssertTrue(session.runScript("""
        import jax
        import jax.numpy as jnp
        slow = jax.jit(lambda x: jax.lax.fori_loop(0, 100000, lambda i, v: jnp.sin(v) + 1.0, x))
        x = jnp.ones(1000000)

        """, filename: "defs.py"), sink.errors)
        XCTAssertTrue(session.runInteractive("ys = [slow(x) for _ in range(3)]\n", filename: "<stdin>").succeeded)
        let interrupt = session.interrupt
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) { interrupt.raise() }
        XCTAssertEqual(session.runInteractive("ys[0].block_until_ready()\n", filename: "<stdin>").exception?.kind, "KeyboardInterrupt")
        for queued in ["print(ys[1])\n", "print(ys[2])\n"] {
            XCTAssertEqual(session.runInteractive(queued, filename: "<stdin>").exception?.kind, "KeyboardInterrupt", queued)
        }
        let after = session.runInteractive("print(jax.jit(lambda a: a + 1)(jnp.ones(3)))\n", filename: "<stdin>")
        XCTAssertTrue(after.succeeded, after.errorText)
        XCTAssertEqual(after.printed, "[2. 2. 2.]\n")
    }
}
