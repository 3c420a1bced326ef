/// `jnp.linalg`'s norms: `norm` staged as JAX's jitted `norm` (vector norms of one axis,
/// matrix norms of two, the 2-, nuclear and -2-norms from the singular values), and the
/// array-API `vector_norm` and `matrix_norm`.
extension JNP {
    /// The `ord=` of a norm: None, `'fro'`, `'nuc'`, a number (with the text Python gives it,
    /// for error messages), or another string, which every norm refuses.
    public enum NormOrder: Sendable, Equatable, CustomStringConvertible {
        case none, fro, nuc
        case number(Double, String)
        case other(String)

        public var description: String {
            switch self {
            case .none: return "None"
            case .fro: return "fro"
            case .nuc: return "nuc"
            case .number(_, let text), .other(let text): return text
            }
        }

        /// Tells apart orders that print alike (the string 'inf' and the number inf).
        var cacheKey: String {
            switch self {
            case .none, .fro, .nuc: return description
            case .number(let v, _): return "number \(v)"
            case .other(let text): return "str \(text)"
            }
        }

        /// Python's `ord == value` for the numeric orders.
        func equals(_ value: Double) -> Bool {
            if case .number(let v, _) = self { return v == value }
            return false
        }
    }

    /// `jnp.linalg.norm(x, ord, axis, keepdims)`.
    public static func norm(_ ctx: JaxContext, _ x: JaxValue, order: NormOrder = .none, axes: [Int]? = nil,
                            keepdims: Bool = false) throws(PyException) -> JaxValue {
        let key = "\(order.cacheKey)|\(axes.map { "\($0)" } ?? "None")|\(keepdims)"
        return try jitted(ctx, name: "norm", [x], cacheKey: key) { args throws(PyException) -> JaxValue in
            var a = args[0]
            try refuseComplex(a, "jnp.linalg.norm")
            if !a.dtype.isFloating { a = try convert(ctx, a, to: ctx.defaultFloat, weak: a.weakType) }
            if axes == nil && order == .none {
                return try sqrt(ctx, try sum(ctx, try bind(ctx, .mul, [a, a]), keepdims: keepdims))
            }
            var canonical: [Int] = []
            for axis in axes ?? Array(0..<a.rank) { canonical.append(try AxisRules.normalize(axis, rank: a.rank)) }
            switch canonical.count {
            case 1:
                return try vectorNorm(ctx, a, order: order == .none ? .number(2, "2") : order, axes: canonical, keepdims: keepdims)
            case 2:
                return try matrixNorm(ctx, a, order: order, row: canonical[0], column: canonical[1], keepdims: keepdims)
            default:
                let shown = "(" + canonical.map(String.init).joined(separator: ", ") + (canonical.count == 1 ? ",)" : ")")
                throw PyException.valueError("Improper number of axes for norm: axis=\(shown). Pass one axis to compute a vector-norm, "
                                             + "or two axes to compute a matrix-norm.")
            }
        }
    }

    /// `jnp.linalg.vector_norm(x, axis, keepdims, ord)`: not jitted and without promotion to
    /// a float, as in JAX (an integer array's inf-norm stays integer).
    public static func vectorNorm(_ ctx: JaxContext, _ x: JaxValue, order: NormOrder, axes: [Int]?,
                                  keepdims: Bool) throws(PyException) -> JaxValue {
        try refuseComplex(x, "jnp.linalg.vector_norm")
        switch order {
        case _ where order == .none || order.equals(2):
            return try sqrt(ctx, try sum(ctx, try bind(ctx, .mul, [x, x]), axes: axes, keepdims: keepdims))
        case _ where order.equals(.infinity):
            return try maxFromZero(ctx, try abs(ctx, x), axes: axes, keepdims: keepdims)
        case _ where order.equals(-.infinity):
            return try min(ctx, try abs(ctx, x), axes: axes, keepdims: keepdims)
        case _ where order.equals(0):
            guard x.dtype.isFloating else {
                throw PyException.valueError("data type <class 'numpy.\(x.dtype.name)'> not inexact")
            }
            let nonzero = try bind(ctx, .ne, [x, constant(.float(0), x.dtype)])
            // sum(x != 0, dtype=...): the booleans are counted as integers first
            let counts = try convert(ctx, try convert(ctx, nonzero, to: ctx.defaultInt), to: x.dtype)
            return try sum(ctx, counts, axes: axes, keepdims: keepdims)
        case _ where order.equals(1):
            return try sum(ctx, try abs(ctx, x), axes: axes, keepdims: keepdims)
        case .number(let p, _):
            guard x.dtype.isFloating else {
                throw PyException.notImplemented("jnp.linalg.vector_norm of an integer array with ord=\(order) is not supported")
            }
            let magnitude = try abs(ctx, x)
            // lax._const(abs_x, 1. / ord_arr): the reciprocal is taken in the array's dtype
            let inverse = magnitude.dtype == .float32 ? Double(1 / Float(p)) : 1 / p
            let total = try sum(ctx, try power(ctx, magnitude, constant(.float(p), magnitude.dtype)), axes: axes, keepdims: keepdims)
            return try power(ctx, total, constant(.float(inverse), total.dtype))
        case .none, .fro, .nuc, .other:
            var message = "Invalid order '\(order)' for vector norm."
            if order == .other("inf") { message += "Use 'jax.numpy.inf' instead." }
            if order == .other("-inf") { message += "Use '-jax.numpy.inf' instead." }
            throw PyException.valueError(message)
        }
    }

