/// The optimisations the compiler runs over a jaxpr before it fuses: inlining of nested calls,
/// dead-code elimination, common-subexpression elimination and constant folding. None of them
/// changes a bit: they only drop or share equations whose values are the same either way.
enum Passes {
    /// What the passes removed, for `%explain`.
    struct Report {
        var inlined = 0
        var dead = 0
        var shared = 0
        var folded = 0
    }

    /// The jaxpr with every call equation (`jit`, `custom_jvp_call`) replaced by its body
    /// (fresh variables per call site; the bodies' constants join the outer ones, after them).
    /// Inlining fuses a call with what surrounds it, as XLA does. A call that names a fused
    /// kernel (jax.random's samplers) whose values are only results of the whole program meets
    /// nothing to fuse with, so it stays a call and runs as that kernel: the same bits in one pass.
    static func inlined(_ closed: ClosedJaxpr, report: inout Report) -> ClosedJaxpr {
        var kept = Report()
        let keeping = inlined(closed, keepingFusedKernels: true, report: &kept)
        let read = Set(keeping.jaxpr.eqns.flatMap { $0.inputs.compactMap(\.variable) })
        if !keeping.jaxpr.eqns.contains(where: { $0.params[.fusedKernel] != nil && $0.outvars.contains(where: read.contains) }) {
            report.inlined += kept.inlined
            return keeping
        }
        return inlined(closed, keepingFusedKernels: false, report: &report)
    }

