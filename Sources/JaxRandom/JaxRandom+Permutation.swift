import JaxCore
#if canImport(Glibc)
import Glibc
#endif

extension JaxRandom {
    /// `jax.random.permutation(key, n)`: a shuffled `arange(n)` (int32, int64 with x64).
    public static func permutation(_ keys: PRNGKeyArray, count n: Int, enableX64: Bool) throws(PyException) -> JaxArray {
        let key = try single(keys, "permutation")
        let size = max(n, 0)
        _ = try checkShape([size], itemSize: 8)
        let order = shuffledOrder(key, count: size)
        let storage: Storage = enableX64 ? .int64(order.map { Int64($0) }) : .int32(order.map { Int32(truncatingIfNeeded: $0) })
        return JaxArray(shape: [size], storage: storage)
    }

    /// `jax.random.permutation(key, x, axis, independent)` of an array: its slices along `axis`
    /// shuffled together (or each 1-D lane on its own when `independent`).
    /// A 0-d integer `x` means `arange(x)` (int32, int64 with `enableX64`).
    public static func permutation(
        _ keys: PRNGKeyArray, array x: JaxArray, axis: Int = 0, independent: Bool = false, enableX64: Bool = false
    ) throws(PyException) -> JaxArray {
        let key = try single(keys, "permutation")
        guard !x.shape.isEmpty else {
            if x.dtype.isInteger, x.count == 1 {
                return try permutation(keys, count: Int(x.storage.int64(at: 0)), enableX64: enableX64)
            }
            throw PyException.typeError("x must be an integer or at least 1-dimensional")
        }
        let axis = try AxisRules.normalize(axis, rank: x.rank)
        // nothing to shuffle; also keeps a long axis of an empty array from being ordered
        if x.count == 0 { return x }
        if independent && x.rank > 1 {
            return independentShuffle(key, x, axis: axis)
        }
        let order = shuffledOrder(key, count: x.shape[axis])
        return take(x, order, axis: axis)
    }

    /// How many sort rounds `_shuffle` uses so that 32-bit sort keys almost surely never tie.
    static func shuffleRounds(_ count: Int) -> Int {
        Int((3 * Glibc.log(Double(max(1, count))) / Glibc.log(Double(UInt32.max))).rounded(.up))
    }

    /// `_shuffle` of `arange(count)`: each round splits the key and stably sorts by fresh 32-bit
    /// random keys.
    static func shuffledOrder(_ key: (UInt32, UInt32), count: Int) -> [Int] {
        var order = Array(0 ..< count)
        var current = key
        for _ in 0 ..< shuffleRounds(count) {
            let next = Threefry.hash(key: current.0, current.1, counter: 0, 0)
            let sub = Threefry.hash(key: current.0, current.1, counter: 0, 1)
            current = next
            guard case .uint32(let sortKeys) = rawBits(sub, count: count, width: 32) else { break }
            let positions = Array(0 ..< count).sorted { (sortKeys[$0], $0) < (sortKeys[$1], $1) }
            order = positions.map { order[$0] }
        }
        return order
    }

    /// Each lane along `axis` shuffled by its own sort keys (random bits over the whole shape).
    static func independentShuffle(_ key: (UInt32, UInt32), _ x: JaxArray, axis: Int) -> JaxArray {
        var source = Array(0 ..< x.count)
        var current = key
        let strides = Shape.strides(x.shape)
        let length = x.shape[axis]
        let stride = strides[axis]
        for _ in 0 ..< shuffleRounds(x.count) {
            let next = Threefry.hash(key: current.0, current.1, counter: 0, 0)
            let sub = Threefry.hash(key: current.0, current.1, counter: 0, 1)
            current = next
            guard case .uint32(let sortKeys) = rawBits(sub, count: x.count, width: 32) else { break }
            var shuffled = source
            for start in 0 ..< x.count where (start / stride) % length == 0 {
                let lane = (0 ..< length).map { start + $0 * stride }
                let sorted = (0 ..< length).sorted { (sortKeys[lane[$0]], $0) < (sortKeys[lane[$1]], $1) }
                for (position, from) in sorted.enumerated() { shuffled[lane[position]] = source[lane[from]] }
            }
            source = shuffled
        }
        return JaxArray(shape: x.shape, storage: gather(x.storage, source))
    }

    /// `jnp.take(x, indices, axis)`; indices are clamped into range as XLA's gather clamps them.
    static func take(_ x: JaxArray, _ indices: [Int], axis: Int, indexShape: [Int]? = nil) -> JaxArray {
        let outer = x.shape[..<axis].reduce(1, &*)
        let inner = x.shape[(axis + 1)...].reduce(1, &*)
        let length = x.shape[axis]
        var source: [Int] = []
        source.reserveCapacity(outer * indices.count * inner)
        for o in 0 ..< outer {
            for index in indices {
                let base = (o * length + min(max(index, 0), max(length - 1, 0))) * inner
                for i in 0 ..< inner { source.append(base + i) }
            }
        }
        let shape = Array(x.shape[..<axis]) + (indexShape ?? [indices.count]) + Array(x.shape[(axis + 1)...])
        return JaxArray(shape: shape, storage: gather(x.storage, source))
    }

    /// The elements of `storage` at `indices`, same dtype.
    static func gather(_ storage: Storage, _ indices: [Int]) -> Storage {
        func pick<T>(_ v: [T]) -> [T] { indices.map { v[$0] } }
        switch storage {
        case .bool(let v): return .bool(pick(v))
        case .uint8(let v): return .uint8(pick(v))
        case .uint16(let v): return .uint16(pick(v))
        case .uint32(let v): return .uint32(pick(v))
        case .uint64(let v): return .uint64(pick(v))
        case .int8(let v): return .int8(pick(v))
        case .int16(let v): return .int16(pick(v))
        case .int32(let v): return .int32(pick(v))
        case .int64(let v): return .int64(pick(v))
        case .float16(let v): return .float16(pick(v))
        case .bfloat16(let v): return .bfloat16(pick(v))
        case .float32(let v): return .float32(pick(v))
        case .float64(let v): return .float64(pick(v))
        }
    }
}
