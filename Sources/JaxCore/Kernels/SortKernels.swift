/// lax.sort: operands of one shape reordered together along a dimension.
extension Kernels {
    /// Sorts along `dimension` by the first `numKeys` operands, lexicographically and stably,
    /// and applies the same order to every operand. Floats sort in XLA's total order
    /// (-NaN < -inf < ... < -0 < 0 < ... < inf < NaN).
    public static func sort(_ operands: [JaxArray], dimension: Int, numKeys: Int) throws(PyException) -> [JaxArray] {
        guard let first = operands.first else { throw PyException.typeError("sort requires at least one operand") }
        guard operands.allSatisfy({ $0.shape == first.shape }) else {
            throw PyException.typeError("sort arguments must have the same shape, got \(operands.map { Shape.describe($0.shape) }.joined(separator: ", "))")
        }
        guard dimension >= 0, dimension < first.rank else {
            throw PyException.valueError("sort dimension \(dimension) is out of bounds for rank \(first.rank)")
        }
        guard numKeys >= 1, numKeys <= operands.count else {
            throw PyException.valueError("sort num_keys must be between 1 and the number of operands, got \(numKeys)")
        }
        let keys = operands.prefix(numKeys).map(SortKey.init)
        let length = first.shape[dimension]
        let stride = Shape.strides(first.shape)[dimension]
        var source = [Int](repeating: 0, count: first.count)
        var lane = [Int](repeating: 0, count: length)
        for start in 0..<first.count where (start / stride) % Swift.max(length, 1) == 0 {
            for i in 0..<length { lane[i] = start + i * stride }
            // stable: ties keep their original order
            let order = lane.enumerated().sorted { a, b in
                for key in keys {
                    let c = key.compare(a.element, b.element)
                    if c != 0 { return c < 0 }
                }
                return a.offset < b.offset
            }
            for (i, picked) in order.enumerated() { source[start + i * stride] = picked.element }
        }
        return operands.map { JaxArray(shape: $0.shape, storage: $0.storage.gathered(source), weakType: $0.weakType) }
    }
}

/// One sort-key operand's comparison of two of its elements.
private struct SortKey {
    let compare: (Int, Int) -> Int

    init(_ a: JaxArray) {
        let storage = a.storage
        switch a.dtype.kind {
        case .floating:
            compare = { i, j in SortKey.totalOrder(storage.double(at: i), storage.double(at: j)) }
        case .unsignedInteger:
            compare = { i, j in
                let x = UInt64(bitPattern: storage.int64(at: i)), y = UInt64(bitPattern: storage.int64(at: j))
                return x < y ? -1 : (x > y ? 1 : 0)
            }
        default:
            compare = { i, j in
                let x = storage.int64(at: i), y = storage.int64(at: j)
                return x < y ? -1 : (x > y ? 1 : 0)
            }
        }
    }

    private static func totalOrder(_ x: Double, _ y: Double) -> Int {
        func rank(_ v: Double) -> (Int, Double, Bool) {
            if v.isNaN { return (v.sign == .minus ? -1 : 1, 0, false) }
            return (0, v, v.sign == .minus)
        }
        let (cx, vx, nx) = rank(x), (cy, vy, ny) = rank(y)
        if cx != cy { return cx < cy ? -1 : 1 }
        if cx != 0 || vx == vy && nx == ny { return 0 }
        if vx == vy { return nx ? -1 : 1 }
        return vx < vy ? -1 : 1
    }
}
