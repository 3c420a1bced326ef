/// `lax.cond`, `lax.switch` and `lax.select` over pytrees: each branch is traced to a jaxpr
/// (the values it closes over become leading operands shared by all branches) and one `cond`
/// equation runs the one the index picks, as JAX's `conditionals.py` builds it.
public enum ControlFlow {
    /// A Python function given to a control-flow operation, with what JAX's errors call it
    /// (`<lambda> at cell:3`).
    public struct Function {
        public let body: JaxFunction
        public let source: String

        public init(_ body: @escaping JaxFunction, source: String) {
            self.body = body
            self.source = source
        }
    }

    /// A function traced on abstract arguments: its jaxpr (closed-over values as leading
    /// inputs), those values, and the tree its result had.
    struct Traced {
        var jaxpr: ClosedJaxpr
        var consts: [JaxValue]
        var outTree: PyTree
    }

    static func trace(_ ctx: JaxContext, _ f: JaxFunction, _ args: [PyTree]) throws(PyException) -> Traced {
        var avals: [Tree<ShapedArray>] = []
        for arg in args { avals.append(try arg.mapLeaves { (v: JaxValue) throws(PyException) -> ShapedArray in v.aval }) }
        return try trace(ctx, f, avals)
    }

    /// `f` traced on arguments of these types (trees of abstract values).
    static func trace(_ ctx: JaxContext, _ f: JaxFunction, _ args: [Tree<ShapedArray>]) throws(PyException) -> Traced {
        var outTree: PyTree = .none
        let (jaxpr, consts) = try JaxprTransforms.open(ctx, args.flatMap(\.leaves)) { ins throws(PyException) -> [JaxValue] in
            var rebuilt: [PyTree] = []
            var offset = 0
            for arg in args {
                let n = arg.leafCount
                rebuilt.append(try arg.replacingLeaves(Array(ins[offset..<(offset + n)])))
                offset += n
            }
            outTree = try f(ctx, rebuilt)
            return outTree.leaves
        }
        return Traced(jaxpr: jaxpr, consts: consts, outTree: outTree)
    }

    /// `lax.cond(pred, true_fun, false_fun, *operands)`.
    public static func cond(_ ctx: JaxContext, pred: JaxValue, predText: String, trueFun: Function, falseFun: Function,
                            operands: [PyTree]) throws(PyException) -> PyTree {
        guard pred.rank == 0 else {
            throw PyException.typeError("Pred must be a scalar, got \(predText) of shape \(Shape.describe(pred.shape)).")
        }
        var predicate = pred
        if pred.dtype != .bool {
            guard pred.dtype.isInteger || pred.dtype.isFloating else {
                throw PyException.typeError("Pred type must be either boolean or number, got \(pred.dtype.name).")
            }
            predicate = try JNP.notEqual(ctx, pred, .array(JaxArray.scalar(.int(0), dtype: ctx.defaultInt, weak: true)))
        }
        let index = try Lax.convert(ctx, predicate, to: .int32, weak: false)
        let traced = [try trace(ctx, trueFun.body, operands), try trace(ctx, falseFun.body, operands)]
        try checkBranchOutputs("cond", ("true_fun", trueFun.source), ("false_fun", falseFun.source), traced[0].outTree, traced[1].outTree)
        return try bindBranches(ctx, index, traced, order: [1, 0], operands: operands)
    }

