import XCTest
@testable import Language

/// JAX's warnings on stderr, with the texts real JAX 0.10.2 prints: the scatter FutureWarning
/// (attributed to JAX's own line, so shown once per text) and jnp's DeprecationWarning for a
/// list passed to `jnp.shape`.
final class JaxWarningTests: XCTestCase {
    func testScatterOfIncompatibleTypeWarnsOncePerText() {
        let result = runPython("""
        import jax.numpy as jnp
        b = jnp.arange(3)
        print(b.at[0].set(1.5))
        print(b.at[1].add(2.5))
        print(b.at[0].mul(2), jnp.zeros(2, dtype=jnp.uint8).at[0].set(-1), jnp.zeros(2).at[0].set(True))
        print(jnp.zeros(2, dtype=jnp.bool_).at[0].set(1))

        """)
        XCTAssertEqual(result.output, "[1 1 2]\n[0 3 2]\n[0 1 2] [255   0] [1. 0.]\n[ True False]\n")
        let text = { (from: String, to: String) in
            "/jaxlab/jax/_src/ops/scatter.py:105: FutureWarning: scatter inputs have incompatible types: cannot safely cast value "
                + "from dtype=\(from) to dtype=\(to) with jax_numpy_dtype_promotion=standard. In future JAX releases this will result "
                + "in an error.\n  warnings.warn(\n"
        }
        XCTAssertEqual(result.errors, text("float32", "int32") + text("int32", "bool"))
    }

    func testShapeOfAListIsDeprecated() {
        let result = runPython("""
        import jax.numpy as jnp
        print(jnp.shape([[1, 2]]), jnp.ndim(jnp.ones(2)))

        """, file: "w.py")
        XCTAssertEqual(result.output, "(1, 2) 1\n")
        XCTAssertEqual(result.errors, "w.py:2: DeprecationWarning: shape requires ndarray or scalar arguments, got <class 'list'> at "
            + "position 0. In a future JAX release this will be an error.\n  print(jnp.shape([[1, 2]]), jnp.ndim(jnp.ones(2)))\n")
    }
}
