/// lax.linalg's factorisations (`lu`, `triangular_solve`, `cholesky`, `qr`, `eigh`, `svd`),
/// evaluated by LAPACK as jaxlib evaluates them on CPU. Each works on the trailing two axes and
/// loops over the leading ones, so vmap moves the batch axis to the front and binds again.
extension Primitive {
    static var linalg: [Primitive] { [.lu, .triangularSolve, .cholesky, .qr, .eigh, .svd] }

    /// lax's `linalg_primitive` check: float32/float64 operands of rank 2 or more.
    static func matrixOperand(_ name: String, _ ins: [ShapedArray], _ i: Int = 0) throws(PyException) -> ShapedArray {
        let x = try Operands.at(ins, i, name)
        guard x.rank >= 2 else {
            throw PyException.typeError("Input \(i) to \(name) must have rank at least 2, but got shape=\(Shape.describe(x.shape))")
        }
        guard x.dtype.isFloating else {
            throw PyException.typeError("\(name) does not accept dtype \(x.dtype.name). Accepted dtypes are subtypes of floating, complexfloating.")
        }
        return x
    }

    static func squareOperand(_ name: String, _ ins: [ShapedArray]) throws(PyException) -> ShapedArray {
        let x = try matrixOperand(name, ins)
        guard x.shape[x.rank - 1] == x.shape[x.rank - 2] else {
            throw PyException.valueError("The input to \(name) must be a square matrix. Got shape \(Shape.describe(x.shape)).")
        }
        return x
    }

    /// vmap of a primitive that loops over leading axes: every batched operand's batch axis
    /// moves to the front, unbatched ones are broadcast, and every result is batched at 0.
    static let leadingBatch = BatchRule.rule { prim, ctx, xs, dims, params, size throws(PyException) in
        var operands: [JaxValue] = []
        for (x, d) in zip(xs, dims) {
            if let d {
                operands.append(try Lax.moveAxis(ctx, x, from: d, to: 0))
            } else {
                operands.append(try Lax.broadcastInDim(ctx, x, shape: [size] + x.shape, dims: Array(1...x.rank)))
            }
        }
        let outs = try Tracing.bind(ctx, prim, operands, params)
        return (outs, outs.map { _ in 0 })
    }

    static let lu: Primitive = Primitive("lu", Rules(
        abstractEval: { ins, _ throws(PyException) in
            let x = try matrixOperand("lu", ins)
            let lead = Array(x.shape.dropLast(2)), m = x.shape[x.rank - 2], n = x.shape[x.rank - 1]
            return [x.with(shape: x.shape), ShapedArray(shape: lead + [Swift.min(m, n)], dtype: .int32),
                    ShapedArray(shape: lead + [m], dtype: .int32)]
        },
        evaluate: { ctx, xs, _ throws(PyException) in
            try LinalgKernels.lu(try Operands.at(xs, 0, "lu"), interrupt: { () throws(PyException) in try ctx.checkInterrupt() })
        },
        jvp: luJVP, transpose: .notLinear, batch: leadingBatch))