    /// `lax.switch(index, branches, *operands)`: the index clamped into range.
    public static func switchBranches(_ ctx: JaxContext, index: JaxValue, indexText: String, branches: [Function],
                                      operands: [PyTree]) throws(PyException) -> PyTree {
        guard index.rank == 0 else {
            throw PyException.typeError("Branch index must be scalar, got \(indexText) of shape \(Shape.describe(index.shape)).")
        }
        guard index.dtype.isInteger else { throw PyException.typeError("Index type must be an integer, got \(indexText) as \(index.dtype.name)") }
        guard let first = branches.first else { throw PyException.valueError("Empty branch sequence") }
        if branches.count == 1 { return try first.body(ctx, operands) }
        let converted = try Lax.convert(ctx, index, to: .int32, weak: false)
        let clamped = try Tracing.bind1(ctx, .clamp, [.array(JaxArray.scalar(.int(0), dtype: .int32)), converted,
                                                     .array(JaxArray.scalar(.int(Int64(branches.count - 1)), dtype: .int32))])
        var traced: [Traced] = []
        for branch in branches { traced.append(try trace(ctx, branch.body, operands)) }
        for i in 1..<branches.count {
            try checkBranchOutputs("switch", ("branch 0", first.source), ("branch\(i)", branches[i].source), traced[0].outTree, traced[i].outTree)
        }
        return try bindBranches(ctx, clamped, traced, order: Array(branches.indices), operands: operands)
    }

    /// One `cond` over branches traced in merge order (their consts joined in that order,
    /// each once), laid out in `order`; outputs every branch forwards from the same input
    /// are returned as that input instead.
    private static func bindBranches(_ ctx: JaxContext, _ index: JaxValue, _ traced: [Traced], order: [Int],
                                     operands: [PyTree]) throws(PyException) -> PyTree {
        // each value closed over once, in merge order; mapping[i][k]: where branch i's k-th is
        var consts: [JaxValue] = [], keys: [String?] = [], mapping: [[Int]] = []
        for t in traced {
            var m: [Int] = []
            for c in t.consts {
                if let key = c.identityKey, let g = keys.firstIndex(of: key) {
                    m.append(g)
                } else {
                    consts.append(c)
                    keys.append(c.identityKey)
                    m.append(consts.count - 1)
                }
            }
            mapping.append(m)
        }
        var branches: [ClosedJaxpr] = []
        for i in order {
            let t = traced[i]
            let j = t.jaxpr.jaxpr
            var invars: [Var] = []
            for (g, c) in consts.enumerated() {
                if let k = mapping[i].firstIndex(of: g) { invars.append(j.invars[k]) } else { invars.append(Var(c.aval)) }
            }
            branches.append(ClosedJaxpr(jaxpr: Jaxpr(constvars: [], invars: invars + j.invars.dropFirst(t.consts.count), eqns: j.eqns,
                                                     outvars: j.outvars), consts: []))
        }
        // prune outputs every branch forwards from one input
        let forwards = branches.map(inputForwarding)
        let count = branches.first?.jaxpr.outvars.count ?? 0
        let forwarded: [Int?] = (0..<count).map { k in
            let first = forwards[0][k]
            return forwards.allSatisfy({ $0[k] == first }) ? first : nil
        }
        if forwarded.contains(where: { $0 != nil }) {
            branches = branches.map { b in
                ClosedJaxpr(jaxpr: Jaxpr(constvars: [], invars: b.jaxpr.invars, eqns: b.jaxpr.eqns,
                                         outvars: zip(b.jaxpr.outvars, forwarded).filter { $0.1 == nil }.map(\.0)), consts: [])
            }
        }
        let inputs = consts + operands.flatMap(\.leaves)
        var outs = try Tracing.bind(ctx, .cond, [index] + inputs, CondRules.params(branches)).makeIterator()
        var results: [JaxValue] = []
        for f in forwarded {
            if let f { results.append(inputs[f]) } else if let next = outs.next() { results.append(next) }
        }
        return try traced[order[0]].outTree.replacingLeaves(results)
    }

    /// For each output of a jaxpr, the input it returns unchanged, if any (`_jaxpr_forwarding`).
    static func inputForwarding(_ closed: ClosedJaxpr) -> [Int?] {
        closed.jaxpr.outvars.map { atom in
            guard let v = atom.variable else { return nil }
            return closed.jaxpr.invars.firstIndex(of: v)
        }
    }

