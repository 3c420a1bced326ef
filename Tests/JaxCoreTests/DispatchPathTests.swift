import CElementwiseKernels
import XCTest
@testable import JaxCore

/// Every kernel that picks its code by CPU, each copy this CPU can run against the portable copy,
/// bit for bit (NaN payloads and zero signs included), so that no result depends on the machine:
/// over KernelPropertyTests' millions of awkward inputs (subnormals, infinities, NaNs, every
/// clamp), with and without FTZ/DAZ, and at every length up to 80 from each misalignment, where
/// the vector loops' remainders take over. The C kernels are optimised in debug builds too, so
/// these are the vectorised loops release runs. AVX-512 copies run only where the CPU has it.
/// One freedom is allowed where two NaNs meet (`anyNaN`): x86 passes on the first operand's NaN,
/// and compilers (XLA's too) swap the operands of additions and multiplications, so which of the
/// two NaNs comes out is no property of the source; a NaN result stays a NaN everywhere.
final class DispatchPathTests: XCTestCase {
    static let wide = jaxlab_kernels_wide_path() != 0
    static let fast = jaxlab_kernels_fast_path() != 0

    typealias Block<In, Out> = (UnsafePointer<In>?, UnsafeMutablePointer<Out>?, Int) -> Void

    override class func setUp() {
        super.setUp()
        if !wide { print("DispatchPathTests: this CPU has no AVX-512; its copies are not run here") }
        if !fast { print("DispatchPathTests: this CPU has no AVX2+FMA; only the portable copies run here") }
    }

    /// The output bytes of `kernel` over x[offset ..< offset + count].
    static func bytes<In, Out>(_ kernel: Block<In, Out>, _ x: [In], _ offset: Int, _ count: Int, flushing: Bool) -> [UInt8] {
        let out: [Out] = FloatEnvironment.value(flushingDenormals: flushing) {
            [Out](unsafeUninitializedCapacity: count) { buffer, initialized in
                x.withUnsafeBufferPointer { p in
                    if let base = p.baseAddress { kernel(base + offset, buffer.baseAddress, count) }
                }
                initialized = count
            }
        }
        return out.withUnsafeBytes { Array($0) }
    }

    /// The copies of one kernel agree with the portable copy on `x`, and at every short length.
    func check<In, Out>(_ name: String, _ x: [In], wide: Block<In, Out>?, fast: Block<In, Out>?,
                        portable: Block<In, Out>, anyNaN: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        var copies: [(String, Block<In, Out>)] = []
        if Self.wide, let wide { copies.append(("AVX-512", wide)) }
        if Self.fast, let fast { copies.append(("AVX2", fast)) }
        let size = MemoryLayout<Out>.stride
        var pieces = [(0, x.count)]
        for n in 0...80 { for offset in 0..<4 { pieces.append((offset + 13 * n, n)) } }
        for n in [127, 1000, 4097, 65_537] { pieces.append((3, n)) }
        for flushing in [true, false] {
            for (offset, count) in pieces where offset + count <= x.count {
                let expected = Self.bytes(portable, x, offset, count, flushing: flushing)
                for (copy, kernel) in copies {
                    let got = Self.bytes(kernel, x, offset, count, flushing: flushing)
                    guard let i = Self.firstDifference(got, expected, size: size, anyNaN: anyNaN) else { continue }
                    let element = i * size..<(i + 1) * size
                    XCTFail("\(name) \(copy) vs portable, flushing \(flushing), n = \(count) at \(offset): element \(i) "
                            + "(\(x[offset + i])): \(Array(got[element])) vs \(Array(expected[element]))", file: file, line: line)
                    return
                }
            }
        }
    }

