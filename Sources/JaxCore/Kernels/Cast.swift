import CElementwiseKernels

/// Dtype conversion (`astype`, `lax.convert_element_type`): JAX saturates out-of-range
/// floats and sends NaN to 0 as XLA does; NumPy reproduces the C casts of x86-64, which wrap.
extension Kernels {
    /// `a` converted to `dtype`; the weak-type flag is kept (callers clear it for `astype`).
    public static func cast(_ a: JaxArray, to dtype: DType, semantics: ArraySemantics) -> JaxArray {
        if a.dtype == dtype { return a }
        if a.dtype.isComplex || dtype.isComplex { return ComplexCast.convert(a, to: dtype, semantics: semantics) }
        if let direct = CastBlocks.convert(a.storage, to: dtype, jax: semantics == .jax) {
            return JaxArray(shape: a.shape, storage: direct, weakType: a.weakType)
        }
        if let direct = CastFast.convert(a.storage, to: dtype, jax: semantics == .jax) {
            return JaxArray(shape: a.shape, storage: direct, weakType: a.weakType)
        }
        let storage: Storage
        switch CastSource(a.storage, flushingSubnormals: semantics == .jax) {
        case .bools(let v): storage = CastTarget.fromIntegers(v.map { $0 ? 1 : 0 }, to: dtype)
        case .integers(let v): storage = CastTarget.fromIntegers(v, to: dtype)
        case .unsigned64(let v): storage = CastTarget.fromUnsigned64(v, to: dtype)
        case .floats(let v):
            storage = CastTarget.fromFloats(v, to: dtype, semantics: semantics, vectorised: a.dtype != .float16)
        }
        return JaxArray(shape: a.shape, storage: storage, weakType: a.weakType)
    }
}

/// The conversions that have block kernels (CElementwiseKernels): float16 and bfloat16 to and
/// from float32, float32 to int32, float32 and float64 both ways, float32 to bool. The same
/// results as the general path, in one pass split across cores.
enum CastBlocks {
    static func convert(_ s: Storage, to dtype: DType, jax: Bool) -> Storage? {
        switch (s, dtype) {
        case (.float32(let v), .float16): return .float16(map(v, toHalf))
        case (.float16(let v), .float32): return .float32(map(v, fromHalf))
        // XLA rounds float32 to bfloat16 on the bits, which DAZ does not touch
        case (.float32(let v), .bfloat16): return .bfloat16(map(v, toBFloat))
        case (.bfloat16(let v), .float32): return .float32(map(v, jax ? fromBFloatFlushed : fromBFloat))
        case (.float32(let v), .int32):
            return .int32(map(v, jax ? jaxlab_cast_f32_i32_saturating : jaxlab_cast_f32_i32_truncating, flush: jax))
        case (.float32(let v), .float64):
            return .float64(map(v, jax ? jaxlab_cast_f32_f64_flushed : jaxlab_cast_f32_f64, flush: jax))
        case (.float64(let v), .float32):
            return .float32(map(v, jax ? jaxlab_cast_f64_f32_flushed : jaxlab_cast_f64_f32, flush: jax))
        case (.float32(let v), .bool) where jax: return .bool(map(v, jaxlab_cast_f32_bool, flush: true))
        default: return nil
        }
    }

    /// `block` over every element (a conversion is one pass over memory: not interrupted).
    private static func map<T, R>(_ v: [T], _ block: @escaping UnaryBlock<T, R>, flush: Bool = false) -> [R] {
        BlockLoop.map(v, block, cost: .memory, flush: flush)
    }

    // float16 and bfloat16 elements are 16-bit words to the C kernels
    private static let toHalf: UnaryBlock<Float, Float16> = { x, out, n in
        out.withMemoryRebound(to: UInt16.self, capacity: n) { jaxlab_cast_f32_f16(x, $0, n) }
    }
    private static let fromHalf: UnaryBlock<Float16, Float> = { x, out, n in
        x.withMemoryRebound(to: UInt16.self, capacity: n) { jaxlab_cast_f16_f32($0, out, n) }
    }
    private static let toBFloat: UnaryBlock<Float, BFloat16> = { x, out, n in
        out.withMemoryRebound(to: UInt16.self, capacity: n) { jaxlab_cast_f32_bf16(x, $0, n) }
    }
    private static let fromBFloat: UnaryBlock<BFloat16, Float> = { x, out, n in
        x.withMemoryRebound(to: UInt16.self, capacity: n) { jaxlab_cast_bf16_f32($0, out, n) }
    }
    private static let fromBFloatFlushed: UnaryBlock<BFloat16, Float> = { x, out, n in
        x.withMemoryRebound(to: UInt16.self, capacity: n) { jaxlab_cast_bf16_f32_flushed($0, out, n) }
    }
}

