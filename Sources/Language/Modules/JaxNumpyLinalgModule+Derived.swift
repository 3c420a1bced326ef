import JaxCore

/// `jax.numpy.linalg`'s functions built on the factorisations and products: `pinv`, `lstsq`,
/// `matrix_rank`, `matrix_power`, `multi_dot`, `eigvalsh`, `svdvals`, `tensorinv`,
/// `tensorsolve`.
extension JaxNumpyLinalgModule {
    static func defineDerived(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func array(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        m.define("pinv") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("pinv", ["a", "rtol", "hermitian", "rcond"], required: 1, maxPositional: 3)
            if try interp.truth(slots[2] ?? .bool(false)) { throw PyException.notImplemented("jnp.linalg.pinv with hermitian=True is not supported") }
            var rtol = slots[1].flatMap { $0.isNone ? nil : $0 }
            if let rcond = slots[3], !rcond.isNone {
                if rtol != nil { throw PyException.valueError("pinv: only one of rtol and rcond may be specified.") }
                rtol = rcond
            }
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.pinv")
            let tolerance = try rtol.map { (v: PyValue) throws(PyException) -> JaxValue in try interp.jnpArgument(v, "jnp.linalg.pinv", position: 1) }
            return array(try JNP.pinv(ctx, a, rtol: tolerance))
        }
        m.define("lstsq") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("lstsq", ["a", "b", "rcond", "numpy_resid"], required: 2, maxPositional: 3)
            if try interp.truth(slots[3] ?? .bool(false)) { throw PyException.notImplemented("jnp.linalg.lstsq with numpy_resid=True is not supported") }
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.lstsq")
            let b = try interp.jnpArgument(slots[1] ?? .none, "jnp.linalg.lstsq", position: 1)
            var rcond: Double?
            if let value = slots[2], !value.isNone {
                guard let number = try interp.scalarValue(value)?.doubleValue else {
                    throw PyException.notImplemented("jnp.linalg.lstsq with an array rcond is not supported")
                }
                rcond = number
            }
            return .tuple(try JNP.lstsq(ctx, a, b, rcond: rcond).map(array))
        }
        m.define("matrix_rank") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("matrix_rank", ["M", "rtol", "hermitian", "tol"], required: 1, maxPositional: 2)
            if try interp.truth(slots[2] ?? .bool(false)) { throw PyException.notImplemented("jnp.linalg.matrix_rank with hermitian=True is not supported") }
            var rtol = slots[1].flatMap { $0.isNone ? nil : $0 }
            if let tol = slots[3], !tol.isNone {
                if rtol != nil { throw PyException.valueError("matrix_rank: only one of tol or rtol may be specified.") }
                rtol = tol
            }
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.matrix_rank")
            let tolerance = try rtol.map { (v: PyValue) throws(PyException) -> JaxValue in try interp.jnpArgument(v, "jnp.linalg.matrix_rank", position: 1) }
            return array(try JNP.matrixRank(ctx, a, rtol: tolerance))
        }
        m.define("matrix_power") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("matrix_power", ["a", "n"], required: 2)
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.matrix_power")
            let exponent = slots[1] ?? .none
            guard let n = try? interp.index(exponent) else {
                throw PyException.typeError("exponent must be an integer, got \(try interp.str(exponent))")
            }
            return array(try JNP.matrixPower(ctx, a, n))
        }
        m.define("multi_dot") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("multi_dot", ["arrays", "precision"], required: 1, maxPositional: 1)
            if let precision = slots[1], !precision.isNone { throw PyException.notImplemented("jnp.linalg.multi_dot's precision argument is not supported") }
            var arrays: [JaxValue] = []
            for (i, item) in try interp.collect(slots[0] ?? .none).enumerated() {
                arrays.append(try interp.jnpArgument(item, "jnp.linalg.multi_dot", position: i))
            }
            if arrays.count == 1, let rows = arrays[0].shape.first {
                // ensure_arraylike(*arrays) of one array returns the array itself, whose rows
                // JAX's list() then takes as the chain
                let whole = arrays[0]
                arrays = []
                for i in 0..<rows { arrays.append(try JNP.iterationItem(ctx, whole, i)) }
            }
            return array(try JNP.multiDot(ctx, arrays))
        }
        m.define("eigvalsh") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("eigvalsh", ["a", "UPLO", "symmetrize_input"], required: 1, maxPositional: 2)
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.eigvalsh")
            return array(try JNP.eigvalsh(ctx, a, lower: try interp.uploIsLower(slots[1] ?? .str("L")),
                                          symmetrizeInput: try interp.truth(slots[2] ?? .bool(true))))
        }
        m.define("svdvals") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("svdvals", ["x"], required: 1, positionalOnly: 1)
            return array(try JNP.svdvals(ctx, try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.svdvals")))
        }
        m.define("tensorinv") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("tensorinv", ["a", "ind"], required: 1)
            let a = try interp.jnpArgument(slots[0] ?? .none, "tensorinv")
            return array(try JNP.tensorinv(ctx, a, ind: try interp.index(slots[1] ?? .int(2))))
        }
        m.define("tensorsolve") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("tensorsolve", ["a", "b", "axes"], required: 2)
            let a = try interp.jnpArgument(slots[0] ?? .none, "tensorsolve")
            let b = try interp.jnpArgument(slots[1] ?? .none, "tensorsolve", position: 1)
            return array(try JNP.tensorsolve(ctx, a, b, axes: try interp.axesArgument(slots[2])))
        }
    }
}

extension Interpreter {
    /// `UPLO=`: None or 'L' for the lower triangle, 'U' for the upper.
    func uploIsLower(_ value: PyValue) throws(PyException) -> Bool {
        switch value {
        case .none, .str("L"): return true
        case .str("U"): return false
        case let other: throw PyException.valueError("UPLO must be one of None, 'L', or 'U', got \(try str(other))")
        }
    }
}