    static let triangularSolve: Primitive = Primitive("triangular_solve", Rules(
        abstractEval: { ins, params throws(PyException) in
            let a = try matrixOperand("triangular_solve", ins, 0), b = try matrixOperand("triangular_solve", ins, 1)
            guard a.shape[a.rank - 1] == a.shape[a.rank - 2] else {
                throw PyException.typeError("triangular_solve requires square matrices as its first argument, got shape \(Shape.describe(a.shape)).")
            }
            guard a.rank == b.rank, a.shape.dropLast(2) == b.shape.dropLast(2) else {
                throw PyException.typeError("triangular_solve requires both arguments to have the same number of dimensions and equal batch dimensions, got \(Shape.describe(a.shape)) and \(Shape.describe(b.shape)).")
            }
            let left = try params.required(.leftSide)
            let common = b.shape[b.rank - (left ? 2 : 1)]
            guard common == a.shape[a.rank - 1] else {
                throw PyException.typeError("Incompatible shapes for arguments to triangular_solve: \(Shape.describe(a.shape)) and \(Shape.describe(b.shape)).")
            }
            guard a.dtype == b.dtype else {
                throw PyException.typeError("triangular_solve requires arguments of the same dtype, got \(a.dtype.name) and \(b.dtype.name)")
            }
            return [b.with(shape: b.shape)]
        },
        evaluate: { ctx, xs, params throws(PyException) in
            [try LinalgKernels.triangularSolve(try Operands.at(xs, 0, "triangular_solve"), try Operands.at(xs, 1, "triangular_solve"),
                                               leftSide: try params.required(.leftSide), lower: try params.required(.lower),
                                               transposeA: try params.required(.transposeA), unitDiagonal: try params.required(.unitDiagonal),
                                               interrupt: { () throws(PyException) in try ctx.checkInterrupt() })]
        },
        jvp: triangularSolveJVP, transpose: triangularSolveTranspose, batch: leadingBatch))

    static let cholesky: Primitive = Primitive("cholesky", Rules(
        abstractEval: { ins, _ throws(PyException) in
            let x = try squareOperand("cholesky", ins)
            return [x.with(shape: x.shape)]
        },
        evaluate: { ctx, xs, _ throws(PyException) in
            [try LinalgKernels.cholesky(try Operands.at(xs, 0, "cholesky"), interrupt: { () throws(PyException) in try ctx.checkInterrupt() })]
        },
        jvp: choleskyJVP, transpose: .notLinear, batch: leadingBatch))

    static let qr: Primitive = Primitive("qr", Rules(
        abstractEval: { ins, params throws(PyException) in
            let x = try matrixOperand("qr", ins)
            let lead = Array(x.shape.dropLast(2)), m = x.shape[x.rank - 2], n = x.shape[x.rank - 1]
            let k = try params.required(.fullMatrices) ? m : Swift.min(m, n)
            return [x.with(shape: lead + [m, k]), x.with(shape: lead + [k, n])]
        },
        evaluate: { ctx, xs, params throws(PyException) in
            try LinalgKernels.qr(try Operands.at(xs, 0, "qr"), fullMatrices: try params.required(.fullMatrices),
                                 interrupt: { () throws(PyException) in try ctx.checkInterrupt() })
        },
        jvp: .unsupported, transpose: .notLinear, batch: leadingBatch))

    static let eigh: Primitive = Primitive("eigh", Rules(
        abstractEval: { ins, _ throws(PyException) in
            let x = try squareOperand("eigh", ins)
            return [x.with(shape: x.shape), x.with(shape: Array(x.shape.dropLast()))]
        },
        evaluate: { ctx, xs, params throws(PyException) in
            try LinalgKernels.eigh(try Operands.at(xs, 0, "eigh"), lower: try params.required(.lower),
                                   interrupt: { () throws(PyException) in try ctx.checkInterrupt() })
        },
        jvp: eighJVP, transpose: .notLinear, batch: leadingBatch))

    static let svd: Primitive = Primitive("svd", Rules(
        abstractEval: { ins, params throws(PyException) in
            let x = try matrixOperand("svd", ins)
            let lead = Array(x.shape.dropLast(2)), m = x.shape[x.rank - 2], n = x.shape[x.rank - 1], k = Swift.min(m, n)
            let values = x.with(shape: lead + [k])
            guard try params.required(.computeUV) else { return [values] }
            let full = try params.required(.fullMatrices)
            return [values, x.with(shape: lead + [m, full ? m : k]), x.with(shape: lead + [full ? n : k, n])]
        },
        evaluate: { ctx, xs, params throws(PyException) in
            try LinalgKernels.svd(try Operands.at(xs, 0, "svd"), fullMatrices: try params.required(.fullMatrices),
                                  computeUV: try params.required(.computeUV), interrupt: { () throws(PyException) in try ctx.checkInterrupt() })
        },
        jvp: .unsupported, transpose: .notLinear, batch: leadingBatch))
}
