/// `jnp.linalg`'s functions of the singular values: `pinv`, `lstsq` and `matrix_rank`, each
/// JAX's algorithm (NumPy's), on lax's `svd` and products at `Precision.HIGHEST`.
extension JNP {
    /// `jnp.linalg.pinv(a, rtol)`: V diag(1/s) U^T, singular values at or below
    /// `rtol * largest` dropped; `rtol` defaults to `10 * max(m, n) * eps`. A `custom_jvp`
    /// function as in JAX, so grad uses Golub and Pereyra's derivative rather than the SVD's.
    public static func pinv(_ ctx: JaxContext, _ a: JaxValue, rtol: JaxValue?) throws(PyException) -> JaxValue {
        try requireMatrix(a)
        let rule = CustomRule("_pinv_jvp") { values throws(PyException) -> [JaxValue?] in
            guard values.count == 2 else { throw PyException("RuntimeError", "pinv's rule takes one primal and one tangent") }
            return try pinvJVP(ctx, values[0], values[1], rtol: rtol)
        }
        let outs = try Transforms.customJVPCall(ctx, name: "_pinv", jvp: rule, [a]) { ins throws(PyException) -> [JaxValue] in
            [try pinvBody(ctx, ins[0], rtol: rtol)]
        }
        guard let out = outs.first else { throw PyException("RuntimeError", "pinv returned no value") }
        return out
    }

    /// The jitted `_pinv` itself.
    private static func pinvBody(_ ctx: JaxContext, _ a: JaxValue, rtol: JaxValue?) throws(PyException) -> JaxValue {
        let args = rtol.map { [a, $0] } ?? [a]
        return try jitted(ctx, name: "_pinv", args, cacheKey: rtol == nil ? "default" : "rtol") { args throws(PyException) -> JaxValue in
            let x = try inexact(ctx, args[0])
            let m = x.shape[x.rank - 2], n = x.shape[x.rank - 1]
            guard m > 0 && n > 0 else {
                return try zeros(ctx, Array(x.shape.dropLast(2)) + [n, m], dtype: x.dtype)
            }
            var tolerance: JaxValue
            if args.count > 1 {
                tolerance = args[1]
            } else {
                // 10. * max_rows_cols * jnp.array(finfo.eps): a weak Python float times a typed eps
                tolerance = try multiply(ctx, pythonScalar(ctx, .float(10 * Double(Swift.max(m, n)))), constant(.float(epsilon(x.dtype)), x.dtype))
            }
            let outs = try svd(ctx, x, fullMatrices: false, computeUV: true)
            let u = outs[0], vh = outs[2]
            var s = outs[1]
            tolerance = try expandDims(ctx, tolerance, [tolerance.rank])
            if s.rank - tolerance.rank > 0 {
                tolerance = try Lax.expandDims(ctx, tolerance, Array(0..<(s.rank - tolerance.rank)))
            }
            let largest = try Lax.slice(ctx, s, start: Array(repeating: 0, count: s.rank), limit: Array(s.shape.dropLast()) + [1])
            let cutoff = try multiply(ctx, tolerance, largest)
            s = try `where`(ctx, try greater(ctx, s, cutoff), s, pythonScalar(ctx, .float(.infinity)))
            let v = try Lax.matrixTranspose(ctx, vh)
            let scaled = try divide(ctx, try Lax.matrixTranspose(ctx, u), try expandDims(ctx, s, [s.rank]))
            return try Lax.batchMatmul(ctx, v, scaled)
        }
    }