    private static func inlined(_ closed: ClosedJaxpr, keepingFusedKernels: Bool, report: inout Report) -> ClosedJaxpr {
        guard closed.jaxpr.eqns.contains(where: { $0.primitive.rules.call != nil }) else { return closed }
        var constvars = closed.jaxpr.constvars
        var consts = closed.consts
        var eqns: [JaxprEqn] = []
        var calls = 0
        func emit(_ jaxpr: Jaxpr, _ subst: inout [Var: Atom]) {
            func read(_ atom: Atom) -> Atom {
                guard let v = atom.variable else { return atom }
                return subst[v] ?? atom
            }
            for eqn in jaxpr.eqns {
                let inputs = eqn.inputs.map(read)
                if let call = eqn.primitive.rules.call, let inner = eqn.params[call.body],
                   !(keepingFusedKernels && eqn.params[.fusedKernel] != nil) {
                    calls += 1
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
        report.inlined += calls
        let outvars = closed.jaxpr.outvars.map { atom -> Atom in atom.variable.flatMap { subst[$0] } ?? atom }
        return ClosedJaxpr(jaxpr: Jaxpr(constvars: constvars, invars: closed.jaxpr.invars, eqns: eqns, outvars: outvars), consts: consts)
    }

    /// Drops the equations no output needs; effectful ones (`jax.debug.print`) always stay.
    static func deadCodeEliminated(_ jaxpr: Jaxpr, report: inout Report) -> Jaxpr {
        var live = Set(jaxpr.outvars.compactMap(\.variable))
        var kept: [JaxprEqn] = []
        for eqn in jaxpr.eqns.reversed() {
            guard eqn.primitive.rules.effectful || eqn.outvars.contains(where: live.contains) else {
                report.dead += 1
                continue
            }
            for atom in eqn.inputs { if let v = atom.variable { live.insert(v) } }
            kept.append(eqn)
        }
        return Jaxpr(constvars: jaxpr.constvars, invars: jaxpr.invars, eqns: kept.reversed(), outvars: jaxpr.outvars)
    }

    /// Computes each distinct equation once: an equation with the primitive, parameters and
    /// operands of an earlier one reuses that one's outputs.
    static func commonSubexpressionsShared(_ jaxpr: Jaxpr, report: inout Report) -> Jaxpr {
        var seen: [String: [Var]] = [:]
        var subst: [Var: Atom] = [:]
        var kept: [JaxprEqn] = []
        func read(_ atom: Atom) -> Atom { atom.variable.flatMap { subst[$0] } ?? atom }
        for eqn in jaxpr.eqns {
            let inputs = eqn.inputs.map(read)
            let rewritten = JaxprEqn(primitive: eqn.primitive, inputs: inputs, params: eqn.params, outvars: eqn.outvars)
            guard let key = key(rewritten) else {
                kept.append(rewritten)
                continue
            }
            if let earlier = seen[key], earlier.count == eqn.outvars.count,
               zip(earlier, eqn.outvars).allSatisfy({ $0.aval == $1.aval }) {
                for (v, e) in zip(eqn.outvars, earlier) { subst[v] = .variable(e) }
                report.shared += 1
                continue
            }
            seen[key] = eqn.outvars
            kept.append(rewritten)
        }
        return Jaxpr(constvars: jaxpr.constvars, invars: jaxpr.invars, eqns: kept, outvars: jaxpr.outvars.map(read))
    }

    /// What identifies an equation's value; nil for equations never shared: loops (whose
    /// bodies are large to compare) and products (two uses of one product would stop XLA's
    /// contraction of each into an FMA, changing bits).
    private static func key(_ eqn: JaxprEqn) -> String? {
        guard eqn.primitive.rules.call == nil, eqn.primitive != .scan, !eqn.primitive.rules.effectful, !eqn.primitive.rules.callsHost,
              !FusionPlan.isProduct(eqn) else {
            return nil
        }
        var key = eqn.primitive.name + "("
        for atom in eqn.inputs {
            switch atom {
            case .variable(let v): key += "v\(ObjectIdentifier(v).debugDescription),"
            case .literal(let a): key += "l\(a.dtype.name)\(a.weakType)\(a.shape)\(a.storage),"
            }
        }
        key += ")"
        for entry in eqn.params.entries { key += "\(entry.name)=\(entry.value);" }
        return key
    }

    /// Evaluates at compile time each equation whose operands are all literals and whose value
    /// is one element, so that it becomes a literal. A product is left alone: XLA contracts a
    /// product that feeds an add into one FMA, and folding it first would round it twice.
    static func constantsFolded(_ ctx: JaxContext, _ jaxpr: Jaxpr, report: inout Report) -> Jaxpr {
        var subst: [Var: Atom] = [:]
        var kept: [JaxprEqn] = []
        func read(_ atom: Atom) -> Atom { atom.variable.flatMap { subst[$0] } ?? atom }
        for eqn in jaxpr.eqns {
            let inputs = eqn.inputs.map(read)
            let rewritten = JaxprEqn(primitive: eqn.primitive, inputs: inputs, params: eqn.params, outvars: eqn.outvars)
            var literals: [JaxArray] = []
            for atom in inputs { if case .literal(let a) = atom { literals.append(a) } }
            guard !inputs.isEmpty, literals.count == inputs.count, eqn.outvars.count == 1, eqn.outvars[0].aval.count == 1,
                  eqn.primitive.rules.call == nil, eqn.primitive != .scan, !eqn.primitive.rules.effectful, !FusionPlan.isProduct(eqn),
                  !eqn.primitive.rules.acceptsKeys, !eqn.primitive.rules.callsHost,
                  let value = try? CompiledFunction.evaluate(ctx, rewritten, literals).first,
                  ShapedArray(value) == eqn.outvars[0].aval else {
                kept.append(rewritten)
                continue
            }
            subst[eqn.outvars[0]] = .literal(value)
            report.folded += 1
        }
        return Jaxpr(constvars: jaxpr.constvars, invars: jaxpr.invars, eqns: kept, outvars: jaxpr.outvars.map(read))
    }

    /// `(x * c1) * c2` with one-element constants c1 and c2 becomes `x * (c1 * c2)`, the constant
    /// product rounded once in the value's dtype: XLA's algebraic simplifier rewrites every such
    /// floating-point product so, and the bits follow it (`random.normal(k, s) * 0.5`
    /// multiplies the sampler's last product by sqrt(2)/2; a following `+ 1` then contracts
    /// into one FMA with it).
    static func constantProductsReassociated(_ ctx: JaxContext, _ jaxpr: Jaxpr, report: inout Report) -> Jaxpr {
        var products: [Var: (x: Atom, c: JaxArray)] = [:]
        func split(_ eqn: JaxprEqn) -> (x: Atom, c: JaxArray)? {
            guard eqn.primitive == .mul, eqn.inputs.count == 2, let out = eqn.outvars.first, out.aval.dtype.isFloating else { return nil }
            for side in 0..<2 {
                if case .literal(let c) = eqn.inputs[side], c.count == 1, eqn.inputs[1 - side].variable != nil {
                    return (eqn.inputs[1 - side], c)
                }
            }
            return nil
        }
        var eqns: [JaxprEqn] = []
        for eqn in jaxpr.eqns {
            var eqn = eqn
            if let (a, c2) = split(eqn), let inner = a.variable.flatMap({ products[$0] }), inner.c.dtype == c2.dtype,
               let c = try? CompiledFunction.evaluate(ctx, JaxprEqn(primitive: .mul, inputs: [.literal(inner.c), .literal(c2)],
                                                                     params: eqn.params, outvars: [Var(ShapedArray(c2))]), [inner.c, c2]).first,
               ShapedArray(c) == ShapedArray(c2) {
                eqn = JaxprEqn(primitive: .mul, inputs: [inner.x, .literal(c)], params: eqn.params, outvars: eqn.outvars)
                report.folded += 1
            }
            if let product = split(eqn), let out = eqn.outvars.first { products[out] = product }
            eqns.append(eqn)
        }
        return Jaxpr(constvars: jaxpr.constvars, invars: jaxpr.invars, eqns: eqns, outvars: jaxpr.outvars)
    }
}
