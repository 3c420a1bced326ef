import XCTest

/// Empty arrays with huge nonzero dimensions: refused at creation like NumPy refuses them, so no
/// kernel loops over, indexes or allocates for the huge dimension (these used to trap or hang).
final class EmptyArrayLimitTests: XCTestCase {
    func testHugeDimensionNextToZeroIsRefused() {
        assertRaises("import jax.numpy as jnp\njnp.zeros((0, 2**62))",
                     "MemoryError: Unable to allocate an array of shape (0, 4611686018427387904): it needs more than the 4096 MiB limit")
        assertRaises("import numpy as np\nnp.zeros((2**62, 0))",
                     "MemoryError: Unable to allocate an array of shape (4611686018427387904, 0): it needs more than the 4096 MiB limit")
        assertRaises("import jax\njax.random.split(jax.random.key(0), (0, 2**62, 4))",
                     "MemoryError: array of shape (0, 4611686018427387904, 4) is too large to allocate")
    }

    func testReductionOverEmptyAxisStaysWithinTheLimit() {
        assertRaises("import jax.numpy as jnp\njnp.zeros((0, 2**40)).sum(axis=0)",
                     "MemoryError: Unable to allocate an array of shape (0, 1099511627776): it needs more than the 4096 MiB limit")
        assertPrints("import jax.numpy as jnp\nprint(jnp.zeros((0, 2**28)).sum(axis=0).shape)", "(268435456,)\n")
    }

    func testConcatenateCountsTheJoinedShape() {
        assertRaises("import jax.numpy as jnp\njnp.concatenate([jnp.zeros((0, 2**29))] * 3, axis=1)",
                     "MemoryError: Unable to allocate an array of shape (0, 1610612736): it needs more than the 4096 MiB limit")
    }

    func testScatterIntoEmptyArrayWithLongSlicedAxis() {
        // JAX: (0, 4294967296); the sliced axis must not be enumerated when the result is empty
        assertPrints("import jax.numpy as jnp\nprint(jnp.zeros((0, 2**32), dtype=bool).at[:, 1:].set(True).shape)",
                     "(0, 4294967296)\n")
    }

    func testEmptyKeyArrayAndPermutation() {
        assertRaises("import jax\nks = jax.random.split(jax.random.key(0), (0, 3))\nks[0]",
                     "IndexError: index is out of bounds for axis 0 with size 0")
        assertPrints("import jax, jax.numpy as jnp\nprint(jax.random.permutation(jax.random.key(0), jnp.zeros((0, 5)), axis=1).shape)",
                     "(0, 5)\n")
    }

    func testIteratingEmptyArrayWithHugeLeadingDimension() {
        assertRaises("import jax.numpy as jnp\nlist(jnp.zeros((2**40, 0)))",
                     "MemoryError: Unable to allocate an array of shape (1099511627776, 0): it needs more than the 4096 MiB limit")
    }
}

/// String padding with a width near Int.min used to overflow computing the pad length.
final class StringPaddingWidthTests: XCTestCase {
    func testHugeNegativeWidthLeavesStringUnchanged() {
        assertPrints("print('abc'.zfill(-2**63), 'abc'.ljust(-2**63), 'abc'.rjust(-2**63), 'abc'.center(-2**63))",
                     "abc abc abc abc\n")
    }
}

/// math.gcd of -2**63 used to trap in abs(Int.min).
final class GcdMagnitudeTests: XCTestCase {
    func testGcdOfMostNegativeInt() {
        assertPrints("import math\nprint(math.gcd(-2**63, 0), math.gcd(-2**63, -2**63), math.gcd(-12, 18))",
                     "9223372036854775808 9223372036854775808 6\n")
    }
}

/// enumerate counting past Int.max used to trap.
final class EnumerateStartTests: XCTestCase {
    func testCountingPastIntMax() {
        assertPrints("print(list(enumerate([1, 2], start=2**63-1)))",
                     "[(9223372036854775807, 1), (9223372036854775808, 2)]\n")
    }
}
