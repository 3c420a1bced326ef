import JaxCore

/// `np.random.default_rng(seed)`: NumPy's Generator on PCG64 (XSL-RR 128/64), seeded through
/// SeedSequence, with `random`, `integers` (Lemire's bounded draws) and `standard_normal`/`normal`
/// (NumPy's ziggurat) bit for bit.
public struct NumpyGenerator: Sendable, Equatable {
    var state: UInt128
    var increment: UInt128
    /// The high half of the last 64-bit draw, which the next 32-bit draw returns.
    var pendingHalf: UInt32?

    static let multiplier: UInt128 = (2_549_297_995_355_413_924 << 64) | 4_865_540_595_714_422_341

    /// `np.random.default_rng(seed)` for a non-negative Python int seed.
    public init(seed: UInt64) {
        let words = SeedSequence(entropy: seed).generateState64(count: 4)
        let initialState = (UInt128(words[0]) << 64) | UInt128(words[1])
        let sequence = (UInt128(words[2]) << 64) | UInt128(words[3])
        state = 0
        increment = (sequence << 1) | 1
        step()
        state &+= initialState
        step()
        pendingHalf = nil
    }

    mutating func step() {
        state = state &* Self.multiplier &+ increment
    }

    /// The next 64-bit output: advance, then xor-fold and rotate.
    public mutating func next64() -> UInt64 {
        step()
        let folded = UInt64(truncatingIfNeeded: state >> 64) ^ UInt64(truncatingIfNeeded: state)
        let rotation = UInt64(truncatingIfNeeded: state >> 122)
        return (folded >> rotation) | (folded << ((64 &- rotation) & 63))
    }

    /// The next 32-bit output: the low half of a 64-bit draw, then its high half.
    public mutating func next32() -> UInt32 {
        if let half = pendingHalf {
            pendingHalf = nil
            return half
        }
        let value = next64()
        pendingHalf = UInt32(truncatingIfNeeded: value >> 32)
        return UInt32(truncatingIfNeeded: value)
    }

    /// `Generator.random(size)`: doubles in [0, 1) from the top 53 bits.
    public mutating func random(shape: [Int]) throws(PyException) -> JaxArray {
        let n = try Shape.checkedCount(shape, itemSize: 8)
        var values = [Double](repeating: 0, count: n)
        for i in 0 ..< n { values[i] = nextDouble() }
        return JaxArray(shape: shape, storage: .float64(values))
    }

    /// `Generator.uniform(low, high, size)`: `low + (high - low) * random()` per draw, as
    /// NumPy's `random_uniform`.
    public mutating func uniform(low: Double, high: Double, shape: [Int]) throws(PyException) -> JaxArray {
        let range = high - low
        guard range.isFinite else { throw PyException("OverflowError", "Range exceeds valid bounds") }
        let n = try Shape.checkedCount(shape, itemSize: 8)
        var values = [Double](repeating: 0, count: n)
        for i in 0 ..< n { values[i] = low + range * nextDouble() }
        return JaxArray(shape: shape, storage: .float64(values))
    }

    /// `Generator.integers(low, high, size)` (int64, `high` exclusive; `high` nil draws from
    /// [0, low)).
    public mutating func integers(low: Int64, high: Int64? = nil, shape: [Int]) throws(PyException) -> JaxArray {
        let (lo, hi) = high.map { (low, $0) } ?? (0, low)
        guard lo < hi else { throw PyException.valueError(high == nil ? "high <= 0" : "low >= high") }
        let n = try Shape.checkedCount(shape, itemSize: 8)
        let range = UInt64(bitPattern: hi &- 1 &- lo)
        var values = [Int64](repeating: 0, count: n)
        for i in 0 ..< n {
            values[i] = lo &+ Int64(bitPattern: bounded(range))
        }
        return JaxArray(shape: shape, storage: .int64(values))
    }

    /// A draw in [0, range] by Lemire's multiply-and-reject.
    mutating func bounded(_ range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        if range <= 0xFFFF_FFFF {
            if range == 0xFFFF_FFFF { return UInt64(next32()) }
            let exclusive = UInt32(range) + 1
            var m = UInt64(next32()) * UInt64(exclusive)
            var leftover = UInt32(truncatingIfNeeded: m)
            if leftover < exclusive {
                let threshold = (UInt32.max - UInt32(range)) % exclusive
                while leftover < threshold {
                    m = UInt64(next32()) * UInt64(exclusive)
                    leftover = UInt32(truncatingIfNeeded: m)
                }
            }
            return m >> 32
        }
        if range == .max { return next64() }
        let exclusive = range + 1
        var m = UInt128(next64()) * UInt128(exclusive)
        var leftover = UInt64(truncatingIfNeeded: m)
        if leftover < exclusive {
            let threshold = (UInt64.max - range) % exclusive
            while leftover < threshold {
                m = UInt128(next64()) * UInt128(exclusive)
                leftover = UInt64(truncatingIfNeeded: m)
            }
        }
        return UInt64(truncatingIfNeeded: m >> 64)
    }
}

/// NumPy's SeedSequence for one integer of entropy: hashes it into a 4-word pool and draws
/// generator state from the pool.
struct SeedSequence {
    var pool: [UInt32] = [0, 0, 0, 0]

    init(entropy: UInt64) {
        var words: [UInt32] = [UInt32(truncatingIfNeeded: entropy)]
        if entropy >> 32 != 0 { words.append(UInt32(truncatingIfNeeded: entropy >> 32)) }
        var hashConstant: UInt32 = 0x43B0_D7E5
        func hashmix(_ input: UInt32) -> UInt32 {
            var value = input ^ hashConstant
            hashConstant = hashConstant &* 0x931E_8875
            value = value &* hashConstant
            return value ^ (value >> 16)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let result = 0xCA01_F9DD &* x &- 0x4973_F715 &* y
            return result ^ (result >> 16)
        }
        for i in 0 ..< 4 { pool[i] = hashmix(i < words.count ? words[i] : 0) }
        for source in 0 ..< 4 {
            for destination in 0 ..< 4 where source != destination {
                pool[destination] = mix(pool[destination], hashmix(pool[source]))
            }
        }
        for source in 4 ..< max(4, words.count) {
            for destination in 0 ..< 4 { pool[destination] = mix(pool[destination], hashmix(words[source])) }
        }
    }

    /// `generate_state(count, np.uint64)`: pairs of 32-bit words, low word first.
    func generateState64(count: Int) -> [UInt64] {
        var hashConstant: UInt32 = 0x8B51_F9DD
        var words: [UInt32] = []
        for i in 0 ..< 2 * count {
            var value = pool[i % 4] ^ hashConstant
            hashConstant = hashConstant &* 0x58F3_8DED
            value = value &* hashConstant
            words.append(value ^ (value >> 16))
        }
        return (0 ..< count).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
    }
}
