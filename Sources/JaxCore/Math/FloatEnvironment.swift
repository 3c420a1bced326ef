#if canImport(Glibc)
import Glibc
#endif

/// The CPU's floating-point mode for a stretch of code: XLA on CPU runs every kernel with
/// denormals flushed (MXCSR FTZ and DAZ), so JAX-semantics float kernels run the same way.
enum FloatEnvironment {
    /// MXCSR bits: FTZ (flush results to zero) and DAZ (treat subnormal inputs as zero).
    private static let flushBits: UInt32 = 0x8040

    /// Runs `body` with FTZ and DAZ set when `flush` is true, restoring the previous mode after.
    @inline(__always)
    static func run<R, E: Error>(flushingDenormals flush: Bool, _ body: () throws(E) -> R) throws(E) -> R {
        #if arch(x86_64) && canImport(Glibc)
        guard flush else { return try body() }
        var saved = fenv_t()
        fegetenv(&saved)
        var flushed = saved
        flushed.__mxcsr |= flushBits
        fesetenv(&flushed)
        defer { fesetenv(&saved) }
        return try body()
        #else
        return try body()
        #endif
    }

    /// The non-throwing form of `run(flushingDenormals:_:)`.
    @inline(__always)
    static func value<R>(flushingDenormals flush: Bool, _ body: () -> R) -> R {
        run(flushingDenormals: flush, body)
    }
}
