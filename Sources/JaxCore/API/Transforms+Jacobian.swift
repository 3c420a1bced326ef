/// `jax.jacfwd`, `jax.jacrev` (`jax.jacobian`) and `jax.hessian`, as JAX builds them: a
/// JVP vmapped over the standard basis of the inputs (forward) or a VJP vmapped over the
/// standard basis of the outputs (reverse), each result unravelled into the tree of trees
/// (output structure outside, input structure inside).
extension Transforms {
    /// Which positional arguments a Jacobian is taken with respect to.
    static func dynamicArguments(_ args: [PyTree], _ argnums: Argnums) throws(PyException) -> [Int] {
        var nums: [Int] = []
        for n in argnums.list {
            let k = n < 0 ? n + args.count : n
            guard k >= 0 && k < args.count else {
                throw PyException.valueError("Positional argument indices, e.g. for `static_argnums`, must have value greater than or equal to -len(args) and less than len(args), but got value \(n) for len(args) == \(args.count).")
            }
            nums.append(k)
        }
        return nums
    }

    /// The arguments the Jacobian is with respect to, as one tree (a tuple for several).
    static func exampleTree(_ args: [PyTree], _ nums: [Int], _ argnums: Argnums) -> PyTree {
        if argnums.isSingle, let n = nums.first { return args[n] }
        return .tuple(nums.map { args[$0] })
    }

    /// `jax.jacfwd(fun, argnums, has_aux, holomorphic)`.
    public static func jacfwd(_ f: @escaping JaxFunction, argnums: Argnums = .single(0), hasAux: Bool = false,
                              holomorphic: Bool = false) -> JaxFunction {
        return { ctx, args throws(PyException) -> PyTree in
            let nums = try dynamicArguments(args, argnums)
            for leaf in nums.flatMap({ args[$0].leaves }) {
                if holomorphic {
                    guard leaf.dtype.isComplex else {
                        throw PyException.typeError("jacfwd with holomorphic=True requires inputs with complex dtype, but got \(leaf.dtype.name).")
                    }
                    continue
                }
                guard leaf.dtype.isFloating else {
                    throw PyException.typeError("jacfwd requires real-valued inputs (input dtype that is a sub-dtype of np.floating), but got \(leaf.dtype.name). For holomorphic differentiation, pass holomorphic=True. For differentiation of non-holomorphic functions involving complex inputs or integer inputs, use jax.jvp directly.")
                }
            }
            let example = exampleTree(args, nums, argnums)
            let basis = try standardBasis(ctx, example)
            // vmap of `(y, tangent) = jvp(f, args, basis)` with the basis batched on axis 0
            let pushforward: JaxFunction = { ctx, inner throws(PyException) -> PyTree in
                let parts = argnums.isSingle ? [inner[0]] : inner[0].children
                var flatTangents: [JaxValue?] = []
                for (i, arg) in args.enumerated() {
                    if let k = nums.firstIndex(of: i), k < parts.count {
                        flatTangents += parts[k].leaves.map { Optional($0) }
                    } else {
                        flatTangents += arg.leaves.map { _ in nil }
                    }
                }
                var outTree: PyTree = .none, auxTree: PyTree = .none
                let (outs, outTangents) = try Tracing.jvp(ctx, args.flatMap(\.leaves), flatTangents) { tracers throws(PyException) -> [JaxValue] in
                    var result = try f(ctx, try unflatten(args, tracers))
                    if hasAux { (result, auxTree) = try splitAux(result) }
                    outTree = result
                    return result.leaves + auxTree.leaves
                }
                let n = outTree.leafCount
                var tangents: [JaxValue] = []
                for (out, t) in zip(outs.prefix(n), outTangents.prefix(n)) {
                    if let t { tangents.append(t) } else { tangents.append(try Lax.zeros(ctx, out.aval.with(weakType: false))) }
                }
                let y = try outTree.replacingLeaves(Array(outs.prefix(n)))
                let jac = try outTree.replacingLeaves(tangents)
                if hasAux { return .tuple([y, jac, try auxTree.replacingLeaves(Array(outs.dropFirst(n)))]) }
                return .tuple([y, jac])
            }
            let outAxes: AxisSpec = hasAux ? .each([nil, -1, nil]) : .each([nil, -1])
            guard case .tuple(let results) = try vmap(pushforward, inAxes: .all(0), outAxes: outAxes)(ctx, [basis]) else {
                throw PyException("RuntimeError", "jacfwd lost its outputs")
            }
            let y = results[0], jac = results[1]
            for leaf in y.leaves where holomorphic && !leaf.dtype.isComplex {
                throw PyException.typeError("jacfwd with holomorphic=True requires outputs with complex dtype, but got \(leaf.dtype.name).")
            }
            var blocks: [PyTree] = []
            for (out, arr) in zip(y.leaves, jac.leaves) {
                blocks.append(try unravel(ctx, example, axis: arr.rank - 1, like: out, arr))
            }
            let tree = try y.replacingLeaves(blocks).flattenedNodes()
            return hasAux ? .tuple([tree, results[2]]) : tree
        }
    }

