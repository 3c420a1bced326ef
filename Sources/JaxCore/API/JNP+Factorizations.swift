/// `jnp.linalg`'s factorisations: `cholesky`, `qr`, `eigh`, `svd` staged as JAX's jitted
/// wrappers around lax's primitives, and `det`, `slogdet`, `solve`, `inv` built on `lu` and
/// `triangular_solve` as JAX computes them.
extension JNP {
    /// `promote_dtypes_inexact` for one operand: integers and bools become the default float.
    static func inexact(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        if x.dtype.name.hasPrefix("complex") {
            throw PyException.notImplemented("jnp.linalg does not support complex input yet (got \(x.dtype.name))")
        }
        return x.dtype.isFloating ? x : try convert(ctx, x, to: ctx.defaultFloat, weak: x.weakType)
    }

    /// lax.linalg's `symmetrize`: `(x + x.mT) / 2`.
    static func symmetrize(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        let sum = try bind(ctx, .add, [x, try Lax.matrixTranspose(ctx, x)])
        return try bind(ctx, .div, [sum, Lax.const(x, 2)])
    }

    /// `jnp.linalg.cholesky(a, upper, symmetrize_input)`.
    public static func cholesky(_ ctx: JaxContext, _ a: JaxValue, upper: Bool, symmetrizeInput: Bool) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "cholesky", [a], cacheKey: "\(upper)|\(symmetrizeInput)") { args throws(PyException) -> JaxValue in
            var x = try inexact(ctx, args[0])
            if symmetrizeInput { x = try symmetrize(ctx, x) }
            let factor = try Lax.triangle(ctx, try bind(ctx, .cholesky, [x]), lower: true)
            return upper ? try Lax.matrixTranspose(ctx, factor) : factor
        }
    }

    /// `jnp.linalg.eigh(a, UPLO, symmetrize_input)`: the eigenvalues, then the eigenvectors.
    public static func eigh(_ ctx: JaxContext, _ a: JaxValue, lower: Bool, symmetrizeInput: Bool) throws(PyException) -> [JaxValue] {
        try jittedMany(ctx, name: "eigh", [a], cacheKey: "\(lower)|\(symmetrizeInput)") { args throws(PyException) -> [JaxValue] in
            var x = try inexact(ctx, args[0])
            if symmetrizeInput { x = try symmetrize(ctx, x) }
            var params = Params()
            params.set(.algorithm, ParamValue.none)
            params.set(.lower, lower)
            params.set(.sortEigenvalues, true)
            params.set(.subsetByIndex, ParamValue.none)
            let outs = try Tracing.bind(ctx, .eigh, [x], params)
            return [outs[1], outs[0]]
        }
    }

    /// `jnp.linalg.svd(a, full_matrices, compute_uv)`: (U, S, Vh), or S alone.
    public static func svd(_ ctx: JaxContext, _ a: JaxValue, fullMatrices: Bool, computeUV: Bool) throws(PyException) -> [JaxValue] {
        try jittedMany(ctx, name: "svd", [a], cacheKey: "\(fullMatrices)|\(computeUV)") { args throws(PyException) -> [JaxValue] in
            let x = try inexact(ctx, args[0])
            var params = Params()
            params.set(.algorithm, ParamValue.none)
            params.set(.computeUV, computeUV)
            params.set(.fullMatrices, fullMatrices)
            params.set(.subsetByIndex, ParamValue.none)
            let outs = try Tracing.bind(ctx, .svd, [x], params)
            return computeUV ? [outs[1], outs[0], outs[2]] : outs
        }
    }

    /// `jnp.linalg.qr(a, mode)` for 'reduced', 'complete' and 'r'.
    public static func qr(_ ctx: JaxContext, _ a: JaxValue, mode: String) throws(PyException) -> [JaxValue] {
        let full: Bool
        switch mode {
        case "reduced", "r", "full": full = false
        case "complete": full = true
        case "raw": throw PyException.notImplemented("jnp.linalg.qr with mode='raw' is not supported")
        default: throw PyException.valueError("Unsupported QR decomposition mode '\(mode)'")
        }
        return try jittedMany(ctx, name: "qr", [a], cacheKey: mode) { args throws(PyException) -> [JaxValue] in
            let x = try inexact(ctx, args[0])
            var params = Params()
            params.set(.fullMatrices, full)
            params.set(.pivoting, false)
            params.set(.useMagma, ParamValue.none)
            let outs = try Tracing.bind(ctx, .qr, [x], params)
            return mode == "r" ? [outs[1]] : outs
        }
    }

    /// JAX's ValueError `Argument to NAME must have shape [..., n, n], got SHAPE`.
    static func requireSquare(_ a: JaxValue, _ name: String) throws(PyException) {
        guard a.rank >= 2, a.shape[a.rank - 1] == a.shape[a.rank - 2] else {
            throw PyException.valueError("Argument to \(name) must have shape [..., n, n], got \(Shape.describe(a.shape))")
        }
    }

    /// `jnp.linalg.det(a)`: JAX's closed forms for 2x2 and 3x3 matrices, else sign * exp(logdet).
    public static func det(_ ctx: JaxContext, _ a: JaxValue) throws(PyException) -> JaxValue {
        try requireSquare(a, "_det()")
        return try jitted(ctx, name: "det", [a], cacheKey: "") { args throws(PyException) -> JaxValue in
            let x = try inexact(ctx, args[0])
            let n = x.shape[x.rank - 1]
            func e(_ i: Int, _ j: Int) throws(PyException) -> JaxValue { try Lax.entry(ctx, x, i, j) }
            func mul(_ terms: [(Int, Int)]) throws(PyException) -> JaxValue {
                var product = try e(terms[0].0, terms[0].1)
                for t in terms.dropFirst() { product = try bind(ctx, .mul, [product, try e(t.0, t.1)]) }
                return product
            }
            switch n {
            case 2:
                return try bind(ctx, .sub, [try mul([(0, 0), (1, 1)]), try mul([(0, 1), (1, 0)])])
            case 3:
                var total = try bind(ctx, .add, [try mul([(0, 0), (1, 1), (2, 2)]), try mul([(0, 1), (1, 2), (2, 0)])])
                total = try bind(ctx, .add, [total, try mul([(0, 2), (1, 0), (2, 1)])])
                total = try bind(ctx, .sub, [total, try mul([(0, 2), (1, 1), (2, 0)])])
                total = try bind(ctx, .sub, [total, try mul([(0, 0), (1, 2), (2, 1)])])
                return try bind(ctx, .sub, [total, try mul([(0, 1), (1, 0), (2, 2)])])
            default:
                let parts = try slogdetParts(ctx, x)
                return try bind(ctx, .mul, [parts[0], try exp(ctx, parts[1])])
            }
        }
    }

    /// `jnp.linalg.slogdet(a)`: (sign, log|det|) by JAX's closed forms for 1x1 and 2x2
    /// matrices, else from the LU factors.
    public static func slogdet(_ ctx: JaxContext, _ a: JaxValue) throws(PyException) -> [JaxValue] {
        let x0 = try inexact(ctx, a)
        try requireSquare(x0, "slogdet()")
        return try jittedMany(ctx, name: "slogdet", [a], cacheKey: "") { args throws(PyException) -> [JaxValue] in
            try slogdetParts(ctx, try inexact(ctx, args[0]))
        }
    }

    private static func slogdetParts(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> [JaxValue] {
        let n = x.shape[x.rank - 1]
        if n == 1 || n == 2 {
            let det = n == 1 ? try Lax.entry(ctx, x, 0, 0)
                : try bind(ctx, .sub, [try bind(ctx, .mul, [try Lax.entry(ctx, x, 0, 0), try Lax.entry(ctx, x, 1, 1)]),
                                       try bind(ctx, .mul, [try Lax.entry(ctx, x, 0, 1), try Lax.entry(ctx, x, 1, 0)])])
            return [try bind(ctx, .sign, [det]), try bind(ctx, .log, [try bind(ctx, .abs, [det])])]
        }
        let factors = try Tracing.bind(ctx, .lu, [x])
        let lu = factors[0], pivots = factors[1]
        let r = x.rank
        let diag = try Lax.matrixDiagonal(ctx, lu)
        let zero = constant(.float(0), x.dtype)
        let isZero = try any(ctx, try bind(ctx, .eq, [diag, zero]), axes: [r - 2])
        let iota = try Lax.broadcastInDim(ctx, try Lax.iota(ctx, .int32, shape: [n], dimension: 0), shape: pivots.shape, dims: [r - 2])
        let swaps = try sum(ctx, try convert(ctx, try bind(ctx, .ne, [pivots, iota]), to: .int32), axes: [r - 2])
        let negatives = try sum(ctx, try convert(ctx, try bind(ctx, .lt, [diag, zero]), to: .int32), axes: [r - 2])
        let parity = try bind(ctx, .add, [swaps, negatives])
        // -2 * (parity % 2) + 1, parity being non-negative
        let odd = try bind(ctx, .rem, [parity, constant(.int(2), .int32)])
        let flip = try bind(ctx, .add, [try bind(ctx, .mul, [constant(.int(-2), .int32), odd]), constant(.int(1), .int32)])
        let sign = try `where`(ctx, isZero, zero, try convert(ctx, flip, to: x.dtype))
        let logs = try sum(ctx, try bind(ctx, .log, [try bind(ctx, .abs, [diag])]), axes: [r - 2])
        let logdet = try `where`(ctx, isZero, constant(.float(-.infinity), x.dtype), logs)
        return [sign, logdet]
    }

    /// lax.linalg's `_lu_solve` of A x = b from A's factors: rows permuted, then the unit
    /// lower and the upper triangle solved.
    static func luSolve(_ ctx: JaxContext, _ lu: JaxValue, _ perm: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        let permuted = try Lax.permuteRows(ctx, b, perm)
        let y = try Lax.triangularSolve(ctx, lu, permuted, leftSide: true, lower: true, transposeA: false, unitDiagonal: true)
        return try Lax.triangularSolve(ctx, lu, y, leftSide: true, lower: false, transposeA: false, unitDiagonal: false)
    }

    /// `jnp.linalg.solve(a, b)`: b a vector (..., m) or matrices (..., m, n).
    public static func solve(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        guard a.rank >= 2, a.shape[a.rank - 1] == a.shape[a.rank - 2] else {
            throw PyException.valueError("Argument to solve must have shape [..., n, n], got \(Shape.describe(a.shape)).")
        }
        let m = a.shape[a.rank - 1]
        let vector = b.rank == 1 || b.rank == a.rank - 1
        let rows = vector ? b.shape.last : (b.rank >= 2 ? b.shape[b.rank - 2] : nil)
        guard rows == m else {
            let core = vector ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)"
            throw PyException.valueError("inconsistent size for core dimension 'm': \(rows ?? 0) vs \(m) on vectorized function with excluded=frozenset() and signature='\(core)'")
        }
        return try jitted(ctx, name: "solve", [a, b], cacheKey: "") { args throws(PyException) -> JaxValue in
            let promoted = try promote(ctx, args)
            let x = try inexact(ctx, promoted[0]), y = try inexact(ctx, promoted[1])
            let lead = Array(x.shape.dropLast(2))
            var matrix = vector ? try Lax.broadcastInDim(ctx, y, shape: y.shape + [1], dims: Array(0..<y.rank)) : y
            let want = lead + Array(matrix.shape.suffix(2))
            if matrix.shape != want {
                let offset = want.count - matrix.rank
                guard offset >= 0 else { throw PyException.notImplemented("jnp.linalg.solve: b with more batch axes than a is not supported") }
                matrix = try Lax.broadcastInDim(ctx, matrix, shape: want, dims: Array(offset..<want.count))
            }
            let factors = try Tracing.bind(ctx, .lu, [x])
            let solved = try luSolve(ctx, factors[0], factors[2], matrix)
            return vector ? try Lax.squeeze(ctx, solved, [solved.rank - 1]) : solved
        }
    }

    /// `jnp.linalg.inv(a)`: `solve(a, eye)`.
    public static func inv(_ ctx: JaxContext, _ a: JaxValue) throws(PyException) -> JaxValue {
        guard a.rank >= 2, a.shape[a.rank - 1] == a.shape[a.rank - 2] else {
            throw PyException.valueError("Argument to inv must have shape [..., n, n], got \(Shape.describe(a.shape)).")
        }
        return try jitted(ctx, name: "inv", [a], cacheKey: "") { args throws(PyException) -> JaxValue in
            let x = try inexact(ctx, args[0])
            let n = x.shape[x.rank - 1]
            let identity = try Lax.broadcastInDim(ctx, try Lax.eye(ctx, n, dtype: x.dtype), shape: x.shape, dims: [x.rank - 2, x.rank - 1])
            return try solve(ctx, x, identity)
        }
    }
}
