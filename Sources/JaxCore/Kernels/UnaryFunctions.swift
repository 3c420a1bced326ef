#if canImport(Glibc)
import Glibc
#endif
import CElementwiseKernels

/// The one-operand elementwise kernels, each defined once: what JAX computes (XLA's
/// approximations, its glibc calls and the size rules that choose between them, flushed
/// subnormals) and what NumPy computes, where they differ from the C library's value.
extension UnaryKernel {
    public static let negative = UnaryKernel("negative", Negative.self)
    public static let abs = UnaryKernel("abs", Absolute.self)
    public static let sign = UnaryKernel("sign", Sign.self)
    public static let exp = UnaryKernel("exp", Exp.self)
    public static let log = UnaryKernel("log", Log.self)
    public static let log1p = UnaryKernel("log1p", Log1p.self)
    public static let expm1 = UnaryKernel("expm1", Expm1.self)
    public static let sqrt = UnaryKernel("sqrt", SquareRoot.self)
    public static let rsqrt = UnaryKernel("rsqrt", ReciprocalSquareRoot.self)
    public static let cbrt = UnaryKernel("cbrt", CubeRoot.self)
    public static let sin = UnaryKernel("sin", Sine.self)
    public static let cos = UnaryKernel("cos", Cosine.self)
    public static let tan = UnaryKernel("tan", Tangent.self)
    public static let tanh = UnaryKernel("tanh", HyperbolicTangent.self)
    public static let arctan = UnaryKernel("arctan", Arctangent.self)
    public static let erf = UnaryKernel("erf", ErrorFunction.self)
    public static let erfc = UnaryKernel("erfc", ComplementaryErrorFunction.self)
    public static let erfInv = UnaryKernel("erfInv", InverseErrorFunction.self)
    public static let logistic = UnaryKernel("logistic", Logistic.self)
    public static let floor = UnaryKernel("floor", Floor.self)
    public static let ceil = UnaryKernel("ceil", Ceil.self)
    public static let round = UnaryKernel("round", RoundHalfEven.self)

    /// Every unary kernel.
    static var all: [UnaryKernel] {
        [.negative, .abs, .sign, .exp, .log, .log1p, .expm1, .sqrt, .rsqrt, .cbrt, .sin, .cos, .tan, .tanh, .arctan, .erf, .erfc, .erfInv,
         .logistic, .floor, .ceil, .round, .logicalNot]
    }

    /// Logical not: any dtype, true where the element is zero.
    public static let logicalNot = UnaryKernel("logicalNot", laxName: "not", needsFloat: false, laxAccepts: .integral) { a, semantics, _ throws(PyException) in
        let truth = Kernels.cast(a, to: .bool, semantics: semantics)
        guard case .bool(let v) = truth.storage else { return truth }
        return JaxArray(shape: a.shape, storage: .bool(BlockLoop.map(v, jaxlab_bool_not, cost: .memory, flush: false)))
    }
}

/// Negation (integers wrap).
enum Negative: UnaryFunction {
    static let laxName = "neg"
    static var needsFloat: Bool { false }
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_neg
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_neg
    static func generic<T: KernelFloat>(_ x: T) -> T { -x }
    static func integer<T: FixedWidthInteger>(_ v: [T]) -> [T]? { ElementwiseLoop.map(v) { 0 &- $0 } }
}

/// The magnitude (abs of an integer's minimum is itself).
enum Absolute: UnaryFunction {
    static let laxName = "abs"
    static var laxAccepts: AcceptedKinds { .signed }
    static var needsFloat: Bool { false }
    static var keepsBools: Bool { true }
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_abs
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_abs
    static func generic<T: KernelFloat>(_ x: T) -> T { x.magnitude }
    static func integer<T: FixedWidthInteger>(_ v: [T]) -> [T]? { T.isSigned ? ElementwiseLoop.map(v) { $0 < 0 ? 0 &- $0 : $0 } : v }
}

