/// `jnp.unique` on concrete arrays: its result's size depends on the values, so (as in JAX)
/// it needs them known; the sorted distinct values and, on request, where each first occurs,
/// where each element went, and how often each occurs.
extension JNP {
    /// What `jnp.unique` returns besides the values.
    public struct UniqueRequest: Sendable {
        public var index = false, inverse = false, counts = false, equalNan = true

        public init(index: Bool, inverse: Bool, counts: Bool, equalNan: Bool) {
            self.index = index
            self.inverse = inverse
            self.counts = counts
            self.equalNan = equalNan
        }
    }

    /// The values, then the requested index arrays in NumPy's order (index, inverse, counts).
    public static func unique(_ ctx: JaxContext, _ x: JaxValue, _ request: UniqueRequest) throws(PyException) -> [JaxValue] {
        let a = try Concrete.argument(x, "The error arose for the first argument of jnp.unique(). To make jnp.unique() compatible with JIT and other transforms, you can specify a concrete value for the size argument, which will determine the output size.")
        let flat = try ravel(ctx, .array(a))
        guard let order = try argsort(ctx, flat, axis: 0).concrete, let sorted = try take(ctx, flat, .array(order), axis: 0, mode: .fill, fillValue: nil).concrete else {
            throw PyException("RuntimeError", "jnp.unique: the sort gave no concrete value")
        }
        let n = sorted.count
        let floating = sorted.dtype.isFloating
        func same(_ i: Int, _ j: Int) -> Bool {
            guard floating else { return sorted.storage.int64(at: i) == sorted.storage.int64(at: j) }
            let p = sorted.storage.double(at: i), q = sorted.storage.double(at: j)
            return p == q || (request.equalNan && p.isNaN && q.isNaN)
        }
        var starts: [Int] = []
        var group = Array(repeating: 0, count: n)
        for i in 0..<n {
            if i == 0 || !same(i, i - 1) { starts.append(i) }
            group[i] = starts.count - 1
        }
        func ints(_ values: [Int], shape: [Int]) -> JaxValue {
            let wide = JaxArray(shape: shape, storage: .int64(values.map { Int64($0) }))
            return .array(Kernels.cast(wide, to: ctx.defaultInt, semantics: .jax))
        }
        let positions = (0..<order.count).map { Int(order.storage.int64(at: $0)) }
        var out = [try take(ctx, .array(sorted), ints(starts, shape: [starts.count]), axis: 0, mode: .fill, fillValue: nil)]
        if request.index { out.append(ints(starts.map { positions[$0] }, shape: [starts.count])) }
        if request.inverse {
            var inverse = Array(repeating: 0, count: n)
            for (i, p) in positions.enumerated() where p < n { inverse[p] = group[i] }
            out.append(ints(inverse, shape: a.shape))
        }
        if request.counts {
            let ends = starts.dropFirst() + [n]
            out.append(ints(zip(starts, ends).map { $1 - $0 }, shape: [starts.count]))
        }
        return out
    }
}
