import JaxCore

/// `jax.pure_callback`, `jax.experimental.io_callback` and `jax.ShapeDtypeStruct`: a Python
/// function run on the host with the values of (possibly traced) arrays, returning results of
/// types declared in advance.
extension JaxModule {
    static func installCallbacks(_ m: PyModule) {
        m.define("ShapeDtypeStruct") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("ShapeDtypeStruct", ["shape", "dtype", "sharding", "weak_type"], required: 2)
            if let s = slots[2], !s.isNone { throw PyException.notImplemented("jaxlab has one device: ShapeDtypeStruct takes no sharding") }
            guard let dtype = try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax) else {
                throw PyException.typeError("ShapeDtypeStruct needs a dtype, got None")
            }
            return .object(PyShapeDtypeStruct(shape: try interp.jaxShapeArgument(slots[0] ?? .none), dtype: dtype,
                                              weakType: try interp.truth(slots[3] ?? .bool(false))))
        }
        m.define("pure_callback") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try hostCallback(interp, args, name: "pure_callback", io: false)
        }
    }

    /// `jax.experimental`: `io_callback`.
    static func makeExperimental(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.experimental", file: "/jaxlab/jax/experimental/__init__.py")
        m.define("io_callback") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try hostCallback(interp, args, name: "io_callback", io: true)
        }
        return m
    }

    /// `pure_callback(callback, result_shape_dtypes, *args, sharding=None, vmap_method=None, **kwargs)`
    /// and `io_callback(callback, result_shape_dtypes, *args, sharding=None, ordered=False, **kwargs)`.
    private static func hostCallback(_ interp: Interpreter, _ args: Arguments, name: String, io: Bool) throws(PyException) -> PyValue {
        guard args.positional.count >= 2 else {
            let missing = args.positional.isEmpty ? "2 required positional arguments: 'callback' and 'result_shape_dtypes'"
                : "1 required positional argument: 'result_shape_dtypes'"
            throw PyException.typeError("\(name)() missing \(missing)")
        }
        let callback = args.positional[0]
        try requireCallable(interp, callback)
        var vmapMethod: String?, ordered = false
        var kwargs: [(String, PyValue)] = []
        for (k, v) in args.keywords {
            switch (k, io) {
            case ("sharding", _):
                if !v.isNone { throw PyException.notImplemented("jaxlab has one device: \(name) takes no sharding") }
            case ("vmap_method", false):
                if !v.isNone {
                    guard case .str(let s) = v else { throw PyException.valueError("vmap_method must be a string or None, got \(try interp.repr(v))") }
                    vmapMethod = s
                }
            case ("vectorized", false):
                throw PyException.notImplemented("jaxlab's pure_callback takes vmap_method instead of the deprecated vectorized")
            case ("ordered", true):
                ordered = try interp.truth(v)
            default:
                kwargs.append((k, v))
            }
        }
        if let method = vmapMethod, !["sequential", "sequential_unrolled", "expand_dims", "broadcast_all", "legacy_vectorized"].contains(method) {
            throw PyException.valueError("vmap_method must be on of the allowed methods ['expand_dims', 'broadcast_all', 'sequential', 'sequential_unrolled', 'legacy_vectorized'], but got: \(method)")
        }
        let resultTree = try interp.flattenTree(args.positional[1])
        var avals: [ShapedArray] = []
        for leaf in resultTree.leaves { avals.append(try resultType(interp, leaf, name: name)) }
        let split = try SplitArguments(interp, Array(args.positional.dropFirst(2)), kwargs)
        let function = CustomRule(functionName(callback), outAvals: avals) { [weak interp] values throws(PyException) -> [JaxValue?] in
            guard let interp else { return [] }
            var arrays: [JaxArray] = []
            for v in values { if case .array(let a) = v { arrays.append(a) } }
            let (positional, keywords) = try split.merged(interp, arrays)
            let result = try interp.call(callback, Arguments(positional, keywords: keywords))
            var out: [JaxValue?] = []
            for leaf in try interp.flattenTree(result).leaves {
                guard let value = try interp.jaxOperand(leaf) else {
                    throw PyException.typeError("\(name) callback returned \(interp.pythonTypeName(leaf)), which is not an array")
                }
                out.append(value)
            }
            return out
        }
        let outs = try Tracing.hostCallback(interp.context, split.dynamic, function: function, callbackName: functionName(callback),
                                            inTree: split.inTree, io: io, ordered: ordered, vmapMethod: vmapMethod)
        var next = outs.makeIterator()
        return try interp.unflattenTree(try resultTree.mapLeaves { (_: PyValue) throws(PyException) -> PyValue in
            guard let v = next.next() else { throw PyException("RuntimeError", "\(name) lost a result") }
            return .object(JaxArrayObject(v))
        })
    }

    /// The type a leaf of `result_shape_dtypes` declares: a ShapeDtypeStruct, or any array
    /// (its shape and dtype).
    private static func resultType(_ interp: Interpreter, _ leaf: PyValue, name: String) throws(PyException) -> ShapedArray {
        if case .object(let s as PyShapeDtypeStruct) = leaf {
            return ShapedArray(shape: s.shape, dtype: interp.context.canonical(s.dtype), weakType: s.weakType)
        }
        switch leaf {
        case .object(let o as JaxArrayObject): return o.aval.with(weakType: false)
        case .object, .bool, .int, .float:
            if let operand = try interp.jaxOperand(leaf) { return operand.aval.with(weakType: false) }
        default: break
        }
        throw PyException.typeError("\(name): result_shape_dtypes must hold objects with a shape and a dtype (jax.ShapeDtypeStruct or arrays), got \(interp.pythonTypeName(leaf))")
    }
}
