/// `jnp.logaddexp` and `jnp.logaddexp2`: lax's `custom_jvp` functions, so make_jaxpr shows
/// JAX's `custom_jvp_call` and grad uses their rule (which keeps infinities finite).
extension JNP {
    /// log(exp(x1) + exp(x2)), or in base 2 with `base2`, without overflow.
    public static func logaddexp(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue, base2: Bool = false) throws(PyException) -> JaxValue {
        let name = base2 ? "logaddexp2" : "logaddexp"
        // promote_args_inexact: one dtype, floating, one shape
        var args: [JaxValue] = []
        for v in try promote(ctx, [x, y]) { args.append(try inexact(ctx, v)) }
        args = try promoteShapes(ctx, name, args)
        let rule = CustomRule("_\(name)_jvp") { values throws(PyException) -> [JaxValue?] in
            guard values.count == 4 else { throw PyException("RuntimeError", "\(name)'s rule takes two primals and two tangents") }
            let primal = try logaddexp(ctx, values[0], values[1], base2: base2)
            let grow: Primitive = base2 ? .exp2 : .exp
            func term(_ t: JaxValue, _ x: JaxValue) throws(PyException) -> JaxValue {
                let gap = try Lax.sub(ctx, try replaceInfinity(ctx, x), try replaceInfinity(ctx, primal))
                return try Lax.mul(ctx, t, try bind(ctx, grow, [gap]))
            }
            return [primal, try Lax.add(ctx, try term(values[2], values[0]), try term(values[3], values[1]))]
        }
        let outs = try Transforms.customJVPCall(ctx, name: name, jvp: rule, args) { ins throws(PyException) -> [JaxValue] in
            let (a, b) = (ins[0], ins[1])
            let amax = try bind(ctx, .max, [a, b])
            let delta = try Lax.sub(ctx, a, b)
            let isNaN = try bind(ctx, .ne, [delta, delta])
            let sum = try Lax.add(ctx, a, b)
            let shrunk = try Lax.neg(ctx, try bind(ctx, .abs, [delta]))
            var softplus = try bind(ctx, .log1p, [try bind(ctx, base2 ? .exp2 : .exp, [shrunk])])
            if base2 { softplus = try Lax.mul(ctx, Lax.const(amax, 1 / 0.6931471805599453), softplus) }
            return [try Lax.select(ctx, isNaN, try Lax.add(ctx, amax, softplus), sum)]
        }
        guard let out = outs.first else { throw PyException("RuntimeError", "\(name) returned no value") }
        return out
    }

    /// lax's `_replace_inf`: +inf becomes 0, so the rule's differences stay finite.
    private static func replaceInfinity(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        let isInf = try bind(ctx, .eq, [x, Lax.const(x, .infinity)])
        return try Lax.select(ctx, isInf, x, try Lax.full(ctx, x, 0))
    }
}
