#if canImport(Glibc)
import Glibc
#endif

/// The two float types with native kernels, and the C library functions both JAX (through
/// XLA's calls into glibc) and NumPy use for them.
protocol KernelFloat: BlockFloat, ArrayElement {
    static func cAtan2(_ y: Self, _ x: Self) -> Self
    static func cPow(_ x: Self, _ y: Self) -> Self
    static func cFmod(_ x: Self, _ y: Self) -> Self
    static func cSin(_ x: Self) -> Self
    static func cCos(_ x: Self) -> Self
    static func cTan(_ x: Self) -> Self
    static func cAtan(_ x: Self) -> Self
    static func cExp(_ x: Self) -> Self
    static func cExpm1(_ x: Self) -> Self
    static func cLog(_ x: Self) -> Self
    static func cLog1p(_ x: Self) -> Self
    static func cTanh(_ x: Self) -> Self
    static func cErf(_ x: Self) -> Self
    static func cErfc(_ x: Self) -> Self
}

extension Float: KernelFloat {
    @inline(__always) static func cAtan2(_ y: Float, _ x: Float) -> Float { atan2f(y, x) }
    @inline(__always) static func cPow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    @inline(__always) static func cFmod(_ x: Float, _ y: Float) -> Float { fmodf(x, y) }
    @inline(__always) static func cSin(_ x: Float) -> Float { sinf(x) }
    @inline(__always) static func cCos(_ x: Float) -> Float { cosf(x) }
    @inline(__always) static func cTan(_ x: Float) -> Float { tanf(x) }
    @inline(__always) static func cAtan(_ x: Float) -> Float { atanf(x) }
    @inline(__always) static func cExp(_ x: Float) -> Float { expf(x) }
    @inline(__always) static func cExpm1(_ x: Float) -> Float { expm1f(x) }
    @inline(__always) static func cLog(_ x: Float) -> Float { logf(x) }
    @inline(__always) static func cLog1p(_ x: Float) -> Float { log1pf(x) }
    @inline(__always) static func cTanh(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) static func cErf(_ x: Float) -> Float { erff(x) }
    @inline(__always) static func cErfc(_ x: Float) -> Float { erfcf(x) }
}

extension Double: KernelFloat {
    @inline(__always) static func cAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
    @inline(__always) static func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
    @inline(__always) static func cFmod(_ x: Double, _ y: Double) -> Double { fmod(x, y) }
    @inline(__always) static func cSin(_ x: Double) -> Double { sin(x) }
    @inline(__always) static func cCos(_ x: Double) -> Double { cos(x) }
    @inline(__always) static func cTan(_ x: Double) -> Double { tan(x) }
    @inline(__always) static func cAtan(_ x: Double) -> Double { atan(x) }
    @inline(__always) static func cExp(_ x: Double) -> Double { exp(x) }
    @inline(__always) static func cExpm1(_ x: Double) -> Double { expm1(x) }
    @inline(__always) static func cLog(_ x: Double) -> Double { log(x) }
    @inline(__always) static func cLog1p(_ x: Double) -> Double { log1p(x) }
    @inline(__always) static func cTanh(_ x: Double) -> Double { tanh(x) }
    @inline(__always) static func cErf(_ x: Double) -> Double { erf(x) }
    @inline(__always) static func cErfc(_ x: Double) -> Double { erfc(x) }
}

/// Small float helpers shared by the JAX and NumPy kernels.
enum FloatRules {
    /// `lax.sign`: -1, ±0 kept, 1, NaN kept.
    @inline(__always)
    static func laxSign<T: BinaryFloatingPoint>(_ x: T) -> T {
        if x > 0 { return 1 }
        if x < 0 { return -1 }
        return x
    }

    /// NumPy's `sign`: ±1, 0 for either zero, NaN kept.
    @inline(__always)
    static func numpySign<T: BinaryFloatingPoint>(_ x: T) -> T {
        x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : x
    }

    /// A subnormal as the signed zero that DAZ makes of it.
    @inline(__always)
    static func flushed<T: BinaryFloatingPoint>(_ x: T) -> T {
        x.isSubnormal ? T(signOf: x, magnitudeOf: 0) : x
    }

    /// XLA's max on x86 under DAZ: a NaN first operand wins; a NaN second operand wins with
    /// the AND of both signs; +0 is above -0; subnormals count as zeros.
    @inline(__always)
    static func maximum<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
        let a = flushed(x), b = flushed(y)
        if a.isNaN { return a }
        if b.isNaN { return a.sign == .minus ? b : T(signOf: 1, magnitudeOf: b) }
        if a == b { return a.sign == .minus ? b : a }
        return a > b ? a : b
    }

    /// XLA's min on x86 under DAZ: as `maximum`, with the OR of the signs and -0 below +0.
    @inline(__always)
    static func minimum<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
        let a = flushed(x), b = flushed(y)
        if a.isNaN { return a }
        if b.isNaN { return a.sign == .minus ? T(signOf: -1, magnitudeOf: b) : b }
        if a == b { return a.sign == .minus ? a : b }
        return a < b ? a : b
    }

    /// NumPy's `maximum` (its SIMD loops): NaN from either side, the second operand on ties.
    @inline(__always)
    static func numpyMaximum<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
        (a > b || a.isNaN) ? a : b
    }

    /// NumPy's `minimum`.
    @inline(__always)
    static func numpyMinimum<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
        (a < b || a.isNaN) ? a : b
    }

    /// `jnp.floor_divide` on floats (`_float_divmod`): fmod-corrected quotient, rounded half
    /// away from zero.
    /// `narrow` rounds each step to the array's own type (half types run in float32 but
    /// round between XLA's ops).
    @inline(__always)
    static func jaxFloorDivide<T: KernelFloat>(_ x: T, _ y: T, narrow: (T) -> T) -> T {
        let mod = narrow(T.cFmod(x, y))
        let corrected = y == 0 ? x : narrow(x - mod)
        var div = narrow(corrected / y)
        if mod != 0 && laxSign(y) != laxSign(mod) { div = narrow(div - 1) }
        return div.rounded(.toNearestOrAwayFromZero)
    }

    /// `jnp.remainder` on floats: fmod moved to the divisor's sign.
    @inline(__always)
    static func jaxRemainder<T: KernelFloat>(_ x: T, _ y: T, narrow: (T) -> T) -> T {
        let t = narrow(T.cFmod(x, y))
        return ((t < 0) != (y < 0)) && t != 0 ? narrow(t + y) : t
    }

    /// NumPy's `npy_divmod` quotient (`npy_floor_divide`).
    @inline(__always)
    static func numpyFloorDivide<T: KernelFloat>(_ a: T, _ b: T) -> T {
        if b == 0 { return a / b }
        var mod = T.cFmod(a, b)
        var div = (a - mod) / b
        if mod != 0 {
            if (b < 0) != (mod < 0) {
                mod += b
                div -= 1
            }
        }
        if div != 0 {
            var floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
            return floordiv
        }
        return T(signOf: a / b, magnitudeOf: 0)
    }

    /// NumPy's `npy_remainder`: fmod moved to the divisor's sign, zero signed like the divisor.
    @inline(__always)
    static func numpyRemainder<T: KernelFloat>(_ a: T, _ b: T) -> T {
        let mod = T.cFmod(a, b)
        if b == 0 { return mod }
        if mod != 0 {
            return (b < 0) != (mod < 0) ? mod + b : mod
        }
        return T(signOf: b, magnitudeOf: 0)
    }
}
