/// One entry of an index expression as the language passes it: a static item, or an array
/// value (concrete or traced) used as an integer-array index.
public enum JNPIndex {
    case item(IndexItem)
    case value(JaxValue)
}

/// Indexing `x[...]` and the functional updates `x.at[...].set/add/multiply/min/max/get`.
extension JNP {
    /// `x[index]` where parts of the index may be traced arrays (inside jit, grad or vmap).
    /// Traced parts go through gather with the index arrays as operands.
    public static func getItem(_ ctx: JaxContext, _ x: JaxValue, _ index: [JNPIndex]) throws(PyException) -> JaxValue {
        if let sliced = try dynamicSliceIndex(ctx, x, index) { return sliced }
        if let gathered = try arrayIndexGather(ctx, x, index) { return gathered }
        let (items, traced) = try staticIndex(index)
        if traced.allSatisfy({ $0 == nil }) { return try getItem(ctx, x, items) }
        return try Lax.indexGather(ctx, x, try expandEllipsis(items, rank: x.rank), traced: traced)
    }

    /// `x[i, ...]` with traced integer scalars among ints, unit-step slices, None and `...`:
    /// jax.numpy's dynamic-slice path. Start indices become int32 when there are several,
    /// negative ones wrap (`select(i < 0, i + n, i)`), then one `dynamic_slice` and a squeeze of
    /// the integer axes. nil when the index is not of that kind.
    static func dynamicSliceIndex(_ ctx: JaxContext, _ x: JaxValue, _ index: [JNPIndex]) throws(PyException) -> JaxValue? {
        var sawTraced = false
        var consumed = 0
        for entry in index {
            switch entry {
            case .value(.tracer(let t)) where t.aval.rank == 0 && t.aval.dtype.isInteger:
                sawTraced = true
                consumed += 1
            case .item(.int), .item(.slice(_, _, nil)), .item(.slice(_, _, 1)):
                consumed += 1
            case .item(.newAxis), .item(.ellipsis):
                break
            default:
                return nil
            }
        }
        let ellipses = index.filter { if case .item(.ellipsis) = $0 { return true } else { return false } }.count
        guard sawTraced, consumed <= x.rank, ellipses <= 1 else { return nil }
        var starts: [JaxValue] = []
        var sizes: [Int] = [], squeezed: [Int] = [], newAxes: [Int] = []
        func addAxis(_ entry: JNPIndex) throws(PyException) {
            let axis = starts.count, n = x.shape[axis]
            switch entry {
            case .value(let v):
                guard n > 0 else { throw PyException.indexError("index is out of bounds for axis \(axis) with size 0") }
                starts.append(v); sizes.append(1); squeezed.append(axis)
            case .item(.int(let k)):
                guard n > 0 else { throw PyException.indexError("index is out of bounds for axis \(axis) with size 0") }
                starts.append(.array(JaxArray.scalar(.int(Int64(k)), dtype: .int32, weak: true)))
                sizes.append(1); squeezed.append(axis)
            case .item(.slice(let lo, let hi, let step)):
                let (start, stop, _) = pythonSliceIndices(lo, hi, step, size: n)
                starts.append(.array(JaxArray.scalar(.int(Int64(start)), dtype: .int32, weak: true)))
                sizes.append(Swift.max(0, stop - start))
            default:
                break
            }
        }
        for entry in index {
            switch entry {
            case .item(.newAxis):
                newAxes.append(starts.count - squeezed.count + newAxes.count)
            case .item(.ellipsis):
                for _ in 0..<(x.rank - consumed) { try addAxis(.item(.slice(start: nil, stop: nil, step: nil))) }
            default:
                try addAxis(entry)
            }
        }
        while starts.count < x.rank { try addAxis(.item(.slice(start: nil, stop: nil, step: nil))) }
        // several start indices share one dtype
        if starts.count > 1 {
            for i in starts.indices { starts[i] = try convert(ctx, starts[i], to: .int32, weak: false) }
        }
        for (i, start) in starts.enumerated() where start.dtype.kind != .unsignedInteger {
            let negative = try less(ctx, start, .array(JaxArray.scalar(.int(0), dtype: .int32, weak: true)))
            let wrapped = try add(ctx, start, constant(.int(Int64(x.shape[i])), start.dtype))
            starts[i] = try Lax.select(ctx, negative, start, wrapped)
        }
        var out = try Lax.dynamicSlice(ctx, x, starts, sizes: sizes)
        if !squeezed.isEmpty { out = try bind(ctx, .squeeze, [out], Params().with(.dimensions, squeezed)) }
        if !newAxes.isEmpty { out = try expandDims(ctx, out, newAxes) }
        return out
    }

