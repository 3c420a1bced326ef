import CElementwiseKernels
import XCTest
@testable import JaxCore

/// The block kernels against their definitions, bit for bit: each vectorised kernel (the path this
/// CPU takes, AVX-512 or AVX2+FMA, and the AVX2 copy where the CPU has it) against its portable
/// copy and against the scalar Swift definition in `Math/`, over millions of inputs of every kind -- normals across the exponent range,
/// subnormals, zeros, infinities, NaNs and the values near each function's clamps. NaNs compare
/// as NaNs (their payload is never printed).
final class KernelPropertyTests: XCTestCase {
    /// Inputs per function: millions in release builds, fewer in debug ones, where the scalar
    /// definitions run unoptimised.
    #if DEBUG
    static let count = 1 << 20
    #else
    static let count = 1 << 23
    #endif

    /// Awkward float32 inputs: CPUPathTests' mix, plus every boundary the kernels branch on.
    static let inputs: [Float] = {
        let edges: [Float] = [0.5, -0.5, 1, -1, 20, -20, 1e-3, -1e-3, 4e-4, 0.41421357, -0.41421357,
                              Float(bitPattern: 0x39D1_B717), Float(bitPattern: 0x40FF_F644), Float(bitPattern: 0x4075_47CB),
                              Float(bitPattern: 0x406F_9C68), Float(bitPattern: 0xC2AF_999A), Float(bitPattern: 0x42B1_999A),
                              Float(bitPattern: 0x3ED4_13CD), 88.72, -103.9, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                              .leastNormalMagnitude, -.leastNormalMagnitude, Float(bitPattern: 0x7FA0_0001), Float(bitPattern: 0xFFC1_2345)]
        let near = edges.flatMap { [$0, $0.nextUp, $0.nextDown] }
        return near + CPUPathTests.awkwardFloats(count - near.count, seed: 21)
    }()