/// -1, 0 or 1; JAX keeps the zero's sign and treats subnormals as zeros.
enum Sign: UnaryFunction {
    static let laxName = "sign"
    static var needsFloat: Bool { false }
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_sign
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_sign
    static func generic<T: KernelFloat>(_ x: T) -> T { FloatRules.numpySign(x) }
    static func integer<T: FixedWidthInteger>(_ v: [T]) -> [T]? { ElementwiseLoop.map(v) { $0 > 0 ? 1 : $0 == 0 ? 0 : 0 &- 1 } }
}

/// e^x: on 1-D float32 arrays XLA hands some lengths' elements to glibc.
enum Exp: UnaryFunction {
    static let laxName = "exp"
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_exp
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_exp
    static func jax32Lanes(count: Int, rank: Int) -> (Range<Int>, UnaryBlock<Float, Float>)? {
        rank == 1 && SizeRules.libmStart(forExpOrLogOf: count) < count
            ? (SizeRules.libmStart(forExpOrLogOf: count) ..< count, jaxlab_f32_libm_exp) : nil
    }
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cExp(x) }
    static func numpy32(_ v: [Float]) -> [Float] { ElementwiseLoop.map(v) { NumpyMath.exp($0) } }
}

/// The natural logarithm, with exp's length rules on 1-D float32 arrays.
enum Log: UnaryFunction {
    static let laxName = "log"
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_log
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_log
    static func jax32Lanes(count: Int, rank: Int) -> (Range<Int>, UnaryBlock<Float, Float>)? {
        rank == 1 && SizeRules.libmStart(forExpOrLogOf: count) < count
            ? (SizeRules.libmStart(forExpOrLogOf: count) ..< count, jaxlab_f32_libm_log) : nil
    }
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cLog(x) }
}

/// log(1 + x).
enum Log1p: UnaryFunction {
    static let laxName = "log1p"
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_log1p
    static let jax64: UnaryBlock<Double, Double> = ScalarBlock.double { x in x < -1 ? .nan : XLAMath.log1p(FloatRules.flushed(x)) }
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cLog1p(x) }
}

/// e^x - 1; on float16 XLA expands it into rounded steps.
enum Expm1: UnaryFunction {
    static let laxName = "expm1"
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_expm1
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_expm1
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cExpm1(x) }
    static func halfJax(_ v: [Float], narrow: (Float) -> Float, perOpExpm1: Bool) -> [Float]? {
        guard perOpExpm1 else { return nil }
        return ElementwiseLoop.map(v) { x in
            if x.isNaN { return x }
            let e = narrow(XLAMath.exp(x))
            let half = narrow(x * 0.5)
            if half == 0 { return x }
            if x.magnitude > 0.5 { return narrow(e - 1) }
            return narrow(narrow(XLAMath.tanh(half)) * narrow(e + 1))
        }
    }
}

/// The square root (exact in every library).
enum SquareRoot: UnaryFunction {
    static let laxName = "sqrt"
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_sqrt
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_sqrt
    static func generic<T: KernelFloat>(_ x: T) -> T { x.squareRoot() }
}

/// 1 / sqrt(x): XLA's estimate refined by Newton steps.
enum ReciprocalSquareRoot: UnaryFunction {
    static let laxName = "rsqrt"
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_rsqrt
    static let jax64: UnaryBlock<Double, Double> = ScalarBlock.double { XLAMath.rsqrt(FloatRules.flushed($0)) }
    static func generic<T: KernelFloat>(_ x: T) -> T { 1 / x.squareRoot() }
}

/// The cube root: glibc's, which XLA calls too. Under XLA's denormals-are-zero mode glibc's
/// float32 exponent arithmetic turns every subnormal into -5.5951735e-16, as JAX shows.
enum CubeRoot: UnaryFunction {
    static let laxName = "cbrt"
    static var laxAccepts: AcceptedKinds { .floating }
    static let cost = KernelCost.libm
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_cbrt
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_cbrt
    static func generic<T: KernelFloat>(_ x: T) -> T { T(Glibc.cbrt(Double(x))) }
}

