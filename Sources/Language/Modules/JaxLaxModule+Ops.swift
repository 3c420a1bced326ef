import JaxCore

/// `jax.lax`'s computing functions beyond the plain elementwise ones: `square`, `reciprocal`,
/// `integer_pow`, `round`, `exp2`, `is_finite`, `clamp`, `select_n`, the reductions (`reduce`
/// for JAX's monoids), `argmax`/`argmin`, `sort`, `sort_key_val`, `top_k`, `dot_general`, `dot`
/// and `batch_matmul`.
extension JaxLaxModule {
    static func addOps(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        for (prim, accepted) in JNP.laxCheckedUnary {
            let name = prim.name
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                // exp2 alone takes a keyword-only accuracy
                let slots = try args.bind(name, name == "exp2" ? ["x", "accuracy"] : ["x"], required: 1, maxPositional: 1)
                if slots.count > 1, let accuracy = slots[1], !accuracy.isNone {
                    throw PyException.notImplemented("lax.exp2's accuracy argument is not supported")
                }
                return wrap(try JNP.laxCheckedUnary(ctx, prim, accepted: accepted, try operand(interp, slots[0], name)))
            }
        }
        m.define("reciprocal") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("reciprocal", ["x"], required: 1)
            return wrap(try JNP.laxIntegerPow(ctx, try operand(interp, slots[0], "reciprocal"), -1))
        }
        m.define("integer_pow") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("integer_pow", ["x", "y"], required: 2)
            return wrap(try JNP.laxIntegerPow(ctx, try operand(interp, slots[0], "integer_pow"), try interp.index(slots[1] ?? .none)))
        }
        m.define("round") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("round", ["x", "rounding_method"], required: 1)
            let method = try optionalInt(interp, slots[1]) ?? 0
            guard method == 0 || method == 1 else { throw PyException.valueError("\(method) is not a valid RoundingMethod") }
            return wrap(try JNP.laxRound(ctx, try operand(interp, slots[0], "round"), method: method))
        }
        m.define("clamp") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("clamp", ["min", "x", "max"], required: 3)
            return wrap(try JNP.laxClamp(ctx, try operand(interp, slots[0], "clamp"), try operand(interp, slots[1], "clamp", position: 1),
                                         try operand(interp, slots[2], "clamp", position: 2)))
        }
        m.define("select_n") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if let keyword = args.keywords.first { throw PyException.typeError("select_n() got an unexpected keyword argument '\(keyword.0)'") }
            guard let first = args.positional.first else { throw PyException.typeError("select_n() missing 1 required positional argument: 'which'") }
            var cases: [JaxValue] = []
            for (i, v) in args.positional.dropFirst().enumerated() { cases.append(try operand(interp, v, "select_n", position: i + 1)) }
            return wrap(try JNP.laxSelectN(ctx, try operand(interp, first, "select_n"), cases))
        }
        for (name, prim) in JNP.laxReductions {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["operand", "axes", "out_sharding"], required: 2, maxPositional: 2)
                if name != "reduce_sum", args.keywords.contains(where: { $0.0 == "out_sharding" }) {
                    throw PyException.typeError("\(name)() got an unexpected keyword argument 'out_sharding'")
                }
                try refuseSharding(slots[2], name)
                return wrap(try JNP.laxReduce(ctx, prim, try operand(interp, slots[0], name), axes: try ints(interp, slots[1])))
            }
        }
        m.define("reduce") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("reduce", ["operands", "init_values", "computation", "dimensions", "out_sharding"], required: 4)
            try refuseSharding(slots[4], "reduce")
            let unsupported = PyException.notImplemented(
                "lax.reduce is supported as JAX's monoid reductions only: one array, computation lax.add, lax.mul, lax.max or lax.min, and that operation's identity as init_values (JAX binds reduce_sum, reduce_prod, reduce_max or reduce_min for them)")
            guard case .object(let computation as PyBuiltin) = slots[2] ?? .none, computation.module == "jax.lax" else { throw unsupported }
            switch slots[0] ?? .none {
            case .tuple, .list, .dict: throw unsupported
            default: break
            }
            let x = try operand(interp, slots[0], "reduce"), initValue = try operand(interp, slots[1], "reduce", position: 1)
            guard let out = try JNP.laxMonoidReduce(ctx, x, initValue, op: computation.name, axes: try ints(interp, slots[3])) else { throw unsupported }
            return wrap(out)
        }
        for name in ["argmax", "argmin"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["operand", "axis", "index_dtype"], required: 3)
                guard let dtype = try interp.dtypeArgument(slots[2] ?? .none, semantics: .jax, in: name) else {
                    throw PyException.typeError("index_dtype must be an integer type, but got None")
                }
                return wrap(try JNP.laxArgReduce(ctx, max: name == "argmax", try operand(interp, slots[0], name),
                                                 axis: try interp.index(slots[1] ?? .none), indexDType: dtype))
            }
        }
        addSorting(m, interp)
        addDot(m, interp)
    }

    /// `sort`, `sort_key_val` and `top_k`.
    private static func addSorting(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        m.define("sort") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("sort", ["operand", "dimension", "is_stable", "num_keys"], required: 1)
            let given = slots[0] ?? .none
            var xs: [JaxValue] = []
            var sequence = false
            switch given {
            case .tuple, .list:
                sequence = true
                for (i, v) in try interp.collect(given).enumerated() { xs.append(try operand(interp, v, "sort", position: i)) }
            default:
                xs = [try operand(interp, given, "sort")]
            }
            let outs = try JNP.laxSort(ctx, xs, dimension: try optionalInt(interp, slots[1]) ?? -1, stable: try interp.truth(slots[2] ?? .bool(true)),
                                       numKeys: try optionalInt(interp, slots[3]) ?? 1)
            guard sequence else { return wrap(outs[0]) }
            return .tuple(outs.map(wrap))
        }
        m.define("sort_key_val") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("sort_key_val", ["keys", "values", "dimension", "is_stable"], required: 2)
            let outs = try JNP.laxSort(ctx, [try operand(interp, slots[0], "sort_key_val"), try operand(interp, slots[1], "sort_key_val", position: 1)],
                                       dimension: try optionalInt(interp, slots[2]) ?? -1, stable: try interp.truth(slots[3] ?? .bool(true)), numKeys: 1)
            return .tuple(outs.map(wrap))
        }
        m.define("top_k") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("top_k", ["operand", "k", "axis"], required: 2, maxPositional: 2)
            let outs = try JNP.laxTopK(ctx, try operand(interp, slots[0], "top_k"), k: try interp.index(slots[1] ?? .none),
                                       axis: try optionalInt(interp, slots[2]) ?? -1)
            // JAX returns the pair as a list
            return .list(PyList(outs.map(wrap)))
        }
    }

    /// `dot_general`, `dot` and `batch_matmul`.
    private static func addDot(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        m.define("dot_general") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dot_general", ["lhs", "rhs", "dimension_numbers", "precision", "preferred_element_type", "out_sharding"],
                                      required: 3, maxPositional: 5)
            try refuseSharding(slots[5], "dot_general")
            let lhs = try operand(interp, slots[0], "dot_general"), rhs = try operand(interp, slots[1], "dot_general", position: 1)
            let parts = try interp.collect(slots[2] ?? .none)
            guard parts.count == 2 else { throw PyException.valueError("not enough values to unpack (expected 2, got \(parts.count))") }
            let contracting = try pair(interp, parts[0]), batch = try pair(interp, parts[1])
            return wrap(try JNP.laxDotGeneral(ctx, lhs, rhs, contracting: contracting, batch: batch, precision: try precision(interp, slots[3]),
                                              preferred: try interp.dtypeArgument(slots[4] ?? .none, semantics: .jax, in: "dot")))
        }
        m.define("dot") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("dot", ["lhs", "rhs", "dimension_numbers", "precision", "preferred_element_type", "out_sharding"],
                                      required: 2, maxPositional: 2)
            try refuseSharding(slots[5], "dot")
            let lhs = try operand(interp, slots[0], "dot"), rhs = try operand(interp, slots[1], "dot", position: 1)
            var contracting: ([Int], [Int]), batch: ([Int], [Int]) = ([], [])
            if let given = slots[2], !given.isNone {
                let parts = try interp.collect(given)
                guard parts.count == 2 else { throw PyException.valueError("not enough values to unpack (expected 2, got \(parts.count))") }
                contracting = try pair(interp, parts[0])
                batch = try pair(interp, parts[1])
            } else if (1...2).contains(lhs.rank) && (1...2).contains(rhs.rank) && lhs.shape[lhs.rank - 1] == rhs.shape[0] {
                contracting = ([lhs.rank - 1], [0])
            } else {
                throw PyException.valueError("jax.lax.dot: dimension_numbers must be specified when not performing simple un-batched matrix-matrix, matrix-vector, or vector-vector products; got lhs_shape=\(Shape.describe(lhs.shape)) rhs_shape=\(Shape.describe(rhs.shape))")
            }
            return wrap(try JNP.laxDotGeneral(ctx, lhs, rhs, contracting: contracting, batch: batch, precision: try precision(interp, slots[3]),
                                              preferred: try interp.dtypeArgument(slots[4] ?? .none, semantics: .jax, in: "dot")))
        }
        m.define("batch_matmul") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("batch_matmul", ["lhs", "rhs", "precision"], required: 2)
            let lhs = try operand(interp, slots[0], "batch_matmul"), rhs = try operand(interp, slots[1], "batch_matmul", position: 1)
            if Swift.min(lhs.rank, rhs.rank) < 2 { throw PyException.valueError("Arguments to batch_matmul must be at least 2D, got \(lhs.rank), \(rhs.rank)") }
            if lhs.rank != rhs.rank { throw PyException.valueError("Arguments to batch_matmul must have same ndim, got \(lhs.rank), \(rhs.rank)") }
            let r = lhs.rank, batchDims = Array(0..<(r - 2))
            return wrap(try JNP.laxDotGeneral(ctx, lhs, rhs, contracting: ([r - 1], [r - 2]), batch: (batchDims, batchDims),
                                              precision: try precision(interp, slots[2]), preferred: nil))
        }
    }

    /// One side pair of dimension numbers: `((1,), (0,))`.
    private static func pair(_ interp: Interpreter, _ v: PyValue) throws(PyException) -> ([Int], [Int]) {
        let sides = try interp.collect(v)
        guard sides.count == 2 else { throw PyException.valueError("not enough values to unpack (expected 2, got \(sides.count))") }
        func dims(_ v: PyValue) throws(PyException) -> [Int] {
            if case .int(let i) = v { return [i] }
            return try ints(interp, v)
        }
        return (try dims(sides[0]), try dims(sides[1]))
    }

    /// `precision=`: None, a name JAX accepts, a `lax.Precision` member, or a pair of them;
    /// the result is the pair of member names.
    static func precision(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> (String, String)? {
        guard let v, !v.isNone else { return nil }
        func member(_ v: PyValue) -> String? {
            if case .object(let p as LaxEnumMember) = v, p.kind == .precision { return p.name }
            guard case .str(let text) = v else { return nil }
            return LaxEnumMember.precision(named: text)
        }
        if let one = member(v) { return (one, one) }
        if case .tuple(let items) = v, items.count == 2, let a = member(items[0]), let b = member(items[1]) { return (a, b) }
        throw PyException.valueError("""
            Precision argument must be one of:
            - None,
            - a string in ['highest', 'float32', 'high', 'bfloat16_3x', 'tensorfloat32', 'default', 'bfloat16', 'fastest', None],
            - a lax.Precision value,
            - a tuple of two lax.Precision values or strings,
            - a lax.DotAlgorithmPreset or the name of one of these presets, or
            - a lax.DotAlgorithm value;
            but got \(try interp.str(v)).
            """)
    }
}
