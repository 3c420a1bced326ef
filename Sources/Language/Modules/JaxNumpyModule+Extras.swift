import JaxCore

/// `jnp`'s smaller elementwise functions: sign and rounding helpers, infinities and nans,
/// `sinc`, `fmax`/`fmin`, running sums and products that skip nan, `polyval`, `interp`, `trapezoid`.
extension JaxNumpyModule {
    static func addExtras(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        let binaries: [(String, (JaxContext, JaxValue, JaxValue) throws(PyException) -> JaxValue)] = [
            ("copysign", JNP.copysign), ("heaviside", JNP.heaviside), ("float_power", JNP.floatPower), ("nextafter", JNP.nextafter),
            ("fmax", { c, x, y throws(PyException) in try JNP.fmaxOrMin(c, x, y, max: true) }),
            ("fmin", { c, x, y throws(PyException) in try JNP.fmaxOrMin(c, x, y, max: false) }),
        ]
        for (name, function) in binaries {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x1", "x2"], required: 2, positionalOnly: name.hasPrefix("fm") ? 0 : 2)
                return wrap(try function(ctx, try interp.jnpArgument(slots[0] ?? .none, name),
                                         try interp.jnpArgument(slots[1] ?? .none, name, position: 1)))
            }
        }
        let unaries: [(String, (JaxContext, JaxValue) throws(PyException) -> JaxValue)] = [
            ("rint", JNP.rint), ("fabs", JNP.fabs), ("sinc", JNP.sinc),
            // lax.asarray of the promoted operand: the operand itself
            ("positive", { _, x throws(PyException) in x }),
        ]
        for (name, function) in unaries {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1, positionalOnly: name == "sinc" ? 0 : 1)
                return wrap(try function(ctx, try interp.jnpArgument(slots[0] ?? .none, name)))
            }
        }
        for (name, positive) in [("isposinf", true), ("isneginf", false)] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x", "out"], required: 1, positionalOnly: 1)
                let x = try interp.jnpArgument(slots[0] ?? .none, name)
                if let out = slots[1], !out.isNone {
                    throw PyException.notImplemented("The 'out' argument to isneginf/isposinf is not supported.")
                }
                return wrap(try JNP.isInfinity(ctx, x, positive: positive))
            }
        }
        for name in ["round", "around"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "decimals", "out"], required: 1)
                let a = try interp.jnpArgument(slots[0] ?? .none, "round")
                let decimals = try roundDecimals(interp, slots[1])
                if let out = slots[2], !out.isNone { throw PyException.notImplemented("The 'out' argument to jnp.round is not supported.") }
                return wrap(name == "round" ? try JNP.round(ctx, a, decimals: decimals) : try JNP.around(ctx, a, decimals: decimals))
            }
        }
        m.define("nan_to_num") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("nan_to_num", ["x", "copy", "nan", "posinf", "neginf"], required: 1)
            let x = try interp.jnpArgument(slots[0] ?? .none, "nan_to_num")
            // copy has no meaning for immutable arrays (JAX deletes it too)
            let values = try slots[2...].map { (v: PyValue?) throws(PyException) -> JaxValue? in
                guard let v, !v.isNone else { return nil }
                return try interp.jnpArgument(v, "nan_to_num")
            }
            return wrap(try JNP.nanToNum(ctx, x, nan: values[0], posinf: values[1], neginf: values[2]))
        }
        for name in ["nancumsum", "nancumprod"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["a", "axis", "dtype", "out"], required: 1)
                let a = try interp.jnpArgument(slots[0] ?? .none, name)
                let axis = try slots[1].flatMap { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) }
                let dtype = try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax, in: name)
                if let out = slots[3], !out.isNone { throw PyException.notImplemented("The 'out' argument to jnp.\(name) is not supported") }
                return wrap(try JNP.cumulative(ctx, name, a, axis: axis, dtype: dtype))
            }
        }
        m.define("polyval") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("polyval", ["p", "x", "unroll"], required: 2, maxPositional: 2)
            let unroll = try slots[2].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 16
            return wrap(try JNP.polyval(ctx, try interp.jnpArgument(slots[0] ?? .none, "polyval"),
                                        try interp.jnpArgument(slots[1] ?? .none, "polyval", position: 1), unroll: unroll))
        }
        m.define("interp") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("interp", ["x", "xp", "fp", "left", "right", "period"], required: 3)
            var operands: [JaxValue] = []
            for i in 0..<3 { operands.append(try interp.jnpArgument(slots[i] ?? .none, "interp", position: i)) }
            func edge(_ v: PyValue?, _ side: String) throws(PyException) -> JNP.InterpEdge {
                guard let v, !v.isNone else { return .edgeValue }
                if case .str(let text) = v {
                    guard text == "extrapolate" else {
                        throw PyException.valueError("the only valid string value of `\(side)` is 'extrapolate', but got: \(try interp.repr(v))")
                    }
                    return .extrapolate
                }
                return .value(try interp.jnpArgument(v, "interp"))
            }
            let period = try slots[5].flatMap { (v: PyValue) throws(PyException) -> JaxValue? in v.isNone ? nil : try interp.jnpArgument(v, "interp") }
            return wrap(try JNP.interp(ctx, operands[0], operands[1], operands[2], left: try edge(slots[3], "left"),
                                       right: try edge(slots[4], "right"), period: period))
        }
        m.define("trapezoid") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("trapezoid", ["y", "x", "dx", "axis"], required: 1)
            let y = try interp.jnpArgument(slots[0] ?? .none, "trapezoid")
            let x = try slots[1].flatMap { (v: PyValue) throws(PyException) -> JaxValue? in v.isNone ? nil : try interp.jnpArgument(v, "trapezoid", position: 1) }
            let dx = try slots[2].map { (v: PyValue) throws(PyException) in try interp.jnpArgument(v, "trapezoid", position: 2) }
            let axis = try slots[3].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? -1
            return wrap(try JNP.trapezoid(ctx, y, x: x, dx: dx, axis: axis))
        }
        addArrayAPINames(m, interp)
        m.removedAttributes["fix"] = "jax.numpy.fix was deprecated in JAX v0.9.0, and will be removed in JAX v0.10.0. Use jax.numpy.trunc instead."
    }

    /// `decimals` of jnp.round: a Python index.
    static func roundDecimals(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> Int {
        guard let v, !v.isNone else { return 0 }
        return try interp.index(v)
    }

    /// The array API's names for existing functions (`pow`, `concat`, `permute_dims`,
    /// `matrix_transpose`), `isrealobj`, `isreal`, `isscalar`, `broadcast_arrays`, `copy` and
    /// `array_equal`.
    private static func addArrayAPINames(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        m.define("pow") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("pow", ["x1", "x2"], required: 2, positionalOnly: 2)
            return wrap(try JNP.power(ctx, try interp.jnpArgument(slots[0] ?? .none, "pow"), try interp.jnpArgument(slots[1] ?? .none, "pow", position: 1)))
        }
        m.define("concat") { [unowned m] (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("concat", ["arrays", "axis"], required: 1, positionalOnly: 1, maxPositional: 1)
            guard let concatenate = m.attributes["concatenate"] else { throw PyException("RuntimeError", "jnp.concatenate is missing") }
            return try interp.call(concatenate, Arguments([slots[0] ?? .none], keywords: [("axis", slots[1] ?? .int(0))]))
        }
        m.define("permute_dims") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("permute_dims", ["a", "axes"], required: 2, positionalOnly: 1)
            let axes = try interp.collect(slots[1] ?? .none).map { (v: PyValue) throws(PyException) -> Int in try interp.index(v) }
            return wrap(try JNP.transpose(ctx, try interp.jnpArgument(slots[0] ?? .none, "permute_dims"), axes))
        }
        m.define("matrix_transpose") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("matrix_transpose", ["x"], required: 1, positionalOnly: 1)
            let x = try interp.jnpArgument(slots[0] ?? .none, "matrix_transpose")
            guard x.rank >= 2 else { throw PyException.valueError("x must be at least two-dimensional for matrix_transpose; got ndim=\(x.rank)") }
            return wrap(try JNP.transpose(ctx, x, Array(0..<(x.rank - 2)) + [x.rank - 1, x.rank - 2]))
        }
        m.define("isreal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("isreal", ["x"], required: 1)
            return wrap(try JNP.isreal(ctx, try interp.jnpArgument(slots[0] ?? .none, "isreal")))
        }
        m.define("broadcast_arrays") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if let (key, _) = args.keywords.first { throw PyException.typeError("broadcast_arrays() got an unexpected keyword argument '\(key)'") }
            var arrays: [JaxValue] = []
            for (i, v) in args.positional.enumerated() { arrays.append(try interp.jnpArgument(v, "broadcast_arrays", position: i)) }
            return .list(PyList(try JNP.broadcastArrays(ctx, arrays).map { wrap($0) }))
        }
        m.define("copy") { [unowned m] (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("copy", ["a", "order"], required: 1)
            guard let array = m.attributes["array"] else { throw PyException("RuntimeError", "jnp.array is missing") }
            _ = try interp.jnpArgument(slots[0] ?? .none, "copy")
            return try interp.call(array, Arguments([slots[0] ?? .none], keywords: [("copy", .bool(true)), ("order", slots[1] ?? .none)]))
        }
    }
}