    /// How `jnp.take` treats indices outside the axis.
    public enum TakeMode: String, Sendable {
        /// Negative indices wrap once; others outside read the fill value (the default).
        case fill
        /// Indices clamp into the axis.
        case clip
        /// Indices wrap around the axis (modulo its size).
        case wrap
    }

    /// `jnp.take(a, indices, axis, mode)`: the jitted `_take`, one gather along `axis` (of the
    /// flattened array when axis is None).
    public static func take(_ ctx: JaxContext, _ a: JaxValue, _ indices: JaxValue, axis: Int?, mode: TakeMode = .fill,
                            fillValue: Double? = nil, uniqueIndices: Bool = false) throws(PyException) -> JaxValue {
        guard indices.dtype.isInteger else {
            throw PyException.valueError("indices must have an integer type")
        }
        let along = try axis.map { (v: Int) throws(PyException) -> Int in try AxisRules.normalize(v, rank: a.rank) } ?? 0
        return try jitted(ctx, name: "_take", [a, indices], cacheKey: "\(String(describing: axis))|\(mode)|\(String(describing: fillValue))|\(uniqueIndices)") { args throws(PyException) -> JaxValue in
            var x = args[0], idx = args[1]
            if axis == nil { x = try Lax.reshape(ctx, x, [x.aval.count]) }
            let n = x.shape[along]
            switch mode {
            case .fill:
                let negative = try less(ctx, idx, .array(JaxArray.scalar(.int(0), dtype: ctx.defaultInt, weak: true)))
                let wrapped = try add(ctx, idx, .array(JaxArray.scalar(.int(Int64(n)), dtype: ctx.defaultInt, weak: true)))
                idx = try `where`(ctx, negative, wrapped, idx)
            case .wrap:
                idx = try remainder(ctx, idx, constant(.int(Int64(n)), idx.dtype))
            case .clip:
                break
            }
            let r = idx.rank
            if n == 0 {
                guard idx.aval.count == 0 else { throw PyException.indexError("Cannot do a non-empty jnp.take() from an empty axis.") }
                return x
            }
            let outShape = Array(x.shape[..<along]) + idx.shape + Array(x.shape[(along + 1)...])
            if idx.aval.count == 0 { return try zeros(ctx, outShape, dtype: x.dtype) }
            var sizes = x.shape
            sizes[along] = 1
            let expanded = try broadcastInDim(ctx, idx, shape: idx.shape + [1], dims: Array(0..<r))
            let dims = GatherDimensions.along(along, indexRank: r, operandRank: x.rank)
            let gatherMode: GatherScatterMode = mode == .clip ? .clip : mode == .wrap ? .promiseInBounds : .fillOrDrop
            return try Lax.gather(ctx, x, expanded, dims, sliceSizes: sizes, sortedUnique: false, uniqueIndices: uniqueIndices, mode: gatherMode,
                                  fillValue: mode != .fill ? .none
                                      : fillValue.map { .text(PythonFloat.repr($0)) } ?? Lax.defaultFill(x.dtype))
        }
    }

