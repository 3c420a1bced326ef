import JaxCore

/// `jax.numpy.linalg`: `norm` (vector and Frobenius norms).
enum JaxNumpyLinalgModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.numpy.linalg", file: "/jaxlab/jax/numpy/linalg.py")
        let ctx = interp.context
        m.define("norm") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("norm", ["x", "ord", "axis", "keepdims"], required: 1)
            let x = try interp.jnpArgument(slots[0] ?? .none, "norm")
            let axes = try interp.axesArgument(slots[2])
            let rank = axes?.count ?? x.rank
            var order = JNP.NormOrder.standard
            switch slots[1] ?? .none {
            case .none: break
            case .str("fro") where rank == 2: break
            case let value:
                let number = try interp.scalarValue(value)?.doubleValue
                switch (number, rank) {
                case (2?, 1): break
                case (1?, 1): order = .one
                case (let v?, 1) where v == .infinity: order = .infinity
                case (let v?, 1) where v == -.infinity: order = .negativeInfinity
                default:
                    throw PyException.notImplemented("jnp.linalg.norm with ord=\(try interp.repr(value)) for \(rank == 1 ? "vectors" : "matrices") is not supported")
                }
            }
            return .object(JaxArrayObject(try JNP.norm(ctx, x, order: order, axes: axes, keepdims: try interp.truth(slots[3] ?? .bool(false)))))
        }
        return m
    }
}
