import XCTest
@testable import Language

/// What jaxlab does where JAX's behaviour cannot be recorded as printed output: the cache-miss
/// explanations it writes on stderr, and the options and debuggers it refuses rather than
/// silently ignoring.
final class TutorialGapTests: XCTestCase {
    func testExplainCacheMissesNamesTheNewFunctionAndTheChangedTypes() {
        let result = runPython("""
        import jax, jax.numpy as jnp
        jax.config.update("jax_explain_cache_misses", True)
        @jax.jit
        def double(x):
          return 2 * x
        _ = double(jnp.arange(3))
        _ = double(jnp.arange(3))
        _ = double(jnp.arange(3.0))
        jax.config.update("jax_explain_cache_misses", False)
        _ = double(jnp.ones(2))

        """, file: "miss.py")
        XCTAssertTrue(result.ok, result.errors)
        let lines = result.errors.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 8, result.errors)
        XCTAssertEqual(lines.first, "TRACING CACHE MISS at miss.py:6 (<module>):")
        XCTAssertEqual(lines.dropFirst().first, "  never seen function:")
        XCTAssert(lines.count > 2 && lines[2].hasPrefix("    double id=") && lines[2].hasSuffix(" defined at miss.py:3"), result.errors)
        XCTAssertEqual(Array(lines.dropFirst(3)), [
            "TRACING CACHE MISS at miss.py:8 (<module>):",
            "  for double defined at miss.py:3",
            "  all previously seen cache keys differ. For the closest previous key:",
            "  different input types:",
            "  * at x, now f32[3] and before i32[3]",
        ])
    }

    func testDebuggingOptionsThatAreNotThereAreRefused() {
        for option in ["jax_debug_nans", "jax_debug_infs"] {
            assertRaises("import jax\njax.config.update('\(option)', True)\n",
                         "NotImplementedError: jaxlab does not have the \(option) option yet")
            assertPrints("import jax\njax.config.update('\(option)', False)\nprint('off')\n", "off\n")
        }
    }

    func testReachingADebuggerSaysThereIsNone() {
        assertRaises("import pdb\npdb.set_trace()\n",
                     "NotImplementedError: jaxlab has no interactive debugger (pdb.set_trace); print values with print() or jax.debug.print")
        assertRaises("import jax\njax.jit(lambda x: (jax.debug.breakpoint(), x)[1])(1.0)\n",
                     "NotImplementedError: jaxlab has no interactive debugger (jax.debug.breakpoint); print values with jax.debug.print")
    }
}
