/// Array creation and products: zeros, ones, full, arange, linspace, eye, matmul, dot.
extension JNP {
    /// `jnp.full(shape, value, dtype)`: a broadcast of a 0-d constant, as lax.full does.
    public static func full(_ ctx: JaxContext, _ shape: [Int], _ value: Scalar, dtype: DType) throws(PyException) -> JaxValue {
        try Lax.full(ctx, shape, value, dtype: dtype)
    }

    public static func zeros(_ ctx: JaxContext, _ shape: [Int], dtype: DType? = nil) throws(PyException) -> JaxValue {
        try Lax.zeros(ctx, shape, dtype: dtype ?? ctx.defaultFloat)
    }

    public static func ones(_ ctx: JaxContext, _ shape: [Int], dtype: DType? = nil) throws(PyException) -> JaxValue {
        let d = dtype ?? ctx.defaultFloat
        return try full(ctx, shape, d == .bool ? .bool(true) : (d.isFloating ? .float(1) : .int(1)), dtype: d)
    }

    /// `jnp.zeros_like`: lax.full_like, so a weak x gives a weak result unless a dtype is asked for.
    public static func zerosLike(_ ctx: JaxContext, _ x: JaxValue, dtype: DType? = nil, shape: [Int]? = nil) throws(PyException) -> JaxValue {
        let d = dtype ?? x.dtype
        return try Lax.full(ctx, shape ?? x.shape, d == .bool ? .bool(false) : (d.isFloating ? .float(0) : .int(0)), dtype: d,
                            weak: dtype == nil && keepsWeakType(x))
    }

    /// `jnp.ones_like`: weak as `zeros_like` is.
    public static func onesLike(_ ctx: JaxContext, _ x: JaxValue, dtype: DType? = nil, shape: [Int]? = nil) throws(PyException) -> JaxValue {
        let d = dtype ?? x.dtype
        return try Lax.full(ctx, shape ?? x.shape, d == .bool ? .bool(true) : (d.isFloating ? .float(1) : .int(1)), dtype: d,
                            weak: dtype == nil && keepsWeakType(x))
    }

    /// Whether an array made from x's type is weak, as JAX's `is_weakly_typed`: a Python bool
    /// never is (JAX's weak types are int, float and complex).
    public static func keepsWeakType(_ x: JaxValue) -> Bool {
        x.weakType && x.dtype != .bool
    }

    /// `jnp.arange`: integer ranges from 0 with step 1 are iota; others are computed constants.
    public static func arange(_ ctx: JaxContext, start: Scalar, stop: Scalar?, step: Scalar = .int(1), dtype: DType? = nil) throws(PyException) -> JaxValue {
        let (lo, hi): (Scalar, Scalar) = stop.map { (start, $0) } ?? (.int(0), start)
        let isFloat: Bool = {
            for s in [lo, hi, step] { if case .float = s { return true } }
            return false
        }()
        let d = ctx.canonical(dtype ?? (isFloat ? ctx.defaultFloat : ctx.defaultInt))
        // jnp.arange(n) with one argument is lax.iota of ceil(n) elements, in any dtype.
        if stop == nil, case .int(1) = step {
            let count: Int
            switch start {
            case .int(let n): count = Int(n)
            case .float(let v):
                guard v.isFinite, Swift.abs(v) < 1e15 else {
                    throw PyException.valueError("arange's stop must be a finite number of reasonable size, got \(PythonFloat.repr(v))")
                }
                count = Int(v.rounded(.up))
            case .bool(let b): count = b ? 1 : 0
            case .complex: throw PyException.typeError("arange does not accept complex arguments")
            }
            let n = Int64(Swift.max(0, count))
            var params = Params()
            params.set(.dimension, 0)
            params.set(.dtype, d)
            params.set(.shape, [Int(n)])
            params.set(.sharding, .none)
            return try Tracing.bind1(ctx, .iota, [], params)
        }
        return .array(try Kernels.arange(start: lo, stop: hi, step: step, dtype: d, limits: ctx.limits))
    }

