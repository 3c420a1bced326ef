/// The 32-bit Mersenne Twister behind NumPy's legacy `np.random` (`RandomState`), with NumPy's
/// two seedings: a single 32-bit seed (Knuth's linear recurrence) and `init_by_array`.
public struct MT19937: Sendable, Equatable {
    static let stateLength = 624
    static let shift = 397

    /// The 624 state words and the position of the next word to temper.
    var key: [UInt32]
    var position: Int

    /// A generator at a saved state (`np.random.set_state`); nil unless there are 624 words
    /// and the position is in [0, 624].
    public init?(key: [UInt32], position: Int) {
        guard key.count == Self.stateLength, position >= 0, position <= Self.stateLength else { return nil }
        self.key = key
        self.position = position
    }

    /// The state words and position, as `np.random.get_state` shows them.
    public var state: (key: [UInt32], position: Int) { (key, position) }

    /// `np.random.seed(n)` for an integer `n` in [0, 2**32).
    public init(seed: UInt32) {
        key = [UInt32](repeating: 0, count: Self.stateLength)
        var s = seed
        for index in 0 ..< Self.stateLength {
            key[index] = s
            s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(index + 1)
        }
        position = Self.stateLength
    }

    /// `np.random.seed(array)` (and fresh entropy): the reference `init_by_array`.
    public init(seedArray initKey: [UInt32]) {
        self.init(seed: 19_650_218)
        let n = Self.stateLength
        var i = 1
        var j = 0
        let length = max(initKey.count, 1)
        for _ in 0 ..< max(n, initKey.count) {
            let word = initKey.isEmpty ? 0 : initKey[j]
            key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) &* 1_664_525)) &+ word &+ UInt32(truncatingIfNeeded: j)
            i += 1
            j += 1
            if i >= n { key[0] = key[n - 1]; i = 1 }
            if j >= length { j = 0 }
        }
        for _ in 0 ..< n - 1 {
            key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n { key[0] = key[n - 1]; i = 1 }
        }
        key[0] = 0x8000_0000
        position = n
    }

    /// Regenerates all 624 words at once.
    mutating func twist() {
        let n = Self.stateLength
        let m = Self.shift
        key.withUnsafeMutableBufferPointer { mt in
            @inline(__always) func mix(_ i: Int, _ next: Int, _ far: Int) {
                let y = (mt[i] & 0x8000_0000) | (mt[next] & 0x7FFF_FFFF)
                mt[i] = mt[far] ^ (y >> 1) ^ ((0 &- (y & 1)) & 0x9908_B0DF)
            }
            for i in 0 ..< n - m { mix(i, i + 1, i + m) }
            for i in n - m ..< n - 1 { mix(i, i + 1, i + m - n) }
            mix(n - 1, 0, m - 1)
        }
        position = 0
    }

    /// The next tempered 32-bit word.
    @inline(__always)
    public mutating func next32() -> UInt32 {
        if position == Self.stateLength { twist() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Two words as one 64-bit value, the first in the high half.
    @inline(__always)
    public mutating func next64() -> UInt64 {
        let high = UInt64(next32())
        return high << 32 | UInt64(next32())
    }

    /// `random_sample`: a double in [0, 1) from 53 random bits (27 + 26).
    @inline(__always)
    public mutating func nextDouble() -> Double {
        let a = next32() >> 5
        let b = next32() >> 6
        return (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
    }

    /// `random_interval(max)`: uniform in [0, max] by masked rejection, as the legacy shuffle
    /// draws it.
    public mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        mask |= mask >> 32
        if max <= 0xFFFF_FFFF {
            while true {
                let value = UInt64(next32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = next64() & mask
            if value <= max { return value }
        }
    }
}
