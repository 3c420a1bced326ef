#if canImport(Glibc)
import Glibc
#endif

/// A complex element type (complex64, complex128) over its part type, so that one generic
/// kernel serves both.
protocol ComplexElement: Sendable {
    associatedtype Part: KernelFloat
    var re: Part { get }
    var im: Part { get }
    init(_ re: Part, _ im: Part)
    static func makeStorage(_ values: [Self]) -> Storage
    /// XLA's exp, log, log1p and expm1 of one part (its own polynomials for float32, as for
    /// real arrays).
    static func partExp(_ x: Part) -> Part
    static func partLog(_ x: Part) -> Part
    static func partLog1p(_ x: Part) -> Part
    static func partExpm1(_ x: Part) -> Part
    /// A constant as XLA writes it for this part type (the float32 one is not always the
    /// float64 one rounded).
    static func constant(_ single: Float, _ double: Double) -> Part
}

extension Complex64: ComplexElement {
    static func makeStorage(_ values: [Complex64]) -> Storage { .complex64(values) }
    static func partExp(_ x: Float) -> Float { XLAMath.exp(x) }
    static func partLog(_ x: Float) -> Float { XLALog.log(x) }
    static func partLog1p(_ x: Float) -> Float { XLALog.log1p(x) }
    static func partExpm1(_ x: Float) -> Float { XLAMath.expm1(x) }
    static func constant(_ single: Float, _ double: Double) -> Float { single }
}

extension Complex128: ComplexElement {
    static func makeStorage(_ values: [Complex128]) -> Storage { .complex128(values) }
    static func partExp(_ x: Double) -> Double { XLAMath.exp(x) }
    static func partLog(_ x: Double) -> Double { Double.cLog(x) }
    static func partLog1p(_ x: Double) -> Double { XLAMath.log1p(x) }
    static func partExpm1(_ x: Double) -> Double { XLAMath.expm1(x) }
    static func constant(_ single: Float, _ double: Double) -> Double { double }
}

/// XLA's CPU formulas for complex elements (its elemental IR emitter), with the multiply-add
/// contractions LLVM makes in them: a product feeding an add or subtract is one fused
/// multiply-add (which of two products is fused was measured for each formula).
enum ComplexArithmetic {
    @inline(__always) static func add<C: ComplexElement>(_ a: C, _ b: C) -> C { C(a.re + b.re, a.im + b.im) }
    @inline(__always) static func subtract<C: ComplexElement>(_ a: C, _ b: C) -> C { C(a.re - b.re, a.im - b.im) }

    /// (ac - bd) + (ad + bc)i, as `fma(a, c, -bd)` and `fma(b, c, ad)`.
    @inline(__always) static func multiply<C: ComplexElement>(_ a: C, _ b: C) -> C {
        C((-(a.im * b.im)).addingProduct(a.re, b.re), (a.re * b.im).addingProduct(a.im, b.re))
    }

    /// Smith's division as XLA writes it, with its corrections where the quotient is NaN in
    /// both parts: a zero divisor, an infinite dividend over a finite divisor, a finite one
    /// over an infinite divisor.
    static func divide<C: ComplexElement>(_ a: C, _ b: C) -> C {
        typealias P = C.Part
        let (ar, ai, br, bi) = (a.re, a.im, b.re, b.im)
        let cr: P, ci: P
        if br.magnitude < bi.magnitude {
            let ratio = br / bi
            let denom = bi.addingProduct(ratio, br)
            cr = ai.addingProduct(ratio, ar) / denom
            ci = (-ar).addingProduct(ratio, ai) / denom
        } else {
            let ratio = bi / br
            let denom = br.addingProduct(ratio, bi)
            cr = ar.addingProduct(ratio, ai) / denom
            ci = ai.addingProduct(-ratio, ar) / denom
        }
        guard cr.isNaN && ci.isNaN else { return C(cr, ci) }
        let inf = P.infinity
        if br == 0 && bi == 0 && (!ar.isNaN || !ai.isNaN) {
            let signed = br.sign == .minus ? -inf : inf
            return C(signed * ar, signed * ai)
        }
        if (ar.isInfinite || ai.isInfinite) && br.isFinite && bi.isFinite {
            let sr = P(signOf: ar, magnitudeOf: ar.isInfinite ? 1 : 0)
            let si = P(signOf: ai, magnitudeOf: ai.isInfinite ? 1 : 0)
            return C(inf * (si * bi).addingProduct(sr, br), inf * (-(sr * bi)).addingProduct(si, br))
        }
        if (br.isInfinite || bi.isInfinite) && ar.isFinite && ai.isFinite {
            let sr = P(signOf: br, magnitudeOf: br.isInfinite ? 1 : 0)
            let si = P(signOf: bi, magnitudeOf: bi.isInfinite ? 1 : 0)
            return C(0 * (ai * si).addingProduct(ar, sr), 0 * (-(ar * si)).addingProduct(ai, sr))
        }
        return C(cr, ci)
    }

