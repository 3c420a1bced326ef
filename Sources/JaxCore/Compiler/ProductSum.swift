/// `reduce_sum(a * b, axis)` over one inner axis of a float32 product of 4,096 or more
/// elements whose factors broadcast (vmap's `(x[:, None] * W).sum(axis=0)`): the products are
/// written straight into the layout YNNPACK sums in (the reduced axis first), each rounded as
/// the eager multiply rounds it, and summed by the eager kernel's own `ynnAxis0`, so neither
/// the broadcast product nor its transposed copy is ever built.
struct ProductSum {
    /// The reduce_sum equation and the multiply it absorbs.
    let sum: Int
    let product: Int

    /// The equations of `jaxpr` that form a product sum, by reduce_sum index.
    static func find(_ jaxpr: Jaxpr, uses: [Var: Int]) -> [Int: ProductSum] {
        var producer: [Var: Int] = [:]
        for (i, eqn) in jaxpr.eqns.enumerated() { for v in eqn.outvars { producer[v] = i } }
        var found: [Int: ProductSum] = [:]
        for (i, eqn) in jaxpr.eqns.enumerated() where eqn.primitive == .reduceSum {
            guard let g = eqn.inputs.first?.variable, uses[g] == 1, let j = producer[g], jaxpr.eqns[j].primitive == .mul,
                  jaxpr.eqns[j].inputs.count == 2, g.aval.dtype == .float32, g.aval.count >= SumOrder.ynnThreshold,
                  jaxpr.eqns[j].inputs.allSatisfy({ $0.aval.dtype == .float32 && $0.aval.rank == g.aval.rank }),
                  let axes = eqn.params[.axes], axes.count == 1, isInner(g.aval.shape, axes[0]) else { continue }
            found[i] = ProductSum(sum: i, product: j)
        }
        return found
    }

    /// Whether the axis is of more than one element and, once size-1 dimensions are dropped,
    /// not the last (YNNPACK sums a last axis per output, another way).
    private static func isInner(_ shape: [Int], _ axis: Int) -> Bool {
        guard axis >= 0, axis < shape.count, shape[axis] > 1 else { return false }
        let kept = shape.indices.filter { shape[$0] != 1 }
        guard let position = kept.firstIndex(of: axis) else { return false }
        return position < kept.count - 1
    }

    /// The sum of the products of `a` and `b` (broadcast to `shape`) along `axis`.
    static func run(_ a: JaxArray, _ b: JaxArray, shape: [Int], axis: Int, interrupt: InterruptFlag?) throws(PyException) -> JaxArray? {
        guard case .float32(let x) = a.storage, case .float32(let y) = b.storage, a.rank == shape.count, b.rank == shape.count else {
            return nil
        }
        let stridesA = BinaryLayout.strides(of: a.shape, over: shape), stridesB = BinaryLayout.strides(of: b.shape, over: shape)
        let rows = shape[axis]
        let keptAxes = shape.indices.filter { $0 != axis }
        let cols = AxisRules.product(keptAxes.map { shape[$0] })
        guard rows > 0, cols > 0 else { return nil }
        let keptShape = keptAxes.map { shape[$0] }
        let keptA = keptAxes.map { stridesA[$0] }, keptB = keptAxes.map { stridesB[$0] }
        // the products in (axis, kept...) order: one row per index along the axis
        let products = try x.withUnsafeBufferPointer { (xs: UnsafeBufferPointer<Float>) throws(PyException) -> [Float] in
            try y.withUnsafeBufferPointer { (ys: UnsafeBufferPointer<Float>) throws(PyException) -> [Float] in
                guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return [] }
                let pointers = UncheckedSendable((xb, yb))
                return try BlockLoop.makeArray(count: rows * cols, cost: .memory, flush: true, interrupt: interrupt) { out, range in
                    let (pa, pb) = pointers.value
                    let rank = keptShape.count
                    // the multi-index of the first element, then an odometer over the kept axes
                    var row = range.lowerBound / cols, col = range.lowerBound % cols
                    var index = [Int](repeating: 0, count: rank)
                    var offA = row * stridesA[axis], offB = row * stridesB[axis]
                    var rest = col
                    for d in stride(from: rank - 1, through: 0, by: -1) {
                        index[d] = rest % keptShape[d]
                        rest /= keptShape[d]
                        offA += index[d] * keptA[d]
                        offB += index[d] * keptB[d]
                    }
                    for k in range {
                        out[k] = pa[offA] * pb[offB]
                        col += 1
                        if col == cols {
                            col = 0
                            row += 1
                            for d in 0..<rank { index[d] = 0 }
                            offA = row * stridesA[axis]
                            offB = row * stridesB[axis]
                            continue
                        }
                        var d = rank - 1
                        index[d] += 1
                        offA += keptA[d]
                        offB += keptB[d]
                        while index[d] == keptShape[d] && d > 0 {
                            offA -= keptA[d] * keptShape[d]
                            offB -= keptB[d] * keptShape[d]
                            index[d] = 0
                            d -= 1
                            index[d] += 1
                            offA += keptA[d]
                            offB += keptB[d]
                        }
                    }
                }
            }
        }
        let sums = products.withUnsafeBufferPointer { SumOrder.ynnAxis0($0, rows: rows, cols: cols) }
        return JaxArray(shape: keptShape, storage: .float32(sums), weakType: a.weakType && b.weakType)
    }
}
