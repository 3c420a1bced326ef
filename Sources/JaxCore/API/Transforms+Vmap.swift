/// vmap's `in_axes` / `out_axes`: one axis (or None) for everything, or one per argument/output.
public enum AxisSpec: Sendable {
    case all(Int?)
    case each([Int?])
    /// One axis per leaf of each argument (`in_axes` given as a pytree prefix of the arguments).
    case perLeaf([[Int?]])
}

extension Transforms {
    /// `jax.vmap(f, in_axes, out_axes)`. `argumentNames` (the Python parameter names, when
    /// known) make the inconsistent-size error name the arguments as JAX does.
    public static func vmap(_ f: @escaping JaxFunction, inAxes: AxisSpec = .all(0), outAxes: AxisSpec = .all(0),
                            argumentNames: [String] = []) -> JaxFunction {
        return { ctx, args throws(PyException) -> PyTree in
            let axes: [[Int?]]
            switch inAxes {
            case .all(let a): axes = args.map { Array(repeating: a, count: $0.leafCount) }
            case .each(let list):
                guard list.count == args.count else {
                    throw PyException.valueError("vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got len(in_axes)=\(list.count), len(args)=\(args.count)")
                }
                axes = zip(args, list).map { Array(repeating: $1, count: $0.leafCount) }
            case .perLeaf(let lists):
                guard lists.count == args.count, zip(args, lists).allSatisfy({ $0.leafCount == $1.count }) else {
                    throw PyException.valueError("vmap in_axes specification must be a tree prefix of the corresponding value")
                }
                axes = lists
            }
            guard axes.contains(where: { $0.contains { $0 != nil } }) else {
                throw PyException.valueError("vmap must have at least one non-None value in in_axes or axis_size must be specified")
            }
            var values: [JaxValue] = []
            var dims: [Int?] = []
            var sizes: [(Int, String)] = []
            for (i, (arg, argAxes)) in zip(args, axes).enumerated() {
                let name = i < argumentNames.count ? argumentNames[i] : "args[\(i)]"
                for (leaf, axis) in zip(arg.leaves, argAxes) {
                    values.append(leaf)
                    guard let axis else { dims.append(nil); continue }
                    let d = axis < 0 ? axis + leaf.rank : axis
                    guard d >= 0 && d < leaf.rank else {
                        throw PyException.valueError("vmap was requested to map its argument along axis \(axis), which implies that its rank should be at least \(axis < 0 ? axis.magnitude : axis.magnitude + 1), but is only \(leaf.rank) (its shape is \(Shape.describe(leaf.shape)))")
                    }
                    dims.append(d)
                    sizes.append((leaf.shape[d], "axis \(d) of argument \(name) of type \(leaf.aval.with(weakType: false))"))
                }
            }
            guard let size = sizes.first?.0 else {
                throw PyException.valueError("vmap must have at least one non-None value in in_axes or axis_size must be specified")
            }
            if sizes.contains(where: { $0.0 != size }) {
                let lines = sizes.map { "  * one axis had size \($0.0): \($0.1)" }.joined(separator: ";\n")
                throw PyException.valueError("vmap got inconsistent sizes for array axes to be mapped:\n" + lines)
            }
            var outTree: PyTree = .none
            let results = try Tracing.batch(ctx, size: size, values, dims) { tracers throws(PyException) -> [JaxValue] in
                let rebuilt = try unflatten(args, tracers)
                outTree = try f(ctx, rebuilt)
                return outTree.leaves
            }
            let outSpecs = try outputAxes(outAxes, outTree)
            var outs: [JaxValue] = []
            for ((value, dim), spec) in zip(results, outSpecs) {
                outs.append(try placeBatchAxis(ctx, value, dim, spec, size: size))
            }
            return try outTree.replacingLeaves(outs)
        }
    }

    /// One out axis per output leaf.
    static func outputAxes(_ spec: AxisSpec, _ tree: PyTree) throws(PyException) -> [Int?] {
        switch spec {
        case .all(let a):
            return Array(repeating: a, count: tree.leaves.count)
        case .each(let list):
            let items: [PyTree]
            switch tree {
            case .tuple(let t), .list(let t): items = t
            default: items = [tree]
            }
            guard items.count == list.count else {
                throw PyException.valueError("vmap out_axes specification must be a tree prefix of the corresponding value, got specification \(ParamValue.tuple(list.map { $0.map(String.init) ?? "None" })) for value tree PyTreeDef(\(tree.structure)).")
            }
            var out: [Int?] = []
            for (item, a) in zip(items, list) { out.append(contentsOf: Array(repeating: a, count: item.leaves.count)) }
            return out
        case .perLeaf(let lists):
            let flat = lists.flatMap { $0 }
            guard flat.count == tree.leafCount else {
                throw PyException.valueError("vmap out_axes specification must be a tree prefix of the corresponding value")
            }
            return flat
        }
    }

    /// Moves (or creates) the batch axis of an output to where out_axes asks for it.
    static func placeBatchAxis(_ ctx: JaxContext, _ value: JaxValue, _ dim: Int?, _ target: Int?, size: Int) throws(PyException) -> JaxValue {
        guard let target else {
            if let dim { throw PyException.valueError("at vmap out_axes, got axis spec None but output was batched on axis \(dim)") }
            return value
        }
        let rank = value.rank + (dim == nil ? 1 : 0)
        let t = target < 0 ? target + rank : target
        guard t >= 0 && t < rank else {
            throw PyException.valueError("axis \(target) is out of bounds for array of dimension \(rank)")
        }
        guard let dim else {
            var shape = value.shape
            shape.insert(size, at: t)
            let dims = (0..<rank).filter { $0 != t }
            return try JNP.broadcastInDim(ctx, value, shape: shape, dims: dims)
        }
        return try Lax.moveAxis(ctx, value, from: dim, to: t)
    }
}
