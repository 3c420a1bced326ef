/// jax.numpy's functions that move, repeat or mask elements without arithmetic on them:
/// `roll`, `tile`, `repeat`, `diff`, `tril`/`triu`, `trace`, `diag` and `meshgrid`, each staged
/// with the primitives (and jitted helpers) JAX's own versions stage.
extension JNP {
    /// `lax.slice_in_dim(a, start, limit, axis)`: a slice printed with unit strides.
    private static func sliceInDim(_ ctx: JaxContext, _ a: JaxValue, _ start: Int, _ limit: Int, axis: Int) throws(PyException) -> JaxValue {
        var starts = Array(repeating: 0, count: a.rank), limits = a.shape
        starts[axis] = start
        limits[axis] = limit
        var params = Params()
        params.set(.limitIndices, limits)
        params.set(.startIndices, starts)
        params.set(.strides, Array(repeating: 1, count: a.rank))
        return try Tracing.bind1(ctx, .slice, [a], params)
    }

    /// `jnp.roll(a, shift, axis)` with static shifts: JAX's jitted `_roll_static`, two slices
    /// and a concatenate per axis; without an axis the flattened array rolls.
    public static func roll(_ ctx: JaxContext, _ a: JaxValue, shifts: [Int], axes: [Int]?) throws(PyException) -> JaxValue {
        guard let axes else {
            let rolled = try roll(ctx, try ravel(ctx, a), shifts: shifts, axes: [0])
            return try reshape(ctx, rolled, a.shape)
        }
        let normalized = try axes.map { (axis: Int) throws(PyException) in try AxisRules.normalize(axis, rank: a.rank) }
        // np.broadcast_arrays(axis, shift)
        let count = Swift.max(normalized.count, shifts.count)
        guard normalized.count == count || normalized.count == 1, shifts.count == count || shifts.count == 1 else {
            throw PyException.valueError("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (\(normalized.count),) and arg 1 with shape (\(shifts.count),).")
        }
        let pairs = (0..<count).map { (normalized[normalized.count == 1 ? 0 : $0], shifts[shifts.count == 1 ? 0 : $0]) }
        return try jitted(ctx, name: "_roll_static", [a], cacheKey: "\(pairs)") { args throws(PyException) -> JaxValue in
            var x = args[0]
            for (axis, shift) in pairs where x.shape[axis] != 0 {
                let size = x.shape[axis]
                let i = ((-(shift % size)) % size + size) % size
                let parts = [try sliceInDim(ctx, x, i, size, axis: axis), try sliceInDim(ctx, x, 0, i, axis: axis)]
                x = try Tracing.bind1(ctx, .concatenate, parts, Params().with(.dimension, axis))
            }
            return x
        }
    }

    /// `jnp.tile(A, reps)`: reps padded with ones (or A given leading axes) to one rank, then
    /// lax's `tile` primitive.
    public static func tile(_ ctx: JaxContext, _ a: JaxValue, _ reps: [Int]) throws(PyException) -> JaxValue {
        if let negative = reps.first(where: { $0 < 0 }) {
            throw PyException.valueError("negative dimensions are not allowed, got reps containing \(negative)")
        }
        let full = Array(repeating: 1, count: Swift.max(a.rank - reps.count, 0)) + reps
        var x = a
        if full.count > a.rank { x = try Lax.expandDims(ctx, x, Array(0..<(full.count - a.rank))) }
        return try Tracing.bind1(ctx, .tile, [x], Params().with(.reps, full))
    }

    /// `jnp.repeat(a, repeats, axis)` with one static repeat count: each element repeated in
    /// place, as a broadcast into a new axis after `axis` and a reshape; without an axis the
    /// flattened array.
    public static func repeatEach(_ ctx: JaxContext, _ a: JaxValue, _ repeats: Int, axis: Int?) throws(PyException) -> JaxValue {
        guard repeats >= 0 else { throw PyException.valueError("repeats may not contain negative values.") }
        var x = a
        let ax: Int
        if let axis { ax = try AxisRules.normalize(axis, rank: a.rank) } else {
            x = try ravel(ctx, a)
            ax = 0
        }
        var expanded = x.shape
        expanded.insert(repeats, at: ax + 1)
        let dims = (0..<x.rank).map { $0 <= ax ? $0 : $0 + 1 }
        let broadcast = try Lax.broadcastInDim(ctx, x, shape: expanded, dims: dims)
        var out = x.shape
        let (size, overflow) = out[ax].multipliedReportingOverflow(by: repeats)
        if overflow { throw PyException.memoryError("repeat: the result is too large to allocate") }
        out[ax] = size
        return try Lax.reshape(ctx, broadcast, out)
    }

