import CJaxRandomKernels
import JaxCore

extension JaxRandom {
    /// `jax.random.bits(key, shape, dtype)`: uint8/16/32/64 (default uint32, uint64 with x64).
    public static func bits(_ keys: PRNGKeyArray, shape: [Int], dtype: DType? = nil, enableX64: Bool) throws(PyException) -> JaxArray {
        let key = try single(keys, "bits")
        let resolved = dtype.map { canonical($0, enableX64) } ?? (enableX64 ? .uint64 : .uint32)
        guard resolved.kind == .unsignedInteger else {
            throw PyException.valueError("dtype argument to `bits` must be an unsigned int dtype, got \(resolved.name)")
        }
        let count = try checkShape(shape, itemSize: resolved.itemSize)
        return JaxArray(shape: shape, storage: rawBits(key, count: count, width: resolved.itemSize * 8))
    }

    /// The partitionable `random_bits` of `count` elements of `width` bits: element `i` hashes
    /// the 64-bit counter `i`; 64-bit values are `hi << 32 | lo`, narrower ones `hi ^ lo`
    /// truncated.
    static func rawBits(_ key: (UInt32, UInt32), count: Int, width: Int) -> Storage {
        switch width {
        case 64:
            return .uint64(generate(key, count: count) { a, b in
                SIMD8<UInt64>(truncatingIfNeeded: a) &<< 32 | SIMD8<UInt64>(truncatingIfNeeded: b)
            })
        case 16:
            return .uint16(generate(key, count: count) { a, b in SIMD8<UInt16>(truncatingIfNeeded: a ^ b) })
        case 8:
            return .uint8(generate(key, count: count) { a, b in SIMD8<UInt8>(truncatingIfNeeded: a ^ b) })
        default:
            if hasNativeKernels {
                return .uint32(Parallel.makeArray(count: count) { (out: Parallel.Output<UInt32>, range: Range<Int>) in
                    jaxrandom_bits32(key.0, key.1, UInt64(range.lowerBound), range.count, out.base + range.lowerBound)
                })
            }
            return .uint32(generate(key, count: count) { a, b in a ^ b })
        }
    }

    /// An array of `count` values, lane `i` of each block of eight computed by `kernel` from the
    /// two hash words of flat index `i`.
    @inline(__always)
    static func generate<Element: SIMDScalar>(
        _ key: (UInt32, UInt32), count: Int,
        _ kernel: (SIMD8<UInt32>, SIMD8<UInt32>) -> SIMD8<Element>
    ) -> [Element] {
        Parallel.makeArray(count: count) { (out: Parallel.Output<Element>, range: Range<Int>) in
            var index = range.lowerBound
            while index + 8 <= range.upperBound {
                let (a, b) = Threefry.hashIndices8(key: key.0, key.1, start: index)
                UnsafeMutableRawPointer(out.base + index).storeBytes(of: kernel(a, b), as: SIMD8<Element>.self)
                index += 8
            }
            if index < range.upperBound {
                let (a, b) = Threefry.hashIndices8(key: key.0, key.1, start: index)
                let values = kernel(a, b)
                for lane in 0 ..< range.upperBound - index { (out.base + index + lane).initialize(to: values[lane]) }
            }
        }
    }
}
