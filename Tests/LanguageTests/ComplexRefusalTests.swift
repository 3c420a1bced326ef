import XCTest
@testable import Language

/// What jaxlab does not compute on complex arrays yet is refused with a NotImplementedError
/// (never computed by code written for real numbers).
final class ComplexRefusalTests: XCTestCase {
    func testUnsupportedOperationsRaise() {
        let cases = [
            ("jnp.log1p(z)", "log1p"), ("jnp.linalg.norm(z)", "jnp.linalg.norm"),
            ("jnp.isfinite(z)", "jnp.isfinite"), ("np.asarray(z) * 2", "this operation"), ("np.sum(np.asarray(z))", "numpy.add.reduce"),
            ("jax.nn.softmax(z)", "jax.nn"), ("z.at[0].max(1j)", "scatter-max"),
            ("jnp.prod(jnp.ones(40, jnp.complex64))", "a product of more than 32 complex elements"),
            ("jax.config.update('jax_enable_x64', True); jnp.var(jnp.ones(31, jnp.complex128))", "jnp.var of 30 to 32 complex128 elements"),
        ]
        for (expression, name) in cases {
            assertRaises("import jax, jax.numpy as jnp, numpy as np\nz = jnp.array([1+2j, 3j])\n\(expression)\n",
                         "NotImplementedError: \(name) is not implemented for complex arrays in jaxlab")
        }
    }

    /// XLA hands a product with a matrix operand to Eigen, whose order is not reproduced.
    func testMatrixProductsRaise() {
        assertRaises("import jax.numpy as jnp\nm = jnp.array([[1+2j, 3j], [1, 2]])\nm @ m[0]\n",
                     "NotImplementedError: complex dot_general of (2, 2) and (2,) is not implemented in jaxlab (only products of two vectors: XLA hands matrix products to Eigen, whose order jaxlab does not reproduce)")
    }
}
