/// The primitives that move elements without computing: broadcast, reshape, squeeze,
/// transpose, concatenate, stack, slice, rev, pad and iota. All but iota are linear. The
/// first seven also take typed PRNG keys, whose two words ride along as a hidden last axis.
extension Primitive {
    static var structural: [Primitive] {
        [.broadcastInDim, .reshape, .squeeze, .transpose, .concatenate, .stack, .split, .iota, .slice, .rev, .pad, .tile]
    }

    /// A structural primitive of one operand; `evaluate` runs on key words too (given the
    /// words' rank beyond the keys' shape is one).
    static func structural(_ name: String, acceptsKeys: Bool = true, abstractEval: @escaping Rules.AbstractEval,
                           evaluate: @escaping @Sendable (JaxArray, Params, _ keyWords: Bool) throws(PyException) -> JaxArray,
                           transpose: TransposeRule, batch: BatchRule) -> Primitive {
        Primitive(name, Rules(
            abstractEval: abstractEval,
            evaluate: { _, xs, params throws(PyException) in
                let x = try Operands.at(xs, 0, name)
                let out = try evaluate(x, params, x.isKeyData)
                return [x.isKeyData ? out.withKeyData(true) : out]
            },
            jvp: .linear, transpose: transpose, batch: batch, acceptsKeys: acceptsKeys))
    }

    static let broadcastInDim: Primitive = structural("broadcast_in_dim", abstractEval: { ins, params throws(PyException) in
        [try Operands.first(ins).with(shape: try params.required(.shape))]
    }, evaluate: { x, params, keys throws(PyException) in
        let shape = try params.required(.shape), dims = try params.required(.broadcastDimensions)
        return try Kernels.broadcastInDim(x, shape: keys ? shape + [2] : shape, broadcastDimensions: keys ? dims + [shape.count] : dims)
    }, transpose: .linear { _, ctx, ct, args, params throws(PyException) in
        let operand = args[0].aval
        let bdims = try params.required(.broadcastDimensions)
        let unit = (0..<operand.rank).filter { operand.shape[$0] == 1 }
        let kept = bdims.enumerated().filter { !unit.contains($0.offset) }.map(\.element)
        let axes = (0..<ct.rank).filter { !kept.contains($0) }
        let summed = try Lax.reduceSum(ctx, ct, axes: axes)
        let restored = try Lax.expandDims(ctx, summed, unit)
        return [restored] + args.dropFirst().map { _ in nil }
    }, batch: .rule { prim, ctx, xs, dims, params, size throws(PyException) in
        guard let d = dims[0] else { throw prim.missingRule(.batching) }
        let x = try Lax.moveAxis(ctx, xs[0], from: d, to: 0)
        var p = params
        p.set(.shape, [size] + (try params.required(.shape)), shown: false)
        p.set(.broadcastDimensions, printed: .mixedInts([0] + (try params.required(.broadcastDimensions)).map { $0 + 1 }, plain: 1))
        return ([try Tracing.bind1(ctx, .broadcastInDim, [x], p)], [0])
    })

    /// `reshape`, optionally of the operand transposed first by `dimensions` (lax's
    /// `reshape(x, new_sizes, dimensions)`, which the convolution rules use).
    static let reshape: Primitive = structural("reshape", abstractEval: { ins, params throws(PyException) in
        [try Operands.first(ins).with(shape: try params.required(.newSizes))]
    }, evaluate: { x, params, keys throws(PyException) in
        var x = x
        if let perm = params[.dimensions] { x = try Kernels.transpose(x, permutation: perm + (keys ? [perm.count] : [])) }
        return try Kernels.reshape(x, to: try params.required(.newSizes) + (keys ? [2] : []))
    }, transpose: .linear { _, ctx, ct, args, params throws(PyException) in
        guard let perm = params[.dimensions] else { return [try Lax.reshape(ctx, ct, args[0].aval.shape)] }
        let shape = args[0].aval.shape
        let permuted = try Lax.reshape(ctx, ct, perm.map { $0 < shape.count ? shape[$0] : 0 })
        var inverse = Array(repeating: 0, count: perm.count)
        for (i, p) in perm.enumerated() where p < perm.count { inverse[p] = i }
        return [try Lax.transpose(ctx, permuted, inverse)]
    }, batch: .rule { prim, ctx, xs, dims, params, size throws(PyException) in
        guard let d = dims[0] else { throw prim.missingRule(.batching) }
        let x = try Lax.moveAxis(ctx, xs[0], from: d, to: 0)
        let perm = params[.dimensions].map { [0] + $0.map { $0 + 1 } }
        return ([try Lax.reshape(ctx, x, [size] + (try params.required(.newSizes)), dimensions: perm)], [0])
    })

