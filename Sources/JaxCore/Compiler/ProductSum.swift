import CElementwiseKernels
/// `reduce_sum(a * b, axis)` over one inner axis of a float32 product of 4,096 or more
/// elements whose factors broadcast (vmap's `(x[:, None] * W).sum(axis=0)`): the products are
/// written straight into the layout YNNPACK sums in (the reduced axis first), each rounded as
/// the eager multiply rounds it, and summed by the eager kernel's own `ynnAxis0`, so neither
/// the broadcast product nor its transposed copy is ever built. vmap's `x @ W + b` itself
/// (`Linear`) is summed as XLA's fused reduction sums it, with the bias add in the same pass.
struct ProductSum {
    /// The reduce_sum equation and the multiply it absorbs.
    let sum: Int
    let product: Int
    /// The batched linear form, when the product is one.
    var linear: Linear?

    /// `reduce_sum(x[:, :, None] * W[None], axis=1)` with x (rows, terms) and W (terms,
    /// columns), optionally followed by `+ b` with b of one row: XLA fuses the three into one
    /// kernel that rounds each product and adds an output's terms in adjacent pairs,
    /// `((p0+p1)+(p2+p3))+p4`. Checked against JAX for 2 to 7 terms and 2 to 16 columns (other
    /// shapes change XLA's order, and keep the eager order here).
    struct Linear {
        let rows: Int, terms: Int, columns: Int
        /// Which input of the multiply is x.
        let xSide: Int
        /// The add equation that adds the bias, and the bias.
        var bias: (add: Int, operand: Atom)?
    }

    /// The equation whose value the instruction gives.
    var last: Int { linear?.bias?.add ?? sum }

    /// The values the instruction reads.
    func inputs(_ eqns: [JaxprEqn]) -> [Atom] {
        eqns[product].inputs + (linear?.bias.map { [$0.operand] } ?? [])
    }

    /// The equations of `jaxpr` that form a product sum, by the index of the last equation
    /// each absorbs (the reduce_sum, or the bias add after it).
    static func find(_ jaxpr: Jaxpr, uses: [Var: Int]) -> [Int: ProductSum] {
        var producer: [Var: Int] = [:], consumer: [Var: Int] = [:]
        for (i, eqn) in jaxpr.eqns.enumerated() {
            for v in eqn.outvars { producer[v] = i }
            for atom in eqn.inputs { if let v = atom.variable { consumer[v] = i } }
        }
        var found: [Int: ProductSum] = [:]
        for (i, eqn) in jaxpr.eqns.enumerated() where eqn.primitive == .reduceSum {
            guard let g = eqn.inputs.first?.variable, uses[g] == 1, let j = producer[g], jaxpr.eqns[j].primitive == .mul,
                  jaxpr.eqns[j].inputs.count == 2, g.aval.dtype == .float32, g.aval.count >= SumOrder.ynnThreshold,
                  jaxpr.eqns[j].inputs.allSatisfy({ $0.aval.dtype == .float32 && $0.aval.rank == g.aval.rank }),
                  let axes = eqn.params[.axes], axes.count == 1, isInner(g.aval.shape, axes[0]) else { continue }
            var productSum = ProductSum(sum: i, product: j)
            productSum.linear = linear(jaxpr.eqns[j], axis: axes[0])
            if productSum.linear != nil, let out = eqn.outvars.first, uses[out] == 1, let k = consumer[out],
               let bias = bias(jaxpr.eqns[k], of: out) {
                productSum.linear?.bias = (k, bias)
            }
            found[productSum.last] = productSum
        }
        return found
    }

    /// The batched linear form of a product summed along `axis`, when it is one XLA sums in pairs.
    private static func linear(_ product: JaxprEqn, axis: Int) -> Linear? {
        let shape = product.outvars[0].aval.shape
        guard axis == 1, shape.count == 3, (2...7).contains(shape[1]), (2...16).contains(shape[2]) else { return nil }
        let (rows, terms, columns) = (shape[0], shape[1], shape[2])
        for side in 0..<2 where product.inputs[side].aval.shape == [rows, terms, 1] && product.inputs[1 - side].aval.shape == [1, terms, columns] {
            return Linear(rows: rows, terms: terms, columns: columns, xSide: side)
        }
        return nil
    }

