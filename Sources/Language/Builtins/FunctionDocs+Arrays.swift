/// Help for the array library's wider functions: convolutions, rearranging, products,
/// statistics and printing, kept apart from the core table by concept.
extension FunctionDocs {
    static let arrayEntries: [String: Entry] = [
        // convolutions
        "jax.numpy.convolve": Entry(signature: "convolve(a, v, mode='full', *, precision=None, preferred_element_type=None)",
                                    summary: "The 1-D convolution of a and v (the shorter one flipped), as one lax.conv_general_dilated. mode is 'full', 'same' (as long as a) or 'valid' (where they overlap fully). Integers are promoted to float."),
        "jax.numpy.correlate": Entry(signature: "correlate(a, v, mode='valid', *, precision=None, preferred_element_type=None)",
                                     summary: "The 1-D cross-correlation of a and v: convolve without the flip."),
        "jax.lax.conv_general_dilated": Entry(signature: "conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None, dimension_numbers=None, feature_group_count=1, batch_group_count=1, precision=None, preferred_element_type=None)",
                                              summary: "XLA's n-d convolution: lhs (batch, feature, spatial...) with rhs (out feature, in feature, window...) unless dimension_numbers such as ('NHWC', 'HWIO', 'NHWC') say otherwise. padding is 'SAME', 'VALID', 'SAME_LOWER' or (low, high) pairs; lhs_dilation gives transposed convolutions."),
    ]
}
