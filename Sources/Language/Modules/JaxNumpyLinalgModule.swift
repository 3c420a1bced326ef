import JaxCore

/// `jax.numpy.linalg`: the norms (`norm`, `vector_norm`, `matrix_norm`) and the factorisations
/// (`cholesky`, `qr`, `eigh`, `svd`, `det`, `slogdet`, `solve`, `inv`) with what is built on them.
enum JaxNumpyLinalgModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.numpy.linalg", file: "/jaxlab/jax/numpy/linalg.py")
        let ctx = interp.context
        m.define("norm") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("norm", ["x", "ord", "axis", "keepdims"], required: 1)
            let x = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.norm")
            return .object(JaxArrayObject(try JNP.norm(ctx, x, order: try interp.normOrder(slots[1]), axes: try interp.axesArgument(slots[2]),
                                                       keepdims: try interp.truth(slots[3] ?? .bool(false)))))
        }
        m.define("vector_norm") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("vector_norm", ["x", "axis", "keepdims", "ord"], required: 1, positionalOnly: 1, maxPositional: 1)
            let x = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.vector_norm")
            return .object(JaxArrayObject(try JNP.vectorNorm(ctx, x, order: try interp.normOrder(slots[3] ?? .int(2)), axes: try interp.axesArgument(slots[1]),
                                                             keepdims: try interp.truth(slots[2] ?? .bool(false)))))
        }
        m.define("matrix_norm") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("matrix_norm", ["x", "keepdims", "ord"], required: 1, positionalOnly: 1, maxPositional: 1)
            let x = try interp.jnpArgument(slots[0] ?? .none, "jnp.linalg.matrix_norm")
            return .object(JaxArrayObject(try JNP.matrixNorm(ctx, x, order: try interp.normOrder(slots[2] ?? .str("fro")),
                                                             keepdims: try interp.truth(slots[1] ?? .bool(false)))))
        }
        defineFactorizations(m, interp)
        defineDerived(m, interp)
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
            let outs = try JNP.eigh(ctx, a, lower: try interp.uploIsLower(slots[1] ?? .none), symmetrizeInput: try interp.truth(slots[2] ?? .bool(true)))
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
    /// A norm's `ord=`: None, a string, or a number (kept with the text `str` gives it).
    func normOrder(_ value: PyValue?) throws(PyException) -> JNP.NormOrder {
        switch value ?? .none {
        case .none: return .none
        case .str("fro"): return .fro
        case .str("nuc"): return .nuc
        case .str(let other): return .other(other)
        case let v:
            guard let number = try scalarValue(v)?.doubleValue else {
                throw PyException.typeError("jnp.linalg's ord must be None, a str or a number, not \(v.typeName)")
            }
            return .number(number, try str(v))
        }
    }

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