    /// The first element whose bytes differ, two NaNs (of 4 or 8 bytes) agreeing when `anyNaN`.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8], size: Int, anyNaN: Bool) -> Int? {
        guard a != b else { return nil }
        func value(_ bytes: [UInt8], _ i: Int) -> UInt64 {
            (0..<size).reduce(0) { $0 | UInt64(bytes[i * size + $1]) << (8 * $1) }
        }
        func isNaN(_ v: UInt64) -> Bool {
            size == 4 ? v & 0x7FFF_FFFF > 0x7F80_0000 : size == 8 && v & 0x7FFF_FFFF_FFFF_FFFF > 0x7FF0_0000_0000_0000
        }
        for i in 0..<a.count / size {
            let (x, y) = (value(a, i), value(b, i))
            if x != y && !(anyNaN && isNaN(x) && isNaN(y)) { return i }
        }
        return nil
    }

    /// A float's bits, every NaN as one (where two NaNs may meet).
    static func canonical(_ x: Float) -> UInt32 { x.isNaN ? Float.nan.bitPattern : x.bitPattern }

    static let floats = KernelPropertyTests.inputs
    static let doubles = KernelPropertyTests.doubles
    static let halves: [UInt16] = (0..<(1 << 20)).map { UInt16(truncatingIfNeeded: $0 &* 40_503) }
    static let ints: [Int32] = floats.prefix(1 << 20).map { Int32(bitPattern: $0.bitPattern) }
    static let bools: [Bool] = halves.map { $0 & 1 == 1 }

    func testFloat32UnaryCopiesAgree() {
        check("exp", Self.floats, wide: jaxlab_f32_exp_avx512, fast: jaxlab_f32_exp_avx2, portable: jaxlab_f32_exp_portable)
        check("logistic", Self.floats, wide: jaxlab_f32_logistic_avx512, fast: jaxlab_f32_logistic_avx2, portable: jaxlab_f32_logistic_portable)
        check("tanh", Self.floats, wide: jaxlab_f32_tanh_avx512, fast: jaxlab_f32_tanh_avx2, portable: jaxlab_f32_tanh_portable)
        check("expm1", Self.floats, wide: jaxlab_f32_expm1_avx512, fast: jaxlab_f32_expm1_avx2, portable: jaxlab_f32_expm1_portable)
        check("erf", Self.floats, wide: jaxlab_f32_erf_avx512, fast: jaxlab_f32_erf_avx2, portable: jaxlab_f32_erf_portable)
        check("erf clamped", Self.floats, wide: jaxlab_f32_erf_clamped_avx512, fast: jaxlab_f32_erf_clamped_avx2,
              portable: jaxlab_f32_erf_clamped_portable)
        check("atan", Self.floats, wide: jaxlab_f32_atan_avx512, fast: jaxlab_f32_atan_avx2, portable: jaxlab_f32_atan_portable)
        check("rsqrt", Self.floats, wide: jaxlab_f32_rsqrt_avx512, fast: jaxlab_f32_rsqrt_avx2, portable: jaxlab_f32_rsqrt_portable)
        check("log", Self.floats, wide: jaxlab_f32_log_avx512, fast: jaxlab_f32_log_avx2, portable: jaxlab_f32_log_portable)
        check("log1p", Self.floats, wide: jaxlab_f32_log1p_avx512, fast: jaxlab_f32_log1p_avx2, portable: jaxlab_f32_log1p_portable)
        check("erf_inv", Self.floats, wide: jaxlab_f32_erf_inv_avx512, fast: jaxlab_f32_erf_inv_avx2, portable: jaxlab_f32_erf_inv_portable)
        check("neg", Self.floats, wide: jaxlab_f32_neg_avx512, fast: jaxlab_f32_neg_avx2, portable: jaxlab_f32_neg_portable)
        check("abs", Self.floats, wide: jaxlab_f32_abs_avx512, fast: jaxlab_f32_abs_avx2, portable: jaxlab_f32_abs_portable)
        check("sign", Self.floats, wide: jaxlab_f32_sign_avx512, fast: jaxlab_f32_sign_avx2, portable: jaxlab_f32_sign_portable)
        check("floor", Self.floats, wide: jaxlab_f32_floor_avx512, fast: jaxlab_f32_floor_avx2, portable: jaxlab_f32_floor_portable)
        check("ceil", Self.floats, wide: jaxlab_f32_ceil_avx512, fast: jaxlab_f32_ceil_avx2, portable: jaxlab_f32_ceil_portable)
        check("round", Self.floats, wide: jaxlab_f32_round_avx512, fast: jaxlab_f32_round_avx2, portable: jaxlab_f32_round_portable)
        check("sqrt", Self.floats, wide: jaxlab_f32_sqrt_avx512, fast: jaxlab_f32_sqrt_avx2, portable: jaxlab_f32_sqrt_portable)
        check("square", Self.floats, wide: jaxlab_f32_square_avx512, fast: jaxlab_f32_square_avx2, portable: jaxlab_f32_square_portable)
        check("cube", Self.floats, wide: jaxlab_f32_cube_avx512, fast: jaxlab_f32_cube_avx2, portable: jaxlab_f32_cube_portable)
    }

    func testFloat64UnaryCopiesAgree() {
        check("exp", Self.doubles, wide: jaxlab_f64_exp_avx512, fast: jaxlab_f64_exp_avx2, portable: jaxlab_f64_exp_portable)
        check("logistic", Self.doubles, wide: jaxlab_f64_logistic_avx512, fast: jaxlab_f64_logistic_avx2, portable: jaxlab_f64_logistic_portable)
        check("tanh", Self.doubles, wide: jaxlab_f64_tanh_avx512, fast: jaxlab_f64_tanh_avx2, portable: jaxlab_f64_tanh_portable)
        check("expm1", Self.doubles, wide: jaxlab_f64_expm1_avx512, fast: jaxlab_f64_expm1_avx2, portable: jaxlab_f64_expm1_portable)
        check("neg", Self.doubles, wide: jaxlab_f64_neg_avx512, fast: jaxlab_f64_neg_avx2, portable: jaxlab_f64_neg_portable)
        check("abs", Self.doubles, wide: jaxlab_f64_abs_avx512, fast: jaxlab_f64_abs_avx2, portable: jaxlab_f64_abs_portable)
        check("sign", Self.doubles, wide: jaxlab_f64_sign_avx512, fast: jaxlab_f64_sign_avx2, portable: jaxlab_f64_sign_portable)
        check("floor", Self.doubles, wide: jaxlab_f64_floor_avx512, fast: jaxlab_f64_floor_avx2, portable: jaxlab_f64_floor_portable)
        check("ceil", Self.doubles, wide: jaxlab_f64_ceil_avx512, fast: jaxlab_f64_ceil_avx2, portable: jaxlab_f64_ceil_portable)
        check("round", Self.doubles, wide: jaxlab_f64_round_avx512, fast: jaxlab_f64_round_avx2, portable: jaxlab_f64_round_portable)
        check("sqrt", Self.doubles, wide: jaxlab_f64_sqrt_avx512, fast: jaxlab_f64_sqrt_avx2, portable: jaxlab_f64_sqrt_portable)
        check("square", Self.doubles, wide: jaxlab_f64_square_avx512, fast: jaxlab_f64_square_avx2, portable: jaxlab_f64_square_portable)
        check("cube", Self.doubles, wide: jaxlab_f64_cube_avx512, fast: jaxlab_f64_cube_avx2, portable: jaxlab_f64_cube_portable)
        check("not", Self.bools, wide: jaxlab_bool_not_avx512, fast: jaxlab_bool_not_avx2, portable: jaxlab_bool_not_portable)
    }

    func testConversionCopiesAgree() {
        check("to bfloat16", Self.floats, wide: jaxlab_cast_f32_bf16_avx512, fast: jaxlab_cast_f32_bf16_avx2, portable: jaxlab_cast_f32_bf16_portable)
        check("from bfloat16", Self.halves, wide: jaxlab_cast_bf16_f32_avx512, fast: jaxlab_cast_bf16_f32_avx2, portable: jaxlab_cast_bf16_f32_portable)
        check("from bfloat16 flushed", Self.halves, wide: jaxlab_cast_bf16_f32_flushed_avx512, fast: jaxlab_cast_bf16_f32_flushed_avx2,
              portable: jaxlab_cast_bf16_f32_flushed_portable)
        check("to int32 saturating", Self.floats, wide: jaxlab_cast_f32_i32_saturating_avx512, fast: jaxlab_cast_f32_i32_saturating_avx2,
              portable: jaxlab_cast_f32_i32_saturating_portable)
        check("to int32 truncating", Self.floats, wide: jaxlab_cast_f32_i32_truncating_avx512, fast: jaxlab_cast_f32_i32_truncating_avx2,
              portable: jaxlab_cast_f32_i32_truncating_portable)
        check("from int32", Self.ints, wide: jaxlab_cast_i32_f32_avx512, fast: jaxlab_cast_i32_f32_avx2, portable: jaxlab_cast_i32_f32_portable)
        check("to float64", Self.floats, wide: jaxlab_cast_f32_f64_avx512, fast: jaxlab_cast_f32_f64_avx2, portable: jaxlab_cast_f32_f64_portable)
        check("to float64 flushed", Self.floats, wide: jaxlab_cast_f32_f64_flushed_avx512, fast: jaxlab_cast_f32_f64_flushed_avx2,
              portable: jaxlab_cast_f32_f64_flushed_portable)
        check("to float32", Self.doubles, wide: jaxlab_cast_f64_f32_avx512, fast: jaxlab_cast_f64_f32_avx2, portable: jaxlab_cast_f64_f32_portable)
        check("to float32 flushed", Self.doubles, wide: jaxlab_cast_f64_f32_flushed_avx512, fast: jaxlab_cast_f64_f32_flushed_avx2,
              portable: jaxlab_cast_f64_f32_flushed_portable)
        check("to bool", Self.floats, wide: jaxlab_cast_f32_bool_avx512, fast: jaxlab_cast_f32_bool_avx2, portable: jaxlab_cast_f32_bool_portable)
        // F16C where the CPU has it, the bit routine otherwise
        check("to float16", Self.floats, wide: nil, fast: jaxlab_cast_f32_f16_avx2, portable: jaxlab_cast_f32_f16_portable)
        check("from float16", Self.halves, wide: nil, fast: jaxlab_cast_f16_f32_avx2, portable: jaxlab_cast_f16_f32_portable)
    }

    typealias Both<T, R> = (UnsafePointer<T>?, UnsafePointer<T>?, UnsafeMutablePointer<R>?, Int) -> Void
    typealias Right<T, R> = (UnsafePointer<T>?, T, UnsafeMutablePointer<R>?, Int) -> Void
    typealias Left<T, R> = (T, UnsafePointer<T>?, UnsafeMutablePointer<R>?, Int) -> Void

    /// A two-operand kernel's three block forms, the AVX2 copy against the portable one: both
    /// operands from `x` (the second reversed), and each of `scalars` on either side.
    func checkBinary<T, R>(_ name: String, _ x: [T], _ scalars: [T], _ avx2: (Both<T, R>, Right<T, R>, Left<T, R>),
                           _ portable: (Both<T, R>, Right<T, R>, Left<T, R>)) {
        let a = Array(x.prefix(x.count / 2)), b = Array(x.suffix(x.count / 2).reversed())
        // the blocks see positions into `a` and `b`, so that both operands move together
        let positions = Array(0..<a.count)
        func both(_ f: @escaping Both<T, R>) -> Block<Int, R> {
            { p, out, n in
                guard let first = p?.pointee else { return }
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        if let x = pa.baseAddress, let y = pb.baseAddress { f(x + first, y + first, out, n) }
                    }
                }
            }
        }
        func right(_ f: @escaping Right<T, R>, _ s: T) -> Block<Int, R> {
            { p, out, n in
                guard let first = p?.pointee else { return }
                a.withUnsafeBufferPointer { pa in if let x = pa.baseAddress { f(x + first, s, out, n) } }
            }
        }
        func left(_ f: @escaping Left<T, R>, _ s: T) -> Block<Int, R> {
            { p, out, n in
                guard let first = p?.pointee else { return }
                a.withUnsafeBufferPointer { pa in if let x = pa.baseAddress { f(s, x + first, out, n) } }
            }
        }
        check("\(name)", positions, wide: nil, fast: both(avx2.0), portable: both(portable.0), anyNaN: true)
        for s in scalars {
            check("\(name) with \(s) right", positions, wide: nil, fast: right(avx2.1, s), portable: right(portable.1, s), anyNaN: true)
            check("\(name) with \(s) left", positions, wide: nil, fast: left(avx2.2, s), portable: left(portable.2, s), anyNaN: true)
        }
    }

    func testBinaryCopiesAgree() {
        let x = Array(Self.floats.prefix(1 << 21))
        let s: [Float] = [0.5, -0.0, .nan, -.infinity, Float(bitPattern: 1), Float(bitPattern: 0xFFC0_1234)]
        checkBinary("add", x, s, (jaxlab_f32_add_avx2, jaxlab_f32_add_avx2_vs, jaxlab_f32_add_avx2_sv),
                    (jaxlab_f32_add_portable, jaxlab_f32_add_portable_vs, jaxlab_f32_add_portable_sv))
        checkBinary("sub", x, s, (jaxlab_f32_sub_avx2, jaxlab_f32_sub_avx2_vs, jaxlab_f32_sub_avx2_sv),
                    (jaxlab_f32_sub_portable, jaxlab_f32_sub_portable_vs, jaxlab_f32_sub_portable_sv))
        checkBinary("mul", x, s, (jaxlab_f32_mul_avx2, jaxlab_f32_mul_avx2_vs, jaxlab_f32_mul_avx2_sv),
                    (jaxlab_f32_mul_portable, jaxlab_f32_mul_portable_vs, jaxlab_f32_mul_portable_sv))
        checkBinary("div", x, s, (jaxlab_f32_div_avx2, jaxlab_f32_div_avx2_vs, jaxlab_f32_div_avx2_sv),
                    (jaxlab_f32_div_portable, jaxlab_f32_div_portable_vs, jaxlab_f32_div_portable_sv))
        checkBinary("max", x, s, (jaxlab_f32_max_avx2, jaxlab_f32_max_avx2_vs, jaxlab_f32_max_avx2_sv),
                    (jaxlab_f32_max_portable, jaxlab_f32_max_portable_vs, jaxlab_f32_max_portable_sv))
        checkBinary("min", x, s, (jaxlab_f32_min_avx2, jaxlab_f32_min_avx2_vs, jaxlab_f32_min_avx2_sv),
                    (jaxlab_f32_min_portable, jaxlab_f32_min_portable_vs, jaxlab_f32_min_portable_sv))
        checkBinary("eq", x, s, (jaxlab_f32_eq_avx2, jaxlab_f32_eq_avx2_vs, jaxlab_f32_eq_avx2_sv),
                    (jaxlab_f32_eq_portable, jaxlab_f32_eq_portable_vs, jaxlab_f32_eq_portable_sv))
        checkBinary("lt", x, s, (jaxlab_f32_lt_avx2, jaxlab_f32_lt_avx2_vs, jaxlab_f32_lt_avx2_sv),
                    (jaxlab_f32_lt_portable, jaxlab_f32_lt_portable_vs, jaxlab_f32_lt_portable_sv))
        checkBinary("ge", x, s, (jaxlab_f32_ge_avx2, jaxlab_f32_ge_avx2_vs, jaxlab_f32_ge_avx2_sv),
                    (jaxlab_f32_ge_portable, jaxlab_f32_ge_portable_vs, jaxlab_f32_ge_portable_sv))
        let d = Array(Self.doubles.prefix(1 << 20))
        let t: [Double] = [0.5, -0.0, .nan, .infinity, .leastNonzeroMagnitude]
        checkBinary("add64", d, t, (jaxlab_f64_add_avx2, jaxlab_f64_add_avx2_vs, jaxlab_f64_add_avx2_sv),
                    (jaxlab_f64_add_portable, jaxlab_f64_add_portable_vs, jaxlab_f64_add_portable_sv))
        checkBinary("mul64", d, t, (jaxlab_f64_mul_avx2, jaxlab_f64_mul_avx2_vs, jaxlab_f64_mul_avx2_sv),
                    (jaxlab_f64_mul_portable, jaxlab_f64_mul_portable_vs, jaxlab_f64_mul_portable_sv))
        checkBinary("div64", d, t, (jaxlab_f64_div_avx2, jaxlab_f64_div_avx2_vs, jaxlab_f64_div_avx2_sv),
                    (jaxlab_f64_div_portable, jaxlab_f64_div_portable_vs, jaxlab_f64_div_portable_sv))
        checkBinary("max64", d, t, (jaxlab_f64_max_avx2, jaxlab_f64_max_avx2_vs, jaxlab_f64_max_avx2_sv),
                    (jaxlab_f64_max_portable, jaxlab_f64_max_portable_vs, jaxlab_f64_max_portable_sv))
        checkBinary("min64", d, t, (jaxlab_f64_min_avx2, jaxlab_f64_min_avx2_vs, jaxlab_f64_min_avx2_sv),
                    (jaxlab_f64_min_portable, jaxlab_f64_min_portable_vs, jaxlab_f64_min_portable_sv))
        checkBinary("le64", d, t, (jaxlab_f64_le_avx2, jaxlab_f64_le_avx2_vs, jaxlab_f64_le_avx2_sv),
                    (jaxlab_f64_le_portable, jaxlab_f64_le_portable_vs, jaxlab_f64_le_portable_sv))
    }

    /// integer_pow's AVX2 chains against the portable ones, for every element type.
    func testIntegerPowerCopiesAgree() {
        for y in [2, 3, 5, 8, 13, -1, -3] {
            check("f32 ** \(y)", Self.floats, wide: nil, fast: { jaxlab_f32_integer_pow($0, $1, $2, y) },
                  portable: { jaxlab_f32_integer_pow_portable($0, $1, $2, y) })
            check("f64 ** \(y)", Self.doubles, wide: nil, fast: { jaxlab_f64_integer_pow($0, $1, $2, y) },
                  portable: { jaxlab_f64_integer_pow_portable($0, $1, $2, y) })
        }
        let u32 = Self.ints.map { UInt32(bitPattern: $0) }
        let u64 = Self.doubles.map(\.bitPattern)
        for y in [2, 3, 7, 31] {
            check("u32 ** \(y)", u32, wide: nil, fast: { jaxlab_u32_integer_pow($0, $1, $2, y) },
                  portable: { jaxlab_u32_integer_pow_portable($0, $1, $2, y) })
            check("u64 ** \(y)", u64, wide: nil, fast: { jaxlab_u64_integer_pow($0, $1, $2, y) },
                  portable: { jaxlab_u64_integer_pow_portable($0, $1, $2, y) })
        }
    }

    /// The reductions' copies (YNNPACK's sums in their order, float32 and float64 extremes, XLA's window folds) at
    /// every length the kernels branch on (the copies themselves leave the FP mode alone: only the dispatching forms set FTZ/DAZ).
    func testReductionCopiesAgree() {
        let x = Array(Self.floats.prefix(1 << 18)).map { $0.isNaN ? 1.5 : $0 }
        let mixed = Array(Self.floats.prefix(70_000))
        let lengths = Array(0...300) + [511, 512, 1023, 1024, 1025, 4095, 4096, 4097, 32767, 32768, 32769, 65_537, 1 << 18]
        for n in lengths {
            for data in [x, mixed] where n <= data.count {
                let expected = jaxlab_ynn_k1_sum_portable(data, n)
                func same(_ got: Float) -> Bool { got.bitPattern == expected.bitPattern || (got.isNaN && expected.isNaN) }
                if Self.fast { XCTAssertTrue(same(jaxlab_ynn_k1_sum_avx2(data, n)), "k1 AVX2 n = \(n)") }
                if Self.wide { XCTAssertTrue(same(jaxlab_ynn_k1_sum_avx512(data, n)), "k1 AVX-512 n = \(n)") }
                // jnp.var's fused second pass, under FTZ/DAZ as it runs
                let m = data[n / 3 % max(n, 1)] * 0.75
                FloatEnvironment.value(flushingDenormals: true) {
                    let squares = jaxlab_ynn_k1_squares_portable(data, n, m)
                    func agrees(_ got: Float) -> Bool { got.bitPattern == squares.bitPattern || (got.isNaN && squares.isNaN) }
                    if Self.fast { XCTAssertTrue(agrees(jaxlab_ynn_k1_squares_avx2(data, n, m)), "k1 squares AVX2 n = \(n)") }
                    if Self.wide { XCTAssertTrue(agrees(jaxlab_ynn_k1_squares_avx512(data, n, m)), "k1 squares AVX-512 n = \(n)") }
                }
                var nan: (Int32, Int32) = (0, 0)
                for max in [true, false] {
                    let portable = max ? jaxlab_f32_extreme_max_portable(data, n, &nan.0) : jaxlab_f32_extreme_min_portable(data, n, &nan.0)
                    guard Self.fast else { continue }
                    let avx2 = max ? jaxlab_f32_extreme_max_avx2(data, n, &nan.1) : jaxlab_f32_extreme_min_avx2(data, n, &nan.1)
                    XCTAssertEqual(avx2.bitPattern, portable.bitPattern, "extreme max \(max) n = \(n)")
                    XCTAssertEqual(nan.0, nan.1, "extreme NaN max \(max) n = \(n)")
                }
            }
        }
        for (rows, cols) in [(1, 5), (3, 7), (4, 1), (5, 3), (16, 9), (17, 33), (255, 4), (256, 6), (257, 2), (1030, 3), (4099, 17)] {
            let block = Array(mixed.prefix(rows * cols))
            var scratch = [Float](repeating: .nan, count: 5 * cols)
            var portable = [Float](repeating: .nan, count: cols), avx2 = portable, avx512 = portable
            jaxlab_ynn_kn_sum_portable(block, rows, cols, cols, &portable, &scratch)
            if Self.fast {
                jaxlab_ynn_kn_sum_avx2(block, rows, cols, cols, &avx2, &scratch)
                XCTAssertEqual(avx2.map(Self.canonical), portable.map(Self.canonical), "kn AVX2 \(rows)x\(cols)")
            }
            if Self.wide {
                jaxlab_ynn_kn_sum_avx512(block, rows, cols, cols, &avx512, &scratch)
                XCTAssertEqual(avx512.map(Self.canonical), portable.map(Self.canonical), "kn AVX-512 \(rows)x\(cols)")
            }
        }
        guard Self.fast else { return }
        let doubles = Array(Self.doubles.prefix(70_000))
        let finiteDoubles = doubles.map { $0.isNaN ? 1.5 : $0 }
        for n in lengths where n <= doubles.count {
            for data in [finiteDoubles, doubles] {
                var nan: (Int32, Int32) = (0, 0)
                for max in [true, false] {
                    let portable = max ? jaxlab_f64_extreme_max_portable(data, n, &nan.0) : jaxlab_f64_extreme_min_portable(data, n, &nan.0)
                    let avx2 = max ? jaxlab_f64_extreme_max_avx2(data, n, &nan.1) : jaxlab_f64_extreme_min_avx2(data, n, &nan.1)
                    XCTAssertEqual(avx2.bitPattern, portable.bitPattern, "f64 extreme max \(max) n = \(n)")
                    XCTAssertEqual(nan.0, nan.1, "f64 extreme NaN max \(max) n = \(n)")
                }
            }
        }
        for n in [0, 1, 31, 32, 33, 100, 255, 256, 257, 1000, 4097, 70_000] {
            let windows = (n + 31) / 32
            let low = (windows * 32 - n) / 2
            for product in [0, 1] {
                var p = [Float](repeating: .nan, count: windows), q = p
                jaxlab_f32_window_fold_portable(mixed, n, low, 0, windows, Int32(product), &p)
                jaxlab_f32_window_fold_avx2(mixed, n, low, 0, windows, Int32(product), &q)
                XCTAssertEqual(p.map(\.bitPattern), q.map(\.bitPattern), "window fold n = \(n) product \(product)")
                var r = [Double](repeating: .nan, count: windows), t = r
                jaxlab_f64_window_fold_portable(doubles, n, low, 0, windows, Int32(product), &r)
                jaxlab_f64_window_fold_avx2(doubles, n, low, 0, windows, Int32(product), &t)
                XCTAssertEqual(r.map(\.bitPattern), t.map(\.bitPattern), "window fold 64 n = \(n) product \(product)")
            }
        }
    }
}
