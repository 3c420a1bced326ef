/// Every parameter name an equation can carry, once, with the type of its value.
extension ParamKey where Value == Int {
    static var y: ParamKey { ParamKey("y") }
    static var dimension: ParamKey { ParamKey("dimension") }
    static var axis: ParamKey { ParamKey("axis") }
    static var k: ParamKey { ParamKey("k") }
    static var bitWidth: ParamKey { ParamKey("bit_width") }
    static var numKeys: ParamKey { ParamKey("num_keys") }
    static var length: ParamKey { ParamKey("length") }
    static var numCarry: ParamKey { ParamKey("num_carry") }
    static var numConsts: ParamKey { ParamKey("num_consts") }
    static var numRes: ParamKey { ParamKey("num_res") }
    static var exponentBits: ParamKey { ParamKey("exponent_bits") }
    static var mantissaBits: ParamKey { ParamKey("mantissa_bits") }
    static var unroll: ParamKey { ParamKey("unroll") }
    static var condNconsts: ParamKey { ParamKey("cond_nconsts") }
    static var bodyNconsts: ParamKey { ParamKey("body_nconsts") }
    static var roundingMethod: ParamKey { ParamKey("rounding_method") }
    static var featureGroupCount: ParamKey { ParamKey("feature_group_count") }
    static var batchGroupCount: ParamKey { ParamKey("batch_group_count") }
    /// How many leading indices a staged `.at[i, j]` scatter's index vector holds (hidden).
    static var indexVector: ParamKey { ParamKey("index_vector") }
    /// Which of the session's host callbacks a debugging equation runs (hidden).
    static var hostCallback: ParamKey { ParamKey("host_callback") }
}

extension ParamKey where Value == Bool {
    static var reverse: ParamKey { ParamKey("reverse") }
    static var weakType: ParamKey { ParamKey("weak_type") }
    static var uniqueIndices: ParamKey { ParamKey("unique_indices") }
    static var indicesAreSorted: ParamKey { ParamKey("indices_are_sorted") }
    static var isStable: ParamKey { ParamKey("is_stable") }
    static var symbolicZeros: ParamKey { ParamKey("symbolic_zeros") }
    /// A division XLA runs as a multiplication by the divisor's reciprocal (hidden).
    static var reciprocal: ParamKey { ParamKey("reciprocal") }
    /// A complex dot whose left operand is a conjugate XLA fuses into the products (jnp.vdot;
    /// hidden).
    static var conjugatedLeft: ParamKey { ParamKey("conjugated_left") }
    /// An add of two products where XLA fuses the second product, not the first, into an FMA
    /// (hidden; measured for jnp.quantile's linear interpolation of a vector of quantiles).
    static var fusesSecondProduct: ParamKey { ParamKey("fuses_second_product") }
    static var hasPlaceholders: ParamKey { ParamKey("has_placeholders") }
    static var ordered: ParamKey { ParamKey("ordered") }
    static var partitioned: ParamKey { ParamKey("partitioned") }
    /// `remat2`'s flags.
    static var differentiated: ParamKey { ParamKey("differentiated") }
    static var preventCSE: ParamKey { ParamKey("prevent_cse") }
    /// The linear-algebra primitives' flags.
    static var fullMatrices: ParamKey { ParamKey("full_matrices") }
    static var computeUV: ParamKey { ParamKey("compute_uv") }
    static var pivoting: ParamKey { ParamKey("pivoting") }
    static var lower: ParamKey { ParamKey("lower") }
    static var sortEigenvalues: ParamKey { ParamKey("sort_eigenvalues") }
    static var leftSide: ParamKey { ParamKey("left_side") }
    static var transposeA: ParamKey { ParamKey("transpose_a") }
    static var conjugateA: ParamKey { ParamKey("conjugate_a") }
    static var unitDiagonal: ParamKey { ParamKey("unit_diagonal") }
}

extension ParamKey where Value == DType {
    static var newDType: ParamKey { ParamKey("new_dtype") }
    static var dtype: ParamKey { ParamKey("dtype") }
    static var indexDType: ParamKey { ParamKey("index_dtype") }
    static var inputDType: ParamKey { ParamKey("input_dtype") }
    static var preferredElementType: ParamKey { ParamKey("preferred_element_type") }
}

extension ParamKey where Value == [Int] {
    static var shape: ParamKey { ParamKey("shape") }
    static var axes: ParamKey { ParamKey("axes") }
    static var dimensions: ParamKey { ParamKey("dimensions") }
    static var permutation: ParamKey { ParamKey("permutation") }
    static var newSizes: ParamKey { ParamKey("new_sizes") }
    static var broadcastDimensions: ParamKey { ParamKey("broadcast_dimensions") }
    static var startIndices: ParamKey { ParamKey("start_indices") }
    static var limitIndices: ParamKey { ParamKey("limit_indices") }
    /// None (printed) when every stride is one.
    static var strides: ParamKey { ParamKey("strides") }
    static var sliceSizes: ParamKey { ParamKey("slice_sizes") }
    /// `split`'s piece sizes (printed as NumPy ints, as JAX computes them).
    static var sizes: ParamKey { ParamKey("sizes") }
    /// conv_general_dilated's window geometry.
    static var windowStrides: ParamKey { ParamKey("window_strides") }
    static var lhsDilation: ParamKey { ParamKey("lhs_dilation") }
    static var rhsDilation: ParamKey { ParamKey("rhs_dilation") }
    /// `tile`'s repetitions per axis.
    static var reps: ParamKey { ParamKey("reps") }
}

extension ParamKey where Value == ClosedJaxpr {
    static var jaxpr: ParamKey { ParamKey("jaxpr") }
    static var callJaxpr: ParamKey { ParamKey("call_jaxpr") }
    static var condJaxpr: ParamKey { ParamKey("cond_jaxpr") }
    static var bodyJaxpr: ParamKey { ParamKey("body_jaxpr") }
}

