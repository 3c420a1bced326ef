/// Reductions over `axes` (sum, max, min, prod, and, or), argmax/argmin and cumsum.
extension Primitive {
    static var reductions: [Primitive] {
        [.reduceSum, .reduceMax, .reduceMin, .reduceProd, .reduceAnd, .reduceOr, .argmax, .argmin, .cumsum, .cumprod, .cummax, .cummin]
    }

    /// A reduction of one operand over `axes`, computed by `op`.
    static func reduction(_ name: String, _ op: Kernels.ReduceOp, jvp: JVPRule,
                          transpose: TransposeRule = .notLinear) -> Primitive {
        Primitive(name, Rules(
            abstractEval: { ins, params throws(PyException) in
                let x = try Operands.first(ins)
                return [x.with(shape: Operands.removing(try params.required(.axes), from: x.shape))]
            },
            evaluate: { _, xs, params throws(PyException) in
                [try Kernels.reduce(op, try Operands.at(xs, 0, name), axes: try params.required(.axes), semantics: .jax)]
            },
            jvp: jvp, transpose: transpose, batch: .rule(batchReduction)))
    }

    /// The reduced axes shift past the batch axis (printed as NumPy ints, as JAX computes
    /// them); the batch axis moves left by the reduced axes before it.
    static func batchReduction(_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                               _ size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        guard let d = dims[0] else { throw prim.missingRule(.batching) }
        let axes = try params.required(.axes)
        let p = params.with(.axes, printed: .npInts(Batching.shift(axes, past: d)))
        let outDim = d - axes.filter { $0 < d }.count
        return ([try Tracing.bind1(ctx, prim, xs, p)], [outDim])
    }

    static let reduceSum: Primitive = reduction("reduce_sum", .sum, jvp: .linear, transpose: .linear { _, ctx, ct, args, params throws(PyException) in
        let shape = args[0].aval.shape
        let axes = try params.required(.axes)
        let dims = (0..<shape.count).filter { !axes.contains($0) }
        return [try Lax.broadcastInDim(ctx, ct, shape: shape, dims: dims, numpyDims: true)]
    })
    static let reduceMax: Primitive = reduction("reduce_max", .max, jvp: chooserJVP)
    static let reduceMin: Primitive = reduction("reduce_min", .min, jvp: chooserJVP)
    static let reduceProd: Primitive = reduction("reduce_prod", .product, jvp: .unsupported)
    static let reduceAnd: Primitive = reduction("reduce_and", .all, jvp: .unsupported)
    static let reduceOr: Primitive = reduction("reduce_or", .any, jvp: .unsupported)

    /// reduce_max/min: the tangent averaged over the positions holding the extreme value.
    static let chooserJVP: JVPRule = JVPRule.rule { prim, ctx, xs, ts, params throws(PyException) in
            let out = try Tracing.bind1(ctx, prim, xs, params)
            guard let g = ts[0] else { return ([out], [nil]) }
            let operand = xs[0], axes = try params.required(.axes)
            let shape = operand.shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
            let indicators = try Lax.convert(ctx, try Lax.compare(ctx, .eq, operand, try Lax.reshape(ctx, out, shape)), g.dtype)
            let counts = try Lax.reduceSum(ctx, indicators, axes: axes)
            return ([out], [try Lax.div(ctx, try Lax.reduceSum(ctx, try Lax.mul(ctx, g, indicators), axes: axes), counts)])
    }

    /// The position of the largest (smallest) element along `axes`, in `index_dtype`.
    static func argReduction(_ name: String, max: Bool) -> Primitive {
        Primitive(name, Rules(
            abstractEval: { ins, params throws(PyException) in
                let x = try Operands.first(ins)
                return [ShapedArray(shape: Operands.removing(try params.required(.axes), from: x.shape), dtype: try params.required(.indexDType))]
            },
            evaluate: { _, xs, params throws(PyException) in
                [try Kernels.argReduce(max: max, try Operands.at(xs, 0, name), axis: try params.required(.axes).first ?? 0,
                                       indexDType: try params.required(.indexDType))]
            },
            jvp: .zero, transpose: .notLinear, batch: .rule(batchReduction)))
    }

    static let argmax: Primitive = argReduction("argmax", max: true)
    static let argmin: Primitive = argReduction("argmin", max: false)

    /// The running sum along `axis` (read backwards when `reverse`).
    static let cumsum: Primitive = Primitive("cumsum", Rules(
        abstractEval: Rules.sameAsOperand,
        evaluate: { _, xs, params throws(PyException) in
            [CumulativeSum.apply(try Operands.at(xs, 0, "cumsum"), axis: try params.required(.axis), reverse: params[.reverse] ?? false)]
        },
        jvp: .linear,
        transpose: .linear { _, ctx, ct, _, params throws(PyException) in
            // a running sum read backwards
            [try Tracing.bind1(ctx, .cumsum, [ct], params.with(.reverse, !(params[.reverse] ?? false)))]
        },
        batch: .rule(batchAlongAxis)))

    /// The running product along `axis` (read backwards when `reverse`). Differentiated as JAX
    /// does, through the JVP of an associative scan of `mul` (whose primal output it returns).
    static let cumprod: Primitive = Primitive("cumprod", Rules(
        abstractEval: Rules.sameAsOperand,
        evaluate: { _, xs, params throws(PyException) in
            [CumulativeSum.apply(try Operands.at(xs, 0, "cumprod"), axis: try params.required(.axis), reverse: params[.reverse] ?? false,
                                 product: true)]
        },
        jvp: .rule { prim, ctx, xs, ts, params throws(PyException) in
            guard let t = ts.first ?? nil else { return (try Tracing.bind(ctx, prim, xs, params), [nil]) }
            let axis = try params.required(.axis), reverse = params[.reverse] ?? false
            return try Tracing.jvp(ctx, xs, [t]) { inner throws(PyException) -> [JaxValue] in
                [try Lax.associativeScan(ctx, inner[0], axis: axis, reverse: reverse) { a, b throws(PyException) in try Lax.mul(ctx, a, b) }]
            }
        },
        transpose: .notLinear, batch: .rule(batchAlongAxis)))

    /// `cummax` / `cummin`: the running extremum along `axis`. Evaluation and batching only:
    /// JAX differentiates them through an associative scan, which jaxlab does not stage yet.
    static let cummax: Primitive = cumulativeExtremum("cummax", max: true)
    static let cummin: Primitive = cumulativeExtremum("cummin", max: false)

    static func cumulativeExtremum(_ name: String, max: Bool) -> Primitive {
        Primitive(name, Rules(
            abstractEval: Rules.sameAsOperand,
            evaluate: { _, xs, params throws(PyException) in
                [CumulativeExtremum.apply(try Operands.at(xs, 0, name), axis: try params.required(.axis), reverse: params[.reverse] ?? false, max: max)]
            },
            jvp: .unsupported,
            transpose: .notLinear,
            batch: .rule(batchAlongAxis)))
    }

    /// Primitives with an `axis` parameter (cumsum, top_k): it shifts past the batch axis,
    /// which stays where it is.
    static func batchAlongAxis(_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                               _ size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        guard let d = dims[0] else { throw prim.missingRule(.batching) }
        let axis = try params.required(.axis)
        let outs = try Tracing.bind(ctx, prim, xs, params.with(.axis, d <= axis ? axis + 1 : axis))
        return (outs, outs.map { _ in d })
    }
}