    /// The bias of `add(value, b)` (either order) with b one float32 row of the value's columns.
    private static func bias(_ add: JaxprEqn, of value: Var) -> Atom? {
        guard add.primitive == .add || add.primitive == .addAny, add.inputs.count == 2, let out = add.outvars.first,
              out.aval.dtype == .float32, out.aval.shape == value.aval.shape, let columns = value.aval.shape.last else { return nil }
        for side in 0..<2 where add.inputs[side].variable === value {
            let other = add.inputs[1 - side]
            guard other.aval.dtype == .float32, other.aval.shape == [1, columns] || other.aval.shape == [columns] else { return nil }
            return other
        }
        return nil
    }

    /// x @ W (+ b) of the `Linear` form: one pass over x's rows, split across cores by rows
    /// (each output is computed on its own, so the split changes no bit).
    static func runLinear(_ linear: Linear, x: JaxArray, w: JaxArray, bias: JaxArray?, weakType: Bool,
                          interrupt: InterruptFlag?) throws(PyException) -> JaxArray? {
        guard case .float32(let xs) = x.storage, case .float32(let ws) = w.storage, xs.count == linear.rows * linear.terms,
              ws.count == linear.terms * linear.columns else { return nil }
        var bs: [Float]? = nil
        if let bias {
            guard case .float32(let b) = bias.storage, b.count == linear.columns else { return nil }
            bs = b
        }
        let (k, n) = (linear.terms, linear.columns)
        var stopped = false
        let out = xs.withUnsafeBufferPointer { xp in
            ws.withUnsafeBufferPointer { wp in
                (bs ?? []).withUnsafeBufferPointer { bp in
                    [Float](unsafeUninitializedCapacity: linear.rows * n) { buffer, initialized in
                        initialized = linear.rows * n
                        guard let xb = xp.baseAddress, let wb = wp.baseAddress, let ob = buffer.baseAddress else { return }
                        LargeAllocation.advise(buffer)
                        let p = UncheckedSendable((xb, wb, bs == nil ? nil : bp.baseAddress, ob))
                        do {
                            try BlockLoop.run(count: linear.rows, cost: .polynomial, flush: true, interrupt: interrupt) { r in
                                jaxlab_f32_linear_pairs(p.value.0 + r.lowerBound * k, p.value.1, p.value.2, p.value.3 + r.lowerBound * n, r.count, k, n)
                            }
                        } catch {
                            stopped = true
                        }
                    }
                }
            }
        }
        if stopped { throw PyException("KeyboardInterrupt", "") }
        return JaxArray(shape: [linear.rows, n], storage: .float32(out), weakType: weakType)
    }

    /// Whether the axis is of more than one element and, once size-1 dimensions are dropped,
    /// not the last (YNNPACK sums a last axis per output, another way).
    private static func isInner(_ shape: [Int], _ axis: Int) -> Bool {
        guard axis >= 0, axis < shape.count, shape[axis] > 1 else { return false }
        let kept = shape.indices.filter { shape[$0] != 1 }
        guard let position = kept.firstIndex(of: axis) else { return false }
        return position < kept.count - 1
    }

    /// Columns (kept elements) summed per tile: the tile's products stay in cache.
    static let tileColumns = 512