    /// `x[idx]` (or `x[:, idx, None]`, ...) with one integer array among full slices, while a
    /// transformation is active: jax.numpy's gather path. Negative indices wrap, the indices
    /// become int32 and gain a trailing index-vector axis, and one gather with
    /// GatherDimensionNumbers reads the slices. nil when the index is not of that kind.
    static func arrayIndexGather(_ ctx: JaxContext, _ x: JaxValue, _ index: [JNPIndex]) throws(PyException) -> JaxValue? {
        var position: Int?
        var indices: JaxValue?
        var axes = 0, sawEllipsis = false
        for entry in index {
            switch entry {
            case .value(let v) where v.rank >= 1 && v.dtype.isInteger && indices == nil:
                indices = v
                position = axes
                axes += 1
            case .item(.array(let a)) where a.rank >= 1 && a.dtype.isInteger && indices == nil:
                indices = .array(a)
                position = axes
                axes += 1
            case .item(.slice(nil, nil, nil)):
                axes += 1
            case .item(.ellipsis) where !sawEllipsis:
                sawEllipsis = true
            case .item(.newAxis):
                break
            default:
                return nil
            }
        }
        // where each None lands in the result (the array's axes stand where the array does)
        var newAxes: [Int] = []
        var outPosition = 0
        for entry in index {
            switch entry {
            case .item(.newAxis): newAxes.append(outPosition); outPosition += 1
            case .item(.slice): outPosition += 1
            case .item(.ellipsis): outPosition += Swift.max(0, x.rank - axes)
            default: outPosition += indices?.rank ?? 0
            }
        }
        guard let idx = indices, var k = position, axes <= x.rank, x.rank >= 1 else { return nil }
        let traced = { (v: JaxValue) -> Bool in if case .tracer = v { return true } else { return false } }
        guard !ctx.traceState.stack.isEmpty || traced(x) || traced(idx) else { return nil }
        // `...` before the array shifts it right by the axes the ellipsis stands for
        if sawEllipsis, let e = index.firstIndex(where: { if case .item(.ellipsis) = $0 { return true } else { return false } }),
           let a = index.firstIndex(where: { if case .item(.array) = $0 { return true }; if case .value = $0 { return true }; return false }), e < a {
            k += x.rank - axes
        }
        guard k < x.rank else { return nil }
        let out = try Lax.takeAlongAxis(ctx, x, idx, axis: k)
        return newAxes.isEmpty ? out : try expandDims(ctx, out, newAxes)
    }

    /// `x.at[idx].set(v)` (add, multiply, min, max) with one traced integer (scalar or array)
    /// among full slices: jax.numpy's scatter. Negative indices wrap, the indices become int32
    /// with a trailing index-vector axis, `v` is converted and broadcast to the updated windows,
    /// and one scatter with ScatterDimensionNumbers writes them. nil otherwise.
    static func arrayIndexScatter(_ ctx: JaxContext, _ x: JaxValue, _ index: [JNPIndex], _ updates: JaxValue,
                                  mode: ScatterMode) throws(PyException) -> JaxValue? {
        var position: Int?
        var indices: JaxValue?
        var axes = 0, ellipsisAt: Int?, arrayAt = 0
        for (n, entry) in index.enumerated() {
            switch entry {
            case .value(.tracer(let t)) where t.aval.dtype.isInteger && indices == nil:
                indices = .tracer(t)
                position = axes
                arrayAt = n
                axes += 1
            case .item(.slice(nil, nil, nil)):
                axes += 1
            case .item(.ellipsis) where ellipsisAt == nil:
                ellipsisAt = n
            default:
                return nil
            }
        }
        guard var idx = indices, var k = position, axes <= x.rank else { return nil }
        if let e = ellipsisAt, e < arrayAt { k += x.rank - axes }
        guard k < x.rank else { return nil }
        let r = idx.rank
        idx = try Lax.wrapNegative(ctx, idx, size: x.shape[k])
        idx = try convert(ctx, idx, to: .int32, weak: false)
        idx = try broadcastInDim(ctx, idx, shape: idx.shape + [1], dims: Array(0..<r))
        let windowShape = Array(x.shape[..<k]) + idx.shape.dropLast() + Array(x.shape[(k + 1)...])
        let dims = GatherDimensions.along(k, indexRank: r, operandRank: x.rank)
        let values = try broadcastTo(ctx, try convert(ctx, updates, to: x.dtype, weak: false), windowShape)
        // a single scalar index is trivially sorted and unique
        return try Lax.scatter(ctx, mode, x, idx, values, dims, sortedUnique: r == 0, mode: .fillOrDrop)
    }

    /// `x.at[index].set(v)` (and add, multiply, min, max) with possibly traced index arrays.
    public static func atUpdate(_ ctx: JaxContext, _ x: JaxValue, _ index: [JNPIndex], _ updates: JaxValue, mode: ScatterMode) throws(PyException) -> JaxValue {
        if let scattered = try arrayIndexScatter(ctx, x, index, updates, mode: mode) { return scattered }
        let (items, traced) = try staticIndex(index)
        return try atUpdate(ctx, x, items, updates, mode: mode, traced: traced)
    }