    static let squeeze: Primitive = structural("squeeze", abstractEval: { ins, params throws(PyException) in
        let x = try Operands.first(ins)
        return [x.with(shape: Operands.removing(try params.required(.dimensions), from: x.shape))]
    }, evaluate: { x, params, _ throws(PyException) in
        try Kernels.squeeze(x, axes: try params.required(.dimensions))
    }, transpose: .linear { _, ctx, ct, args, params throws(PyException) in
        // lax.expand_dims: a broadcast that puts the squeezed axes back
        let squeezed = Set(try params.required(.dimensions))
        let shape = args[0].aval.shape
        return [try Lax.broadcastInDim(ctx, ct, shape: shape, dims: (0..<shape.count).filter { !squeezed.contains($0) })]
    }, batch: .rule { prim, ctx, xs, dims, params, _ throws(PyException) in
        guard let d = dims[0] else { throw prim.missingRule(.batching) }
        // lax's rule moves the batch axis to the front first
        let x = try Lax.moveAxis(ctx, xs[0], from: d, to: 0)
        let p = params.with(.dimensions, try params.required(.dimensions).map { $0 + 1 })
        return ([try Tracing.bind1(ctx, .squeeze, [x], p)], [0])
    })

    static let transpose: Primitive = structural("transpose", abstractEval: { ins, params throws(PyException) in
        let x = try Operands.first(ins)
        var shape: [Int] = []
        for p in try params.required(.permutation) where p >= 0 && p < x.rank { shape.append(x.shape[p]) }
        return [x.with(shape: shape)]
    }, evaluate: { x, params, keys throws(PyException) in
        try Kernels.transpose(x, permutation: try params.required(.permutation) + (keys ? [x.rank - 1] : []))
    }, transpose: .linear { _, ctx, ct, _, params throws(PyException) in
        let perm = try params.required(.permutation)
        var inverse = Array(repeating: 0, count: perm.count)
        for (i, p) in perm.enumerated() where p < inverse.count { inverse[p] = i }
        return [try Lax.transpose(ctx, ct, inverse)]
    }, batch: .rule { prim, ctx, xs, dims, params, _ throws(PyException) in
        guard let d = dims[0] else { throw prim.missingRule(.batching) }
        let perm = try params.required(.permutation)
        let p = params.with(.permutation, [d] + Batching.shift(perm, past: d))
        return ([try Tracing.bind1(ctx, .transpose, xs, p)], [0])
    })

    static let slice: Primitive = structural("slice", abstractEval: { ins, params throws(PyException) in
        let x = try Operands.first(ins)
        let start = try params.required(.startIndices), limit = try params.required(.limitIndices)
        let strides = params[.strides] ?? []
        var shape: [Int] = []
        for i in 0..<Swift.min(start.count, limit.count) {
            let step = i < strides.count ? Swift.max(strides[i], 1) : 1
            let span = limit[i] &- start[i]
            shape.append(span <= 0 ? 0 : (span - 1) / step + 1)
        }
        return [x.with(shape: shape)]
    }, evaluate: { x, params, keys throws(PyException) in
        let rank = x.rank - (keys ? 1 : 0)
        let strides = params[.strides] ?? Array(repeating: 1, count: rank)
        let start = try params.required(.startIndices), limit = try params.required(.limitIndices)
        return try Kernels.slice(x, start: start + (keys ? [0] : []), limit: limit + (keys ? [2] : []),
                                 strides: strides + (keys ? [1] : []))
    }, transpose: .linear { _, ctx, ct, args, params throws(PyException) in
        let operand = args[0].aval
        let start = try params.required(.startIndices), limit = try params.required(.limitIndices)
        let given = params[.strides]
        let unitStrides = (given ?? []).allSatisfy { $0 == 1 }
        let strides = given ?? Array(repeating: 1, count: operand.rank)
        var config: [[Int]] = []
        var numpy: [Bool] = []
        for i in 0..<operand.rank {
            let n = ct.shape[i]
            let realLimit = unitStrides ? limit[i] : (n == 0 ? start[i] : start[i] + (n - 1) * strides[i] + 1)
            config.append([start[i], operand.shape[i] - realLimit, strides[i] - 1])
            numpy += [false, true, !unitStrides]
        }
        let p = Params().with(.paddingConfig, printed: .padding(config, numpy: numpy))
        return [try Tracing.bind1(ctx, .pad, [ct, Lax.const(ct, 0)], p)]
    }, batch: .rule { prim, ctx, xs, dims, params, size throws(PyException) in
        guard let d = dims[0] else { throw prim.missingRule(.batching) }
        var start = try params.required(.startIndices), limit = try params.required(.limitIndices)
        start.insert(0, at: d)
        limit.insert(size, at: d)
        var p = params
        p.set(.startIndices, start)
        p.set(.limitIndices, limit)
        if var strides = params[.strides], !strides.isEmpty {
            strides.insert(1, at: d)
            p.set(.strides, strides)
        }
        return ([try Tracing.bind1(ctx, .slice, xs, p)], [d])
    })

