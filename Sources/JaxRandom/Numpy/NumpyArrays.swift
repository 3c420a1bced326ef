import JaxCore

/// What NumPy's `choice` draws from: `a` as an int (`arange(a)`) or a 1-D array.
public enum NumpyPopulation: Sendable {
    case count(Int)
    case array(JaxArray)
}

/// Array helpers of NumPy's samplers: integer values in a dtype, and picking slices.
enum NumpyArrays {
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
        case .complex64: return .complex64(values.map { Complex64(Float($0), 0) })
        case .complex128: return .complex128(values.map { Complex128(Double($0), 0) })
        }
    }

    /// `jnp.take(x, indices, axis)`; indices are clamped into range as XLA's gather clamps them.
    static func take(_ x: JaxArray, _ indices: [Int], axis: Int, indexShape: [Int]? = nil) -> JaxArray {
        let outer = x.shape[..<axis].reduce(1, &*)
        let inner = x.shape[(axis + 1)...].reduce(1, &*)
        let length = x.shape[axis]
        var source: [Int] = []
        source.reserveCapacity(outer * indices.count * inner)
        for o in 0 ..< outer {
            for index in indices {
                let base = (o * length + min(max(index, 0), max(length - 1, 0))) * inner
                for i in 0 ..< inner { source.append(base + i) }
            }
        }
        let shape = Array(x.shape[..<axis]) + (indexShape ?? [indices.count]) + Array(x.shape[(axis + 1)...])
        return JaxArray(shape: shape, storage: x.storage.gathered(source))
    }
}
