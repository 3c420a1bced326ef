/// The exact orders in which JAX 0.10.2 (XLA:CPU and YNNPACK) and NumPy add up float arrays,
/// so that sums print the same digits as theirs. See the reduction notes for where each
/// rule comes from.
enum SumOrder {
    /// Input size from which XLA hands a float32 reduce to YNNPACK.
    static let ynnThreshold = 4096
    /// YNNPACK's chunk for one level of partial sums (and its tile area, in float32 elements).
    static let ynnChunk = 32768

    // MARK: XLA's own loop (fewer than 4,096 elements)

    /// XLA's tree: sequential from +0 up to 32 elements, else centred windows of 32 summed
    /// sequentially, then the window sums reduced the same way. With `product`, the same
    /// tree multiplies from 1.
    static func xlaTree<F: BinaryFloatingPoint>(_ x: UnsafeBufferPointer<F>, product: Bool = false) -> F {
        let n = x.count
        let identity: F = product ? 1 : 0
        if n == 0 { return identity }
        if n == 1 { return x[0] }
        if n <= 32 {
            var s = identity
            if product { for v in x { s *= v } } else { for v in x { s += v } }
            return s
        }
        let windows = (n + 31) / 32
        let low = (windows * 32 - n) / 2
        var parts = [F](repeating: 0, count: windows)
        for j in 0..<windows {
            let a = max(0, j * 32 - low)
            let b = min(n, j * 32 + 32 - low)
            var s = identity
            if product { for i in a..<b { s *= x[i] } } else { for i in a..<b { s += x[i] } }
            parts[j] = s
        }
        return parts.withUnsafeBufferPointer { xlaTree($0, product: product) }
    }

    // MARK: YNNPACK (4,096 elements or more)

    /// The 16 lane totals of YNNPACK's `sum_float_k1` kernel: blocks of 64 folded into 16 lanes,
    /// groups of 256 accumulated, with a Kahan step every 1,024 elements.
    static func ynnK1Lanes(_ a: UnsafeBufferPointer<Float>) -> SIMD16<Float> {
        guard let base = a.baseAddress else { return .zero }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func load(_ i: Int) -> SIMD16<Float> {
            raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
        }
        @inline(__always) func local(_ p: Int) -> SIMD16<Float> {
            ((load(p) + load(p &+ 16)) + load(p &+ 32)) + load(p &+ 48)
        }
        let k = a.count
        var acc0 = SIMD16<Float>.zero
        var acc1 = SIMD16<Float>.zero
        var acc2 = SIMD16<Float>.zero
        var err = SIMD16<Float>.zero
        var clock = 0
        var pos = 0
        let groups = k / 256
        for g in 0..<groups {
            let p = g &* 256
            acc1 += ((local(p) + local(p &+ 64)) + local(p &+ 128)) + local(p &+ 192)
            clock &+= 64
            if clock % 256 == 0 {
                kahan(acc1, &acc2, &err)
                acc1 = .zero
            }
        }
        pos = groups * 256
        while k - pos >= 64 {
            acc1 += local(pos)
            pos += 64
        }
        if k - pos > 0 {
            // the zero-padded last block
            for q in 0..<4 {
                var row = SIMD16<Float>.zero
                for j in 0..<16 where pos + q * 16 + j < k { row[j] = a[pos + q * 16 + j] }
                acc0 = acc0 + row
            }
        }
        acc1 += acc0
        kahan(acc1, &acc2, &err)
        return acc2
    }

    /// One Kahan-compensated step adding `a` into `acc`, dropping a non-finite error term.
    @inline(__always)
    static func kahan<V: SIMD>(_ a: V, _ acc: inout V, _ err: inout V) where V.Scalar == Float {
        let y = a - err
        let t = acc + y
        let e = (t - acc) - y
        err = e.replacing(with: 0, where: .!((e - e) .== 0))
        acc = t
    }

    /// YNNPACK's horizontal add of 16 lanes: halves added pairwise down to one.
    static func hsum16(_ v: SIMD16<Float>) -> Float {
        let v8 = v.lowHalf + v.highHalf
        let v4 = v8.lowHalf + v8.highHalf
        let v2 = v4.lowHalf + v4.highHalf
        return v2[0] + v2[1]
    }

