/// The product of requested axis sizes as Python computes it (`math.prod` on unbounded
/// integers), so that JAX's reshape messages can quote products that do not fit in an `Int`.
struct PythonProduct {
    /// The product when it fits in an `Int`.
    let value: Int?
    /// The exact product in decimal, with a leading `-` when negative.
    let text: String

    var isZero: Bool { value == 0 }

    init(_ factors: [Int]) {
        if factors.contains(0) {
            value = 0
            text = "0"
            return
        }
        var product = 1
        var overflow = false
        for f in factors where !overflow {
            let (p, o) = product.multipliedReportingOverflow(by: f)
            product = p
            overflow = o
        }
        if !overflow {
            value = product
            text = String(product)
            return
        }
        // No factor is zero here: multiply magnitudes in base 10^9 limbs.
        let base: UInt64 = 1_000_000_000
        var limbs: [UInt64] = [1]
        for f in factors {
            var carry: UInt64 = 0
            let m = f.magnitude
            let (hi, lo) = (UInt64(m / UInt(base)), UInt64(m % UInt(base)))
            // limbs * (hi * base + lo), accumulated limb by limb
            var next = [UInt64](repeating: 0, count: limbs.count + 3)
            for (i, limb) in limbs.enumerated() {
                for (j, part) in [lo, hi % base, hi / base].enumerated() {
                    var k = i + j
                    carry = limb * part
                    while carry > 0 {
                        let t = next[k] + carry % base
                        next[k] = t % base
                        carry = carry / base + t / base
                        k += 1
                    }
                }
            }
            while next.count > 1, next.last == 0 { next.removeLast() }
            limbs = next
        }
        var digits = String(limbs.last ?? 0)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            digits += String(repeating: "0", count: 9 - part.count) + part
        }
        value = nil
        text = (factors.filter { $0 < 0 }.count % 2 == 1 ? "-" : "") + digits
    }
}
