/// jax.scipy.special's logarithmic helpers (`logit`, `xlogy`, `xlog1py`, `entr`): custom_jvp
/// functions composed as `jax/_src/scipy/special.py` writes them, so their jaxprs and
/// derivatives are JAX's (xlogy(0, y) is 0, and its derivative in x stays finite there).
extension JNP {
    /// `jax.scipy.special.logit(x)`: log(x / (1 - x)), with derivative 1 / (x (1 - x)).
    public static func logit(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        let rule = CustomRule("jvp") { [unowned ctx] args throws(PyException) -> [JaxValue?] in
            guard args.count == 2 else { throw PyException("RuntimeError", "logit's rule takes a primal and a tangent") }
            let (x, g) = (args[0], args[1])
            let out = try logit(ctx, x)
            return [out, try Lax.div(ctx, g, try Lax.mul(ctx, x, try Lax.sub(ctx, Lax.const(x, 1), x)))]
        }
        let outs = try CustomJVPRules.call(ctx, name: "logit", jvp: rule, [x]) { a throws(PyException) -> [JaxValue] in
            let x = try promoteInexact(ctx, "logit", a)[0]
            return [try Lax.unary(ctx, .log, try Lax.div(ctx, x, try Lax.sub(ctx, Lax.const(x, 1), x)))]
        }
        guard let out = outs.first else { throw PyException("RuntimeError", "logit returned no value") }
        return out
    }

    /// `xlogy(x, y)` (`log1p` false) or `xlog1py(x, y)`: x * log(y) (or log1p(y)), 0 where x is 0
    /// unless y is NaN.
    public static func xlogy(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue, log1p: Bool = false) throws(PyException) -> JaxValue {
        let name = log1p ? "xlog1py" : "xlogy"
        let logarithm: Primitive = log1p ? .log1p : .log
        let rule = CustomRule("_\(name)_jvp") { [unowned ctx] args throws(PyException) -> [JaxValue?] in
            guard args.count == 4 else { throw PyException("RuntimeError", "\(name)'s rule takes two primals and two tangents") }
            let (x, y, dx, dy) = (args[0], args[1], args[2], args[3])
            let out = try xlogy(ctx, x, y, log1p: log1p)
            // x_dot * log(y) + y_dot * x / y  (or / (1 + y))
            let first = try multiply(ctx, dx, try Lax.unary(ctx, logarithm, y))
            let denominator = log1p ? try add(ctx, weakInt(ctx, 1), y) : y
            let second = try divide(ctx, try multiply(ctx, dy, x), denominator)
            return [out, try astype(ctx, try add(ctx, first, second), out.dtype)]
        }
        let outs = try CustomJVPRules.call(ctx, name: name, jvp: rule, [x, y]) { a throws(PyException) -> [JaxValue] in
            let args = try promoteInexact(ctx, name, a)
            let (x, y) = (args[0], args[1])
            let keep = try logicalOr(ctx, try notEqual(ctx, x, weakFloat(ctx, 0)), try isnan(ctx, y))
            let product = try Lax.mul(ctx, x, try Lax.unary(ctx, logarithm, y))
            return [try `where`(ctx, keep, product, try zerosLike(ctx, x))]
        }
        guard let out = outs.first else { throw PyException("RuntimeError", "\(name) returned no value") }
        return out
    }

    /// `jax.scipy.special.entr(x)`: -x log(x) for x >= 0 (0 at 0), -inf below.
    public static func entr(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        let x = try promoteInexact(ctx, "entr", [x])[0]
        if x.dtype.isComplex { throw PyException.valueError("entr does not support complex-valued inputs.") }
        let negative = try Lax.compare(ctx, .lt, x, Lax.const(x, 0))
        let floor = try Lax.full(ctx, x.shape, .float(-Double.infinity), dtype: x.dtype, weak: x.weakType)
        return try Lax.select(ctx, negative, try Lax.neg(ctx, try xlogx(ctx, x)), floor)
    }

    /// `_xlogx`: xlogy(x, x) as a custom_jvp with derivative log(x) + 1.
    private static func xlogx(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        let rule = CustomRule("_xlogx_jvp") { [unowned ctx] args throws(PyException) -> [JaxValue?] in
            guard args.count == 2 else { throw PyException("RuntimeError", "_xlogx's rule takes a primal and a tangent") }
            let (x, g) = (args[0], args[1])
            let one = weakInt(ctx, 1)
            return [try xlogx(ctx, x), try multiply(ctx, g, try add(ctx, try Lax.unary(ctx, .log, x), one))]
        }
        let outs = try CustomJVPRules.call(ctx, name: "_xlogx", jvp: rule, [x]) { a throws(PyException) -> [JaxValue] in
            [try xlogy(ctx, a[0], a[0])]
        }
        guard let out = outs.first else { throw PyException("RuntimeError", "_xlogx returned no value") }
        return out
    }
}
