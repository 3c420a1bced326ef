/// The Threefry-2x32 block cipher with 20 rounds, the hash under every JAX random function.
public enum Threefry {
    /// Encrypts the counter pair `(x0, x1)` under the key `(k0, k1)`.
    @inlinable
    public static func hash(key k0: UInt32, _ k1: UInt32, counter x0: UInt32, _ x1: UInt32) -> (UInt32, UInt32) {
        let r = hash8(key: k0, k1, counterHigh: SIMD8(repeating: x0), counterLow: SIMD8(repeating: x1))
        return (r.0[0], r.1[0])
    }

    /// Eight counters at once: lane `i` encrypts `(counterHigh[i], counterLow[i])`.
    @inlinable @inline(__always)
    public static func hash8(key k0: UInt32, _ k1: UInt32, counterHigh: SIMD8<UInt32>, counterLow: SIMD8<UInt32>)
        -> (SIMD8<UInt32>, SIMD8<UInt32>)
    {
        let k2 = k0 ^ k1 ^ 0x1BD1_1BDA
        var a = counterHigh &+ k0
        var b = counterLow &+ k1
        @inline(__always) func round(_ r: UInt32) {
            a = a &+ b
            b = (b &<< r) | (b &>> (32 - r))
            b ^= a
        }
        @inline(__always) func evenGroup() { round(13); round(15); round(26); round(6) }
        @inline(__always) func oddGroup() { round(17); round(29); round(16); round(24) }
        evenGroup()
        a = a &+ k1
        b = b &+ (k2 &+ 1)
        oddGroup()
        a = a &+ k2
        b = b &+ (k0 &+ 2)
        evenGroup()
        a = a &+ k0
        b = b &+ (k1 &+ 3)
        oddGroup()
        a = a &+ k1
        b = b &+ (k2 &+ 4)
        evenGroup()
        a = a &+ k2
        b = b &+ (k0 &+ 5)
        return (a, b)
    }

    /// The two hash words for the flat indices `start ..< start + 8` used as 64-bit counters
    /// (high word, low word), as JAX's partitionable `random_bits` and `split` count.
    @inlinable @inline(__always)
    public static func hashIndices8(key k0: UInt32, _ k1: UInt32, start: Int) -> (SIMD8<UInt32>, SIMD8<UInt32>) {
        let lanes = SIMD8<UInt32>(0, 1, 2, 3, 4, 5, 6, 7)
        let base = UInt64(truncatingIfNeeded: start)
        let low = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: base)) &+ lanes
        var high = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: base >> 32))
        if UInt32(truncatingIfNeeded: base) > UInt32.max - 7 {
            // The low word wraps inside this block: carry into the high word lane by lane.
            for lane in 0..<8 where low[lane] < UInt32(lane) { high[lane] &+= 1 }
        }
        return hash8(key: k0, k1, counterHigh: high, counterLow: low)
    }
}
