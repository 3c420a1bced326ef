/// jax.numpy's floating-point predicates and comparisons with tolerance (`isnan`, `isinf`,
/// `isfinite`, `isclose`, `allclose`), the real-number parts (`real`, `imag`, `conj`) and
/// `vdot`, composed from lax as JAX composes them so their jaxprs match.
extension JNP {
    /// `x != x`: true only for NaN (never for integers).
    public static func isnan(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try bind(ctx, .ne, [x, x])
    }

    /// `|x| == inf` for floats, all false otherwise (a jitted function, as in JAX).
    public static func isinf(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try refuseComplex(x, "jnp.isinf")
        return try jitted(ctx, name: "isinf", [x]) { args throws(PyException) -> JaxValue in
            let a = args[0]
            guard a.dtype.isFloating else { return try Lax.full(ctx, a.shape, .bool(false), dtype: .bool) }
            return try bind(ctx, .eq, [try bind(ctx, .abs, [a]), .array(JaxArray.scalar(.float(.infinity), dtype: a.dtype))])
        }
    }

    /// `lax.is_finite` for floats, all true otherwise.
    public static func isfinite(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try refuseComplex(x, "jnp.isfinite")
        guard x.dtype.isFloating else { return try Lax.full(ctx, x.shape, .bool(true), dtype: .bool) }
        return try bind(ctx, .isFinite, [x])
    }

    /// The real part: `lax.real` of a complex array, a real array itself.
    public static func real(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        x.dtype.isComplex ? try bind(ctx, .real, [x]) : x
    }

    /// The imaginary part: `lax.imag` of a complex array, zeros like a real one.
    public static func imag(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        x.dtype.isComplex ? try bind(ctx, .imag, [x]) : try Lax.full(ctx, x, 0)
    }

    /// `jnp.isreal`: JAX's jitted comparison of the imaginary part with 0.
    public static func isreal(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "isreal", [x], cacheKey: "") { args throws(PyException) -> JaxValue in
            let i = try imag(ctx, args[0])
            return try bind(ctx, .eq, [i, Lax.const(i, 0)])
        }
    }

    /// The complex conjugate: `lax.conj` of a complex array, a real array itself.
    public static func conj(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        x.dtype.isComplex ? try Lax.conj(ctx, x) : x
    }

    /// `jnp.angle(z, deg)`: `atan2(imag, real)` (jitted, as JAX's is), in the default float
    /// type for integer inputs and real 0-d ones; `deg` converts to degrees.
    public static func angle(_ ctx: JaxContext, _ z: JaxValue, deg: Bool) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "angle", [z], cacheKey: "deg=\(deg)") { args throws(PyException) -> JaxValue in
            let z = args[0]
            var re = try real(ctx, z), im = try imag(ctx, z)
            if !re.dtype.isInexact || (z.dtype.isFloating && z.rank == 0) {
                re = try Lax.convert(ctx, re, to: ctx.defaultFloat, weak: false, always: true)
                im = try Lax.convert(ctx, im, to: ctx.defaultFloat, weak: false, always: true)
            }
            let radians = try bind(ctx, .atan2, [im, re])
            return deg ? try Lax.mul(ctx, radians, Lax.const(radians, 180 / Double.pi)) : radians
        }
    }

    /// The NotImplementedError of a jnp function that does not take complex arrays yet (rather
    /// than real-number code running on them).
    static func refuseComplex(_ x: JaxValue, _ name: String) throws(PyException) {
        if x.dtype.isComplex { throw ComplexKernels.unsupported(name) }
    }

    /// `jnp.iscomplex`: where the imaginary part is nonzero.
    public static func iscomplex(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try bind(ctx, .ne, [try imag(ctx, x), Lax.const(try imag(ctx, x), 0)])
    }

    /// `jnp.isclose(a, b, rtol, atol, equal_nan)`: `|a - b| <= atol + rtol * |b|` for finite
    /// `b`, exact equality otherwise. JAX passes the tolerances into the jitted function as
    /// arguments when `allclose` calls it (`tolerancesAsArguments`), as constants otherwise.
    public static func isclose(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, rtol: Double = 1e-5, atol: Double = 1e-8,
                               equalNan: Bool = false, tolerancesAsArguments: Bool = false) throws(PyException) -> JaxValue {
        let tolerances: [JaxValue] = [rtol, atol].map { .array(JaxArray.scalar(.float($0), dtype: ctx.defaultFloat, weak: true)) }
        return try jitted(ctx, name: "isclose", [a, b] + (tolerancesAsArguments ? tolerances : [])) { args throws(PyException) -> JaxValue in
            var ops = try promoteShapes(ctx, "isclose", try promote(ctx, [args[0], args[1]]))
            if !ops[0].dtype.isFloating {
                ops = try ops.map { (v: JaxValue) throws(PyException) -> JaxValue in try convert(ctx, v, to: ctx.defaultFloat, weak: v.weakType) }
            }
            let (x, y) = (ops[0], ops[1])
            let dtype = x.dtype
            let givenTolerances = tolerancesAsArguments ? Array(args.dropFirst(2)) : tolerances
            var tol: [JaxValue] = []
            for t in givenTolerances { tol.append(try Lax.convert(ctx, t, to: dtype, weak: false)) }
            let bothNan = try bind(ctx, .and, [try bind(ctx, .ne, [x, x]), try bind(ctx, .ne, [y, y])])
            let finite = try bind(ctx, .isFinite, [y])
            let difference = try bind(ctx, .abs, [try bind(ctx, .sub, [x, y])])
            let bound = try bind(ctx, .add, [tol[1], try bind(ctx, .mul, [tol[0], try bind(ctx, .abs, [y])])])
            let inRange = try bind(ctx, .le, [difference, bound])
            let out = try bind(ctx, .or, [try bind(ctx, .eq, [x, y]), try bind(ctx, .and, [finite, inRange])])
            return equalNan ? try bind(ctx, .or, [out, bothNan]) : out
        }
    }

    /// `jnp.allclose`: whether every element is close (a 0-d bool array).
    public static func allclose(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, rtol: Double = 1e-5, atol: Double = 1e-8,
                                equalNan: Bool = false) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "allclose", [a, b]) { args throws(PyException) -> JaxValue in
            let close = try isclose(ctx, args[0], args[1], rtol: rtol, atol: atol, equalNan: equalNan, tolerancesAsArguments: true)
            return try all(ctx, close)
        }
    }

    /// `jnp.vdot`: the dot product of the flattened operands.
    public static func vdot(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        // the first operand is conjugated when complex, before it is flattened
        let a = a.dtype.isComplex ? try Lax.conj(ctx, a) : a
        let x = a.rank == 1 ? a : try ravel(ctx, a), y = b.rank == 1 ? b : try ravel(ctx, b)
        guard x.shape == y.shape else {
            throw PyException.typeError("dot_general requires contracting dimensions to have the same shape, got \(Shape.describe(x.shape)) and \(Shape.describe(y.shape)).")
        }
        let ops = try promote(ctx, [x, y])
        return try dotGeneral(ctx, ops[0], ops[1], contracting: ([0], [0]), batch: ([], []), conjugatedLeft: a.dtype.isComplex)
    }
}
