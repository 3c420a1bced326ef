import XCTest

/// Nested lists whose rows disagree (#18): NumPy's and JAX's ValueError, naming the dimensions
/// that were still consistent, instead of an array whose shape promises more elements than it
/// stores (printing one trapped, summing one read past its buffer).
final class RaggedListTests: XCTestCase {
    static let prelude = "import numpy as np\nimport jax.numpy as jnp\n"

    static func inhomogeneous(after dimensions: Int, _ shape: String) -> String {
        "ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after "
            + "\(dimensions) dimensions. The detected shape was \(shape) + inhomogeneous part."
    }

    func testScalarBesideASequenceIsRagged() {
        let message = RaggedListTests.inhomogeneous(after: 1, "(2,)")
        for source in ["np.array([3, [1, 2]])", "np.array([1.0, [0.0] * 2**22]).sum()", "jnp.array([2, []])", "jnp.array([1, [2]])",
                       "np.array([[1], 2])", "jnp.tanh(jnp.array([[1, 2], [3]]))", "np.array([[[]], []])", "np.array([2, np.ones(0)])"] {
            assertRaises(RaggedListTests.prelude + source, message)
        }
    }

    func testDeeperDisagreementNamesTheConsistentPrefix() {
        assertRaises(RaggedListTests.prelude + "np.array([np.ones((2, 2)), np.ones(2)])", RaggedListTests.inhomogeneous(after: 2, "(2, 2)"))
        assertRaises(RaggedListTests.prelude + "np.array([[1, 2], [[3, 4], [5, 6]]])", RaggedListTests.inhomogeneous(after: 2, "(2, 2)"))
        assertRaises(RaggedListTests.prelude + "np.array([np.ones((2, 2)), [[1, 2], [3]]])", RaggedListTests.inhomogeneous(after: 2, "(2, 2)"))
    }

    func testNestingDeeperThan64DimensionsIsRefused() {
        let message = "ValueError: setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 64."
        assertRaises(RaggedListTests.prelude + "a = 0\nfor i in range(65):\n    a = [a]\nnp.array(a)", message)
        assertRaises(RaggedListTests.prelude + "a = []\na.append(a)\njnp.array(a)", message)
        assertPrints(RaggedListTests.prelude + "a = 0\nfor i in range(64):\n    a = [a]\nprint(np.array(a).ndim)", "64\n")
    }

    func testListsOfArraysStack() {
        assertPrints(RaggedListTests.prelude + "x = jnp.ones(2)\nprint(jnp.array([x, x]))\nprint(np.array([np.ones(2), np.ones(2)]))",
                     "[[1. 1.]\n [1. 1.]]\n[[1. 1.]\n [1. 1.]]\n")
        assertPrints(RaggedListTests.prelude + "print(np.array([np.ones(2), [1, 2]]), jnp.array([[1, 2], np.ones(2)]).dtype)",
                     "[[1. 1.]\n [1. 2.]] float32\n")
        assertPrints(RaggedListTests.prelude + "print(repr(np.array([[], []])), np.array([[]]).shape, jnp.array([np.ones(0), np.ones(0)]).shape)",
                     "array([], shape=(2, 0), dtype=float64) (1, 0) (2, 0)\n")
    }

    /// `jnp.array` stacks lists that hold JAX arrays element by element, so JAX reports a ragged
    /// one with concatenate's TypeError; lists of NumPy arrays stay NumPy's ValueError.
    func testRaggedListsOfJaxArraysFailAsJaxStacks() {
        let prelude = RaggedListTests.prelude + "x = jnp.ones(2)\n"
        assertRaises(prelude + "jnp.array([1, jnp.ones(3)])",
                     "TypeError: Cannot concatenate arrays with different numbers of dimensions: got (1,), (1, 3).")
        assertRaises(prelude + "jnp.array([x, [x, x]])",
                     "TypeError: Cannot concatenate arrays with different numbers of dimensions: got (1, 2), (1, 2, 2).")
        assertRaises(prelude + "jnp.array([x, x, jnp.ones(3)])",
                     "TypeError: Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: "
                        + "concatenating along dimension 0 for shapes (1, 2), (1, 2), (1, 3).")
        assertRaises(prelude + "jnp.array([x, [1, [2]]])", RaggedListTests.inhomogeneous(after: 1, "(2,)"))
        assertRaises(prelude + "jnp.array([np.ones(2), [1, 2, 3]])", RaggedListTests.inhomogeneous(after: 1, "(2,)"))
        assertPrints(prelude + "print(jnp.array([x, [x, x]][1:]).shape)", "(1, 2, 2)\n")
    }

    func testTheSessionGoesOnAfterARaggedList() {
        assertPrints(RaggedListTests.prelude + "x = np.arange(3)\ntry:\n    x = np.array([3, [1, 2]])\nexcept ValueError:\n    pass\nprint(x, x.sum())",
                     "[0 1 2] 3\n")
    }
}
