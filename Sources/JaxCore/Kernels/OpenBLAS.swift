import COpenBLAS

/// Which OpenBLAS kernels compute jaxlab's BLAS products, for the benchmark, the tests and the
/// shell's start-up note.
public struct BLASKernels: Sendable {
    /// The kernel set OpenBLAS reports (`Haswell` when pinned), or nil when it could not load.
    public let coreName: String?
    /// Why OpenBLAS could not be loaded, when it could not.
    public let loadError: String?
    /// Whether jaxlab chose the kernel set and thread count (the promise of identical bits).
    public let pinned: Bool
    /// How many threads a product is split over.
    public let threads: Int

    /// Loads OpenBLAS if it is not loaded yet and describes it.
    public static func current() -> BLASKernels {
        let ready = jaxlab_blas_load() != 0
        return BLASKernels(coreName: ready ? String(cString: jaxlab_blas_core_name()) : nil,
                           loadError: ready ? nil : String(cString: jaxlab_blas_load_error()),
                           pinned: jaxlab_blas_is_pinned() != 0, threads: Int(jaxlab_blas_threads()))
    }

    /// Whether this CPU has AVX2 and FMA, the instruction set jaxlab's reference bits come from.
    /// Without them jaxlab still runs, but some last digits may differ.
    public static let cpuHasReferenceInstructions = jaxlab_cpu_has_reference_isa() != 0
}

/// A float type OpenBLAS multiplies: one set of entry points per precision.
protocol BLASFloat {
    static func gemm(_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafeMutablePointer<Self>)
    static func dot(_ n: Int, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>) -> Self
    static func gemvRows(_ m: Int, _ k: Int, _ a: UnsafePointer<Self>, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    static func gemvColumns(_ k: Int, _ n: Int, _ x: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
}

extension Float: BLASFloat {
    static func gemm(_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>) {
        jaxlab_sgemm(m, n, k, a, b, c)
    }
    static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float { jaxlab_sdot(n, x, y) }
    static func gemvRows(_ m: Int, _ k: Int, _ a: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        jaxlab_sgemv_rows(m, k, a, x, y)
    }
    static func gemvColumns(_ k: Int, _ n: Int, _ x: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        jaxlab_sgemv_columns(k, n, x, b, y)
    }
}

extension Double: BLASFloat {
    static func gemm(_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>) {
        jaxlab_dgemm(m, n, k, a, b, c)
    }
    static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double { jaxlab_ddot(n, x, y) }
    static func gemvRows(_ m: Int, _ k: Int, _ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        jaxlab_dgemv_rows(m, k, a, x, y)
    }
    static func gemvColumns(_ k: Int, _ n: Int, _ x: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        jaxlab_dgemv_columns(k, n, x, b, y)
    }
}

/// Products through OpenBLAS (NumPy's own path, and JAX's fallback for large shapes), with the
/// kernel set pinned so the bits do not depend on the machine (see COpenBLAS).
enum OpenBLAS {
    /// Loads OpenBLAS on first use; a RuntimeError when the library is missing, and a
    /// ValueError for a dimension past OpenBLAS's 32-bit sizes.
    static func ready(_ dims: Int...) throws(PyException) {
        guard jaxlab_blas_load() != 0 else {
            throw PyException("RuntimeError", "OpenBLAS could not be loaded (\(String(cString: jaxlab_blas_load_error()))); "
                + "install libopenblas0 (e.g. `apt-get install libopenblas-dev`)")
        }
        if dims.contains(where: { $0 > Int(Int32.max) }) {
            throw PyException.valueError("matrix dimensions of \(dims) are too large for OpenBLAS (limit \(Int32.max))")
        }
    }

    /// C (M, N) = A (M, K) @ B (K, N), row-major.
    static func gemm<T: BLASFloat & Numeric>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>,
                                             m: Int, k: Int, n: Int) throws(PyException) -> [T] {
        guard k > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return [T](repeating: 0, count: m * n) }
        try ready(m, k, n)
        // beta = 0: OpenBLAS writes every element of C without reading it, so C starts uninitialised
        return [T](unsafeUninitializedCapacity: m * n) { pc, initialized in
            if let out = pc.baseAddress { T.gemm(m, n, k, pa, pb, out) }
            initialized = m * n
        }
    }

    static func sgemm(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, m: Int, k: Int, n: Int) throws(PyException) -> [Float] {
        try gemm(a, b, m: m, k: k, n: n)
    }

    /// NumPy's routes: dot for vec . vec, gemv for a vector on either side, gemm otherwise.
    static func product<T: BLASFloat & Numeric>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, m: Int, k: Int, n: Int,
                                                form: JaxMatmul.Form) throws(PyException) -> [T] {
        if m == 0 || n == 0 { return [] }
        if k == 0 { return [T](repeating: 0, count: m * n) }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return [] }
        try ready(m, k, n)
        switch JaxMatmul.normalized(form, m: m, n: n) {
        case .vectorVector:
            return [T.dot(k, pa, pb)]
        case .matrixVector:
            var c = [T](repeating: 0, count: m)
            c.withUnsafeMutableBufferPointer { pc in if let out = pc.baseAddress { T.gemvRows(m, k, pa, pb, out) } }
            return c
        case .vectorMatrix:
            var c = [T](repeating: 0, count: n)
            c.withUnsafeMutableBufferPointer { pc in if let out = pc.baseAddress { T.gemvColumns(k, n, pa, pb, out) } }
            return c
        case .matrixMatrix:
            return try gemm(a, b, m: m, k: k, n: n)
        }
    }
}
