/// The `mode`, `fill_value` and `wrap_negative_indices` options of `x.at[idx].get(...)` and
/// of the updates (`set`, `add`, ...), as jax.numpy honours them.
extension JNP {
    /// A `mode=` string as `GatherScatterMode.from_any` reads it; nil for the default.
    public static func gatherMode(_ text: String?) throws(PyException) -> GatherScatterMode? {
        guard let text else { return nil }
        switch text {
        case "clip": return .clip
        case "fill", "drop": return .fillOrDrop
        case "promise_in_bounds": return .promiseInBounds
        default: throw PyException.valueError("Unknown gather mode \"\(text)\"")
        }
    }

    /// `x.at[index].get(mode=..., fill_value=..., wrap_negative_indices=...)`. `fillValue` is
    /// the value as Python shows it (`nan`, `0`, `-1.0`).
    public static func atGet(_ ctx: JaxContext, _ x: JaxValue, _ index: [JNPIndex], mode: GatherScatterMode?,
                             fillValue: ParamValue?, wrapNegative: Bool) throws(PyException) -> JaxValue {
        guard mode == .fillOrDrop else {
            // clip and promise_in_bounds read clamped windows, as plain indexing does
            return try getItem(ctx, x, wrapNegative ? index : try clampingNegative(index))
        }
        let fill = fillValue ?? Lax.defaultFill(x.dtype)
        var ints: [Int] = []
        for entry in index {
            guard case .item(.int(let i)) = entry else { break }
            ints.append(i)
        }
        if ints.count == index.count, !ints.isEmpty, ints.count <= x.rank {
            // static integers: one index vector, sorted and unique, normalized statically
            var parts: [JaxValue] = []
            for (axis, i) in ints.enumerated() {
                let normalized = wrapNegative && i < 0 ? i + x.shape[axis] : i
                let scalar = JaxValue.array(JaxArray.scalar(.int(Int64(normalized)), dtype: .int32, weak: false))
                parts.append(try Lax.broadcastInDim(ctx, scalar, shape: [1], dims: []))
            }
            let vector = parts.count == 1 ? parts[0] : try Tracing.bind1(ctx, .concatenate, parts, Params().with(.dimension, 0))
            let k = ints.count
            let dims = GatherDimensions(offsetDims: Array(0..<(x.rank - k)), collapsedSliceDims: Array(0..<k), startIndexMap: Array(0..<k),
                                        operandBatchingDims: [], startIndicesBatchingDims: [])
            return try Lax.gather(ctx, x, vector, dims, sliceSizes: Array(repeating: 1, count: k) + Array(x.shape[k...]),
                                  sortedUnique: true, mode: .fillOrDrop, fillValue: fill)
        }
        if index.count == 1, x.rank >= 1 {
            let idx: JaxValue
            switch index[0] {
            case .value(let v): idx = v
            case .item(.array(let a)): idx = .array(a)
            default: throw unsupportedFill()
            }
            guard idx.dtype.isInteger else { throw unsupportedFill() }
            var normalized = try convert(ctx, idx, to: .int32, weak: false)
            if wrapNegative { normalized = try Lax.wrapNegative(ctx, normalized, size: x.shape[0]) }
            let r = normalized.rank
            let expanded = try Lax.broadcastInDim(ctx, normalized, shape: normalized.shape + [1], dims: Array(0..<r))
            return try Lax.gather(ctx, x, expanded, GatherDimensions.along(0, indexRank: r, operandRank: x.rank),
                                  sliceSizes: [1] + Array(x.shape.dropFirst()), sortedUnique: false, mode: .fillOrDrop, fillValue: fill)
        }
        throw unsupportedFill()
    }

    private static func unsupportedFill() -> PyException {
        PyException.notImplemented("jaxlab reads x.at[idx].get(mode='fill') only for integer indices (ints, or one integer array)")
    }

    /// With `wrap_negative_indices=False` a negative static index reads as out of range: a
    /// clamped read starts at 0.
    static func clampingNegative(_ index: [JNPIndex]) throws(PyException) -> [JNPIndex] {
        var out: [JNPIndex] = []
        for entry in index {
            switch entry {
            case .item(.int(let i)): out.append(.item(.int(Swift.max(i, 0))))
            case .item(.array), .value:
                throw PyException.notImplemented("jaxlab honours wrap_negative_indices=False only with integer and slice indices")
            default: out.append(entry)
            }
        }
        return out
    }

    /// The updates' index for `mode` and `wrap_negative_indices`: out-of-range static
    /// integers are dropped by default (nil: the update changes nothing) and clamped with
    /// `clip`; integer arrays are clamped into range with `clip`.
    public static func atUpdateIndex(_ ctx: JaxContext, _ x: JaxValue, _ index: [JNPIndex], mode: GatherScatterMode?,
                                     wrapNegative: Bool) throws(PyException) -> [JNPIndex]? {
        var out: [JNPIndex] = []
        var axis = 0
        for entry in index {
            defer { axis += 1 }
            switch entry {
            case .item(.int(let i)):
                guard axis < x.rank else { out.append(entry); continue }
                let n = x.shape[axis]
                if !wrapNegative && i < 0 {
                    if mode == .clip { out.append(.item(.int(0))) } else { return nil }
                } else if mode == .clip {
                    let wrapped = i < 0 ? i + n : i
                    out.append(.item(.int(Swift.min(Swift.max(wrapped, 0), Swift.max(n - 1, 0)))))
                } else {
                    out.append(entry)
                }
            case .item(.array(let a)) where mode == .clip && a.dtype.isInteger && axis < x.rank:
                out.append(.value(try JNP.clip(ctx, .array(a), .array(JaxArray.scalar(.int(0), dtype: a.dtype, weak: true)),
                                           .array(JaxArray.scalar(.int(Int64(x.shape[axis] - 1)), dtype: a.dtype, weak: true)))))
            case .value(let v) where mode == .clip && v.dtype.isInteger && axis < x.rank:
                out.append(.value(try JNP.clip(ctx, v, .array(JaxArray.scalar(.int(0), dtype: v.dtype, weak: true)),
                                           .array(JaxArray.scalar(.int(Int64(x.shape[axis] - 1)), dtype: v.dtype, weak: true)))))
            case .item(.array), .value:
                if !wrapNegative {
                    throw PyException.notImplemented("jaxlab honours wrap_negative_indices=False only with integer and slice indices")
                }
                out.append(entry)
            case .item(.ellipsis), .item(.newAxis):
                if mode == .clip || !wrapNegative {
                    throw PyException.notImplemented("jaxlab honours mode='clip' and wrap_negative_indices=False only with integer, array and slice indices")
                }
                out.append(entry)
            default:
                out.append(entry)
            }
        }
        return out
    }
}