    /// Reversal along `dimensions` (a step -1 slice there).
    static let rev: Primitive = structural("rev", acceptsKeys: false, abstractEval: Rules.sameAsOperand, evaluate: { x, params, _ throws(PyException) in
        let reversed = Set(try params.required(.dimensions))
        let items: [IndexItem] = (0..<x.rank).map {
            reversed.contains($0) ? .slice(start: nil, stop: nil, step: -1) : .slice(start: nil, stop: nil, step: nil)
        }
        return try Kernels.getItem(x, items, semantics: .jax)
    }, transpose: .linear { _, ctx, ct, _, params throws(PyException) in
        [try Tracing.bind1(ctx, .rev, [ct], params)]
    }, batch: .rule { prim, ctx, xs, dims, params, _ throws(PyException) in
        guard let d = dims[0] else { throw prim.missingRule(.batching) }
        let p = params.with(.dimensions, Batching.shift(try params.required(.dimensions), past: d))
        return ([try Tracing.bind1(ctx, .rev, xs, p)], [d])
    })

    /// The operand along `dimension`, one after another.
    static let concatenate: Primitive = Primitive("concatenate", Rules(
        abstractEval: { ins, params throws(PyException) in
            guard let first = ins.first else { throw PyException.valueError("Need at least one array to concatenate.") }
            let axis = try params.required(.dimension)
            var shape = first.shape
            if axis < shape.count {
                var total = 0
                for x in ins where x.shape.count > axis {
                    let (sum, overflow) = total.addingReportingOverflow(x.shape[axis])
                    if overflow { throw PyException.memoryError("concatenated shape along axis \(axis) is too large to allocate") }
                    total = sum
                }
                shape[axis] = total
                _ = try Shape.checkedCount(shape, itemSize: first.dtype.itemSize)
            }
            return [first.with(shape: shape, weakType: ins.allSatisfy(\.weakType))]
        },
        evaluate: { _, xs, params throws(PyException) in
            let out = try Kernels.concatenate(xs, axis: try params.required(.dimension))
            return [xs.first?.isKeyData == true ? out.withKeyData(true) : out]
        },
        jvp: .linear,
        transpose: .linear { _, ctx, ct, args, params throws(PyException) in
            let axis = try params.required(.dimension)
            var offset = 0
            var out: [JaxValue?] = []
            for a in args {
                let size = a.aval.shape[axis]
                defer { offset += size }
                guard a.isLinear else { out.append(nil); continue }
                var start = Array(repeating: 0, count: ct.rank), limit = ct.shape
                start[axis] = offset
                limit[axis] = offset + size
                out.append(try Lax.slice(ctx, ct, start: start, limit: limit))
            }
            return out
        },
        batch: joinBatched(along: .dimension),
        acceptsKeys: true))

