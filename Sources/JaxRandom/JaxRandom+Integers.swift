import JaxCore

extension JaxRandom {
    /// `jax.random.randint(key, shape, minval, maxval, dtype)`: two independent words per value
    /// (from the two halves of `split(key)`) reduced modulo the span, as JAX does; 8- and 16-bit
    /// dtypes sample in int32 and narrow.
    public static func randint(
        _ keys: PRNGKeyArray, shape: [Int], minval: Parameter, maxval: Parameter,
        dtype: DType? = nil, enableX64: Bool
    ) throws(PyException) -> JaxArray {
        let key = try single(keys, "randint")
        let resolved = dtype.map { canonical($0, enableX64) } ?? (enableX64 ? .int64 : .int32)
        guard resolved.isInteger else {
            throw PyException.typeError("randint only accepts integer dtypes, got \(resolved.name)")
        }
        let count = try checkShape(shape, itemSize: resolved.itemSize)
        try checkParameterShapes("randint", shape, [minval.shape, maxval.shape])
        var lows = try integers(minval, shape)
        var highs = try integers(maxval, shape)
        var sampling = resolved
        if resolved.itemSize < 4 {
            // Sample in int32 to avoid bias, with bounds clipped to the narrow type's range.
            let (lo, hi) = resolved.integerRange
            lows = lows.map { min(max(Int64(Int32(truncatingIfNeeded: $0)), lo), hi) }
            highs = highs.map { min(max(Int64(Int32(truncatingIfNeeded: $0)), lo), hi + 1) }
            sampling = .int32
        }
        let nbits = sampling.itemSize * 8
        let mask: UInt64 = nbits == 64 ? .max : (1 << UInt64(nbits)) - 1
        let (typeMin, typeMax) = sampling.integerRange
        let k1 = Threefry.hash(key: key.0, key.1, counter: 0, 0)
        let k2 = Threefry.hash(key: key.0, key.1, counter: 0, 1)
        let higher = wordsOf(rawBits(k1, count: count, width: nbits))
        let lower = wordsOf(rawBits(k2, count: count, width: nbits))
        @inline(__always) func rem(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? a : a % b }
        let factor = UInt64(1) << UInt64(nbits / 2)
        var values = [Int64](repeating: 0, count: count)
        for i in 0 ..< count {
            let rawLow = lows.count == 1 ? lows[0] : lows[i]
            let rawHigh = highs.count == 1 ? highs[0] : highs[i]
            let outOfRange = rawHigh > typeMax
            let lo = min(max(rawLow, typeMin), typeMax)
            let hi = min(max(rawHigh, typeMin), typeMax)
            var span = UInt64(bitPattern: hi &- lo) & mask
            if hi <= lo { span = 1 }
            if outOfRange && hi > lo { span = (span &+ 1) & mask }
            var multiplier = rem(factor & mask, span)
            multiplier = rem((multiplier &* multiplier) & mask, span)
            var offset = (rem(higher[i], span) &* multiplier) & mask
            offset = rem((offset &+ rem(lower[i], span)) & mask, span)
            values[i] = lo &+ Int64(bitPattern: offset)
        }
        return JaxArray(shape: shape, storage: integerStorage(values, resolved))
    }

    /// A random-bits storage as UInt64 words.
    static func wordsOf(_ storage: Storage) -> [UInt64] {
        switch storage {
        case .uint64(let v): return v
        case .uint32(let v): return v.map { UInt64($0) }
        case .uint16(let v): return v.map { UInt64($0) }
        case .uint8(let v): return v.map { UInt64($0) }
        default: return []
        }
    }

    /// Int64 values stored as `dtype`, wrapping.
    static func integerStorage(_ values: [Int64], _ dtype: DType) -> Storage {
        switch dtype {
        case .int8: return .int8(values.map { Int8(truncatingIfNeeded: $0) })
        case .int16: return .int16(values.map { Int16(truncatingIfNeeded: $0) })
        case .int32: return .int32(values.map { Int32(truncatingIfNeeded: $0) })
        case .uint8: return .uint8(values.map { UInt8(truncatingIfNeeded: $0) })
        case .uint16: return .uint16(values.map { UInt16(truncatingIfNeeded: $0) })
        case .uint32: return .uint32(values.map { UInt32(truncatingIfNeeded: $0) })
        case .uint64: return .uint64(values.map { UInt64(bitPattern: $0) })
        case .bool: return .bool(values.map { $0 != 0 })
        case .float16: return .float16(values.map { Float16(Float($0)) })
        case .bfloat16: return .bfloat16(values.map { BFloat16(Float($0)) })
        case .float32: return .float32(values.map { Float($0) })
        case .float64: return .float64(values.map { Double($0) })
        case .int64: return .int64(values)
        }
    }

    /// An integer parameter as one value or one value per sample (floats truncate, as
    /// `astype(int)` does).
    static func integers(_ parameter: Parameter, _ shape: [Int]) throws(PyException) -> [Int64] {
        switch parameter {
        case .scalar(let v):
            return [Storage.float64([v]).int64(at: 0)]
        case .array(let a):
            if a.count == 1 { return [a.storage.int64(at: 0)] }
            return try broadcastMap(from: a.shape, to: shape, name: "randint").map { a.storage.int64(at: $0) }
        }
    }

    /// `_check_shape`: parameter shapes must broadcast with `shape` to exactly `shape`.
    static func checkParameterShapes(_ name: String, _ shape: [Int], _ parameterShapes: [[Int]]) throws(PyException) {
        let all = [shape] + parameterShapes
        let rank = all.map(\.count).max() ?? 0
        var result = [Int](repeating: 1, count: rank)
        for s in all {
            let padded = [Int](repeating: 1, count: rank - s.count) + s
            for axis in 0 ..< rank {
                if padded[axis] == result[axis] || padded[axis] == 1 { continue }
                if result[axis] == 1 { result[axis] = padded[axis]; continue }
                throw PyException.valueError(
                    "Incompatible shapes for broadcasting: shapes=[\(all.map(Shape.describe).joined(separator: ", "))]")
            }
        }
        if result != shape {
            throw PyException.valueError(
                "\(name) parameter shapes must be broadcast-compatible with shape argument, and the result of broadcasting the shapes must equal the shape argument, but got result \(Shape.describe(result)) for shape argument \(Shape.describe(shape)).")
        }
    }
}

extension JaxRandom.Parameter {
    /// The parameter's array shape (`()` for a scalar).
    var shape: [Int] {
        switch self {
        case .scalar: return []
        case .array(let a): return a.shape
        }
    }
}
