import Language

/// The names a check can use besides the student's: `close`, `same_array`, `has_dtype`,
/// `has_shape` (written in Swift, to compare arrays exactly and fairly) and `jaxpr_of`,
/// `grad_check` (written in jaxlab's own Python, in `prelude`). `uses`, `_`, `printed` and
/// `source` describe the input being checked and are bound per check.
enum CheckHelpers {
    /// Run once per session in a child scope; its names are visible to every check.
    static let prelude = """
    import jax
    import jax.numpy as jnp
    import numpy as np

    def jaxpr_of(f, *args):
        names = []
        for line in str(jax.make_jaxpr(f)(*args)).split("\\n"):
            if " = " in line:
                right = line.split(" = ", 1)[1].strip()
                names.append(right.split(" ")[0].split("[")[0])
        return names

    def grad_check(f, x, grad=None, eps=1e-3, rtol=1e-2, atol=1e-2):
        if grad is None:
            grad = jax.grad(f)
        x = jnp.asarray(x, dtype=jnp.float32)
        flat = x.reshape(-1)
        numeric = []
        for i in range(flat.shape[0]):
            up = f(flat.at[i].add(eps).reshape(x.shape))
            down = f(flat.at[i].add(-eps).reshape(x.shape))
            numeric.append((up - down) / (2 * eps))
        return close(grad(x), jnp.array(numeric).reshape(x.shape), rtol=rtol, atol=atol)

    """

    /// The helpers written in Swift, bound in the helpers' scope.
    static func hostFunctions(_ session: Session) -> [String: PyValue] {
        [
            "close": session.hostFunction("close") { [unowned session] arguments throws(RaisedException) -> PyValue in
                let values = try bind(arguments, "close", ["a", "b", "rtol", "atol"], required: 2)
                let rtol = try number(values[2], default: 1e-5, "rtol")
                let atol = try number(values[3], default: 1e-8, "atol")
                guard let a = session.arrayView(of: values[0] ?? .none), let b = session.arrayView(of: values[1] ?? .none) else {
                    return .bool(false)
                }
                return .bool(ArrayComparison.close(a, b, rtol: rtol, atol: atol))
            },
            "same_array": session.hostFunction("same_array") { [unowned session] arguments throws(RaisedException) -> PyValue in
                let values = try bind(arguments, "same_array", ["a", "b"], required: 2)
                guard let a = session.arrayView(of: values[0] ?? .none), let b = session.arrayView(of: values[1] ?? .none) else {
                    return .bool(false)
                }
                return .bool(ArrayComparison.same(a, b))
            },
            "has_dtype": session.hostFunction("has_dtype") { [unowned session] arguments throws(RaisedException) -> PyValue in
                let values = try bind(arguments, "has_dtype", ["a", "dtype"], required: 2)
                guard let wanted = session.dtypeName(of: values[1] ?? .none) else {
                    throw RaisedException(kind: "TypeError", message: "has_dtype() needs a dtype such as jnp.float16")
                }
                let value = values[0] ?? .none
                let actual = session.arrayView(of: value)?.dtype ?? session.dtypeName(of: value)
                return .bool(actual == wanted)
            },
            "has_shape": session.hostFunction("has_shape") { [unowned session] arguments throws(RaisedException) -> PyValue in
                let values = try bind(arguments, "has_shape", ["a", "shape"], required: 2)
                guard let view = session.arrayView(of: values[0] ?? .none) else { return .bool(false) }
                return .bool(view.shape == (try shape(values[1] ?? .none)))
            },
        ]
    }

    /// `uses(name)`: whether the input called `name` (`jax.grad`, `jnp.arange`, `%timeit`,
    /// `.block_until_ready`, or a name of the student's such as `jitted_function`).
    static func uses(_ session: Session, calls: Set<String>) -> PyValue {
        session.hostFunction("uses") { arguments throws(RaisedException) -> PyValue in
            let values = try bind(arguments, "uses", ["name"], required: 1)
            guard case .str(let name)? = values[0] else {
                throw RaisedException(kind: "TypeError", message: "uses() needs a name as a string, such as uses(\"jax.grad\")")
            }
            return .bool(called(name, in: calls))
        }
    }

    /// Whether `name`, as a lesson writes it, is among the calls an input made.
    static func called(_ name: String, in calls: Set<String>) -> Bool {
        var candidates: Set<String> = [name]
        for (alias, module) in [("jnp.", "jax.numpy."), ("np.", "numpy.")] where name.hasPrefix(alias) {
            candidates.insert(module + name.dropFirst(alias.count))
        }
        if !name.contains(".") && !name.hasPrefix("%") { candidates.insert("." + name) }
        return !candidates.isDisjoint(with: calls)
    }

    /// Matches Python arguments to parameter names, as a Python function would.
    static func bind(_ arguments: HostArguments, _ function: String, _ names: [String], required: Int) throws(RaisedException) -> [PyValue?] {
        guard arguments.positional.count <= names.count else {
            throw RaisedException(kind: "TypeError", message: "\(function)() takes at most \(names.count) arguments (\(arguments.positional.count) given)")
        }
        var values: [PyValue?] = arguments.positional + Array(repeating: nil, count: names.count - arguments.positional.count)
        for (key, value) in arguments.keywords {
            guard let index = names.firstIndex(of: key) else {
                throw RaisedException(kind: "TypeError", message: "\(function)() got an unexpected keyword argument '\(key)'")
            }
            values[index] = value
        }
        if let missing = names.indices.prefix(required).first(where: { values[$0] == nil }) {
            throw RaisedException(kind: "TypeError", message: "\(function)() missing required argument '\(names[missing])'")
        }
        return values
    }

    private static func number(_ value: PyValue?, default fallback: Double, _ name: String) throws(RaisedException) -> Double {
        switch value {
        case nil, .none?: return fallback
        case .int(let i)?: return Double(i)
        case .float(let d)?: return d
        default: throw RaisedException(kind: "TypeError", message: "\(name) must be a number")
        }
    }

    private static func shape(_ value: PyValue) throws(RaisedException) -> [Int] {
        switch value {
        case .int(let n): return [n]
        case .tuple(let items):
            var dims: [Int] = []
            for item in items {
                guard case .int(let n) = item else { throw RaisedException(kind: "TypeError", message: "a shape is a tuple of ints") }
                dims.append(n)
            }
            return dims
        default: throw RaisedException(kind: "TypeError", message: "a shape is a tuple of ints, such as (2, 3)")
        }
    }
}

/// How checks compare arrays: `close` as NumPy's `allclose` (same shape, or a scalar against
/// an array; NaN matches NaN), `same` as equal shape, dtype and values.
enum ArrayComparison {
    static func close(_ a: ArrayView, _ b: ArrayView, rtol: Double, atol: Double) -> Bool {
        let scalarB = b.shape.isEmpty && b.values.count == 1
        guard a.shape == b.shape || scalarB else { return false }
        for (index, x) in a.values.enumerated() {
            let y = scalarB ? b.values[0] : b.values[index]
            if x.isNaN || y.isNaN {
                if x.isNaN && y.isNaN { continue }
                return false
            }
            if x.isInfinite || y.isInfinite {
                if x == y { continue }
                return false
            }
            if abs(x - y) > atol + rtol * abs(y) { return false }
        }
        return true
    }

    static func same(_ a: ArrayView, _ b: ArrayView) -> Bool {
        guard a.shape == b.shape, a.dtype == b.dtype else { return false }
        return zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
