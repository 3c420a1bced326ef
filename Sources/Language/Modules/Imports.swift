import Foundation
import JaxCore

/// `import`: the modules jaxlab provides, built on first import and cached per session.
extension Interpreter {
    /// Builders for each importable module, by dotted name.
    var moduleBuilders: [String: (Interpreter) throws(PyException) -> PyModule] {
        var builders: [String: (Interpreter) throws(PyException) -> PyModule] = [
            "math": { (interp: Interpreter) throws(PyException) -> PyModule in interp.makeMathModule() },
            "time": { (interp: Interpreter) throws(PyException) -> PyModule in interp.makeTimeModule() },
        ]
        for (name, builder) in arrayModuleBuilders { builders[name] = builder }
        return builders
    }

    func importModule(_ name: String) throws(PyException) -> PyValue {
        if let m = modules[name] { return m }
        let parts = name.split(separator: ".").map(String.init)
        if parts.count > 1 {
            // importing a submodule imports its parents first and binds it on the parent
            let parentName = parts.dropLast().joined(separator: ".")
            let parent = try importModule(parentName)
            if let existing = modules[name] { return existing }
            guard let builder = moduleBuilders[name] else {
                throw PyException("ModuleNotFoundError", "No module named '\(name)'")
            }
            let module = PyValue.object(try builder(self))
            modules[name] = module
            if case .object(let p as PyModule) = parent, p.attributes[parts.last ?? ""] == nil {
                p.attributes[parts.last ?? ""] = module
            }
            for sub in Interpreter.eagerSubmodules[name] ?? [] { _ = try importModule(name + "." + sub) }
            return module
        }
        guard let builder = moduleBuilders[name] else {
            throw PyException("ModuleNotFoundError", "No module named '\(name)'")
        }
        let module = PyValue.object(try builder(self))
        modules[name] = module
        // `import jax` makes jax.numpy and jax.random available, as the real package does
        for sub in Interpreter.eagerSubmodules[name] ?? [] { _ = try importModule(name + "." + sub) }
        return module
    }

    static let eagerSubmodules: [String: [String]] = [
        "jax": ["numpy", "random", "nn", "lax", "scipy"], "jax.scipy": ["special"], "numpy": ["random"],
    ]

    /// A builtin taking one float and returning a float, with Python's math-domain errors.
    private func mathFunction(_ name: String, _ f: @escaping (Double) -> Double,
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

    func makeMathModule() -> PyModule {
        let m = PyModule("math")
        m.attributes = [
            "pi": .float(Double.pi), "e": .float(M_E), "tau": .float(2 * Double.pi),
            "inf": .float(.infinity), "nan": .float(.nan),
            "sqrt": mathFunction("sqrt", { $0.squareRoot() }, domain: { $0 >= 0 || $0.isNaN }),
            "exp": mathFunction("exp", { Foundation.exp($0) }),
            "log2": mathFunction("log2", { Foundation.log2($0) }, domain: { $0 > 0 || $0.isNaN }),
            "log10": mathFunction("log10", { Foundation.log10($0) }, domain: { $0 > 0 || $0.isNaN }),
            "log1p": mathFunction("log1p", { Foundation.log1p($0) }, domain: { $0 > -1 || $0.isNaN }),
            "sin": mathFunction("sin", { Foundation.sin($0) }, domain: { !$0.isInfinite }),
            "cos": mathFunction("cos", { Foundation.cos($0) }, domain: { !$0.isInfinite }),
            "tan": mathFunction("tan", { Foundation.tan($0) }, domain: { !$0.isInfinite }),
            "asin": mathFunction("asin", { Foundation.asin($0) }, domain: { abs($0) <= 1 || $0.isNaN }),
            "acos": mathFunction("acos", { Foundation.acos($0) }, domain: { abs($0) <= 1 || $0.isNaN }),
            "atan": mathFunction("atan", { Foundation.atan($0) }),
            "sinh": mathFunction("sinh", { Foundation.sinh($0) }),
            "cosh": mathFunction("cosh", { Foundation.cosh($0) }),
            "tanh": mathFunction("tanh", { Foundation.tanh($0) }),
            "fabs": mathFunction("fabs", { abs($0) }),
            "erf": mathFunction("erf", { Foundation.erf($0) }),
            "degrees": mathFunction("degrees", { $0 * 180 / Double.pi }),
            "radians": mathFunction("radians", { $0 * Double.pi / 180 }),
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

    func makeTimeModule() -> PyModule {
        let m = PyModule("time")
        func clock(_ name: String, _ id: clockid_t) -> PyValue {
            .object(PyBuiltin(name) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                var ts = timespec()
                clock_gettime(id, &ts)
                return .float(Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9)
            })
        }
        m.attributes["time"] = clock("time", CLOCK_REALTIME)
        m.attributes["perf_counter"] = clock("perf_counter", CLOCK_MONOTONIC)
        m.attributes["monotonic"] = clock("monotonic", CLOCK_MONOTONIC)
        m.attributes["sleep"] = .object(PyBuiltin("sleep") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("sleep", ["secs"], required: 1, positionalOnly: 1)
            var remaining = try interp.toFloat(slots[0] ?? .none)
            if remaining < 0 { throw PyException.valueError("sleep length must be non-negative") }
            while remaining > 0 {
                try interp.context.checkInterrupt()
                let step = min(remaining, 0.05)
                usleep(UInt32(step * 1e6))
                remaining -= step
            }
            return .none
        })
        return m
    }
}
