import Foundation
import JaxCore

/// A Python `complex`: two doubles, with CPython's arithmetic (the same formulas, so the same
/// last bits), printing and errors.
final class PyComplex: PyObject {
    let real: Double
    let imaginary: Double

    init(_ real: Double, _ imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }

    convenience init(_ value: ComplexMath.Value) { self.init(value.re, value.im) }

    var value: ComplexMath.Value { ComplexMath.Value(re: real, im: imaginary) }

    override var typeName: String { "complex" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        PyComplex.text(real, imaginary)
    }

    /// CPython's `repr(complex)`: `2j` when the real part is +0, else `(1+2j)`, with each part
    /// written as `repr(float)` does minus a trailing `.0`.
    static func text(_ re: Double, _ im: Double) -> String {
        func part(_ d: Double) -> String {
            let r = Interpreter.floatRepr(d)
            return r.hasSuffix(".0") ? String(r.dropLast(2)) : r
        }
        let imText = part(im)
        if re == 0 && re.sign == .plus { return imText + "j" }
        let signed = imText.hasPrefix("-") ? imText : "+" + imText
        return "(" + part(re) + signed + "j)"
    }

    override func format(_ specText: String, _ interp: Interpreter) throws(PyException) -> String? {
        if specText.isEmpty { return nil }
        let spec: FormatSpec
        do throws(PyException) {
            spec = try FormatSpec(specText)
        } catch {
            throw PyException.valueError("Invalid format specifier '\(specText)' for object of type 'complex'")
        }
        if spec.align == "=" { throw PyException.valueError("'=' alignment flag is not allowed in complex format specifier") }
        if spec.type == nil && spec.precision == nil {
            return spec.pad(PyComplex.text(real, imaginary), numeric: true)
        }
        var partSpec = spec
        partSpec.width = 0
        partSpec.align = nil
        partSpec.fill = " "
        if partSpec.type == nil { partSpec.type = "g" }
        let reText = try interp.formatFloat(real, partSpec)
        partSpec.sign = "+"
        let imText = try interp.formatFloat(imaginary, partSpec)
        return spec.pad(reText + imText + "j", numeric: true)
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "real": return .float(real)
        case "imag": return .float(imaginary)
        case "conjugate":
            return .object(PyBuiltin("conjugate", owner: "complex") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                _ = try args.bind("conjugate", [])
                return .object(PyComplex(self.real, -self.imaginary))
            })
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["conjugate", "imag", "real"] }

    override func truth(_ interp: Interpreter) throws(PyException) -> Bool { real != 0 || imaginary != 0 }

    override func unary(_ op: UnaryOperator, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch op {
        case .negative: return .object(PyComplex(-real, -imaginary))
        case .positive: return .object(PyComplex(real, imaginary))
        default: return nil
        }
    }

    override func absolute(_ interp: Interpreter) throws(PyException) -> PyValue? {
        .float(try ComplexMath.absolute(value))
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard let o = try PyComplex.operand(other) else { return nil }
        let (a, b) = reflected ? (o, value) : (value, o)
        switch op {
        case .add: return .object(PyComplex(ComplexMath.sum(a, b)))
        case .subtract: return .object(PyComplex(ComplexMath.difference(a, b)))
        case .multiply: return .object(PyComplex(ComplexMath.product(a, b)))
        case .divide:
            guard let q = ComplexMath.quotient(a, b) else { throw PyException("ZeroDivisionError", "complex division by zero") }
            return .object(PyComplex(q))
        case .power: return .object(PyComplex(try ComplexMath.power(a, b)))
        default: return nil
        }
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual else { return nil }
        var same: Bool
        if let big = other.bigIntValue {
            // exact, as CPython compares a complex with an int
            same = imaginary == 0 && Numbers.compare(.float(real), .big(big)) == 0
        } else if let o = try PyComplex.operand(other) {
            same = real == o.re && imaginary == o.im
        } else {
            return nil
        }
        if op == .notEqual { same = !same }
        return .bool(same)
    }

    override func hashKey() throws(PyException) -> String? { "complex:\(real.bitPattern):\(imaginary.bitPattern)" }

    /// CPython's `hash(complex)`: the real part's hash plus 1000003 times the imaginary part's.
    func pythonHash(_ interp: Interpreter) throws(PyException) -> Int {
        let re = try interp.hashValue(.float(real))
        let im = try interp.hashValue(.float(imaginary))
        let combined = re &+ 1_000_003 &* im
        return combined == -1 ? -2 : combined
    }

    override func toFloat(_ interp: Interpreter) throws(PyException) -> Double? {
        throw PyException.typeError("float() argument must be a string or a real number, not 'complex'")
    }

    override func toInt(_ interp: Interpreter) throws(PyException) -> PyValue? {
        throw PyException.typeError("int() argument must be a string, a bytes-like object or a real number, not 'complex'")
    }

    override func rounded(_ ndigits: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue? {
        throw PyException.typeError("type complex doesn't define __round__ method")
    }

    /// A number as a complex operand (ints and floats with a zero imaginary part).
    static func operand(_ v: PyValue) throws(PyException) -> ComplexMath.Value? {
        if case .object(let c as PyComplex) = v { return c.value }
        guard let n = Numbers.Operand(v) else { return nil }
        return ComplexMath.Value(re: try n.double(), im: 0)
    }
}

