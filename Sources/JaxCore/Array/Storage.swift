/// The elements of an array, row-major and contiguous, in a Swift array of the dtype's own
/// Swift type: Swift arrays give copy-on-write for free.
public enum Storage: Sendable {
    case bool([Bool])
    case uint8([UInt8])
    case uint16([UInt16])
    case uint32([UInt32])
    case uint64([UInt64])
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])
    case float16([Float16])
    case bfloat16([BFloat16])
    case float32([Float])
    case float64([Double])
    case complex64([Complex64])
    case complex128([Complex128])

    public var dtype: DType {
        switch self {
        case .bool: return .bool
        case .uint8: return .uint8
        case .uint16: return .uint16
        case .uint32: return .uint32
        case .uint64: return .uint64
        case .int8: return .int8
        case .int16: return .int16
        case .int32: return .int32
        case .int64: return .int64
        case .float16: return .float16
        case .bfloat16: return .bfloat16
        case .float32: return .float32
        case .float64: return .float64
        case .complex64: return .complex64
        case .complex128: return .complex128
        }
    }

    public var count: Int {
        switch self {
        case .bool(let v): return v.count
        case .uint8(let v): return v.count
        case .uint16(let v): return v.count
        case .uint32(let v): return v.count
        case .uint64(let v): return v.count
        case .int8(let v): return v.count
        case .int16(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .float16(let v): return v.count
        case .bfloat16(let v): return v.count
        case .float32(let v): return v.count
        case .float64(let v): return v.count
        case .complex64(let v): return v.count
        case .complex128(let v): return v.count
        }
    }

    /// Element `i` as a Double (exact for every dtype but int64/uint64 beyond 2^53; the real
    /// part of a complex element).
    public func double(at i: Int) -> Double {
        switch self {
        case .bool(let v): return v[i] ? 1 : 0
        case .uint8(let v): return Double(v[i])
        case .uint16(let v): return Double(v[i])
        case .uint32(let v): return Double(v[i])
        case .uint64(let v): return Double(v[i])
        case .int8(let v): return Double(v[i])
        case .int16(let v): return Double(v[i])
        case .int32(let v): return Double(v[i])
        case .int64(let v): return Double(v[i])
        case .float16(let v): return Double(v[i])
        case .bfloat16(let v): return Double(v[i].floatValue)
        case .float32(let v): return Double(v[i])
        case .float64(let v): return v[i]
        case .complex64(let v): return Double(v[i].re)
        case .complex128(let v): return v[i].re
        }
    }

    /// Element `i` as a (real, imaginary) pair of Doubles (0 imaginary for real dtypes).
    public func complexParts(at i: Int) -> (re: Double, im: Double) {
        switch self {
        case .complex64(let v): return (Double(v[i].re), Double(v[i].im))
        case .complex128(let v): return (v[i].re, v[i].im)
        default: return (double(at: i), 0)
        }
    }

    /// Element `i` of an integer or bool storage as an Int64 (floats truncate toward zero,
    /// saturating, NaN as 0: only for callers that already know the dtype is integral).
    public func int64(at i: Int) -> Int64 {
        switch self {
        case .bool(let v): return v[i] ? 1 : 0
        case .uint8(let v): return Int64(v[i])
        case .uint16(let v): return Int64(v[i])
        case .uint32(let v): return Int64(v[i])
        case .uint64(let v): return Int64(truncatingIfNeeded: v[i])
        case .int8(let v): return Int64(v[i])
        case .int16(let v): return Int64(v[i])
        case .int32(let v): return Int64(v[i])
        case .int64(let v): return v[i]
        default:
            let d = double(at: i)
            if d.isNaN { return 0 }
            if d >= 9.2233720368547758e18 { return Int64.max }
            if d <= -9.2233720368547758e18 { return Int64.min }
            return Int64(d)
        }
    }

    /// Where the elements live: arrays that share a buffer (copies of one value) give the same
    /// address. nil for an empty storage.
    var bufferAddress: Int? {
        func address<T>(_ v: [T]) -> Int? {
            guard !v.isEmpty else { return nil }
            return v.withUnsafeBufferPointer { $0.baseAddress.map { Int(bitPattern: $0) } }
        }
        switch self {
        case .bool(let v): return address(v)
        case .uint8(let v): return address(v)
        case .uint16(let v): return address(v)
        case .uint32(let v): return address(v)
        case .uint64(let v): return address(v)
        case .int8(let v): return address(v)
        case .int16(let v): return address(v)
        case .int32(let v): return address(v)
        case .int64(let v): return address(v)
        case .float16(let v): return address(v)
        case .bfloat16(let v): return address(v)
        case .float32(let v): return address(v)
        case .float64(let v): return address(v)
        case .complex64(let v): return address(v)
        case .complex128(let v): return address(v)
        }
    }
}
