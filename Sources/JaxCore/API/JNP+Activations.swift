/// jax.nn's activation functions, each composed of jax.numpy operations in the order
/// `jax/_src/nn/functions.py` applies them and staged as the same named jit, so values,
/// jaxprs and derivatives are JAX's.
extension JNP {
    /// A function of one array staged as `jit[name=name]`.
    private static func jittedActivation(_ ctx: JaxContext, _ name: String, _ x: JaxValue,
                                         _ body: @escaping (JaxValue) throws(PyException) -> JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: name, [x], cacheKey: "") { a throws(PyException) in try body(a[0]) }
    }

    /// `jax.nn.sigmoid(x)`: `lax.logistic`, which refuses integer arrays (unlike
    /// `jax.scipy.special.expit`, which promotes them).
    public static func logistic(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try bind(ctx, .logistic, [x])
    }

    /// `jax.nn.identity(x)`.
    public static func identity(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "identity", x) { $0 }
    }

    /// `jax.nn.relu6(x)`: min(max(x, 0), 6), a custom_jvp whose tangent is zero outside (0, 6).
    public static func relu6(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        // relu6.defjvps(lambda g, ans, x: lax.select((x > 0) & (x < 6), g, lax.full_like(g, 0)))
        let rule = CustomRule("jvp") { [unowned ctx] args throws(PyException) -> [JaxValue?] in
            guard args.count == 2 else { throw PyException("RuntimeError", "relu6's rule takes a primal and a tangent") }
            let (x, g) = (args[0], args[1])
            let out = try relu6(ctx, x)
            let inside = try logicalAnd(ctx, try greater(ctx, x, weakInt(ctx, 0)), try less(ctx, x, weakInt(ctx, 6)))
            return [out, try Lax.select(ctx, inside, try Lax.full(ctx, g, 0), g)]
        }
        let outs = try CustomJVPRules.call(ctx, name: "relu6", jvp: rule, [x]) { args throws(PyException) -> [JaxValue] in
            [try jittedActivation(ctx, "relu6", args[0]) { x throws(PyException) in
                try minimum(ctx, try maximum(ctx, x, weakInt(ctx, 0)), weakFloat(ctx, 6))
            }]
        }
        guard let out = outs.first else { throw PyException("RuntimeError", "relu6 returned no value") }
        return out
    }

    /// `jax.nn.softplus(x)`: logaddexp(x, 0).
    public static func softplus(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "softplus", x) { x throws(PyException) in try logaddexp(ctx, x, weakInt(ctx, 0)) }
    }

    /// `jax.nn.soft_sign(x)`: x / (|x| + 1).
    public static func softSign(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "soft_sign", x) { x throws(PyException) in try divide(ctx, x, try add(ctx, try abs(ctx, x), weakInt(ctx, 1))) }
    }

    /// `jax.nn.silu(x)` (and `swish`): x * sigmoid(x).
    public static func silu(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "silu", x) { x throws(PyException) in try multiply(ctx, x, try logistic(ctx, x)) }
    }

    /// `jax.nn.mish(x)`: x * tanh(softplus(x)).
    public static func mish(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "mish", x) { x throws(PyException) in try multiply(ctx, x, try tanh(ctx, try softplus(ctx, x))) }
    }

    /// `jax.nn.log_sigmoid(x)`: -softplus(-x).
    public static func logSigmoid(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "log_sigmoid", x) { x throws(PyException) in try negative(ctx, try softplus(ctx, try negative(ctx, x))) }
    }

    /// `jax.nn.elu(x, alpha=1.0)`: x where x > 0, else alpha * expm1(x). An `alpha` the caller
    /// passes is an argument of the jit (traced), the default a constant inside it, as in JAX.
    public static func elu(_ ctx: JaxContext, _ x: JaxValue, alpha: JaxValue?) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "elu", [x] + (alpha.map { [$0] } ?? []), cacheKey: alpha == nil ? "" : "alpha") { a throws(PyException) in
            let (x, alpha) = (a[0], a.count > 1 ? a[1] : weakFloat(ctx, 1))
            let positive = try greater(ctx, x, weakInt(ctx, 0))
            let negativePart = try expm1(ctx, try `where`(ctx, try greater(ctx, x, weakInt(ctx, 0)), weakFloat(ctx, 0), x))
            return try `where`(ctx, positive, x, try multiply(ctx, alpha, negativePart))
        }
    }

    /// `jax.nn.selu(x)`: scale * elu(x, alpha) with the self-normalising constants.
    public static func selu(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "selu", x) { x throws(PyException) in
            try multiply(ctx, weakFloat(ctx, 1.0507009873554804934193349852946),
                         try elu(ctx, x, alpha: weakFloat(ctx, 1.6732632423543772848170429916717)))
        }
    }

    /// `jax.nn.celu(x, alpha=1.0)`: max(x, 0) + alpha * expm1(min(x, 0) / alpha).
    public static func celu(_ ctx: JaxContext, _ x: JaxValue, alpha: JaxValue?) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "celu", [x] + (alpha.map { [$0] } ?? []), cacheKey: alpha == nil ? "" : "alpha") { a throws(PyException) in
            let (x, alpha) = (a[0], a.count > 1 ? a[1] : weakFloat(ctx, 1))
            let positivePart = try maximum(ctx, x, weakFloat(ctx, 0))
            let scaled = try divide(ctx, try minimum(ctx, x, weakFloat(ctx, 0)), alpha)
            return try add(ctx, positivePart, try multiply(ctx, alpha, try expm1(ctx, scaled)))
        }
    }

    /// `jax.nn.leaky_relu(x, negative_slope=0.01)`: x where x >= 0, else negative_slope * x.
    public static func leakyRelu(_ ctx: JaxContext, _ x: JaxValue, negativeSlope: JaxValue?) throws(PyException) -> JaxValue {
        let args = [x] + (negativeSlope.map { [$0] } ?? [])
        return try jitted(ctx, name: "leaky_relu", args, cacheKey: negativeSlope == nil ? "" : "slope") { a throws(PyException) in
            let (x, slope) = (a[0], a.count > 1 ? a[1] : weakFloat(ctx, 1e-2))
            return try `where`(ctx, try greaterEqual(ctx, x, weakInt(ctx, 0)), x, try multiply(ctx, slope, x))
        }
    }

    /// `jax.nn.hard_tanh(x)`: x clamped to [-1, 1] by two wheres.
    public static func hardTanh(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "hard_tanh", x) { x throws(PyException) in
            let above = try greater(ctx, x, weakInt(ctx, 1))
            let below = try `where`(ctx, try less(ctx, x, weakInt(ctx, -1)), weakInt(ctx, -1), x)
            return try `where`(ctx, above, weakInt(ctx, 1), below)
        }
    }

    /// `jax.nn.hard_sigmoid(x)`: relu6(x + 3) / 6.
    public static func hardSigmoid(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "hard_sigmoid", x) { x throws(PyException) in
            try divide(ctx, try relu6(ctx, try add(ctx, x, weakFloat(ctx, 3))), weakFloat(ctx, 6))
        }
    }

    /// `jax.nn.hard_silu(x)` (and `hard_swish`): x * hard_sigmoid(x).
    public static func hardSilu(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "hard_silu", x) { x throws(PyException) in try multiply(ctx, x, try hardSigmoid(ctx, x)) }
    }

    /// `jax.nn.sparse_plus(x)`: 0 below -1, x above 1, (x + 1)^2 / 4 between.
    public static func sparsePlus(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "sparse_plus", x) { x throws(PyException) in
            let low = try lessEqual(ctx, x, weakFloat(ctx, -1))
            let high = try greaterEqual(ctx, x, weakFloat(ctx, 1))
            let middle = try divide(ctx, try power(ctx, try add(ctx, x, weakFloat(ctx, 1)), weakInt(ctx, 2)), weakInt(ctx, 4))
            return try `where`(ctx, low, weakFloat(ctx, 0), try `where`(ctx, high, x, middle))
        }
    }

    /// `jax.nn.sparse_sigmoid(x)`: 0.5 * clip(x + 1, 0, 2).
    public static func sparseSigmoid(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jittedActivation(ctx, "sparse_sigmoid", x) { x throws(PyException) in
            try multiply(ctx, weakFloat(ctx, 0.5), try clip(ctx, try add(ctx, x, weakFloat(ctx, 1)), weakFloat(ctx, 0), weakFloat(ctx, 2)))
        }
    }

    /// `jax.nn.squareplus(x, b=4)`: (x + sqrt(x^2 + b)) / 2.
    public static func squareplus(_ ctx: JaxContext, _ x: JaxValue, b: JaxValue?) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "squareplus", [x] + (b.map { [$0] } ?? []), cacheKey: b == nil ? "" : "b") { a throws(PyException) in
            let (x, b) = (a[0], a.count > 1 ? a[1] : weakInt(ctx, 4))
            let y = try add(ctx, x, try sqrt(ctx, try add(ctx, try square(ctx, x), b)))
            return try divide(ctx, y, weakInt(ctx, 2))
        }
    }

    /// `jax.nn.gelu(x, approximate=True)`: the tanh approximation, run operation by operation
    /// (JAX does not jit it). The constants are NumPy scalars of x's dtype, so strongly typed.
    public static func gelu(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try refuseComplex(x, "gelu")
        let x = x.dtype.isFloating ? x : try convert(ctx, x, to: ctx.defaultFloat, weak: x.weakType)
        let sqrtTwoOverPi = JaxValue.array(JaxArray.scalar(.float((2 / Double.pi).squareRoot()), dtype: x.dtype, weak: false))
        let cubic = try multiply(ctx, weakFloat(ctx, 0.044715), try power(ctx, x, weakInt(ctx, 3)))
        let inner = try multiply(ctx, sqrtTwoOverPi, try add(ctx, x, cubic))
        let cdf = try multiply(ctx, weakFloat(ctx, 0.5), try add(ctx, weakFloat(ctx, 1), try tanh(ctx, inner)))
        return try multiply(ctx, x, cdf)
    }

    /// `jax.nn.glu(x, axis=-1)`: the first half of x along axis times the sigmoid of the second.
    public static func glu(_ ctx: JaxContext, _ x: JaxValue, axis: Int) throws(PyException) -> JaxValue {
        let a = try AxisRules.normalize(axis, rank: x.rank)
        return try jitted(ctx, name: "glu", [x], cacheKey: "\(a)") { args throws(PyException) in
            let x = args[0]
            guard x.shape[a] % 2 == 0 else { throw PyException("AssertionError", "axis size must be divisible by 2") }
            let halves = try split(ctx, x, name: "split", .sections(2), axis: a)
            return try multiply(ctx, halves[0], try logistic(ctx, halves[1]))
        }
    }

    /// `jax.nn.standardize(x, axis=-1, epsilon=1e-5)` with JAX's default "fast" variance:
    /// mean(x^2) - mean(x)^2, clipped at 0.
    public static func standardize(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]?, epsilon: JaxValue?) throws(PyException) -> JaxValue {
        let a = try normalizeAxes(axes, rank: x.rank)
        let args = [x] + (epsilon.map { [$0] } ?? [])
        return try jitted(ctx, name: "standardize", args, cacheKey: "\(a)|\(epsilon == nil)") { v throws(PyException) in
            let (x, epsilon) = (v[0], v.count > 1 ? v[1] : weakFloat(ctx, 1e-5))
            let average = try mean(ctx, x, axes: a, keepdims: true)
            let spread = try subtract(ctx, try mean(ctx, try square(ctx, x), axes: a, keepdims: true), try square(ctx, average))
            let variance = try clip(ctx, spread, weakInt(ctx, 0), nil)
            return try multiply(ctx, try subtract(ctx, x, average), try rsqrt(ctx, try add(ctx, variance, epsilon)))
        }
    }
}
