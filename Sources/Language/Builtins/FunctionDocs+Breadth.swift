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
        "jax.numpy.histogram": Entry(signature: "histogram(a, bins=10, range=None, weights=None, density=None)",
                                     summary: "(counts, edges) of the values of a (flattened): bins equal bins over range (the data's min to max by default) or the given edges; each bin holds its left edge, the last both edges. weights add their own amounts; density=True divides by the total and the bin widths. Concrete arrays only."),
    ]
}
