import Foundation
import JaxCore

/// `math`: Python's float functions and constants, with its domain and range errors.
enum MathModule {
    /// A builtin taking one float and returning a float, with Python's math-domain errors.
    private static func function(_ name: String, _ f: @escaping (Double) -> Double,
                              domain: @escaping (Double) -> Bool = { _ in true }) -> PyValue {
        .object(PyBuiltin(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind(name, ["x"], required: 1, positionalOnly: 1)
            let x = try interp.toFloat(slots[0] ?? .none)
            guard domain(x) else { throw PyException.valueError("math domain error") }
            let r = f(x)
            if r.isInfinite && x.isFinite { throw PyException("OverflowError", "math range error") }
            return .float(r)
        })
    }

    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("math")
        m.attributes = [
            "pi": .float(Double.pi), "e": .float(M_E), "tau": .float(2 * Double.pi),
            "inf": .float(.infinity), "nan": .float(.nan),
            "sqrt": function("sqrt", { $0.squareRoot() }, domain: { $0 >= 0 || $0.isNaN }),
            "exp": function("exp", { Foundation.exp($0) }),
            "log2": function("log2", { Foundation.log2($0) }, domain: { $0 > 0 || $0.isNaN }),
            "log10": function("log10", { Foundation.log10($0) }, domain: { $0 > 0 || $0.isNaN }),
            "log1p": function("log1p", { Foundation.log1p($0) }, domain: { $0 > -1 || $0.isNaN }),
            "sin": function("sin", { Foundation.sin($0) }, domain: { !$0.isInfinite }),
            "cos": function("cos", { Foundation.cos($0) }, domain: { !$0.isInfinite }),
            "tan": function("tan", { Foundation.tan($0) }, domain: { !$0.isInfinite }),
            "asin": function("asin", { Foundation.asin($0) }, domain: { abs($0) <= 1 || $0.isNaN }),
            "acos": function("acos", { Foundation.acos($0) }, domain: { abs($0) <= 1 || $0.isNaN }),
            "atan": function("atan", { Foundation.atan($0) }),
            "sinh": function("sinh", { Foundation.sinh($0) }),
            "cosh": function("cosh", { Foundation.cosh($0) }),
            "tanh": function("tanh", { Foundation.tanh($0) }),
            "fabs": function("fabs", { abs($0) }),
            "erf": function("erf", { Foundation.erf($0) }),
            "degrees": function("degrees", { $0 * 180 / Double.pi }),
            "radians": function("radians", { $0 * Double.pi / 180 }),
        ]
        m.attributes["log"] = .object(PyBuiltin("log") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("log", ["x", "base"], required: 1, positionalOnly: 2)
            let x = try interp.toFloat(slots[0] ?? .none)
            guard x > 0 || x.isNaN else { throw PyException.valueError("math domain error") }
            guard let b = slots[1] else { return .float(Foundation.log(x)) }
            let base = try interp.toFloat(b)
            guard base > 0 && base != 1 else {
                if base == 1 { throw PyException("ZeroDivisionError", "float division by zero") }
                throw PyException.valueError("math domain error")
            }
            return .float(Foundation.log(x) / Foundation.log(base))
        })
        for (name, rounding) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            m.attributes[name] = .object(PyBuiltin(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1, positionalOnly: 1)
                let x = slots[0] ?? .none
                if x.bigIntValue != nil { return try interp.toInt(x) }
                return try interp.toInt(.float(try interp.toFloat(x).rounded(rounding)))
            })
        }
        m.attributes["pow"] = .object(PyBuiltin("pow") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("pow", ["x", "y"], required: 2, positionalOnly: 2)
            return try interp.binaryOperation(.power, .float(try interp.toFloat(slots[0] ?? .none)),
                                              .float(try interp.toFloat(slots[1] ?? .none)))
        })
        m.attributes["atan2"] = .object(PyBuiltin("atan2") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("atan2", ["y", "x"], required: 2, positionalOnly: 2)
            return .float(Foundation.atan2(try interp.toFloat(slots[0] ?? .none), try interp.toFloat(slots[1] ?? .none)))
        })
        m.attributes["hypot"] = .object(PyBuiltin("hypot") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            var total = 0.0
            for v in args.positional { let x = try interp.toFloat(v); total += x * x }
            return .float(total.squareRoot())
        })
        for name in ["isnan", "isinf", "isfinite"] {
            m.attributes[name] = .object(PyBuiltin(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1, positionalOnly: 1)
                let x = try interp.toFloat(slots[0] ?? .none)
                return .bool(name == "isnan" ? x.isNaN : (name == "isinf" ? x.isInfinite : x.isFinite))
            })
        }
        m.attributes["factorial"] = .object(PyBuiltin("factorial") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("factorial", ["n"], required: 1, positionalOnly: 1)
            if case .bigInt(let b)? = slots[0] {
                throw b.signum() < 0 ? PyException.valueError("factorial() not defined for negative values")
                    : PyException("OverflowError", "factorial() argument should not exceed \(Int.max)")
            }
            guard case .int(let n)? = slots[0] else {
                throw PyException.typeError("'\((slots[0] ?? .none).typeName)' object cannot be interpreted as an integer")
            }
            if n < 0 { throw PyException.valueError("factorial() not defined for negative values") }
            if n > 5000 { throw PyException.valueError("factorial() argument should not exceed 5000 in jaxlab") }
            var result: PyValue = .int(1)
            for i in stride(from: 2, through: n, by: 1) { result = try interp.binaryOperation(.multiply, result, .int(i)) }
            return result
        })
        m.attributes["gcd"] = .object(PyBuiltin("gcd") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            // magnitudes as UInt: abs(-2**63) does not fit in Int
            var g: UInt = 0
            for v in args.positional {
                var a = try interp.index(v).magnitude
                var b = g
                while b != 0 { (a, b) = (b, a % b) }
                g = a
            }
            if let small = Int(exactly: g) { return .int(small) }
            return try interp.binaryOperation(.subtract, .int(0), .int(Int.min))
        })
        m.attributes["prod"] = .object(PyBuiltin("prod") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("prod", ["iterable", "start"], required: 1, positionalOnly: 1)
            var result = slots[1] ?? .int(1)
            for v in try interp.collect(slots[0] ?? .none) { result = try interp.binaryOperation(.multiply, result, v) }
            return result
        })
        m.attributes["fsum"] = .object(PyBuiltin("fsum") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("fsum", ["seq"], required: 1, positionalOnly: 1)
            var sum = 0.0
            var compensation = 0.0
            for v in try interp.collect(slots[0] ?? .none) {
                let x = try interp.toFloat(v)
                let t = sum + x
                compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
                sum = t
            }
            return .float(sum + compensation)
        })
        m.attributes["isclose"] = .object(PyBuiltin("isclose") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("isclose", ["a", "b", "rel_tol", "abs_tol"], required: 2, positionalOnly: 2)
            let a = try interp.toFloat(slots[0] ?? .none)
            let b = try interp.toFloat(slots[1] ?? .none)
            let rel = try slots[2].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 1e-9
            let absTol = try slots[3].map { (v: PyValue) throws(PyException) in try interp.toFloat(v) } ?? 0
            if a == b { return .bool(true) }
            if a.isInfinite || b.isInfinite { return .bool(false) }
            let diff = abs(b - a)
            return .bool(diff <= abs(rel * b) || diff <= abs(rel * a) || diff <= absTol)
        })
        return m
    }
}
