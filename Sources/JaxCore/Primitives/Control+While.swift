/// The rules of `while[cond_jaxpr=... body_jaxpr=...]`: operands are the cond's constants,
/// the body's constants and the initial carry; the body runs while the cond holds. As JAX's
/// `loops.py`: the JVP is a while of the JVP'd body (carries with a tangent found by a fixed
/// point), partial evaluation runs the known carries in a loop of their own and stages the
/// whole loop for the others, there is no transpose (reverse mode needs `scan`), and under
/// vmap a batched predicate keeps each example's carry once its own predicate fails.
enum WhileRules {
    static func params(cond: ClosedJaxpr, condConsts: Int, body: ClosedJaxpr, bodyConsts: Int) -> Params {
        var p = Params()
        p.set(.bodyJaxpr, body)
        p.set(.bodyNconsts, bodyConsts)
        p.set(.condJaxpr, cond)
        p.set(.condNconsts, condConsts)
        return p
    }

    struct Parts {
        let cond: ClosedJaxpr
        let body: ClosedJaxpr
        let condConsts: Int
        let bodyConsts: Int
    }

    static func parts(_ params: Params) throws(PyException) -> Parts {
        Parts(cond: try params.required(.condJaxpr), body: try params.required(.bodyJaxpr),
              condConsts: try params.required(.condNconsts), bodyConsts: try params.required(.bodyNconsts))
    }

    /// Runs the body while the cond holds. A predicate of a batch (vmap's) runs while any
    /// example's holds, and keeps the carry of the examples whose predicate failed.
    static func evaluate(_ ctx: JaxContext, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray] {
        let p = try parts(params)
        let condConsts = Array(xs.prefix(p.condConsts)), bodyConsts = Array(xs.dropFirst(p.condConsts).prefix(p.bodyConsts))
        var carry = Array(xs.dropFirst(p.condConsts + p.bodyConsts))
        let cond = ctx.executables.executable(ctx, p.cond), body = ctx.executables.executable(ctx, p.body)
        while true {
            try ctx.checkInterrupt()
            guard let pred = try cond.run(ctx, consts: p.cond.consts, condConsts + carry).first else { throw PyException("RuntimeError", "while cond returned nothing") }
            if pred.shape.isEmpty {
                guard pred.storage.double(at: 0) != 0 else { return carry }
                carry = try body.run(ctx, consts: p.body.consts, bodyConsts + carry)
                continue
            }
            guard (0..<pred.count).contains(where: { pred.storage.double(at: $0) != 0 }) else { return carry }
            let next = try body.run(ctx, consts: p.body.consts, bodyConsts + carry)
            var merged: [JaxArray] = []
            for (new, old) in zip(next, carry) {
                let mask = new.shape == pred.shape ? pred
                    : try Kernels.broadcastInDim(pred, shape: new.shape, broadcastDimensions: Array(0..<pred.rank))
                merged.append(try Kernels.select(mask, new, old))
            }
            carry = merged
        }
    }

    /// `_while_loop_jvp`: the body JVP'd over the carries with a tangent (a fixed point); the
    /// cond ignores the tangents.
    static func jvp(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let p = try parts(params)
        let ncarry = xs.count - p.condConsts - p.bodyConsts
        let nonzero = ts.map { $0 != nil }
        let bconstNZ = Array(nonzero.dropFirst(p.condConsts).prefix(p.bodyConsts))
        var carryNZ = Array(nonzero.suffix(ncarry))
        var jvpBody = p.body
        var outNZ: [Bool] = []
        for _ in 0...ncarry {
            (jvpBody, outNZ) = try JaxprTransforms.jvp(ctx, p.body, nonzeros: bconstNZ + carryNZ, instantiate: carryNZ)
            if outNZ == carryNZ { break }
            carryNZ = zip(carryNZ, outNZ).map { $0 || $1 }
        }
        let bconsts = Array(xs.dropFirst(p.condConsts).prefix(p.bodyConsts)), carry = Array(xs.suffix(ncarry))
        var bconstDots: [JaxValue] = [], carryDots: [JaxValue] = []
        for (k, nz) in bconstNZ.enumerated() where nz {
            if let t = ts[p.condConsts + k] { bconstDots.append(t) } else { bconstDots.append(try Lax.zeros(ctx, bconsts[k].aval)) }
        }
        for (k, nz) in carryNZ.enumerated() where nz {
            if let t = ts[p.condConsts + p.bodyConsts + k] {
                carryDots.append(t)
            } else {
                carryDots.append(try Lax.zeros(ctx, carry[k].aval.with(weakType: false)))
            }
        }
        let body = ScanRules.rearrange(jvpBody, primalGroups: [p.bodyConsts, ncarry], tangentGroups: [bconstDots.count, carryDots.count],
                                       outPrimalGroups: [ncarry], outTangentGroups: [carryDots.count])
        // the cond takes the tangents too, and ignores them
        let c = p.cond.jaxpr
        let cond = ClosedJaxpr(jaxpr: Jaxpr(constvars: c.constvars, invars: c.invars + carryDots.map { Var($0.aval) }, eqns: c.eqns,
                                            outvars: c.outvars), consts: p.cond.consts)
        let outs = try Tracing.bind(ctx, .whileLoop, Array(xs.prefix(p.condConsts)) + bconsts + bconstDots + carry + carryDots,
                                    WhileRules.params(cond: cond, condConsts: p.condConsts, body: body, bodyConsts: p.bodyConsts + bconstDots.count))
        var dots = outs.dropFirst(ncarry).makeIterator()
        return (Array(outs.prefix(ncarry)), carryNZ.map { $0 ? dots.next() : nil })
    }