    /// XLA's hypot-style magnitude: max * sqrt(1 + (min/max)^2), the square fused into the
    /// add, or min where that is NaN (both zero, both infinite, or a NaN part).
    @inline(__always) static func abs<C: ComplexElement>(_ z: C) -> C.Part {
        let (big, small) = extremes(z)
        let ratio = small / big
        let result = big * (1 as C.Part).addingProduct(ratio, ratio).squareRoot()
        return result.isNaN ? small : result
    }

    /// The larger and smaller magnitude of the parts, subnormals read as zero (XLA runs with
    /// denormals off) and NaN propagated as XLA's max and min do.
    @inline(__always) static func extremes<C: ComplexElement>(_ z: C) -> (big: C.Part, small: C.Part) {
        let x = FloatRules.flushed(z.re).magnitude, y = FloatRules.flushed(z.im).magnitude
        if x.isNaN || y.isNaN { return (.nan, .nan) }
        return (Swift.max(x, y), Swift.min(x, y))
    }

    /// (a - b)(a + b) + 2ab i: no product of a square overflows before the difference.
    @inline(__always) static func square<C: ComplexElement>(_ z: C) -> C {
        C((z.re - z.im) * (z.re + z.im), (z.re * z.im) * 2)
    }

    /// z / |z| part by part; z itself where |z| is 0 (a subnormal z, whose magnitude XLA
    /// flushes, included).
    @inline(__always) static func sign<C: ComplexElement>(_ z: C) -> C {
        let magnitude = abs(z)
        return magnitude == 0 ? z : C(z.re / magnitude, z.im / magnitude)
    }

    /// e^a (cos b + i sin b).
    static func exp<C: ComplexElement>(_ z: C) -> C {
        let scale = C.partExp(z.re)
        return C(scale * C.Part.cCos(z.im), scale * C.Part.cSin(z.im))
    }

    /// log|z| + i atan2(im, re) as XLA expands it: near the unit circle (|s| < 1/2 for
    /// s = re^2 + im^2 - 1, summed with Dekker's exact squares and compensation) log|z| is
    /// log1p(s) / 2; elsewhere log(max) + log1p((min/max)^2) / 2 over the parts' magnitudes
    /// (no overflow of the squares).
    static func log<C: ComplexElement>(_ z: C) -> C {
        let s = squaredMagnitudeMinusOne(FloatRules.flushed(z.re), FloatRules.flushed(z.im), split: C.constant(4097, 134217729))
        if s.magnitude < 0.5 { return C(C.partLog1p(s) * 0.5, C.Part.cAtan2(z.im, z.re)) }
        let (big, small) = extremes(z)
        // equal magnitudes (zeros and infinities included) have ratio 1
        let ratio = small == big ? 1 : small / big
        let magnitude = C.partLog(big) + 0.5 * C.partLog1p(ratio * ratio)
        return C(magnitude, C.Part.cAtan2(z.im, z.re))
    }

    /// x^2 + y^2 - 1 with the squares' rounding errors (Dekker's splitting, by 2^12 + 1 for
    /// float32 and 2^27 + 1 for float64) and each sum's error added back, step by step as
    /// XLA's expansion orders them.
    private static func squaredMagnitudeMinusOne<P: KernelFloat>(_ x: P, _ y: P, split: P) -> P {
        let (x2, y2) = (x * x, y * y)
        let (big, small) = y2 > x2 ? (y2, x2) : (x2, y2)
        let lessOne = big + -1
        let partial = lessOne + small
        let yError = squareError(y, y2, split), xError = squareError(x, x2, split)
        let withY = partial + yError
        let total = withY + xError
        let first = (big - big) + (small - (partial - lessOne))
        let second = first + (yError - (withY - partial))
        let third = second + (xError - (total - withY))
        return total + third
    }

    /// The rounding error of `square = v * v`, from v split into halves.
    private static func squareError<P: KernelFloat>(_ v: P, _ square: P, _ split: P) -> P {
        let scaled = v * split
        let high = scaled + (v - scaled)
        let low = v - high
        let cross = high * low
        return (((-square).addingProduct(high, high) + cross) + cross).addingProduct(low, low)
    }
}

/// Complex kernels over whole storages.
enum ComplexKernels {
    /// The error for an operation jaxlab does not compute on complex arrays yet.
    static func unsupported(_ name: String) -> PyException {
        .notImplemented("\(name) is not implemented for complex arrays in jaxlab")
    }

    /// `lax.integer_pow` by XLA's square-and-multiply with complex products, `1 / acc` for
    /// negative powers; a cube is lowered as `(x * x) * x`.
    static func integerPow<C: ComplexElement>(_ v: [C], _ y: Int) -> [C] {
        FloatEnvironment.value(flushingDenormals: true) {
            v.map { x in
                if y == 3 { return ComplexArithmetic.multiply(ComplexArithmetic.multiply(x, x), x) }
                var base = x
                var n = y.magnitude
                var acc: C?
                while n > 0 {
                    if n & 1 == 1 { acc = acc.map { ComplexArithmetic.multiply($0, base) } ?? base }
                    n >>= 1
                    if n > 0 { base = ComplexArithmetic.multiply(base, base) }
                }
                let result = acc ?? C(1, 0)
                return y < 0 ? ComplexArithmetic.divide(C(1, 0), result) : result
            }
        }
    }
}

