/// The rules of `scan`: operands are the constants, the initial carry and the arrays scanned
/// along their leading axis; the body jaxpr takes (consts, carry, one slice of each xs) and
/// returns (new carry, one slice of each ys); the outputs are the final carry and the stacked
/// ys. As JAX's `loops.py`: the JVP is a scan of the JVP'd body (carries with a tangent found
/// by a fixed point), partial evaluation runs a known scan that also stacks the residuals and
/// records an unknown scan reading them, the transpose scans backwards accumulating the
/// cotangents of the constants, and vmap batches the body.
enum ScanRules {
    /// Traces `body(consts, carry) -> carry` and binds a scan of `length` steps over it (no
    /// xs or ys). `kind` names a loop the evaluator knows (see `evaluate`); it is not printed.
    static func loop(_ ctx: JaxContext, consts: [JaxValue], carry: [JaxValue], length: Int, kind: String? = nil,
                     _ body: ([JaxValue], [JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [JaxValue] {
        let (inner, closedOver) = try JaxprTransforms.open(ctx, (consts + carry).map(\.aval)) { ins throws(PyException) -> [JaxValue] in
            try body(Array(ins.prefix(consts.count)), Array(ins.dropFirst(consts.count)))
        }
        guard inner.jaxpr.outAvals.map(\.short) == carry.map(\.aval.short) else {
            throw PyException.typeError("scan body function carry input and carry output must have equal types")
        }
        var p = params(inner, length: length, consts: closedOver.count + consts.count, carry: carry.count)
        if let kind, closedOver.isEmpty { p.set(.kind, kind, shown: false) }
        return try Tracing.bind(ctx, .scan, closedOver + consts + carry, p)
    }

    static func params(_ body: ClosedJaxpr, length: Int, consts: Int, carry: Int, reverse: Bool = false, unroll: Int = 1) -> Params {
        var p = Params()
        p.set(.jaxpr, body)
        p.set(.length, length)
        p.set(.numCarry, carry)
        p.set(.numConsts, consts)
        p.set(.reverse, reverse)
        p.set(.unroll, unroll)
        return p
    }

    /// The parameters of a scan like `params` with a new body and counts.
    static func withBody(_ params: Params, _ body: ClosedJaxpr, consts: Int, carry: Int, reverse: Bool? = nil) throws(PyException) -> Params {
        let backwards: Bool
        if let reverse { backwards = reverse } else { backwards = try params.required(.reverse) }
        return ScanRules.params(body, length: try params.required(.length), consts: consts, carry: carry, reverse: backwards,
                                unroll: params[.unroll] ?? 1)
    }

    /// Result types: the carry as the body returns it, each y stacked `length` times.
    static func abstractEval(_ params: Params) throws(PyException) -> [ShapedArray] {
        let body = try params.required(.jaxpr)
        let carryCount = try params.required(.numCarry), length = try params.required(.length)
        let outs = body.jaxpr.outAvals
        return Array(outs.prefix(carryCount)) + outs.dropFirst(carryCount).map { $0.with(shape: [length] + $0.shape) }
    }

    /// Runs the compiled body `length` times (backwards when `reverse`), slicing the xs and
    /// stacking the ys; a binary search (`kind=searchsorted`) over a 1-D sorted array runs as
    /// one loop per query instead, with the same steps.
    static func evaluate(_ ctx: JaxContext, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray] {
        let body = try params.required(.jaxpr)
        let length = try params.required(.length)
        if let kind = params[.kind], kind.hasPrefix("searchsorted"),
           let found = SearchLoop.run(xs, length: length, right: kind == "searchsorted_right") {
            return found
        }
        let constCount = try params.required(.numConsts), carryCount = try params.required(.numCarry)
        let consts = Array(xs.prefix(constCount))
        var carry = Array(xs.dropFirst(constCount).prefix(carryCount))
        let scanned = Array(xs.dropFirst(constCount + carryCount))
        let yAvals = body.jaxpr.outAvals.dropFirst(carryCount)
        var ys: [[JaxArray]] = yAvals.map { _ in [] }
        let compiled = ctx.executables.executable(ctx, body)
        let reverse = params[.reverse] ?? false
        for step in 0..<length {
            try ctx.checkInterrupt()
            let i = reverse ? length - 1 - step : step
            var slices: [JaxArray] = []
            for x in scanned { slices.append(try Kernels.squeeze(try Kernels.slice(x, start: [i] + x.shape.dropFirst().map { _ in 0 },
                                                                                      limit: [i + 1] + x.shape.dropFirst(),
                                                                                      strides: x.shape.map { _ in 1 }), axes: [0])
                    .withKeyData(x.isKeyData)) }
            let outs = try compiled.run(ctx, consts: body.consts, consts + carry + slices)
            carry = Array(outs.prefix(carryCount))
            for (k, y) in outs.dropFirst(carryCount).enumerated() { ys[k].append(y) }
        }
        var stacked: [JaxArray] = []
        for (k, aval) in yAvals.enumerated() {
            if length == 0 {
                // typed keys are stored as their two uint32 words
                let words = aval.isKey ? [2] : []
                stacked.append(try Kernels.full(shape: [0] + aval.shape + words, value: .int(0), dtype: aval.isKey ? .uint32 : aval.dtype,
                                                limits: ctx.limits).withKeyData(aval.isKey))
                continue
            }
            let rows = reverse ? Array(ys[k].reversed()) : ys[k]
            var parts: [JaxArray] = []
            for row in rows { parts.append(try Kernels.expandDims(row, axes: [0])) }
            stacked.append(try Kernels.concatenate(parts, axis: 0).withWeakType(aval.weakType).withKeyData(aval.isKey))
        }
        return carry + stacked
    }

    /// `_scan_jvp`: the carries with a tangent found by a fixed point, then one scan of the
    /// JVP'd body over (consts, const tangents, carry, carry tangents, xs, xs tangents).
    static func jvp(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let body = try params.required(.jaxpr)
        let nc = try params.required(.numConsts), ncarry = try params.required(.numCarry)
        let nxs = xs.count - nc - ncarry, nys = body.jaxpr.outvars.count - ncarry
        let nonzero = ts.map { $0 != nil }
        let constNZ = Array(nonzero.prefix(nc)), xsNZ = Array(nonzero.dropFirst(nc + ncarry))
        var carryNZ = Array(nonzero.dropFirst(nc).prefix(ncarry))
        var jvpBody = body
        var outNZ: [Bool] = []
        for _ in 0...ncarry {
            (jvpBody, outNZ) = try JaxprTransforms.jvp(ctx, body, nonzeros: constNZ + carryNZ + xsNZ,
                                                       instantiate: carryNZ + Array(repeating: false, count: nys))
            let carryOut = Array(outNZ.prefix(ncarry))
            if carryOut == carryNZ { break }
            carryNZ = zip(carryNZ, carryOut).map { $0 || $1 }
        }
        // tangents for every input the body now differentiates (zeros for a carry made nonzero)
        var tangents: [JaxValue] = []
        let inNZ = constNZ + carryNZ + xsNZ
        for (i, nz) in inNZ.enumerated() where nz {
            if let t = ts[i] { tangents.append(t) } else { tangents.append(try Lax.zeros(ctx, xs[i].aval.with(weakType: false))) }
        }
        let ncd = constNZ.filter { $0 }.count, ncarryd = carryNZ.filter { $0 }.count
        let nxsd = xsNZ.filter { $0 }.count
        let rearranged = rearrange(jvpBody, primalGroups: [nc, ncarry, nxs], tangentGroups: [ncd, ncarryd, nxsd],
                                   outPrimalGroups: [ncarry, nys], outTangentGroups: [ncarryd, outNZ.filter { $0 }.count - ncarryd])
        let consts = Array(xs.prefix(nc)), carry = Array(xs.dropFirst(nc).prefix(ncarry)), scanned = Array(xs.dropFirst(nc + ncarry))
        let constDots = Array(tangents.prefix(ncd)), carryDots = Array(tangents.dropFirst(ncd).prefix(ncarryd))
        let xsDots = Array(tangents.dropFirst(ncd + ncarryd))
        let outs = try Tracing.bind(ctx, .scan, consts + constDots + carry + carryDots + scanned + xsDots,
                                    try withBody(params, rearranged, consts: nc + ncd, carry: ncarry + ncarryd))
        let primalCarry = Array(outs.prefix(ncarry)), tangentCarry = Array(outs.dropFirst(ncarry).prefix(ncarryd))
        let ys = Array(outs.dropFirst(ncarry + ncarryd).prefix(nys)), tangentYs = Array(outs.dropFirst(ncarry + ncarryd + nys))
        var dots = (tangentCarry + tangentYs).makeIterator()
        return (primalCarry + ys, outNZ.map { $0 ? dots.next() : nil })
    }

    /// `ad.rearrange_binders`: a JVP jaxpr over (primals..., tangents...) re-ordered to
    /// interleave groups: (p0, t0, p1, t1, ...) for inputs and outputs alike.
    static func rearrange(_ closed: ClosedJaxpr, primalGroups: [Int], tangentGroups: [Int],
                          outPrimalGroups: [Int], outTangentGroups: [Int]) -> ClosedJaxpr {
        func interleave<T>(_ items: [T], _ primal: [Int], _ tangent: [Int]) -> [T] {
            let primals = Array(items.prefix(primal.reduce(0, +))), tangents = Array(items.dropFirst(primal.reduce(0, +)))
            var out: [T] = [], p = 0, t = 0
            for (a, b) in zip(primal, tangent) {
                out += primals[p..<(p + a)] + tangents[t..<(t + b)]
                p += a
                t += b
            }
            return out
        }
        let j = closed.jaxpr
        return ClosedJaxpr(jaxpr: Jaxpr(constvars: j.constvars, invars: interleave(j.invars, primalGroups, tangentGroups), eqns: j.eqns,
                                        outvars: interleave(j.outvars, outPrimalGroups, outTangentGroups)), consts: closed.consts)
    }

    /// `_scan_partial_eval` (without JAX's hoisting of loop-invariant residuals): the carries
    /// that are unknown found by a fixed point; the known scan runs now and stacks the
    /// residuals that are not known consts or xs as extra outputs; the unknown scan is
    /// recorded reading the forwarded consts as consts and the rest as xs.
    static func partialEval(_ trace: PartialEvalTrace, _ ins: [PartialEvalTracer], _ params: Params) throws(PyException) -> [JaxValue] {
        let ctx = trace.ctx
        let body = try params.required(.jaxpr)
        let nc = try params.required(.numConsts), ncarry = try params.required(.numCarry)
        let nys = body.jaxpr.outvars.count - ncarry
        let unknown = ins.map { if case .unknown = $0.pval { return true } else { return false } }
        let constUK = Array(unknown.prefix(nc)), xsUK = Array(unknown.dropFirst(nc + ncarry))
        var carryUK = Array(unknown.dropFirst(nc).prefix(ncarry))
        var split = JaxprTransforms.Split(known: body, unknown: body, outUnknown: [], residualAvals: [])
        for _ in 0...ncarry {
            // consts and xs may be forwarded as residuals, carries may not
            let forwardable = constUK.filter { !$0 }.map { _ in true } + carryUK.filter { !$0 }.map { _ in false }
                + xsUK.filter { !$0 }.map { _ in true }
            split = try JaxprTransforms.partialEval(ctx, body, unknowns: constUK + carryUK + xsUK,
                                                    instantiate: carryUK + Array(repeating: false, count: nys), forwardable: forwardable)
            let carryOut = Array(split.outUnknown.prefix(ncarry))
            if carryOut == carryUK { break }
            carryUK = zip(carryUK, carryOut).map { $0 || $1 }
        }
        let allUK = constUK + carryUK + xsUK
        let tracers = zip(ins, allUK).map { t, uk in uk ? trace.instantiate(t) : t }
        var knownIns: [JaxValue] = []
        for t in tracers { if case .known(let v) = t.pval { knownIns.append(v) } }
        let ncKnown = constUK.filter { !$0 }.count, ncarryKnown = carryUK.filter { !$0 }.count
        let knownOutCount = split.outUnknown.filter { !$0 }.count
        let knownOuts = try Tracing.bind(ctx, .scan, knownIns, try withBody(params, split.known, consts: ncKnown, carry: ncarryKnown))
        // each residual: a forwarded const (read as a const), or a forwarded or stacked xs
        var stacked = knownOuts.dropFirst(knownOutCount).makeIterator()
        var intensive: [(Var, PartialEvalTracer)] = [], extensive: [(Var, PartialEvalTracer)] = []
        let resVars = Array(split.unknown.jaxpr.invars.prefix(split.residualAvals.count))
        for (v, forward) in zip(resVars, split.residualForwards) {
            let value: JaxValue
            if let f = forward { value = knownIns[f] } else if let next = stacked.next() { value = next } else {
                throw PyException("RuntimeError", "scan lost a residual")
            }
            let t = trace.instantiate(PartialEvalTracer(trace: trace, pval: .known(value), recipe: .none))
            if let f = forward, f < ncKnown { intensive.append((v, t)) } else { extensive.append((v, t)) }
        }
        let j = split.unknown.jaxpr
        let unknownBody = ClosedJaxpr(jaxpr: Jaxpr(constvars: j.constvars, invars: intensive.map(\.0) + j.invars.dropFirst(resVars.count) + extensive.map(\.0),
                                                   eqns: j.eqns, outvars: j.outvars), consts: split.unknown.consts)
        let unknownIns = tracers.filter { if case .unknown = $0.pval { return true } else { return false } }
        let staged = try trace.stage(.scan, intensive.map(\.1) + unknownIns + extensive.map(\.1),
                                     try withBody(params, unknownBody, consts: intensive.count + constUK.filter { $0 }.count,
                                                  carry: carryUK.filter { $0 }.count))
        var knownIter = knownOuts.prefix(knownOutCount).makeIterator(), stagedIter = staged.makeIterator()
        var results: [JaxValue] = []
        for uk in split.outUnknown {
            guard let next = uk ? stagedIter.next() : knownIter.next() else { throw PyException("RuntimeError", "scan lost an output") }
            results.append(next)
        }
        return results
    }

    /// `_scan_transpose`: for a scan linear in its trailing consts, its carries and its
    /// leading xs (the other consts and xs are residuals), a reversed scan whose carry
    /// accumulates the constants' cotangents next to the carry's, and whose ys are the xs'.
    static func transpose(_ ctx: JaxContext, _ cts: [JaxValue?], _ args: [TransposeArg], _ params: Params) throws(PyException) -> [JaxValue?] {
        let body = try params.required(.jaxpr)
        let nc = try params.required(.numConsts), ncarry = try params.required(.numCarry)
        let linear = args.map(\.isLinear)
        let constsLin = Array(linear.prefix(nc)), xsLin = Array(linear.dropFirst(nc + ncarry))
        let nires = constsLin.filter { !$0 }.count, neres = xsLin.filter { !$0 }.count
        guard constsLin == Array(repeating: false, count: nires) + Array(repeating: true, count: nc - nires),
              xsLin == Array(repeating: true, count: xsLin.count - neres) + Array(repeating: false, count: neres) else {
            throw PyException.notImplemented("Transpose rule (for reverse-mode differentiation) for 'scan' not implemented")
        }
        let ires = args.prefix(nires).compactMap(\.value), eres = args.suffix(neres).compactMap(\.value)
        let nys = body.jaxpr.outvars.count - ncarry
        let outAvals = try abstractEval(params)
        var ctCarry: [JaxValue] = []
        for (k, aval) in outAvals.prefix(ncarry).enumerated() {
            if let ct = cts[k] { ctCarry.append(ct) } else { ctCarry.append(try Lax.zeros(ctx, aval.with(weakType: false))) }
        }
        let ysGiven = cts.dropFirst(ncarry).map { $0 != nil }
        let ctYs = cts.dropFirst(ncarry).compactMap { $0 }
        var ctConsts: [JaxValue] = []
        for aval in body.jaxpr.inAvals[nires..<nc] { ctConsts.append(try Lax.zeros(ctx, aval.with(weakType: false))) }
        let transposed = try transposeBody(ctx, body, nires: nires, nlinConsts: nc - nires, ncarry: ncarry, neres: neres,
                                           ysGiven: Array(ysGiven), nys: nys)
        let outs = try Tracing.bind(ctx, .scan, ires + ctConsts + ctCarry + ctYs + eres,
                                    try withBody(params, transposed, consts: nires, carry: nc - nires + ncarry,
                                                 reverse: !(try params.required(.reverse))))
        let linConstCts = Array(outs.prefix(nc - nires)), carryCts = Array(outs.dropFirst(nc - nires).prefix(ncarry))
        let xsCts = Array(outs.dropFirst(nc - nires + ncarry))
        return Array(repeating: nil, count: nires) + linConstCts.map { Optional($0) } + carryCts.map { Optional($0) }
            + xsCts.map { Optional($0) } + Array(repeating: nil, count: neres)
    }

    /// `_transpose_scan_jaxpr`: (ires, const ct accumulators, carry cts, ys cts, eres) to
    /// (accumulators plus this step's const cts, the carry's cts, the xs' cts). The
    /// accumulators seed the constants' cotangents, so each step adds to them where its
    /// cotangent arrives, as JAX's `ValAccum`s do.
    private static func transposeBody(_ ctx: JaxContext, _ body: ClosedJaxpr, nires: Int, nlinConsts: Int, ncarry: Int, neres: Int,
                                      ysGiven: [Bool], nys: Int) throws(PyException) -> ClosedJaxpr {
        let inner = body.jaxpr
        let inAvals = inner.inAvals
        let iresAvals = Array(inAvals.prefix(nires)), linConstAvals = Array(inAvals[nires..<(nires + nlinConsts)])
        let carryAvals = Array(inAvals[(nires + nlinConsts)..<(nires + nlinConsts + ncarry)])
        let linXsCount = inAvals.count - nires - nlinConsts - ncarry - neres
        let linXsAvals = Array(inAvals.dropFirst(nires + nlinConsts + ncarry).prefix(linXsCount))
        let eresAvals = Array(inAvals.suffix(neres))
        let yAvals = zip(inner.outAvals.dropFirst(ncarry), ysGiven).filter(\.1).map(\.0)
        let strong = { (a: ShapedArray) in a.with(weakType: false) }
        let traced = try Tracing.traceToJaxpr(ctx, iresAvals + linConstAvals.map(strong) + carryAvals.map(strong) + yAvals.map(strong) + eresAvals) {
            ins throws(PyException) -> [JaxValue] in
            let ires = Array(ins.prefix(nires))
            let accumulators = Array(ins[nires..<(nires + nlinConsts)])
            let carryCts = Array(ins[(nires + nlinConsts)..<(nires + nlinConsts + ncarry)])
            var ysCts = Array(ins.dropFirst(nires + nlinConsts + ncarry).prefix(yAvals.count)).makeIterator()
            let eres = Array(ins.suffix(neres))
            let knownVars = Array(inner.invars.prefix(nires)) + Array(inner.invars.suffix(neres))
            let linearVars = Array(inner.invars.dropFirst(nires).dropLast(neres))
            let open = Jaxpr(constvars: inner.constvars + knownVars, invars: linearVars, eqns: inner.eqns, outvars: inner.outvars)
            var cts: [JaxValue?] = carryCts.map { Optional($0) }
            for given in ysGiven { cts.append(given ? ysCts.next() : nil) }
            var seeds: [Var: JaxValue] = [:]
            for (v, acc) in zip(linearVars.prefix(nlinConsts), accumulators) { seeds[v] = acc }
            // the constants' and carries' cotangents accumulate in the (strong) types of their
            // accumulators, which JAX's transpose rules see as the operands' types
            var accumulatorAvals: [Var: ShapedArray] = [:]
            for v in linearVars.prefix(nlinConsts + ncarry) { accumulatorAvals[v] = strong(v.aval) }
            let results = try Transpose.backwardPass(ctx, open, body.consts + ires + eres, cts, seeds: seeds,
                                                     linearAvals: accumulatorAvals)
            var outs: [JaxValue] = []
            for (ct, aval) in zip(results, linConstAvals + carryAvals + linXsAvals) {
                if let ct { outs.append(ct) } else { outs.append(try Lax.zeros(ctx, aval.with(weakType: false))) }
            }
            return outs
        }
        return JaxprTransforms.opened(traced)
    }

    /// lax's scan batching rule: a carry is batched when its initial value or any step makes
    /// it so (a fixed point); consts and carries carry the batch axis first, xs and ys second
    /// (their first axis is the one scanned).
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let body = try params.required(.jaxpr)
        let nc = try params.required(.numConsts), ncarry = try params.required(.numCarry)
        let nys = body.jaxpr.outvars.count - ncarry
        let constBatched = dims.prefix(nc).map { $0 != nil }
        let xsBatched = dims.dropFirst(nc + ncarry).map { $0 != nil }
        var carryBatched = dims.dropFirst(nc).prefix(ncarry).map { $0 != nil }
        var batchedBody = body
        var outBatched: [Bool] = []
        for _ in 0...ncarry {
            (batchedBody, outBatched) = try JaxprTransforms.batch(ctx, body, size: size, batched: constBatched + carryBatched + xsBatched,
                                                                  instantiate: carryBatched + Array(repeating: false, count: nys))
            let carryOut = Array(outBatched.prefix(ncarry))
            if carryOut == carryBatched { break }
            carryBatched = zip(carryBatched, carryOut).map { $0 || $1 }
        }
        var operands: [JaxValue] = []
        for (i, (x, d)) in zip(xs, dims).enumerated() {
            if i >= nc + ncarry {
                operands.append(try d.map { (d: Int) throws(PyException) -> JaxValue in try Lax.moveAxis(ctx, x, from: d, to: 1) } ?? x)
            } else if let d {
                operands.append(try Lax.moveAxis(ctx, x, from: d, to: 0))
            } else if i >= nc && carryBatched[i - nc] {
                operands.append(try Lax.broadcastInDim(ctx, x, shape: [size] + x.shape, dims: Array(1..<(x.rank + 1)), numpyDims: true))
            } else {
                operands.append(x)
            }
        }
        var p = params
        p.set(.jaxpr, batchedBody)
        let outs = try Tracing.bind(ctx, .scan, operands, p)
        return (outs, carryBatched.map { $0 ? 0 : nil } + outBatched.dropFirst(ncarry).map { $0 ? 1 : nil })
    }
}
