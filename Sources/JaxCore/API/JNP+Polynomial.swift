/// `jnp.polyval`: JAX's jitted Horner scan over the coefficients, so make_jaxpr shows its
/// `scan` and the values follow its order of operations.
extension JNP {
    /// `polyval(p, x, unroll)`: `y = y * x + p[i]` for each coefficient, highest power first;
    /// coefficients of rank > 1 evaluate several polynomials at once.
    public static func polyval(_ ctx: JaxContext, _ p: JaxValue, _ x: JaxValue, unroll: Int) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "polyval", [p, x], cacheKey: "\(unroll)") { args throws(PyException) -> JaxValue in
            let pair = try promote(ctx, args)
            let (coefficients, at) = (pair[0], pair[1])
            // JAX reads p.shape[1:] first, and a scalar's shape has no first entry to skip
            guard coefficients.rank >= 1 else { throw PyException("IndexError", "tuple index out of range") }
            let shape: [Int]
            do {
                shape = try Kernels.broadcastShapes([Array(coefficients.shape.dropFirst()), at.shape])
            } catch {
                throw PyException.valueError("Incompatible shapes for broadcasting: shapes=[\(Shape.describe(Array(coefficients.shape.dropFirst()))), \(Shape.describe(at.shape))]")
            }
            let zero = try Lax.full(ctx, shape, at.dtype.isInexact ? .float(0) : .int(0), dtype: at.dtype)
            let step = ControlFlow.Function({ ctx, trees throws(PyException) -> PyTree in
                guard trees.count == 2, case .leaf(let y) = trees[0], case .leaf(let c) = trees[1] else {
                    throw PyException("RuntimeError", "polyval's step takes the carry and a coefficient")
                }
                return .tuple([.leaf(try add(ctx, try multiply(ctx, y, at), c)), .none])
            }, source: "polyval")
            let (carry, _) = try ControlFlow.scan(ctx, body: step, initial: .leaf(zero), xs: .leaf(coefficients), length: nil,
                                                  reverse: false, unroll: unroll, carryName: nil)
            guard case .leaf(let y) = carry else { throw PyException("RuntimeError", "polyval's carry lost its shape") }
            return y
        }
    }
}