    /// Splits an index into static items (traced arrays replaced by zero placeholders of their
    /// shape) and, per array slot of the index, the traced array standing there (nil: static).
    static func staticIndex(_ index: [JNPIndex]) throws(PyException) -> ([IndexItem], [JaxValue?]) {
        var items: [IndexItem] = []
        var traced: [JaxValue?] = []
        for entry in index {
            switch entry {
            case .item(let item):
                items.append(item)
                if case .array = item { traced.append(nil) }
            case .value(.array(let a)):
                items.append(.array(a))
                traced.append(nil)
            case .value(let v):
                guard v.dtype.isInteger else {
                    throw PyException("NonConcreteBooleanIndexError", "Array boolean indices must be concrete; got \(v.aval.with(weakType: false))\n\n"
                                      + "See https://docs.jax.dev/en/latest/errors.html#jax.errors.NonConcreteBooleanIndexError")
                }
                let count = v.aval.count
                items.append(.array(JaxArray(shape: v.shape, storage: .int32(Array(repeating: 0, count: count)))))
                traced.append(v)
            }
        }
        return (items, traced)
    }

    /// `x[index]`. Static ints, slices, None and `...` lower to slice / rev / squeeze /
    /// broadcast_in_dim as jax.numpy's static-slice path lowers them (out-of-range ints clamp,
    /// as in JAX); array indices go through gather.
    public static func getItem(_ ctx: JaxContext, _ x: JaxValue, _ index: [IndexItem]) throws(PyException) -> JaxValue {
        let items = try expandEllipsis(index, rank: x.rank)
        let needsGather = items.contains { item in
            if case .array = item { return true }
            return false
        }
        if needsGather {
            return try Lax.indexGather(ctx, x, items)
        }
        var start: [Int] = [], limit: [Int] = [], strides: [Int] = []
        var squeezed: [Int] = []
        var reversed: [Int] = []
        var newAxes: [Int] = []
        var axis = 0
        var outPosition = 0
        for item in items {
            switch item {
            case .int(let i):
                let n = x.shape[axis]
                guard n > 0 else { throw PyException.indexError("index is out of bounds for axis \(axis) with size 0") }
                let j = Swift.min(Swift.max(i < 0 ? i + n : i, 0), n - 1)
                start.append(j); limit.append(j + 1); strides.append(1)
                squeezed.append(axis)
                axis += 1
            case .slice(let s, let e, let st):
                let n = x.shape[axis]
                guard st != 0 else { throw PyException.valueError("slice step cannot be zero") }
                // a step of Int.min acts as -Int.max on any real axis, and its magnitude fits an Int
                let (lo, hi, step) = pythonSliceIndices(s, e, st == Int.min ? -Int.max : st, size: n)
                if step < 0 {
                    // a forward strided slice, then rev (to_static_slice)
                    let first = Swift.min(n, hi &+ 1 &+ Int((lo &- hi &- 1).magnitude % step.magnitude))
                    start.append(first); limit.append(Swift.max(first, lo &+ 1)); strides.append(Int(step.magnitude))
                    reversed.append(axis)
                } else {
                    start.append(lo); limit.append(Swift.max(lo, hi)); strides.append(step)
                }
                axis += 1
                outPosition += 1
            case .newAxis:
                newAxes.append(outPosition)
                outPosition += 1
            case .ellipsis, .array:
                break
            }
        }
        while axis < x.rank {
            start.append(0); limit.append(x.shape[axis]); strides.append(1)
            axis += 1
        }
        var out = x
        if start != Array(repeating: 0, count: x.rank) || limit != x.shape || strides.contains(where: { $0 != 1 }) {
            var params = Params()
            params.set(.limitIndices, limit)
            params.set(.startIndices, start)
            params.set(.strides, printed: strides.allSatisfy { $0 == 1 } ? .none : .ints(strides))
            out = try bind(ctx, .slice, [out], params)
        }
        if !reversed.isEmpty {
            var params = Params()
            params.set(.dimensions, reversed)
            out = try bind(ctx, .rev, [out], params)
        }
        if !squeezed.isEmpty {
            var params = Params()
            params.set(.dimensions, squeezed)
            out = try bind(ctx, .squeeze, [out], params)
        }
        if !newAxes.isEmpty { out = try expandDims(ctx, out, newAxes) }
        return out
    }

    /// Python's `slice(start, stop, step).indices(size)`.
    static func pythonSliceIndices(_ start: Int?, _ stop: Int?, _ step: Int?, size n: Int) -> (Int, Int, Int) {
        let step = step ?? 1
        func clamp(_ v: Int?, _ fallback: Int) -> Int {
            guard let v else { return fallback }
            let w = v < 0 ? v &+ n : v
            return step < 0 ? Swift.min(Swift.max(w, -1), n - 1) : Swift.min(Swift.max(w, 0), n)
        }
        return step < 0 ? (clamp(start, n - 1), clamp(stop, -1), step) : (clamp(start, 0), clamp(stop, n), step)
    }