    /// YNNPACK's column sums of a row-major (rows, cols) block (`sum_float_kn`), split into
    /// blocks of rows when the block is larger than its tile, as `reduce(axis=0)` does.
    static func ynnAxis0(_ x: UnsafeBufferPointer<Float>, rows: Int, cols: Int) -> [Float] {
        let s1 = max(1, min(ynnChunk / min(cols, ynnChunk), rows))
        if s1 >= rows { return ynnKn(x, rows: rows, cols: cols) }
        var partials: [Float] = []
        var r = 0
        while r < rows {
            let take = min(s1, rows - r)
            partials.append(contentsOf: ynnKn(UnsafeBufferPointer(rebasing: x[(r * cols)..<((r + take) * cols)]), rows: take, cols: cols))
            r += take
        }
        return partials.withUnsafeBufferPointer { ynnKn($0, rows: partials.count / cols, cols: cols) }
    }

    /// One `sum_float_kn` call: groups of 4 rows, flushed every 16 rows, Kahan every 256.
    static func ynnKn(_ x: UnsafeBufferPointer<Float>, rows k: Int, cols n: Int) -> [Float] {
        var result = [Float](repeating: 0, count: n)
        guard let src = x.baseAddress, n > 0 else { return result }
        if k <= 4 {
            // one local block: 0 + ((row0 + row1) + row2) + row3
            result.withUnsafeMutableBufferPointer { out in
                guard let o = out.baseAddress else { return }
                for c in 0..<n { o[c] = src[c] }
                var r = 1
                while r < k {
                    let row = src + r * n
                    for c in 0..<n { o[c] += row[c] }
                    r += 1
                }
                for c in 0..<n { o[c] = 0 + o[c] }
            }
            return result
        }
        // acc0, acc1, acc2, err and the current 4-row sum, side by side in one buffer
        var scratch = [Float](repeating: 0, count: 5 * n)
        scratch.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let acc0 = base, acc1 = base + n, acc2 = base + 2 * n, err = base + 3 * n, local = base + 4 * n
            // acc0 += ((row0 + row1) + row2) + row3, reading rows in memory order
            func addLocal(_ start: Int, _ count: Int) {
                let first = src + start * n
                for c in 0..<n { local[c] = first[c] }
                var r = 1
                while r < count {
                    let row = src + (start + r) * n
                    for c in 0..<n { local[c] += row[c] }
                    r += 1
                }
                for c in 0..<n { acc0[c] += local[c] }
            }
            func kahanAll() {
                for c in 0..<n {
                    let y = acc1[c] - err[c]
                    let t = acc2[c] + y
                    let e = (t - acc2[c]) - y
                    err[c] = e.isFinite ? e : 0
                    acc2[c] = t
                    acc1[c] = 0
                }
            }
            var clock = 0
            var pos = 0
            while k - pos >= 4 {
                addLocal(pos, 4)
                pos += 4
                clock += 4
                if clock % 16 == 0 {
                    for c in 0..<n { acc1[c] += acc0[c]; acc0[c] = 0 }
                    if clock % 256 == 0 { kahanAll() }
                }
            }
            if k - pos > 0 { addLocal(pos, k - pos) }
            for c in 0..<n { acc1[c] += acc0[c] }
            kahanAll()
            result.withUnsafeMutableBufferPointer { out in
                for c in 0..<n { out[c] = acc2[c] }
            }
        }
        return result
    }

    // MARK: NumPy

    /// NumPy's pairwise summation: below 8 a plain loop, up to 128 eight accumulators, else
    /// split in two at a multiple of 8.
    static func numpyPairwise<F: BinaryFloatingPoint & SIMDScalar>(_ a: UnsafeBufferPointer<F>) -> F {
        let n = a.count
        if n < 8 {
            var res: F = 0
            for v in a { res += v }
            return res
        }
        if n <= 128, let base = a.baseAddress {
            // the eight accumulators r[j] += a[i + j] are the eight lanes of one vector
            let raw = UnsafeRawPointer(base)
            let width = MemoryLayout<F>.stride
            var r = raw.loadUnaligned(as: SIMD8<F>.self)
            var i = 8
            let end = n - n % 8
            while i < end {
                r += raw.loadUnaligned(fromByteOffset: i * width, as: SIMD8<F>.self)
                i += 8
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { res += a[i]; i += 1 }
            return res
        }
        var half = n / 2
        half -= half % 8
        return numpyPairwise(UnsafeBufferPointer(rebasing: a[..<half]))
            + numpyPairwise(UnsafeBufferPointer(rebasing: a[half...]))
    }
}
