/// lax.sort: operands of one shape reordered together along a dimension.
extension Kernels {
    /// Sorts along `dimension` by the first `numKeys` operands, lexicographically and stably,
    /// and applies the same order to every operand. Floats sort as lax's comparator orders
    /// them: -inf < ... < inf < NaN, with -0 equal to 0 and every NaN equal; complex numbers
    /// by real part, then imaginary part; under JAX the comparison also sees subnormals as
    /// zero (XLA on CPU flushes them). The scratch space (a word per element for each key and
    /// for the order, a few per element of one lane) is counted against `limits` like an
    /// array; Ctrl-C stops it between lanes.
    public static func sort(_ operands: [JaxArray], dimension: Int, numKeys: Int,
                            semantics: ArraySemantics = .jax, limits: ArrayLimits = .standard,
                            interrupt: InterruptFlag? = nil) throws(PyException) -> [JaxArray] {
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
        let length = first.shape[dimension]
        // operands are arrays that fit in memory, so these products of small factors cannot overflow
        let scratch = first.count * (numKeys + 1) * 8 + length * 24
        try limits.reserve(scratch, for: "the scratch space of a sort of shape \(Shape.describe(first.shape))")
        // a complex key sorts by its real part, then its imaginary part (lax's comparator)
        let keys = operands.prefix(numKeys).flatMap { key in
            key.dtype.isComplex ? { let p = ComplexCast.parts(key); return [p.re, p.im] }() : [key]
        }.map { orderedKeys($0, flush: semantics == .jax) }
        let stride = Shape.strides(first.shape)[dimension]
        // one 32-bit key: key and position packed into one word sort with no comparator at all
        let packed = keys.count == 1 && operands[0].dtype.itemSize <= 4 && length <= Int(UInt32.max)
        var source = [Int](repeating: 0, count: first.count)
        var lane = [Int](repeating: 0, count: length)
        var words = [UInt64](repeating: 0, count: packed ? length : 0)
        var spare = [UInt64](repeating: 0, count: packed && length >= radixLength ? length : 0)
        for start in 0..<first.count where (start / stride) % Swift.max(length, 1) == 0 {
            if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
            for i in 0..<length { lane[i] = start + i * stride }
            if packed {
                let key = keys[0]
                for i in 0..<length { words[i] = (key[lane[i]] >> 32) << 32 | UInt64(i) }
                try sortPacked(&words, scratch: &spare, interrupt: interrupt)
                for i in 0..<length { source[start + i * stride] = lane[Int(words[i] & 0xFFFF_FFFF)] }
                continue
            }
            let order = (0..<length).sorted { a, b in
                for key in keys where key[lane[a]] != key[lane[b]] { return key[lane[a]] < key[lane[b]] }
                return a < b
            }
            for (i, picked) in order.enumerated() { source[start + i * stride] = lane[picked] }
        }
        return operands.map { JaxArray(shape: $0.shape, storage: $0.storage.gathered(source), weakType: $0.weakType) }
    }

    /// Lanes at least this long sort by radix: linear time, and Ctrl-C is seen between passes.
    static let radixLength = 4096

    /// Sorts words whose high 32 bits are the key and low 32 bits the position, into the order
    /// `sort()` gives them: a long lane by a stable radix sort of the key's four bytes (low
    /// byte first), which keeps equal keys in position order, with Ctrl-C seen between passes.
    private static func sortPacked(_ words: inout [UInt64], scratch: inout [UInt64], interrupt: InterruptFlag?) throws(PyException) {
        guard words.count >= radixLength, scratch.count == words.count else { return words.sort() }
        for shift: UInt64 in [32, 40, 48, 56] {
            if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
            var counts = [Int](repeating: 0, count: 257)
            for word in words { counts[Int((word >> shift) & 0xFF) + 1] += 1 }
            // a byte every key shares leaves the order as it is
            if counts.contains(words.count) { continue }
            for b in 0..<256 { counts[b + 1] += counts[b] }
            words.withUnsafeBufferPointer { from in
                scratch.withUnsafeMutableBufferPointer { to in
                    for word in from {
                        let bucket = Int((word >> shift) & 0xFF)
                        to[counts[bucket]] = word
                        counts[bucket] += 1
                    }
                }
            }
            swap(&words, &scratch)
        }
    }

    /// Each element mapped to an unsigned word whose unsigned order is the sort order:
    /// signed integers offset by the sign bit, floats by their bits in total order after
    /// zeros and NaNs are made one value each, all left-aligned so narrower types fill the
    /// high bits.
    private static func orderedKeys(_ a: JaxArray, flush: Bool) -> [UInt64] {
        let shift = UInt64(64 - a.dtype.itemSize * 8)
        switch a.dtype.kind {
        case .floating:
            let narrow = a.dtype.itemSize <= 4
            return (0..<a.count).map { i in
                var v = a.storage.double(at: i)
                // float16 and bfloat16 widen exactly to float32, whose bits order them all
                if narrow && flush && Float(v).isSubnormal || !narrow && flush && v.isSubnormal || v == 0 { v = 0 }
                if v.isNaN { v = .nan }
                if narrow {
                    let bits = UInt64(Float(v).bitPattern)
                    return (bits >> 31 == 1 ? ~bits & 0xFFFF_FFFF : bits | (1 << 31)) << 32
                }
                let bits = v.bitPattern
                return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
            }
        case .unsignedInteger:
            return (0..<a.count).map { UInt64(bitPattern: a.storage.int64(at: $0)) << shift }
        default:
            return (0..<a.count).map { (UInt64(bitPattern: a.storage.int64(at: $0)) << shift) ^ (1 << 63) }
        }
    }
}