    /// Operands of one shape stacked along a new `axis`.
    static let stack: Primitive = Primitive("stack", Rules(
        abstractEval: { ins, params throws(PyException) in
            guard let first = ins.first else { throw PyException.valueError("Need at least one array to stack.") }
            var shape = first.shape
            shape.insert(ins.count, at: Swift.min(try params.required(.axis), shape.count))
            return [first.with(shape: shape, weakType: ins.allSatisfy(\.weakType))]
        },
        evaluate: { _, xs, params throws(PyException) in
            let axis = try params.required(.axis)
            var parts: [JaxArray] = []
            for a in xs { parts.append(try Kernels.expandDims(a, axes: [axis])) }
            let out = try Kernels.concatenate(parts, axis: axis)
            return [xs.first?.isKeyData == true ? out.withKeyData(true) : out]
        },
        jvp: .linear,
        transpose: .linear { _, ctx, ct, args, params throws(PyException) in
            let axis = try params.required(.axis)
            var out: [JaxValue?] = []
            for (i, a) in args.enumerated() {
                guard a.isLinear else { out.append(nil); continue }
                var start = Array(repeating: 0, count: ct.rank), limit = ct.shape
                start[axis] = i
                limit[axis] = i + 1
                out.append(try Lax.reshape(ctx, try Lax.slice(ctx, ct, start: start, limit: limit), a.aval.shape))
            }
            return out
        },
        batch: joinBatched(along: .axis),
        acceptsKeys: true))

    /// vmap of concatenate and stack: every operand batched at the front, joined along the
    /// axis one further on.
    private static func joinBatched(along key: ParamKey<Int>) -> BatchRule {
        .rule { prim, ctx, xs, dims, params, size throws(PyException) in
            var moved: [JaxValue] = []
            for (x, d) in zip(xs, dims) { moved.append(try Batching.atFront(ctx, x, d, size: size)) }
            return ([try Tracing.bind1(ctx, prim, moved, params.with(key, try params.required(key) + 1))], [0])
        }
    }