/// One-pass conversions for the common pairs (no intermediate widening), with the same
/// results as the general path.
enum CastFast {
    static func convert(_ s: Storage, to dtype: DType, jax: Bool) -> Storage? {
        typealias L = ElementwiseLoop
        switch (s, dtype) {
        case (.int32(let v), .float32): return .float32(L.run(IntegerToFloat<Int32>.self, v))
        case (.int32(let v), .float64): return .float64(L.run(IntegerToDouble<Int32>.self, v))
        case (.int64(let v), .float64): return .float64(L.run(IntegerToDouble<Int64>.self, v))
        case (.int64(let v), .float32): return .float32(L.run(IntegerToFloat<Int64>.self, v))
        case (.int32(let v), .int64): return .int64(L.run(IntegerResize<Int32, Int64>.self, v))
        case (.int64(let v), .int32): return .int32(L.run(IntegerResize<Int64, Int32>.self, v))
        case (.bool(let v), .float32): return .float32(L.run(BoolToNumber<Float>.self, v))
        case (.bool(let v), .float64): return .float64(L.run(BoolToNumber<Double>.self, v))
        case (.bool(let v), .int32): return .int32(L.run(BoolToNumber<Int32>.self, v))
        case (.bool(let v), .int64): return .int64(L.run(BoolToNumber<Int64>.self, v))
        case (.float32(let v), .bool): return .bool(L.run(Nonzero<Float>.self, v))
        case (.int32(let v), .bool): return .bool(L.run(Nonzero<Int32>.self, v))
        default: return nil
        }
    }
}

/// The conversions `CastFast` runs, as operation types.
enum IntegerToDouble<S: BinaryInteger>: ElementUnaryOp { static func apply(_ x: S) -> Double { Double(x) } }
enum IntegerToFloat<S: BinaryInteger>: ElementUnaryOp { static func apply(_ x: S) -> Float { Float(x) } }
enum IntegerResize<S: BinaryInteger, D: FixedWidthInteger>: ElementUnaryOp { static func apply(_ x: S) -> D { D(truncatingIfNeeded: x) } }
enum BoolToNumber<D: ExpressibleByIntegerLiteral>: ElementUnaryOp { static func apply(_ x: Bool) -> D { x ? 1 : 0 } }
enum Nonzero<T: Numeric>: ElementUnaryOp { static func apply(_ x: T) -> Bool { x != 0 } }

/// A storage's elements in the widest Swift type of their kind, exactly.
enum CastSource {
    case bools([Bool])
    case integers([Int64])
    case unsigned64([UInt64])
    case floats([Double])

    /// `flushingSubnormals` reads float32/float64 subnormals as zeros, as XLA's DAZ mode does.
    init(_ s: Storage, flushingSubnormals flush: Bool) {
        switch s {
        case .bool(let v): self = .bools(v)
        case .uint8(let v): self = .integers(ElementwiseLoop.map(v) { Int64($0) })
        case .uint16(let v): self = .integers(ElementwiseLoop.map(v) { Int64($0) })
        case .uint32(let v): self = .integers(ElementwiseLoop.map(v) { Int64($0) })
        case .uint64(let v): self = .unsigned64(v)
        case .int8(let v): self = .integers(ElementwiseLoop.map(v) { Int64($0) })
        case .int16(let v): self = .integers(ElementwiseLoop.map(v) { Int64($0) })
        case .int32(let v): self = .integers(ElementwiseLoop.map(v) { Int64($0) })
        case .int64(let v): self = .integers(v)
        case .float16(let v): self = .floats(ElementwiseLoop.map(v) { Double($0) })
        case .bfloat16(let v): self = .floats(ElementwiseLoop.map(v) { Double($0.floatValue) })
        case .float32(let v):
            self = .floats(flush ? ElementwiseLoop.map(v) { Double(FloatRules.flushed($0)) } : ElementwiseLoop.map(v) { Double($0) })
        case .float64(let v): self = .floats(flush ? ElementwiseLoop.map(v) { FloatRules.flushed($0) } : v)
        // complex sources are converted by `ComplexCast`, which reads their real parts here
        case .complex64(let v): self = .floats(ElementwiseLoop.map(v) { Double(flush ? FloatRules.flushed($0.re) : $0.re) })
        case .complex128(let v): self = .floats(ElementwiseLoop.map(v) { flush ? FloatRules.flushed($0.re) : $0.re })
        }
    }
}

