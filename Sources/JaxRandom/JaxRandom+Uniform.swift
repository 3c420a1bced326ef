import CJaxRandomKernels
import JaxCore

extension JaxRandom {
    /// `jax.random.uniform(key, shape, dtype, minval, maxval)`: the random bits fill the mantissa
    /// of a float in [1, 2); subtract 1, scale by `maxval - minval` and add `minval` in one fused
    /// multiply-add, then clamp below at `minval`.
    public static func uniform(
        _ keys: PRNGKeyArray, shape: [Int], dtype: DType? = nil,
        minval: Parameter = .scalar(0), maxval: Parameter = .scalar(1), enableX64: Bool
    ) throws(PyException) -> JaxArray {
        let key = try single(keys, "uniform")
        let resolved = dtype.map { canonical($0, enableX64) } ?? (enableX64 ? .float64 : .float32)
        guard resolved.isFloating else {
            throw PyException.valueError("dtype argument to `uniform` must be a float dtype, got \(resolved.name)")
        }
        let count = try checkShape(shape, itemSize: resolved.itemSize)
        let lows = try minval.expanded(to: shape, name: "mul")
        let highs = try maxval.expanded(to: shape, name: "mul")
        let low0 = minval.single ?? 0
        let high0 = maxval.single ?? 0
        // Per element bounds: (minval, maxval) as Doubles; converted to the dtype below.
        let bounds: (Int) -> (Double, Double) = { i in (lows?[i] ?? low0, highs?[i] ?? high0) }
        let storage: Storage
        switch resolved {
        case .float64:
            let words = rawBits(key, count: count, width: 64)
            guard case .uint64(let w) = words else { return JaxArray(shape: shape, storage: words) }
            storage = .float64((0 ..< count).map { i in
                let (lo, hi) = bounds(i)
                let f = Double(bitPattern: (w[i] >> 12) | 0x3FF0_0000_0000_0000) - 1
                return max(lo, lo.addingProduct(f, hi - lo))
            })
        case .float16:
            let words = rawBits(key, count: count, width: 16)
            guard case .uint16(let w) = words else { return JaxArray(shape: shape, storage: words) }
            storage = .float16((0 ..< count).map { i in
                let (lo, hi) = bounds(i)
                return uniformHalf(w[i], Float16(lo), Float16(hi))
            })
        case .bfloat16:
            let words = rawBits(key, count: count, width: 8)
            guard case .uint8(let w) = words else { return JaxArray(shape: shape, storage: words) }
            storage = .bfloat16((0 ..< count).map { i in
                let (lo, hi) = bounds(i)
                return uniformBrain(w[i], BFloat16(Float(lo)), BFloat16(Float(hi)))
            })
        default:
            if lows == nil, highs == nil, hasNativeKernels {
                let lo = Float(low0)
                let span = Float(high0) - Float(low0)
                storage = .float32(Parallel.makeArray(count: count) { (out: Parallel.Output<Float>, range: Range<Int>) in
                    jaxrandom_uniform_f32(key.0, key.1, UInt64(range.lowerBound), range.count, lo, span, out.base + range.lowerBound)
                })
            } else if lows == nil, highs == nil {
                let lo = SIMD8<Float>(repeating: Float(low0))
                let span = SIMD8<Float>(repeating: Float(high0) - Float(low0))
                storage = .float32(generate(key, count: count) { a, b in
                    let f = unsafeBitCast(((a ^ b) &>> 9) | 0x3F80_0000, to: SIMD8<Float>.self) - 1
                    let v = lo.addingProduct(f, span)
                    return v.replacing(with: lo, where: v .< lo)
                })
            } else {
                let words = rawBits(key, count: count, width: 32)
                guard case .uint32(let w) = words else { return JaxArray(shape: shape, storage: words) }
                storage = .float32((0 ..< count).map { i in
                    let (lo, hi) = bounds(i)
                    return uniformSingle(w[i], Float(lo), Float(hi))
                })
            }
        }
        return JaxArray(shape: shape, storage: storage)
    }

    /// One float32 uniform from 32 random bits.
    @inline(__always)
    static func uniformSingle(_ bits: UInt32, _ lo: Float, _ hi: Float) -> Float {
        let f = Float(bitPattern: (bits >> 9) | 0x3F80_0000) - 1
        return max(lo, lo.addingProduct(f, hi - lo))
    }

    /// One float16 uniform from 16 random bits: half arithmetic rounds after every operation
    /// (no fused multiply-add), as XLA's CPU code does it.
    @inline(__always)
    static func uniformHalf(_ bits: UInt16, _ lo: Float16, _ hi: Float16) -> Float16 {
        let f = Float16(bitPattern: (bits >> 6) | 0x3C00) - 1
        return max(lo, f * (hi - lo) + lo)
    }

    /// One bfloat16 uniform from 8 random bits (bfloat16 has only 7 mantissa bits): each
    /// operation in float32, rounded back to bfloat16.
    @inline(__always)
    static func uniformBrain(_ bits: UInt8, _ lo: BFloat16, _ hi: BFloat16) -> BFloat16 {
        let f = BFloat16(bitPattern: (UInt16(bits) >> 1) | 0x3F80).floatValue - 1
        let span = BFloat16(hi.floatValue - lo.floatValue).floatValue
        let value = BFloat16(BFloat16(f * span).floatValue + lo.floatValue)
        return value.floatValue < lo.floatValue ? lo : value
    }
}
