/// `jnp.sort` and `jnp.argsort`: the jitted helpers JAX stages around lax's sort.
extension JNP {
    /// `jnp.sort(x, axis, stable, descending)`; `axis=None` sorts the flattened array.
    public static func sort(_ ctx: JaxContext, _ x: JaxValue, axis: Int?, stable: Bool = true, descending: Bool = false) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "sort", [x], cacheKey: "\(String(describing: axis))|\(stable)|\(descending)") { args throws(PyException) -> JaxValue in
            let (operand, dimension) = try sortOperand(ctx, args[0], axis)
            let sorted = try Tracing.bind(ctx, .sort, [operand], sortParams(dimension, stable: stable))[0]
            return descending ? try reversed(ctx, sorted, dimension) : sorted
        }
    }

    /// `jnp.argsort(x, axis, stable, descending, dtype)`: the positions that sort `x` (ties
    /// keep their order when stable, also descending), in the default int dtype.
    public static func argsort(_ ctx: JaxContext, _ x: JaxValue, axis: Int?, stable: Bool = true, descending: Bool = false,
                               dtype: DType? = nil) throws(PyException) -> JaxValue {
        let key = "\(String(describing: axis))|\(stable)|\(descending)|\(String(describing: dtype))"
        return try jitted(ctx, name: "argsort", [x], cacheKey: key) { args throws(PyException) -> JaxValue in
            var (operand, dimension) = try sortOperand(ctx, args[0], axis)
            let indexType = ctx.canonical(dtype ?? (operand.shape[dimension] > Int(Int32.max) ? .int64 : ctx.defaultInt))
            var p = Params()
            p.set(.dimension, dimension)
            p.set(.dtype, indexType)
            p.set(.shape, operand.shape)
            p.set(.sharding, .none)
            var positions = try bind(ctx, .iota, [], p)
            if descending && stable {
                // reversed first, so that equal keys keep their order once reversed back
                operand = try reversed(ctx, operand, dimension)
                positions = try reversed(ctx, positions, dimension)
            }
            let indices = try Tracing.bind(ctx, .sort, [operand, positions], sortParams(dimension, stable: stable))[1]
            return descending ? try reversed(ctx, indices, dimension) : indices
        }
    }

    private static func reversed(_ ctx: JaxContext, _ x: JaxValue, _ dimension: Int) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .rev, [x], Params().with(.dimensions, [dimension]))
    }

    static func sortParams(_ dimension: Int, stable: Bool) -> Params {
        Params().with(.dimension, dimension).with(.isStable, stable).with(.numKeys, 1)
    }

    /// The array to sort and the dimension, with JAX's axis check.
    private static func sortOperand(_ ctx: JaxContext, _ x: JaxValue, _ axis: Int?) throws(PyException) -> (JaxValue, Int) {
        guard let axis else { return (try ravel(ctx, x), 0) }
        return (x, try AxisRules.normalize(axis, rank: x.rank))
    }
}
