/// `jnp.nonzero` and one-argument `jnp.where`: the indices of the nonzero elements, one
/// integer array per axis. How many there are depends on the values, so under a
/// transformation JAX asks for a static `size`.
extension JNP {
    /// `jnp.nonzero(a, size=None, fill_value=None)`; `fill` gives the index each axis pads
    /// with when `size` exceeds the count (0 by default).
    public static func nonzero(_ ctx: JaxContext, _ a: JaxValue, size: Int?, fill: [Int64]?) throws(PyException) -> [JaxValue] {
        guard a.rank > 0 else {
            throw PyException.valueError("Calling nonzero on 0d arrays is not allowed. Use jnp.atleast_1d(scalar).nonzero() instead.")
        }
        guard let array = Concrete.known(a) else {
            if size == nil {
                _ = try Concrete.argument(a, "The size argument of jnp.nonzero must be statically specified to use jnp.nonzero within JAX transformations.",
                                          shown: ShapedArray(shape: [], dtype: ctx.defaultInt))
            }
            throw PyException.notImplemented("jaxlab computes jnp.nonzero(..., size=...) only outside jit and vmap")
        }
        var flat: [Int] = []
        for i in 0..<array.count where array.storage.complexParts(at: i) != (0, 0) {
            flat.append(i)
        }
        let count = size ?? flat.count
        guard count >= 0 else { throw PyException.valueError("size must be non-negative, got \(count)") }
        let shape = array.shape
        var columns = Array(repeating: [Int64](), count: shape.count)
        for k in 0..<count {
            if k < flat.count {
                var rest = flat[k]
                for axis in (0..<shape.count).reversed() {
                    columns[axis].append(Int64(rest % Swift.max(shape[axis], 1)))
                    rest /= Swift.max(shape[axis], 1)
                }
            } else {
                for axis in 0..<shape.count { columns[axis].append(fill.map { $0.count == 1 ? $0[0] : $0[axis] } ?? 0) }
            }
        }
        let dtype = ctx.defaultInt
        return columns.map { column in
            .array(JaxArray(shape: [count], storage: CastTarget.fromIntegers(column, to: dtype)))
        }
    }
}