/// CPython's complex arithmetic (`Objects/complexobject.c`) and `cmath` functions
/// (`Modules/cmathmodule.c`) for finite arguments, formula for formula.
enum ComplexMath {
    /// A complex number as two doubles.
    struct Value {
        var re: Double
        var im: Double
    }

    static let one = Value(re: 1, im: 0)

    static func sum(_ a: Value, _ b: Value) -> Value { Value(re: a.re + b.re, im: a.im + b.im) }

    static func difference(_ a: Value, _ b: Value) -> Value { Value(re: a.re - b.re, im: a.im - b.im) }

    static func product(_ a: Value, _ b: Value) -> Value {
        Value(re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re)
    }

    /// `a / b`, or nil when `b` is zero.
    static func quotient(_ a: Value, _ b: Value) -> Value? {
        let absReal = abs(b.re)
        let absImag = abs(b.im)
        if absReal >= absImag {
            if absReal == 0 { return nil }
            let ratio = b.im / b.re
            let denom = b.re + b.im * ratio
            return Value(re: (a.re + a.im * ratio) / denom, im: (a.im - a.re * ratio) / denom)
        }
        if absImag >= absReal {
            let ratio = b.re / b.im
            let denom = b.re * ratio + b.im
            return Value(re: (a.re * ratio + a.im) / denom, im: (a.im * ratio - a.re) / denom)
        }
        return Value(re: .nan, im: .nan)
    }

    static func power(_ a: Value, _ b: Value) throws(PyException) -> Value {
        var result: Value
        if b.im == 0, b.re == b.re.rounded(.down), abs(b.re) <= 100 {
            let n = Int(b.re)
            if n > 0 {
                result = unsignedPower(a, n)
            } else {
                guard let q = quotient(one, unsignedPower(a, -n)) else {
                    throw PyException("ZeroDivisionError", "0.0 to a negative or complex power")
                }
                result = q
            }
        } else if b.re == 0 && b.im == 0 {
            result = one
        } else if a.re == 0 && a.im == 0 {
            if b.im != 0 || b.re < 0 { throw PyException("ZeroDivisionError", "0.0 to a negative or complex power") }
            result = Value(re: 0, im: 0)
        } else {
            let vabs = hypot(a.re, a.im)
            var length = Foundation.pow(vabs, b.re)
            let angle = atan2(a.im, a.re)
            var phase = angle * b.re
            if b.im != 0 {
                length /= Foundation.exp(angle * b.im)
                phase += b.im * Foundation.log(vabs)
            }
            result = Value(re: length * Foundation.cos(phase), im: length * Foundation.sin(phase))
        }
        if result.re.isInfinite || result.im.isInfinite {
            throw PyException("OverflowError", "complex exponentiation")
        }
        return result
    }

