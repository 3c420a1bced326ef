/// Elementwise jax.numpy functions and operators.
extension JNP {
    static func binary(_ ctx: JaxContext, _ prim: Primitive, _ name: String, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        let promoted = try promoteShapes(ctx, name, try promote(ctx, [x, y]))
        var params = Params()
        if prim == .mul { params.set("out_dtype", .none, shown: false) }
        return try bind(ctx, prim, promoted, params)
    }

    static func unary(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue, floating: Bool = false) throws(PyException) -> JaxValue {
        var x = x
        if floating && !x.dtype.isFloating { x = try convert(ctx, x, to: ctx.defaultFloat, weak: x.weakType) }
        return try bind(ctx, prim, [x])
    }

    public static func add(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        if x.dtype == .bool && y.dtype == .bool { return try binary(ctx, .or, "or", x, y) }
        return try binary(ctx, .add, "add", x, y)
    }
    public static func subtract(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .sub, "sub", x, y)
    }
    public static func multiply(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        if x.dtype == .bool && y.dtype == .bool { return try binary(ctx, .and, "and", x, y) }
        return try binary(ctx, .mul, "mul", x, y)
    }
    /// True division: integers are converted to the default float first.
    public static func divide(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        var (x, y) = (x, y)
        let result = Promotion.jax([(x.dtype, x.weakType), (y.dtype, y.weakType)], enableX64: ctx.enableX64)
        if !result.dtype.isFloating {
            x = try convert(ctx, x, to: ctx.defaultFloat, weak: x.weakType)
            y = try convert(ctx, y, to: ctx.defaultFloat, weak: y.weakType)
        }
        return try binary(ctx, .div, "div", x, y)
    }
    public static func floorDivide(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        let q = try binary(ctx, .div, "div", x, y)
        return q.dtype.isFloating ? try bind(ctx, .floor, [q]) : q
    }
    public static func remainder(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .rem, "rem", x, y)
    }
    /// `x ** y`: a concrete integer exponent becomes integer_pow[y=n], as in jax.numpy.
    public static func power(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        if case .array(let e) = y, e.shape.isEmpty, e.dtype.isInteger {
            let n = Int(truncatingIfNeeded: e.storage.int64(at: 0))
            let base = try promote(ctx, [x, y])[0]
            var params = Params()
            params.set("y", .int(n))
            return try bind(ctx, .integerPow, [base], params)
        }
        return try binary(ctx, .pow, "pow", x, y)
    }
    public static func maximum(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .max, "max", x, y)
    }
    public static func minimum(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .min, "min", x, y)
    }
    public static func arctan2(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .atan2, "atan2", x, y)
    }
    public static func equal(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .eq, "eq", x, y)
    }
    public static func notEqual(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .ne, "ne", x, y)
    }
    public static func less(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .lt, "lt", x, y)
    }
    public static func lessEqual(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .le, "le", x, y)
    }
    public static func greater(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .gt, "gt", x, y)
    }
    public static func greaterEqual(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .ge, "ge", x, y)
    }
    public static func logicalAnd(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .and, "and", try convert(ctx, x, to: .bool), try convert(ctx, y, to: .bool))
    }
    public static func logicalOr(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .or, "or", try convert(ctx, x, to: .bool), try convert(ctx, y, to: .bool))
    }
    public static func logicalXor(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try binary(ctx, .xor, "xor", try convert(ctx, x, to: .bool), try convert(ctx, y, to: .bool))
    }
    public static func logicalNot(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try bind(ctx, .not, [try convert(ctx, x, to: .bool)])
    }

    public static func negative(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .neg, x) }
    public static func abs(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .abs, x) }
    public static func sign(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .sign, x) }
    public static func exp(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .exp, x, floating: true) }
    public static func log(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .log, x, floating: true) }
    public static func log1p(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .log1p, x, floating: true) }
    public static func expm1(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .expm1, x, floating: true) }
    public static func sqrt(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .sqrt, x, floating: true) }
    public static func rsqrt(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .rsqrt, x, floating: true) }
    public static func sin(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .sin, x, floating: true) }
    public static func cos(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .cos, x, floating: true) }
    public static func tan(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .tan, x, floating: true) }
    public static func tanh(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .tanh, x, floating: true) }
    public static func arctan(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .atan, x, floating: true) }
    public static func erf(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .erf, x, floating: true) }
    public static func sigmoid(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .logistic, x, floating: true) }
    public static func square(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .square, x) }
    public static func floor(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        x.dtype.isFloating ? try unary(ctx, .floor, x) : x
    }
    public static func ceil(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        x.dtype.isFloating ? try unary(ctx, .ceil, x) : x
    }
    public static func round(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        guard x.dtype.isFloating else { return x }
        var params = Params()
        params.set("rounding_method", .int(1))
        return try bind(ctx, .round, [x], params)
    }
    /// `jax.nn.relu`: max(x, 0).
    public static func relu(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try maximum(ctx, x, constantLike(0, x))
    }
    public static func stopGradient(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try bind(ctx, .stopGradient, [x])
    }

    /// `jnp.where(c, x, y)`: select_n on the broadcast operands.
    public static func `where`(_ ctx: JaxContext, _ c: JaxValue, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        _ = try Kernels.broadcastShapes([c.shape, x.shape, y.shape])
        return try jitted(ctx, name: "_where", [c, x, y]) { a throws(PyException) in try whereBody(ctx, a[0], a[1], a[2]) }
    }

    private static func whereBody(_ ctx: JaxContext, _ c: JaxValue, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        let pair = try promote(ctx, [x, y])
        let cond = try convert(ctx, c, to: .bool)
        let shape = try Kernels.broadcastShapes([cond.shape, pair[0].shape, pair[1].shape])
        let cb = try broadcastTo(ctx, cond, shape)
        let xb = try broadcastTo(ctx, pair[0], shape)
        let yb = try broadcastTo(ctx, pair[1], shape)
        return try bind(ctx, .selectN, [cb, yb, xb])
    }

    /// `jnp.clip(x, lo, hi)`: max with the lower bound, then min with the upper.
    public static func clip(_ ctx: JaxContext, _ x: JaxValue, _ lo: JaxValue?, _ hi: JaxValue?) throws(PyException) -> JaxValue {
        let args = [x] + [lo, hi].compactMap { $0 }
        return try jitted(ctx, name: "clip", args) { a throws(PyException) in
            var out = a[0]
            var next = 1
            if lo != nil { out = try maximum(ctx, a[next], out); next += 1 }
            if hi != nil { out = try minimum(ctx, a[next], out) }
            return out
        }
    }

    /// `x.astype(dtype)`.
    public static func astype(_ ctx: JaxContext, _ x: JaxValue, _ dtype: DType) throws(PyException) -> JaxValue {
        let target = ctx.canonical(dtype)
        if case .array(let a) = x { return .array(Kernels.cast(a, to: target, semantics: .jax).withWeakType(false)) }
        if x.dtype == target && !x.weakType { return x }
        return try convert(ctx, x, to: target, weak: false)
    }

    /// A weak 0-d constant of x's dtype (Python scalars in jax.numpy's own code).
    static func constantLike(_ value: Double, _ x: JaxValue) -> JaxValue {
        let scalar: Scalar = x.dtype.isFloating ? .float(value) : (x.dtype == .bool ? .bool(value != 0) : .int(Int64(value)))
        return .array(JaxArray.scalar(scalar, dtype: x.dtype, weak: false))
    }
}
