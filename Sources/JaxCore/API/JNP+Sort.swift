/// `jnp.sort` and `jnp.argsort`: the jitted helpers JAX stages around lax's sort.
extension JNP {
    /// `jnp.sort(x, axis)`; `axis=None` sorts the flattened array.
    public static func sort(_ ctx: JaxContext, _ x: JaxValue, axis: Int?) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "sort", [x], cacheKey: "\(String(describing: axis))") { args throws(PyException) -> JaxValue in
            let (operand, dimension) = try sortOperand(ctx, args[0], axis)
            return try Tracing.bind(ctx, .sort, [operand], sortParams(dimension))[0]
        }
    }

    /// `jnp.argsort(x, axis)`: the positions that sort `x`, stably (ties keep their order).
    public static func argsort(_ ctx: JaxContext, _ x: JaxValue, axis: Int?) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "argsort", [x], cacheKey: "\(String(describing: axis))") { args throws(PyException) -> JaxValue in
            let (operand, dimension) = try sortOperand(ctx, args[0], axis)
            var p = Params()
            p.set(.dimension, dimension)
            p.set(.dtype, .int32)
            p.set(.shape, operand.shape)
            p.set(.sharding, .none)
            let positions = try bind(ctx, .iota, [], p)
            return try Tracing.bind(ctx, .sort, [operand, positions], sortParams(dimension))[1]
        }
    }

    private static func sortParams(_ dimension: Int) -> Params {
        Params().with(.dimension, dimension).with(.isStable, true).with(.numKeys, 1)
    }

    /// The array to sort and the dimension, with JAX's axis check.
    private static func sortOperand(_ ctx: JaxContext, _ x: JaxValue, _ axis: Int?) throws(PyException) -> (JaxValue, Int) {
        guard let axis else { return (try ravel(ctx, x), 0) }
        return (x, try AxisRules.normalize(axis, rank: x.rank))
    }
}