    /// `_pinv_jvp`: the pseudo-inverse's derivative (Golub and Pereyra), the products grouped
    /// as JAX groups them for tall and for wide matrices.
    private static func pinvJVP(_ ctx: JaxContext, _ a: JaxValue, _ aDot: JaxValue, rtol: JaxValue?) throws(PyException) -> [JaxValue?] {
        let p = try pinv(ctx, a, rtol: rtol)
        func mm(_ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue { try matmul(ctx, x, y) }
        func h(_ x: JaxValue) throws(PyException) -> JaxValue { try Lax.matrixTranspose(ctx, x) }
        let pDot: JaxValue
        if a.shape[a.rank - 2] >= a.shape[a.rank - 1] {
            let s = try mm(try mm(p, try h(p)), try h(aDot))
            let t = try mm(try mm(try h(aDot), try h(p)), p)
            var total = try mm(try negative(ctx, try mm(p, aDot)), p)
            total = try add(ctx, total, s)
            total = try subtract(ctx, total, try mm(try mm(s, a), p))
            total = try add(ctx, total, t)
            pDot = try subtract(ctx, total, try mm(try mm(p, a), t))
        } else {
            let s = try mm(p, try mm(try h(p), try h(aDot)))
            let t = try mm(try h(aDot), try mm(try h(p), p))
            var total = try mm(try negative(ctx, p), try mm(aDot, p))
            total = try add(ctx, total, s)
            total = try subtract(ctx, total, try mm(s, try mm(a, p)))
            total = try add(ctx, total, t)
            pDot = try subtract(ctx, total, try mm(p, try mm(a, t)))
        }
        return [p, pDot]
    }

    /// `jnp.linalg.lstsq(a, b, rcond)`: (x, residuals, rank, singular values) of the
    /// least-squares solution of a @ x = b by the SVD, singular values below
    /// `rcond * largest` (default `eps * max(m, n)`) treated as zero.
    public static func lstsq(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, rcond: Double?) throws(PyException) -> [JaxValue] {
        guard a.rank >= 1, b.rank >= 1, a.shape[0] == b.shape[0] else {
            throw PyException.valueError("Leading dimensions of input arrays must match")
        }
        guard a.rank == 2 else { throw PyException.typeError("\(a.rank)-dimensional array given. Array must be two-dimensional") }
        guard b.rank <= 2 else { throw PyException.typeError("\(b.rank)-dimensional array given. Array must be one or two-dimensional") }
        guard a.shape[0] > 0 && a.shape[1] > 0 else { throw PyException.notImplemented("jnp.linalg.lstsq of an empty matrix is not supported") }
        return try jittedMany(ctx, name: "_lstsq", [a, b], cacheKey: rcond.map { "\($0)" } ?? "None") { args throws(PyException) -> [JaxValue] in
            let promoted = try promote(ctx, args)
            let x = try inexact(ctx, promoted[0])
            var y = try inexact(ctx, promoted[1])
            let vector = y.rank == 1
            if vector { y = try expandDims(ctx, y, [1]) }
            let m = x.shape[0], n = x.shape[1], eps = epsilon(x.dtype)
            let outs = try svd(ctx, x, fullMatrices: false, computeUV: true)
            let u = outs[0], s = outs[1], vt = outs[2]
            let zero = pythonScalar(ctx, .float(0))
            var threshold: JaxValue
            if let rcond {
                // jnp.where(rcond < 0, eps, rcond), decided on the Python float
                threshold = pythonScalar(ctx, .float(rcond < 0 ? eps : rcond))
            } else {
                threshold = constant(.float(eps * Double(Swift.max(n, m))), s.dtype)
            }
            threshold = try convert(ctx, threshold, to: s.dtype)
            let first = try Lax.squeeze(ctx, try Lax.slice(ctx, s, start: [0], limit: [1]), [0])
            let mask = try logicalAnd(ctx, try greater(ctx, s, zero), try greaterEqual(ctx, s, try multiply(ctx, threshold, first)))
            let rank = try sum(ctx, mask)
            let safe = try `where`(ctx, mask, s, pythonScalar(ctx, .int(1)))
            let inverse = try `where`(ctx, mask, try divide(ctx, pythonScalar(ctx, .int(1)), safe), pythonScalar(ctx, .int(0)))
            let uTb = try Lax.batchMatmul(ctx, try Lax.matrixTranspose(ctx, u), y)
            var solution = try Lax.batchMatmul(ctx, try Lax.matrixTranspose(ctx, vt), try multiply(ctx, try expandDims(ctx, inverse, [1]), uTb))
            let estimate = try Lax.batchMatmul(ctx, x, solution)
            let residual = try norm(ctx, try subtract(ctx, y, estimate), order: .none, axes: [0])
            let squared = try power(ctx, residual, pythonScalar(ctx, .int(2)))
            if vector { solution = try ravel(ctx, solution) }
            return [solution, squared, rank, s]
        }
    }

    /// `jnp.linalg.matrix_rank(M, rtol, tol)`: how many singular values exceed `rtol` (by
    /// default `largest * max(m, n) * eps`; a given `rtol` is used as it is, as JAX does).
    public static func matrixRank(_ ctx: JaxContext, _ a: JaxValue, rtol: JaxValue?) throws(PyException) -> JaxValue {
        let args = rtol.map { [a, $0] } ?? [a]
        return try jitted(ctx, name: "matrix_rank", args, cacheKey: rtol == nil ? "default" : "rtol") { args throws(PyException) -> JaxValue in
            let x = try inexact(ctx, args[0])
            if x.rank < 2 {
                return try convert(ctx, try any(ctx, try notEqual(ctx, x, pythonScalar(ctx, .int(0)))), to: .int32)
            }
            let s = try svd(ctx, x, fullMatrices: false, computeUV: false)[0]
            var tolerance: JaxValue
            if args.count > 1 {
                tolerance = args[1]
            } else {
                let size = Swift.max(x.shape[x.rank - 2], x.shape[x.rank - 1])
                tolerance = try multiply(ctx, try max(ctx, s, axes: [s.rank - 1]), constant(.float(Double(size)), s.dtype))
                tolerance = try multiply(ctx, tolerance, constant(.float(epsilon(s.dtype)), s.dtype))
            }
            tolerance = try expandDims(ctx, tolerance, [tolerance.rank])
            return try sum(ctx, try greater(ctx, s, tolerance), axes: [s.rank - 1])
        }
    }

    /// A Python number as jnp sees it: a weak-typed 0-d array of the default int or float.
    static func pythonScalar(_ ctx: JaxContext, _ value: Scalar) -> JaxValue {
        let dtype: DType
        if case .int = value { dtype = ctx.defaultInt } else { dtype = ctx.defaultFloat }
        return .array(JaxArray.scalar(value, dtype: dtype, weak: true))
    }

    /// `jnp.finfo(dtype).eps`.
    static func epsilon(_ dtype: DType) -> Double {
        switch dtype {
        case .float64: return Double.ulpOfOne
        case .float16: return 0.0009765625
        case .bfloat16: return 0.0078125
        default: return Double(Float.ulpOfOne)
        }
    }

    /// The ValueError of `m, n = a.shape[-2:]` on fewer than two axes.
    static func requireMatrix(_ a: JaxValue) throws(PyException) {
        guard a.rank >= 2 else {
            throw PyException.valueError("not enough values to unpack (expected 2, got \(a.rank))")
        }
    }
}
