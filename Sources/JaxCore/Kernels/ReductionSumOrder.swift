import CElementwiseKernels

/// The exact orders in which JAX 0.10.2 (XLA:CPU and YNNPACK) and NumPy add up float arrays,
/// so that sums print the same digits as theirs. See the reduction notes for where each
/// rule comes from.
/// A float type with a C kernel for one level of XLA's reduction tree.
protocol TreeFloat: BinaryFloatingPoint {
    /// Windows [first, first + count) of a line of n elements folded into `parts`
    /// (`jaxlab_f32_window_fold`).
    static var windowFold: @Sendable (UnsafePointer<Self>?, Int, Int, Int, Int, Int32, UnsafeMutablePointer<Self>?) -> Void { get }
}

extension Float: TreeFloat {
    static var windowFold: @Sendable (UnsafePointer<Float>?, Int, Int, Int, Int, Int32, UnsafeMutablePointer<Float>?) -> Void {
        jaxlab_f32_window_fold
    }
}

extension Double: TreeFloat {
    static var windowFold: @Sendable (UnsafePointer<Double>?, Int, Int, Int, Int, Int32, UnsafeMutablePointer<Double>?) -> Void {
        jaxlab_f64_window_fold
    }
}

enum SumOrder {
    /// Input size from which XLA hands a float32 reduce to YNNPACK.
    static let ynnThreshold = 4096
    /// YNNPACK's chunk for one level of partial sums (and its tile area, in float32 elements).
    static let ynnChunk = 32768

    // MARK: XLA's own loop (fewer than 4,096 elements)

    /// XLA's tree: sequential from +0 up to 32 elements, else centred windows of 32 summed
    /// sequentially, then the window sums reduced the same way. With `product`, the same
    /// tree multiplies from 1.
    static func xlaTree<F: TreeFloat>(_ x: UnsafeBufferPointer<F>, product: Bool = false) -> F {
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
        guard let base = x.baseAddress else { return identity }
        // groups of windows (each window independent) across cores
        let group = 2048
        let line = UncheckedSendable(base)
        parts.withUnsafeMutableBufferPointer { out in
            guard let outBase = out.baseAddress else { return }
            let parts = UncheckedSendable(outBase)
            _ = BlockLoop.parallelMap(count: (windows + group - 1) / group, elementsEach: group * 32) { g in
                let first = g * group
                F.windowFold(line.value, n, low, first, min(group, windows - first), product ? 1 : 0, parts.value + first)
            }
        }
        return parts.withUnsafeBufferPointer { xlaTree($0, product: product) }
    }

    // MARK: YNNPACK (4,096 elements or more)

    /// YNNPACK's `sum_float_k1` of a line, horizontally added (the C kernel: 16 lanes, blocks
    /// of 64 folded into them, groups of 256 accumulated, a Kahan step every 1,024 elements).
    static func k1(_ a: UnsafeBufferPointer<Float>) -> Float {
        jaxlab_ynn_k1_sum(a.baseAddress, a.count)
    }

    /// YNNPACK's column sums of a row-major (rows, cols) block (`sum_float_kn`), split into
    /// blocks of rows when the block is larger than its tile, as `reduce(axis=0)` does; the
    /// blocks' partial sums are independent, so they run across cores.
    static func ynnAxis0(_ x: UnsafeBufferPointer<Float>, rows: Int, cols: Int) -> [Float] {
        let s1 = ynnRowsPerBlock(rows: rows, cols: cols)
        if s1 >= rows { return ynnKn(x, rows: rows, cols: cols) }
        let blocks = (rows + s1 - 1) / s1
        let partials = [Float](unsafeUninitializedCapacity: blocks * cols) { out, initialized in
            guard let target = out.baseAddress, let source = x.baseAddress else { return }
            let (into, from) = (UncheckedSendable(target), UncheckedSendable(source))
            _ = BlockLoop.parallelMap(count: blocks, elementsEach: s1 * cols) { b in
                knColumns(from.value + b * s1 * cols, rows: min(s1, rows - b * s1), cols: cols, stride: cols,
                          into: into.value + b * cols)
            }
            initialized = blocks * cols
        }
        if blocks <= 4 {
            // up to 4 partial rows are added in order without the initial zero of a one-level
            // sum, so a column that cancels to a flushed -0 stays -0 (as in JAX)
            return FloatEnvironment.value(flushingDenormals: true) {
                (0..<cols).map { c in
                    var s = partials[c]
                    for b in 1..<blocks { s += partials[b * cols + c] }
                    return s
                }
            }
        }
        return partials.withUnsafeBufferPointer { ynnKn($0, rows: blocks, cols: cols) }
    }

    /// How many rows `ynnAxis0` sums per block: every column is summed by the same tree, so
    /// columns may be summed apart (in tiles) with the same bits.
    static func ynnRowsPerBlock(rows: Int, cols: Int) -> Int {
        max(1, min(ynnChunk / max(1, min(cols, ynnChunk)), rows))
    }

    /// One `sum_float_kn` call: groups of 4 rows, flushed every 16 rows, Kahan every 256. Each
    /// column is its own sum, so a large block runs in bands of columns across cores.
    static func ynnKn(_ x: UnsafeBufferPointer<Float>, rows k: Int, cols n: Int) -> [Float] {
        guard n > 0, k > 0, let source = x.baseAddress else { return [Float](repeating: 0, count: n) }
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            guard let target = out.baseAddress else { return }
            let (into, from) = (UncheckedSendable(target), UncheckedSendable(source))
            let bands = min(BlockLoop.processorCount, n / 64)
            if bands > 1 && k * n >= KernelCost.memory.parallelThreshold {
                _ = BlockLoop.parallelMap(count: bands, elementsEach: k * n / bands) { b in
                    let c0 = n * b / bands, c1 = n * (b + 1) / bands
                    knColumns(from.value + c0, rows: k, cols: c1 - c0, stride: n, into: into.value + c0)
                }
            } else {
                knColumns(source, rows: k, cols: n, stride: n, into: target)
            }
            initialized = n
        }
    }

    /// `sum_float_kn` over `cols` columns of `rows` rows (row i at x + i * stride) into `out`.
    private static func knColumns(_ x: UnsafePointer<Float>, rows: Int, cols: Int, stride: Int, into out: UnsafeMutablePointer<Float>) {
        var scratch = [Float](repeating: 0, count: 5 * cols)
        scratch.withUnsafeMutableBufferPointer { jaxlab_ynn_kn_sum(x, rows, cols, stride, out, $0.baseAddress) }
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
