/// A value under vmap: the batched value and the axis the batch runs along (nil: not batched).
final class BatchTracer: Tracer {
    let value: JaxValue
    let batchDim: Int?

    init(trace: Trace, value: JaxValue, batchDim: Int?) {
        self.value = value
        self.batchDim = batchDim
        var aval = value.aval
        if let d = batchDim, d < aval.shape.count { aval.shape.remove(at: d) }
        super.init(trace: trace, aval: aval)
    }

    override func fullLower() -> JaxValue {
        if batchDim == nil {
            if case .tracer(let t) = value { return t.fullLower() }
            return value
        }
        return .tracer(self)
    }

    /// As JAX prints a value inside vmap: `VmapTracer(aval=float32[3], batched=float32[2,3])`.
    override var description: String { "VmapTracer(aval=\(aval), batched=\(value.aval))" }

    override var typeName: String { "BatchTracer" }
}

/// The vmap trace; `size` is the length of the mapped axis.
final class BatchTrace: Trace {
    let size: Int

    init(main: MainTrace, ctx: JaxContext, size: Int) {
        self.size = size
        super.init(main: main, ctx: ctx)
    }

    override func pure(_ value: JaxArray) throws(PyException) -> Tracer {
        BatchTracer(trace: self, value: .array(value), batchDim: nil)
    }

    override func lift(_ tracer: Tracer) throws(PyException) -> Tracer {
        BatchTracer(trace: self, value: .tracer(tracer), batchDim: nil)
    }

    override func processPrimitive(_ prim: Primitive, _ tracers: [Tracer], _ params: Params) throws(PyException) -> [JaxValue] {
        var values: [JaxValue] = []
        var dims: [Int?] = []
        for t in tracers {
            guard let b = t as? BatchTracer else { throw Tracing.leakedTracer(t) }
            values.append(b.value)
            dims.append(b.batchDim)
        }
        if dims.allSatisfy({ $0 == nil }) {
            return try Tracing.bind(ctx, prim, values, params)
        }
        if prim == .jit, let inner = params.jaxpr("jaxpr") {
            do {
                return try batchedJit(inner, values, dims, params)
            } catch where error.kind == "NotImplementedError" {
                // a rule that needs a concrete operand (a scatter index) sees it once inlined
                return try inner.call(ctx, tracers.map { .tracer($0) })
            }
        }
        let (outs, outDims) = try BatchRules.apply(ctx, prim, values, dims, params, size: size)
        return zip(outs, outDims).map { .tracer(BatchTracer(trace: self, value: $0, batchDim: $1)) }
    }
}

extension BatchTrace {
    /// vmap of a `jit` equation stays one `jit` equation (as JAX's pjit batching rule): its
    /// jaxpr is batched, so the call still compiles (with XLA's fusion numerics) and prints
    /// as a nested jaxpr over the batched values.
    func batchedJit(_ inner: ClosedJaxpr, _ values: [JaxValue], _ dims: [Int?], _ params: Params) throws(PyException) -> [JaxValue] {
        var outDims: [Int?] = []
        let size = self.size
        let batched = try Tracing.traceToJaxpr(ctx, values.map(\.aval)) { [ctx] ins throws(PyException) -> [JaxValue] in
            let results = try Tracing.batch(ctx, size: size, ins, dims) { tracers throws(PyException) -> [JaxValue] in
                try inner.call(ctx, tracers)
            }
            outDims = results.map(\.1)
            return results.map(\.0)
        }
        var name = "jit"
        if case .text(let n)? = params["name"] { name = n }
        let outs = try Tracing.bindJit(ctx, name: name, batched, values)
        return zip(outs, outDims).map { .tracer(BatchTracer(trace: self, value: $0, batchDim: $1)) }
    }
}

extension Tracing {
    /// Runs `body` on values batched along `dims` (nil: unbatched) and returns each output
    /// with its batch axis (nil when the output does not depend on the batch).
    static func batch(_ ctx: JaxContext, size: Int, _ values: [JaxValue], _ dims: [Int?],
                      _ body: ([JaxValue]) throws(PyException) -> [JaxValue]) throws(PyException) -> [(JaxValue, Int?)] {
        try withMain(ctx, makeTrace: { [unowned ctx] main in BatchTrace(main: main, ctx: ctx, size: size) }) { main throws(PyException) in
            let trace = BatchTrace(main: main, ctx: ctx, size: size)
            let ins = zip(values, dims).map { JaxValue.tracer(BatchTracer(trace: trace, value: $0, batchDim: $1)) }
            let outs = try body(ins)
            var results: [(JaxValue, Int?)] = []
            for out in outs {
                let t = try trace.fullRaise(out)
                guard let b = t as? BatchTracer else { throw Tracing.leakedTracer(t) }
                results.append((b.value, b.batchDim))
            }
            return results
        }
    }
}