    static let doubles: [Double] = {
        var state: UInt64 = 99
        var out: [Double] = [0, -0, .infinity, -.infinity, .nan, 20, -20, 0.5, -0.5, 709.78, -708.4, 745.2,
                             .leastNonzeroMagnitude, -.leastNormalMagnitude, 1e-300]
        while out.count < count / 4 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            switch state % 3 {
            case 0: out.append(Double(bitPattern: state))
            case 1: out.append(Double(Int64(bitPattern: state >> 8)) / Double(1 << 50))
            default: out.append(Double(Int32(truncatingIfNeeded: state >> 32)) / Double(1 << 24))
            }
        }
        return out
    }()

    static let hasAVX2 = jaxlab_kernels_fast_path() != 0

    typealias Kernel32 = (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void
    typealias Kernel64 = (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void

    /// The first input whose result differs between two ways of computing it, if any.
    static func firstMismatch<T: BinaryFloatingPoint>(_ x: [T], _ a: [T], _ b: [T]) -> String? {
        for i in x.indices where !(a[i].isNaN && b[i].isNaN) && a[i] != b[i] || (a[i] == 0 && a[i].sign != b[i].sign) {
            return "x = \(x[i]) (\(x[i])): \(a[i]) vs \(b[i])"
        }
        return nil
    }

    static func run<T>(_ kernel: (UnsafePointer<T>?, UnsafeMutablePointer<T>?, Int) -> Void, _ x: [T]) -> [T] {
        FloatEnvironment.value(flushingDenormals: true) {
            [T](unsafeUninitializedCapacity: x.count) { out, initialized in
                kernel(x, out.baseAddress, x.count)
                initialized = x.count
            }
        }
    }

    static func reference<T>(_ f: (T) -> T, _ x: [T]) -> [T] {
        FloatEnvironment.value(flushingDenormals: true) { x.map(f) }
    }

    func testFloat32MathKernelsEqualTheirScalarDefinitions() {
        let cases: [(String, Kernel32, Kernel32, Kernel32, (Float) -> Float)] = [
            ("exp", jaxlab_f32_exp, jaxlab_f32_exp_avx2, jaxlab_f32_exp_portable, XLAMath.exp),
            ("logistic", jaxlab_f32_logistic, jaxlab_f32_logistic_avx2, jaxlab_f32_logistic_portable, XLAMath.logistic),
            ("tanh", jaxlab_f32_tanh, jaxlab_f32_tanh_avx2, jaxlab_f32_tanh_portable, XLAMath.tanh),
            ("expm1", jaxlab_f32_expm1, jaxlab_f32_expm1_avx2, jaxlab_f32_expm1_portable, XLAMath.expm1),
            ("erf", jaxlab_f32_erf, jaxlab_f32_erf_avx2, jaxlab_f32_erf_portable, { XLAMath.erf($0) }),
            ("erf clamped", jaxlab_f32_erf_clamped, jaxlab_f32_erf_clamped_avx2, jaxlab_f32_erf_clamped_portable, { XLAMath.erf($0, clamped: true) }),
            ("atan", jaxlab_f32_atan, jaxlab_f32_atan_avx2, jaxlab_f32_atan_portable, XLAMath.atan),
            ("rsqrt", jaxlab_f32_rsqrt, jaxlab_f32_rsqrt_avx2, jaxlab_f32_rsqrt_portable, XLAMath.rsqrt),
            ("log", jaxlab_f32_log, jaxlab_f32_log_avx2, jaxlab_f32_log_portable, XLALog.log),
            ("log1p", jaxlab_f32_log1p, jaxlab_f32_log1p_avx2, jaxlab_f32_log1p_portable, XLALog.log1p),
            ("erf_inv", jaxlab_f32_erf_inv, jaxlab_f32_erf_inv_avx2, jaxlab_f32_erf_inv_portable, XLALog.erfInv),
        ]
        let x = Self.inputs
        for (name, fast, avx2, portable, definition) in cases {
            let vectorised = Self.run(fast, x)
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.run(portable, x)), "\(name): fast vs portable")
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.reference(definition, x)), "\(name): kernel vs definition")
            if Self.hasAVX2 { XCTAssertNil(Self.firstMismatch(x, vectorised, Self.run(avx2, x)), "\(name): fast vs AVX2") }
        }
    }

    func testFloat64MathKernelsEqualTheirScalarDefinitions() {
        let cases: [(String, Kernel64, Kernel64, Kernel64, (Double) -> Double)] = [
            ("exp", jaxlab_f64_exp, jaxlab_f64_exp_avx2, jaxlab_f64_exp_portable, { XLAMath.exp(FloatRules.flushed($0)) }),
            ("logistic", jaxlab_f64_logistic, jaxlab_f64_logistic_avx2, jaxlab_f64_logistic_portable, { XLAMath.logistic(FloatRules.flushed($0)) }),
            ("tanh", jaxlab_f64_tanh, jaxlab_f64_tanh_avx2, jaxlab_f64_tanh_portable, XLAMath.tanh),
            ("expm1", jaxlab_f64_expm1, jaxlab_f64_expm1_avx2, jaxlab_f64_expm1_portable, XLAMath.expm1),
        ]
        let x = Self.doubles
        for (name, fast, avx2, portable, definition) in cases {
            let vectorised = Self.run(fast, x)
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.run(portable, x)), "\(name): fast vs portable")
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.reference(definition, x)), "\(name): kernel vs definition")
            if Self.hasAVX2 { XCTAssertNil(Self.firstMismatch(x, vectorised, Self.run(avx2, x)), "\(name): fast vs AVX2") }
        }
    }

    func testExactUnaryKernelsEqualTheirDefinitions() {
        let sign: (Float) -> Float = { x in x.isNaN ? x : Float(signOf: x, magnitudeOf: XLAMath.flush(x) != 0 ? 1 : 0) }
        let cases: [(String, Kernel32, Kernel32, Kernel32, (Float) -> Float)] = [
            ("neg", jaxlab_f32_neg, jaxlab_f32_neg_avx2, jaxlab_f32_neg_portable, { -$0 }),
            ("abs", jaxlab_f32_abs, jaxlab_f32_abs_avx2, jaxlab_f32_abs_portable, { $0.magnitude }),
            ("sign", jaxlab_f32_sign, jaxlab_f32_sign_avx2, jaxlab_f32_sign_portable, sign),
            ("floor", jaxlab_f32_floor, jaxlab_f32_floor_avx2, jaxlab_f32_floor_portable, { XLAMath.flush($0).rounded(.down) }),
            ("ceil", jaxlab_f32_ceil, jaxlab_f32_ceil_avx2, jaxlab_f32_ceil_portable, { XLAMath.flush($0).rounded(.up) }),
            ("round", jaxlab_f32_round, jaxlab_f32_round_avx2, jaxlab_f32_round_portable,
             { XLAMath.flush($0).rounded(.toNearestOrEven) }),
            ("sqrt", jaxlab_f32_sqrt, jaxlab_f32_sqrt_avx2, jaxlab_f32_sqrt_portable, { $0.squareRoot() }),
            ("square", jaxlab_f32_square, jaxlab_f32_square_avx2, jaxlab_f32_square_portable, { $0 * $0 }),
            ("cube", jaxlab_f32_cube, jaxlab_f32_cube_avx2, jaxlab_f32_cube_portable, { $0 * ($0 * $0) }),
        ]
        let x = Self.inputs
        for (name, fast, avx2, portable, definition) in cases {
            let vectorised = Self.run(fast, x)
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.run(portable, x)), "\(name): fast vs portable")
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.reference(definition, x)), "\(name): kernel vs definition")
            if Self.hasAVX2 { XCTAssertNil(Self.firstMismatch(x, vectorised, Self.run(avx2, x)), "\(name): fast vs AVX2") }
        }
    }

    /// integer_pow's multiplication chains against lax's binary exponentiation, for exponents
    /// whose chains differ in shape.
    func testIntegerPowerChainsEqualBinaryExponentiation() {
        let x = Array(Self.inputs.prefix(1 << 16))
        for y in [1, 2, 3, 4, 5, 7, 8, 13, 31, -1, -2, -3] {
            let got: [Float] = FloatEnvironment.value(flushingDenormals: true) {
                [Float](unsafeUninitializedCapacity: x.count) { out, n in
                    jaxlab_f32_integer_pow(x, out.baseAddress, x.count, y)
                    n = x.count
                }
            }
            let portable: [Float] = FloatEnvironment.value(flushingDenormals: true) {
                [Float](unsafeUninitializedCapacity: x.count) { out, n in
                    jaxlab_f32_integer_pow_portable(x, out.baseAddress, x.count, y)
                    n = x.count
                }
            }
            let expected = FloatEnvironment.value(flushingDenormals: true) { PowerLoop.float(x, y) { $0 } }
            XCTAssertNil(Self.firstMismatch(x, got, expected), "y = \(y)")
            XCTAssertNil(Self.firstMismatch(x, got, portable), "y = \(y), portable")
        }
    }

    /// The two-operand kernels in all three block forms against their scalar definitions
    /// (XLA's max and min, IEEE arithmetic, comparisons).
    func testBinaryKernelsEqualTheirDefinitions() {
        let a = Array(Self.inputs.prefix(Self.count / 4))
        let b = Array(Self.inputs.reversed().prefix(a.count))
        let operations: [(FloatOperation, (Float, Float) -> Float)] = [
            (.add, { $0 + $1 }), (.subtract, { $0 - $1 }), (.multiply, { $0 * $1 }), (.divide, { $0 / $1 }),
            (.maximum, { FloatRules.maximum($0, $1) }), (.minimum, { FloatRules.minimum($0, $1) }),
            (.remainder, { FloatRules.jaxRemainder($0, $1, narrow: { $0 }) }),
            (.floorDivide, { FloatRules.jaxFloorDivide($0, $1, narrow: { $0 }) }),
        ]
        for (operation, definition) in operations {
            let blocks = Float.blocks(operation)
            let expected = FloatEnvironment.value(flushingDenormals: true) { zip(a, b).map(definition) }
            let got = FloatEnvironment.value(flushingDenormals: true) { Self.apply(blocks.both, a, b) }
            XCTAssertNil(Self.firstMismatch(a, got, expected), "\(operation)")
            for s in [Float(0.5), -0.0, .nan, .infinity, Float(bitPattern: 1)] {
                let right = FloatEnvironment.value(flushingDenormals: true) { Self.apply({ blocks.scalarRight($0, s, $2, $3) }, a, a) }
                let left = FloatEnvironment.value(flushingDenormals: true) { Self.apply({ blocks.scalarLeft(s, $1, $2, $3) }, a, a) }
                XCTAssertNil(Self.firstMismatch(a, right, FloatEnvironment.value(flushingDenormals: true) { a.map { definition($0, s) } }),
                             "\(operation) with \(s) right")
                XCTAssertNil(Self.firstMismatch(a, left, FloatEnvironment.value(flushingDenormals: true) { a.map { definition(s, $0) } }),
                             "\(operation) with \(s) left")
            }
        }
        let comparisons: [(FloatComparison, (Float, Float) -> Bool)] = [
            (.equal, { $0 == $1 }), (.notEqual, { $0 != $1 }), (.less, { $0 < $1 }), (.lessEqual, { $0 <= $1 }),
            (.greater, { $0 > $1 }), (.greaterEqual, { $0 >= $1 }),
        ]
        for (comparison, definition) in comparisons {
            let got = FloatEnvironment.value(flushingDenormals: true) { Self.apply(Float.blocks(comparison).both, a, b) }
            let expected = FloatEnvironment.value(flushingDenormals: true) { zip(a, b).map(definition) }
            XCTAssertEqual(got, expected, "\(comparison)")
        }
    }

    /// The fmod-based kernels (their inline rounding included) against the definitions, over
    /// random float64 pairs (float32's are in the test above) and, in both widths, over
    /// quotients beside every rounding boundary.
    func testFmodKernelsEqualTheirDefinitionsNearRoundingBoundaries() {
        checkFmodKernels(Self.doubles, Array(Self.doubles.reversed()))
        checkFmodKernels([Float](), [Float]())
    }

    func checkFmodKernels<T: KernelFloat>(_ randomA: [T], _ randomB: [T]) {
        var a = randomA, b = randomB
        for k in -300...300 {
            // x = q * y and its neighbours: (x - fmod) / y lands on or beside a half
            let y = 1 + T(k) / 64
            for q: T in [0.5, 1.5, 2.5, -0.5, -2.5, 4_194_303.5, 1_000_000.5, 1e15 + 0.5, 4503599627370495.5] {
                for x in [q * y, (q * y).nextUp, (q * y).nextDown, q, -q] { a.append(x); b.append(y) }
            }
        }
        let operations: [(FloatOperation, (T, T) -> T)] = [
            (.remainder, { FloatRules.jaxRemainder($0, $1, narrow: { $0 }) }),
            (.floorDivide, { FloatRules.jaxFloorDivide($0, $1, narrow: { $0 }) }),
        ]
        for (operation, definition) in operations {
            let blocks = T.blocks(operation)
            let got = FloatEnvironment.value(flushingDenormals: true) {
                [T](unsafeUninitializedCapacity: a.count) { out, n in
                    if let o = out.baseAddress { blocks.both(a, b, o, a.count) }
                    n = a.count
                }
            }
            let expected = FloatEnvironment.value(flushingDenormals: true) { zip(a, b).map(definition) }
            XCTAssertNil(Self.firstMismatch(a, got, expected), "\(T.self) \(operation)")
        }
    }

    static func apply<R>(_ block: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<R>, Int) -> Void,
                         _ a: [Float], _ b: [Float]) -> [R] {
        [R](unsafeUninitializedCapacity: a.count) { out, n in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    if let x = pa.baseAddress, let y = pb.baseAddress, let o = out.baseAddress { block(x, y, o, a.count) }
                }
            }
            n = a.count
        }
    }

    /// The conversion kernels against the conversions they replace (Swift's correctly rounded
    /// ones, XLA's bfloat16 rounding and saturating int32), and F16C against the bit routine.
    func testConversionKernelsEqualTheirDefinitions() {
        let x = Self.inputs
        func convert<R>(_ block: (UnsafePointer<Float>?, UnsafeMutablePointer<R>?, Int) -> Void) -> [R] {
            FloatEnvironment.value(flushingDenormals: true) {
                [R](unsafeUninitializedCapacity: x.count) { out, n in
                    block(x, out.baseAddress, x.count)
                    n = x.count
                }
            }
        }
        let half = convert(jaxlab_cast_f32_f16)
        XCTAssertEqual(half, x.map { Float16(Double(FloatRules.flushed($0))).bitPattern }.map { $0 }, "float16")
        XCTAssertEqual(half, convert(jaxlab_cast_f32_f16_portable), "float16 portable")
        let every = (0...UInt16.max).map { $0 }
        let widened = [Float](unsafeUninitializedCapacity: every.count) { out, n in
            jaxlab_cast_f16_f32(every, out.baseAddress, every.count)
            n = every.count
        }
        let widenedPortable = [Float](unsafeUninitializedCapacity: every.count) { out, n in
            jaxlab_cast_f16_f32_portable(every, out.baseAddress, every.count)
            n = every.count
        }
        XCTAssertEqual(widened.map(\.bitPattern), every.map { Float(Float16(bitPattern: $0)).bitPattern }, "from float16")
        XCTAssertEqual(widened.map(\.bitPattern), widenedPortable.map(\.bitPattern), "from float16 portable")
        XCTAssertEqual(convert(jaxlab_cast_f32_bf16), x.map { BFloat16($0).bitPattern }, "bfloat16")
        let saturated: [Int32] = x.map { v in v.isNaN ? 0 : v <= -2147483648 ? .min : v >= 2147483648 ? .max : Int32(v) }
        XCTAssertEqual(convert(jaxlab_cast_f32_i32_saturating), saturated, "int32")
        XCTAssertEqual(convert(jaxlab_cast_f32_i32_saturating_portable), saturated, "int32 portable")
        let truncated: [Int32] = x.map { v in v > -2147483648.5 && v < 2147483648 ? Int32(v) : .min }
        XCTAssertEqual(convert(jaxlab_cast_f32_i32_truncating), truncated, "int32 as NumPy")
        XCTAssertEqual(convert(jaxlab_cast_f32_f64_flushed).map(\.bitPattern), x.map { Double(FloatRules.flushed($0)).bitPattern },
                       "float64")
        XCTAssertEqual(convert(jaxlab_cast_f32_bool), x.map { FloatRules.flushed($0) != 0 }, "bool")
    }

    /// select's block kernels (both cases full, either one a single value) against the
    /// element-by-element definition, for each element width.
    func testSelectEqualsItsDefinition() throws {
        let n = 70_001
        var state: UInt64 = 5
        let mask = (0..<n).map { _ -> Bool in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 63 == 1
        }
        let c = JaxArray(shape: [n], storage: .bool(mask))
        let cases: [(JaxArray, JaxArray)] = [
            (JaxArray(shape: [n], storage: .float32(Array(Self.inputs.prefix(n)))), JaxArray(shape: [n], storage: .float32(Array(Self.inputs.suffix(n))))),
            (JaxArray(shape: [n], storage: .int64((0..<n).map { Int64($0) })), JaxArray.scalar(.int(-7), dtype: .int64)),
            (JaxArray.scalar(.float(2.5), dtype: .float64), JaxArray(shape: [n], storage: .float64((0..<n).map { Double($0) }))),
            (JaxArray(shape: [n], storage: .int16((0..<n).map { Int16(truncatingIfNeeded: $0) })), JaxArray(shape: [n], storage: .int16(Array(repeating: 3, count: n)))),
            (JaxArray(shape: [n], storage: .bool(mask.map { !$0 })), JaxArray.scalar(.bool(true), dtype: .bool)),
            (JaxArray.scalar(.int(1), dtype: .int32), JaxArray.scalar(.int(0), dtype: .int32)),
        ]
        for (t, f) in cases {
            let got = try Kernels.select(c, t, f)
            let full = (try Kernels.broadcast(t, to: [n]), try Kernels.broadcast(f, to: [n]))
            for i in stride(from: 0, to: n, by: 97) {
                let want = mask[i] ? full.0.storage.double(at: i) : full.1.storage.double(at: i)
                XCTAssertEqual(got.storage.double(at: i).bitPattern, want.bitPattern, "\(t.dtype) at \(i)")
            }
            XCTAssertEqual(got.shape, [n])
        }
    }
}
