import CMatmul

/// Float32 matrix products in the exact order JAX 0.10.2 uses on an AVX2+FMA CPU: XLA's own
/// loops for vector and tiny shapes, YNNPACK's planned kernels otherwise (see the reduction
/// notes). Products larger than `exactLimit` multiply-adds go to OpenBLAS, whose k blocking
/// can differ from YNNPACK in the last bit.
enum JaxMatmul {
    /// Above this many multiply-adds, exact emulation costs more than it is worth.
    static let exactLimit = 1 << 25

    /// How the operands looked before they were made 2-D: a vector on one side selects XLA's
    /// dot-vector emitters.
    enum Form {
        case vectorVector, matrixVector, vectorMatrix, matrixMatrix
    }

    /// The form a product takes once a matrix with one row or column counts as a vector, as
    /// both XLA and NumPy treat it.
    static func normalized(_ form: Form, m: Int, n: Int) -> Form {
        var form = form
        if form == .matrixMatrix {
            if m == 1 && n == 1 {
                form = .vectorVector
            } else if n == 1 {
                form = .matrixVector
            } else if m == 1 {
                form = .vectorMatrix
            }
        }
        if form == .matrixVector && m == 1 { form = .vectorVector }
        if form == .vectorMatrix && n == 1 { form = .vectorVector }
        return form
    }

    /// C (M, N) = A (M, K) @ B (K, N), row-major.
    static func product(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>,
                        m: Int, k: Int, n: Int, form: Form) throws(PyException) -> [Float] {
        if m == 0 || n == 0 { return [] }
        if k == 0 { return [Float](repeating: 0, count: m * n) }
        switch normalized(form, m: m, n: n) {
        case .vectorVector:
            if n == 1 { return [vectorDot(a, b, k)] }
            return vectorMatrix(a, b, k: k, n: n)
        case .matrixVector:
            return matrixVector(a, b, m: m, k: k)
        case .vectorMatrix:
            return vectorMatrix(a, b, k: k, n: n)
        case .matrixMatrix:
            if max(m, k, n) < 8 { return tiny(a, b, m: m, k: k, n: n) }
            if m * n * k > exactLimit { return try OpenBLAS.sgemm(a, b, m: m, k: k, n: n) }
            guard let plan = YnnDotPlan(m: m, n: n, k: k) else { return try OpenBLAS.sgemm(a, b, m: m, k: k, n: n) }
            return ynn(a, b, m: m, k: k, n: n, plan: plan)
        }
    }

