/// Elementwise jax.numpy functions and operators.
extension JNP {
    static func binary(_ ctx: JaxContext, _ prim: Primitive, _ name: String, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        let promoted = try promoteShapes(ctx, name, try promote(ctx, [x, y]))
        var params = Params()
        if prim == .mul { params.set(.outDType, .none, shown: false) }
        return try bind(ctx, prim, promoted, params)
    }

    static func unary(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue, floating: Bool = false) throws(PyException) -> JaxValue {
        var x = x
        // a Python bool is never weak in JAX, so True promotes to a strong float
        if floating && !x.dtype.isInexact { x = try convert(ctx, x, to: ctx.defaultFloat, weak: x.weakType && x.dtype != .bool) }
        return try bind(ctx, prim, [x])
    }

    /// jax.numpy's one-operand elementwise functions, by name (the `jnp` module offers each).
    public static let unaryFunctions: [(name: String, function: @Sendable (JaxContext, JaxValue) throws(PyException) -> JaxValue)] = [
        ("negative", negative), ("abs", abs), ("absolute", abs), ("sign", sign), ("exp", exp), ("exp2", exp2), ("log", log),
        ("log1p", log1p), ("expm1", expm1), ("sqrt", sqrt), ("cbrt", cbrt), ("sin", sin), ("cos", cos), ("tan", tan), ("tanh", tanh),
        ("arctan", arctan), ("square", square), ("floor", floor), ("ceil", ceil),
        ("logical_not", logicalNot), ("isnan", isnan), ("isinf", isinf), ("isfinite", isfinite), ("real", real), ("imag", imag),
        ("conj", conj), ("conjugate", conj), ("iscomplex", iscomplex),
    ]

    /// The `jax.lax` elementwise functions of one operand (`lax.exp`, `lax.erf_inv`, ...):
    /// each binds its primitive as it is.
    public static let laxUnaryPrimitives: [Primitive] = [
        .neg, .abs, .sign, .exp, .log, .log1p, .expm1, .sqrt, .rsqrt, .cbrt, .sin, .cos, .tan, .tanh, .atan, .erf, .erfc, .erfInv,
        .logistic, .floor, .ceil,
    ]

    /// A `jax.lax` elementwise function: lax does not promote, so it refuses the dtypes JAX's
    /// does (integers for the float-only functions, bools for all).
    public static func laxUnary(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue) throws(PyException) -> JaxValue {
        if case .unary(let kernel)? = prim.rules.elementwise, !kernel.laxAccepts.admits(x.dtype) { throw kernel.refusal(x.dtype) }
        return try bind(ctx, prim, [x])
    }

    /// The `jax.lax` arithmetic functions of two operands, with the jnp function each
    /// error's tip names.
    public static let laxBinaryPrimitives: [(primitive: Primitive, jnpName: String)] = [
        (.add, "add"), (.sub, "subtract"), (.mul, "multiply"), (.div, "divide"), (.rem, "remainder"), (.max, "maximum"),
        (.min, "minimum"), (.atan2, "arctan2"), (.pow, "power"), (.nextafter, "nextafter"),
        // lax's tip names jnp functions for eq and ne only
        (.eq, "equal"), (.ne, "not_equal"), (.lt, ""), (.le, ""), (.gt, ""), (.ge, ""),
    ]

