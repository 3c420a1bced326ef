#if canImport(Glibc)
import Glibc
#endif

/// jax.numpy's smaller elementwise functions (`copysign`, `heaviside`, `float_power`, `rint`,
/// `round` with decimals, `fabs`, `positive`, `isposinf`/`isneginf`, `nan_to_num`, `sinc`,
/// `fmax`/`fmin`), each jitted or inlined as JAX's is, so their jaxprs match.
extension JNP {
    /// `jnp.copysign`: |x1| with the sign bit of x2 (read by `signbit`, so -0.0 and -nan count).
    public static func copysign(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "copysign", [x1, x2], cacheKey: "") { raw throws(PyException) -> JaxValue in
            let ins = try promoteInexact(ctx, "copysign", raw)
            if ins[0].dtype.isComplex { throw PyException.typeError("copysign does not support complex-valued inputs") }
            let negative = try astype(ctx, try signbit(ctx, ins[1]), .bool)
            let flipped = try bind(ctx, .neg, [try bind(ctx, .abs, [ins[0]])])
            return try `where`(ctx, negative, flipped, try bind(ctx, .abs, [ins[0]]))
        }
    }

    /// `promote_dtypes_inexact`: each operand converted in one step to the promoted dtype made
    /// inexact (integers and bools give the default float), weak only if all are; shapes are
    /// left as they are.
    static func promoteDTypesInexact(_ ctx: JaxContext, _ xs: [JaxValue]) throws(PyException) -> [JaxValue] {
        if xs.contains(where: \.aval.isKey) { return xs }
        let result = Promotion.jax(xs.map { ($0.dtype, $0.weakType) }, enableX64: ctx.enableX64)
        let target = result.dtype.isInexact ? result.dtype : ctx.defaultFloat
        var out: [JaxValue] = []
        for x in xs { out.append(try convert(ctx, x, to: target, weak: result.weak && result.dtype != .bool)) }
        return out
    }

    /// `jnp.heaviside`: 0 below zero, 1 above, x2 at zero (nan stays nan).
    public static func heaviside(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "heaviside", [x1, x2], cacheKey: "") { raw throws(PyException) -> JaxValue in
            let ins = try promoteDTypesInexact(ctx, raw)
            let x = ins[0]
            let below = try bind(ctx, .lt, [x, Lax.const(x, 0)])
            let above = try bind(ctx, .gt, [x, Lax.const(x, 0)])
            let atZero = try `where`(ctx, try bind(ctx, .ne, [x, x]), x, ins[1])
            return try `where`(ctx, below, Lax.const(x, 0), try `where`(ctx, above, Lax.const(x, 1), atZero))
        }
    }

    /// `jnp.float_power`: `lax.pow` of the operands promoted to one inexact dtype.
    public static func floatPower(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue) throws(PyException) -> JaxValue {
        let ins = try promoteInexact(ctx, "float_power", [x1, x2])
        return try bind(ctx, .pow, ins)
    }

    /// `jnp.nextafter`: `lax.nextafter` of the operands promoted to one float dtype and shape.
    public static func nextafter(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue) throws(PyException) -> JaxValue {
        try bind(ctx, .nextafter, try promoteInexact(ctx, "nextafter", [x1, x2]))
    }

    /// `jnp.rint`: round half to even; integers and bools become the default float.
    public static func rint(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try refuseComplex(x, "jnp.rint")
        return try jitted(ctx, name: "rint", [x], cacheKey: "") { args throws(PyException) -> JaxValue in
            let a = args[0]
            guard a.dtype.isFloating else { return try convert(ctx, a, to: ctx.defaultFloat) }
            return try bind(ctx, .round, [a], Params().with(.roundingMethod, 1))
        }
    }

    /// `jnp.round(a, decimals)` (jitted with `decimals` static): half to even at 10**-decimals,
    /// by scaling, rounding and scaling back (float16 in float32); integers as they are.
    public static func round(_ ctx: JaxContext, _ a: JaxValue, decimals: Int) throws(PyException) -> JaxValue {
        try refuseComplex(a, "jnp.round")
        if a.dtype.isInteger && decimals < 0 { throw PyException.notImplemented("integer np.round not implemented for decimals < 0") }
        return try jitted(ctx, name: "round", [a], cacheKey: "\(decimals)") { args throws(PyException) -> JaxValue in
            let x = args[0]
            guard x.dtype.isFloating else { return x }
            // rounding beyond the dtype's precision changes nothing
            if Double(decimals) > Glibc.log10(x.dtype.largestFinite) { return x }
            let halfToEven = Params().with(.roundingMethod, 1)
            if decimals == 0 { return try bind(ctx, .round, [x], halfToEven) }
            let wide = x.dtype == .float16 ? try convert(ctx, x, to: .float32) : x
            let factor = Lax.const(wide, Glibc.pow(10, Double(decimals)))
            let out = try bind(ctx, .div, [try bind(ctx, .round, [try Lax.mul(ctx, wide, factor)], halfToEven), factor])
            return x.dtype == .float16 ? try convert(ctx, out, to: .float16) : out
        }
    }

    /// `jnp.around`: the jitted `round`, called from a jitted function of its own.
    public static func around(_ ctx: JaxContext, _ a: JaxValue, decimals: Int) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "around", [a], cacheKey: "\(decimals)") { args throws(PyException) -> JaxValue in
            try round(ctx, args[0], decimals: decimals)
        }
    }

    /// `jnp.fabs`: abs of the operand promoted to floating; complex numbers are refused.
    public static func fabs(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        if x.dtype.isComplex { throw PyException.typeError("ufunc 'fabs' does not support complex dtypes") }
        return try unary(ctx, .abs, x, floating: true)
    }

    /// `jnp.isposinf` / `jnp.isneginf`: `x == ±inf` for floats, all false for other numbers.
    public static func isInfinity(_ ctx: JaxContext, _ x: JaxValue, positive: Bool) throws(PyException) -> JaxValue {
        if x.dtype.isComplex { throw PyException.valueError("isposinf/isneginf are not well defined for complex types") }
        guard x.dtype.isFloating else { return try Lax.full(ctx, x.shape, .bool(false), dtype: .bool) }
        return try bind(ctx, .eq, [x, Lax.const(x, positive ? .infinity : -.infinity)])
    }

    /// `jnp.nan_to_num`: nan becomes `nan`, infinities `posinf` / `neginf` (the dtype's
    /// largest and lowest values by default). The values given are arguments of the jitted
    /// function, as JAX traces them.
    public static func nanToNum(_ ctx: JaxContext, _ x: JaxValue, nan: JaxValue?, posinf: JaxValue?, neginf: JaxValue?) throws(PyException) -> JaxValue {
        try refuseComplex(x, "jnp.nan_to_num")
        let given = [nan, posinf, neginf]
        let key = given.map { $0 == nil ? "-" : "+" }.joined()
        return try jitted(ctx, name: "nan_to_num", [x] + given.compactMap { $0 }, cacheKey: key) { args throws(PyException) -> JaxValue in
            let a = args[0]
            guard a.dtype.isInexact else { return a }
            var rest = args.dropFirst().makeIterator()
            let values = given.map { $0 == nil ? nil : rest.next() }
            let limit = a.dtype.largestFinite
            func fill(_ v: JaxValue?, _ otherwise: Double) throws(PyException) -> JaxValue {
                guard let v else { return Lax.const(a, otherwise) }
                return try astype(ctx, v, a.dtype)
            }
            var out = try `where`(ctx, try bind(ctx, .ne, [a, a]), try fill(values[0], 0), a)
            out = try `where`(ctx, try isInfinity(ctx, out, positive: true), try fill(values[1], limit), out)
            return try `where`(ctx, try isInfinity(ctx, out, positive: false), try fill(values[2], -limit), out)
        }
    }

    /// `jnp.sinc`: sin(pi x) / (pi x), and at 0 the custom_jvp `_sinc_maclaurin(0, pi x)`,
    /// whose derivatives are the Maclaurin terms (so every order of grad is finite at 0).
    public static func sinc(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try refuseComplex(x, "jnp.sinc")
        return try jitted(ctx, name: "sinc", [x], cacheKey: "") { args throws(PyException) -> JaxValue in
            let a = try promoteDTypesInexact(ctx, args)[0]
            let isZero = try bind(ctx, .eq, [a, Lax.const(a, 0)])
            let piX = try Lax.mul(ctx, Lax.const(a, .pi), a)
            let safe = try `where`(ctx, isZero, Lax.const(a, 1), piX)
            let atZero = try sincMaclaurin(ctx, 0, piX)
            return try `where`(ctx, isZero, atZero, try bind(ctx, .div, [try bind(ctx, .sin, [safe]), safe]))
        }
    }

    /// The k-th derivative of sin(x)/x at 0 as a function of x (`x * 0 + c`), whose rule
    /// gives the (k+1)-th times the tangent.
    private static func sincMaclaurin(_ ctx: JaxContext, _ k: Int, _ x: JaxValue) throws(PyException) -> JaxValue {
        let rule = CustomRule("_sinc_maclaurin_jvp") { values throws(PyException) -> [JaxValue?] in
            guard values.count == 2 else { throw PyException("RuntimeError", "_sinc_maclaurin's rule takes a primal and a tangent") }
            return [try sincMaclaurin(ctx, k, values[0]), try Lax.mul(ctx, try sincMaclaurin(ctx, k + 1, values[0]), values[1])]
        }
        let outs = try Transforms.customJVPCall(ctx, name: "_sinc_maclaurin", jvp: rule, [x]) { ins throws(PyException) -> [JaxValue] in
            let zeroed = try Lax.mul(ctx, ins[0], Lax.const(ins[0], 0))
            guard k % 2 == 0 else { return [zeroed] }
            let sign: Double = (k / 2) % 2 == 0 ? 1 : -1
            return [try Lax.add(ctx, zeroed, Lax.const(ins[0], sign / Double(k + 1)))]
        }
        guard let out = outs.first else { throw PyException("RuntimeError", "_sinc_maclaurin returned no value") }
        return out
    }

    /// `jnp.fmax` / `jnp.fmin`: the larger (smaller) operand, the other one where one is nan.
    public static func fmaxOrMin(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue, max: Bool) throws(PyException) -> JaxValue {
        try jitted(ctx, name: max ? "fmax" : "fmin", [x1, x2], cacheKey: "") { args throws(PyException) -> JaxValue in
            let (a, b) = (args[0], args[1])
            let better = max ? try greater(ctx, a, b) : try less(ctx, a, b)
            let mask = try logicalOr(ctx, better, try isnan(ctx, b))
            return try `where`(ctx, mask, a, b)
        }
    }
}