    private static func unsignedPower(_ x: Value, _ n: Int) -> Value {
        var r = one
        var p = x
        var mask = 1
        while mask > 0 && n >= mask {
            if n & mask != 0 { r = product(r, p) }
            mask <<= 1
            p = product(p, p)
        }
        return r
    }

    static func absolute(_ z: Value) throws(PyException) -> Double {
        if !z.re.isFinite || !z.im.isFinite {
            if z.re.isInfinite { return abs(z.re) }
            if z.im.isInfinite { return abs(z.im) }
            return .nan
        }
        let result = hypot(z.re, z.im)
        if !result.isFinite { throw PyException("OverflowError", "absolute value too large") }
        return result
    }

    // MARK: cmath

    static let largeDouble = Double.greatestFiniteMagnitude / 4
    static let logLargeDouble = Foundation.log(largeDouble)
    static let sqrtLargeDouble = largeDouble.squareRoot()
    static let sqrtMinDouble = Double.leastNormalMagnitude.squareRoot()

    static func squareRoot(_ z: Value) -> Value {
        if z.re == 0 && z.im == 0 { return Value(re: 0, im: z.im) }
        var ax = abs(z.re)
        let ay = abs(z.im)
        let s: Double
        if ax < Double.leastNormalMagnitude && ay < Double.leastNormalMagnitude {
            ax = scalbn(ax, 53)
            s = scalbn((ax + hypot(ax, scalbn(ay, 53))).squareRoot(), -27)
        } else {
            ax /= 8
            s = 2 * (ax + hypot(ax, ay / 8)).squareRoot()
        }
        let d = ay / (2 * s)
        if z.re >= 0 { return Value(re: s, im: Double(signOf: z.im, magnitudeOf: d)) }
        return Value(re: d, im: Double(signOf: z.im, magnitudeOf: s))
    }

    static func exponential(_ z: Value) throws(PyException) -> Value {
        let r: Value
        if z.re > logLargeDouble {
            let l = Foundation.exp(z.re - 1)
            r = Value(re: l * Foundation.cos(z.im) * M_E, im: l * Foundation.sin(z.im) * M_E)
        } else {
            let l = Foundation.exp(z.re)
            r = Value(re: l * Foundation.cos(z.im), im: l * Foundation.sin(z.im))
        }
        if r.re.isInfinite || r.im.isInfinite { throw PyException("OverflowError", "math range error") }
        return r
    }

    static func logarithm(_ z: Value) throws(PyException) -> Value {
        let ax = abs(z.re)
        let ay = abs(z.im)
        var re: Double
        if ax > largeDouble || ay > largeDouble {
            re = Foundation.log(hypot(ax / 2, ay / 2)) + M_LN2
        } else if ax < Double.leastNormalMagnitude && ay < Double.leastNormalMagnitude {
            guard ax > 0 || ay > 0 else { throw PyException.valueError("math domain error") }
            re = Foundation.log(hypot(scalbn(ax, 53), scalbn(ay, 53))) - 53 * M_LN2
        } else {
            let h = hypot(ax, ay)
            if 0.71 <= h && h <= 1.73 {
                let am = max(ax, ay)
                let an = min(ax, ay)
                re = Foundation.log1p((am - 1) * (am + 1) + an * an) / 2
            } else {
                re = Foundation.log(h)
            }
        }
        return Value(re: re, im: atan2(z.im, z.re))
    }