    public static func linspace(_ ctx: JaxContext, _ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true, dtype: DType? = nil) throws(PyException) -> JaxValue {
        guard num >= 0 else { throw PyException.valueError("Number of samples, \(num), must be non-negative.") }
        if let dtype, dtype.isComplex { throw ComplexKernels.unsupported("jnp.linspace") }
        return .array(try Kernels.linspace(start: start, stop: stop, num: num, endpoint: endpoint,
                                           dtype: ctx.canonical(dtype ?? ctx.defaultFloat), limits: ctx.limits))
    }

    /// `jnp.logspace(start, stop, num, endpoint, base, dtype)`: `base ** linspace(start, stop)`
    /// computed in the float dtype and converted to `dtype`.
    public static func logspace(_ ctx: JaxContext, _ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true,
                                base: JaxValue, dtype: DType? = nil) throws(PyException) -> JaxValue {
        let target = ctx.canonical(dtype ?? ctx.defaultFloat)
        if target.isComplex { throw ComplexKernels.unsupported("jnp.logspace") }
        let computation = target.isFloating ? target : ctx.defaultFloat
        let exponents = try linspace(ctx, start, stop, num: num, endpoint: endpoint, dtype: computation)
        return try convert(ctx, try power(ctx, base, exponents), to: target)
    }

    public static func eye(_ ctx: JaxContext, _ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType? = nil) throws(PyException) -> JaxValue {
        .array(try Kernels.eye(n: n, m: m ?? n, k: k, dtype: ctx.canonical(dtype ?? ctx.defaultFloat), limits: ctx.limits))
    }

    /// `a @ b` / `jnp.matmul`: dot_general contracting the last axis of a with the first
    /// (or second-to-last) of b; leading axes of equal size are batch axes.
    public static func matmul(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        guard a.rank > 0 && b.rank > 0 else {
            throw PyException.valueError("matmul: Input operand \(a.rank == 0 ? 0 : 1) does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
        }
        let ops = try promote(ctx, [a, b])
        let (x, y) = (ops[0], ops[1])
        let lc = x.rank - 1
        let rc = y.rank == 1 ? 0 : y.rank - 2
        guard x.shape[lc] == y.shape[rc] else {
            throw PyException.typeError("dot_general requires contracting dimensions to have the same shape, got (\(x.shape[lc]),) and (\(y.shape[rc]),).")
        }
        var batch: [Int] = []
        if x.rank > 2 && y.rank <= 2 {
            // (..., M, K) @ (K, N): the leading axes are free axes of the left operand.
            return try dotGeneral(ctx, x, y, contracting: ([lc], [0]), batch: ([], []))
        }
        if x.rank > 2 || y.rank > 2 {
            guard x.rank == y.rank, x.shape.dropLast(2) == y.shape.dropLast(2) else {
                throw PyException.notImplemented("matmul with broadcast batch dimensions")
            }
            batch = Array(0..<(x.rank - 2))
        }
        return try dotGeneral(ctx, x, y, contracting: ([lc], [rc]), batch: (batch, batch))
    }

    /// `jnp.dot`: matmul for 1-D and 2-D operands; a scalar operand multiplies.
    public static func dot(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        if a.rank == 0 || b.rank == 0 { return try multiply(ctx, a, b) }
        return try matmul(ctx, a, b)
    }

    static func dotGeneral(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue, contracting: ([Int], [Int]), batch: ([Int], [Int]),
                           conjugatedLeft: Bool = false) throws(PyException) -> JaxValue {
        var params = Params()
        if conjugatedLeft { params.set(.conjugatedLeft, true, shown: false) }
        params.set(.dotDimensionNumbers, DotDimensions(contracting: contracting, batch: batch))
        params.set(.precision, .none, shown: false)
        params.set(.preferredElementType, x.dtype)
        params.set(.outSharding, .none, shown: false)
        return try bind(ctx, .dotGeneral, [x, y], params)
    }
}
