import CJaxRandomKernels

/// The threefry2x32 computations behind the random primitives and the fused samplers, for one
/// key (two words), matching JAX 0.10.2 on CPU with `jax_threefry_partitionable=True` bit for
/// bit: C kernels (AVX2 + FMA) where the CPU has them, the same bits in portable Swift SIMD
/// code elsewhere.
enum ThreefryKernels {
    /// Whether this CPU runs the C kernels; otherwise the Swift SIMD code runs.
    static let hasNativeKernels = jaxrandom_has_avx2_fma() != 0

    /// The key a seed gives (`threefry_seed`): a 64-bit seed's high and low words, a narrower
    /// one's low word (sign-extended to 32 bits) after a zero word.
    static func seed(_ seed: JaxArray, at i: Int) -> (UInt32, UInt32) {
        switch seed.storage {
        case .int64(let v):
            let bits = UInt64(bitPattern: v[i])
            return (UInt32(truncatingIfNeeded: bits >> 32), UInt32(truncatingIfNeeded: bits))
        case .uint64(let v):
            return (UInt32(truncatingIfNeeded: v[i] >> 32), UInt32(truncatingIfNeeded: v[i]))
        default:
            return (0, UInt32(truncatingIfNeeded: seed.storage.int64(at: i)))
        }
    }

    /// `split(key, shape)`: key `i` is the hash of the 64-bit flat index `i`, two words each.
    static func split(_ key: (UInt32, UInt32), count: Int) -> [UInt32] {
        Parallel.makeArray(count: 2 * count) { (out: Parallel.Output<UInt32>, range: Range<Int>) in
            // `range` counts words; hash the keys whose first word falls in it.
            var index = range.lowerBound / 2
            while index < range.upperBound / 2 {
                let (a, b) = Threefry.hashIndices8(key: key.0, key.1, start: index)
                for lane in 0 ..< Swift.min(8, range.upperBound / 2 - index) {
                    out.base[2 * (index + lane)] = a[lane]
                    out.base[2 * (index + lane) + 1] = b[lane]
                }
                index += 8
            }
        }
    }

    /// `fold_in(key, data)`: the hash of the counter (0, data).
    static func foldIn(_ key: (UInt32, UInt32), _ data: UInt32) -> (UInt32, UInt32) {
        Threefry.hash(key: key.0, key.1, counter: 0, data)
    }

    /// The partitionable `random_bits` of `count` elements of `width` bits: element `i` hashes
    /// the 64-bit counter `i`; 64-bit values are `hi << 32 | lo`, narrower ones `hi ^ lo`
    /// truncated.
    static func bits(_ key: (UInt32, UInt32), count: Int, width: Int, stoppingAt interrupt: InterruptFlag? = nil) -> Storage {
        switch width {
        case 64:
            return .uint64(generate(key, count: count, stoppingAt: interrupt) { a, b in
                SIMD8<UInt64>(truncatingIfNeeded: a) &<< 32 | SIMD8<UInt64>(truncatingIfNeeded: b)
            })
        case 16:
            return .uint16(generate(key, count: count, stoppingAt: interrupt) { a, b in SIMD8<UInt16>(truncatingIfNeeded: a ^ b) })
        case 8:
            return .uint8(generate(key, count: count, stoppingAt: interrupt) { a, b in SIMD8<UInt8>(truncatingIfNeeded: a ^ b) })
        default:
            if hasNativeKernels {
                return .uint32(Parallel.makeArray(count: count, stoppingAt: interrupt) { (out: Parallel.Output<UInt32>, range: Range<Int>) in
                    jaxrandom_bits32(key.0, key.1, UInt64(range.lowerBound), range.count, out.base + range.lowerBound)
                })
            }
            return .uint32(generate(key, count: count, stoppingAt: interrupt) { a, b in a ^ b })
        }
    }

    /// float32 `_uniform` with scalar bounds in one pass: the random bits fill the mantissa of
    /// a float in [1, 2); subtract 1, scale by `span` and add `lo` in one fused multiply-add,
    /// then clamp below at `lo` (XLA's fused kernel).
    static func uniformFloat32(_ key: (UInt32, UInt32), count: Int, lo: Float, span: Float,
                               stoppingAt interrupt: InterruptFlag? = nil) -> [Float] {
        if hasNativeKernels {
            return Parallel.makeArray(count: count, stoppingAt: interrupt) { (out: Parallel.Output<Float>, range: Range<Int>) in
                jaxrandom_uniform_f32(key.0, key.1, UInt64(range.lowerBound), range.count, lo, span, out.base + range.lowerBound)
            }
        }
        let low = SIMD8<Float>(repeating: lo), width = SIMD8<Float>(repeating: span)
        return generate(key, count: count, stoppingAt: interrupt) { a, b in
            let f = unsafeBitCast(((a ^ b) &>> 9) | 0x3F80_0000, to: SIMD8<Float>.self) - 1
            let v = low.addingProduct(f, width)
            return v.replacing(with: low, where: v .< low)
        }
    }

    /// float32 `_normal` in one pass: `sqrt(2) * erf_inv(u)` with `u` uniform on
    /// (nextafter(-1, 0), 1), each step rounded as XLA's fused CPU kernel rounds it.
    static func normalFloat32(_ key: (UInt32, UInt32), count: Int, native: Bool = hasNativeKernels,
                              stoppingAt interrupt: InterruptFlag? = nil) -> [Float] {
        if native {
            return Parallel.makeArray(count: count, stoppingAt: interrupt) { (out: Parallel.Output<Float>, range: Range<Int>) in
                jaxrandom_normal_f32(key.0, key.1, UInt64(range.lowerBound), range.count, out.base + range.lowerBound)
            }
        }
        let lo = SIMD8<Float>(repeating: Float(bitPattern: 0xBF7F_FFFF))
        let sqrt2 = Float(bitPattern: 0x3FB5_04F3)
        return generate(key, count: count, stoppingAt: interrupt) { a, b in
            let f = unsafeBitCast(((a ^ b) &>> 9) | 0x3F80_0000, to: SIMD8<Float>.self) - 1
            // (f - 1) * 2 + lo is exact, so fused or not it is the same.
            let v = lo.addingProduct(f, SIMD8(repeating: 2))
            let u = v.replacing(with: lo, where: v .< lo)
            return XLALog.erfInv(u) * sqrt2
        }
    }

    /// An array of `count` values, lane `i` of each block of eight computed by `kernel` from the
    /// two hash words of flat index `i` (the blocks after Ctrl-C skipped, see `Parallel`).
    @inline(__always)
    static func generate<Element: SIMDScalar>(
        _ key: (UInt32, UInt32), count: Int, stoppingAt interrupt: InterruptFlag? = nil,
        _ kernel: (SIMD8<UInt32>, SIMD8<UInt32>) -> SIMD8<Element>
    ) -> [Element] {
        Parallel.makeArray(count: count, stoppingAt: interrupt) { (out: Parallel.Output<Element>, range: Range<Int>) in
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
