/// A Python function as the transformations see it: arguments and result are pytrees of arrays.
public typealias JaxFunction = (JaxContext, [PyTree]) throws(PyException) -> PyTree

/// jax.make_jaxpr, jax.grad, jax.value_and_grad, jax.vmap and jax.jit over Swift closures.
public enum Transforms {
    /// `jax.make_jaxpr(f)(*args)`: traces f on the abstract values of the arguments' leaves.
    public static func makeJaxpr(_ ctx: JaxContext, _ f: JaxFunction, _ args: [PyTree],
                                 debugInfo: TraceDebugInfo? = nil) throws(PyException) -> ClosedJaxpr {
        let flat = args.flatMap(\.leaves)
        let origin = debugInfo.map { TraceOrigin(info: $0, argumentNames: $0.argumentNames(args)) }
        return try Tracing.traceToJaxpr(ctx, flat.map(\.aval), origin: origin) { tracers throws(PyException) -> [JaxValue] in
            let rebuilt = try unflatten(args, tracers)
            return try f(ctx, rebuilt).leaves
        }
    }

    /// `jax.eval_shape`: traces `f` on arguments of the types `avals` (one per leaf of `args`,
    /// whose own leaves only give the structure) and gives its output tree with each leaf's type;
    /// nothing is computed.
    public static func evalShape(_ ctx: JaxContext, _ f: JaxFunction, _ args: [PyTree],
                                 avals: [ShapedArray]) throws(PyException) -> Tree<ShapedArray> {
        var outTree: PyTree = .none
        let jaxpr = try Tracing.traceToJaxpr(ctx, avals) { tracers throws(PyException) -> [JaxValue] in
            outTree = try f(ctx, try unflatten(args, tracers))
            return outTree.leaves
        }
        return try outTree.replacingLeaves(jaxpr.jaxpr.outAvals)
    }

    /// Rebuilds the argument trees around new leaves.
    public static func unflatten(_ trees: [PyTree], _ leaves: [JaxValue]) throws(PyException) -> [PyTree] {
        var out: [PyTree] = []
        var offset = 0
        for tree in trees {
            let n = tree.leaves.count
            guard offset + n <= leaves.count else { throw PyException.valueError("argument structure mismatch") }
            out.append(try tree.replacingLeaves(Array(leaves[offset..<(offset + n)])))
            offset += n
        }
        return out
    }
}
