/// The JVP and transpose rules of lax.linalg's primitives, as lax.linalg writes them
/// (`_lu_jvp_rule`, `_triangular_solve_jvp_rule_a`, `_cholesky_jvp_rule`, `_eigh_jvp_rule`).
extension Primitive {
    /// `triangular_solve`: linear in b (the same solve of b's tangent), and in a
    /// `-A⁻¹ ∂A X` with ∂A cut to a's triangle, ordered by whichever product is cheaper.
    static let triangularSolveJVP = JVPRule.rule { prim, ctx, xs, ts, params throws(PyException) in
        let ans = try Tracing.bind1(ctx, prim, xs, params)
        let a = xs[0], b = xs[1]
        var tangent: JaxValue?
        if let gb = ts[1] { tangent = try Tracing.bind1(ctx, prim, [a, gb], params) }
        if let ga = ts[0] {
            let left = try params.required(.leftSide), lower = try params.required(.lower)
            let transposeA = try params.required(.transposeA), unit = try params.required(.unitDiagonal)
            let k = unit ? 1 : 0
            var g = try Lax.triangle(ctx, ga, lower: lower, k: lower ? -k : k)
            g = try Lax.neg(ctx, g)
            if transposeA { g = try Lax.matrixTranspose(ctx, g) }
            func inverse(_ rhs: JaxValue) throws(PyException) -> JaxValue { try Tracing.bind1(ctx, prim, [a, rhs], params) }
            let m = b.shape[b.rank - 2], n = b.shape[b.rank - 1]
            let term: JaxValue
            if left {
                term = m > n ? try inverse(try Lax.batchMatmul(ctx, g, ans)) : try Lax.batchMatmul(ctx, try inverse(g), ans)
            } else {
                term = m < n ? try inverse(try Lax.batchMatmul(ctx, ans, g)) : try Lax.batchMatmul(ctx, ans, try inverse(g))
            }
            tangent = try tangent.map { (t: JaxValue) throws(PyException) -> JaxValue in try Lax.addAny(ctx, t, term) } ?? term
        }
        return ([ans], [tangent])
    }

    /// The cotangent of b: the solve with a transposed.
    static let triangularSolveTranspose = TransposeRule.linear { prim, ctx, ct, args, params throws(PyException) in
        guard args[1].isLinear, let a = args[0].value else { throw prim.missingRule(.transpose) }
        let flipped = params.with(.transposeA, !(try params.required(.transposeA)))
        return [nil, try Tracing.bind1(ctx, prim, [a, ct], flipped)]
    }

    /// `lu` of a square matrix: with inner = L⁻¹ P ∂A U⁻¹, ∂L = L tril(inner, -1) and
    /// ∂U = triu(inner) U, packed together; the pivots have no tangent.
    static let luJVP = JVPRule.rule { prim, ctx, xs, ts, params throws(PyException) in
        let outs = try Tracing.bind(ctx, prim, xs, params)
        guard let aDot = ts[0] else { return (outs, [nil, nil, nil]) }
        let lu = outs[0], permutation = outs[2]
        let m = lu.shape[lu.rank - 2], n = lu.shape[lu.rank - 1]
        guard m == n else { throw PyException.notImplemented("the derivative of lu of a non-square matrix is not supported") }
        var eye = try Lax.eye(ctx, n, dtype: lu.dtype)
        if lu.rank > 2 { eye = try Lax.broadcastInDim(ctx, eye, shape: lu.shape, dims: [lu.rank - 2, lu.rank - 1]) }
        let l = try Lax.add(ctx, try Lax.triangle(ctx, lu, lower: true, k: -1), eye)
        let u = try Lax.triangle(ctx, lu, lower: false)
        let la = try Lax.triangularSolve(ctx, l, try Lax.permuteRows(ctx, aDot, permutation), leftSide: true, lower: true,
                                         transposeA: false, unitDiagonal: true)
        let lau = try Lax.triangularSolve(ctx, u, la, leftSide: false, lower: false, transposeA: false, unitDiagonal: false)
        let lDot = try Lax.batchMatmul(ctx, l, try Lax.triangle(ctx, lau, lower: true, k: -1))
        let uDot = try Lax.batchMatmul(ctx, try Lax.triangle(ctx, lau, lower: false), u)
        return (outs, [try Lax.add(ctx, lDot, uDot), nil, nil])
    }

    /// `cholesky`: L̇ = L φ(L⁻¹ Σ̇ L⁻ᵀ), φ taking the lower triangle with its diagonal halved.
    static let choleskyJVP = JVPRule.rule { prim, ctx, xs, ts, params throws(PyException) in
        let l = try Lax.triangle(ctx, try Tracing.bind1(ctx, prim, xs, params), lower: true)
        guard let sigmaDot = ts[0] else { return ([l], [nil]) }
        let tmp = try Lax.triangularSolve(ctx, l, sigmaDot, leftSide: false, lower: true, transposeA: true, conjugateA: true, unitDiagonal: false)
        let inner = try Lax.triangularSolve(ctx, l, tmp, leftSide: true, lower: true, transposeA: false, unitDiagonal: false)
        let n = l.shape[l.rank - 1]
        var halving = try Lax.add(ctx, Lax.const(l, 1), try Lax.eye(ctx, n, dtype: l.dtype))
        if l.rank > 2 {
            halving = try Lax.broadcastInDim(ctx, halving, shape: Array(repeating: 1, count: l.rank - 2) + [n, n], dims: [l.rank - 2, l.rank - 1])
        }
        let phi = try Lax.div(ctx, try Lax.triangle(ctx, inner, lower: true), halving)
        return ([l], [try Lax.batchMatmul(ctx, l, phi)])
    }

    /// `eigh` with distinct eigenvalues: with F = 1/(wⱼ - wᵢ) off the diagonal,
    /// dv = v (F ∘ vᵀ ȧ v) and dw = diag(vᵀ ȧ v).
    static let eighJVP = JVPRule.rule { prim, ctx, xs, ts, params throws(PyException) in
        let a = xs[0]
        let outs = try Tracing.bind(ctx, prim, [try Lax.div(ctx, try Lax.add(ctx, a, try Lax.matrixTranspose(ctx, a)), Lax.const(a, 2))], params)
        guard let aDot = ts[0] else { return (outs, [nil, nil]) }
        let v = outs[0], w = outs[1]
        let n = a.shape[a.rank - 1], r = a.rank, lead = Array(a.shape.dropLast(2))
        var eye = try Lax.eye(ctx, n, dtype: a.dtype)
        let full = lead + [n, n]
        let rows = try Lax.broadcastInDim(ctx, w, shape: full, dims: Array(0..<(r - 2)) + [r - 1])
        let columns = try Lax.broadcastInDim(ctx, w, shape: full, dims: Array(0..<(r - 2)) + [r - 2])
        if r > 2 { eye = try Lax.broadcastInDim(ctx, eye, shape: full, dims: [r - 2, r - 1]) }
        let fmat = try Lax.sub(ctx, try Lax.integerPow(ctx, try Lax.sub(ctx, try Lax.add(ctx, eye, rows), columns), -1), eye)
        let vAdotV = try Lax.batchMatmul(ctx, try Lax.batchMatmul(ctx, try Lax.matrixTranspose(ctx, v), aDot), v)
        let dv = try Lax.batchMatmul(ctx, v, try Lax.mul(ctx, fmat, vAdotV))
        return (outs, [dv, try Lax.matrixDiagonal(ctx, vAdotV)])
    }
}