    /// `jnp.diff(a, n, axis)`: JAX's jitted `diff`, neighbours subtracted `n` times (`!=` for
    /// booleans).
    public static func diff(_ ctx: JaxContext, _ a: JaxValue, n: Int, axis: Int, prepend: JaxValue? = nil,
                            append: JaxValue? = nil) throws(PyException) -> JaxValue {
        if n == 0 { return a }
        guard n > 0 else { throw PyException.valueError("order must be non-negative but got \(n)") }
        guard a.rank > 0 else { throw PyException.valueError("diff requires input that is at least one dimensional; got \(a)") }
        let ax = try AxisRules.normalize(axis, rank: a.rank)
        let extras = [prepend, append].compactMap { $0 }
        return try jitted(ctx, name: "diff", [a] + extras,
                          cacheKey: "\(n)|\(ax)|\(prepend != nil)|\(append != nil)") { args throws(PyException) -> JaxValue in
            var x = args[0]
            if args.count > 1 {
                // a scalar prepend or append becomes one slice of the array's shape
                var edge = x.shape
                edge[ax] = 1
                func piece(_ v: JaxValue) throws(PyException) -> JaxValue { v.rank == 0 ? try broadcastTo(ctx, v, edge) : v }
                var parts = [x]
                var next = 1
                if prepend != nil {
                    parts.insert(try piece(args[next]), at: 0)
                    next += 1
                }
                if append != nil { parts.append(try piece(args[next])) }
                x = try concatenate(ctx, parts, axis: ax)
            }
            for _ in 0..<n {
                let size = x.shape[ax]
                var start = Array(repeating: 0, count: x.rank), limit = x.shape
                start[ax] = Swift.min(1, size)
                let upper = try Lax.slice(ctx, x, start: start, limit: limit)
                start[ax] = 0
                limit[ax] = Swift.max(size - 1, 0)
                let lower = try Lax.slice(ctx, x, start: start, limit: limit)
                x = x.dtype == .bool ? try bind(ctx, .ne, [upper, lower]) : try bind(ctx, .sub, [upper, lower])
            }
            return x
        }
    }

    /// `jnp.tril(m, k)` (lower) or `jnp.triu(m, k)`: JAX's jitted function, a `tri` mask of the
    /// last two axes and one select.
    public static func triangle(_ ctx: JaxContext, _ m: JaxValue, k: Int, lower: Bool) throws(PyException) -> JaxValue {
        let k = offsetInRange(k)
        let name = lower ? "tril" : "triu"
        guard m.rank >= 2 else { throw PyException.valueError("Argument to jax.numpy.\(name) must be at least 2D") }
        return try jitted(ctx, name: name, [m], cacheKey: "\(k)") { args throws(PyException) -> JaxValue in
            let x = args[0]
            let n = x.shape[x.rank - 2], cols = x.shape[x.rank - 1]
            // jnp.tri(N, M, k): row + k >= column
            let rows = try Lax.iota(ctx, .int32, shape: [n, cols], dimension: 0)
            let shifted = try bind(ctx, .add, [rows, constant(.int(Int64(lower ? k : k - 1)), .int32)])
            let columns = try Lax.iota(ctx, .int32, shape: [n, cols], dimension: 1)
            var mask = try bind(ctx, .ge, [shifted, columns])
            if x.rank > 2 {
                mask = try Lax.broadcastInDim(ctx, mask, shape: x.shape, dims: [x.rank - 2, x.rank - 1])
            }
            let zeros = try Lax.full(ctx, x.shape, .int(0), dtype: x.dtype)
            return lower ? try Lax.select(ctx, mask, zeros, x) : try Lax.select(ctx, mask, x, zeros)
        }
    }

