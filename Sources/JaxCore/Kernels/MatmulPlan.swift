/// YNNPACK's float32 matrix-product plan as built into jaxlib 0.10.2 for an AVX2+FMA CPU: the
/// kernel its cost model picks, whether B is packed, the output tiling and the k chunking.
/// Together they fix the order of every multiply and add (see the reduction notes).
struct YnnDotPlan {
    /// One microkernel of YNNPACK's table.
    struct Kernel: Equatable {
        let arch: String
        let bm, bn, bk, tm, tn, tk: Int
        let unalignedB: Bool
        /// Fused multiply-add (one rounding) rather than multiply then add.
        let fused: Bool
    }

    /// One output tile and the kernel that computes it.
    struct Tile {
        let m0, mt, n0, nt: Int
        let kernel: Kernel
    }

    let pack: Bool
    let tileK: Int
    let blockN: Int
    let tiles: [Tile]

    /// The kernel table in YNNPACK's order (ties in cost go to the first).
    static let kernels: [Kernel] = {
        var table: [Kernel] = []
        func add(_ arch: String, _ shapes: [(Int, Int)], bk: Int, tn: Int, tk: Int, unaligned: Bool, fused: Bool) {
            for (bm, bn) in shapes {
                table.append(Kernel(arch: arch, bm: bm, bn: bn, bk: bk, tm: 1, tn: tn, tk: tk, unalignedB: unaligned, fused: fused))
            }
        }
        add("fma3", [(1, 32), (2, 32), (1, 16), (2, 16), (3, 16), (4, 16), (5, 16), (6, 16), (8, 8)], bk: 1, tn: 8, tk: 1, unaligned: true, fused: true)
        add("avx2_fma3_k2", [(1, 16), (2, 16), (1, 8), (3, 8), (4, 8), (5, 8), (6, 8), (4, 4), (5, 4), (6, 4), (8, 4)], bk: 2, tn: 4, tk: 2, unaligned: false, fused: true)
        add("avx", [(1, 32), (2, 32), (1, 16), (2, 16), (3, 16), (4, 16), (4, 8), (6, 8), (8, 8)], bk: 1, tn: 8, tk: 1, unaligned: true, fused: false)
        add("avx2_k2", [(1, 16), (2, 16), (1, 8), (3, 8), (4, 8), (5, 8), (6, 8), (4, 4), (5, 4), (6, 4), (8, 4)], bk: 2, tn: 4, tk: 2, unaligned: false, fused: false)
        add("sse2", [(1, 16), (2, 16), (3, 16), (1, 8), (2, 8), (3, 8), (4, 8), (4, 4), (6, 4), (8, 4)], bk: 1, tn: 4, tk: 1, unaligned: false, fused: false)
        add("none", [(1, 128)], bk: 1, tn: 1, tk: 1, unaligned: true, fused: false)
        return table
    }()

    /// YNNPACK's cost estimate, computed in float32 as it does.
    static func cost(_ m: Int, _ n: Int, _ k: Int, _ kernel: Kernel) -> Float {
        func ceilDiv(_ x: Int, _ y: Int) -> Int { (x + y - 1) / y }
        let blocks = Float(ceilDiv(m, kernel.bm)) * Float(ceilDiv(n, kernel.bn)) * Float(ceilDiv(k, kernel.bk))
        let la = kernel.bm * kernel.bk / (kernel.tm * kernel.tk)
        let lb = kernel.bn * kernel.bk / (kernel.tn * kernel.tk)
        let perBlock = Float(la * 5 + lb * 11 + 9) + Float(kernel.tm * kernel.tn * kernel.tk) * Float(1e-4)
        return blocks * perBlock * (kernel.arch == "none" ? 100 : 1)
    }

    /// The cheapest kernel meeting the constraints, and its cost.
    static func kernel(_ m: Int, _ n: Int, _ k: Int, tileK: Int = 0, blockN: Int = 0,
                       needUnaligned: Bool = false) -> (Kernel, Float)? {
        var best: (Kernel, Float)?
        for kernel in kernels {
            if needUnaligned && !kernel.unalignedB { continue }
            if (tileK != 0 && kernel.tk != tileK) || (!kernel.unalignedB && blockN % kernel.tn != 0) { continue }
            let c = cost(m, n, k, kernel)
            if c < (best?.1 ?? .infinity) { best = (kernel, c) }
        }
        return best
    }

    /// YNNPACK's choice of output tile (rows, columns).
    static func split(_ m: Int, _ n: Int, _ k: Int, blockN: Int) -> (Int, Int) {
        let k = min(k, 1024)
        let minArea = min(m, 64) * min(n, 64)
        let maxArea = 256 * 256
        let maxCost = 1024 * 64
        let aspect = 4
        var sn = min(n, blockN)
        var sm = min(m, 16)
        while true {
            if sn * sm >= minArea && ((sm + sn) * k >= maxCost || sm * sn >= maxArea) { break }
            if (aspect * sn <= sm || sm >= m) && sn < n {
                sn *= 2
            } else if (sm <= aspect * sn || sn >= n) && sm < m {
                sm *= 2
            } else {
                break
            }
        }
        return (min(sm, 32768), min(sn, 65536))
    }

    /// The plan for an (M, K) @ (K, N) product with max(M, K, N) >= 8 and M, N > 1; nil if
    /// no kernel fits (not expected for the table above).
    init?(m: Int, n: Int, k: Int) {
        guard let (packed, packedCost) = YnnDotPlan.kernel(2048, n, k) else { return nil }
        var unpacked: (Kernel, Float)? = (packed, packedCost)
        if packed.tk != 1 {
            unpacked = YnnDotPlan.kernel(2048, n, k, tileK: 1, blockN: 0, needUnaligned: true)
        }
        let pack: Bool
        if let (u, uc) = unpacked, u.unalignedB {
            if uc > packedCost * 2 {
                pack = true
            } else {
                pack = (m + u.bm - 1) / u.bm > 10
            }
        } else {
            pack = true
        }
        let tileK = pack ? packed.tk : 1
        let blockN: Int
        if pack {
            let tn = packed.tn
            let aligned = (n + tn - 1) / tn * tn
            blockN = max(tn, min(aligned, packed.bn * max(1, 32768 / (packed.bn * k))))
        } else {
            blockN = max(16, unpacked?.0.bn ?? 16)
        }
        let (sm, sn) = YnnDotPlan.split(m, n, k, blockN: blockN)
        var tiles: [Tile] = []
        var m0 = 0
        while m0 < m {
            var n0 = 0
            let mt = min(sm, m - m0)
            while n0 < n {
                let nt = min(sn, n - n0)
                let k1 = k & ~(tileK - 1)
                guard let (kernel, _) = YnnDotPlan.kernel(mt, nt, k1, tileK: tileK, blockN: pack ? blockN : nt,
                                                          needUnaligned: !pack) else { return nil }
                tiles.append(Tile(m0: m0, mt: mt, n0: n0, nt: nt, kernel: kernel))
                n0 += sn
            }
            m0 += sm
        }
        self.pack = pack
        self.tileK = tileK
        self.blockN = blockN
        self.tiles = tiles
    }
}
