/// The normal distribution's functions (`jax.scipy.special.ndtr`, `jax.scipy.stats.norm`) and
/// the exact `gelu`, composed of lax operations in the order `jax/_src/scipy` writes them, run
/// one operation at a time as JAX runs them (none is jitted).
extension JNP {
    /// A NumPy scalar of x's float dtype (strongly typed), as `dtype(v)` in JAX's code: the
    /// value rounded to that dtype first.
    private static func typedScalar(_ x: JaxValue, _ v: Double) -> JaxValue {
        let rounded = x.dtype == .float32 ? Double(Float(v)) : v
        return .array(JaxArray.scalar(.float(rounded), dtype: x.dtype, weak: false))
    }

    /// `jax.scipy.special.ndtr(x)`: the standard normal CDF, through erf near zero and erfc in
    /// the tails; float32 and float64 only.
    public static func ndtr(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        guard x.dtype == .float32 || x.dtype == .float64 else {
            throw PyException.typeError("x.dtype=\(x.dtype) is not supported, see docstring for supported types.")
        }
        // dtype(0.5) * np.sqrt(2., dtype=dtype), rounded in the dtype at each step
        let halfSqrt2 = x.dtype == .float32 ? Double(Float(0.5) * Float(2).squareRoot()) : 0.5 * Double(2).squareRoot()
        let constant = JaxValue.array(JaxArray.scalar(.float(halfSqrt2), dtype: x.dtype, weak: false))
        let w = try multiply(ctx, x, constant)
        let z = try Lax.unary(ctx, .abs, w)
        let near = try Lax.compare(ctx, .lt, z, constant)
        let center = try add(ctx, typedScalar(x, 1), try Lax.unary(ctx, .erf, w))
        let positive = try Lax.compare(ctx, .gt, w, typedScalar(x, 0))
        let upper = try subtract(ctx, typedScalar(x, 2), try Lax.unary(ctx, .erfc, z))
        let tails = try Lax.select(ctx, positive, try Lax.unary(ctx, .erfc, z), upper)
        return try multiply(ctx, typedScalar(x, 0.5), try Lax.select(ctx, near, tails, center))
    }

    /// x, loc and scale in one inexact dtype (`promote_args_inexact`).
    private static func locScale(_ ctx: JaxContext, _ name: String, _ x: JaxValue, _ loc: JaxValue?, _ scale: JaxValue?) throws(PyException) -> (JaxValue, JaxValue, JaxValue) {
        let args = try promoteInexact(ctx, name, [x, loc ?? weakInt(ctx, 0), scale ?? weakInt(ctx, 1)])
        return (args[0], args[1], args[2])
    }

    /// `jax.scipy.stats.norm.logpdf(x, loc=0, scale=1)`.
    public static func normLogpdf(_ ctx: JaxContext, _ x: JaxValue, loc: JaxValue?, scale: JaxValue?) throws(PyException) -> JaxValue {
        let (x, loc, scale) = try locScale(ctx, "norm.logpdf", x, loc, scale)
        let scaleSquared = try Lax.unary(ctx, .square, scale)
        let logNormalizer = try Lax.unary(ctx, .log, try Lax.mul(ctx, Lax.const(x, 2 * Double.pi), scaleSquared))
        let quadratic = try Lax.div(ctx, try Lax.unary(ctx, .square, try Lax.sub(ctx, x, loc)), scaleSquared)
        return try Lax.div(ctx, try Lax.add(ctx, logNormalizer, quadratic), Lax.const(x, -2))
    }

    /// `jax.scipy.stats.norm.pdf(x, loc=0, scale=1)`: exp of logpdf.
    public static func normPdf(_ ctx: JaxContext, _ x: JaxValue, loc: JaxValue?, scale: JaxValue?) throws(PyException) -> JaxValue {
        try Lax.unary(ctx, .exp, try normLogpdf(ctx, x, loc: loc, scale: scale))
    }

    /// `jax.scipy.stats.norm.cdf(x, loc=0, scale=1)`: ndtr of the standardised x.
    public static func normCdf(_ ctx: JaxContext, _ x: JaxValue, loc: JaxValue?, scale: JaxValue?) throws(PyException) -> JaxValue {
        let (x, loc, scale) = try locScale(ctx, "norm.cdf", x, loc, scale)
        return try ndtr(ctx, try Lax.div(ctx, try Lax.sub(ctx, x, loc), scale))
    }

    /// `jax.scipy.stats.norm.sf(x, loc=0, scale=1)`: the cdf of the reflected x.
    public static func normSf(_ ctx: JaxContext, _ x: JaxValue, loc: JaxValue?, scale: JaxValue?) throws(PyException) -> JaxValue {
        let (x, loc, scale) = try locScale(ctx, "norm.sf", x, loc, scale)
        return try normCdf(ctx, try negative(ctx, x), loc: try negative(ctx, loc), scale: scale)
    }

    /// `jax.nn.gelu(x, approximate=False)`: 0.5 x erfc(-x / sqrt(2)), copied into x's dtype.
    public static func geluExact(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try refuseComplex(x, "gelu")
        let x = x.dtype.isFloating ? x : try convert(ctx, x, to: ctx.defaultFloat, weak: x.weakType)
        let scaled = try multiply(ctx, weakFloat(ctx, 0.5), x)
        let tail = try Lax.unary(ctx, .erfc, try multiply(ctx, try negative(ctx, x), typedScalar(x, 0.5.squareRoot())))
        return try arrayCopy(ctx, try convert(ctx, try multiply(ctx, scaled, tail), to: x.dtype, weak: false))
    }
}
