/// jax.numpy: each function a composition of primitives bound as jax.numpy binds them, so
/// printed jaxprs match JAX's and every function works under grad, vmap and jit. Python
/// scalars arrive as weak-typed 0-d arrays.
public enum JNP {
    /// Wraps a concrete array.
    public static func value(_ a: JaxArray) -> JaxValue { .array(a) }

    /// `lax.convert_element_type`: concrete values convert at once (as JAX does for constants),
    /// traced ones through the primitive.
    public static func convert(_ ctx: JaxContext, _ x: JaxValue, to dtype: DType, weak: Bool = false) throws(PyException) -> JaxValue {
        try Lax.convert(ctx, x, to: dtype, weak: weak)
    }

    /// The dtype JAX's promotion gives the operands, each converted to it.
    /// Typed keys take part in no promotion (the primitive then refuses them, naming the
    /// operands' own dtypes).
    static func promote(_ ctx: JaxContext, _ xs: [JaxValue]) throws(PyException) -> [JaxValue] {
        if xs.contains(where: \.aval.isKey) { return xs }
        let result = Promotion.jax(xs.map { ($0.dtype, $0.weakType) }, enableX64: ctx.enableX64)
        var out: [JaxValue] = []
        for x in xs { out.append(try convert(ctx, x, to: result.dtype, weak: result.weak)) }
        return out
    }

    /// NumPy rank promotion: lower-rank non-scalars gain leading size-1 axes (broadcast_in_dim),
    /// after checking the shapes broadcast at all (JAX's error text).
    static func promoteShapes(_ ctx: JaxContext, _ name: String, _ xs: [JaxValue]) throws(PyException) -> [JaxValue] {
        let rank = xs.map(\.rank).max() ?? 0
        guard xs.contains(where: { $0.rank != rank && $0.rank != 0 }) else { return xs }
        do {
            _ = try Kernels.broadcastShapes(xs.map(\.shape))
        } catch {
            // lax.broadcast_shapes' error: jnp reaches it only when the ranks differ
            throw PyException.valueError("Incompatible shapes for broadcasting: shapes=["
                + xs.map { Shape.describe($0.shape) }.joined(separator: ", ") + "]")
        }
        var out: [JaxValue] = []
        for x in xs {
            if x.rank == rank || x.rank == 0 {
                out.append(x)
            } else {
                let lead = rank - x.rank
                out.append(try broadcastInDim(ctx, x, shape: Array(repeating: 1, count: lead) + x.shape,
                                              dims: Array(lead..<rank)))
            }
        }
        return out
    }

    /// `lax.broadcast_in_dim`, skipped when it would change nothing.
    static func broadcastInDim(_ ctx: JaxContext, _ x: JaxValue, shape: [Int], dims: [Int]) throws(PyException) -> JaxValue {
        try Lax.broadcastInDim(ctx, x, shape: shape, dims: dims)
    }

    static func bind(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ params: Params = Params()) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, prim, xs, params)
    }

    static func normalizeAxes(_ axes: [Int]?, rank: Int) throws(PyException) -> [Int] {
        guard let axes else { return Array(0..<rank) }
        var out: [Int] = []
        for a in axes {
            let n = try AxisRules.normalize(a, rank: rank)
            if out.contains(n) { throw PyException.valueError("repeated axis") }
            out.append(n)
        }
        return out.sorted()
    }

    /// A Python int as jax.numpy sees one: a weak 0-d array of the default integer type.
    public static func weakInt(_ ctx: JaxContext, _ v: Int) -> JaxValue {
        .array(JaxArray.scalar(.int(Int64(v)), dtype: ctx.defaultInt, weak: true))
    }

    /// A Python float as jax.numpy sees one: a weak 0-d array of the default float type.
    public static func weakFloat(_ ctx: JaxContext, _ v: Double) -> JaxValue {
        .array(JaxArray.scalar(.float(v), dtype: ctx.defaultFloat, weak: true))
    }

    /// A 0-d constant of the given dtype (strong).
    static func constant(_ value: Scalar, _ dtype: DType) -> JaxValue {
        Lax.constant(value, dtype)
    }
}
