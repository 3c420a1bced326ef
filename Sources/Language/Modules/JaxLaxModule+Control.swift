import JaxCore

/// `jax.lax`'s control flow: `cond`, `switch`, `select`, `while_loop`, `fori_loop`, `scan` and
/// `map`, their Python functions traced to jaxprs through `ControlFlow`.
extension JaxLaxModule {
    static func installControlFlow(_ m: PyModule) {
        m.define("cond") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard args.positional.count >= 3 else {
                throw PyException.typeError("cond() missing \(3 - args.positional.count) required positional argument\(args.positional.count == 2 ? "" : "s")")
            }
            let pred = args.positional[0], trueFun = args.positional[1], falseFun = args.positional[2]
            let operands = try operandList(interp, Array(args.positional.dropFirst(3)), args, "cond")
            guard isCallable(trueFun), isCallable(falseFun) else {
                throw PyException.typeError("lax.cond: true_fun and false_fun arguments should be callable.")
            }
            let (value, text) = try predicate(interp, pred)
            let out = try ControlFlow.cond(interp.context, pred: value, predText: text, trueFun: function(interp, trueFun),
                                           falseFun: function(interp, falseFun), operands: try trees(interp, operands))
            return try interp.fromTree(out)
        }
        m.define("switch") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            guard args.positional.count >= 2 else { throw PyException.typeError("switch() missing required positional arguments: 'index' and 'branches'") }
            let operands = try operandList(interp, Array(args.positional.dropFirst(2)), args, "switch")
            var branches: [ControlFlow.Function] = []
            for branch in try interp.collect(args.positional[1]) {
                guard isCallable(branch) else { throw PyException.typeError("lax.switch: branches argument should be a sequence of callables.") }
                branches.append(function(interp, branch))
            }
            let index = args.positional[0]
            guard let value = try interp.jaxOperand(index) else { throw PyException.typeError("Index type must be an integer, got \(try interp.str(index)).") }
            let out = try ControlFlow.switchBranches(interp.context, index: value, indexText: try interp.str(index), branches: branches,
                                                     operands: try trees(interp, operands))
            return try interp.fromTree(out)
        }
        m.define("select") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("select", ["pred", "on_true", "on_false"], required: 3)
            var values: [JaxValue] = []
            for (i, v) in slots.enumerated() {
                guard let x = try interp.jaxOperand(v ?? .none) else {
                    throw PyException.typeError("Error interpreting argument to select_n as a JAX value. The problematic value is of type \(interp.pythonTypeName(v ?? .none)) and was passed to select_n at position \(i == 0 ? 0 : 3 - i).")
                }
                values.append(x)
            }
            return .object(JaxArrayObject(try ControlFlow.select(interp.context, values[0], values[1], values[2])))
        }
        m.define("while_loop") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("while_loop", ["cond_fun", "body_fun", "init_val"], required: 3)
            let cond = slots[0] ?? .none, body = slots[1] ?? .none
            guard isCallable(cond), isCallable(body) else {
                throw PyException.typeError("lax.while_loop: body_fun and cond_fun arguments should be callable.")
            }
            let out = try ControlFlow.whileLoop(interp.context, cond: function(interp, cond), body: function(interp, body),
                                                initial: try interp.toTree(slots[2] ?? .none), carryName: firstParameter(body))
            return try interp.fromTree(out)
        }
        m.define("fori_loop") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("fori_loop", ["lower", "upper", "body_fun", "init_val", "unroll"], required: 4, maxPositional: 4)
            let body = slots[2] ?? .none
            guard isCallable(body) else { throw PyException.typeError("lax.fori_loop: body_fun argument should be callable.") }
            var bounds: [JaxValue] = []
            for v in [slots[0] ?? .none, slots[1] ?? .none] {
                guard let x = try interp.jaxOperand(v) else { throw PyException.typeError("fori_loop bounds must be integers, got \(try interp.repr(v))") }
                bounds.append(x)
            }
            let out = try ControlFlow.foriLoop(interp.context, lower: bounds[0], upper: bounds[1], body: function(interp, body),
                                               initial: try interp.toTree(slots[3] ?? .none), unroll: try unrollArgument(interp, slots[4]),
                                               carryName: nil)
            return try interp.fromTree(out)
        }
        m.define("scan") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("scan", ["f", "init", "xs", "length", "reverse", "unroll", "_split_transpose"], required: 2)
            let f = slots[0] ?? .none
            guard isCallable(f) else { throw PyException.typeError("scan: f argument should be callable.") }
            let length = try slots[3].flatMap { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) }
            let (carry, ys) = try ControlFlow.scan(interp.context, body: function(interp, f), initial: try interp.toTree(slots[1] ?? .none),
                                                   xs: try interp.toTree(slots[2] ?? .none), length: length,
                                                   reverse: try interp.truth(slots[4] ?? .bool(false)),
                                                   unroll: try unrollArgument(interp, slots[5]) ?? 1, carryName: firstParameter(f))
            return .tuple([try interp.fromTree(carry), try interp.fromTree(ys)])
        }
        m.define("map") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("map", ["f", "xs", "batch_size"], required: 2, maxPositional: 2)
            if let batch = slots[2], !batch.isNone {
                throw PyException.notImplemented("jaxlab's lax.map does not take batch_size yet")
            }
            return try interp.fromTree(try ControlFlow.map(interp.context, function(interp, slots[0] ?? .none), try interp.toTree(slots[1] ?? .none)))
        }
    }

    /// The operands: positional ones, or the one `operand=` keyword (the older convention).
    private static func operandList(_ interp: Interpreter, _ positional: [PyValue], _ args: Arguments,
                                    _ name: String) throws(PyException) -> [PyValue] {
        for (k, _) in args.keywords where k != "operand" {
            throw PyException.typeError("\(name)() got an unexpected keyword argument '\(k)'")
        }
        guard let operand = args.keyword("operand") else { return positional }
        guard positional.isEmpty else {
            throw PyException.typeError("if 'operand' keyword is passed then no positional operands can be passed, got operand=\(try interp.repr(operand)) and positional operands \(try interp.repr(.tuple(positional)))")
        }
        return [operand]
    }

    private static func trees(_ interp: Interpreter, _ values: [PyValue]) throws(PyException) -> [PyTree] {
        var out: [PyTree] = []
        for v in values { out.append(try interp.toTree(v)) }
        return out
    }

    private static func isCallable(_ v: PyValue) -> Bool {
        if case .object(let o) = v { return o.isCallable }
        return false
    }

    /// A Python function as control flow calls it, with JAX's `fun_sourceinfo` name.
    static func function(_ interp: Interpreter, _ f: PyValue) -> ControlFlow.Function {
        let source = JaxModule.debugInfo(f, tracedFor: "jit")?.functionSource ?? JaxModule.functionName(f)
        return ControlFlow.Function(interp.jaxFunction(f), source: source)
    }

    /// The first parameter's name (the carry's, in errors about it).
    private static func firstParameter(_ f: PyValue) -> String? {
        guard case .object(let fn as PyFunction) = f else { return nil }
        return fn.code.parameters.first?.name
    }

    /// `unroll=`: an int, or a bool (True unrolls fully).
    private static func unrollArgument(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> Int? {
        guard let v, !v.isNone else { return nil }
        if case .bool(let b) = v { return b ? -1 : 1 }
        let n = try interp.index(v)
        if n < 0 { throw PyException.valueError("`unroll` must be a `bool` or a non-negative `int`.") }
        return n
    }

    /// `cond`'s predicate: a Python number is compared with 0 in Python (a bool), lists and
    /// None are refused as JAX refuses them.
    private static func predicate(_ interp: Interpreter, _ pred: PyValue) throws(PyException) -> (JaxValue, String) {
        switch pred {
        case .none: throw PyException.typeError("cond predicate is None")
        case .list, .tuple:
            throw PyException.typeError("Pred must be a scalar, got \(try interp.str(pred)) of type \(interp.pythonTypeName(pred))")
        case .int, .float, .bigInt:
            return (.array(JaxArray.scalar(.bool(try interp.truth(pred)), dtype: .bool, weak: true)), try interp.str(pred))
        default:
            guard let value = try interp.jaxOperand(pred) else {
                throw PyException.typeError("Pred type must be either boolean or number, got \(try interp.str(pred)).")
            }
            return (value, try interp.str(pred))
        }
    }
}
