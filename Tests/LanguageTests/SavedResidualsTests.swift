import XCTest
@testable import Language

/// `jax.ad_checkpoint.print_saved_residuals`: what reverse mode saves, listed as JAX 0.10.2
/// lists it (expected text recorded from it). JAX ends each equation's line with its source
/// place (`file:line:column (function)`); jaxlab keeps none per equation and prints JAX's
/// `unknown`, so the recording has those places replaced by `unknown`.
final class SavedResidualsTests: XCTestCase {
    func testResidualsOfPlainCheckpointedAndNamedFunctions() {
        let sink = BufferSink()
        let session = Session(sink: sink)
        let script = """
        import jax, jax.numpy as jnp
        from jax.ad_checkpoint import print_saved_residuals, checkpoint_name
        def f(x, y):
            z = jnp.sin(x)
            return jnp.sum(z * y)
        print_saved_residuals(f, jnp.ones(3), 2.0)
        print_saved_residuals(jax.checkpoint(f), jnp.ones(3), 2.0)
        def h(W, x):
            return jnp.tanh(W @ x).sum()
        print_saved_residuals(h, jnp.ones((2, 3)), jnp.ones(3))
        print_saved_residuals(jax.checkpoint(h, policy=jax.checkpoint_policies.dots_saveable), jnp.ones((2, 3)), jnp.ones(3))
        def k(x):
            a = checkpoint_name(jnp.sin(x), 'a')
            return jnp.sum(jnp.cos(a) * x)
        print_saved_residuals(k, jnp.ones(2))
        print_saved_residuals(jax.checkpoint(k, policy=jax.checkpoint_policies.save_only_these_names('a')), jnp.ones(2))
        print_saved_residuals(lambda x: jnp.exp(x) * 3.0, 1.0)
        print_saved_residuals(lambda x, y: jnp.isinf(x).sum() + jnp.sum(jax.jit(jnp.sin)(x) * y), jnp.ones(2), jnp.ones(2))

        """
        XCTAssertTrue(session.runScript(script, filename: "r.py"), sink.errors)
        XCTAssertEqual(sink.output, """
        f32[3] output of sin from unknown
        f32[3] output of cos from unknown
        f32[] output of convert_element_type from unknown
        f32[3] from the argument x
        f32[] from the argument y
        f32[2,3] from the argument W
        f32[3] from the argument x
        f32[2] output of tanh from unknown
        f32[2] output of sub from unknown
        f32[2,3] from the argument W
        f32[3] from the argument x
        f32[2] output of dot_general from unknown
        f32[2] from the argument x
        f32[2] output of cos from unknown
        f32[2] output of cos from unknown
        f32[2] output of sin from unknown
        f32[2] from the argument x
        f32[2] named 'a' from unknown
        f32[] output of exp from unknown
        f32[2] from the argument y
        f32[2] output of jitted function 'sin' from unknown
        f32[2] output of jitted function 'sin' from unknown

        """)
    }
}