/// Sine (glibc's, except NumPy's own float32 loop).
enum Sine: UnaryFunction {
    static let laxName = "sin"
    static let cost = KernelCost.libm
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_sin
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_sin
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cSin(x) }
    static func numpy32(_ v: [Float]) -> [Float] { ElementwiseLoop.map(v) { NumpyMath.sin($0) } }
}

/// Cosine (glibc's, except NumPy's own float32 loop).
enum Cosine: UnaryFunction {
    static let laxName = "cos"
    static let cost = KernelCost.libm
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_cos
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_cos
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cCos(x) }
    static func numpy32(_ v: [Float]) -> [Float] { ElementwiseLoop.map(v) { NumpyMath.cos($0) } }
}

/// Tangent (glibc's).
enum Tangent: UnaryFunction {
    static let laxName = "tan"
    static let cost = KernelCost.libm
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_tan
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_tan
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cTan(x) }
}

/// tanh: XLA's rational approximation.
enum HyperbolicTangent: UnaryFunction {
    static let laxName = "tanh"
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_tanh
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_tanh
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cTanh(x) }
}

/// arctan: glibc's on the vectorised lanes of long float32 arrays, XLA's elsewhere.
enum Arctangent: UnaryFunction {
    static let laxName = "atan"
    static let cost = KernelCost.libm
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_atan
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_atan
    static func jax32Lanes(count: Int, rank: Int) -> (Range<Int>, UnaryBlock<Float, Float>)? {
        let libmEnd = SizeRules.libmEnd(forAtanOf: count)
        return libmEnd > 0 ? (0 ..< libmEnd, jaxlab_f32_libm_atan) : nil
    }
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cAtan(x) }
}

/// The error function: XLA's polynomial, clamped for a single element.
enum ErrorFunction: UnaryFunction {
    static let laxName = "erf"
    static var laxAccepts: AcceptedKinds { .floating }
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_erf
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_erf
    static func jax32Lanes(count: Int, rank: Int) -> (Range<Int>, UnaryBlock<Float, Float>)? {
        rank == 0 || count == 1 ? (0 ..< count, jaxlab_f32_erf_clamped) : nil
    }
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cErf(x) }
}

/// The complementary error function 1 - erf(x), by the Cephes-based approximations JAX
/// lowers `lax.erfc` to (not XLA's own erf, which would lose the tail).
enum ComplementaryErrorFunction: UnaryFunction {
    static let laxName = "erfc"
    static var laxAccepts: AcceptedKinds { .floating }
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_erfc
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_erfc
    static func generic<T: KernelFloat>(_ x: T) -> T { T.cErfc(x) }
}

/// The inverse error function: XLA's (Giles') polynomials.
enum InverseErrorFunction: UnaryFunction {
    static let laxName = "erf_inv"
    static var laxAccepts: AcceptedKinds { .floating }
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_erf_inv
    static let jax64: UnaryBlock<Double, Double> = ScalarBlock.double { XLAMath.erfInv(FloatRules.flushed($0)) }
    static func generic<T: KernelFloat>(_ x: T) -> T { T(InverseErf.value(Double(x))) }
    static func numpy32(_ v: [Float]) -> [Float] { ElementwiseLoop.map(v) { XLALog.erfInv($0) } }
}

/// The logistic sigmoid 1 / (1 + e^-x); on half types XLA rounds each step.
enum Logistic: UnaryFunction {
    static let laxName = "logistic"
    static let cost = KernelCost.polynomial
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_logistic
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_logistic
    static func generic<T: KernelFloat>(_ x: T) -> T { 1 / (1 + T.cExp(-x)) }
    static func halfJax(_ v: [Float], narrow: (Float) -> Float, perOpExpm1: Bool) -> [Float]? {
        ElementwiseLoop.map(v) { x in x.isNaN ? x : narrow(1 / narrow(1 + narrow(XLAMath.exp(-x)))) }
    }
}

