/// `lax.while_loop`, `lax.fori_loop`, `lax.scan` and `lax.map` over pytrees, as JAX's
/// `loops.py` builds them: bodies traced once on the carry's types (Python scalars in the
/// initial carry promoted when the body changes their type), carries the body passes through
/// unchanged moved to the constants, and one `while` or `scan` equation.
extension ControlFlow {
    /// `lax.while_loop(cond_fun, body_fun, init_val)`.
    public static func whileLoop(_ ctx: JaxContext, cond: Function, body: Function, initial: PyTree,
                                 carryName: String?) throws(PyException) -> PyTree {
        var initTree = initial
        var (condTraced, bodyTraced) = try traceWhile(ctx, cond, body, initTree)
        try checkCarry("while_loop body", carryName, initTree, bodyTraced.outTree)
        let (promoted, changed) = try promoteWeak(ctx, initTree, bodyTraced.outTree)
        if changed {
            initTree = promoted
            (condTraced, bodyTraced) = try traceWhile(ctx, cond, body, initTree)
        }
        try checkCarry("while_loop body", carryName, initTree, bodyTraced.outTree)
        var initVals = initTree.leaves
        let nb = bodyTraced.consts.count, nc = condTraced.consts.count
        var bodyJaxpr = bodyTraced.jaxpr, condJaxpr = condTraced.jaxpr
        var bodyConsts = bodyTraced.consts
        // a carry the body passes through and the cond does not read becomes a body constant
        let forwards = inputForwarding(bodyJaxpr)
        let condUses = usedInputs(condJaxpr.jaxpr)
        let moved = initVals.indices.map { i in forwards[i] == nb + i && !condUses[nc + i] }
        if moved.contains(true) {
            let cj = condJaxpr.jaxpr
            condJaxpr = ClosedJaxpr(jaxpr: Jaxpr(constvars: [], invars: Array(cj.invars.prefix(nc)) + zip(cj.invars.dropFirst(nc), moved).filter { !$0.1 }.map(\.0),
                                                 eqns: cj.eqns, outvars: cj.outvars), consts: [])
            let bj = bodyJaxpr.jaxpr
            let carryVars = Array(bj.invars.dropFirst(nb))
            bodyJaxpr = ClosedJaxpr(jaxpr: Jaxpr(constvars: [],
                                                 invars: zip(carryVars, moved).filter(\.1).map(\.0) + bj.invars.prefix(nb) + zip(carryVars, moved).filter { !$0.1 }.map(\.0),
                                                 eqns: bj.eqns, outvars: zip(bj.outvars, moved).filter { !$0.1 }.map(\.0)), consts: [])
            bodyConsts = zip(initVals, moved).filter(\.1).map(\.0) + bodyConsts
            initVals = zip(initVals, moved).filter { !$0.1 }.map(\.0)
        }
        let outs = try Tracing.bind(ctx, .whileLoop, condTraced.consts + bodyConsts + initVals,
                                    WhileRules.params(cond: condJaxpr, condConsts: nc, body: bodyJaxpr, bodyConsts: bodyConsts.count))
        var remaining = outs.makeIterator()
        var results: [JaxValue] = []
        for (i, m) in moved.enumerated() {
            if m { results.append(initTree.leaves[i]) } else if let next = remaining.next() { results.append(next) }
        }
        return try bodyTraced.outTree.replacingLeaves(results)
    }

    private static func traceWhile(_ ctx: JaxContext, _ cond: Function, _ body: Function,
                                   _ initial: PyTree) throws(PyException) -> (Traced, Traced) {
        let condTraced = try trace(ctx, cond.body, [initial])
        let bodyTraced = try trace(ctx, body.body, [initial])
        guard case .leaf(let pred) = condTraced.outTree else {
            throw PyException.typeError("cond_fun must return a boolean scalar, but got pytree PyTreeDef(\(condTraced.outTree.structure)).")
        }
        guard pred.dtype == .bool, pred.shape.isEmpty else {
            throw PyException.typeError("cond_fun must return a boolean scalar, but got output type(s) [ShapedArray(\(pred.aval.with(weakType: false))\(pred.weakType ? ", weak_type=True" : ""))].")
        }
        return (condTraced, bodyTraced)
    }

    /// Which inputs a jaxpr's outputs depend on (`dce_jaxpr`'s used inputs).
    static func usedInputs(_ jaxpr: Jaxpr) -> [Bool] {
        var live = Set(jaxpr.outvars.compactMap(\.variable))
        for eqn in jaxpr.eqns.reversed() where eqn.hasEffects || eqn.outvars.contains(where: live.contains) {
            for atom in eqn.inputs { if let v = atom.variable { live.insert(v) } }
        }
        return jaxpr.invars.map(live.contains)
    }

