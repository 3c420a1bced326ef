/// The value of a Python scalar (`True`, `3`, `2.5`) as it enters array code.
public enum Scalar: Sendable, Hashable {
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case complex(Double, Double)

    /// The value as a Double (int64 beyond 2^53 rounds; a complex value's real part).
    public var doubleValue: Double {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .complex(let re, _): return re
        }
    }

    /// The imaginary part (0 for every real scalar).
    public var imaginaryPart: Double {
        if case .complex(_, let im) = self { return im }
        return 0
    }

    /// The dtype NumPy gives this Python scalar on its own (bool, int64, float64).
    public var numpyDefaultDType: DType {
        switch self {
        case .bool: return .bool
        case .int: return .int64
        case .float: return .float64
        case .complex: return .complex128
        }
    }
}

extension JaxArray {
    /// A 0-d array holding `value` converted to `dtype` (integers wrap, floats round,
    /// floats to integers truncate then wrap, NaN to integer gives 0).
    public static func scalar(_ value: Scalar, dtype: DType, weak: Bool = false) -> JaxArray {
        let storage: Storage
        switch value {
        case .bool(let b): storage = ElementConversion.fill(integer: b ? 1 : 0, dtype: dtype, count: 1)
        case .int(let i): storage = ElementConversion.fill(integer: i, dtype: dtype, count: 1)
        case .float(let d):
            if dtype.isInexact || dtype == .bool {
                storage = ElementConversion.fill(float: d, dtype: dtype, count: 1)
            } else {
                storage = ElementConversion.fill(integer: ElementConversion.wrappingInt64(d), dtype: dtype, count: 1)
            }
        case .complex(let re, let im):
            storage = ElementConversion.fill(complex: (re, im), dtype: dtype, count: 1)
        }
        guard weak, dtype.isFloating, case .float(let written) = value else { return JaxArray(shape: [], storage: storage, weakType: weak) }
        return JaxArray(shape: [], storage: storage, weakType: true, writtenFloat: written)
    }

    /// Element `flatIndex` (row-major) as a Python scalar: bool, int (uint64 keeps its bit
    /// pattern), float or complex.
    public func scalarValue(at flatIndex: Int) -> Scalar {
        switch storage {
        case .bool(let v): return .bool(v[flatIndex])
        case .uint64(let v): return .int(Int64(bitPattern: v[flatIndex]))
        case .float16, .bfloat16, .float32, .float64: return .float(storage.double(at: flatIndex))
        case .complex64(let v): return .complex(Double(v[flatIndex].re), Double(v[flatIndex].im))
        case .complex128(let v): return .complex(v[flatIndex].re, v[flatIndex].im)
        default: return .int(storage.int64(at: flatIndex))
        }
    }
}

/// Conversions of single values between Python scalars and element types.
enum ElementConversion {
    /// Float to integer the way C truncation followed by two's-complement wrapping would
    /// go for in-range values; NaN and infinities give 0.
    static func wrappingInt64(_ d: Double) -> Int64 {
        guard d.isFinite else { return 0 }
        let t = d.rounded(.towardZero)
        if t >= -9.2233720368547758e18 && t < 9.2233720368547758e18 { return Int64(t) }
        // reduce modulo 2^64 exactly: t is an integer-valued double, so fmod is exact
        var r = t.truncatingRemainder(dividingBy: 18446744073709551616.0)
        if r < 0 { r += 18446744073709551616.0 }
        if r >= 9.2233720368547758e18 { return Int64(bitPattern: UInt64(r)) }
        return Int64(r)
    }

    /// `count` copies of an integer value, wrapped to the dtype.
    static func fill(integer i: Int64, dtype: DType, count: Int) -> Storage {
        switch dtype {
        case .bool: return .bool(Array(repeating: i != 0, count: count))
        case .uint8: return .uint8(Array(repeating: UInt8(truncatingIfNeeded: i), count: count))
        case .uint16: return .uint16(Array(repeating: UInt16(truncatingIfNeeded: i), count: count))
        case .uint32: return .uint32(Array(repeating: UInt32(truncatingIfNeeded: i), count: count))
        case .uint64: return .uint64(Array(repeating: UInt64(truncatingIfNeeded: i), count: count))
        case .int8: return .int8(Array(repeating: Int8(truncatingIfNeeded: i), count: count))
        case .int16: return .int16(Array(repeating: Int16(truncatingIfNeeded: i), count: count))
        case .int32: return .int32(Array(repeating: Int32(truncatingIfNeeded: i), count: count))
        case .int64: return .int64(Array(repeating: i, count: count))
        case .float16: return .float16(Array(repeating: Float16(i), count: count))
        case .bfloat16: return .bfloat16(Array(repeating: BFloat16(Float(i)), count: count))
        case .float32: return .float32(Array(repeating: Float(i), count: count))
        case .float64: return .float64(Array(repeating: Double(i), count: count))
        case .complex64, .complex128: return fill(complex: (Double(i), 0), dtype: dtype, count: count)
        }
    }

