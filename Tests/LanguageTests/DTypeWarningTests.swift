import XCTest
@testable import Language

/// With x64 off, asking for a 64-bit dtype gives the 32-bit one and JAX's UserWarning on
/// stderr, once per place; with x64 on, the real dtype and no warning.
final class DTypeWarningTests: XCTestCase {
    static let float64Warning = "Explicitly requested dtype float64 is not available, and will be truncated to dtype "
        + "float32. To enable more dtypes, set the jax_enable_x64 configuration option or the JAX_ENABLE_X64 "
        + "shell environment variable. See https://github.com/jax-ml/jax#current-gotchas for more."

    func testTruncationWarnsOncePerPlace() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let script = """
        import jax
        import jax.numpy as jnp
        for i in range(3):
            x = jax.random.uniform(jax.random.key(0), (2,), dtype=jnp.float64)
        print(x.dtype)

        """
        XCTAssertTrue(session.runScript(script, filename: "w.py"))
        XCTAssertEqual(sink.output, "float32\n")
        XCTAssertEqual(sink.errors, "w.py:4: UserWarning: \(Self.float64Warning)\n"
            + "  x = jax.random.uniform(jax.random.key(0), (2,), dtype=jnp.float64)\n")
    }

    /// jnp's functions name themselves as JAX 0.10.2's do (text recorded from it); jax.random's do not.
    func testTruncationNamesTheRequestingFunction() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let script = """
        import jax
        import jax.numpy as jnp
        x = jnp.ones(2)
        a = jnp.zeros(2, dtype=jnp.float64)
        b = jnp.full_like(x, 1, dtype=jnp.float64)
        e = jnp.array([1], dtype=jnp.int64)

        """
        let tail = " is not available, and will be truncated to dtype "
        let advice = ". To enable more dtypes, set the jax_enable_x64 configuration option or the JAX_ENABLE_X64 "
            + "shell environment variable. See https://github.com/jax-ml/jax#current-gotchas for more."
        XCTAssertTrue(session.runScript(script, filename: "w.py"))
        XCTAssertEqual(sink.errors,
            "w.py:4: UserWarning: Explicitly requested dtype float64 requested in zeros\(tail)float32\(advice)\n"
            + "  a = jnp.zeros(2, dtype=jnp.float64)\n"
            + "w.py:5: UserWarning: Explicitly requested dtype float64 requested in full_like\(tail)float32\(advice)\n"
            + "  b = jnp.full_like(x, 1, dtype=jnp.float64)\n"
            + "w.py:6: UserWarning: Explicitly requested dtype int64 requested in array\(tail)int32\(advice)\n"
            + "  e = jnp.array([1], dtype=jnp.int64)\n")
    }

    func testNoWarningWithX64OrForNumPy() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let script = """
        import jax
        import jax.numpy as jnp
        import numpy as np
        print(np.zeros(2, dtype=np.float64).dtype)
        jax.config.update('jax_enable_x64', True)
        print(jnp.zeros(2, dtype=jnp.float64).dtype)

        """
        XCTAssertTrue(session.runScript(script, filename: "w.py"))
        XCTAssertEqual(sink.output, "float64\nfloat64\n")
        XCTAssertEqual(sink.errors, "")
    }
}
