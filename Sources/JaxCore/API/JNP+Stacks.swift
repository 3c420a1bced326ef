/// `jnp.column_stack`, `dstack`, the `split` family, `argwhere`, `select`, `tri`, `hypot`,
/// `fmod`, `kron` and `cross`, each staged as JAX stages it.
extension JNP {
    /// `jnp.column_stack`: pieces of fewer than two axes become columns (`atleast_2d(x).T`),
    /// then all are joined along axis 1.
    public static func columnStack(_ ctx: JaxContext, _ xs: [JaxValue]) throws(PyException) -> JaxValue {
        guard !xs.isEmpty else { throw PyException.valueError("Need at least one array to concatenate.") }
        var parts: [JaxValue] = []
        for x in xs {
            parts.append(x.rank < 2 ? try Lax.transpose(ctx, try atleast(ctx, x, rank: 2), [1, 0]) : x)
        }
        return try concatenate(ctx, parts, axis: 1)
    }

    /// `jnp.dstack`: the pieces made at least 3-D, joined along axis 2.
    /// With a `dtype`, each piece is converted to it before the join.
    public static func dstack(_ ctx: JaxContext, _ xs: [JaxValue], dtype: DType? = nil) throws(PyException) -> JaxValue {
        guard !xs.isEmpty else { throw PyException.valueError("Need at least one array to concatenate.") }
        var parts: [JaxValue] = []
        for x in xs {
            let part = try atleast(ctx, x, rank: 3)
            parts.append(try dtype.map { (d: DType) throws(PyException) -> JaxValue in try convert(ctx, part, to: ctx.canonical(d)) } ?? part)
        }
        return try concatenate(ctx, parts, axis: 2)
    }

    /// `jnp.argwhere` from `nonzero`'s index arrays of `atleast_1d(a)`: stacked, transposed, and
    /// reshaped to (count, a.ndim).
    public static func argwhere(_ ctx: JaxContext, columns: [JaxValue], rank: Int) throws(PyException) -> JaxValue {
        let rows = try Lax.transpose(ctx, try stack(ctx, columns, vertical: true), [1, 0])
        guard rank == 0 else { return try Lax.reshape(ctx, rows, [rows.shape[0], rank]) }
        let none = try Lax.slice(ctx, rows, start: [0, 0], limit: [0, rows.shape[1]])
        return try Lax.reshape(ctx, none, [rows.shape[0], 0])
    }

    /// How `jnp.split` and its kin cut an axis: at indices, or into a number of sections.
    public enum SplitPoints: Sendable {
        case indices([Int])
        case sections(Int)
    }

    /// `jnp.split`, `array_split`, `vsplit`, `hsplit` and `dsplit` (JAX's `_split`): one `split`
    /// equation with the sizes between the indices, or of equal sections (for `array_split`,
    /// the first `size % sections` pieces one longer).
    public static func split(_ ctx: JaxContext, _ x: JaxValue, name: String, _ points: SplitPoints, axis: Int) throws(PyException) -> [JaxValue] {
        guard axis >= -x.rank, axis < x.rank else { throw PyException("IndexError", "tuple index out of range") }
        let a = axis < 0 ? axis + x.rank : axis
        let size = x.shape[a]
        var sizes: [Int]
        switch points {
        case .indices(let indices):
            let bounds = [0] + indices + [size]
            sizes = zip(bounds.dropFirst(), bounds).map { $0 - $1 }
        case .sections(let count):
            guard count != 0 else { throw PyException("ZeroDivisionError", "integer division or modulo by zero") }
            // Python's divmod: the quotient rounded down, the rest of the divisor's sign
            var part = size / count, rest = size % count
            if rest != 0, (rest < 0) != (count < 0) { part -= 1; rest += count }
            if rest == 0 {
                sizes = Array(repeating: part, count: Swift.max(count, 0))
            } else if name == "array_split" {
                sizes = Array(repeating: part + 1, count: Swift.max(rest, 0)) + Array(repeating: part, count: Swift.max(count - rest, 0))
            } else {
                throw PyException.valueError("array split does not result in an equal division: rest is \(rest)")
            }
        }
        return try Lax.split(ctx, x, sizes: sizes, axis: a)
    }

    /// `jnp.tri(N, M, k, dtype)`: lax's `_tri`, `iota(0) + k >= iota(1)` converted to dtype.
    public static func tri(_ ctx: JaxContext, rows: Int, columns: Int, k: Int, dtype: DType) throws(PyException) -> JaxValue {
        guard rows >= 0, columns >= 0 else {
            throw PyException.typeError("iota shape must have every element be nonnegative, got (\(rows), \(columns)).")
        }
        guard let offset = Int32(exactly: k) else {
            throw PyException.notImplemented("jnp.tri with an offset outside int32 is not supported")
        }
        let shape = [rows, columns]
        let down = try Lax.iota(ctx, .int32, shape: shape, dimension: 0)
        let shifted = try bind(ctx, .add, [down, Lax.constant(.int(Int64(offset)), .int32)])
        let mask = try bind(ctx, .ge, [shifted, try Lax.iota(ctx, .int32, shape: shape, dimension: 1)])
        return try Lax.convert(ctx, mask, to: ctx.canonical(dtype), weak: false, always: true)
    }

