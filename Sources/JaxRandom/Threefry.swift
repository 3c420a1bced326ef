/// The Threefry-2x32 block cipher with 20 rounds, the hash under every JAX random function.
public enum Threefry {
    private static let rotations: [[UInt32]] = [[13, 15, 26, 6], [17, 29, 16, 24]]

    @inline(__always)
    private static func rotateLeft(_ x: UInt32, _ r: UInt32) -> UInt32 {
        (x << r) | (x >> (32 - r))
    }

    /// Encrypts the counter pair `(x0, x1)` under the key `(k0, k1)`.
    public static func hash(key k0: UInt32, _ k1: UInt32, counter x0: UInt32, _ x1: UInt32) -> (UInt32, UInt32) {
        let ks: [UInt32] = [k0, k1, k0 ^ k1 ^ 0x1BD1_1BDA]
        var a = x0 &+ ks[0]
        var b = x1 &+ ks[1]
        for group in 0..<5 {
            for r in rotations[group % 2] {
                a = a &+ b
                b = rotateLeft(b, r)
                b ^= a
            }
            a = a &+ ks[(group + 1) % 3]
            b = b &+ ks[(group + 2) % 3] &+ UInt32(group + 1)
        }
        return (a, b)
    }
}
