import Foundation
import JaxCore

/// `cmath`: complex square roots, exponentials, logarithms, trigonometric and hyperbolic
/// functions, polar coordinates and the constants, with CPython's formulas for finite
/// arguments.
enum CmathModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("cmath")
        m.attributes["pi"] = .float(Double.pi)
        m.attributes["e"] = .float(M_E)
        m.attributes["tau"] = .float(2 * Double.pi)
        m.attributes["inf"] = .float(.infinity)
        m.attributes["nan"] = .float(.nan)
        m.attributes["infj"] = .object(PyComplex(0, .infinity))
        m.attributes["nanj"] = .object(PyComplex(0, .nan))
        let functions: [(String, (ComplexMath.Value) throws(PyException) -> ComplexMath.Value)] = [
            ("sqrt", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.squareRoot(z) }),
            ("exp", { (z: ComplexMath.Value) throws(PyException) in try ComplexMath.exponential(z) }),
            ("log10", { (z: ComplexMath.Value) throws(PyException) in
                let r = try ComplexMath.logarithm(z)
                return ComplexMath.Value(re: r.re / M_LN10, im: r.im / M_LN10)
            }),
            ("cosh", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.cosh(z) }),
            ("sinh", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.sinh(z) }),
            ("tanh", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.tanh(z) }),
            ("cos", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.rotated(z, ComplexMath.cosh, cosine: true) }),
            ("sin", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.rotated(z, ComplexMath.sinh) }),
            ("tan", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.rotated(z, ComplexMath.tanh) }),
            ("asinh", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.asinh(z) }),
            ("asin", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.rotated(z, ComplexMath.asinh) }),
            ("acos", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.acos(z) }),
            ("acosh", { (z: ComplexMath.Value) throws(PyException) in ComplexMath.acosh(z) }),
            ("atanh", { (z: ComplexMath.Value) throws(PyException) in try ComplexMath.atanh(z) }),
            ("atan", { (z: ComplexMath.Value) throws(PyException) in
                let r = try ComplexMath.atanh(ComplexMath.Value(re: -z.im, im: z.re))
                return ComplexMath.Value(re: r.im, im: -r.re)
            }),
        ]
        for (name, f) in functions {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["z"], required: 1, positionalOnly: 1)
                return .object(PyComplex(try f(try complexArgument(slots[0] ?? .none, interp))))
            }
        }
        m.define("log") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("log", ["x", "base"], required: 1, positionalOnly: 2)
            let r = try ComplexMath.logarithm(try complexArgument(slots[0] ?? .none, interp))
            guard let base = slots[1] else { return .object(PyComplex(r)) }
            let b = try ComplexMath.logarithm(try complexArgument(base, interp))
            guard let q = ComplexMath.quotient(r, b) else { throw PyException("ZeroDivisionError", "complex division by zero") }
            return .object(PyComplex(q))
        }
        m.define("phase") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("phase", ["z"], required: 1, positionalOnly: 1)
            let z = try complexArgument(slots[0] ?? .none, interp)
            return .float(atan2(z.im, z.re))
        }
        m.define("polar") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("polar", ["z"], required: 1, positionalOnly: 1)
            let z = try complexArgument(slots[0] ?? .none, interp)
            return .tuple([.float(try ComplexMath.absolute(z)), .float(atan2(z.im, z.re))])
        }
        m.define("rect") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("rect", ["r", "phi"], required: 2, positionalOnly: 2)
            let r = try interp.toFloat(slots[0] ?? .none)
            let phi = try interp.toFloat(slots[1] ?? .none)
            if phi == 0 { return .object(PyComplex(r, r * phi)) }
            return .object(PyComplex(r * cos(phi), r * sin(phi)))
        }
        for name in ["isfinite", "isinf", "isnan"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["z"], required: 1, positionalOnly: 1)
                let z = try complexArgument(slots[0] ?? .none, interp)
                switch name {
                case "isfinite": return .bool(z.re.isFinite && z.im.isFinite)
                case "isinf": return .bool(z.re.isInfinite || z.im.isInfinite)
                default: return .bool(z.re.isNaN || z.im.isNaN)
                }
            }
        }
        m.define("isclose") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("isclose", ["a", "b", "rel_tol", "abs_tol"], required: 2, positionalOnly: 2)
            let a = try complexArgument(slots[0] ?? .none, interp)
            let b = try complexArgument(slots[1] ?? .none, interp)
            let rel = try slots[2].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1e-9
            let absTol = try slots[3].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 0
            if rel < 0 || absTol < 0 { throw PyException.valueError("tolerances must be non-negative") }
            if a.re == b.re && a.im == b.im { return .bool(true) }
            if a.re.isInfinite || a.im.isInfinite || b.re.isInfinite || b.im.isInfinite { return .bool(false) }
            let diff = try ComplexMath.absolute(ComplexMath.difference(a, b))
            let scale = max(try ComplexMath.absolute(a), try ComplexMath.absolute(b))
            return .bool(diff <= rel * scale || diff <= absTol)
        }
        return m
    }

    private static func complexArgument(_ v: PyValue, _ interp: Interpreter) throws(PyException) -> ComplexMath.Value {
        if let z = try PyComplex.operand(v) { return z }
        if case .object(let instance as PyInstance) = v {
            if let r = try interp.callSpecial(instance, "__complex__", Arguments()), case .object(let c as PyComplex) = r { return c.value }
            if let d = try instance.toFloat(interp) { return ComplexMath.Value(re: d, im: 0) }
        }
        throw PyException.typeError("must be real number, not \(v.typeName)")
    }
}