    /// A diagonal offset held to int32, the dtype JAX computes it in; beyond that range every
    /// mask is all true or all false anyway.
    private static func offsetInRange(_ k: Int) -> Int {
        Swift.min(Swift.max(k, Int(Int32.min) + 1), Int(Int32.max))
    }

    /// jnp's boolean `eye(n, m, k)` as traced code: two iotas compared.
    private static func eyeMask(_ ctx: JaxContext, _ n: Int, _ m: Int, k: Int) throws(PyException) -> JaxValue {
        let rows = try Lax.iota(ctx, .int32, shape: [n, m], dimension: 0)
        let columns = try Lax.iota(ctx, .int32, shape: [n, m], dimension: 1)
        return try bind(ctx, .eq, [try bind(ctx, .add, [rows, constant(.int(Int64(k)), .int32)]), columns])
    }

    /// `jnp.trace(a, offset, axis1, axis2)`: JAX's jitted `trace`, the diagonal masked in and
    /// the two axes summed.
    public static func trace(_ ctx: JaxContext, _ a: JaxValue, offset: Int, axis1: Int, axis2: Int, dtype: DType?) throws(PyException) -> JaxValue {
        let offset = offsetInRange(offset)
        let a1 = try AxisRules.normalize(axis1, rank: a.rank), a2 = try AxisRules.normalize(axis2, rank: a.rank)
        guard a1 != a2 else { throw PyException.valueError("axis1 and axis2 can not be same. axis1=\(axis1) and axis2=\(axis2)") }
        return try jitted(ctx, name: "trace", [a], cacheKey: "\(offset)|\(a1)|\(a2)|\(String(describing: dtype))") { args throws(PyException) -> JaxValue in
            var x = args[0]
            let rest = (0..<x.rank).filter { $0 != a1 && $0 != a2 }
            x = try Lax.transpose(ctx, x, rest + [a1, a2])
            let mask = try eyeMask(ctx, x.shape[x.rank - 2], x.shape[x.rank - 1], k: offset)
            let masked = try `where`(ctx, mask, x, try Lax.full(ctx, x.shape, .int(0), dtype: x.dtype))
            return try sum(ctx, dtype.map { (d: DType) throws(PyException) in try convert(ctx, masked, to: d) } ?? masked,
                           axes: [x.rank - 2, x.rank - 1])
        }
    }

    /// `jnp.diag(v, k)` of a vector: JAX's jitted `_diag`, the vector padded and placed on the
    /// k-th diagonal of a square matrix.
    public static func diag(_ ctx: JaxContext, _ v: JaxValue, k: Int) throws(PyException) -> JaxValue {
        if v.rank == 2 {
            return try jitted(ctx, name: "_diag", [v], cacheKey: "\(k)") { args throws(PyException) -> JaxValue in
                try diagonal(ctx, args[0], offset: k)
            }
        }
        guard v.rank == 1 else { throw PyException.valueError("diag input must be 1d or 2d") }
        guard k.magnitude <= UInt(Int32.max) else { throw PyException.memoryError("diag: a matrix with offset \(k) is too large to allocate") }
        return try jitted(ctx, name: "_diag", [v], cacheKey: "\(k)") { args throws(PyException) -> JaxValue in
            let x = args[0]
            let zero = try Lax.full(ctx, [], .int(0), dtype: x.dtype)
            let n = x.shape[0] + Swift.abs(k)
            let config = PaddingConfig([(Swift.max(0, -k), Swift.max(0, k), 0)])
            let padded = try Tracing.bind1(ctx, .pad, [x, zero], Params().with(.paddingConfig, config))
            let mask = try eyeMask(ctx, n, n, k: k)
            let column = try Lax.broadcastInDim(ctx, padded, shape: [n, 1], dims: [0])
            return try `where`(ctx, mask, column, zero)
        }
    }