    /// The sum of the products of `a` and `b` (broadcast to `shape`) along `axis`. Each tile
    /// of columns writes its products in the (axis, column) layout, each rounded as the eager
    /// multiply rounds it (with XLA's flushed denormals), and sums them with YNNPACK's tree
    /// for the whole array's blocking, so the tiles (and the cores they run on) never change
    /// a bit.
    static func run(_ a: JaxArray, _ b: JaxArray, shape: [Int], axis: Int, interrupt: InterruptFlag?) throws(PyException) -> JaxArray? {
        guard case .float32(let x) = a.storage, case .float32(let y) = b.storage, a.rank == shape.count, b.rank == shape.count else {
            return nil
        }
        let stridesA = BinaryLayout.strides(of: a.shape, over: shape), stridesB = BinaryLayout.strides(of: b.shape, over: shape)
        let rows = shape[axis]
        let keptAxes = shape.indices.filter { $0 != axis }
        let cols = AxisRules.product(keptAxes.map { shape[$0] })
        guard rows > 0, cols > 0 else { return nil }
        let odometer = Odometer(shape: keptAxes.map { shape[$0] }, stridesA: keptAxes.map { stridesA[$0] }, stridesB: keptAxes.map { stridesB[$0] },
                                rowA: stridesA[axis], rowB: stridesB[axis])
        let s1 = SumOrder.ynnRowsPerBlock(rows: rows, cols: cols)
        let blocks = (rows + s1 - 1) / s1
        let sums = try x.withUnsafeBufferPointer { (xs: UnsafeBufferPointer<Float>) throws(PyException) -> [Float] in
            try y.withUnsafeBufferPointer { (ys: UnsafeBufferPointer<Float>) throws(PyException) -> [Float] in
                guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return [] }
                let pointers = UncheckedSendable((xb, yb))
                return try BlockLoop.makeArray(count: cols, cost: .polynomial, flush: false, interrupt: interrupt) { out, range in
                    let tile = ProductSum.tileColumns
                    var products = [Float](repeating: 0, count: rows * tile)
                    var partials = [Float](repeating: 0, count: blocks > 1 ? blocks * tile : 0)
                    var scratch = [Float](repeating: 0, count: 5 * tile)
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let width = min(tile, range.upperBound - start)
                        products.withUnsafeMutableBufferPointer { p in
                            guard let base = p.baseAddress else { return }
                            FloatEnvironment.value(flushingDenormals: true) {
                                for row in 0..<rows { odometer.products(pointers.value.0, pointers.value.1, row: row, from: start, count: width, into: base + row * width) }
                            }
                            scratch.withUnsafeMutableBufferPointer { sc in
                                if blocks == 1 {
                                    jaxlab_ynn_kn_sum(base, rows, width, width, out + start, sc.baseAddress)
                                    return
                                }
                                partials.withUnsafeMutableBufferPointer { pp in
                                    guard let partial = pp.baseAddress else { return }
                                    for block in 0..<blocks {
                                        jaxlab_ynn_kn_sum(base + block * s1 * width, min(s1, rows - block * s1), width, width, partial + block * width, sc.baseAddress)
                                    }
                                    jaxlab_ynn_kn_sum(partial, blocks, width, width, out + start, sc.baseAddress)
                                }
                            }
                        }
                        start += width
                    }
                }
            }
        }
        return JaxArray(shape: keptAxes.map { shape[$0] }, storage: .float32(sums), weakType: a.weakType && b.weakType)
    }
}

/// Walks the kept (not summed) axes of a broadcast product in row-major order, keeping each
/// factor's offset.
private struct Odometer: Sendable {
    let shape: [Int]
    let stridesA: [Int], stridesB: [Int]
    /// The factors' strides along the summed axis.
    let rowA: Int, rowB: Int

    /// The products of `count` kept elements from flat position `first`, at index `row` of
    /// the summed axis.
    func products(_ pa: UnsafePointer<Float>, _ pb: UnsafePointer<Float>, row: Int, from first: Int, count: Int,
                  into out: UnsafeMutablePointer<Float>) {
        let rank = shape.count
        if rank == 2 {
            products2D(pa, pb, row: row, from: first, count: count, into: out)
            return
        }
        var index = [Int](repeating: 0, count: rank)
        var offA = row * rowA, offB = row * rowB
        var rest = first
        for d in stride(from: rank - 1, through: 0, by: -1) {
            index[d] = rest % shape[d]
            rest /= shape[d]
            offA += index[d] * stridesA[d]
            offB += index[d] * stridesB[d]
        }
        guard rank > 0 else {
            if count > 0 { out[0] = pa[offA] * pb[offB] }
            return
        }
        for k in 0..<count {
            out[k] = pa[offA] * pb[offB]
            var d = rank - 1
            index[d] += 1
            offA += stridesA[d]
            offB += stridesB[d]
            while index[d] == shape[d] && d > 0 {
                offA -= stridesA[d] * shape[d]
                offB -= stridesB[d] * shape[d]
                index[d] = 0
                d -= 1
                index[d] += 1
                offA += stridesA[d]
                offB += stridesB[d]
            }
        }
    }

    /// `products` over two kept axes (vmap's batch and output axes): one column of the kept
    /// shape at a time, so the inner loop has fixed strides and no carries.
    private func products2D(_ pa: UnsafePointer<Float>, _ pb: UnsafePointer<Float>, row: Int, from first: Int, count: Int,
                            into out: UnsafeMutablePointer<Float>) {
        let width = shape[1]
        guard width > 0, count > 0 else { return }
        let end = first + count
        for j in 0..<width {
            let baseA = row * rowA + j * stridesA[1], baseB = row * rowB + j * stridesB[1]
            let stepA = stridesA[0], stepB = stridesB[0]
            var i = first / width
            if i * width + j < first { i += 1 }
            var c = i * width + j
            while c < end {
                out[c - first] = pa[baseA + i * stepA] * pb[baseB + i * stepB]
                i += 1
                c += width
            }
        }
    }
}
