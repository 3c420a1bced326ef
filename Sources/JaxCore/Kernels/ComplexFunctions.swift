/// XLA's CPU formulas for complex square roots, powers and trigonometric functions (its
/// elemental IR emitter's), built from the parts' real functions as XLA builds them: sin,
/// cos, atan2 and pow from libm, exp, expm1 and log XLA's own, and a product feeding an add
/// fused into one multiply-add where LLVM fuses it.
enum ComplexFunctions {
    /// The square root as XLA expands it (the overflow-free algorithm of the
    /// functional_algorithms project): with ax = |re| and ay = |im|, u = sqrt((hypot(ax, ay)
    /// + ax) / 2) and v = ay / 2u, rewritten where ax and ay are equal or u under- or
    /// overflows; the result is u + iv for re >= 0, else v + iu, im taking the sign of im.
    static func sqrt<C: ComplexElement>(_ z: C) -> C {
        typealias P = C.Part
        let x = FloatRules.flushed(z.re), y = FloatRules.flushed(z.im)
        let (ax, ay) = (x.magnitude, y.magnitude)
        let equal = ax == ay
        let sqrt2 = C.constant(1.41421354, 1.4142135623730951)
        let halfSqrt2 = C.constant(0.707106769, 0.70710678118654746)
        let ratio: P = equal ? 1 : (ax < ay ? ax / ay : ay / ax)
        let rootAx = ax.squareRoot(), rootAy = ay.squareRoot()
        let h = hypot(maximum(ax, ay), minimum(ax, ay), sqrt2)
        let s = (h * 0.5).addingProduct(ax, 0.5).squareRoot()
        let plain = s == 0 || s == .infinity
        let hr = hypot(maximum(ratio, 1), minimum(ratio, 1), sqrt2)
        let t = (hr + 1).squareRoot(), w = (ratio + hr).squareRoot()
        let u: P, v: P
        if equal {
            u = rootAx * C.constant(1.09868407, 1.0986841134678098)
            v = rootAy * C.constant(0.455089867, 0.45508986056222733)
        } else if plain {
            u = ax > ay ? rootAx * (t * halfSqrt2) : rootAy * (w * halfSqrt2)
            v = ax > ay ? (rootAy * (rootAy / rootAx)) / (t * sqrt2) : rootAy / (w * sqrt2)
        } else {
            u = s
            v = ay / (s * 2)
        }
        let re = x >= 0 ? u : v
        let im = x < 0 ? (y < 0 ? -u : u) : (y < 0 ? -v : v)
        return C(re, im)
    }

    /// hypot(big, small) as the expansion computes it: big sqrt(1 + (small/big)^2), big +
    /// big (small/big)^2 / 2 where the root rounds to 1, big sqrt 2 where they are equal.
    private static func hypot<P: KernelFloat>(_ big: P, _ small: P, _ sqrt2: P) -> P {
        if big == small { return big * sqrt2 }
        let q = small / big
        let q2 = q * q
        let root = (q2 + 1).squareRoot()
        return root == 1 && q2 > 0 ? big.addingProduct(big * q2, 0.5) : big * root
    }