    /// `jnp.meshgrid(*xi, indexing)`: each vector broadcast along its own axis of the grid
    /// (the first two swapped for 'xy' indexing), or kept thin with `sparse`.
    public static func meshgrid(_ ctx: JaxContext, _ xs: [JaxValue], indexing: String, sparse: Bool) throws(PyException) -> [JaxValue] {
        guard indexing == "xy" || indexing == "ij" else {
            throw PyException.valueError("Valid values for indexing are 'xy' and 'ij', got \(indexing)")
        }
        guard xs.allSatisfy({ $0.rank == 1 }) else {
            throw PyException.valueError("Arguments to jax.numpy.meshgrid must be 1D, got shapes [\(xs.map { Shape.describe($0.shape) }.joined(separator: ", "))]")
        }
        var args = xs
        let swapped = indexing == "xy" && args.count >= 2
        if swapped { args.swapAt(0, 1) }
        let shape = args.map { sparse ? 1 : $0.shape[0] }
        var out: [JaxValue] = []
        for (i, a) in args.enumerated() {
            var target = shape
            if sparse { target[i] = a.shape[0] }
            out.append(try Lax.broadcastInDim(ctx, a, shape: target, dims: [i]))
        }
        if swapped { out.swapAt(0, 1) }
        return out
    }
}

extension JNP {
    /// `jnp.diagonal(a, offset, axis1, axis2)`: JAX's jitted `diagonal`, the two axes moved
    /// last and the entries `a[..., i, i + offset]` gathered.
    public static func diagonal(_ ctx: JaxContext, _ a: JaxValue, offset: Int = 0, axis1: Int = 0, axis2: Int = 1) throws(PyException) -> JaxValue {
        guard a.rank >= 2 else { throw PyException.valueError("diagonal requires an array of at least two dimensions.") }
        let a1 = try AxisRules.normalize(axis1, rank: a.rank), a2 = try AxisRules.normalize(axis2, rank: a.rank)
        guard a1 != a2 else { throw PyException.valueError("repeated axis in `source` argument") }
        let offset = offsetInRange(offset)
        return try jitted(ctx, name: "diagonal", [a], cacheKey: "\(offset)|\(a1)|\(a2)") { args throws(PyException) -> JaxValue in
            var x = args[0]
            let rest = (0..<x.rank).filter { $0 != a1 && $0 != a2 }
            let order = rest + [a1, a2]
            if order != Array(0..<x.rank) { x = try Lax.transpose(ctx, x, order) }
            let rows = x.shape[x.rank - 2], columns = x.shape[x.rank - 1]
            let size = Swift.max(0, Swift.min(rows + Swift.min(offset, 0), columns - Swift.max(offset, 0)))
            let shift = Int64(Swift.abs(offset))
            // arange under jit: iotas, the second shifted by |offset|
            let i = try Lax.iota(ctx, .int32, shape: [size], dimension: 0)
            var j = try Lax.iota(ctx, .int32, shape: [size], dimension: 0)
            if shift != 0 { j = try bind(ctx, .add, [constant(.int(shift), .int32), j]) }
            let (r, c) = offset >= 0 ? (i, j) : (j, i)
            // x[..., r, c] as jnp lowers two index arrays: wrapped, stacked, one gather
            let rank = x.rank
            let rowIndex = try Lax.wrapNegative(ctx, r, size: rows), columnIndex = try Lax.wrapNegative(ctx, c, size: columns)
            let stacked = try Tracing.bind1(ctx, .concatenate, [try Lax.broadcastInDim(ctx, rowIndex, shape: [size, 1], dims: [0]),
                                                                try Lax.broadcastInDim(ctx, columnIndex, shape: [size, 1], dims: [0])],
                                            Params().with(.dimension, 1))
            let dims = GatherDimensions(offsetDims: Array(0..<(rank - 2)), collapsedSliceDims: [rank - 2, rank - 1],
                                        startIndexMap: [rank - 2, rank - 1])
            return try Lax.gather(ctx, x, stacked, dims, sliceSizes: Array(x.shape.dropLast(2)) + [1, 1], sortedUnique: false,
                                  mode: .promiseInBounds)
        }
    }
}