    /// `_while_partial_eval`: the known carries (a fixed point) computed by a loop of their
    /// own when the predicate is known; the whole loop staged for the unknown ones.
    static func partialEval(_ trace: PartialEvalTrace, _ ins: [PartialEvalTracer], _ params: Params) throws(PyException) -> [JaxValue] {
        let ctx = trace.ctx
        let p = try parts(params)
        let unknown = ins.map { if case .unknown = $0.pval { return true } else { return false } }
        let condUK = Array(unknown.prefix(p.condConsts)), bodyUK = Array(unknown.dropFirst(p.condConsts).prefix(p.bodyConsts))
        let ncarry = ins.count - p.condConsts - p.bodyConsts
        var carryUK = Array(unknown.suffix(ncarry))
        var bodySplit = JaxprTransforms.Split(known: p.body, unknown: p.body, outUnknown: [], residualAvals: [])
        for _ in 0...ncarry {
            bodySplit = try JaxprTransforms.partialEval(ctx, p.body, unknowns: bodyUK + carryUK, instantiate: carryUK)
            if bodySplit.outUnknown == carryUK { break }
            carryUK = zip(carryUK, bodySplit.outUnknown).map { $0 || $1 }
        }
        let condSplit = try JaxprTransforms.partialEval(ctx, p.cond, unknowns: condUK + carryUK, instantiate: [])
        if condSplit.outUnknown.first == true || !unknown.contains(true) || !unknown.contains(false) {
            return try trace.stage(.whileLoop, ins, params)
        }
        var knownIns: [JaxValue] = []
        for (t, uk) in zip(ins, condUK + bodyUK + carryUK) where !uk {
            if case .known(let v) = t.pval { knownIns.append(v) }
        }
        // the known loop returns the known carries only (its residuals are dropped)
        let knownCount = carryUK.filter { !$0 }.count
        let kb = bodySplit.known.jaxpr
        let knownBody = ClosedJaxpr(jaxpr: Jaxpr(constvars: kb.constvars, invars: kb.invars, eqns: kb.eqns,
                                                 outvars: Array(kb.outvars.prefix(knownCount))), consts: bodySplit.known.consts)
        let kc = condSplit.known.jaxpr
        let knownCond = ClosedJaxpr(jaxpr: Jaxpr(constvars: kc.constvars, invars: kc.invars, eqns: kc.eqns,
                                                 outvars: Array(kc.outvars.prefix(1))), consts: condSplit.known.consts)
        let knownOuts = try Tracing.bind(ctx, .whileLoop, knownIns,
                                         WhileRules.params(cond: knownCond, condConsts: condUK.filter { !$0 }.count,
                                                           body: knownBody, bodyConsts: bodyUK.filter { !$0 }.count))
        let staged = try trace.stage(.whileLoop, ins, params)
        var knownIter = knownOuts.makeIterator()
        var results: [JaxValue] = []
        for (k, uk) in carryUK.enumerated() {
            guard let next = uk ? staged[k] : knownIter.next() else { throw PyException("RuntimeError", "while lost an output") }
            results.append(next)
        }
        return results
    }

    /// Reverse mode has no while: JAX's error.
    static func transposeError() -> PyException {
        PyException.valueError("Reverse-mode differentiation does not work for lax.while_loop or lax.fori_loop with dynamic start/stop values. Try using lax.scan, or using fori_loop with static start/stop.")
    }

    /// `_while_loop_batching_rule`: carries batched by a fixed point; with the predicate
    /// batched every carry is, and the loop runs until every example's predicate fails.
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let p = try parts(params)
        let ncarry = xs.count - p.condConsts - p.bodyConsts
        let moved = try Batching.moveToFront(ctx, xs, dims)
        let batched = dims.map { $0 != nil }
        let cconstBat = Array(batched.prefix(p.condConsts)), bconstBat = Array(batched.dropFirst(p.condConsts).prefix(p.bodyConsts))
        var carryBat = Array(batched.suffix(ncarry))
        for _ in 0...ncarry {
            let (_, out) = try JaxprTransforms.batch(ctx, p.body, size: size, batched: bconstBat + carryBat, instantiate: carryBat)
            if out == carryBat { break }
            carryBat = zip(carryBat, out).map { $0 || $1 }
        }
        let (_, predOut) = try JaxprTransforms.batch(ctx, p.cond, size: size, batched: cconstBat + carryBat, instantiate: [])
        if predOut.first == true { carryBat = Array(repeating: true, count: ncarry) }
        let (body, _) = try JaxprTransforms.batch(ctx, p.body, size: size, batched: bconstBat + carryBat, instantiate: carryBat)
        let (cond, _) = try JaxprTransforms.batch(ctx, p.cond, size: size, batched: cconstBat + carryBat, instantiate: [predOut.first ?? false])
        var operands = Array(moved.prefix(p.condConsts + p.bodyConsts))
        for (k, x) in moved.suffix(ncarry).enumerated() {
            if carryBat[k] && dims[p.condConsts + p.bodyConsts + k] == nil {
                operands.append(try Lax.broadcastInDim(ctx, x, shape: [size] + x.shape, dims: Array(1..<(x.rank + 1)), numpyDims: true))
            } else {
                operands.append(x)
            }
        }
        let outs = try Tracing.bind(ctx, .whileLoop, operands,
                                    WhileRules.params(cond: cond, condConsts: p.condConsts, body: body, bodyConsts: p.bodyConsts))
        return (outs, carryBat.map { $0 ? 0 : nil })
    }
}