extension ParamKey where Value == BranchList {
    static var branches: ParamKey { ParamKey("branches") }
}

extension ParamKey where Value == String {
    static var name: ParamKey { ParamKey("name") }
    static var impl: ParamKey { ParamKey("impl") }
    static var memorySpace: ParamKey { ParamKey("memory_space") }
    /// A loop the evaluator runs by a dedicated kernel (`searchsorted`), hidden.
    static var kind: ParamKey { ParamKey("kind") }
    /// A scatter's ScatterDimensionNumbers, as JAX prints them.
    static var scatterDimensionNumbers: ParamKey { ParamKey("dimension_numbers") }
    static var updateConsts: ParamKey { ParamKey("update_consts") }
    /// `debug_print`'s format string, argument tree, static arguments and NumPy print
    /// options, as JAX prints them.
    static var fmt: ParamKey { ParamKey("fmt") }
    static var inTree: ParamKey { ParamKey("in_tree") }
    static var staticArgs: ParamKey { ParamKey("static_args") }
    static var npPrintoptions: ParamKey { ParamKey("np_printoptions") }
    /// `debug_callback`'s function and effect, as JAX prints them.
    static var callbackText: ParamKey { ParamKey("callback") }
    /// `pure_callback`'s way of batching (`sequential`, `expand_dims`, ...), or None.
    static var vmapMethod: ParamKey { ParamKey("vmap_method") }
    static var effect: ParamKey { ParamKey("effect") }
    /// `custom_lin`'s inputs without tangents, as a tuple of bools.
    static var inZeros: ParamKey { ParamKey("in_zeros") }
}

extension ParamKey where Value == CheckpointPolicy {
    static var policy: ParamKey { ParamKey("policy") }
}

/// The rules of `custom_jvp_call` and `custom_vjp_call`, printed by name.
extension ParamKey where Value == CustomRule {
    static var jvp: ParamKey { ParamKey("jvp") }
    static var fwd: ParamKey { ParamKey("fwd") }
    static var bwd: ParamKey { ParamKey("bwd") }
    /// The host function of `pure_callback` and `io_callback`, with the types it returns.
    static var hostFunction: ParamKey { ParamKey("host_function") }
}

/// Parameters JAX prints whatever they hold (mostly None).
extension ParamKey where Value == ParamValue {
    static var sharding: ParamKey { ParamKey("sharding") }
    /// The result types a callback promised, as JAX prints them.
    static var resultAvals: ParamKey { ParamKey("result_avals") }
    static var outSharding: ParamKey { ParamKey("out_sharding") }
    static var precision: ParamKey { ParamKey("precision") }
    static var outDType: ParamKey { ParamKey("out_dtype") }
    static var fillValue: ParamKey { ParamKey("fill_value") }
    /// A scatter's combining jaxpr (None for a plain set).
    static var updateJaxpr: ParamKey { ParamKey("update_jaxpr") }
    static var loggingRecord: ParamKey { ParamKey("logging_record") }
    /// The linear-algebra primitives' options jaxlab leaves at JAX's defaults (None).
    static var algorithm: ParamKey { ParamKey("algorithm") }
    static var subsetByIndex: ParamKey { ParamKey("subset_by_index") }
    static var useMagma: ParamKey { ParamKey("use_magma") }
}

extension ParamKey where Value == GatherScatterMode {
    static var mode: ParamKey { ParamKey("mode") }
}

extension ParamKey where Value == GatherDimensions {
    static var gatherDimensionNumbers: ParamKey { ParamKey("dimension_numbers") }
    /// The gather a scatter undoes, kept (hidden) for its evaluation.
    static var gatherDimensions: ParamKey { ParamKey("gather_dimensions") }
}

extension ParamKey where Value == ConvDimensions {
    static var convDimensionNumbers: ParamKey { ParamKey("dimension_numbers") }
}

extension ParamKey where Value == DotDimensions {
    static var dotDimensionNumbers: ParamKey { ParamKey("dimension_numbers") }
}

extension ParamKey where Value == IndexExpression {
    /// The index form of gather and scatter: the indexing expression (hidden).
    static var index: ParamKey { ParamKey("index") }
}

extension ParamKey where Value == PaddingConfig {
    static var paddingConfig: ParamKey { ParamKey("padding_config") }
}

extension ParamKey where Value == ShapeList {
    /// conv_general_dilated's (low, high) padding per spatial axis.
    static var convPadding: ParamKey { ParamKey("padding") }
    /// The index form of gather: its result's shape (hidden).
    static var resultShape: ParamKey { ParamKey("result_shape") }
}

extension ParamKey where Value == FusedKernel {
    /// A whole jitted helper the compiler may run as one fused kernel (hidden).
    static var fusedKernel: ParamKey { ParamKey("fused_kernel") }
}

/// How gather and scatter treat indices outside the operand, printed `GatherScatterMode.CLIP`.
public enum GatherScatterMode: String, ParamRepresentable {
    /// Indices clamp so the window stays inside.
    case clip = "CLIP"
    /// Out-of-range gathers read the fill value; out-of-range scatters are dropped.
    case fillOrDrop = "FILL_OR_DROP"
    /// The caller promises every index is in range.
    case promiseInBounds = "PROMISE_IN_BOUNDS"

    public init?(param: ParamValue) {
        guard case .text(let t) = param, t.hasPrefix("GatherScatterMode.") else { return nil }
        self.init(rawValue: String(t.dropFirst("GatherScatterMode.".count)))
    }

    public var param: ParamValue { .text("GatherScatterMode." + rawValue) }
}
