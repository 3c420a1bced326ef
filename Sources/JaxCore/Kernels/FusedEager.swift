import CElementwiseKernels

/// jax.numpy functions that JAX compiles as one XLA computation even when called eagerly
/// (`clip`, `_var`), run eagerly as the same kernels in fewer passes over memory: the same
/// operations in the same order, so the same bits, without the intermediate arrays.
enum FusedEager {
    /// `jnp.clip(x, lo, hi)` with one-value bounds of x's float dtype: XLA's max with the lower
    /// bound, then its min with the upper, in one pass; nil for other operands.
    static func clip(_ x: JaxArray, lo: JaxArray, hi: JaxArray, interrupt: InterruptFlag?) throws(PyException) -> JaxArray? {
        guard lo.count == 1, hi.count == 1, lo.rank == 0, hi.rank == 0, lo.dtype == x.dtype, hi.dtype == x.dtype else { return nil }
        let storage: Storage
        switch (x.storage, lo.storage, hi.storage) {
        case let (.float32(v), .float32(l), .float32(h)):
            let (low, high) = (l[0], h[0])
            storage = .float32(try BlockLoop.map(v, { jaxlab_f32_clip($0, low, high, $1, $2) }, cost: .memory, flush: true, interrupt: interrupt))
        case let (.float64(v), .float64(l), .float64(h)):
            let (low, high) = (l[0], h[0])
            storage = .float64(try BlockLoop.map(v, { jaxlab_f64_clip($0, low, high, $1, $2) }, cost: .memory, flush: true, interrupt: interrupt))
        default: return nil
        }
        return JaxArray(shape: x.shape, storage: storage, weakType: x.weakType && lo.weakType && hi.weakType)
    }

    /// `jnp.var(x, ddof)` of a 1-D float32 array of 4,096 or more elements, as the compiled
    /// `_var` computes it: the YNNPACK sum times the rounded reciprocal of n gives the mean; each
    /// chunk of YNNPACK's sum of squares folds `(x - mean)` squared (each step rounded under
    /// FTZ/DAZ) straight into its lanes (`jaxlab_ynn_k1_squares`), so x is read twice and the
    /// squares are never stored; the total divided by n - ddof, NaN when that is not positive.
    /// nil for other arrays.
    static func variance(_ x: JaxArray, ddof: Int) -> Float? {
        guard x.rank == 1, case .float32(let v) = x.storage, v.count >= SumOrder.ynnThreshold else { return nil }
        let n = v.count
        let total = FloatEnvironment.value(flushingDenormals: true) { JaxSumOrder.sum(v, shape: [n], axes: [0])[0] }
        let reciprocal = 1 / Float(n)
        let mean = FloatEnvironment.value(flushingDenormals: true) { total * reciprocal }
        let chunk = SumOrder.ynnChunk
        let squares: Float = v.withUnsafeBufferPointer { src in
            guard let base = src.baseAddress else { return 0 }
            let input = UncheckedSendable(base)
            let partials = BlockLoop.parallelMap(count: (n + chunk - 1) / chunk, elementsEach: chunk) { c -> Float in
                let start = c * chunk
                return jaxlab_ynn_k1_squares(input.value + start, min(chunk, n - start), mean)
            }
            return partials.count == 1 ? partials[0] : partials.withUnsafeBufferPointer { 0 + SumOrder.k1($0) }
        }
        let normalizer = Float(n) - Float(ddof)
        guard normalizer > 0 else { return .nan }
        return FloatEnvironment.value(flushingDenormals: true) { squares / normalizer }
    }
}
