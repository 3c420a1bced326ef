/// A whole jitted sampler that the compiler runs as one fused kernel, as XLA fuses it, instead
/// of equation by equation: the same bits in one pass over memory. jax.random names it on the
/// helper's `jit` equation (a hidden parameter), so eager calls, which bind that equation like
/// traced ones, run at the speed of XLA's fused loop.
public enum FusedKernel: Sendable {
    /// `_uniform(key, minval, maxval)` for float32 with scalar bounds.
    case uniformFloat32(shape: [Int])
    /// `_normal(key)` for float32.
    case normalFloat32(shape: [Int])

    /// The helper's outputs for concrete operands; nil when they are not of the kernel's form
    /// (the compiled jaxpr then runs instead). Ctrl-C stops a large sample with KeyboardInterrupt.
    func run(_ xs: [JaxArray], interrupt: InterruptFlag? = nil) throws(PyException) -> [JaxArray]? {
        guard let keyData = xs.first, keyData.isKeyData, keyData.shape == [2], case .uint32(let words) = keyData.storage else {
            return nil
        }
        let key = (words[0], words[1])
        switch self {
        case .uniformFloat32(let shape):
            guard xs.count == 3, xs[1].rank == 0, xs[2].rank == 0,
                  case .float32(let lo) = Kernels.cast(xs[1], to: .float32, semantics: .jax).storage,
                  case .float32(let hi) = Kernels.cast(xs[2], to: .float32, semantics: .jax).storage else { return nil }
            let count = try Shape.checkedCount(shape, itemSize: 4)
            let values = ThreefryKernels.uniformFloat32(key, count: count, lo: lo[0], span: hi[0] - lo[0], stoppingAt: interrupt)
            if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
            return [JaxArray(shape: shape, storage: .float32(values))]
        case .normalFloat32(let shape):
            guard xs.count == 1 else { return nil }
            let count = try Shape.checkedCount(shape, itemSize: 4)
            let values = ThreefryKernels.normalFloat32(key, count: count, stoppingAt: interrupt)
            if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
            return [JaxArray(shape: shape, storage: .float32(values))]
        }
    }
}