    /// `jnp.linalg.matrix_norm(x, keepdims, ord)`: `norm` over the last two axes.
    public static func matrixNorm(_ ctx: JaxContext, _ x: JaxValue, order: NormOrder, keepdims: Bool) throws(PyException) -> JaxValue {
        try norm(ctx, x, order: order, axes: [-2, -1], keepdims: keepdims)
    }

    /// The two-axis branch of `norm`: Frobenius, the largest or smallest absolute column (1) or
    /// row (inf) sum, or a function of the singular values.
    private static func matrixNorm(_ ctx: JaxContext, _ x: JaxValue, order: NormOrder, row: Int, column: Int,
                                   keepdims: Bool) throws(PyException) -> JaxValue {
        // the axis left to reduce once the first reduction has removed one
        func after(_ axis: Int, _ removed: Int) -> Int { !keepdims && axis > removed ? axis - 1 : axis }
        switch order {
        case .none, .fro, .other("f"):
            return try sqrt(ctx, try sum(ctx, try bind(ctx, .mul, [x, x]), axes: [row, column], keepdims: keepdims))
        case _ where order.equals(1):
            let sums = try sum(ctx, try abs(ctx, x), axes: [row], keepdims: keepdims)
            return try maxFromZero(ctx, sums, axes: [after(column, row)], keepdims: keepdims)
        case _ where order.equals(-1):
            return try min(ctx, try sum(ctx, try abs(ctx, x), axes: [row], keepdims: keepdims), axes: [after(column, row)], keepdims: keepdims)
        case _ where order.equals(.infinity):
            let sums = try sum(ctx, try abs(ctx, x), axes: [column], keepdims: keepdims)
            return try maxFromZero(ctx, sums, axes: [after(row, column)], keepdims: keepdims)
        case _ where order.equals(-.infinity):
            return try min(ctx, try sum(ctx, try abs(ctx, x), axes: [column], keepdims: keepdims), axes: [after(row, column)], keepdims: keepdims)
        case _ where order == .nuc || order.equals(2) || order.equals(-2):
            // jnp.moveaxis(x, axis, (-2, -1)), whose permutation lax.transpose checks
            var perm = (0..<x.rank).filter { $0 != row && $0 != column }
            for (d, s) in [(x.rank - 2, row), (x.rank - 1, column)].sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
                perm.insert(s, at: Swift.min(d, perm.count))
            }
            guard Set(perm).count == x.rank else {
                throw PyException.typeError("transpose permutation isn't a permutation of operand dimensions, got permutation "
                                            + "(\(perm.map(String.init).joined(separator: ", "))) for operand shape \(Shape.describe(x.shape)).")
            }
            let moved = try Lax.transpose(ctx, x, perm)
            let s = try svd(ctx, moved, fullMatrices: true, computeUV: false)[0]
            let last = s.rank - 1
            var y: JaxValue
            if order == .nuc {
                y = try sum(ctx, s, axes: [last])
            } else if order.equals(2) {
                y = try maxFromZero(ctx, s, axes: [last], keepdims: false)
            } else {
                y = try min(ctx, s, axes: [last])
            }
            if keepdims { y = try expandDims(ctx, y, [row, column]) }
            return y
        default:
            throw PyException.valueError("Invalid order '\(order)' for matrix norm.")
        }
    }

    /// `jnp.max(x, axis, keepdims, initial=0)`: the reduction, then a max with the initial value.
    private static func maxFromZero(_ ctx: JaxContext, _ x: JaxValue, axes: [Int]?, keepdims: Bool) throws(PyException) -> JaxValue {
        let reduced = try max(ctx, x, axes: axes, keepdims: keepdims)
        return try bind(ctx, .max, [constant(x.dtype.isFloating ? .float(0) : .int(0), x.dtype), reduced])
    }
}