/// Sums of complex arrays: XLA adds the parts independently, each in its windowed tree (XLA's
/// own loops at every size: YNNPACK does not sum complex numbers).
enum ComplexReduction {
    static func sum(_ a: JaxArray, axes: [Int]) -> JaxArray {
        let outShape = a.shape.indices.filter { !axes.contains($0) }.map { a.shape[$0] }
        let storage: Storage
        switch a.storage {
        case .complex64(let v):
            let re = JaxSumOrder.xlaTree(v.map(\.re), shape: a.shape, axes: axes)
            let im = JaxSumOrder.xlaTree(v.map(\.im), shape: a.shape, axes: axes)
            storage = .complex64(zip(re, im).map { Complex64($0, $1) })
        case .complex128(let v):
            let re = JaxSumOrder.xlaTree(v.map(\.re), shape: a.shape, axes: axes)
            let im = JaxSumOrder.xlaTree(v.map(\.im), shape: a.shape, axes: axes)
            storage = .complex128(zip(re, im).map { Complex128($0, $1) })
        default:
            storage = a.storage
        }
        return JaxArray(shape: outShape, storage: storage, weakType: a.weakType)
    }
}

extension ComplexReduction {
    /// `reduce_max` / `reduce_min` of complex lines: lax's lexicographic pick folded in order
    /// from the identity (-inf or inf): the accumulator when its real part (or, on equal real
    /// parts, its imaginary part) compares greater (less), otherwise the element.
    static func extreme(_ layout: ReductionLayout, max: Bool) -> JaxArray {
        let storage: Storage
        switch layout.arranged.storage {
        case .complex64(let v):
            storage = .complex64(ReductionLines.run(v, layout, identity: Complex64(max ? -.infinity : .infinity, 0)) { pick($0, $1, max: max) })
        case .complex128(let v):
            storage = .complex128(ReductionLines.run(v, layout, identity: Complex128(max ? -.infinity : .infinity, 0)) { pick($0, $1, max: max) })
        default:
            storage = layout.arranged.storage
        }
        return JaxArray(shape: layout.outputShape, storage: storage, weakType: layout.arranged.weakType)
    }

    /// lax.max / lax.min of two complex numbers: `select(re equal ? im compare : re compare, x, y)`.
    @inline(__always) static func pick<C: ComplexElement>(_ x: C, _ y: C, max: Bool) -> C {
        let picksX = x.re == y.re ? (max ? x.im > y.im : x.im < y.im) : (max ? x.re > y.re : x.re < y.re)
        return picksX ? x : y
    }
}

/// Conversions to and from complex dtypes: a real array becomes the real part (cast to the
/// part type) with a zero imaginary part; a complex array cast to a real dtype keeps its real
/// part (to bool as well: XLA's conversion looks at the real part alone).
enum ComplexCast {
    static func convert(_ a: JaxArray, to dtype: DType, semantics: ArraySemantics) -> JaxArray {
        let storage: Storage
        if dtype.isComplex {
            let (re, im) = parts(a)
            let reCast = Kernels.cast(re, to: dtype.realPart, semantics: semantics)
            let imCast = Kernels.cast(im, to: dtype.realPart, semantics: semantics)
            storage = compose(reCast.storage, imCast.storage)
        } else if dtype == .bool {
            storage = .bool(nonzero(a.storage))
        } else {
            storage = Kernels.cast(parts(a).re, to: dtype, semantics: semantics).storage
        }
        return JaxArray(shape: a.shape, storage: storage, weakType: a.weakType)
    }

    /// The real and imaginary parts as float arrays (a real array's imaginary part is zeros of
    /// its own dtype).
    static func parts(_ a: JaxArray) -> (re: JaxArray, im: JaxArray) {
        switch a.storage {
        case .complex64(let v):
            return (JaxArray(shape: a.shape, storage: .float32(v.map(\.re))), JaxArray(shape: a.shape, storage: .float32(v.map(\.im))))
        case .complex128(let v):
            return (JaxArray(shape: a.shape, storage: .float64(v.map(\.re))), JaxArray(shape: a.shape, storage: .float64(v.map(\.im))))
        default:
            return (a, JaxArray(shape: a.shape, storage: ElementConversion.fill(integer: 0, dtype: a.dtype, count: a.count)))
        }
    }

    /// Complex elements from two float storages of one part type (float32 or float64).
    static func compose(_ re: Storage, _ im: Storage) -> Storage {
        switch (re, im) {
        case (.float32(let r), .float32(let i)): return .complex64(zip(r, i).map { Complex64($0, $1) })
        case (.float64(let r), .float64(let i)): return .complex128(zip(r, i).map { Complex128($0, $1) })
        default:
            // the parts are cast to one part type before they meet
            return .complex128(zip((0..<re.count).map { re.double(at: $0) }, (0..<im.count).map { im.double(at: $0) }).map { Complex128($0, $1) })
        }
    }

    /// XLA converts a complex number to bool by its real part alone.
    private static func nonzero(_ s: Storage) -> [Bool] {
        (0..<s.count).map { s.double(at: $0) != 0 }
    }
}