    /// pad(x, value): `value` around and between the elements, (low, high, interior) per axis.
    static let pad: Primitive = Primitive("pad", Rules(
        abstractEval: { ins, params throws(PyException) in
            let x = try Operands.first(ins)
            let config = try params.required(.paddingConfig).rows
            var shape: [Int] = []
            for (i, n) in x.shape.enumerated() where i < config.count {
                shape.append(config[i].low + config[i].high + n + Swift.max(n - 1, 0) * config[i].interior)
            }
            return [x.with(shape: shape)]
        },
        evaluate: { _, xs, params throws(PyException) in
            let x = try Operands.at(xs, 0, "pad"), padValue = try Operands.at(xs, 1, "pad")
            // negative low or high padding crops: pad by the positive parts, then cut
            let given = try params.required(.paddingConfig).rows
            let config = given.map { (low: Swift.max($0.low, 0), high: Swift.max($0.high, 0), interior: $0.interior) }
            let grown = params.with(.paddingConfig, PaddingConfig(config))
            let outShape = try Primitive.pad.abstractEval([ShapedArray(x), ShapedArray(padValue)], grown)[0].shape
            var filled = try Kernels.broadcastInDim(padValue, shape: outShape, broadcastDimensions: [])
            if x.count > 0 {
                let items: [IndexItem] = config.enumerated().map { i, c in
                    .slice(start: c.low, stop: c.low + (x.shape[i] - 1) * (c.interior + 1) + 1, step: c.interior + 1)
                }
                filled = try Kernels.scatter(filled, items, updates: x, mode: .set, semantics: .jax)
            }
            guard given.contains(where: { $0.low < 0 || $0.high < 0 }) else { return [filled] }
            let start = given.map { Swift.max(-$0.low, 0) }
            let limit = zip(outShape, given).map { $0 - Swift.max(-$1.high, 0) }
            return [try Kernels.slice(filled, start: start, limit: limit, strides: Array(repeating: 1, count: outShape.count))]
        },
        jvp: .linear,
        transpose: .linear { _, ctx, ct, _, params throws(PyException) in
            var start: [Int] = [], limit: [Int] = [], strides: [Int] = []
            for (i, c) in try params.required(.paddingConfig).rows.enumerated() {
                start.append(c.low)
                limit.append(ct.shape[i] - c.high)
                strides.append(c.interior + 1)
            }
            var p = Params()
            p.set(.limitIndices, limit)
            p.set(.startIndices, start)
            if strides.allSatisfy({ $0 == 1 }) { p.set(.strides, printed: .none) } else { p.set(.strides, strides) }
            return [try Tracing.bind1(ctx, .slice, [ct], p), nil]
        },
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in
            // JAX's _pad_batch_rule: a batched padding value pads with zeros, then selects
            // each example's value where the mask of padded positions says so
            let d = dims[0] ?? 0
            let operand = dims[0] == nil ? try Batching.atFront(ctx, xs[0], nil, size: size) : xs[0]
            var rows = try params.required(.paddingConfig).rows
            rows.insert((0, 0, 0), at: d)
            let padded = params.with(.paddingConfig, PaddingConfig(rows))
            guard let valueDim = dims[1] else { return ([try Tracing.bind1(ctx, .pad, [operand, xs[1]], padded)], [d]) }
            let x = try Tracing.bind1(ctx, .pad, [operand, Lax.const(operand, 0)], padded)
            let trues = try Lax.full(ctx, operand.shape, .bool(true), dtype: .bool)
            let mask = try Tracing.bind1(ctx, .pad, [trues, .array(JaxArray.scalar(.bool(false), dtype: .bool))], padded)
            let value = try Lax.moveAxis(ctx, xs[1], from: valueDim, to: 0)
            let fill = try Lax.broadcastInDim(ctx, value, shape: x.shape, dims: [d])
            return ([try Lax.select(ctx, mask, fill, x)], [d])
        }))

    /// `lax.iota`: 0, 1, 2, ... along `dimension` of `shape`.
    static let iota: Primitive = Primitive("iota", Rules(
        abstractEval: { _, params throws(PyException) in
            [ShapedArray(shape: try params.required(.shape), dtype: try params.required(.dtype))]
        },
        evaluate: { ctx, _, params throws(PyException) in
            [try Kernels.iota(dtype: try params.required(.dtype), shape: try params.required(.shape),
                              dimension: try params.required(.dimension), limits: ctx.limits)]
        },
        jvp: .zero, transpose: .notLinear, batch: .unsupported))

    /// `split[axis sizes]`: the operand cut along `axis` into consecutive pieces of `sizes`.
    static let split: Primitive = Primitive("split", Rules(
        abstractEval: { ins, params throws(PyException) in
            let x = try Operands.first(ins)
            let axis = try params.required(.axis), sizes = try params.required(.sizes)
            guard axis >= 0, axis < x.rank else { throw PyException.valueError("split axis \(axis) is out of bounds for rank \(x.rank)") }
            guard sizes.allSatisfy({ $0 >= 0 }) else {
                throw PyException.valueError("Sizes passed to split must be nonnegative, got [\(sizes.map { "np.int64(\($0))" }.joined(separator: ", "))]")
            }
            guard sizes.reduce(0, +) == x.shape[axis] else {
                throw PyException.valueError("Sum of sizes \(sizes.reduce(0, +)) must be equal to dimension \(x.shape[axis]) of the operand shape \(Shape.describe(x.shape))")
            }
            return sizes.map { size in
                var shape = x.shape
                shape[axis] = size
                return x.with(shape: shape)
            }
        },
        evaluate: { _, xs, params throws(PyException) in
            let x = try Operands.at(xs, 0, "split")
            let axis = try params.required(.axis)
            var offset = 0
            var pieces: [JaxArray] = []
            for size in try params.required(.sizes) {
                var start = Array(repeating: 0, count: x.rank), limit = x.shape
                start[axis] = offset
                limit[axis] = offset + size
                pieces.append(try Kernels.slice(x, start: start, limit: limit, strides: x.shape.map { _ in 1 }))
                offset += size
            }
            return pieces
        },
        jvp: .linear,
        transpose: .rule { _, ctx, cts, args, params throws(PyException) in
            // the cotangents joined back along the axis, zeros for pieces without one
            guard args.first?.isLinear == true else { return [nil] }
            let axis = try params.required(.axis), sizes = try params.required(.sizes)
            let operand = args[0].aval
            var parts: [JaxValue] = []
            for (ct, size) in zip(cts, sizes) {
                if let ct { parts.append(ct); continue }
                var shape = operand.shape
                shape[axis] = size
                parts.append(try Lax.zeros(ctx, operand.with(shape: shape, weakType: false)))
            }
            if parts.count == 1 { return [parts[0]] }
            return [try Tracing.bind1(ctx, .concatenate, parts, Params().with(.dimension, axis))]
        },
        batch: .rule { _, ctx, xs, dims, params, _ throws(PyException) in
            guard let d = dims.first ?? nil else { return (try Tracing.bind(ctx, .split, xs, params), params[.sizes]?.map { _ in nil } ?? []) }
            let moved = try Lax.moveAxis(ctx, xs[0], from: d, to: 0)
            let outs = try Tracing.bind(ctx, .split, [moved], params.with(.axis, try params.required(.axis) + 1))
            return (outs, outs.map { _ in 0 })
        }))
}
