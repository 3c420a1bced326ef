/// An element type of an array, named as JAX and NumPy name it.
public enum DType: String, CaseIterable, Sendable, Hashable {
    case bool
    case uint8, uint16, uint32, uint64
    case int8, int16, int32, int64
    case float16, bfloat16, float32, float64
    case complex64, complex128

    /// The kinds that decide promotion and printing.
    public enum Kind: Sendable { case bool, unsignedInteger, signedInteger, floating, complex }

    public var kind: Kind {
        switch self {
        case .bool: return .bool
        case .uint8, .uint16, .uint32, .uint64: return .unsignedInteger
        case .int8, .int16, .int32, .int64: return .signedInteger
        case .float16, .bfloat16, .float32, .float64: return .floating
        case .complex64, .complex128: return .complex
        }
    }

    public var isFloating: Bool { kind == .floating }
    public var isInteger: Bool { kind == .signedInteger || kind == .unsignedInteger }
    public var isSigned: Bool { kind == .signedInteger || kind == .floating || kind == .complex }
    public var isComplex: Bool { kind == .complex }
    /// Floating or complex: the inexact dtypes differentiation accepts.
    public var isInexact: Bool { kind == .floating || kind == .complex }

    /// The dtype of one part of a complex dtype (complex64's float32); other dtypes give themselves.
    public var realPart: DType {
        switch self {
        case .complex64: return .float32
        case .complex128: return .float64
        default: return self
        }
    }

    /// The complex dtype whose parts have this float dtype (float64's complex128, the
    /// narrower floats' complex64); a complex dtype gives itself.
    public var complexCounterpart: DType {
        switch self {
        case .float64, .complex128: return .complex128
        default: return .complex64
        }
    }

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .bool, .uint8, .int8: return 1
        case .uint16, .int16, .float16, .bfloat16: return 2
        case .uint32, .int32, .float32: return 4
        case .uint64, .int64, .float64, .complex64: return 8
        case .complex128: return 16
        }
    }

    /// The short name a jaxpr uses for the type (`f32`, `i32`, `bool`, `bf16`).
    public var shortName: String {
        switch self {
        case .bool: return "bool"
        case .uint8: return "u8"
        case .uint16: return "u16"
        case .uint32: return "u32"
        case .uint64: return "u64"
        case .int8: return "i8"
        case .int16: return "i16"
        case .int32: return "i32"
        case .int64: return "i64"
        case .float16: return "f16"
        case .bfloat16: return "bf16"
        case .float32: return "f32"
        case .float64: return "f64"
        case .complex64: return "c64"
        case .complex128: return "c128"
        }
    }

    /// The name as printed by `print(x.dtype)`.
    public var name: String { rawValue }

    /// Looks a dtype up by the names NumPy accepts (`'float32'`, `'f4'`, `'int'`, `'float'`).
    public static func named(_ text: String) -> DType? {
        if let exact = DType(rawValue: text) { return exact }
        switch text {
        case "f2": return .float16
        case "f4": return .float32
        case "f8", "float", "double": return .float64
        case "i1": return .int8
        case "i2": return .int16
        case "i4": return .int32
        case "i8", "int": return .int64
        case "u1": return .uint8
        case "u2": return .uint16
        case "u4": return .uint32
        case "u8": return .uint64
        case "c8", "complex_": return .complex64
        case "c16", "complex", "cdouble": return .complex128
        case "?", "bool_": return .bool
        default: return nil
        }
    }

    /// The 32-bit type JAX uses in place of a 64-bit one while x64 is off.
    public var canonicalWithoutX64: DType {
        switch self {
        case .int64: return .int32
        case .uint64: return .uint32
        case .float64: return .float32
        case .complex128: return .complex64
        default: return self
        }
    }
}

extension DType {
    /// The smallest and largest values of an integer or bool dtype, clamped to Int64 (uint64's
    /// top half is out of reach); other dtypes give Int64's range.
    public var integerRange: (min: Int64, max: Int64) {
        switch self {
        case .bool: return (0, 1)
        case .int8: return (Int64(Int8.min), Int64(Int8.max))
        case .int16: return (Int64(Int16.min), Int64(Int16.max))
        case .int32: return (Int64(Int32.min), Int64(Int32.max))
        case .uint8: return (0, Int64(UInt8.max))
        case .uint16: return (0, Int64(UInt16.max))
        case .uint32: return (0, Int64(UInt32.max))
        case .uint64: return (0, Int64.max)
        default: return (Int64.min, Int64.max)
        }
    }
}

extension DType {
    /// A Double rounded to this float dtype and widened back (other dtypes leave it as is).
    public func rounding(_ value: Double) -> Double {
        switch self {
        case .float16: return Double(Float16(value))
        case .bfloat16: return Double(BFloat16(Float(value)).floatValue)
        case .float32: return Double(Float(value))
        default: return value
        }
    }

    /// `finfo(dtype).tiny`, the smallest positive normal number of a float dtype (float32's
    /// for the others).
    public var smallestNormal: Double {
        switch self {
        case .float16: return Double(Float16.leastNormalMagnitude)
        case .float64: return Double.leastNormalMagnitude
        default: return Double(Float.leastNormalMagnitude)
        }
    }
}
