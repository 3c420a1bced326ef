/// Help for the array library's wider functions: convolutions, rearranging, products,
/// statistics and printing, kept apart from the core table by concept.
extension FunctionDocs {
    static let arrayEntries: [String: Entry] = [
        // bits
        "jax.numpy.signbit": Entry(signature: "signbit(x, /)",
                                   summary: "Whether each element's sign bit is set (true for -0.0 and a negative nan too; x < 0 for integers)."),
        "jax.lax.bitcast_convert_type": Entry(signature: "bitcast_convert_type(operand, new_dtype)",
                                              summary: "operand's bits read as new_dtype: a narrower dtype adds a last axis of the parts, a wider one takes them from the last axis. x.view(dtype) does the same keeping the rank."),
        // complex numbers
        "jax.numpy.real": Entry(signature: "real(val)", summary: "The real part of a complex array (lax.real); a real array itself."),
        "jax.numpy.imag": Entry(signature: "imag(val)", summary: "The imaginary part of a complex array (lax.imag); zeros for a real array."),
        "jax.numpy.conj": Entry(signature: "conj(x)", summary: "The complex conjugate (lax.conj); a real array itself."),
        "jax.numpy.conjugate": Entry(signature: "conjugate(x)", summary: "The complex conjugate (lax.conj); a real array itself."),
        "jax.numpy.angle": Entry(signature: "angle(z, deg=False)", summary: "The angle of each complex element, atan2(imag, real), in radians (degrees with deg=True)."),
        "jax.numpy.iscomplex": Entry(signature: "iscomplex(x)", summary: "Elementwise: whether the imaginary part is nonzero."),
        "jax.numpy.iscomplexobj": Entry(signature: "iscomplexobj(x)", summary: "Whether x has a complex dtype (a Python complex, a list holding one, a complex array)."),
        // convolutions
        "jax.numpy.convolve": Entry(signature: "convolve(a, v, mode='full', *, precision=None, preferred_element_type=None)",
                                    summary: "The 1-D convolution of a and v (the shorter one flipped), as one lax.conv_general_dilated. mode is 'full', 'same' (as long as a) or 'valid' (where they overlap fully). Integers are promoted to float."),
        "jax.numpy.correlate": Entry(signature: "correlate(a, v, mode='valid', *, precision=None, preferred_element_type=None)",
                                     summary: "The 1-D cross-correlation of a and v: convolve without the flip."),
        "jax.lax.conv_general_dilated": Entry(signature: "conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None, dimension_numbers=None, feature_group_count=1, batch_group_count=1, precision=None, preferred_element_type=None)",
                                              summary: "XLA's n-d convolution: lhs (batch, feature, spatial...) with rhs (out feature, in feature, window...) unless dimension_numbers such as ('NHWC', 'HWIO', 'NHWC') say otherwise. padding is 'SAME', 'VALID', 'SAME_LOWER' or (low, high) pairs; lhs_dilation gives transposed convolutions."),
        "jax.numpy.logspace": Entry(signature: "logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0)", summary: "num values from base**start to base**stop, evenly spaced in their exponents."),
        // rearranging
        "jax.numpy.rot90": Entry(signature: "rot90(m, k=1, axes=(0, 1))",
                                 summary: "m rotated by k quarter turns in the plane of the two axes, from the first towards the second."),
        "jax.numpy.flip": Entry(signature: "flip(m, axis=None)", summary: "m with the order of its elements reversed along axis (every axis by default): one rev."),
        "jax.numpy.fliplr": Entry(signature: "fliplr(m)", summary: "m reversed along its second axis."),
        "jax.numpy.flipud": Entry(signature: "flipud(m)", summary: "m reversed along its first axis."),
        "jax.numpy.roll": Entry(signature: "roll(a, shift, axis=None)", summary: "a shifted cyclically by shift places along axis (the flattened array when axis is None): two slices and a concatenate."),
        "jax.numpy.tile": Entry(signature: "tile(A, reps)", summary: "A repeated reps times (an int or one count per axis), as lax's tile."),
        "jax.numpy.repeat": Entry(signature: "repeat(a, repeats, axis=None, *, total_repeat_length=None)", summary: "Each element of a repeated repeats times in place along axis (of the flattened array when axis is None)."),
        "jax.numpy.diff": Entry(signature: "diff(a, n=1, axis=-1, prepend=None, append=None)", summary: "The n-th differences of neighbours along axis, after putting prepend before and append after a along that axis (scalars become one slice)."),
        "jax.numpy.tril": Entry(signature: "tril(m, k=0)", summary: "m with the elements above the k-th diagonal of its last two axes set to zero."),
        "jax.numpy.triu": Entry(signature: "triu(m, k=0)", summary: "m with the elements below the k-th diagonal of its last two axes set to zero."),
        "jax.numpy.trace": Entry(signature: "trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None)", summary: "The sum along the offset diagonal of axes axis1 and axis2."),
        "jax.numpy.diag": Entry(signature: "diag(v, k=0)", summary: "For a vector v, a square matrix with v on its k-th diagonal and zeros elsewhere; for a matrix, its k-th diagonal."),
        "jax.numpy.meshgrid": Entry(signature: "meshgrid(*xi, copy=True, sparse=False, indexing='xy')", summary: "A list of coordinate grids from 1-D arrays: 'xy' indexing swaps the first two axes as plotting expects, 'ij' keeps matrix order."),
        "jax.numpy.searchsorted": Entry(signature: "searchsorted(a, v, side='left', sorter=None, *, method='scan')", summary: "For each value of v, the first (side='left') or last (side='right') index of the sorted 1-D array a at which it could be inserted keeping a sorted; sorter gives the order that sorts a (a binary search under lax.scan)."),
        "jax.numpy.sort": Entry(signature: "sort(a, axis=-1, *, kind=None, order=None, stable=True, descending=False)", summary: "a sorted along axis (the flattened array when axis is None); NaNs sort last."),
        "jax.numpy.argsort": Entry(signature: "argsort(a, axis=-1, *, kind=None, order=None, stable=True, descending=False, dtype=None)", summary: "The indices that sort a along axis; a stable sort keeps equal elements in their order."),
        "jax.numpy.unique": Entry(signature: "unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True, size=None, fill_value=None, sorted=True)", summary: "The sorted distinct values of ar (flattened), and on request the index of each one's first occurrence, the inverse that rebuilds ar, and the counts. Needs concrete values: its size depends on them."),
        // products
        "jax.numpy.outer": Entry(signature: "outer(a, b, out=None)", summary: "The outer product of a and b flattened: result[i, j] = a[i] * b[j]."),
        "jax.numpy.inner": Entry(signature: "inner(a, b, *, precision=None, preferred_element_type=None)", summary: "The products of a and b summed over their last axes (one dot_general)."),
        "jax.numpy.tensordot": Entry(signature: "tensordot(a, b, axes=2, *, precision=None, preferred_element_type=None)", summary: "a and b contracted over axes: an int n pairs a's last n axes with b's first n; a pair of lists names them."),
        // NaN-ignoring reductions
        "jax.numpy.nansum": Entry(signature: "nansum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None)", summary: "The sum with NaNs counted as zero."),
        "jax.numpy.nanprod": Entry(signature: "nanprod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None)", summary: "The product with NaNs counted as one."),
        "jax.numpy.nanmax": Entry(signature: "nanmax(a, axis=None, out=None, keepdims=False, initial=None, where=None)", summary: "The maximum ignoring NaNs (NaN where every element is NaN)."),
        "jax.numpy.nanmin": Entry(signature: "nanmin(a, axis=None, out=None, keepdims=False, initial=None, where=None)", summary: "The minimum ignoring NaNs (NaN where every element is NaN)."),
        "jax.numpy.nanmean": Entry(signature: "nanmean(a, axis=None, dtype=None, out=None, keepdims=False, where=None)", summary: "The mean of the elements that are not NaN."),
        // printing
        "jax.numpy.set_printoptions": Entry(signature: "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None, override_repr=None)",
                                            summary: "Changes how arrays print for the rest of the session (NumPy's and JAX's alike): digits after the point (precision), summarising above threshold elements with edgeitems at each end, wrapping at linewidth, suppress for no scientific notation of small values, sign ('-', '+', ' '), floatmode ('maxprec', 'fixed', 'unique', 'maxprec_equal'), nanstr and infstr. Scalars keep their full digits."),
        "jax.numpy.get_printoptions": Entry(signature: "get_printoptions()", summary: "A dict of the print options in force."),
        "jax.numpy.printoptions": Entry(signature: "printoptions(*args, **kwargs)", summary: "A context manager: `with np.printoptions(precision=2):` sets the options for the block (its `as` value is their dict) and restores the previous ones after it, even on an exception."),
        // linear algebra
        "jax.numpy.linalg.norm": Entry(signature: "norm(x, ord=None, axis=None, keepdims=False)", summary: "The 2-norm of a vector or the Frobenius norm of a matrix (all of x when axis is None); ord=1, inf or -inf for vectors along one axis."),
        // jax.nn and jax.scipy.special
        "jax.nn.softmax": Entry(signature: "softmax(x, axis=-1, where=None, initial=None)", summary: "exp(x) normalised to sum to one along axis, computed from x minus its (gradient-stopped) maximum so it cannot overflow."),
        "jax.nn.log_softmax": Entry(signature: "log_softmax(x, axis=-1, where=None)", summary: "The logarithm of softmax, computed as x - max - log(sum(exp(x - max)))."),
        "jax.nn.logsumexp": Entry(signature: "logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False, where=None)", summary: "log(sum(exp(a))) along axis, with the maximum taken out first so large values do not overflow."),
        "jax.scipy.special.logsumexp": Entry(signature: "logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False, where=None)", summary: "log(sum(exp(a))) along axis, with the maximum taken out first so large values do not overflow."),
    ]
}