    /// `count` copies of a float value rounded to a float dtype (or tested against zero for bool).
    static func fill(float d: Double, dtype: DType, count: Int) -> Storage {
        switch dtype {
        case .bool: return .bool(Array(repeating: d != 0, count: count))
        case .float16: return .float16(Array(repeating: Float16(d), count: count))
        case .bfloat16: return .bfloat16(Array(repeating: BFloat16(Float(d)), count: count))
        case .float32: return .float32(Array(repeating: Float(d), count: count))
        case .float64: return .float64(Array(repeating: d, count: count))
        case .complex64, .complex128: return fill(complex: (d, 0), dtype: dtype, count: count)
        default: return fill(integer: wrappingInt64(d), dtype: dtype, count: count)
        }
    }

    /// `count` copies of a complex value: each part rounded for a complex dtype, the real part
    /// alone (the imaginary part discarded, as a cast does) for the others.
    static func fill(complex value: (re: Double, im: Double), dtype: DType, count: Int) -> Storage {
        switch dtype {
        case .complex64: return .complex64(Array(repeating: Complex64(Float(value.re), Float(value.im)), count: count))
        case .complex128: return .complex128(Array(repeating: Complex128(value.re, value.im), count: count))
        case .bool: return .bool(Array(repeating: value.re != 0 || value.im != 0, count: count))
        default: return fill(float: value.re, dtype: dtype, count: count)
        }
    }
}

extension Storage {
    /// Python scalars as elements of `dtype`, each converted as `JaxArray.scalar` converts it.
    public static func converting(_ scalars: [Scalar], to dtype: DType) -> Storage {
        func integer(_ s: Scalar) -> Int64 {
            switch s {
            case .bool(let b): return b ? 1 : 0
            case .int(let i): return i
            case .float(let d): return ElementConversion.wrappingInt64(d)
            case .complex(let re, _): return ElementConversion.wrappingInt64(re)
            }
        }
        /// The real part of a float or complex scalar; nil for bools and ints, which convert
        /// straight from their integer value (rounding once).
        func inexact(_ s: Scalar) -> Double? {
            switch s {
            case .float(let d), .complex(let d, _): return d
            default: return nil
            }
        }
        switch dtype {
        case .bool: return .bool(scalars.map { $0.doubleValue != 0 || $0.imaginaryPart != 0 })
        case .uint8: return .uint8(scalars.map { UInt8(truncatingIfNeeded: integer($0)) })
        case .uint16: return .uint16(scalars.map { UInt16(truncatingIfNeeded: integer($0)) })
        case .uint32: return .uint32(scalars.map { UInt32(truncatingIfNeeded: integer($0)) })
        case .uint64: return .uint64(scalars.map { UInt64(truncatingIfNeeded: integer($0)) })
        case .int8: return .int8(scalars.map { Int8(truncatingIfNeeded: integer($0)) })
        case .int16: return .int16(scalars.map { Int16(truncatingIfNeeded: integer($0)) })
        case .int32: return .int32(scalars.map { Int32(truncatingIfNeeded: integer($0)) })
        case .int64: return .int64(scalars.map(integer))
        case .float16: return .float16(scalars.map { inexact($0).map { Float16($0) } ?? Float16(integer($0)) })
        case .bfloat16: return .bfloat16(scalars.map { BFloat16(inexact($0).map { Float($0) } ?? Float(integer($0))) })
        case .float32: return .float32(scalars.map { inexact($0).map { Float($0) } ?? Float(integer($0)) })
        case .float64: return .float64(scalars.map { inexact($0) ?? Double(integer($0)) })
        case .complex64:
            return .complex64(scalars.map { Complex64(inexact($0).map { Float($0) } ?? Float(integer($0)), Float($0.imaginaryPart)) })
        case .complex128: return .complex128(scalars.map { Complex128(inexact($0) ?? Double(integer($0)), $0.imaginaryPart) })
        }
    }
}
