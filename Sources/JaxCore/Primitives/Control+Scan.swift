/// The rules of `scan` in the form `lax.scan(body, init, (), length=n)` takes: a loop that
/// threads a carry through `length` calls of a body jaxpr (constants first, then the carry; no
/// scanned inputs or stacked outputs).
enum ScanRules {
    /// Traces `body(consts, carry) -> carry` and binds a scan of `length` steps over it.
    /// `kind` names a loop the evaluator knows (see `evaluate`); it is not printed.
    static func loop(_ ctx: JaxContext, consts: [JaxValue], carry: [JaxValue], length: Int, kind: String? = nil,
                     _ body: ([JaxValue], [JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [JaxValue] {
        let closed = try Tracing.traceToJaxpr(ctx, (consts + carry).map(\.aval)) { ins throws(PyException) -> [JaxValue] in
            try body(Array(ins.prefix(consts.count)), Array(ins.dropFirst(consts.count)))
        }
        guard closed.jaxpr.outAvals.map(\.short) == carry.map(\.aval.short) else {
            throw PyException.typeError("scan body function carry input and carry output must have equal types")
        }
        // values the body closed over become leading constants of the loop
        let inner = ClosedJaxpr(jaxpr: Jaxpr(constvars: [], invars: closed.jaxpr.constvars + closed.jaxpr.invars,
                                             eqns: closed.jaxpr.eqns, outvars: closed.jaxpr.outvars), consts: [])
        let operands = closed.consts + consts + carry
        var p = params(inner, length: length, consts: closed.consts.count + consts.count, carry: carry.count)
        if let kind, closed.consts.isEmpty { p.set(.kind, kind, shown: false) }
        return try Tracing.bind(ctx, .scan, operands, p)
    }

    static func params(_ body: ClosedJaxpr, length: Int, consts: Int, carry: Int) -> Params {
        var p = Params()
        p.set(.jaxpr, body)
        p.set(.length, length)
        p.set(.numCarry, carry)
        p.set(.numConsts, consts)
        p.set(.reverse, false)
        p.set(.unroll, 1)
        return p
    }

    /// Runs the compiled body `length` times; a binary search (`kind=searchsorted`) over a 1-D
    /// sorted array runs as one loop per query instead, with the same steps.
    static func evaluate(_ ctx: JaxContext, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray] {
        let body = try params.required(.jaxpr)
        if params[.kind] == "searchsorted", let found = SearchLoop.run(xs, length: try params.required(.length)) {
            return found
        }
        let constCount = try params.required(.numConsts)
        let consts = Array(xs.prefix(constCount))
        var carry = Array(xs.dropFirst(constCount))
        let compiled = CompiledFunction(body)
        for _ in 0..<(try params.required(.length)) {
            try ctx.checkInterrupt()
            carry = try compiled.run(ctx, consts + carry)
        }
        return carry
    }

    /// lax's scan batching rule: a carry is batched when its initial value or any step makes
    /// it so (found by iterating to a fixed point); batched values carry the batch axis first.
    static func batch(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                      size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let body = try params.required(.jaxpr)
        let constCount = try params.required(.numConsts), carryCount = try params.required(.numCarry)
        let constBatched = dims.prefix(constCount).map { $0 != nil }
        let initBatched = dims.dropFirst(constCount).map { $0 != nil }
        var carryBatched = initBatched
        var batchedBody = body
        for _ in 0...carryCount {
            let (jaxpr, outBatched) = try batchJaxpr(ctx, body, size: size, batched: constBatched + carryBatched, instantiate: carryBatched)
            batchedBody = jaxpr
            if outBatched == carryBatched { break }
            carryBatched = zip(carryBatched, outBatched).map { $0 || $1 }
        }
        var operands: [JaxValue] = []
        for (i, (x, d)) in zip(xs, dims).enumerated() {
            if let d {
                operands.append(try Lax.moveAxis(ctx, x, from: d, to: 0))
            } else if i >= constCount && carryBatched[i - constCount] {
                operands.append(try Lax.broadcastInDim(ctx, x, shape: [size] + x.shape, dims: Array(1..<(x.rank + 1)), numpyDims: true))
            } else {
                operands.append(x)
            }
        }
        var p = params
        p.set(.jaxpr, batchedBody)
        let outs = try Tracing.bind(ctx, .scan, operands, p)
        return (outs, carryBatched.map { $0 ? 0 : nil })
    }

    /// The body traced under vmap with the given inputs batched along their first axis; outputs
    /// marked `instantiate` are batched (axis first) even when the body leaves them unbatched.
    static func batchJaxpr(_ ctx: JaxContext, _ body: ClosedJaxpr, size: Int, batched: [Bool],
                           instantiate: [Bool]) throws(PyException) -> (ClosedJaxpr, [Bool]) {
        let avals = zip(body.jaxpr.inAvals, batched).map { aval, b in b ? aval.with(shape: [size] + aval.shape) : aval }
        var outBatched: [Bool] = []
        let jaxpr = try Tracing.traceToJaxpr(ctx, avals) { ins throws(PyException) -> [JaxValue] in
            let results = try Tracing.batch(ctx, size: size, ins, batched.map { $0 ? 0 : nil }) { tracers throws(PyException) -> [JaxValue] in
                try body.call(ctx, tracers)
            }
            var outs: [JaxValue] = []
            outBatched = []
            for (i, (value, dim)) in results.enumerated() {
                let force = i < instantiate.count && instantiate[i]
                if let dim {
                    outs.append(try Lax.moveAxis(ctx, value, from: dim, to: 0))
                } else if force {
                    outs.append(try Lax.broadcastInDim(ctx, value, shape: [size] + value.shape, dims: Array(1..<(value.rank + 1)), numpyDims: true))
                } else {
                    outs.append(value)
                }
                outBatched.append(dim != nil || force)
            }
            return outs
        }
        return (jaxpr, outBatched)
    }

    /// Loops whose carries are all integers or booleans have no tangents; the searches built
    /// on scan are of that kind.
    static func jvp(_ ctx: JaxContext, _ xs: [JaxValue], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let outs = try Tracing.bind(ctx, .scan, xs, params)
        guard outs.allSatisfy({ !$0.dtype.isFloating }) else {
            throw PyException.notImplemented("Differentiation of a scan with floating-point carries is not supported")
        }
        return (outs, Array(repeating: nil, count: outs.count))
    }
}
