/// `jax.ad_checkpoint.saved_residuals`: what reverse mode keeps from the forward pass.
extension Transforms {
    /// Each value `jax.vjp(f, *primals)` saves for the backward pass, as JAX lists them
    /// (literals, constants, arguments, then equation outputs in program order): its type
    /// and where it comes from. jaxlab keeps no source line per equation, so an output's
    /// place is JAX's `unknown`. `argNames` names each flattened argument.
    public static func savedResiduals(_ ctx: JaxContext, _ f: @escaping JaxFunction, primals: [PyTree],
                                      argNames: [String]) throws(PyException) -> [(ShapedArray, String)] {
        let flat = primals.flatMap(\.leaves)
        let closed = try Tracing.traceToJaxpr(ctx, flat.map(\.aval)) { tracers throws(PyException) -> [JaxValue] in
            let (_, pullback, _) = try vjp(ctx, f, primals: try unflatten(primals, tracers), hasAux: false, source: "")
            return pullback.linear.consts
        }
        let jaxpr = closed.jaxpr
        // a reduce_precision is looked through to the value it rounds, as JAX's listing does
        var rounded: [Var: Var] = [:]
        for eqn in jaxpr.eqns where eqn.primitive == .reducePrecision {
            if let out = eqn.outvars.first, case .variable(let v)? = eqn.inputs.first { rounded[out] = v }
        }
        var saved = Set<Var>()
        var results: [(ShapedArray, String)] = []
        for atom in jaxpr.outvars {
            switch atom {
            case .literal(let a): results.append((ShapedArray(a), "from a literal"))
            case .variable(let v): saved.insert(rounded[v] ?? v)
            }
        }
        for v in jaxpr.constvars where saved.contains(v) { results.append((v.aval, "from a constant")) }
        for (i, v) in jaxpr.invars.enumerated() where saved.contains(v) {
            results.append((v.aval, i < argNames.count ? "from the argument \(argNames[i])" : "from the argument at flattened index {i}"))
        }
        for eqn in jaxpr.eqns {
            for v in eqn.outvars where saved.contains(v) {
                if eqn.primitive == .checkpointName, let name: String = eqn.params[.name] {
                    results.append((v.aval, "named '\(name)' from unknown"))
                } else if eqn.primitive == .jit, let name: String = eqn.params[.name] {
                    results.append((v.aval, "output of jitted function '\(name)' from unknown"))
                } else {
                    results.append((v.aval, "output of \(eqn.primitive.name) from unknown"))
                }
            }
        }
        return results
    }
}
