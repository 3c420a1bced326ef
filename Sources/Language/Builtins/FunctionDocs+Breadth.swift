/// Help for the wider `jnp` functions: numerically careful elementwise functions, diagonals
/// and histograms.
extension FunctionDocs {
    static let breadthEntries: [String: Entry] = [
        "jax.numpy.logaddexp": Entry(signature: "logaddexp(x1, x2, /)",
                                     summary: "log(exp(x1) + exp(x2)) without overflow: max(x1, x2) + log1p(exp(-|x1 - x2|)). A custom_jvp function, so its gradient stays finite at infinities."),
        "jax.numpy.logaddexp2": Entry(signature: "logaddexp2(x1, x2, /)", summary: "log2(2**x1 + 2**x2) without overflow, like logaddexp in base 2."),
        "jax.numpy.exp2": Entry(signature: "exp2(x, /)", summary: "2**x elementwise (XLA computes exp(log(2) * x))."),
        "jax.numpy.einsum": Entry(signature: "einsum(subscripts, /, *operands, out=None, optimize='auto', precision=None, preferred_element_type=None, _dot_general=dot_general, out_sharding=None)",
                                  summary: "Einstein summation: 'ij,jk->ik' multiplies matrices, 'i,i->' is a dot product, 'ii->i' a diagonal, 'bij,bjk->bik' batched products; labels missing from the output (or, without '->', those used twice) are summed, '...' stands for leading axes. One or two operands, each pair contracted by one dot_general."),
        "jax.numpy.diagonal": Entry(signature: "diagonal(a, offset=0, axis1=0, axis2=1)",
                                    summary: "The offset-th diagonal of the matrices in axes axis1 and axis2, which move to the end; the diagonal is the last axis of the result."),
        "jax.numpy.moveaxis": Entry(signature: "moveaxis(a, source, destination)", summary: "a with the axes source (an int or a tuple) moved to the positions destination, the others keeping their order."),
        "jax.numpy.swapaxes": Entry(signature: "swapaxes(a, axis1, axis2)", summary: "a with two axes exchanged."),
        "jax.numpy.atleast_1d": Entry(signature: "atleast_1d(*arys)", summary: "Each array with at least one axis (a scalar becomes shape (1,)); a list for several arrays."),
        "jax.numpy.atleast_2d": Entry(signature: "atleast_2d(*arys)", summary: "Each array with at least two axes, size-1 axes added in front."),
        "jax.numpy.atleast_3d": Entry(signature: "atleast_3d(*arys)", summary: "Each array with at least three axes: a vector (n,) becomes (1, n, 1), a matrix (m, n) becomes (m, n, 1)."),
        "jax.numpy.vstack": Entry(signature: "vstack(tup, dtype=None)", summary: "The arrays stacked as rows (concatenated along axis 0 after atleast_2d)."),
        "jax.numpy.hstack": Entry(signature: "hstack(tup, dtype=None)", summary: "The arrays joined along their second axis (their first, for vectors)."),
        "jax.numpy.count_nonzero": Entry(signature: "count_nonzero(a, axis=None, keepdims=False)", summary: "How many elements of a are not zero (or not False), as the default integer."),
        "jax.numpy.ptp": Entry(signature: "ptp(a, axis=None, out=None, keepdims=False)", summary: "Peak to peak: max minus min along axis."),
        "jax.numpy.average": Entry(signature: "average(a, axis=None, weights=None, returned=False, keepdims=False)", summary: "The mean along axis (weights and returned are not supported yet)."),
        "jax.numpy.deg2rad": Entry(signature: "deg2rad(x, /)", summary: "Degrees to radians: x * pi / 180."),
        "jax.numpy.radians": Entry(signature: "radians(x, /)", summary: "Degrees to radians, as deg2rad."),
        "jax.numpy.rad2deg": Entry(signature: "rad2deg(x, /)", summary: "Radians to degrees: x * 180 / pi."),
        "jax.numpy.degrees": Entry(signature: "degrees(x, /)", summary: "Radians to degrees, as rad2deg."),
        "jax.numpy.log2": Entry(signature: "log2(x, /)", summary: "The base-2 logarithm, log(x) / log(2)."),
        "jax.numpy.log10": Entry(signature: "log10(x, /)", summary: "The base-10 logarithm, log(x) * (1 / log(10))."),
        "jax.numpy.reciprocal": Entry(signature: "reciprocal(x, /)", summary: "1 / x elementwise (integers are promoted to float)."),
        "jax.numpy.trunc": Entry(signature: "trunc(x)", summary: "x rounded towards zero."),
        "jax.numpy.histogram": Entry(signature: "histogram(a, bins=10, range=None, weights=None, density=None)",
                                     summary: "(counts, edges) of the values of a (flattened): bins equal bins over range (the data's min to max by default) or the given edges; each bin holds its left edge, the last both edges. weights add their own amounts; density=True divides by the total and the bin widths. Concrete arrays only."),
    ]
}