    /// A `jax.lax` function of two operands: no promotion, so the dtypes must agree (pow
    /// also takes an integer exponent); a 0-d operand broadcasts.
    public static func laxBinary(_ ctx: JaxContext, _ prim: Primitive, jnpName: String, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        let floatOnly = prim == .pow || prim == .atan2
        let anyDType = [Primitive.max, .min, .eq, .ne, .lt, .le, .gt, .ge].contains(prim)
        for (i, v) in [x, y].enumerated() where !anyDType && (v.dtype == .bool || (floatOnly && i == 0 && !v.dtype.isFloating)) {
            let accepted = floatOnly ? "floating, complexfloating" : "integer, floating, complexfloating"
            throw PyException.typeError("\(prim.name) does not accept dtype \(v.dtype.name) at position \(i). Accepted dtypes at position \(i) are subtypes of \(accepted).")
        }
        for (i, v) in [x, y].enumerated() where prim == .nextafter && !v.dtype.isFloating {
            throw PyException.typeError("nextafter does not accept dtype \(v.dtype.name) at position \(i). Accepted dtypes at position \(i) are subtypes of floating.")
        }
        let integerExponent = prim == .pow && y.dtype.isInteger
        if x.dtype != y.dtype && !integerExponent {
            let tip = jnpName.isEmpty ? "" : " (Tip: jnp.\(jnpName) is a similar function that does automatic type promotion on inputs)."
            throw PyException.typeError("lax.\(prim.name) requires arguments to have the same dtypes, got \(x.dtype.name), \(y.dtype.name).\(tip)")
        }
        if x.rank != 0 && y.rank != 0 && x.rank != y.rank {
            throw PyException.typeError("\(prim.name): arrays must have the same number of dimensions, got {\(Swift.min(x.rank, y.rank)), \(Swift.max(x.rank, y.rank))}")
        }
        if x.rank != 0 && y.rank != 0 && x.shape != y.shape {
            throw PyException.typeError("\(prim.name) got incompatible shapes for broadcasting: \(Shape.describe(x.shape)), \(Shape.describe(y.shape)).")
        }
        // an integer exponent is taken in the base's dtype (the values are the same)
        let exponent = integerExponent ? try convert(ctx, y, to: x.dtype, weak: y.weakType) : y
        return try bind(ctx, prim, [x, exponent])
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
        if !result.dtype.isInexact {
            x = try convert(ctx, x, to: ctx.defaultFloat, weak: x.weakType)
            y = try convert(ctx, y, to: ctx.defaultFloat, weak: y.weakType)
        }
        return try binary(ctx, .div, "div", x, y)
    }
    /// `x // y`: eager values straight from the kernel; traced, jax.numpy's jitted
    /// `floor_divide` (div for unsigned integers, div corrected toward -inf for signed ones,
    /// CPython's float_divmod for floats).
    public static func floorDivide(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        if ctx.traceState.stack.isEmpty, x.concrete != nil, y.concrete != nil {
            let ops = try floorDivideOperands(ctx, x, y)
            if let u = ops.0.concrete, let v = ops.1.concrete { return .array(try Kernels.binary(.floorDivide, u, v, semantics: .jax)) }
        }
        return try jitted(ctx, name: "floor_divide", [x, y]) { args throws(PyException) -> JaxValue in
            let (a, b) = try floorDivideOperands(ctx, args[0], args[1])
            if a.dtype.kind == .unsignedInteger { return try bind(ctx, .div, [a, b]) }
            if a.dtype.isInteger {
                let quotient = try bind(ctx, .div, [a, b])
                let signsDiffer = try bind(ctx, .ne, [try bind(ctx, .sign, [a]), try bind(ctx, .sign, [b])])
                let inexact = try bind(ctx, .ne, [try bind(ctx, .rem, [a, b]), constantLike(0, a)])
                let select = try bind(ctx, .and, [signsDiffer, inexact])
                return try `where`(ctx, select, try subtract(ctx, quotient, constantLike(1, quotient)), quotient)
            }
            return try floatDivmod(ctx, a, b).quotient
        }
    }

