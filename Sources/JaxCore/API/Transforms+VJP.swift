/// `jax.vjp` and `jax.linearize`: the function linearized once (JVP plus partial
/// evaluation), then its linear part transposed (vjp) or applied (linearize) on demand.
extension Transforms {
    /// The pullback `jax.vjp` returns: cotangents of the outputs in, a tuple of cotangents of
    /// the primals out.
    public struct VJP {
        let linear: LinearFunction
        let primals: [PyTree]
        let outTree: PyTree
        /// `name at file:line` of the differentiated function, for the tree-mismatch error.
        let source: String

        /// Calls the pullback on a cotangent shaped like the function's output.
        public func callAsFunction(_ ctx: JaxContext, _ ct: PyTree) throws(PyException) -> PyTree {
            guard ct.sameStructure(outTree) else {
                let diffs = TreeDifferences.find(outTree, ct).map { d in
                    "  * out\(d.path) was a \(d.first) in the original output, but a \(d.second) here, so \(d.explanation)."
                }
                throw PyException.valueError("unexpected tree structure.\n\nThe argument to a VJP function returned by `jax.vjp` must match the pytree\nstructure of the differentiated function \(source).\n\nBut the tree structures differ:\n" + diffs.joined(separator: "\n"))
            }
            for (c, out) in zip(ct.leaves, outTree.leaves) where c.shape != out.shape || c.dtype != out.dtype {
                throw PyException.valueError("unexpected JAX type (e.g. shape/dtype) for argument to VJP function: got \(c.aval.with(weakType: false)), but expected \(out.aval.with(weakType: false)) because the corresponding output of the differentiated function had JAX type \(out.aval.with(weakType: false))")
            }
            let cts = try linear.transpose(ctx, ct.leaves.map { Optional($0) })
            let flat = primals.flatMap(\.leaves)
            var grads: [JaxValue] = []
            for (p, g) in zip(flat, cts) {
                // a computed cotangent keeps the weak type the transpose gave it (the cotangent's), as JAX's does
                if let g { grads.append(g) } else { grads.append(try weakAsPrimal(try Lax.zeros(ctx, p.aval), p)) }
            }
            return .tuple(try unflatten(primals, grads))
        }
    }

    /// `jax.vjp(fun, *primals, has_aux)`: the outputs, the pullback, and the auxiliary tree.
    public static func vjp(_ ctx: JaxContext, _ f: @escaping JaxFunction, primals: [PyTree], hasAux: Bool,
                           source: String) throws(PyException) -> (PyTree, VJP, PyTree?) {
        let (primalOut, linear, aux) = try linearized(ctx, f, primals: primals, hasAux: hasAux, reverse: true)
        return (primalOut, VJP(linear: linear, primals: primals, outTree: primalOut, source: source), aux)
    }

    /// The linearization `jax.vjp` and `jax.linearize` share: the output tree, the linear part
    /// (reading only the differentiated outputs, not the aux), and the aux tree. Reverse mode
    /// also refuses integer outputs, whose cotangents JAX makes float0.
    private static func linearized(_ ctx: JaxContext, _ f: @escaping JaxFunction, primals: [PyTree], hasAux: Bool,
                                   reverse: Bool) throws(PyException) -> (PyTree, LinearFunction, PyTree?) {
        let flat = primals.flatMap(\.leaves)
        for leaf in flat where !leaf.dtype.isInexact {
            throw PyException.notImplemented(reverse
                ? "jaxlab differentiates with respect to floating-point inputs only; JAX gives \(leaf.dtype.name) inputs float0 cotangents"
                : "jaxlab linearizes with respect to floating-point inputs only; JAX gives \(leaf.dtype.name) inputs float0 tangents")
        }
        var outTree: PyTree = .none, auxTree: PyTree?
        var outCount = 0
        let (outs, linear) = try Tracing.linearize(ctx, flat, linearOutputs: nil) { tracers throws(PyException) -> [JaxValue] in
            var result = try f(ctx, try unflatten(primals, tracers))
            if hasAux { (result, auxTree) = try splitAux(result) }
            outTree = result
            outCount = result.leafCount
            for leaf in result.leaves where reverse && !leaf.dtype.isInexact {
                throw PyException.notImplemented("jaxlab differentiates floating-point outputs only; JAX gives \(leaf.dtype.name) outputs float0 cotangents")
            }
            return result.leaves + (auxTree?.leaves ?? [])
        }
        let primalOut = try outTree.replacingLeaves(Array(outs.prefix(outCount)))
        let j = linear.jaxpr
        let kept = LinearFunction(jaxpr: Jaxpr(constvars: j.constvars, invars: j.invars, eqns: j.eqns, outvars: Array(j.outvars.prefix(outCount))),
                                  consts: linear.consts)
        let aux = try auxTree.map { (t: PyTree) throws(PyException) -> PyTree in try t.replacingLeaves(Array(outs.dropFirst(outCount))) }
        return (primalOut, kept, aux)
    }

    /// The JVP function `jax.linearize` returns: tangents of the primals in, tangents of
    /// the outputs out, without linearizing again.
    public struct Linearized {
        let linear: LinearFunction
        let primals: [PyTree]
        let outTree: PyTree

        public func callAsFunction(_ ctx: JaxContext, _ tangents: [PyTree]) throws(PyException) -> PyTree {
            let given = PyTree.tuple(tangents), expected = PyTree.tuple(primals)
            guard given.sameStructure(expected) else {
                throw PyException.typeError("expected PyTreeDef(\(expected.structure)), got PyTreeDef(\(given.structure))")
            }
            for (t, p) in zip(given.leaves, expected.leaves) where t.shape != p.shape || t.dtype != p.dtype {
                throw PyException.valueError("linearized function called on tangent values inconsistent with the original primal values:\nGot tangent aval \(t.aval) for primal aval \(p.aval) but expected \(p.aval).")
            }
            let outs = try linear.jaxpr.evaluate(ctx, consts: linear.consts, args: given.leaves)
            return try outTree.replacingLeaves(outs)
        }
    }

    /// `jax.linearize(fun, *primals, has_aux)`: the outputs, the JVP function, the aux tree.
    public static func linearize(_ ctx: JaxContext, _ f: @escaping JaxFunction, primals: [PyTree],
                                 hasAux: Bool) throws(PyException) -> (PyTree, Linearized, PyTree?) {
        let (primalOut, linear, aux) = try linearized(ctx, f, primals: primals, hasAux: hasAux, reverse: false)
        return (primalOut, Linearized(linear: linear, primals: primals, outTree: primalOut), aux)
    }
}
