import XCTest
@testable import Language

/// What jaxlab does not compute on complex arrays yet is refused with a NotImplementedError
/// (never computed by code written for real numbers).
final class ComplexRefusalTests: XCTestCase {
    func testUnsupportedOperationsRaise() {
        let cases = [
            ("jnp.sin(z)", "sin"), ("jnp.sqrt(z)", "sqrt"), ("z @ z", "dot_general"), ("jnp.max(z)", "reduce_max"),
            ("z ** 0.5", "pow"), ("jnp.cumsum(z)", "cumsum"), ("jnp.sort(z)", "sort"), ("jnp.linalg.norm(z)", "jnp.linalg.norm"),
            ("jnp.isfinite(z)", "jnp.isfinite"), ("np.asarray(z) * 2", "this operation"), ("np.sum(np.asarray(z))", "numpy.add.reduce"),
            ("jax.nn.softmax(z)", "jax.nn"), ("z.at[0].max(1j)", "scatter-max"), ("jnp.var(z)", "jnp.var"),
            ("jnp.prod(jnp.ones(40, jnp.complex64))", "a product of more than 32 complex elements"),
        ]
        for (expression, name) in cases {
            assertRaises("import jax, jax.numpy as jnp, numpy as np\nz = jnp.array([1+2j, 3j])\n\(expression)\n",
                         "NotImplementedError: \(name) is not implemented for complex arrays in jaxlab")
        }
    }

    func testComplexJacobiansRaise() {
        assertRaises("import jax, jax.numpy as jnp\njax.jacfwd(lambda z: z * z, holomorphic=True)(jnp.array([1j]))\n",
                     "NotImplementedError: jacfwd of complex inputs is not implemented in jaxlab (grad, jvp and vjp take them)")
    }
}
