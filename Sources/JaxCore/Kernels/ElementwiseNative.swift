import CElementwiseKernels

/// XLA's float32 exp, tanh and sigmoid compiled with hardware FMA (CElementwiseKernels),
/// used when the CPU has it: the same bits as `XLAMath`, without a library call per
/// multiply-add.
enum NativeKernels {
    static let available = jaxlab_elementwise_has_fma() != 0

    typealias Kernel = (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void

    /// `kernel` over `v`, or nil when this CPU lacks FMA.
    static func run(_ v: [Float], _ kernel: Kernel) -> [Float]? {
        guard available else { return nil }
        return [Float](unsafeUninitializedCapacity: v.count) { out, initialized in
            LargeAllocation.advise(out)
            v.withUnsafeBufferPointer { src in kernel(src.baseAddress, out.baseAddress, v.count) }
            initialized = v.count
        }
    }

    static func exp(_ v: [Float]) -> [Float]? { run(v) { jaxlab_elementwise_exp_f32($0, $1, $2) } }
    static func tanh(_ v: [Float]) -> [Float]? { run(v) { jaxlab_elementwise_tanh_f32($0, $1, $2) } }
    static func logistic(_ v: [Float]) -> [Float]? { run(v) { jaxlab_elementwise_logistic_f32($0, $1, $2) } }
}