/// Builds the converted storage for each target dtype.
enum CastTarget {
    static func fromIntegers(_ v: [Int64], to dtype: DType) -> Storage {
        switch dtype {
        case .bool: return .bool(ElementwiseLoop.map(v) { $0 != 0 })
        case .uint8: return .uint8(ElementwiseLoop.map(v) { UInt8(truncatingIfNeeded: $0) })
        case .uint16: return .uint16(ElementwiseLoop.map(v) { UInt16(truncatingIfNeeded: $0) })
        case .uint32: return .uint32(ElementwiseLoop.map(v) { UInt32(truncatingIfNeeded: $0) })
        case .uint64: return .uint64(ElementwiseLoop.map(v) { UInt64(truncatingIfNeeded: $0) })
        case .int8: return .int8(ElementwiseLoop.map(v) { Int8(truncatingIfNeeded: $0) })
        case .int16: return .int16(ElementwiseLoop.map(v) { Int16(truncatingIfNeeded: $0) })
        case .int32: return .int32(ElementwiseLoop.map(v) { Int32(truncatingIfNeeded: $0) })
        case .int64: return .int64(v)
        case .float16: return .float16(ElementwiseLoop.map(v) { Float16($0) })
        case .bfloat16: return .bfloat16(ElementwiseLoop.map(v) { BFloat16(Float($0)) })
        case .float32: return .float32(ElementwiseLoop.map(v) { Float($0) })
        case .float64: return .float64(ElementwiseLoop.map(v) { Double($0) })
        case .complex64: return .complex64(ElementwiseLoop.map(v) { Complex64(Float($0), 0) })
        case .complex128: return .complex128(ElementwiseLoop.map(v) { Complex128(Double($0), 0) })
        }
    }

    static func fromUnsigned64(_ v: [UInt64], to dtype: DType) -> Storage {
        switch dtype {
        case .float16: return .float16(ElementwiseLoop.map(v) { Float16($0) })
        case .bfloat16: return .bfloat16(ElementwiseLoop.map(v) { BFloat16(Float($0)) })
        case .float32: return .float32(ElementwiseLoop.map(v) { Float($0) })
        case .float64: return .float64(ElementwiseLoop.map(v) { Double($0) })
        default: return fromIntegers(ElementwiseLoop.map(v) { Int64(bitPattern: $0) }, to: dtype)
        }
    }

