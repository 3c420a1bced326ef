/// The binary search `jnp.searchsorted` stages as a scan, run directly: per query, `length`
/// halvings of the unsigned bounds `[low, high)`, comparing the query with the sorted value at
/// the midpoint (clamped into the array) in the total order after making zeros and NaNs
/// canonical, exactly as the scan body does.
enum SearchLoop {
    /// `xs` are the scan's operands: the 1-D sorted array, the queries, then the low and high
    /// bounds shaped like the queries. nil when the operands are not of that form. `right`
    /// searches past equal values (`lt_to` instead of `le_to`).
    static func run(_ xs: [JaxArray], length: Int, right: Bool = false) -> [JaxArray]? {
        guard xs.count == 4, xs[0].rank == 1, xs[0].count > 0, xs[1].shape == xs[2].shape, xs[2].shape == xs[3].shape,
              xs[2].dtype == xs[3].dtype, xs[2].dtype.kind == .unsignedInteger else { return nil }
        let sorted = xs[0], queries = xs[1]
        let n = sorted.count
        let sortedKeys = keys(sorted.storage)
        let queryKeys = keys(queries.storage)
        var lows: [UInt64] = [], highs: [UInt64] = []
        lows.reserveCapacity(queries.count)
        highs.reserveCapacity(queries.count)
        let mask: UInt64 = xs[2].dtype == .uint64 ? .max : UInt64(UInt32.max)
        for i in 0..<queries.count {
            let q = queryKeys[i]
            var low = UInt64(bitPattern: xs[2].storage.int64(at: i)) & mask
            var high = UInt64(bitPattern: xs[3].storage.int64(at: i)) & mask
            for _ in 0..<length {
                let mid = (low &+ ((high &- low) & mask) / 2) & mask
                let probe = sortedKeys[Int(Swift.min(mid, UInt64(n - 1)))]
                if right ? q < probe : q <= probe { high = mid } else { low = mid }
            }
            lows.append(low)
            highs.append(high)
        }
        return [storage(lows, like: xs[2]), storage(highs, like: xs[3])]
    }

    /// Every element's key; float32, the common case, without per-element dispatch.
    private static func keys(_ s: Storage) -> [Int64] {
        if case .float32(let v) = s {
            return v.map { x in
                if x.isNaN { return Int64(Float.nan.bitPattern) }
                if x == 0 { return 0 }
                let bits = Int64(Int32(bitPattern: x.bitPattern))
                return bits < 0 ? bits ^ Int64(Int32.max) : bits
            }
        }
        return (0..<s.count).map { key(s, $0) }
    }

    /// The total-order key of element `i` after lax's canonicalisation (-0 as 0, every NaN as
    /// the positive quiet NaN).
    private static func key(_ s: Storage, _ i: Int) -> Int64 {
        switch s {
        case .float16, .bfloat16, .float32, .float64:
            let v = s.double(at: i)
            if v.isNaN { return TotalOrder.key(.float64([Double.nan]), 0) }
            if v == 0 { return 0 }
            return TotalOrder.key(s, i)
        default:
            return TotalOrder.key(s, i)
        }
    }

    private static func storage(_ values: [UInt64], like a: JaxArray) -> JaxArray {
        let wide = JaxArray(shape: a.shape, storage: .uint64(values))
        return a.dtype == .uint64 ? wide : Kernels.cast(wide, to: a.dtype, semantics: .jax)
    }
}
