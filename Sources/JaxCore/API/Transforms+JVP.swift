extension Transforms {
    /// `jax.jvp(f, primals, tangents)`: f's outputs and their directional derivatives along the
    /// tangents, in one forward pass. `primals` and `tangents` are the argument trees; output
    /// tangents that are zero come back as zeros.
    /// With `hasAux`, f returns `(output, aux)` and aux comes back third, undifferentiated.
    public static func jvp(_ ctx: JaxContext, _ f: @escaping JaxFunction, primals: [PyTree],
                           tangents: [PyTree], hasAux: Bool = false) throws(PyException) -> (PyTree, PyTree, PyTree?) {
        let primalTree = PyTree.tuple(primals), tangentTree = PyTree.tuple(tangents)
        guard primalTree.sameStructure(tangentTree) else {
            throw PyException.typeError(
                "primal and tangent arguments to jax.jvp must have the same tree structure; primals have tree structure PyTreeDef(\(primalTree.structure)) whereas tangents have tree structure PyTreeDef(\(tangentTree.structure)).")
        }
        let ps = primalTree.leaves, ts = tangentTree.leaves
        for (p, t) in zip(ps, ts) {
            // an integer primal's tangent would be float0, which no array here has
            let expected = p.dtype.isInexact ? p.dtype.name : "[('float0', 'V')]"
            guard t.dtype.name == expected else {
                throw PyException.typeError(
                    "primal and tangent arguments to jax.jvp do not match; dtypes must be equal, or in case of int/bool primal dtype the tangent dtype must be float0.Got primal dtype \(p.dtype.name) and so expected tangent dtype \(expected), but got tangent dtype \(t.dtype.name) instead.")
            }
            guard p.shape == t.shape else {
                throw PyException.valueError(
                    "jvp called with different primal and tangent shapes;Got primal shape \(Shape.describe(p.shape)) and tangent shape as \(Shape.describe(t.shape))")
            }
        }
        var outTree: PyTree = .none, auxTree: PyTree?
        let (allOuts, allTangents) = try Tracing.jvp(ctx, ps, ts.map { Optional($0) }) { tracers throws(PyException) -> [JaxValue] in
            outTree = try f(ctx, try unflatten(primals, tracers))
            if hasAux { (outTree, auxTree) = try splitAux(outTree) }
            return outTree.leaves + (auxTree?.leaves ?? [])
        }
        let n = outTree.leafCount
        let outs = Array(allOuts.prefix(n)), outTangents = Array(allTangents.prefix(n))
        let aux = try auxTree.map { (t: PyTree) throws(PyException) -> PyTree in try t.replacingLeaves(Array(allOuts.dropFirst(n))) }
        var tangentOuts: [JaxValue] = []
        for (out, t) in zip(outs, outTangents) {
            if let t {
                tangentOuts.append(t)
            } else {
                tangentOuts.append(try weakAsPrimal(try Lax.zeros(ctx, out.aval), out))
            }
        }
        return (try outTree.replacingLeaves(outs), try outTree.replacingLeaves(tangentOuts), aux)
    }
}