    /// `_check_branch_outputs`: branches must return one tree of the same types.
    static func checkBranchOutputs(_ api: String, _ a: (name: String, source: String), _ b: (name: String, source: String),
                                   _ out1: PyTree, _ out2: PyTree) throws(PyException) {
        let header = "\(a.name) is \(a.source)\n\(b.name) is \(b.source)\n\n"
        if !out1.sameStructure(out2) {
            let diffs = TreeDifferences.find(out1, out2).map { d in
                "\(a.name) output\(d.path.isEmpty ? "" : " at path \(d.path)") is a \(d.first) but \(b.name) output\(d.path.isEmpty ? "" : " at path \(d.path)") is a \(d.second), so \(d.explanation)"
            }
            guard !diffs.isEmpty else { return }
            throw PyException.typeError("\(api) branch outputs must have the same pytree structure, but they differ:\n\n" + header
                + listed(diffs, capitalized: false) + "\nRevise \(a.name) and/or \(b.name) so that they have the same pytree structure.")
        }
        let paths = out1.leafPaths
        var diffs: [String] = []
        for ((path, x), y) in zip(zip(paths, out1.leaves), out2.leaves) where !typeMatch(x.aval, y.aval) {
            diffs.append("the output of \(a.name)\(path.isEmpty ? "" : " at path \(path)") has type \(x.aval.with(weakType: false)) but the corresponding output of \(b.name) has type \(y.aval.with(weakType: false))\(mismatchExtra(x.aval, y.aval))")
        }
        guard !diffs.isEmpty else { return }
        throw PyException.typeError("\(api) branches must have equal output types but they differ.\n\n" + header + listed(diffs)
            + "\nRevise \(a.name) and/or \(b.name) so that all output types match.")
    }

    /// One difference as a sentence (capitalized where JAX capitalizes it), several as a
    /// bulleted list.
    static func listed(_ diffs: [String], capitalized: Bool = true) -> String {
        if diffs.count == 1, let only = diffs.first { return (capitalized ? only.prefix(1).uppercased() + only.dropFirst() : only) + ".\n" }
        return diffs.dropLast().map { "  * \($0);" }.joined(separator: "\n") + "\n  * \(diffs.last ?? "").\n"
    }

    /// `core.typematch`: same shape and dtype (weak types aside).
    static func typeMatch(_ a: ShapedArray, _ b: ShapedArray) -> Bool {
        a.shape == b.shape && a.dtype == b.dtype && a.isKey == b.isKey
    }

    /// `core.aval_mismatch_extra`: what about two types differs.
    static func mismatchExtra(_ a: ShapedArray, _ b: ShapedArray) -> String {
        var parts: [String] = []
        if a.dtype != b.dtype { parts.append("the dtypes do not match") }
        if a.shape != b.shape { parts.append("the shapes do not match") }
        switch parts.count {
        case 0: return ""
        case 1: return ", so " + parts[0]
        default: return ", so " + parts.dropLast().joined(separator: ", ") + ", and " + (parts.last ?? "")
        }
    }

    /// `lax.select(pred, on_true, on_false)`: lax's own checks, no promotion.
    public static func select(_ ctx: JaxContext, _ pred: JaxValue, _ onTrue: JaxValue, _ onFalse: JaxValue) throws(PyException) -> JaxValue {
        guard pred.dtype == .bool else {
            throw PyException.typeError("select_n `which` must be boolean or integer type")
        }
        guard onTrue.aval.shape == onFalse.aval.shape, onTrue.dtype == onFalse.dtype else {
            throw PyException.typeError("select cases must have the same shapes and dtypes, got [\(onFalse.aval.with(weakType: false).short), \(onTrue.aval.with(weakType: false).short)].")
        }
        guard pred.rank == 0 || pred.shape == onTrue.shape else {
            throw PyException.typeError("select `which` must be scalar or have the same shape as cases, got `which` shape \(Shape.describe(pred.shape)) but case shape \(Shape.describe(onTrue.shape)).")
        }
        return try Lax.select(ctx, pred, onFalse, onTrue)
    }
}

