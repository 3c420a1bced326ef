/// `dynamic_slice` and `dynamic_update_slice`: a window at traced start indices (clamped so it
/// stays inside the operand, as XLA does). Indexing with a traced integer lowers to the first;
/// the second is its transpose. Their JVP, transpose and batching rules live here.
enum DynamicSliceRules {
    static func slice(_ ctx: JaxContext, _ x: JaxValue, _ starts: [JaxValue], sizes: [Int]) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .dynamicSlice, [x] + starts, Params([("slice_sizes", .ints(sizes))]))
    }

    static func update(_ ctx: JaxContext, _ x: JaxValue, _ update: JaxValue, _ starts: [JaxValue]) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .dynamicUpdateSlice, [x, update] + starts)
    }

    /// `update` written into `x` at the clamped starts.
    static func evaluateUpdate(_ xs: [JaxArray]) throws(PyException) -> JaxArray {
        guard xs.count >= 2 else { throw PyException.typeError("dynamic_update_slice takes an operand and an update") }
        let x = xs[0], u = Kernels.cast(xs[1], to: xs[0].dtype, semantics: .jax)
        guard u.rank == x.rank, xs.count == 2 + x.rank, zip(u.shape, x.shape).allSatisfy({ $0 <= $1 }) else {
            throw PyException.typeError("dynamic_update_slice update shape \(Shape.describe(u.shape)) must fit operand shape \(Shape.describe(x.shape)) with one start index per axis")
        }
        let items: [IndexItem] = (0..<x.rank).map { d in
            let start = Int(truncatingIfNeeded: xs[2 + d].storage.int64(at: 0))
            let clamped = Swift.min(Swift.max(start, 0), x.shape[d] - u.shape[d])
            return .slice(start: clamped, stop: clamped + u.shape[d], step: 1)
        }
        return try Kernels.scatter(x, items, updates: u, mode: .set, semantics: .jax)
    }

    static func jvp(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ ts: [JaxValue?],
                    _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let out = try Tracing.bind1(ctx, prim, xs, params)
        if prim == .dynamicSlice {
            guard let t = ts[0] else { return ([out], [nil]) }
            return ([out], [try Tracing.bind1(ctx, prim, [t] + xs.dropFirst(), params)])
        }
        guard ts[0] != nil || ts[1] != nil else { return ([out], [nil]) }
        let tx: JaxValue, tu: JaxValue
        if let t = ts[0] { tx = t } else { tx = try Lax.zeros(ctx, xs[0].aval) }
        if let t = ts[1] { tu = t } else { tu = try Lax.zeros(ctx, xs[1].aval) }
        return ([out], [try Tracing.bind1(ctx, prim, [tx, tu] + xs.dropFirst(2), params)])
    }

    static func transpose(_ ctx: JaxContext, _ prim: Primitive, _ ct: JaxValue, _ args: [TransposeArg],
                          _ params: Params) throws(PyException) -> [JaxValue?] {
        var starts: [JaxValue] = []
        let indexArgs = prim == .dynamicSlice ? args.dropFirst() : args.dropFirst(2)
        for a in indexArgs {
            guard let v = a.value else { throw PyException.typeError("\(prim.name) start indices cannot be differentiated") }
            starts.append(v)
        }
        if prim == .dynamicSlice {
            let zeros = try Lax.zeros(ctx, args[0].aval.with(weakType: false))
            return [try update(ctx, zeros, ct, starts)] + starts.map { _ in nil }
        }
        let operandCt = args[0].isLinear ? try update(ctx, ct, try Lax.zeros(ctx, args[1].aval), starts) : nil
        let updateCt = args[1].isLinear ? try slice(ctx, ct, starts, sizes: args[1].aval.shape) : nil
        return [operandCt, updateCt] + starts.map { _ in nil }
    }
}
