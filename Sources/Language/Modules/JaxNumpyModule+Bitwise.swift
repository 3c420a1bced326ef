import JaxCore

/// `jnp`'s bitwise functions and `gcd`/`lcm`.
extension JaxNumpyModule {
    static func addBitwise(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        let binaries: [(String, (JaxContext, JaxValue, JaxValue) throws(PyException) -> JaxValue)] = [
            ("bitwise_and", { c, x, y throws(PyException) in try JNP.bitwise(c, .and, x, y) }),
            ("bitwise_or", { c, x, y throws(PyException) in try JNP.bitwise(c, .or, x, y) }),
            ("bitwise_xor", { c, x, y throws(PyException) in try JNP.bitwise(c, .xor, x, y) }),
            ("left_shift", { c, x, y throws(PyException) in try JNP.shift(c, x, y, left: true) }),
            ("bitwise_left_shift", { c, x, y throws(PyException) in try JNP.shift(c, x, y, left: true) }),
            ("right_shift", { c, x, y throws(PyException) in try JNP.shift(c, x, y, left: false) }),
            ("bitwise_right_shift", { c, x, y throws(PyException) in try JNP.shift(c, x, y, left: false) }),
            ("gcd", JNP.gcd), ("lcm", JNP.lcm),
        ]
        for (name, function) in binaries {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x1", "x2"], required: 2, positionalOnly: name.hasSuffix("cm") ? 0 : 2)
                return wrap(try function(ctx, try interp.jnpArgument(slots[0] ?? .none, name),
                                         try interp.jnpArgument(slots[1] ?? .none, name, position: 1)))
            }
        }
        for name in ["bitwise_not", "invert", "bitwise_invert"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1, positionalOnly: 1)
                return wrap(try JNP.bitwiseNot(ctx, try interp.jnpArgument(slots[0] ?? .none, name)))
            }
        }
    }
}