    /// `vectorised`: whether NumPy's loop for the source type is vectorised (its float16 loops
    /// are scalar), which changes out-of-range uint32 results.
    static func fromFloats(_ v: [Double], to dtype: DType, semantics: ArraySemantics, vectorised: Bool = true) -> Storage {
        let jax = semantics == .jax
        switch dtype {
        case .bool: return .bool(ElementwiseLoop.map(v) { $0 != 0 })
        case .float16: return .float16(ElementwiseLoop.map(v) { Float16($0) })
        case .bfloat16:
            // through float32, whose subnormals XLA flushes
            return .bfloat16(jax ? ElementwiseLoop.map(v) { BFloat16(FloatRules.flushed(Float($0))) }
                                 : ElementwiseLoop.map(v) { BFloat16(Float($0)) })
        case .float32:
            return .float32(FloatEnvironment.value(flushingDenormals: jax) { ElementwiseLoop.map(v) { Float($0) } })
        case .float64: return .float64(v)
        case .complex64, .complex128:
            return ComplexCast.compose(fromFloats(v, to: dtype.realPart, semantics: semantics),
                                       fromFloats(v.map { _ in 0 }, to: dtype.realPart, semantics: semantics))
        case .uint8:
            return .uint8(jax ? ElementwiseLoop.map(v) { FloatToInteger.saturating($0) }
                              : ElementwiseLoop.map(v) { UInt8(truncatingIfNeeded: FloatToInteger.cvtt32($0)) })
        case .uint16:
            return .uint16(jax ? ElementwiseLoop.map(v) { FloatToInteger.saturating($0) }
                               : ElementwiseLoop.map(v) { UInt16(truncatingIfNeeded: FloatToInteger.cvtt32($0)) })
        case .uint32:
            return .uint32(jax ? ElementwiseLoop.map(v) { FloatToInteger.saturating($0) }
                               : FloatToInteger.numpyUnsigned32(v, vectorised: vectorised))
        case .uint64:
            return .uint64(jax ? ElementwiseLoop.map(v) { FloatToInteger.saturating($0) }
                               : ElementwiseLoop.map(v) { FloatToInteger.cUnsigned64($0) })
        case .int8:
            return .int8(jax ? ElementwiseLoop.map(v) { FloatToInteger.saturating($0) }
                             : ElementwiseLoop.map(v) { Int8(truncatingIfNeeded: FloatToInteger.cvtt32($0)) })
        case .int16:
            return .int16(jax ? ElementwiseLoop.map(v) { FloatToInteger.saturating($0) }
                              : ElementwiseLoop.map(v) { Int16(truncatingIfNeeded: FloatToInteger.cvtt32($0)) })
        case .int32:
            return .int32(jax ? ElementwiseLoop.map(v) { FloatToInteger.saturating($0) }
                              : ElementwiseLoop.map(v) { FloatToInteger.cvtt32($0) })
        case .int64:
            return .int64(jax ? ElementwiseLoop.map(v) { FloatToInteger.saturating($0) }
                              : ElementwiseLoop.map(v) { FloatToInteger.cvtt64($0) })
        }
    }
}

/// Float-to-integer conversions that never trap.
enum FloatToInteger {
    /// XLA's conversion: truncate toward zero, clamp to the type's range, NaN to 0.
    @inline(__always)
    static func saturating<T: FixedWidthInteger>(_ d: Double) -> T {
        if d.isNaN { return 0 }
        if d <= Double(T.min) { return T.min }
        if d >= Double(T.max) { return T.max }
        return T(d)   // in range: the conversion truncates toward zero
    }

    /// x86 `cvttsd2si` to 32 bits: out-of-range and NaN give 0x80000000.
    @inline(__always)
    static func cvtt32(_ d: Double) -> Int32 {
        guard d > -2147483649.0 && d < 2147483648.0 else { return Int32.min }
        return Int32(d)
    }

    /// x86 `cvttsd2si` to 64 bits: out-of-range and NaN give 0x8000000000000000.
    @inline(__always)
    static func cvtt64(_ d: Double) -> Int64 {
        guard d >= -9223372036854775808.0 && d < 9223372036854775808.0 else { return Int64.min }
        return Int64(d)
    }

    /// The unsigned 32-bit conversion vectorised code emits: values from 2^31 up are shifted
    /// down by 2^31 first and the top bit restored.
    @inline(__always)
    static func cUnsigned32(_ d: Double) -> UInt32 {
        if d >= 2147483648.0 {
            return UInt32(bitPattern: cvtt32(d - 2147483648.0)) ^ 0x8000_0000
        }
        return UInt32(bitPattern: cvtt32(d))
    }

    /// NumPy's float-to-uint32 loop: vectorised in blocks of four (`cUnsigned32`), the
    /// remaining elements by the scalar cast through 64 bits.
    static func numpyUnsigned32(_ v: [Double], vectorised: Bool) -> [UInt32] {
        let vectorised = vectorised ? v.count - v.count % 4 : 0
        return v.indices.map { i in
            i < vectorised ? cUnsigned32(v[i]) : UInt32(truncatingIfNeeded: cvtt64(v[i]))
        }
    }

    /// C's double-to-uint64 cast as compilers emit it on x86-64 without AVX-512.
    @inline(__always)
    static func cUnsigned64(_ d: Double) -> UInt64 {
        if d >= 9223372036854775808.0 {
            return UInt64(bitPattern: cvtt64(d - 9223372036854775808.0)) ^ (1 << 63)
        }
        return UInt64(bitPattern: cvtt64(d))
    }
}
