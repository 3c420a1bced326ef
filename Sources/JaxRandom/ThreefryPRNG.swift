import JaxCore

/// The threefry2x32 implementation of the random primitives (`random_seed`, `random_split`,
/// `random_fold_in`, `random_bits`) for key arrays of any shape: each key gives exactly what
/// the eager `JaxRandom` functions give for it alone.
public final class ThreefryPRNG: PRNGImplementation {
    public init() {}

    /// Each key of `data` (uint32 words with a trailing axis of 2) as a single-key array.
    private func eachKey(_ data: JaxArray) throws(PyException) -> (shape: [Int], keys: [PRNGKeyArray]) {
        let all = try JaxRandom.wrapKeyData(data)
        return (all.shape, (0..<all.count).map { i in
            let (a, b) = all.key(at: i)
            return PRNGKeyArray(a, b)
        })
    }

    public func seed(_ seeds: JaxArray) throws(PyException) -> JaxArray {
        var words: [UInt32] = []
        words.reserveCapacity(2 * seeds.count)
        for i in 0..<seeds.count {
            let one = JaxArray.scalar(seeds.scalarValue(at: i), dtype: seeds.dtype, weak: seeds.weakType)
            words.append(contentsOf: try JaxRandom.key(seedArray: one).words)
        }
        return JaxArray(shape: seeds.shape + [2], storage: .uint32(words))
    }

    public func split(_ keys: JaxArray, shape: [Int]) throws(PyException) -> JaxArray {
        let (keyShape, each) = try eachKey(keys)
        _ = try Shape.checkedCount(keyShape + shape + [2], itemSize: 4)
        var words: [UInt32] = []
        for k in each { words.append(contentsOf: try JaxRandom.split(k, shape: shape).words) }
        return JaxArray(shape: keyShape + shape + [2], storage: .uint32(words))
    }

    public func foldIn(_ keys: JaxArray, _ data: JaxArray) throws(PyException) -> JaxArray {
        let keyShape = Array(keys.shape.dropLast())
        let shape = try Kernels.broadcastShapes([keyShape, data.shape])
        let wide = try Kernels.broadcastInDim(keys, shape: shape + [2],
                                              broadcastDimensions: Array((shape.count - keyShape.count)..<(shape.count + 1)))
        let values = try Kernels.broadcast(Kernels.cast(data, to: .uint32, semantics: .jax), to: shape)
        guard case .uint32(let d) = values.storage else { throw PyException.typeError("fold_in data must be integers") }
        let (_, each) = try eachKey(wide)
        var words: [UInt32] = []
        for (k, v) in zip(each, d) { words.append(contentsOf: try JaxRandom.foldIn(k, data: v).words) }
        return JaxArray(shape: shape + [2], storage: .uint32(words))
    }

    public func bits(_ keys: JaxArray, bitWidth: Int, shape: [Int]) throws(PyException) -> JaxArray {
        let (keyShape, each) = try eachKey(keys)
        let dtype: DType = bitWidth == 8 ? .uint8 : bitWidth == 16 ? .uint16 : bitWidth == 64 ? .uint64 : .uint32
        _ = try Shape.checkedCount(keyShape + shape, itemSize: dtype.itemSize)
        var parts: [JaxArray] = []
        for k in each { parts.append(try JaxRandom.bits(k, shape: shape, dtype: dtype, enableX64: true)) }
        if keyShape.isEmpty, let only = parts.first { return only }
        if parts.isEmpty {
            return try Kernels.full(shape: keyShape + shape, value: .int(0), dtype: dtype, limits: .standard)
        }
        var stacked: [JaxArray] = []
        for p in parts { stacked.append(try Kernels.expandDims(p, axes: [0])) }
        return try Kernels.reshape(try Kernels.concatenate(stacked, axis: 0), to: keyShape + shape)
    }
}