    /// `_promote_weak_typed_input`: an initial carry leaf that is weak (a Python scalar) and
    /// whose type the body changes is converted to the promoted type.
    static func promoteWeak(_ ctx: JaxContext, _ initial: PyTree, _ out: PyTree) throws(PyException) -> (PyTree, Bool) {
        let ins = initial.leaves, outs = out.leaves
        guard ins.count == outs.count else { return (initial, false) }
        var changed = false
        var promoted: [JaxValue] = []
        for (x, y) in zip(ins, outs) {
            if x.weakType && !typeMatch(x.aval, y.aval) {
                let dtype = Promotion.jax([(x.dtype, true), (y.dtype, y.weakType)], enableX64: ctx.enableX64).dtype
                promoted.append(try Lax.convert(ctx, x, to: dtype, weak: false))
                changed = true
            } else {
                promoted.append(x)
            }
        }
        return (try initial.replacingLeaves(promoted), changed)
    }

    /// `_check_carry_type`: the carry keeps its tree and types.
    static func checkCarry(_ name: String, _ carryName: String?, _ input: PyTree, _ output: PyTree) throws(PyException) {
        let component = { (path: String) -> String in
            if let carryName { return path.isEmpty ? "the input carry \(carryName)" : "the input carry component \(carryName)\(path)" }
            return path.isEmpty ? "the input carry" : "the input carry at path \(path)"
        }
        if !input.sameStructure(output) {
            let diffs = TreeDifferences.find(input, output, leaf: "<class 'jax._src.core.ShapedArray'>").map { d in
                "\(component(d.path)) is a \(d.first) but the corresponding component of the carry output is a \(d.second), so \(d.explanation)"
            }
            let differences = diffs.isEmpty
                ? "the input tree structure is:\nPyTreeDef(\(input.structure))\nthe output tree structure is:\nPyTreeDef(\(output.structure))\n"
                : diffs.count == 1 ? (diffs[0].prefix(1).uppercased() + diffs[0].dropFirst() + ".\n")
                : diffs.dropLast().map { "  * \($0);\n" }.joined(separator: "\n") + "  * \(diffs.last ?? "").\n"
            throw PyException.typeError("\(name) function carry input and carry output must have the same pytree structure, but they differ:\n\n"
                + differences + "\nRevise the function so that the carry output has the same pytree structure as the carry input.")
        }
        var diffs: [String] = []
        for ((path, x), y) in zip(zip(input.leafPaths, input.leaves), output.leaves) where !typeMatch(x.aval, y.aval) {
            diffs.append("\(component(path)) has type \(x.aval.with(weakType: false)) but the corresponding output carry component has type \(y.aval.with(weakType: false))\(mismatchExtra(x.aval, y.aval))")
        }
        guard !diffs.isEmpty else { return }
        let differences = diffs.count == 1 ? (diffs[0].prefix(1).uppercased() + diffs[0].dropFirst() + ".\n")
            : diffs.dropLast().map { "  * \($0);\n" }.joined(separator: "\n") + "  * \(diffs.last ?? "").\n"
        throw PyException.typeError("\(name) function carry input and carry output must have equal types, but they differ:\n\n"
            + differences + "\nRevise the function so that all output types match the corresponding input types.")
    }

