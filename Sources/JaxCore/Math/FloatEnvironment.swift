import CElementwiseKernels

/// The CPU's floating-point mode for a stretch of code: XLA on CPU runs every kernel with
/// denormals flushed (MXCSR FTZ and DAZ), so JAX-semantics float kernels run the same way.
/// The mode belongs to the thread: kernels split across cores set it on each.
enum FloatEnvironment {
    /// Runs `body` with FTZ and DAZ set when `flush` is true, restoring the previous mode after.
    @inline(__always)
    static func run<R, E: Error>(flushingDenormals flush: Bool, _ body: () throws(E) -> R) throws(E) -> R {
        guard flush else { return try body() }
        let saved = jaxlab_fp_enter_flush()
        defer { jaxlab_fp_restore(saved) }
        return try body()
    }

    /// The non-throwing form of `run(flushingDenormals:_:)`.
    @inline(__always)
    static func value<R>(flushingDenormals flush: Bool, _ body: () -> R) -> R {
        run(flushingDenormals: flush, body)
    }
}
