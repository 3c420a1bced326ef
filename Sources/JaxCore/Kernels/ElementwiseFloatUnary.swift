#if canImport(Glibc)
import Glibc
#endif

/// Unary kernels on float32 and float64 arrays (half types run through float32), JAX's paths
/// chosen by array size as XLA's compiled kernels choose them.
enum FloatUnary {
    /// `flush` defaults to JAX semantics; float16 inputs pass false (their float32 images are
    /// never subnormal, and their conversions must not run under DAZ).
    static func float32(_ op: UnaryOp, _ v: [Float], shape: [Int], semantics: ArraySemantics, flush: Bool? = nil) -> [Float] {
        FloatEnvironment.value(flushingDenormals: flush ?? (semantics == .jax)) {
            semantics == .jax ? jax32(op, v, rank: shape.count) : numpy32(op, v)
        }
    }

    static func float64(_ op: UnaryOp, _ v: [Double], semantics: ArraySemantics) -> [Double] {
        let jax = semantics == .jax
        return FloatEnvironment.value(flushingDenormals: jax) {
            let f: (Double) -> Double = { jax ? FloatRules.flushed($0) : $0 }
            switch op {
            case .sign:
                return jax ? ElementwiseLoop.map(v) { x in x.isNaN ? x : Double(signOf: x, magnitudeOf: f(x) != 0 ? 1 : 0) }
                           : ElementwiseLoop.map(v) { FloatRules.numpySign($0) }
            case .floor: return ElementwiseLoop.map(v) { f($0).rounded(.down) }
            case .ceil: return ElementwiseLoop.map(v) { f($0).rounded(.up) }
            case .round: return ElementwiseLoop.map(v) { f($0).rounded(.toNearestOrEven) }
            case .log where jax: return ElementwiseLoop.map(v) { x in x < 0 ? .nan : Glibc.log(f(x)) }
            case .log1p where jax: return ElementwiseLoop.map(v) { x in x < -1 ? .nan : XLAMath.log1p(f(x)) }
            case .expm1 where jax: return ElementwiseLoop.map(v) { XLAMath.expm1($0) }
            case .exp where jax: return ElementwiseLoop.map(v) { XLAMath.exp(f($0)) }
            case .tanh where jax: return ElementwiseLoop.map(v) { XLAMath.tanh($0) }
            case .logistic where jax: return ElementwiseLoop.map(v) { XLAMath.logistic(f($0)) }
            case .rsqrt where jax: return ElementwiseLoop.map(v) { XLAMath.rsqrt(f($0)) }
            case .erfInv where jax: return ElementwiseLoop.map(v) { XLAMath.erfInv(f($0)) }
            default: return generic(op, v)
            }
        }
    }

    /// The operations both libraries compute with the C library (or exact IEEE arithmetic).
    @inline(__always)
    static func generic<T: KernelFloat>(_ op: UnaryOp, _ v: [T]) -> [T] {
        switch op {
        case .negative: return ElementwiseLoop.map(v) { -$0 }
        case .abs: return ElementwiseLoop.map(v) { $0.magnitude }
        case .sign: return ElementwiseLoop.map(v) { FloatRules.numpySign($0) }
        case .exp: return ElementwiseLoop.map(v) { T.cExp($0) }
        case .log: return ElementwiseLoop.map(v) { T.cLog($0) }
        case .log1p: return ElementwiseLoop.map(v) { T.cLog1p($0) }
        case .expm1: return ElementwiseLoop.map(v) { T.cExpm1($0) }
        case .sqrt: return ElementwiseLoop.map(v) { $0.squareRoot() }
        case .rsqrt: return ElementwiseLoop.map(v) { 1 / $0.squareRoot() }
        case .sin: return ElementwiseLoop.map(v) { T.cSin($0) }
        case .cos: return ElementwiseLoop.map(v) { T.cCos($0) }
        case .tan: return ElementwiseLoop.map(v) { T.cTan($0) }
        case .tanh: return ElementwiseLoop.map(v) { T.cTanh($0) }
        case .arctan: return ElementwiseLoop.map(v) { T.cAtan($0) }
        case .erf: return ElementwiseLoop.map(v) { T.cErf($0) }
        case .erfInv: return ElementwiseLoop.map(v) { T(InverseErf.value(Double($0))) }
        case .logistic: return ElementwiseLoop.map(v) { 1 / (1 + T.cExp(-$0)) }
        case .floor: return ElementwiseLoop.map(v) { $0.rounded(.down) }
        case .ceil: return ElementwiseLoop.map(v) { $0.rounded(.up) }
        case .round: return ElementwiseLoop.map(v) { $0.rounded(.toNearestOrEven) }
        case .logicalNot: return ElementwiseLoop.map(v) { $0 == 0 ? 1 : 0 }
        }
    }