    /// The operands in one floating dtype and one shape (`promote_args_inexact`).
    static func promoteInexact(_ ctx: JaxContext, _ name: String, _ xs: [JaxValue]) throws(PyException) -> [JaxValue] {
        try promoteShapes(ctx, name, try promoteDTypesInexact(ctx, xs))
    }

    /// `jnp.hypot`: JAX's jitted `hypot`, `max * sqrt(1 + (min / max)**2)` with zeros and
    /// infinities handled apart.
    public static func hypot(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "hypot", [x1, x2]) { raw throws(PyException) -> JaxValue in
            let ins = try promoteInexact(ctx, "hypot", raw)
            if ins[0].dtype.isComplex {
                throw PyException.valueError("jnp.hypot is not well defined for complex-valued inputs. Please convert to real values first, such as by using abs(x)")
            }
            let a = try bind(ctx, .abs, [ins[0]]), b = try bind(ctx, .abs, [ins[1]])
            let infinite = try bind(ctx, .or, [try bind(ctx, .eq, [a, Lax.const(a, .infinity)]),
                                               try bind(ctx, .eq, [b, Lax.const(b, .infinity)])])
            let hi = try bind(ctx, .max, [a, b]), lo = try bind(ctx, .min, [a, b])
            let hiZero = try bind(ctx, .eq, [hi, Lax.const(hi, 0)])
            let safe = try `where`(ctx, try bind(ctx, .eq, [hi, Lax.const(hi, 0)]), try fullLike(ctx, hi, 1), hi)
            let ratio = try bind(ctx, .square, [try bind(ctx, .div, [lo, safe])])
            // `1 + ...`: the Python 1 is weak, so a weak ratio stays weak
            let root = try bind(ctx, .sqrt, [try bind(ctx, .add, [.array(JaxArray.scalar(.float(1), dtype: ratio.dtype, weak: true)), ratio])])
            let x = try `where`(ctx, hiZero, hi, try Lax.mul(ctx, hi, root))
            return try `where`(ctx, infinite, Lax.const(x, .infinity), x)
        }
    }

    /// `jnp.fmod`: JAX's jitted `fmod`, lax's `rem` (the remainder takes the dividend's sign);
    /// integer divisors of zero become one first.
    public static func fmod(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "fmod", [x1, x2]) { ins throws(PyException) -> JaxValue in
            var divisor = ins[1]
            let result = Promotion.jax([(ins[0].dtype, ins[0].weakType), (divisor.dtype, divisor.weakType)], enableX64: ctx.enableX64)
            if !result.dtype.isInexact && result.dtype != .bool {
                let zero = try bind(ctx, .eq, [divisor, Lax.const(divisor, 0)])
                divisor = try `where`(ctx, zero, try fullLike(ctx, divisor, 1), divisor)
            }
            // promote_args_numeric: bools become the default integer
            var args = try promote(ctx, [ins[0], divisor])
            if args[0].dtype.isComplex {
                throw PyException.typeError("rem does not accept dtype \(args[0].dtype.name) at position 0. Accepted dtypes at position 0 are subtypes of integer, floating.")
            }
            if args[0].dtype == .bool {
                args = try args.map { (v: JaxValue) throws(PyException) -> JaxValue in try convert(ctx, v, to: ctx.defaultInt, weak: v.weakType) }
            }
            return try bind(ctx, .rem, try promoteShapes(ctx, "fmod", args))
        }
    }

    /// `jnp.kron(a, b)`: JAX's jitted `kron`, the operands' axes interleaved by expand_dims, one
    /// product, one reshape to the products of the sizes.
    public static func kron(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "kron", [a, b]) { ins throws(PyException) -> JaxValue in
            let pair = try promote(ctx, ins)
            var x = pair[0], y = pair[1]
            if x.rank < y.rank { x = try Lax.expandDims(ctx, x, Array(0..<(y.rank - x.rank))) }
            if y.rank < x.rank { y = try Lax.expandDims(ctx, y, Array(0..<(x.rank - y.rank))) }
            let spreadX = try Lax.expandDims(ctx, x, Array(stride(from: 1, to: 2 * x.rank, by: 2)))
            let spreadY = try Lax.expandDims(ctx, y, Array(stride(from: 0, to: 2 * y.rank, by: 2)))
            let shape = zip(x.shape, y.shape).map { $0 * $1 }
            return try Lax.reshape(ctx, try Lax.mul(ctx, spreadX, spreadY), shape)
        }
    }

    /// `jnp.cross(a, b, axisa, axisb, axisc)`: JAX's jitted `cross`, the vectors' components
    /// taken apart (slice and squeeze), multiplied out and stacked again.
    public static func cross(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, axisa: Int, axisb: Int, axisc: Int) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "cross", [a, b], cacheKey: "\(axisa)|\(axisb)|\(axisc)") { ins throws(PyException) -> JaxValue in
            let x = try moveaxis(ctx, ins[0], source: [axisa], destination: [-1])
            let y = try moveaxis(ctx, ins[1], source: [axisb], destination: [-1])
            guard let n = x.shape.last, let m = y.shape.last, [2, 3].contains(n), [2, 3].contains(m) else {
                throw PyException.valueError("Dimension must be either 2 or 3 for cross product")
            }
            // `v[..., i]`: a slice of the last axis, squeezed away
            func component(_ v: JaxValue, _ i: Int) throws(PyException) -> JaxValue {
                var start = Array(repeating: 0, count: v.rank), limit = v.shape
                start[v.rank - 1] = i
                limit[v.rank - 1] = i + 1
                return try Lax.squeeze(ctx, try Lax.slice(ctx, v, start: start, limit: limit), [v.rank - 1])
            }
            if n == 2 && m == 2 {
                // in Python's order: a[..., 0] * b[..., 1], then a[..., 1] * b[..., 0]
                let left = try multiply(ctx, try component(x, 0), try component(y, 1))
                return try subtract(ctx, left, try multiply(ctx, try component(x, 1), try component(y, 0)))
            }
            let a0 = try component(x, 0), a1 = try component(x, 1)
            let a2 = n == 3 ? try component(x, 2) : try fullLike(ctx, a0, 0)
            let b0 = try component(y, 0), b1 = try component(y, 1)
            let b2 = m == 3 ? try component(y, 2) : try fullLike(ctx, b0, 0)
            let parts = [try subtract(ctx, try multiply(ctx, a1, b2), try multiply(ctx, a2, b1)),
                         try subtract(ctx, try multiply(ctx, a2, b0), try multiply(ctx, a0, b2)),
                         try subtract(ctx, try multiply(ctx, a0, b1), try multiply(ctx, a1, b0))]
            // `array([...])` of traced parts: each gains a leading axis, then one concatenate
            var rows: [JaxValue] = []
            for p in parts { rows.append(try Lax.broadcastInDim(ctx, p, shape: [1] + p.shape, dims: Array(stride(from: 1, through: p.rank, by: 1)))) }
            let c = try concatenate(ctx, rows, axis: 0)
            return try moveaxis(ctx, c, source: [0], destination: [axisc])
        }
    }

    /// `jnp.select(condlist, choicelist, default)`: the conditions (behind a False for the
    /// default) stacked, the first true one found by `argmax`, and one `select_n` of the
    /// promoted choices.
    public static func select(_ ctx: JaxContext, _ conditions: [JaxValue], _ choices: [JaxValue], default fallback: JaxValue) throws(PyException) -> JaxValue {
        guard conditions.count == choices.count else {
            throw PyException.valueError("condlist must have length equal to choicelist (\(conditions.count) vs \(choices.count))")
        }
        guard !conditions.isEmpty else { throw PyException.valueError("condlist must be non-empty") }
        let cases = try promote(ctx, [fallback] + choices)
        let never = JaxValue.array(JaxArray.scalar(.bool(false), dtype: .bool))  // Python bools are not weak
        let stacked = try stack(ctx, try broadcastArrays(ctx, [never] + conditions), axis: 0)
        let flags = stacked.dtype == .bool ? stacked : try convert(ctx, stacked, to: .bool)
        let index = try argmax(ctx, flags, axis: 0)
        return try bind(ctx, .selectN, try broadcastArrays(ctx, [index] + cases))
    }

    /// `jnp.broadcast_arrays`: each operand broadcast to the shape of all.
    public static func broadcastArrays(_ ctx: JaxContext, _ xs: [JaxValue]) throws(PyException) -> [JaxValue] {
        let shape = try Kernels.broadcastShapes(xs.map(\.shape))
        var out: [JaxValue] = []
        for x in xs { out.append(try broadcastTo(ctx, x, shape)) }
        return out
    }

    /// `lax.full_like(x, v)`: a broadcast constant of x's shape, dtype and weak type.
    private static func fullLike(_ ctx: JaxContext, _ x: JaxValue, _ v: Double) throws(PyException) -> JaxValue {
        let scalar: Scalar = x.dtype.isInexact ? .float(v) : .int(Int64(v))
        return try Lax.broadcastInDim(ctx, .array(JaxArray.scalar(scalar, dtype: x.dtype, weak: x.weakType)), shape: x.shape, dims: [])
    }
}