    /// XLA's maximum and minimum: NaN if either operand is.
    private static func maximum<P: KernelFloat>(_ a: P, _ b: P) -> P { a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
    private static func minimum<P: KernelFloat>(_ a: P, _ b: P) -> P { a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }

    /// x^y = |x|^c e^(-d arg x) (cos q + i sin q) with y = c + di and q = c arg x + d log|x|;
    /// 0^y, x^0, 1^y and inf^c as XLA special-cases them.
    static func pow<C: ComplexElement>(_ x: C, _ y: C) -> C {
        typealias P = C.Part
        let (a, b) = (FloatRules.flushed(x.re), FloatRules.flushed(x.im))
        let (c, d) = (FloatRules.flushed(y.re), FloatRules.flushed(y.im))
        let magnitude = ComplexArithmetic.abs(x)
        let arg = P.cAtan2(b, a)
        let coefficient = P.cPow(magnitude, c) * C.partExp(-d * arg)
        let q = (d * C.partLog(magnitude)).addingProduct(c, arg)
        let inf = P.infinity
        if a == inf && b == 0 && d == 0 && c < 0 { return C(0, 0) }
        if a == inf && b == 0 && d == 0 && c > 0 { return C(inf, 0) }
        if a == 1 && b == 0 { return C(1, 0) }
        if c == 0 && d == 0 { return C(1, 0) }
        if magnitude == 0 && d == 0 && c >= 0 { return C(c == 0 ? 1 : 0, 0) }
        return C(coefficient * P.cCos(q), coefficient * P.cSin(q))
    }

    /// lax's complex sin and cos: sin(x + iy) = sin x cosh y + i cos x sinh y and cos(x + iy) =
    /// cos x cosh y - i sin x sinh y, with 2 sinh y = expm1(y) - expm1(-y) and 2 cosh y =
    /// expm1(y) + expm1(-y) + 2; the part that has sin x as a factor is 0 where x is.
    static func sinCos<C: ComplexElement>(_ z: C, cosine: Bool) -> C {
        typealias P = C.Part
        let x = FloatRules.flushed(z.re), y = FloatRules.flushed(z.im)
        let up = C.partExpm1(y), down = C.partExpm1(-y)
        let sinh = (up - down) * 0.5, cosh = ((up + down) + 2) * 0.5
        let (sinX, cosX) = (P.cSin(x), P.cCos(x))
        if cosine { return C(cosX * cosh, x == 0 ? 0 : -sinX * sinh) }
        return C(x == 0 ? 0 : sinX * cosh, cosX * sinh)
    }

    /// tanh(a + bi) = (e^2a - e^-2a + 4i cos b sin b) / (e^2a + e^-2a + 4 cos^2 b - 2), the
    /// exponentials as expm1; tan z = -i tanh(iz). Limits and NaNs as XLA corrects them.
    static func tanh<C: ComplexElement>(_ z: C, tangent: Bool) -> C {
        typealias P = C.Part
        let (re, im) = (FloatRules.flushed(z.re), FloatRules.flushed(z.im))
        let (a, b) = tangent ? (-im, re) : (re, im)
        let twoA = a + a
        let up = C.partExpm1(twoA), down = C.partExpm1(-twoA)
        let realNumerator = up - down
        let (cosB, sinB) = (P.cCos(b), P.cSin(b))
        let imagNumerator = 4 * (cosB * sinB)
        let sum = up + down
        let denominator = sum.addingProduct(cosB * cosB, 4)
        var real = sum == .infinity ? P(signOf: a, magnitudeOf: 1) : realNumerator / denominator
        var imaginary = imagNumerator / denominator
        let aInfinite = a.magnitude == .infinity
        if imagNumerator.isNaN && !aInfinite { real = .nan }
        if b == 0 || (aInfinite && imagNumerator.isNaN) { imaginary = 0 }
        return tangent ? C(imaginary, -real) : C(real, imaginary)
    }

    /// e^z - 1 = (expm1(a) cos b + cosm1(b)) + i e^a sin b, with cosm1 Cephes's polynomial
    /// where b^2 <= (pi/4)^2 and cos b - 1 elsewhere.
    static func expm1<C: ComplexElement>(_ z: C) -> C {
        typealias P = C.Part
        let (a, b) = (FloatRules.flushed(z.re), FloatRules.flushed(z.im))
        let expm1A = C.partExpm1(a)
        let cosm1B = cosm1(b)
        let re = cosm1B.addingProduct(expm1A, cosm1B + 1)
        let im: P = b == 0 ? 0 : (expm1A + 1) * P.cSin(b)
        return C(re, im)
    }

    /// Cephes's cos(x) - 1: -x^2/2 + x^4 P(x^2) near zero, cos(x) - 1 beyond (pi/4)^2.
    private static func cosm1<P: KernelFloat>(_ x: P) -> P {
        let xx = x * x
        if xx > P(0.61685) { return P.cCos(x) + -1 }
        var poly: P = 0
        for c in cosm1Coefficients { poly = P(c).addingProduct(poly, xx) }
        return ((-0.5 as P) * xx).addingProduct(xx * xx, poly)
    }

    private static let cosm1Coefficients: [Double] = [
        4.7377507964246204691685E-14, -1.1470284843425359765671E-11, 2.0876754287081521758361E-9,
        -2.7557319214999787979814E-7, 2.4801587301570552304991E-5, -1.3888888888888872993737E-3,
        4.1666666666666666609054E-2,
    ]
}