    /// `lax.fori_loop(lower, upper, body_fun, init_val)`: a scan when both bounds are known
    /// (so reverse mode works), a while loop otherwise.
    public static func foriLoop(_ ctx: JaxContext, lower: JaxValue, upper: JaxValue, body: Function, initial: PyTree,
                                unroll: Int?, carryName: String?) throws(PyException) -> PyTree {
        var dtype = lower.dtype
        if lower.dtype != upper.dtype {
            if lower.dtype.kind == .signedInteger && upper.dtype.kind == .signedInteger && lower.weakType != upper.weakType {
                dtype = lower.weakType ? upper.dtype : lower.dtype
            } else {
                throw PyException.typeError("lower and upper arguments to fori_loop must have equal types, got \(lower.dtype.name) and \(upper.dtype.name)")
            }
        }
        if let lo = Concrete.known(lower), let hi = Concrete.known(upper), lo.count == 1, hi.count == 1 {
            let start = lo.storage.int64(at: 0), stop = hi.storage.int64(at: 0)
            let length = Int(Swift.max(stop &- start, 0))
            let index = JaxValue.array(JaxArray.scalar(.int(start), dtype: ctx.defaultInt, weak: true))
            let step = Function({ ctx, args throws(PyException) -> PyTree in
                guard case .tuple(let pair) = args[0], pair.count == 2, case .leaf(let i) = pair[0] else {
                    throw PyException("RuntimeError", "fori_loop carry lost its shape")
                }
                let next = try JNP.add(ctx, i, .array(JaxArray.scalar(.int(1), dtype: ctx.defaultInt, weak: true)))
                return .tuple([.tuple([.leaf(next), try body.body(ctx, [.leaf(i), pair[1]])]), .none])
            }, source: body.source)
            let (carry, _) = try scan(ctx, body: step, initial: .tuple([.leaf(index), initial]), xs: .none, length: length,
                                      reverse: false, unroll: unroll ?? 1, carryName: carryName)
            guard case .tuple(let pair) = carry, pair.count == 2 else { throw PyException("RuntimeError", "fori_loop carry lost its shape") }
            return pair[1]
        }
        if let unroll, unroll != 1 {
            throw PyException.valueError("Can only use `unroll` in `fori_loop` if the loop bounds are statically known.")
        }
        let lowerValue = try Lax.convert(ctx, lower, dtype), upperValue = try Lax.convert(ctx, upper, dtype)
        let cond = Function({ ctx, args throws(PyException) -> PyTree in
            guard case .tuple(let triple) = args[0], triple.count == 3, case .leaf(let i) = triple[0], case .leaf(let n) = triple[1] else {
                throw PyException("RuntimeError", "fori_loop carry lost its shape")
            }
            return .leaf(try Lax.compare(ctx, .lt, i, n))
        }, source: "_fori_cond_fun")
        let step = Function({ ctx, args throws(PyException) -> PyTree in
            guard case .tuple(let triple) = args[0], triple.count == 3, case .leaf(let i) = triple[0] else {
                throw PyException("RuntimeError", "fori_loop carry lost its shape")
            }
            let next = try Lax.add(ctx, i, Lax.const(i, 1))
            return .tuple([.leaf(next), triple[1], try body.body(ctx, [.leaf(i), triple[2]])])
        }, source: body.source)
        let out = try whileLoop(ctx, cond: cond, body: step, initial: .tuple([.leaf(lowerValue), .leaf(upperValue), initial]), carryName: carryName)
        guard case .tuple(let triple) = out, triple.count == 3 else { throw PyException("RuntimeError", "fori_loop carry lost its shape") }
        return triple[2]
    }

    /// `lax.scan(f, init, xs, length, reverse, unroll)`: the final carry and the stacked ys.
    public static func scan(_ ctx: JaxContext, body: Function, initial: PyTree, xs: PyTree, length: Int?, reverse: Bool,
                            unroll: Int, carryName: String?) throws(PyException) -> (PyTree, PyTree) {
        let xsLeaves = xs.leaves
        let n = try scanLength(xsLeaves, length)
        let sliced = try xs.replacingLeaves(xsLeaves.map { $0.aval.with(shape: Array($0.shape.dropFirst())) })
        var initTree = initial
        var traced = try traceScanBody(ctx, body, initTree, sliced)
        var (carryOut, ysOut) = try splitPair(traced.outTree)
        if carryOut.leafCount != initTree.leafCount { try checkCarry("scan body", carryName, initTree, carryOut) }
        let (promoted, changed) = try promoteWeak(ctx, initTree, carryOut)
        if changed {
            initTree = promoted
            traced = try traceScanBody(ctx, body, initTree, sliced)
            (carryOut, ysOut) = try splitPair(traced.outTree)
        }
        try checkCarry("scan body", carryName, initTree, carryOut)
        var consts = traced.consts
        var initVals = initTree.leaves
        var jaxpr = traced.jaxpr
        let nc = consts.count, ncarry = initVals.count, nys = ysOut.leafCount
        // carries the body passes through become constants
        let forwards = inputForwarding(jaxpr)
        let moved = (0..<ncarry).map { forwards[$0] == nc + $0 }
        if moved.contains(true) {
            let j = jaxpr.jaxpr
            let carryVars = Array(j.invars[nc..<(nc + ncarry)])
            jaxpr = ClosedJaxpr(jaxpr: Jaxpr(constvars: [], invars: zip(carryVars, moved).filter(\.1).map(\.0) + j.invars.prefix(nc)
                                                 + zip(carryVars, moved).filter { !$0.1 }.map(\.0) + j.invars.dropFirst(nc + ncarry),
                                             eqns: j.eqns, outvars: zip(j.outvars.prefix(ncarry), moved).filter { !$0.1 }.map(\.0) + j.outvars.dropFirst(ncarry)),
                                consts: [])
            consts = zip(initVals, moved).filter(\.1).map(\.0) + consts
            initVals = zip(initVals, moved).filter { !$0.1 }.map(\.0)
        }
        // ys that are xs passed through are returned as those xs
        let ysForward: [Int?] = jaxpr.jaxpr.outvars.dropFirst(initVals.count).map { atom in
            guard let v = atom.variable, let i = jaxpr.jaxpr.invars.firstIndex(of: v), i >= consts.count + initVals.count else { return nil }
            return i - consts.count - initVals.count
        }
        if ysForward.contains(where: { $0 != nil }) {
            let j = jaxpr.jaxpr
            jaxpr = ClosedJaxpr(jaxpr: Jaxpr(constvars: [], invars: j.invars, eqns: j.eqns,
                                             outvars: Array(j.outvars.prefix(initVals.count)) + zip(j.outvars.dropFirst(initVals.count), ysForward).filter { $0.1 == nil }.map(\.0)),
                                consts: [])
        }
        // unroll=True (-1 here) unrolls the whole loop
        let outs = try Tracing.bind(ctx, .scan, consts + initVals + xsLeaves,
                                    ScanRules.params(jaxpr, length: n, consts: consts.count, carry: initVals.count, reverse: reverse,
                                                     unroll: unroll < 0 ? Swift.max(n, 1) : unroll))
        var carryIter = outs.prefix(initVals.count).makeIterator(), ysIter = outs.dropFirst(initVals.count).makeIterator()
        var carryResults: [JaxValue] = []
        for (i, m) in moved.enumerated() {
            if m { carryResults.append(initTree.leaves[i]) } else if let next = carryIter.next() { carryResults.append(next) }
        }
        var ysResults: [JaxValue] = []
        for f in ysForward {
            if let f { ysResults.append(xsLeaves[f]) } else if let next = ysIter.next() { ysResults.append(next) }
        }
        _ = nys
        return (try carryOut.replacingLeaves(carryResults), try ysOut.replacingLeaves(ysResults))
    }

