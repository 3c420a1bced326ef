/// The executable form of a jitted function's jaxpr. Today it interprets the jaxpr equation by
/// equation with the eager kernels, contracting a multiply that feeds an add into one FMA where
/// XLA's fused CPU kernels do; a real compiler can replace the body of `run` without callers
/// noticing.
struct CompiledFunction {
    let closed: ClosedJaxpr
    private let fusion: FusionPlan

    init(_ closed: ClosedJaxpr) {
        // XLA inlines nested calls before it fuses, so fusion sees across jit boundaries
        let flat = CompiledFunction.inlined(closed)
        self.closed = flat
        self.fusion = FusionPlan(flat.jaxpr)
    }

    /// The jaxpr with every call equation (`jit`, `custom_jvp_call`) replaced by its body
    /// (fresh variables per call site; the bodies' constants join the outer ones).
    static func inlined(_ closed: ClosedJaxpr) -> ClosedJaxpr {
        guard closed.jaxpr.eqns.contains(where: { $0.primitive.rules.call != nil }) else { return closed }
        var constvars = closed.jaxpr.constvars
        var consts = closed.consts
        var eqns: [JaxprEqn] = []
        func emit(_ jaxpr: Jaxpr, _ subst: inout [Var: Atom]) {
            func read(_ atom: Atom) -> Atom {
                guard let v = atom.variable else { return atom }
                return subst[v] ?? atom
            }
            for eqn in jaxpr.eqns {
                let inputs = eqn.inputs.map(read)
                if let call = eqn.primitive.rules.call, let inner = eqn.params[call.body] {
                    var innerSubst: [Var: Atom] = [:]
                    for (v, a) in zip(inner.jaxpr.invars, inputs) { innerSubst[v] = a }
                    for (v, c) in zip(inner.jaxpr.constvars, inner.consts) {
                        let fresh = Var(v.aval)
                        constvars.append(fresh)
                        consts.append(c)
                        innerSubst[v] = .variable(fresh)
                    }
                    emit(inner.jaxpr, &innerSubst)
                    for (out, atom) in zip(eqn.outvars, inner.jaxpr.outvars) {
                        subst[out] = atom.variable.flatMap { innerSubst[$0] } ?? atom
                    }
                    continue
                }
                let outvars = eqn.outvars.map { v -> Var in
                    let fresh = Var(v.aval)
                    subst[v] = .variable(fresh)
                    return fresh
                }
                eqns.append(JaxprEqn(primitive: eqn.primitive, inputs: inputs, params: eqn.params, outvars: outvars))
            }
        }
        var subst: [Var: Atom] = [:]
        for v in closed.jaxpr.invars { subst[v] = .variable(v) }
        for v in closed.jaxpr.constvars { subst[v] = .variable(v) }
        emit(closed.jaxpr, &subst)
        let outvars = closed.jaxpr.outvars.map { atom -> Atom in atom.variable.flatMap { subst[$0] } ?? atom }
        return ClosedJaxpr(jaxpr: Jaxpr(constvars: constvars, invars: closed.jaxpr.invars, eqns: eqns, outvars: outvars), consts: consts)
    }

    func run(_ ctx: JaxContext, _ args: [JaxArray]) throws(PyException) -> [JaxArray] {
        let jaxpr = closed.jaxpr
        guard args.count == jaxpr.invars.count else {
            throw PyException.typeError("compiled function expected \(jaxpr.invars.count) arguments, got \(args.count)")
        }
        var env: [Var: JaxArray] = [:]
        for (v, c) in zip(jaxpr.constvars, closed.consts) {
            guard case .array(let a) = c else { throw PyException("UnexpectedTracerError", "a compiled function closed over a traced value") }
            env[v] = a
        }
        for (v, a) in zip(jaxpr.invars, args) { env[v] = a }
        func read(_ atom: Atom) throws(PyException) -> JaxArray {
            switch atom {
            case .literal(let a): return a
            case .variable(let v):
                guard let a = env[v] else { throw PyException("RuntimeError", "jaxpr variable read before it was bound") }
                return a
            }
        }
        for (index, eqn) in jaxpr.eqns.enumerated() {
            try ctx.checkInterrupt()
            if fusion.skipped.contains(index) { continue }
            if let product = fusion.dotSums[index] {
                let (a0, b0) = try fusion.factors(product, read)
                let productShape = jaxpr.eqns[product].outvars[0].aval.shape
                // The factors as the fused loop reads them: broadcast to the product's shape.
                let a = try Kernels.broadcast(a0, to: productShape), b = try Kernels.broadcast(b0, to: productShape)
                let squares = FusionPlan.isSquare(jaxpr.eqns[product])
                if let sum = FusedDotSum.apply(a, b, axis: eqn.params[.axes]?.first ?? 0, squares: squares) {
                    env[eqn.outvars[0]] = sum
                    continue
                }
                let productEqn = jaxpr.eqns[product]
                let productValue = try productEqn.primitive.evaluate(ctx, Array([a0, b0].prefix(productEqn.inputs.count)), productEqn.params)
                env[eqn.outvars[0]] = try eqn.primitive.evaluate(ctx, productValue, eqn.params)[0]
                continue
            }
            if let product = fusion.contracted[index] {
                let (a, b) = try fusion.factors(product, read)
                let c = try read(eqn.inputs[fusion.addendIndex[index] ?? 0])
                env[eqn.outvars[0]] = try FusedMultiplyAdd.apply(a, b, c, shape: eqn.outvars[0].aval.shape, negated: fusion.subtracted[index])
                continue
            }
            var inputs: [JaxArray] = []
            for atom in eqn.inputs { inputs.append(try read(atom)) }
            if eqn.primitive == .div, case .literal? = eqn.inputs.last, inputs.count == 2,
               let product = try ReciprocalDivision.product(inputs[0], inputs[1]) {
                env[eqn.outvars[0]] = product.withWeakType(eqn.outvars[0].aval.weakType)
                continue
            }
            let outs = try eqn.primitive.evaluate(ctx, inputs, eqn.params)
            for (v, o) in zip(eqn.outvars, outs) { env[v] = o }
        }
        var results: [JaxArray] = []
        for atom in jaxpr.outvars { results.append(try read(atom)) }
        return results
    }
}