    static func cosh(_ z: Value) -> Value {
        if abs(z.re) > logLargeDouble {
            let x = z.re - Double(signOf: z.re, magnitudeOf: 1)
            return Value(re: Foundation.cos(z.im) * Foundation.cosh(x) * M_E, im: Foundation.sin(z.im) * Foundation.sinh(x) * M_E)
        }
        return Value(re: Foundation.cos(z.im) * Foundation.cosh(z.re), im: Foundation.sin(z.im) * Foundation.sinh(z.re))
    }

    static func sinh(_ z: Value) -> Value {
        if abs(z.re) > logLargeDouble {
            let x = z.re - Double(signOf: z.re, magnitudeOf: 1)
            return Value(re: Foundation.cos(z.im) * Foundation.sinh(x) * M_E, im: Foundation.sin(z.im) * Foundation.cosh(x) * M_E)
        }
        return Value(re: Foundation.cos(z.im) * Foundation.sinh(z.re), im: Foundation.sin(z.im) * Foundation.cosh(z.re))
    }

    static func tanh(_ z: Value) -> Value {
        if abs(z.re) > logLargeDouble {
            return Value(re: Double(signOf: z.re, magnitudeOf: 1),
                         im: 4 * Foundation.sin(z.im) * Foundation.cos(z.im) * Foundation.exp(-2 * abs(z.re)))
        }
        let tx = Foundation.tanh(z.re)
        let ty = Foundation.tan(z.im)
        let cx = 1 / Foundation.cosh(z.re)
        let txty = tx * ty
        let denom = 1 + txty * txty
        return Value(re: tx * (1 + ty * ty) / denom, im: ((ty / denom) * cx) * cx)
    }

    /// `f(i z)` rotated back: how cmath derives cos, sin and tan from the hyperbolic ones.
    static func rotated(_ z: Value, _ f: (Value) -> Value, cosine: Bool = false) -> Value {
        let r = f(Value(re: -z.im, im: z.re))
        return cosine ? r : Value(re: r.im, im: -r.re)
    }

    static func asinh(_ z: Value) -> Value {
        let s1 = squareRoot(Value(re: 1 + z.im, im: -z.re))
        let s2 = squareRoot(Value(re: 1 - z.im, im: z.re))
        return Value(re: Foundation.asinh(s1.re * s2.im - s2.re * s1.im), im: atan2(z.im, s1.re * s2.re - s1.im * s2.im))
    }

    static func acos(_ z: Value) -> Value {
        let s1 = squareRoot(Value(re: 1 - z.re, im: -z.im))
        let s2 = squareRoot(Value(re: 1 + z.re, im: z.im))
        return Value(re: 2 * atan2(s1.re, s2.re), im: Foundation.asinh(s2.re * s1.im - s2.im * s1.re))
    }

    static func acosh(_ z: Value) -> Value {
        let s1 = squareRoot(Value(re: z.re - 1, im: z.im))
        let s2 = squareRoot(Value(re: z.re + 1, im: z.im))
        return Value(re: Foundation.asinh(s1.re * s2.re + s1.im * s2.im), im: 2 * atan2(s1.im, s2.re))
    }

    static func atanh(_ z: Value) throws(PyException) -> Value {
        if z.re < 0 {
            let r = try atanh(Value(re: -z.re, im: -z.im))
            return Value(re: -r.re, im: -r.im)
        }
        let ay = abs(z.im)
        if z.re == 1 && ay < sqrtMinDouble {
            if ay == 0 { throw PyException.valueError("math domain error") }
            return Value(re: -Foundation.log(ay.squareRoot() / hypot(ay, 2).squareRoot()),
                         im: Double(signOf: z.im, magnitudeOf: atan2(2, -ay) / 2))
        }
        return Value(re: Foundation.log1p(4 * z.re / ((1 - z.re) * (1 - z.re) + ay * ay)) / 4,
                     im: -atan2(-2 * z.im, (1 - z.re) * (1 + z.re) - ay * ay) / 2)
    }
}
