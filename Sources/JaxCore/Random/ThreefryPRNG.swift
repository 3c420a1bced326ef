/// The PRNG that evaluates the random primitives on concrete key words. Key data is uint32
/// with a trailing axis of 2 (one pair of words per key); results of `split` and `foldIn` are
/// key data of the same form.
public protocol PRNGImplementation: AnyObject, Sendable {
    /// `random_seed`: keys from integer seeds of any shape.
    func seed(_ seeds: JaxArray) throws(PyException) -> JaxArray
    /// `random_split`: for each key, keys of `shape`.
    func split(_ keys: JaxArray, shape: [Int]) throws(PyException) -> JaxArray
    /// `random_fold_in`: each key folded with the matching uint32 of `data` (broadcast).
    func foldIn(_ keys: JaxArray, _ data: JaxArray) throws(PyException) -> JaxArray
    /// `random_bits`: for each key, unsigned bits of `shape` and `bitWidth`.
    /// (The blocks after Ctrl-C are skipped: the caller must then drop the result.)
    func bits(_ keys: JaxArray, bitWidth: Int, shape: [Int], stoppingAt interrupt: InterruptFlag?) throws(PyException) -> JaxArray
}

/// threefry2x32, JAX's default PRNG, for key arrays of any shape: each key gives exactly what
/// it gives alone.
public final class ThreefryPRNG: PRNGImplementation {
    public init() {}

    /// The keys of key data (uint32 words, trailing axis of 2), with the keys' shape.
    private func keys(_ data: JaxArray) throws(PyException) -> (shape: [Int], words: [UInt32]) {
        guard case .uint32(let words) = data.storage, data.shape.last == 2 else {
            throw PyException.typeError("threefry keys must be uint32 words with a trailing axis of 2, got \(data.dtype.name)\(Shape.describe(data.shape))")
        }
        return (Array(data.shape.dropLast()), words)
    }

    public func seed(_ seeds: JaxArray) throws(PyException) -> JaxArray {
        var words: [UInt32] = []
        words.reserveCapacity(2 &* seeds.count)
        for i in 0..<seeds.count {
            let (a, b) = ThreefryKernels.seed(seeds, at: i)
            words += [a, b]
        }
        return JaxArray(shape: seeds.shape + [2], storage: .uint32(words))
    }

    public func split(_ keyData: JaxArray, shape: [Int]) throws(PyException) -> JaxArray {
        let (keyShape, words) = try keys(keyData)
        let count = try Shape.checkedCount(shape, itemSize: 8)
        _ = try Shape.checkedCount(keyShape + shape + [2], itemSize: 4)
        var out: [UInt32] = []
        for k in stride(from: 0, to: words.count, by: 2) {
            out += ThreefryKernels.split((words[k], words[k + 1]), count: count)
        }
        return JaxArray(shape: keyShape + shape + [2], storage: .uint32(out))
    }

    public func foldIn(_ keyData: JaxArray, _ data: JaxArray) throws(PyException) -> JaxArray {
        let keyShape = Array(keyData.shape.dropLast())
        let shape = try Kernels.broadcastShapes([keyShape, data.shape])
        let wide = try Kernels.broadcastInDim(keyData, shape: shape + [2],
                                              broadcastDimensions: Array((shape.count - keyShape.count)..<(shape.count + 1)))
        let values = try Kernels.broadcast(Kernels.cast(data, to: .uint32, semantics: .jax), to: shape)
        guard case .uint32(let d) = values.storage else { throw PyException.typeError("fold_in data must be integers") }
        let (_, words) = try keys(wide)
        var out: [UInt32] = []
        out.reserveCapacity(words.count)
        for (i, v) in d.enumerated() {
            let (a, b) = ThreefryKernels.foldIn((words[2 * i], words[2 * i + 1]), v)
            out += [a, b]
        }
        return JaxArray(shape: shape + [2], storage: .uint32(out))
    }

    public func bits(_ keyData: JaxArray, bitWidth: Int, shape: [Int], stoppingAt interrupt: InterruptFlag?) throws(PyException) -> JaxArray {
        let (keyShape, words) = try keys(keyData)
        let dtype = Primitive.bitsDType(bitWidth)
        let count = try Shape.checkedCount(shape, itemSize: dtype.itemSize)
        _ = try Shape.checkedCount(keyShape + shape, itemSize: dtype.itemSize)
        var parts: [JaxArray] = []
        for k in stride(from: 0, to: words.count, by: 2) {
            parts.append(JaxArray(shape: shape, storage: ThreefryKernels.bits((words[k], words[k + 1]), count: count, width: bitWidth,
                                                                                  stoppingAt: interrupt)))
        }
        if keyShape.isEmpty, let only = parts.first { return only }
        if parts.isEmpty { return try Kernels.full(shape: keyShape + shape, value: .int(0), dtype: dtype, limits: .standard) }
        var stacked: [JaxArray] = []
        for p in parts { stacked.append(try Kernels.expandDims(p, axes: [0])) }
        return try Kernels.reshape(try Kernels.concatenate(stacked, axis: 0), to: keyShape + shape)
    }
}
