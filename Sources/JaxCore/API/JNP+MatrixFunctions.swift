/// `jnp.linalg`'s functions built from products and the factorisations: `matrix_power`,
/// `multi_dot`, `eigvalsh`, `svdvals`, `tensorinv` and `tensorsolve`, each as JAX composes it.
extension JNP {
    /// `jnp.linalg.matrix_power(a, n)`: repeated squaring (`inv` first for negative n).
    public static func matrixPower(_ ctx: JaxContext, _ a: JaxValue, _ n: Int) throws(PyException) -> JaxValue {
        guard a.rank >= 2 else {
            throw PyException.typeError("\(a.rank)-dimensional array given. Array must be at least two-dimensional")
        }
        guard a.shape[a.rank - 2] == a.shape[a.rank - 1] else { throw PyException.typeError("Last 2 dimensions of the array must be square") }
        return try jitted(ctx, name: "matrix_power", [a], cacheKey: "\(n)") { args throws(PyException) -> JaxValue in
            var x = args[0]
            if n == 0 {
                return try broadcastTo(ctx, try Lax.eye(ctx, x.shape[x.rank - 2], dtype: x.dtype), x.shape)
            }
            if n < 0 { x = try inv(ctx, x) }
            var remaining = n.magnitude
            switch remaining {
            case 1: return x
            case 2: return try matmul(ctx, x, x)
            case 3: return try matmul(ctx, try matmul(ctx, x, x), x)
            default: break
            }
            // z runs through x, x^2, x^4, ...; each set bit of n multiplies it into the result
            var z = x, result: JaxValue?, first = true
            while remaining > 0 {
                if !first { z = try matmul(ctx, z, z) }
                first = false
                if remaining % 2 == 1 {
                    if let r = result { result = try matmul(ctx, r, z) } else { result = z }
                }
                remaining /= 2
            }
            return result ?? x
        }
    }

    /// `jnp.linalg.multi_dot(arrays)`: one einsum over the chain, its order chosen by
    /// opt_einsum's path search.
    public static func multiDot(_ ctx: JaxContext, _ arrays: [JaxValue]) throws(PyException) -> JaxValue {
        guard arrays.count >= 2 else {
            throw PyException.valueError("multi_dot requires at least two arrays; got len(arrays)=\(arrays.count)")
        }
        let shapes = "[" + arrays.map { Shape.describe($0.shape) }.joined(separator: ", ") + "]"
        let endsOK = [arrays[0], arrays[arrays.count - 1]].allSatisfy { $0.rank == 1 || $0.rank == 2 }
        guard endsOK, arrays.dropFirst().dropLast().allSatisfy({ $0.rank == 2 }) else {
            throw PyException.valueError("multi_dot: input arrays must all be two-dimensional, except for the first and last array "
                                         + "which may be 1 or 2 dimensional. Got array shapes \(shapes)")
        }
        for (a, b) in zip(arrays, arrays.dropFirst()) where a.shape[a.rank - 1] != b.shape[0] {
            throw PyException.valueError("multi_dot: last dimension of each array must match first dimension of following array. "
                                         + "Got array shapes \(shapes)")
        }
        let letters = einsumSymbols
        guard arrays.count < letters.count else { throw PyException.notImplemented("multi_dot of more than 51 arrays is not supported") }
        var terms: [String] = []
        for (i, a) in arrays.enumerated() {
            var term = [letters[i], letters[i + 1]]
            if i == 0 && a.rank == 1 { term.removeFirst() }
            if i == arrays.count - 1 && a.rank == 1 { term.removeLast() }
            terms.append(String(term))
        }
        return try einsum(ctx, terms.joined(separator: ","), arrays)
    }

    /// `jnp.linalg.eigvalsh(a, UPLO, symmetrize_input)`: `eigh`'s eigenvalues.
    public static func eigvalsh(_ ctx: JaxContext, _ a: JaxValue, lower: Bool, symmetrizeInput: Bool) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "eigvalsh", [a], cacheKey: "\(lower)|\(symmetrizeInput)") { args throws(PyException) -> JaxValue in
            try eigh(ctx, try inexact(ctx, args[0]), lower: lower, symmetrizeInput: symmetrizeInput)[0]
        }
    }

    /// `jnp.linalg.svdvals(x)`: the singular values alone.
    public static func svdvals(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try svd(ctx, x, fullMatrices: true, computeUV: false)[0]
    }

    /// `jnp.linalg.tensorinv(a, ind)`: the inverse of `a` read as a matrix of its first `ind`
    /// axes against the rest.
    public static func tensorinv(_ ctx: JaxContext, _ a: JaxValue, ind: Int) throws(PyException) -> JaxValue {
        guard ind > 0 else { throw PyException.valueError("ind must be a positive integer; got ind=\(ind)") }
        let split = Swift.min(ind, a.rank)
        let contracting = Array(a.shape.prefix(split)), batch = Array(a.shape.dropFirst(split))
        let rows = contracting.reduce(1, &*), columns = batch.reduce(1, &*)
        guard rows == columns else {
            throw PyException.valueError("tensorinv is only possible when the product of the first `ind` dimensions equals that of the "
                                         + "remaining dimensions. got arr.shape=\(Shape.describe(a.shape)) with ind=\(ind).")
        }
        let inverse = try inv(ctx, try reshape(ctx, a, [rows, columns]))
        return try reshape(ctx, inverse, batch + contracting)
    }

    /// `jnp.linalg.tensorsolve(a, b, axes)`: x with `tensordot(a, x, x.ndim) == b`.
    public static func tensorsolve(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue, axes: [Int]?) throws(PyException) -> JaxValue {
        var x = a
        if let axes { x = try moveaxis(ctx, x, source: axes, destination: axes.map { _ in x.rank - 1 }) }
        let lead = Array(x.shape.prefix(b.rank)), outShape = Array(x.shape.dropFirst(b.rank))
        guard lead == b.shape else {
            throw PyException.valueError("After moving axes to end, leading shape of a must match shape of b. "
                                         + "got a.shape=\(Shape.describe(x.shape)), b.shape=\(Shape.describe(b.shape))")
        }
        let size = b.shape.reduce(1, &*), outSize = outShape.reduce(1, &*)
        guard size == outSize else {
            throw PyException.valueError("Input arrays must have prod(a.shape[:b.ndim]) == prod(a.shape[b.ndim:]); "
                                         + "got a.shape=\(Shape.describe(x.shape)), b.ndim=\(b.rank).")
        }
        let solved = try solve(ctx, try reshape(ctx, x, [size, outSize]), try ravel(ctx, b))
        return try reshape(ctx, solved, outShape)
    }
}