    private static func traceScanBody(_ ctx: JaxContext, _ body: Function, _ carry: PyTree, _ slices: Tree<ShapedArray>) throws(PyException) -> Traced {
        try trace(ctx, body.body, [try carry.mapLeaves { (v: JaxValue) throws(PyException) -> ShapedArray in v.aval }, slices])
    }

    private static func splitPair(_ tree: PyTree) throws(PyException) -> (PyTree, PyTree) {
        switch tree {
        case .tuple(let items) where items.count == 2: return (items[0], items[1])
        case .list(let items) where items.count == 2: return (items[0], items[1])
        default: throw PyException.typeError("scan body output must be a pair, got \(describeTypes(tree)).")
        }
    }

    /// A tree of traced values as JAX prints a tree of their types (`float32[]`, `(float32[3],)`).
    static func describeTypes(_ tree: PyTree) -> String {
        switch tree {
        case .leaf(let v): return v.aval.with(weakType: false).description
        case .none: return "None"
        case .tuple(let items): return ParamValue.tuple(items.map(describeTypes))
        case .list(let items): return "[" + items.map(describeTypes).joined(separator: ", ") + "]"
        case .dict(let pairs): return "{" + pairs.map { "\(PyTreeNode.quoted($0.0)): \(describeTypes($0.1))" }.joined(separator: ", ") + "}"
        case .node(let node, let items): return node.render(items.map(describeTypes))
        }
    }

    /// `_infer_scan_length`: `length`, or the common leading size of the xs.
    static func scanLength(_ xs: [JaxValue], _ length: Int?) throws(PyException) -> Int {
        for x in xs where x.rank == 0 {
            throw PyException.valueError("scan got value with no leading axis to scan over: \(Transforms.describe(x)).")
        }
        let lengths = xs.map { $0.shape[0] }
        if let length {
            guard lengths.allSatisfy({ $0 == length }) else {
                throw PyException.valueError("scan got `length` argument of \(length) which disagrees with leading axis sizes [\(lengths.map(String.init).joined(separator: ", "))].")
            }
            return length
        }
        guard let first = lengths.first else {
            throw PyException.valueError("scan got no values to scan over and `length` not provided.")
        }
        guard lengths.allSatisfy({ $0 == first }) else {
            throw PyException.valueError("scan got values with different leading axis sizes: \(lengths.map(String.init).joined(separator: ", ")).")
        }
        return first
    }

    /// `lax.map(f, xs, batch_size=None)`: a scan with no carry.
    public static func map(_ ctx: JaxContext, _ f: Function, _ xs: PyTree) throws(PyException) -> PyTree {
        let body = Function({ ctx, args throws(PyException) -> PyTree in .tuple([.tuple([]), try f.body(ctx, [args[1]])]) }, source: f.source)
        return try scan(ctx, body: body, initial: .tuple([]), xs: xs, length: nil, reverse: false, unroll: 1, carryName: nil).1
    }
}