extension JaxValue {
    /// Identity of a value for sharing constants: the tracer object, or an array's buffer.
    var identityKey: String? {
        switch self {
        case .tracer(let t): return "t\(ObjectIdentifier(t).hashValue)"
        case .array(let a): return a.storage.bufferAddress.map { "a\($0)|\(a.shape)|\(a.dtype.name)|\(a.weakType)" }
        }
    }
}

/// Where two pytrees differ in structure, as `equality_errors` reports it.
enum TreeDifferences {
    struct Difference {
        let path: String
        let first: String
        let second: String
        let explanation: String
    }

    /// `leaf` names a leaf's type: JAX compares structures with stand-in leaves ("pytree
    /// leaf") or with the leaves' abstract values.
    static func find(_ a: PyTree, _ b: PyTree, path: String = "", leaf: String = "pytree leaf") -> [Difference] {
        switch (a, b) {
        case (.leaf, .leaf): return []
        default: break
        }
        let ta = typeText(a, leaf: leaf), tb = typeText(b, leaf: leaf)
        if ta != tb { return [Difference(path: path, first: ta, second: tb, explanation: "their Python types differ")] }
        switch (a, b) {
        case (.tuple(let x), .tuple(let y)), (.list(let x), .list(let y)):
            let name = { if case .tuple = a { return "tuple" } else { return "list" } }()
            if x.count != y.count {
                return [Difference(path: path, first: "\(name) of length \(x.count)", second: "\(name) of length \(y.count)",
                                   explanation: "the lengths do not match")]
            }
            return zip(x, y).enumerated().flatMap { i, p in find(p.0, p.1, path: path + "[\(i)]", leaf: leaf) }
        case (.dict(let x), .dict(let y)):
            if x.map(\.0) != y.map(\.0) {
                let keys = Set(x.map(\.0)).symmetricDifference(y.map(\.0)).sorted().map { PyTreeNode.quoted($0) }.joined(separator: " ")
                if x.count != y.count {
                    return [Difference(path: path, first: "\(ta) with \(x.count) child\(x.count > 1 ? "ren" : "")",
                                       second: "\(tb) with \(y.count) child\(y.count > 1 ? "ren" : "")",
                                       explanation: "the numbers of children do not match, with the symmetric difference of key sets: {\(keys)}")]
                }
                return [Difference(path: path, first: "\(ta) with pytree metadata \(ParamValue.tuple(x.map { PyTreeNode.quoted($0.0) }))",
                                   second: "\(tb) with pytree metadata \(ParamValue.tuple(y.map { PyTreeNode.quoted($0.0) }))",
                                   explanation: "the pytree node metadata does not match")]
            }
            return zip(x, y).flatMap { p, q in find(p.1, q.1, path: path + "[\(PyTreeNode.quoted(p.0))]", leaf: leaf) }
        default:
            let x = a.children, y = b.children
            if x.count != y.count {
                return [Difference(path: path, first: "\(ta) with \(x.count) child\(x.count > 1 ? "ren" : "")",
                                   second: "\(tb) with \(y.count) child\(y.count > 1 ? "ren" : "")",
                                   explanation: "the numbers of children do not match")]
            }
            return zip(x, y).enumerated().flatMap { i, p in find(p.0, p.1, path: path + "[\(i)]", leaf: leaf) }
        }
    }

    static func typeText(_ t: PyTree, leaf: String) -> String {
        switch t {
        case .leaf: return leaf
        case .none: return "<class 'NoneType'>"
        case .tuple: return "<class 'tuple'>"
        case .list: return "<class 'list'>"
        case .dict: return "<class 'dict'>"
        case .node(let node, _): return node.render([])
        }
    }
}
