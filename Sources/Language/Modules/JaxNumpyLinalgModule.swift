import JaxCore

/// `jax.numpy.linalg`: `norm` (vector and Frobenius norms) and the factorisations
/// (`cholesky`, `qr`, `eigh`, `svd`, `det`, `slogdet`, `solve`, `inv`).
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
        defineFactorizations(m, interp)
        return m
    }

    /// The factorisations; results of several arrays are JAX's named tuples.
    static func defineFactorizations(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func array(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        m.define("cholesky") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("cholesky", ["a", "upper", "symmetrize_input"], required: 1, maxPositional: 1)
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.cholesky")
            return array(try JNP.cholesky(ctx, a, upper: try interp.truth(slots[1] ?? .bool(false)),
                                          symmetrizeInput: try interp.truth(slots[2] ?? .bool(true))))
        }
        m.define("eigh") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("eigh", ["a", "UPLO", "symmetrize_input"], required: 1)
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.eigh")
            var lower = true
            switch slots[1] ?? .none {
            case .none, .str("L"): break
            case .str("U"): lower = false
            case let other: throw PyException.valueError("UPLO must be one of None, 'L', or 'U', got \(try interp.str(other))")
            }
            let outs = try JNP.eigh(ctx, a, lower: lower, symmetrizeInput: try interp.truth(slots[2] ?? .bool(true)))
            return try interp.linalgResult("EighResult", ["eigenvalues", "eigenvectors"], outs.map(array))
        }
        m.define("svd") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("svd", ["a", "full_matrices", "compute_uv", "hermitian", "subset_by_index"], required: 1)
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.svd")
            if try interp.truth(slots[3] ?? .bool(false)) { throw PyException.notImplemented("jnp.linalg.svd with hermitian=True is not supported") }
            if let subset = slots[4], !subset.isNone { throw PyException.notImplemented("jnp.linalg.svd with subset_by_index is not supported") }
            let computeUV = try interp.truth(slots[2] ?? .bool(true))
            let outs = try JNP.svd(ctx, a, fullMatrices: try interp.truth(slots[1] ?? .bool(true)), computeUV: computeUV)
            guard computeUV else { return array(outs[0]) }
            return try interp.linalgResult("SVDResult", ["U", "S", "Vh"], outs.map(array))
        }
        m.define("qr") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("qr", ["a", "mode"], required: 1)
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.qr")
            let mode = try interp.requireString(slots[1] ?? .str("reduced"), "qr() argument 'mode' must be str, not")
            let outs = try JNP.qr(ctx, a, mode: mode)
            if mode == "r" { return array(outs[0]) }
            return try interp.linalgResult("QRResult", ["Q", "R"], outs.map(array))
        }
        m.define("det") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("det", ["a"], required: 1)
            return array(try JNP.det(ctx, try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.det")))
        }
        m.define("slogdet") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("slogdet", ["a", "method"], required: 1, maxPositional: 1)
            switch slots[1] ?? .none {
            case .none, .str("lu"): break
            case .str("qr"): throw PyException.notImplemented("jnp.linalg.slogdet with method='qr' is not supported")
            case let other:
                throw PyException.valueError("Unknown slogdet method '\(try interp.str(other))'. Supported methods are 'lu' (`None`), and 'qr'.")
            }
            let outs = try JNP.slogdet(ctx, try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.slogdet"))
            return try interp.linalgResult("SlogdetResult", ["sign", "logabsdet"], outs.map(array))
        }
        m.define("solve") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("solve", ["a", "b"], required: 2)
            let a = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.solve")
            let b = try interp.jnpArgument(slots[1] ?? .none, "jnp.linalg.solve", position: 1)
            return array(try JNP.solve(ctx, a, b))
        }
        m.define("inv") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("inv", ["a"], required: 1)
            return array(try JNP.inv(ctx, try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.inv")))
        }
    }
}

extension Interpreter {
    /// One of jnp.linalg's named tuples (`EighResult`, `SVDResult`, ...), its class made once
    /// per session.
    func linalgResult(_ name: String, _ fields: [String], _ values: [PyValue]) throws(PyException) -> PyValue {
        try namedTupleResult("jax._src.numpy.linalg", name, fields, values)
    }

    /// An instance of a library's named tuple class `module.name`, the class made once per session.
    func namedTupleResult(_ module: String, _ name: String, _ fields: [String], _ values: [PyValue]) throws(PyException) -> PyValue {
        let key = "\(module).\(name)"
        let cls: PyValue
        if let existing = moduleState[key] as? PyClass {
            cls = .object(existing)
        } else {
            cls = try NamedTuples.make(self, name: name, qualifiedName: name, module: module, fields: fields,
                                       defaults: [], namespace: PyDict())
            if case .object(let c as PyClass) = cls { moduleState[key] = c }
        }
        return try call(cls, Arguments(values))
    }
}
