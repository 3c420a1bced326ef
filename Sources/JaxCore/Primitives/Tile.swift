/// `tile`: the operand repeated `reps[i]` times along each axis i (lax's `tile_p`). Linear;
/// its transpose sums the copies, and a vmapped axis is tiled once.
extension Primitive {
    static let tile: Primitive = structural("tile", abstractEval: { ins, params throws(PyException) in
        let x = try Operands.first(ins)
        let reps = try params.required(.reps)
        guard reps.count == x.rank else {
            throw PyException.typeError("reps length must be equal to the ndim of x, got len(reps)=\(reps.count) and x.ndim=\(x.rank).")
        }
        var shape: [Int] = []
        for (size, r) in zip(x.shape, reps) {
            let (n, overflow) = size.multipliedReportingOverflow(by: r)
            if overflow || r < 0 { throw PyException.valueError("tile: the result's shape is too large or negative") }
            shape.append(n)
        }
        return [x.with(shape: shape)]
    }, evaluate: { x, params, keys throws(PyException) in
        // XLA's lowering: each axis gets a leading size-1 axis, broadcast to its repetitions
        let reps = try params.required(.reps), shape = keys ? Array(x.shape.dropLast()) : x.shape
        let word = keys ? [2] : []
        let interleaved = try Kernels.reshape(x, to: shape.flatMap { [1, $0] } + word)
        let pairs = zip(reps, shape).flatMap { [$0, $1] }
        let spread = try Kernels.broadcastInDim(interleaved, shape: pairs + word, broadcastDimensions: Array(0..<interleaved.rank))
        return try Kernels.reshape(spread, to: zip(reps, shape).map { $0 * $1 } + word)
    }, transpose: .linear { _, ctx, ct, args, params throws(PyException) in
        let reps = try params.required(.reps), shape = args[0].aval.shape
        let split = try Lax.reshape(ctx, ct, zip(reps, shape).flatMap { [$0, $1] })
        return [try Lax.reduceSum(ctx, split, axes: (0..<shape.count).map { 2 * $0 })]
    }, batch: .rule { prim, ctx, xs, dims, params, _ throws(PyException) in
        guard let d = dims[0] else { throw prim.missingRule(.batching) }
        var reps = try params.required(.reps)
        reps.insert(1, at: Swift.min(d, reps.count))
        return ([try Tracing.bind1(ctx, .tile, xs, params.with(.reps, reps))], [d])
    })
}
