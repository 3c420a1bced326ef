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
        let (outs, outDims) = try prim.batch(ctx, values, dims, params, size: size)
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

/// The batching helpers the primitives' rules share (jax/_src/interpreters/batching.py).
enum Batching {
    /// `batching.broadcast_batcher`: operands that agree on shape and batch axis (and
    /// scalars) go straight through; otherwise batch axes move to the front and unbatched
    /// operands gain a size-1 leading axis.
    static func broadcast(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ dims: [Int?], _ params: Params) throws(PyException) -> ([JaxValue], [Int?]) {
        guard let first = zip(xs, dims).first(where: { $0.1 != nil }), let dim = first.1 else {
            return ([try Tracing.bind1(ctx, prim, xs, params)], [nil])
        }
        let shape = first.0.shape
        if zip(xs, dims).allSatisfy({ x, d in x.rank == 0 || (x.shape == shape && d == dim) }) {
            return ([try Tracing.bind1(ctx, prim, xs, params)], [dim])
        }
        var args: [JaxValue] = []
        for (x, d) in zip(xs, dims) {
            if x.rank == 0 { args.append(x); continue }
            if let d {
                args.append(try Lax.moveAxis(ctx, x, from: d, to: 0))
            } else {
                args.append(try Lax.broadcastInDim(ctx, x, shape: [1] + x.shape, dims: Array(1..<(x.rank + 1)), numpyDims: true))
            }
        }
        let rank = args.map(\.rank).max() ?? 0
        var final: [JaxValue] = []
        for (x, d) in zip(args, dims) {
            if d == nil || x.rank == rank { final.append(x); continue }
            final.append(try Lax.expandDims(ctx, x, Array(x.rank..<rank)))
        }
        return ([try Tracing.bind1(ctx, prim, final, params)], [0])
    }

    /// Moves the batch axis to the front, materialising it for unbatched values.
    static func atFront(_ ctx: JaxContext, _ x: JaxValue, _ d: Int?, size: Int) throws(PyException) -> JaxValue {
        guard let d else {
            return try Lax.broadcastInDim(ctx, x, shape: [size] + x.shape, dims: Array(1..<(x.rank + 1)), numpyDims: true)
        }
        return try Lax.moveAxis(ctx, x, from: d, to: 0)
    }

    /// Batched operands with their batch axis first; unbatched ones as they are.
    static func moveToFront(_ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?]) throws(PyException) -> [JaxValue] {
        var moved: [JaxValue] = []
        for (x, d) in zip(xs, dims) {
            moved.append(try d.map { (d: Int) throws(PyException) -> JaxValue in try Lax.moveAxis(ctx, x, from: d, to: 0) } ?? x)
        }
        return moved
    }

    /// vmap by running the primitive once per example and stacking the results along a new
    /// leading axis: for the update primitives (dynamic_update_slice, scatters with dimension
    /// numbers), whose batches are small where they arise.
    static func perExample(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                           size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let moved = try moveToFront(ctx, xs, dims)
        if size == 0 {
            let unbatched = zip(moved, dims).map { x, d in d == nil ? x.aval : x.aval.with(shape: Array(x.shape.dropFirst())) }
            guard let out = try prim.abstractEval(unbatched, params).first else { return ([], []) }
            return ([try Lax.zeros(ctx, out.with(shape: [0] + out.shape))], [0])
        }
        var rows: [JaxValue] = []
        for b in 0..<size {
            var parts: [JaxValue] = []
            for (x, d) in zip(moved, dims) { parts.append(d == nil ? x : try Lax.index(ctx, x, b)) }
            rows.append(try Lax.expandDims(ctx, try Tracing.bind1(ctx, prim, parts, params), [0]))
        }
        return ([try Tracing.bind1(ctx, .concatenate, rows, Params().with(.dimension, 0))], [0])
    }

    /// A batch axis `d` of an operand shifts every axis parameter at or after it by one.
    static func shift(_ axes: [Int], past d: Int) -> [Int] {
        axes.map { $0 < d ? $0 : $0 + 1 }
    }
}
