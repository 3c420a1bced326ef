/// Complex dot products as XLA's CPU backend computes them where jaxlab can follow it: a
/// product of two vectors, which XLA rewrites into an elementwise multiply and a sum fused into
/// one loop. Other shapes go to Eigen, whose blocking order is not reproduced, so they are
/// refused.
enum ComplexDot {
    static func dotGeneral(_ lhs: JaxArray, _ rhs: JaxArray, _ dims: DotDimensions, conjugatedLeft: Bool) throws(PyException) -> JaxArray {
        guard dims.batch.lhs.isEmpty, dims.batch.rhs.isEmpty, lhs.rank == 1, rhs.rank == 1,
              dims.contracting.lhs == [0], dims.contracting.rhs == [0] else {
            throw PyException.notImplemented("complex dot_general of \(Shape.describe(lhs.shape)) and \(Shape.describe(rhs.shape)) is not implemented in jaxlab (only products of two vectors: XLA hands matrix products to Eigen, whose order jaxlab does not reproduce)")
        }
        let storage: Storage
        switch (lhs.storage, rhs.storage) {
        case (.complex64(let a), .complex64(let b)): storage = .complex64([vectors(a, b, conjugatedLeft: conjugatedLeft)])
        case (.complex128(let a), .complex128(let b)): storage = .complex128([vectors(a, b, conjugatedLeft: conjugatedLeft)])
        default: throw ComplexKernels.unsupported("dot_general of mixed dtypes")
        }
        return JaxArray(shape: [], storage: storage, weakType: lhs.weakType && rhs.weakType)
    }

    /// sum(a * b) as XLA's fused loop runs it: each product's real part is XLA's complex
    /// multiply's, `fma(ar, br, -ai bi)`, its imaginary part `fma(ai, br, ar bi)`; jnp.vdot's
    /// conjugate, fused into the loop, turns that into `fma(ar, bi, ai br)`. Over more than
    /// 32 elements the parts are summed in XLA's order for sums; up to 32 one part of the sum
    /// runs as a single FMA chain (the imaginary part of a dot, the real part of a vdot,
    /// `fma(ar, br, fma(-ai, bi, s))`) and the other adds the products in order.
    private static func vectors<C: ComplexElement>(_ a: [C], _ b: [C], conjugatedLeft: Bool) -> C where C.Part: TreeFloat {
        FloatEnvironment.value(flushingDenormals: true) {
            let n = Swift.min(a.count, b.count)
            func tree(_ values: [C.Part]) -> C.Part { JaxSumOrder.xlaTree(values, shape: [n], axes: [0])[0] }
            func chain(_ step: (C.Part, Int) -> C.Part) -> C.Part { (0..<n).reduce(0, step) }
            let re = (0..<n).map { (-(a[$0].im * b[$0].im)).addingProduct(a[$0].re, b[$0].re) }
            if conjugatedLeft {
                let im = (0..<n).map { (a[$0].im * b[$0].re).addingProduct(a[$0].re, b[$0].im) }
                guard n <= 32 else { return C(tree(re), tree(im)) }
                return C(chain { s, k in s.addingProduct(-a[k].im, b[k].im).addingProduct(a[k].re, b[k].re) }, tree(im))
            }
            guard n <= 32 else { return C(tree(re), tree((0..<n).map { (a[$0].re * b[$0].im).addingProduct(a[$0].im, b[$0].re) })) }
            return C(tree(re), chain { s, k in s.addingProduct(a[k].re, b[k].im).addingProduct(a[k].im, b[k].re) })
        }
    }
}
