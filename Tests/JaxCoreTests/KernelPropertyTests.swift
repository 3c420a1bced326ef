import CElementwiseKernels
import XCTest
@testable import JaxCore

/// The block kernels against their definitions, bit for bit: each vectorised kernel (the AVX2+FMA
/// path on this machine) against its portable copy and against the scalar Swift definition in
/// `Math/`, over millions of inputs of every kind -- normals across the exponent range,
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
        let cases: [(String, Kernel32, Kernel32, (Float) -> Float)] = [
            ("exp", jaxlab_f32_exp, jaxlab_f32_exp_portable, XLAMath.exp),
            ("logistic", jaxlab_f32_logistic, jaxlab_f32_logistic_portable, XLAMath.logistic),
            ("tanh", jaxlab_f32_tanh, jaxlab_f32_tanh_portable, XLAMath.tanh),
            ("expm1", jaxlab_f32_expm1, jaxlab_f32_expm1_portable, XLAMath.expm1),
            ("erf", jaxlab_f32_erf, jaxlab_f32_erf_portable, { XLAMath.erf($0) }),
            ("erf clamped", jaxlab_f32_erf_clamped, jaxlab_f32_erf_clamped_portable, { XLAMath.erf($0, clamped: true) }),
            ("atan", jaxlab_f32_atan, jaxlab_f32_atan_portable, XLAMath.atan),
            ("rsqrt", jaxlab_f32_rsqrt, jaxlab_f32_rsqrt_portable, XLAMath.rsqrt),
            ("log", jaxlab_f32_log, jaxlab_f32_log_portable, XLALog.log),
            ("log1p", jaxlab_f32_log1p, jaxlab_f32_log1p_portable, XLALog.log1p),
            ("erf_inv", jaxlab_f32_erf_inv, jaxlab_f32_erf_inv_portable, XLALog.erfInv),
        ]
        let x = Self.inputs
        for (name, fast, portable, definition) in cases {
            let vectorised = Self.run(fast, x)
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.run(portable, x)), "\(name): fast vs portable")
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.reference(definition, x)), "\(name): kernel vs definition")
        }
    }

    func testFloat64MathKernelsEqualTheirScalarDefinitions() {
        let cases: [(String, Kernel64, Kernel64, (Double) -> Double)] = [
            ("exp", jaxlab_f64_exp, jaxlab_f64_exp_portable, { XLAMath.exp(FloatRules.flushed($0)) }),
            ("logistic", jaxlab_f64_logistic, jaxlab_f64_logistic_portable, { XLAMath.logistic(FloatRules.flushed($0)) }),
            ("tanh", jaxlab_f64_tanh, jaxlab_f64_tanh_portable, XLAMath.tanh),
            ("expm1", jaxlab_f64_expm1, jaxlab_f64_expm1_portable, XLAMath.expm1),
        ]
        let x = Self.doubles
        for (name, fast, portable, definition) in cases {
            let vectorised = Self.run(fast, x)
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.run(portable, x)), "\(name): fast vs portable")
            XCTAssertNil(Self.firstMismatch(x, vectorised, Self.reference(definition, x)), "\(name): kernel vs definition")
        }
    }
}