/// Rounding down; integers and bools are already whole, and JAX sees subnormals as zeros.
enum Floor: UnaryFunction {
    static let laxName = "floor"
    static var laxAccepts: AcceptedKinds { .floating }
    static var needsFloat: Bool { false }
    static var keepsBools: Bool { true }
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_floor
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_floor
    static func generic<T: KernelFloat>(_ x: T) -> T { x.rounded(.down) }
    static func integer<T: FixedWidthInteger>(_ v: [T]) -> [T]? { v }
}

/// Rounding up.
enum Ceil: UnaryFunction {
    static let laxName = "ceil"
    static var laxAccepts: AcceptedKinds { .floating }
    static var needsFloat: Bool { false }
    static var keepsBools: Bool { true }
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_ceil
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_ceil
    static func generic<T: KernelFloat>(_ x: T) -> T { x.rounded(.up) }
    static func integer<T: FixedWidthInteger>(_ v: [T]) -> [T]? { v }
}

/// Rounding half to even, as `jnp.round` and `np.round` do.
enum RoundHalfEven: UnaryFunction {
    static let laxName = "round"
    static var laxAccepts: AcceptedKinds { .floating }
    static var needsFloat: Bool { false }
    static var keepsBools: Bool { true }
    static let jax32: UnaryBlock<Float, Float> = jaxlab_f32_round
    static let jax64: UnaryBlock<Double, Double> = jaxlab_f64_round
    static func generic<T: KernelFloat>(_ x: T) -> T { x.rounded(.toNearestOrEven) }
    static func integer<T: FixedWidthInteger>(_ v: [T]) -> [T]? { v }
}

/// A Swift element function as a block kernel, for the few float64 functions that stay scalar.
enum ScalarBlock {
    static func double(_ f: @escaping @Sendable (Double) -> Double) -> UnaryBlock<Double, Double> {
        { x, out, count in for i in 0..<count { out[i] = f(x[i]) } }
    }
}

/// Which elements XLA's compiled kernel hands to glibc instead of its inline code, by the
/// number of elements (found by dumping the kernels JAX compiles on this machine).
enum SizeRules {
    /// exp and log on 1-D arrays: sizes 3, 5, 6, 7 call glibc for every element; 11, 13, 14, 15 for the
    /// lanes after the first eight; every other size runs the inline code only.
    static func libmStart(forExpOrLogOf n: Int) -> Int {
        switch n {
        case 3, 5, 6, 7: return 0
        case 11, 13, 14, 15: return 8
        default: return n
        }
    }

    /// arctan: 0-d and one element call `atanf`; 2 to 49 elements use XLA's atan; from 50 on,
    /// `atanf` runs on the vectorised lanes [0, 4*floor(n/4)) and XLA's atan on the rest.
    static func libmEnd(forAtanOf n: Int) -> Int {
        if n <= 1 { return n }
        if n < 50 { return 0 }
        return n - n % 4
    }
}

/// The inverse error function in double precision: a float32 start refined by Newton steps
/// on glibc's `erf`.
enum InverseErf {
    static func value(_ y: Double) -> Double {
        if y.isNaN || y.magnitude > 1 { return .nan }
        if y.magnitude == 1 { return Double(signOf: y, magnitudeOf: .infinity) }
        if y == 0 { return y }
        var x = Double(XLALog.erfInv(Float(y)))
        if !x.isFinite { x = Double(signOf: y, magnitudeOf: (-log1p(-y * y)).squareRoot()) }
        let scale = 2 / Double.pi.squareRoot()
        for _ in 0..<4 {
            let step = (erf(x) - y) / (scale * Glibc.exp(-x * x))
            if !step.isFinite { break }
            x -= step
        }
        return x
    }
}