    /// Replaces `...` by full slices and checks there are not too many indices.
    static func expandEllipsis(_ index: [IndexItem], rank: Int) throws(PyException) -> [IndexItem] {
        let consumed = index.reduce(0) { count, item in
            switch item {
            case .int, .slice: return count + 1
            case .array(let a): return count + (a.dtype == .bool ? a.rank : 1)
            default: return count
            }
        }
        guard consumed <= rank else {
            throw PyException.indexError("Too many indices: array is \(rank)-dimensional, but \(consumed) were indexed")
        }
        var out: [IndexItem] = []
        var expanded = false
        for item in index {
            if case .ellipsis = item {
                if expanded { throw PyException.indexError("an index can only have a single ellipsis ('...')") }
                expanded = true
                for _ in 0..<(rank - consumed) { out.append(.slice(start: nil, stop: nil, step: nil)) }
            } else {
                out.append(item)
            }
        }
        return out
    }

    /// `.at[i, j, ...]` with leading static ints and full slices after them, staged as JAX
    /// stages it: an int32 index vector operand and ScatterDimensionNumbers parameters.
    static func stagedScatter(_ ctx: JaxContext, _ x: JaxValue, _ items: [IndexItem], _ updates: JaxValue, mode: ScatterMode) throws(PyException) -> JaxValue? {
        var ints: [Int] = []
        var sawSlice = false
        for item in items {
            switch item {
            case .int(let i) where !sawSlice:
                let n = x.shape[ints.count]
                ints.append(i < 0 ? i + n : i)
            case .slice(nil, nil, nil):
                sawSlice = true
            default:
                return nil
            }
        }
        guard !ints.isEmpty else { return nil }
        let k = ints.count
        var pieces: [JaxValue] = []
        for i in ints {
            pieces.append(try broadcastInDim(ctx, .array(JaxArray.scalar(.int(Int64(i)), dtype: .int32)), shape: [1], dims: []))
        }
        let indexVector = pieces.count == 1 ? pieces[0] : try Tracing.bind1(ctx, .concatenate, pieces, Params().with(.dimension, 0))
        let window = Array(x.shape[k...])
        var u = try convert(ctx, updates, to: x.dtype, weak: false)
        if !(window.isEmpty && u.rank == 0) { u = try broadcastTo(ctx, u, window) }
        let tuple = { (v: [Int]) in ParamValue.tuple(v.map(String.init)) }
        var params = Params()
        params.set(.scatterDimensionNumbers, "ScatterDimensionNumbers(update_window_dims=\(tuple(Array(0..<window.count)))"
            + ", inserted_window_dims=\(tuple(Array(0..<k))), scatter_dims_to_operand_dims=\(tuple(Array(0..<k)))"
            + ", operand_batching_dims=(), scatter_indices_batching_dims=())")
        params.set(.indicesAreSorted, true)
        params.set(.mode, .fillOrDrop)
        params.set(.uniqueIndices, true)
        params.set(.updateConsts, "()")
        params.set(.indexVector, k, shown: false)
        params.set(.updateJaxpr, mode.updateJaxpr(x.dtype))
        return try bind(ctx, mode.primitive, [x, indexVector, u], params)
    }

    /// `x.at[index].set(v)` and its siblings: the scatter primitives (out-of-range updates dropped).
    public static func atUpdate(_ ctx: JaxContext, _ x: JaxValue, _ index: [IndexItem], _ updates: JaxValue, mode: ScatterMode,
                                traced: [JaxValue?] = []) throws(PyException) -> JaxValue {
        let items = try expandEllipsis(index, rank: x.rank)
        if traced.isEmpty, try Tracing.stagesDirectly(ctx, [x, updates]), let staged = try stagedScatter(ctx, x, items, updates, mode: mode) {
            return staged
        }
        let prim = mode.primitive
        var operands = [x] + IndexForm.operands(items, traced: traced)
        operands.append(try convert(ctx, updates, to: x.dtype, weak: false))
        var params = Params()
        params.set(.index, IndexExpression(items), shown: false)
        params.set(.mode, .fillOrDrop)
        return try bind(ctx, prim, operands, params)
    }
}