    /// `jax.jacrev(fun, argnums, has_aux, holomorphic, allow_int)` (also `jax.jacobian`).
    public static func jacrev(_ f: @escaping JaxFunction, argnums: Argnums = .single(0), hasAux: Bool = false,
                              holomorphic: Bool = false, source: String = "") -> JaxFunction {
        return { ctx, args throws(PyException) -> PyTree in
            let nums = try dynamicArguments(args, argnums)
            for leaf in nums.flatMap({ args[$0].leaves }) {
                if holomorphic && !leaf.dtype.isComplex {
                    throw PyException.typeError("jacrev with holomorphic=True requires inputs with complex dtype, but got \(leaf.dtype.name).")
                }
                guard leaf.dtype.isInexact else {
                    throw PyException.typeError("jacrev requires real- or complex-valued inputs (input dtype that is a sub-dtype of np.inexact), but got \(leaf.dtype.name). If you want to use Boolean- or integer-valued inputs, use vjp or set allow_int to True.")
                }
            }
            let example = exampleTree(args, nums, argnums)
            let dynamic = nums.map { args[$0] }
            let partial: JaxFunction = { ctx, inner throws(PyException) -> PyTree in
                var full = args
                for (k, i) in nums.enumerated() { full[i] = inner[k] }
                let result = try f(ctx, full)
                var differentiated = result
                if hasAux, case .tuple(let items) = result, items.count == 2 { differentiated = items[0] }
                for leaf in differentiated.leaves { try checkReverseOutput("jacrev", holomorphic: holomorphic, leaf.dtype) }
                return result
            }
            let (y, pullback, aux) = try vjp(ctx, partial, primals: dynamic, hasAux: hasAux, source: source)
            let basis = try standardBasis(ctx, y)
            var jac = try vmap({ ctx, inner throws(PyException) -> PyTree in try pullback(ctx, inner[0]) })(ctx, [basis])
            if argnums.isSingle, case .tuple(let items) = jac, let first = items.first { jac = first }
            var blocks: [PyTree] = []
            for (x, arr) in zip(example.leaves, jac.leaves) {
                blocks.append(try unravel(ctx, y, axis: 0, like: x, arr))
            }
            let perInput = try example.replacingLeaves(blocks).flattenedNodes()
            let tree = try transposeTree(outer: example, inner: y, perInput)
            return hasAux ? .tuple([tree, aux ?? .none]) : tree
        }
    }

    /// `jax.hessian(fun, argnums, has_aux, holomorphic)`: jacfwd of jacrev.
    public static func hessian(_ f: @escaping JaxFunction, argnums: Argnums = .single(0), hasAux: Bool = false,
                               holomorphic: Bool = false, source: String = "") -> JaxFunction {
        jacfwd(jacrev(f, argnums: argnums, hasAux: hasAux, holomorphic: holomorphic, source: source), argnums: argnums,
               hasAux: hasAux, holomorphic: holomorphic)
    }

    /// `_std_basis`: the identity of the tree's total size, in the tree's result dtype,
    /// split back into the tree's leaves along axis 1 (each leaf gains a leading axis).
    static func standardBasis(_ ctx: JaxContext, _ tree: PyTree) throws(PyException) -> PyTree {
        let leaves = tree.leaves
        let n = leaves.reduce(0) { $0 + $1.aval.count }
        let dtype = Promotion.jax(leaves.map { ($0.dtype, $0.weakType) }, enableX64: ctx.enableX64).dtype
        let eye = try Lax.eye(ctx, n, dtype: ctx.canonical(dtype))
        return try unravel(ctx, tree, axis: 1, like: nil, eye)
    }

    /// `_unravel_array_into_pytree`: `arr` split along `axis` into pieces the sizes of the
    /// tree's leaves, each reshaped to put the leaf's shape there and converted to the dtype
    /// of `like` (or of the leaf).
    static func unravel(_ ctx: JaxContext, _ tree: PyTree, axis: Int, like: JaxValue?, _ arr: JaxValue) throws(PyException) -> PyTree {
        let leaves = tree.leaves
        let pieces = try Lax.split(ctx, arr, sizes: leaves.map(\.aval.count), axis: axis)
        var parts: [JaxValue] = []
        for (piece, leaf) in zip(pieces, leaves) {
            let shape = Array(arr.shape[..<axis]) + leaf.shape + Array(arr.shape[(axis + 1)...])
            let reshaped = try Lax.reshape(ctx, piece, shape)
            let example = like ?? leaf
            // `_possible_downcast`: a complex piece of a real example keeps its real part
            let part = reshaped.dtype.isComplex && !example.dtype.isComplex ? try Lax.unary(ctx, .real, reshaped) : reshaped
            parts.append(try Lax.convert(ctx, part, to: example.dtype, weak: example.weakType, always: like == nil))
        }
        return try tree.replacingLeaves(parts)
    }

    /// `tree_transpose`: a tree shaped like `outer` whose leaves are trees shaped like
    /// `inner`, turned into `inner` with `outer`-shaped leaves.
    static func transposeTree(outer: PyTree, inner: PyTree, _ tree: PyTree) throws(PyException) -> PyTree {
        let flat = tree.leaves
        let innerSize = inner.leafCount, outerSize = outer.leafCount
        var subtrees: [PyTree] = []
        for i in 0..<innerSize {
            subtrees.append(try outer.replacingLeaves((0..<outerSize).map { flat[$0 * innerSize + i] }))
        }
        return try inner.replacingLeaves(subtrees).flattenedNodes()
    }
}

extension Tree {
    /// A tree whose leaves are trees, as one tree (`PyTreeDef.compose`).
    public func flattenedNodes<Inner>() -> Tree<Inner> where Leaf == Tree<Inner> {
        switch self {
        case .leaf(let inner): return inner
        case .none: return .none
        case .tuple(let items): return .tuple(items.map { $0.flattenedNodes() })
        case .list(let items): return .list(items.map { $0.flattenedNodes() })
        case .dict(let pairs): return .dict(pairs.map { ($0.0, $0.1.flattenedNodes()) })
        case .node(let kind, let items): return .node(kind, items.map { $0.flattenedNodes() })
        }
    }
}