    /// JAX on half types where XLA rounds between the steps of an expanded operation:
    /// sigmoid as `1 / (1 + exp(-x))` rounded per op, and (float16 only) expm1 by its
    /// formula rounded per op. Nil for operations computed in float32 and rounded once.
    static func halfJax(_ op: UnaryOp, _ v: [Float], narrow: (Float) -> Float, perOpExpm1: Bool) -> [Float]? {
        switch op {
        case .logistic:
            return ElementwiseLoop.map(v) { x in
                x.isNaN ? x : narrow(1 / narrow(1 + narrow(XLAMath.exp(-x))))
            }
        case .expm1 where perOpExpm1:
            return ElementwiseLoop.map(v) { x in
                if x.isNaN { return x }
                let e = narrow(XLAMath.exp(x))
                let half = narrow(x * 0.5)
                if half == 0 { return x }
                if x.magnitude > 0.5 { return narrow(e - 1) }
                return narrow(narrow(XLAMath.tanh(half)) * narrow(e + 1))
            }
        default:
            return nil
        }
    }

    static func numpy32(_ op: UnaryOp, _ v: [Float]) -> [Float] {
        switch op {
        case .erfInv: return ElementwiseLoop.map(v) { XLALog.erfInv($0) }
        case .exp: return ElementwiseLoop.map(v) { NumpyMath.exp($0) }
        default: return generic(op, v)
        }
    }

    /// JAX float32: XLA's inline approximations, its glibc calls, and the size rules that pick
    /// between them for a standalone operation on an array of this many elements.
    static func jax32(_ op: UnaryOp, _ v: [Float], rank: Int) -> [Float] {
        let n = v.count
        switch op {
        case .negative: return ElementwiseLoop.map(v) { -$0 }
        case .abs: return ElementwiseLoop.map(v) { $0.magnitude }
        case .sign:
            return ElementwiseLoop.map(v) { x in x.isNaN ? x : Float(signOf: x, magnitudeOf: XLAMath.flush(x) != 0 ? 1 : 0) }
        case .exp:
            let glibcFrom = rank == 1 ? SizeRules.libmStart(forExpOrLogOf: n) : n
            guard var out = NativeKernels.exp(v) else {
                return v.indices.map { i in i >= glibcFrom ? expf(v[i]) : XLAMath.exp(v[i]) }
            }
            for i in glibcFrom..<n { out[i] = expf(v[i]) }
            return out
        case .log:
            let glibcFrom = rank == 1 ? SizeRules.libmStart(forExpOrLogOf: n) : n
            return v.indices.map { i in i >= glibcFrom ? logf(v[i]) : XLALog.log(v[i]) }
        case .log1p: return ElementwiseLoop.map(v) { XLALog.log1p($0) }
        case .expm1: return ElementwiseLoop.map(v) { XLAMath.expm1($0) }
        case .sqrt: return ElementwiseLoop.map(v) { $0.squareRoot() }
        case .rsqrt: return ElementwiseLoop.map(v) { XLAMath.rsqrt($0) }
        case .sin: return ElementwiseLoop.map(v) { sinf($0) }
        case .cos: return ElementwiseLoop.map(v) { cosf($0) }
        case .tan: return ElementwiseLoop.map(v) { tanf($0) }
        case .tanh: return NativeKernels.tanh(v) ?? ElementwiseLoop.map(v) { XLAMath.tanh($0) }
        case .arctan:
            let libmEnd = SizeRules.libmEnd(forAtanOf: n)
            return v.indices.map { i in i < libmEnd ? atanf(v[i]) : XLAMath.atan(v[i]) }
        case .erf:
            let clamped = rank == 0 || n == 1
            return ElementwiseLoop.map(v) { XLAMath.erf($0, clamped: clamped) }
        case .erfInv: return ElementwiseLoop.map(v) { XLALog.erfInv($0) }
        case .logistic: return NativeKernels.logistic(v) ?? ElementwiseLoop.map(v) { XLAMath.logistic($0) }
        case .floor: return ElementwiseLoop.map(v) { XLAMath.flush($0).rounded(.down) }
        case .ceil: return ElementwiseLoop.map(v) { XLAMath.flush($0).rounded(.up) }
        case .round: return ElementwiseLoop.map(v) { XLAMath.flush($0).rounded(.toNearestOrEven) }
        case .logicalNot: return ElementwiseLoop.map(v) { XLAMath.flush($0) == 0 ? 1 : 0 }
        }
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