    /// vec . vec: up to 32 terms one FMA chain from 0; beyond, rounded products summed by the
    /// 1-D sum rule.
    static func vectorDot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, _ k: Int) -> Float {
        if k <= 32 {
            var s: Float = 0
            for i in 0..<k { s = s.addingProduct(x[i], y[i]) }
            return s
        }
        let products = (0..<k).map { x[$0] * y[$0] }
        return JaxSumOrder.sum(products, shape: [k], axes: [0])[0]
    }

    /// (K,) @ (K, N): one FMA chain from 0 per output.
    static func vectorMatrix(_ x: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, k: Int, n: Int) -> [Float] {
        chain(x, b, rows: 1, n: n, lda: k, ldb: n, k0: 0, k1: k, step: 1, fused: true)
    }

    /// (M, K) @ (K,) with M >= 2: rows in tiles of 8, each row 8 FMA lanes over the first
    /// K - K % 8 terms plus an FMA chain over the rest, lanes combined by the tile's tree.
    static func matrixVector(_ a: UnsafeBufferPointer<Float>, _ v: UnsafeBufferPointer<Float>, m: Int, k: Int) -> [Float] {
        var out = [Float](repeating: 0, count: m)
        guard let pa = a.baseAddress, let pv = v.baseAddress else { return out }
        out.withUnsafeMutableBufferPointer { po in
            guard let y = po.baseAddress else { return }
            jaxlab_sgemv_tiled(pa, pv, y, m, k)
        }
        return out
    }

    /// max(M, K, N) < 8: XLA's elemental loop when both min(M, K) and min(K, N) are at most 3,
    /// else oneDNN's sgemm with separate even-k and odd-k chains.
    static func tiny(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, m: Int, k: Int, n: Int) -> [Float] {
        var out = [Float](repeating: 0, count: m * n)
        if min(m, k) <= 3 && min(k, n) <= 3 {
            for i in 0..<m {
                for j in 0..<n {
                    var s = a[i * k] * b[j]
                    for kk in 1..<k { s = s.addingProduct(a[i * k + kk], b[kk * n + j]) }
                    out[i * n + j] = s
                }
            }
            return out
        }
        let kEven = k & ~1
        for i in 0..<m {
            let fused = !(m == 2 || (m == 7 && i == 6))
            @inline(__always) func step(_ s: Float, _ kk: Int, _ j: Int) -> Float {
                fused ? s.addingProduct(a[i * k + kk], b[kk * n + j]) : s + a[i * k + kk] * b[kk * n + j]
            }
            for j in 0..<n {
                var even: Float = 0
                var odd: Float = 0
                var kk = 0
                while kk < kEven {
                    even = step(even, kk, j)
                    odd = step(odd, kk + 1, j)
                    kk += 2
                }
                var s = even + odd
                if kEven < k { s = step(s, k - 1, j) }
                out[i * n + j] = s
            }
        }
        return out
    }

    /// Runs YNNPACK's plan. Each output element is its own chain, so the tiles run across
    /// cores without changing a bit; a product smaller than about 128³ stays on one core, where
    /// waking a second costs more than it saves.
    static func ynn(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, m: Int, k: Int, n: Int,
                    plan: YnnDotPlan) -> [Float] {
        let tiles = plan.tiles
        let operands = UncheckedSendable((a, b))
        let work = tiles.map { $0.mt * $0.nt * k }.max() ?? 0
        let results = BlockLoop.parallelMap(count: tiles.count, elementsEach: work / 8) { t in
            tile(operands.value.0, operands.value.1, k: k, n: n, plan: plan, tiles[t])
        }
        var out = [Float](repeating: 0, count: m * n)
        for (tile, result) in zip(tiles, results) {
            for r in 0..<tile.mt {
                for c in 0..<tile.nt { out[(tile.m0 + r) * n + tile.n0 + c] = result[r * tile.nt + c] }
            }
        }
        return out
    }

    /// One tile of the plan: k chunks each accumulated from 0 and added onto the previous
    /// result; k2 kernels keep even and odd k apart; an odd k tail is added last.
    static func tile(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, k: Int, n: Int,
                     plan: YnnDotPlan, _ tile: YnnDotPlan.Tile) -> [Float] {
        let kernel = tile.kernel
        let aTile = UnsafeBufferPointer(rebasing: a[(tile.m0 * k)...])
        let bTile = UnsafeBufferPointer(rebasing: b[tile.n0...])
        func run(_ k0: Int, _ k1: Int, _ step: Int) -> [Float] {
            chain(aTile, bTile, rows: tile.mt, n: tile.nt, lda: k, ldb: n, k0: k0, k1: k1, step: step, fused: kernel.fused)
        }
        let blockNRuntime = plan.pack ? plan.blockN : tile.nt
        let blocks = 131072 / (blockNRuntime * 4 * kernel.bk)
        let kChunk = blocks > 0 ? kernel.bk * blocks : k
        let k1 = k & ~(kernel.tk - 1)
        var acc: [Float]?
        var kc = 0
        while kc < k1 {
            let end = min(k1, kc + kChunk)
            var c: [Float]
            if kernel.tk == 2 {
                c = run(kc, end, 2)
                let odd = run(kc + 1, end, 2)
                for i in c.indices { c[i] += odd[i] }
            } else {
                c = run(kc, end, 1)
            }
            if let previous = acc { for i in c.indices { c[i] += previous[i] } }
            acc = c
            kc += kChunk
        }
        if k1 < k {
            var t = run(k1, k, 1)
            if let previous = acc { for i in t.indices { t[i] += previous[i] } }
            acc = t
        }
        return acc ?? [Float](repeating: 0, count: tile.mt * tile.nt)
    }

    /// The ordered multiply-accumulate chains of the C helper, into a fresh (rows, n) block.
    static func chain(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, rows: Int, n: Int,
                      lda: Int, ldb: Int, k0: Int, k1: Int, step: Int, fused: Bool) -> [Float] {
        var c = [Float](repeating: 0, count: rows * n)
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return c }
        c.withUnsafeMutableBufferPointer { pc in
            guard let out = pc.baseAddress else { return }
            jaxlab_sgemm_chain(pa, pb, out, rows, n, lda, ldb, n, k0, k1, step, fused ? 1 : 0)
        }
        return c
    }
}
