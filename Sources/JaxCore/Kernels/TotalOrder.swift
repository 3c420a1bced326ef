/// The total order XLA's sorts compare floats in: -NaN < -inf < ... < -0 < 0 < ... < inf < NaN.
/// Integers and booleans keep their usual order.
enum TotalOrder {
    /// A key that orders element `i` of `storage` as the total order does.
    static func key(_ storage: Storage, _ i: Int) -> Int64 {
        switch storage {
        case .float16, .bfloat16, .float32, .float64:
            // widening to Double keeps sign, NaN-ness and order
            let bits = Int64(bitPattern: storage.double(at: i).bitPattern)
            return bits < 0 ? bits ^ Int64.max : bits
        case .uint64(let v):
            // flip the top bit so unsigned order becomes signed order
            return Int64(bitPattern: v[i] ^ (1 << 63))
        default:
            return storage.int64(at: i)
        }
    }

    /// `le_to`: `x <= y` elementwise in the total order, after broadcasting.
    static func lessEqual(_ x: JaxArray, _ y: JaxArray, shape: [Int]) throws(PyException) -> JaxArray {
        try compare(x, y, shape: shape, <=)
    }

    /// `lt_to`: `x < y` elementwise in the total order, after broadcasting.
    static func less(_ x: JaxArray, _ y: JaxArray, shape: [Int]) throws(PyException) -> JaxArray {
        try compare(x, y, shape: shape, <)
    }

    private static func compare(_ x: JaxArray, _ y: JaxArray, shape: [Int], _ op: (Int64, Int64) -> Bool) throws(PyException) -> JaxArray {
        let a = try Kernels.broadcast(x, to: shape), b = try Kernels.broadcast(y, to: shape)
        var out = [Bool](repeating: false, count: a.count)
        for i in 0..<a.count { out[i] = op(key(a.storage, i), key(b.storage, i)) }
        return JaxArray(shape: shape, storage: .bool(out))
    }

    /// `top_k` along `axis`: the `k` largest elements of each lane in descending total order
    /// (earlier elements first among equals) and their int32 positions.
    static func topK(_ x: JaxArray, k: Int, axis: Int) throws(PyException) -> [JaxArray] {
        let n = x.shape[axis]
        let inner = x.shape[(axis + 1)...].reduce(1, *)
        let outer = x.count / Swift.max(n * inner, 1)
        var outShape = x.shape
        outShape[axis] = k
        var picked: [Int] = []
        var positions: [Int32] = []
        picked.reserveCapacity(outer * k * inner)
        var lanes = [[Int]](repeating: [], count: inner)
        for o in 0..<outer {
            for j in 0..<inner {
                let base = o * n * inner + j
                let keys = (0..<n).map { key(x.storage, base + $0 * inner) }
                lanes[j] = Array((0..<n).sorted { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }.prefix(k))
            }
            for r in 0..<k {
                for j in 0..<inner {
                    picked.append(o * n * inner + lanes[j][r] * inner + j)
                    positions.append(Int32(lanes[j][r]))
                }
            }
        }
        return [JaxArray(shape: outShape, storage: x.storage.gathered(picked)), JaxArray(shape: outShape, storage: .int32(positions))]
    }
}
