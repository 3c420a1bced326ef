/// `jnp.histogram` on concrete arrays, computed as JAX computes it: the bin edges (a
/// linspace over the data's range, or given), each value's bin by `searchsorted(side='right')`
/// with the last edge closed, and the weights scatter-added into the bins.
extension JNP {
    /// How the bins are given: a count spread over `range` (the data's when nil), or the edges.
    public enum HistogramBins {
        case count(Int, range: (Double, Double)?)
        case edges(JaxValue)
    }

    /// `jnp.histogram(a, bins, range, weights, density)`: (counts, edges).
    public static func histogram(_ ctx: JaxContext, _ a: JaxValue, bins: HistogramBins, weights: JaxValue?,
                                 density: Bool) throws(PyException) -> [JaxValue] {
        guard ([a, bins.edgesValue, weights].compactMap { $0 }).allSatisfy({ $0.concrete != nil }) else {
            throw PyException.notImplemented("jnp.histogram works on concrete arrays only (not under jit, grad or vmap)")
        }
        var values = a, w: JaxValue
        if let weights {
            guard weights.shape == a.shape else { throw PyException.valueError("weights should have the same shape as a.") }
            let promoted = try promote(ctx, [a, weights])
            values = try inexact(ctx, promoted[0])
            w = try inexact(ctx, promoted[1])
        } else {
            values = try inexact(ctx, a)
            w = try Lax.full(ctx, values, 1)
        }
        values = try Lax.reshape(ctx, values, [values.aval.count])
        w = try Lax.reshape(ctx, w, [w.aval.count])
        let dtype = values.dtype
        let edges: JaxValue
        switch bins {
        case .edges(let given):
            guard given.rank == 1 else { throw PyException.typeError("bins must be an integer or a 1-D array of edges") }
            edges = try convert(ctx, given, to: dtype)
        case .count(let n, let range):
            guard n >= 1 else { throw PyException.valueError("`bins` must be positive, when an integer") }
            var low = range?.0 ?? 0, high = range?.1 ?? 0
            if range == nil {
                guard values.aval.count > 0 else {
                    throw PyException.valueError("zero-size array to reduction operation min which has no identity")
                }
                low = try scalarDouble(try min(ctx, values))
                high = try scalarDouble(try max(ctx, values))
            }
            // the range in the array's dtype, widened by half a unit each way when empty
            func inDType(_ x: Double) throws(PyException) -> JaxValue { try convert(ctx, Lax.constant(.float(x), .float64), to: dtype) }
            let half = JaxValue.array(JaxArray.scalar(.float(0.5), dtype: dtype, weak: true))
            let empty = try scalarDouble(try inDType(low)) == (try scalarDouble(try inDType(high)))
            low = try scalarDouble(empty ? try subtract(ctx, try inDType(low), half) : try inDType(low))
            high = try scalarDouble(empty ? try add(ctx, try inDType(high), half) : try inDType(high))
            edges = try linspace(ctx, low, high, num: n + 1, dtype: dtype)
        }
        let count = edges.shape[0]
        var index = try searchsorted(ctx, edges, values, right: true)
        let last = try Lax.index(ctx, edges, count - 1)
        index = try `where`(ctx, try equal(ctx, values, last), .array(JaxArray.scalar(.int(Int64(count - 1)), dtype: index.dtype)), index)
        let zeros = try Lax.zeros(ctx, [count], dtype: w.dtype)
        let filled = try atUpdate(ctx, zeros, [.value(index)], w, mode: .add)
        var counts = try Lax.slice(ctx, filled, start: [Swift.min(1, count)], limit: [count])
        if density {
            let widths = try diff(ctx, edges, n: 1, axis: 0)
            counts = try divide(ctx, try divide(ctx, counts, widths), try sum(ctx, counts))
        }
        return [counts, edges]
    }

    private static func scalarDouble(_ v: JaxValue) throws(PyException) -> Double {
        guard let a = v.concrete, a.count == 1 else { throw PyException.typeError("expected a concrete scalar") }
        return a.storage.double(at: 0)
    }
}

extension JNP.HistogramBins {
    var edgesValue: JaxValue? {
        if case .edges(let v) = self { return v }
        return nil
    }
}
