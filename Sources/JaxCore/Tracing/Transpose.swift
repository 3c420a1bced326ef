/// An operand of a linear equation during transposition: a known value, or the linear input
/// whose cotangent is wanted.
enum TransposeArg {
    case known(JaxValue)
    case linear(ShapedArray)

    var aval: ShapedArray {
        switch self {
        case .known(let v): return v.aval
        case .linear(let a): return a
        }
    }

    var isLinear: Bool {
        if case .linear = self { return true }
        return false
    }

    var value: JaxValue? {
        if case .known(let v) = self { return v }
        return nil
    }
}

/// Reverse mode: evaluates a linear jaxpr backwards, applying each primitive's transpose rule.
enum Transpose {
    /// `seeds` start the cotangent of some inputs (accumulators a scan's transpose carries),
    /// so what flows back is added to them where it arrives; `linearAvals` retypes some
    /// linear inputs as the transpose rules see them (the types of those accumulators).
    static func backwardPass(_ ctx: JaxContext, _ jaxpr: Jaxpr, _ consts: [JaxValue], _ cts: [JaxValue?],
                             seeds: [Var: JaxValue] = [:], linearAvals: [Var: ShapedArray] = [:]) throws(PyException) -> [JaxValue?] {
        var known: [Var: JaxValue] = [:]
        for (v, c) in zip(jaxpr.constvars, consts) { known[v] = c }
        var ctEnv: [Var: JaxValue] = seeds
        func accumulate(_ v: Var, _ ct: JaxValue) throws(PyException) {
            if let existing = ctEnv[v] {
                ctEnv[v] = try Lax.addAny(ctx, existing, ct)
            } else {
                ctEnv[v] = ct
            }
        }
        for (atom, ct) in zip(jaxpr.outvars, cts) {
            guard let v = atom.variable, known[v] == nil, let ct else { continue }
            try accumulate(v, ct)
        }
        for eqn in jaxpr.eqns.reversed() {
            try ctx.checkInterrupt()
            let ctsOut = eqn.outvars.map { ctEnv.removeValue(forKey: $0) }
            if ctsOut.allSatisfy({ $0 == nil }) { continue }
            let args: [TransposeArg] = eqn.inputs.map { atom in
                switch atom {
                case .literal(let a): return .known(.array(a))
                case .variable(let v): return known[v].map { .known($0) } ?? .linear(linearAvals[v] ?? v.aval)
                }
            }
            let ctsIn = try eqn.primitive.transposeCotangents(ctx, ctsOut, args, eqn.params)
            for (atom, ct) in zip(eqn.inputs, ctsIn) {
                guard let v = atom.variable, known[v] == nil, let ct else { continue }
                try accumulate(v, ct)
            }
        }
        return jaxpr.invars.map { ctEnv[$0] }
    }
}
