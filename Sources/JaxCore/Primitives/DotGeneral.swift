/// `dot_general`: a product contracting some axes of two operands, with batch axes; bilinear,
/// so its JVP is two products and each operand's transpose is a product with the other.
extension Primitive {
    static let dotGeneral: Primitive = Primitive("dot_general", Rules(
        abstractEval: { ins, params throws(PyException) in
            guard ins.count == 2 else { throw PyException.typeError("dot_general needs two operands") }
            let dims = try params.required(.dotDimensionNumbers)
            let (c, b) = (dims.contracting, dims.batch)
            let lhs = ins[0], rhs = ins[1]
            for (l, r) in zip(c.lhs, c.rhs) where l < lhs.rank && r < rhs.rank && lhs.shape[l] != rhs.shape[r] {
                throw PyException.typeError("dot_general requires contracting dimensions to have the same shape, got \(Shape.describe([lhs.shape[l]])) and \(Shape.describe([rhs.shape[r]])).")
            }
            var shape: [Int] = b.lhs.compactMap { $0 < lhs.rank ? lhs.shape[$0] : nil }
            for i in 0..<lhs.rank where !c.lhs.contains(i) && !b.lhs.contains(i) { shape.append(lhs.shape[i]) }
            for i in 0..<rhs.rank where !c.rhs.contains(i) && !b.rhs.contains(i) { shape.append(rhs.shape[i]) }
            let dtype = params[.preferredElementType] ?? lhs.dtype
            return [ShapedArray(shape: shape, dtype: dtype, weakType: lhs.weakType && rhs.weakType)]
        },
        evaluate: { ctx, xs, params throws(PyException) in
            let dims = try params.required(.dotDimensionNumbers)
            var lhs = try Operands.at(xs, 0, "dot_general"), rhs = try Operands.at(xs, 1, "dot_general")
            if let out = params[.preferredElementType] {
                lhs = Kernels.cast(lhs, to: out, semantics: .jax)
                rhs = Kernels.cast(rhs, to: out, semantics: .jax)
            }
            return [try Kernels.dotGeneral(lhs, rhs, contracting: (dims.contracting.lhs, dims.contracting.rhs),
                                           batch: (dims.batch.lhs, dims.batch.rhs), interrupt: ctx.interrupt)]
        },
        jvp: .bilinear,
        transpose: .linear { prim, ctx, ct, args, params throws(PyException) in
            let dims = try params.required(.dotDimensionNumbers)
            let (c, b) = ((dims.contracting.lhs, dims.contracting.rhs), (dims.batch.lhs, dims.batch.rhs))
            if args[0].isLinear, let y = args[1].value {
                return [try dotTransposeLHS(ctx, ct, lhsAval: args[0].aval, y, contracting: c, batch: b, swapAns: false), nil]
            }
            if args[1].isLinear, let x = args[0].value {
                return [nil, try dotTransposeLHS(ctx, ct, lhsAval: args[1].aval, x, contracting: (c.1, c.0), batch: (b.1, b.0),
                                                 swapAns: true)]
            }
            throw prim.missingRule(.transpose)
        },
        batch: .rule(batchDotGeneral)))

    /// dot_general transposed to its left operand, following lax's
    /// `_dot_general_transpose_lhs` (the right operand's rule swaps the roles).
    private static func dotTransposeLHS(_ ctx: JaxContext, _ g: JaxValue, lhsAval: ShapedArray, _ y: JaxValue,
                                        contracting c: ([Int], [Int]), batch b: ([Int], [Int]), swapAns: Bool) throws(PyException) -> JaxValue {
        let xNdim = lhsAval.rank, yNdim = y.rank
        let xKept = (0..<xNdim).filter { !c.0.contains($0) && !b.0.contains($0) }
        let yKept = (0..<yNdim).filter { !c.1.contains($0) && !b.1.contains($0) }
        let ansBatch = Array(0..<b.0.count)
        let nb = b.0.count
        // In dot(x, y)'s output the y-kept axes follow the x-kept ones; for the rhs rule the
        // operands were swapped, so they come first.
        let ansY = swapAns ? Array(nb..<(nb + yKept.count)) : Array((nb + xKept.count)..<(nb + xKept.count + yKept.count))
        var p = Params()
        p.set(.dotDimensionNumbers, DotDimensions(contracting: (ansY, yKept), batch: (ansBatch, b.1)))
        p.set(.precision, .none, shown: false)
        p.set(.preferredElementType, lhsAval.dtype)
        p.set(.outSharding, .none, shown: false)
        let dot = try Tracing.bind1(ctx, .dotGeneral, [g, y], p)
        // Result layout: batch, then g's remaining (x kept) dims, then y's contracting dims in
        // the order of c.1 sorted; map back to x's axis order.
        let yContractSorted = c.1.sorted()
        let xContractInOrder = yContractSorted.map { yc in c.0[c.1.firstIndex(of: yc) ?? 0] }
        let outAxes = b.0 + xKept + xContractInOrder
        var perm = Array(repeating: 0, count: xNdim)
        for (position, axis) in outAxes.enumerated() where axis < xNdim { perm[axis] = position }
        return try Lax.transpose(ctx, dot, perm)
    }

    /// dot_general with a batch axis on one or both operands.
    private static func batchDotGeneral(_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                                        _ size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        let numbers = try params.required(.dotDimensionNumbers)
        let (c, b) = ((numbers.contracting.lhs, numbers.contracting.rhs), (numbers.batch.lhs, numbers.batch.rhs))
        var p = params
        switch (dims[0], dims[1]) {
        case (let ld?, let rd?):
            let lhs = try Lax.moveAxis(ctx, xs[0], from: ld, to: 0)
            let rhs = try Lax.moveAxis(ctx, xs[1], from: rd, to: 0)
            p.set(.dotDimensionNumbers, DotDimensions(contracting: (c.0.map { $0 + 1 }, c.1.map { $0 + 1 }),
                                                      batch: ([0] + b.0.map { $0 + 1 }, [0] + b.1.map { $0 + 1 })))
            return ([try Tracing.bind1(ctx, prim, [lhs, rhs], p)], [0])
        case (let ld?, nil):
            let lc = Batching.shift(c.0, past: ld), lb = Batching.shift(b.0, past: ld)
            p.set(.dotDimensionNumbers, DotDimensions(contracting: (lc, c.1), batch: (lb, b.1)))
            let free = (0..<xs[0].rank).filter { !lc.contains($0) && !lb.contains($0) }
            let outDim = b.0.count + (free.firstIndex(of: ld) ?? 0)
            return ([try Tracing.bind1(ctx, prim, xs, p)], [outDim])
        case (nil, let rd?):
            let rc = Batching.shift(c.1, past: rd), rb = Batching.shift(b.1, past: rd)
            p.set(.dotDimensionNumbers, DotDimensions(contracting: (c.0, rc), batch: (b.0, rb)))
            let lhsFree = xs[0].rank - c.0.count - b.0.count
            let free = (0..<xs[1].rank).filter { !rc.contains($0) && !rb.contains($0) }
            let outDim = b.0.count + lhsFree + (free.firstIndex(of: rd) ?? 0)
            return ([try Tracing.bind1(ctx, prim, xs, p)], [outDim])
        case (nil, nil):
            return ([try Tracing.bind1(ctx, prim, xs, p)], [nil])
        }
    }
}