    /// promote_args_numeric: booleans count as integers.
    private static func floorDivideOperands(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> (JaxValue, JaxValue) {
        let ops = try promoteShapes(ctx, "floor_divide", try promote(ctx, [x.dtype == .bool ? try convert(ctx, x, to: ctx.defaultInt, weak: x.weakType) : x, y]))
        return (ops[0], ops[1])
    }

    /// CPython's float_divmod as jax.numpy writes it: the rounded quotient and the remainder
    /// with the divisor's sign.
    static func floatDivmod(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> (quotient: JaxValue, remainder: JaxValue) {
        let mod = try bind(ctx, .rem, [a, b])
        let corrected = try `where`(ctx, try equal(ctx, b, constantLike(0, b)), a, try bind(ctx, .sub, [a, mod]))
        let div = try bind(ctx, .div, [corrected, b])
        let ind = try bind(ctx, .and, [try notEqual(ctx, mod, constantLike(0, mod)),
                                       try notEqual(ctx, try bind(ctx, .sign, [b]), try bind(ctx, .sign, [mod]))])
        let remainder = try bind(ctx, .selectN, [ind, mod, try add(ctx, mod, b)])
        let adjusted = try bind(ctx, .selectN, [ind, div, try subtract(ctx, div, constantLike(1, div))])
        var params = Params()
        params.set(.roundingMethod, 0)
        return (try bind(ctx, .round, [adjusted], params), remainder)
    }

    /// `x % y` (the sign of the divisor): eager values straight from the kernel; traced,
    /// jax.numpy's jitted composition of rem, comparisons and select.
    public static func remainder(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        if ctx.traceState.stack.isEmpty {
            let ops = try promoteShapes(ctx, "remainder", try promote(ctx, [x, y]))
            if let u = ops[0].concrete, let v = ops[1].concrete { return .array(try Kernels.binary(.remainder, u, v, semantics: .jax)) }
        }
        return try jitted(ctx, name: "remainder", [x, y], cacheKey: "") { args throws(PyException) -> JaxValue in
            try remainderBody(ctx, args[0], args[1])
        }
    }

    private static func remainderBody(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        let ops = try promoteShapes(ctx, "remainder", try promote(ctx, [x, y]))
        var (a, b) = (ops[0], ops[1])
        let zero = constantLike(0, a)
        if b.dtype.isInteger {
            b = try `where`(ctx, try equal(ctx, b, constantLike(0, b)), try Lax.full(ctx, b, 1), b)
        }
        let truncMod = try bind(ctx, .rem, [a, b])
        let notZero = try bind(ctx, .ne, [truncMod, zero])
        let doPlus = try bind(ctx, .and, [try bind(ctx, .ne, [try bind(ctx, .lt, [truncMod, zero]), try bind(ctx, .lt, [b, zero])]), notZero])
        return try bind(ctx, .selectN, [doPlus, truncMod, try bind(ctx, .add, [truncMod, b])])
    }
    /// `x ** y`: a concrete integer exponent becomes integer_pow[y=n], as in jax.numpy.
    public static func power(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        if case .array(let e) = y, e.shape.isEmpty, e.dtype.isInteger {
            let n = Int(truncatingIfNeeded: e.storage.int64(at: 0))
            // Only the base is promoted (booleans become integers), as jnp.power does.
            let base = x.dtype == .bool ? try convert(ctx, x, to: ctx.defaultInt, weak: x.weakType) : x
            var params = Params()
            params.set(.y, n)
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
    /// `jnp.arctan2`: lax's atan2 of the operands promoted to one float dtype (integers too).
    public static func arctan2(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try bind(ctx, .atan2, try promoteInexact(ctx, "arctan2", [x, y]))
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
    public static func exp2(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .exp2, x, floating: true) }
    public static func log1p(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .log1p, x, floating: true) }
    public static func expm1(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .expm1, x, floating: true) }
    public static func sqrt(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .sqrt, x, floating: true) }
    public static func rsqrt(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .rsqrt, x, floating: true) }
    public static func cbrt(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .cbrt, x, floating: true) }
    public static func sin(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .sin, x, floating: true) }
    public static func cos(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .cos, x, floating: true) }
    public static func tan(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .tan, x, floating: true) }
    public static func tanh(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .tanh, x, floating: true) }
    public static func arctan(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .atan, x, floating: true) }
    public static func erf(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .erf, x, floating: true) }
    public static func erfc(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .erfc, x, floating: true) }
    public static func sigmoid(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .logistic, x, floating: true) }
    public static func erfinv(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .erfInv, x, floating: true) }
    public static func square(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue { try unary(ctx, .square, x) }
    public static func floor(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try refuseRounding(x, "floor")
        return x.dtype.isFloating ? try unary(ctx, .floor, x) : x
    }
    public static func ceil(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try refuseRounding(x, "ceil")
        return x.dtype.isFloating ? try unary(ctx, .ceil, x) : x
    }
    /// lax's TypeError for rounding a complex array.
    private static func refuseRounding(_ x: JaxValue, _ name: String) throws(PyException) {
        if x.dtype.isComplex {
            throw PyException.typeError("\(name) does not accept dtype \(x.dtype.name). Accepted dtypes are subtypes of floating.")
        }
    }
    /// `jax.nn.relu`: `custom_jvp(jit(lambda x: jnp.maximum(x, 0)))`, whose rule gives the
    /// gradient 0 at 0 (where plain max would split it).
    public static func relu(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        // relu.defjvps(lambda g, ans, x: lax.select(x > 0, g, lax.full_like(g, 0)))
        let rule = CustomRule("jvp") { [unowned ctx] args throws(PyException) -> [JaxValue?] in
            guard args.count == 2 else { throw PyException("RuntimeError", "relu's rule takes a primal and a tangent") }
            let (x, g) = (args[0], args[1])
            // as defjvps does: the primal output first, then the tangent
            let out = try relu(ctx, x)
            let positive = try Lax.compare(ctx, .gt, x, Lax.const(x, 0))
            return [out, try Lax.select(ctx, positive, try Lax.full(ctx, g, 0), g)]
        }
        let outs = try CustomJVPRules.call(ctx, name: "relu", jvp: rule, [x]) { args throws(PyException) -> [JaxValue] in
            [try jitted(ctx, name: "relu", args, cacheKey: "") { inner throws(PyException) -> JaxValue in
                try maximum(ctx, inner[0], .array(JaxArray.scalar(.int(0), dtype: ctx.defaultInt, weak: true)))
            }]
        }
        guard let out = outs.first else { throw PyException("RuntimeError", "relu returned no value") }
        return out
    }
    public static func stopGradient(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try bind(ctx, .stopGradient, [x])
    }

    /// `jnp.where(c, x, y)`: select_n on the broadcast operands.
    public static func `where`(_ ctx: JaxContext, _ c: JaxValue, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        _ = try Kernels.broadcastShapes([c.shape, x.shape, y.shape])
        if ctx.traceState.stack.isEmpty, c.dtype == .bool, let condition = c.concrete, x.concrete != nil, y.concrete != nil {
            // eagerly, the compiled `_where` is a select of the promoted cases: the select kernel
            // broadcasts them itself instead of materialising full-size copies
            let pair = try promote(ctx, [x, y])
            if let a = pair[0].concrete, let b = pair[1].concrete {
                return .array(try Kernels.select(condition, a, b, interrupt: ctx.interrupt))
            }
        }
        // calls with the same argument types share one jaxpr, as JAX's cached `_where` does
        return try jitted(ctx, name: "_where", [c, x, y], cacheKey: "") { a throws(PyException) in try whereBody(ctx, a[0], a[1], a[2]) }
    }

    private static func whereBody(_ ctx: JaxContext, _ c: JaxValue, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        // a non-boolean condition is compared with zero; a boolean one is used as it is
        let cond = c.dtype == .bool ? c : try bind(ctx, .ne, [c, constantLike(0, c)])
        let pair = try promote(ctx, [x, y])
        let shape = try Kernels.broadcastShapes([cond.shape, pair[0].shape, pair[1].shape])
        // A 0-d condition stays 0-d: select_n takes a scalar predicate.
        let cb = cond.rank == 0 ? cond : try broadcastTo(ctx, cond, shape)
        let xb = try broadcastTo(ctx, pair[0], shape)
        let yb = try broadcastTo(ctx, pair[1], shape)
        return try bind(ctx, .selectN, [cb, yb, xb])
    }

    /// `jnp.clip(x, lo, hi)`: max with the lower bound, then min with the upper.
    public static func clip(_ ctx: JaxContext, _ x: JaxValue, _ lo: JaxValue?, _ hi: JaxValue?) throws(PyException) -> JaxValue {
        let args = [x] + [lo, hi].compactMap { $0 }
        if ctx.traceState.stack.isEmpty, let lo, let hi, args.allSatisfy({ $0.concrete != nil }) {
            // eagerly, the compiled clip is max then min: one pass for one-value bounds
            let low = try promote(ctx, [lo, x]), high = try promote(ctx, [hi, x])
            if let a = x.concrete, low[1].dtype == x.dtype, high[1].dtype == x.dtype,
               let l = low[0].concrete, let h = high[0].concrete,
               let fused = try FusedEager.clip(a, lo: l, hi: h, interrupt: ctx.interrupt) {
                return .array(fused)
            }
        }
        return try jitted(ctx, name: "clip", args, cacheKey: "\(lo != nil),\(hi != nil)") { a throws(PyException) in
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
        // jnp's astype compares a complex array with zero for bool (convert_element_type
        // would look at the real part only)
        if x.dtype.isComplex && target == .bool { return try bind(ctx, .ne, [x, Lax.const(x, 0)]) }
        if case .array(let a) = x {
            // the converted copy counts against the limit and budget like any new array
            if target.itemSize > a.dtype.itemSize { _ = try Shape.checkedCount(a.shape, itemSize: target.itemSize, limits: ctx.limits) }
            return .array(Kernels.cast(a, to: target, semantics: .jax).withWeakType(false))
        }
        if x.dtype == target && !x.weakType { return x }
        return try convert(ctx, x, to: target, weak: false)
    }

    /// A 0-d constant of x's dtype (Python scalars in jax.numpy's own code).
    static func constantLike(_ value: Double, _ x: JaxValue) -> JaxValue {
        Lax.const(x, value)
    }
}
