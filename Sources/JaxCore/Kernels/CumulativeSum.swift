import CElementwiseKernels

/// `cumsum` and `cumprod` along one axis: in the order XLA's CPU backend combines (JAX), or
/// one element after another (NumPy's `add.accumulate`).
public enum CumulativeSum {
    /// `cumsum` (or `cumprod`, with `product`) along `axis` as XLA computes it on CPU: blocks
    /// of 16 plus the recursively combined block totals, each step rounded to the dtype (see
    /// `blockedSums`). Integers wrap.
    static func apply(_ x: JaxArray, axis: Int, reverse: Bool, product: Bool = false) -> JaxArray {
        let n = x.shape[axis]
        let inner = x.shape[(axis + 1)...].reduce(1, *)
        let outer = x.count / Swift.max(n * inner, 1)
        let lines = Lines(n: n, inner: inner, outer: outer)
        let storage: Storage
        switch x.storage {
        case .float32(let v):
            storage = .float32(lines.map(v) { line, out, scratch in
                (product ? jaxlab_f32_cumprod : jaxlab_f32_cumsum)(line, out, n, reverse ? 1 : 0, scratch)
            })
        case .float64(let v):
            storage = .float64(lines.map(v) { line, out, scratch in
                (product ? jaxlab_f64_cumprod : jaxlab_f64_cumsum)(line, out, n, reverse ? 1 : 0, scratch)
            })
        case .int32(let v): storage = .int32(lines.map(v) { line, out, _ in running(line, out, n, reverse: reverse, product: product) })
        case .int64(let v): storage = .int64(lines.map(v) { line, out, _ in running(line, out, n, reverse: reverse, product: product) })
        case .uint32(let v): storage = .uint32(lines.map(v) { line, out, _ in running(line, out, n, reverse: reverse, product: product) })
        case .complex64, .complex128:
            // XLA adds complex numbers part by part, so each part is a real cumsum (complex
            // products never reach here: the complex gate refuses cumprod)
            let (re, im) = ComplexCast.parts(x)
            storage = ComplexCast.compose(apply(re, axis: axis, reverse: reverse).storage, apply(im, axis: axis, reverse: reverse).storage)
        default:
            return halfOrNarrow(x, lines: lines, reverse: reverse, product: product)
        }
        return JaxArray(shape: x.shape, storage: storage)
    }

    /// A wrapping running sum or product of one line of integers (the order does not matter).
    private static func running<T: FixedWidthInteger>(_ line: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ n: Int,
                                                      reverse: Bool, product: Bool) {
        var total: T = product ? 1 : 0
        for k in 0..<n {
            let i = reverse ? n - 1 - k : k
            total = product ? total &* line[i] : total &+ line[i]
            out[i] = total
        }
    }

    /// The lines along the scanned axis of an array viewed as (outer, n, inner).
    struct Lines {
        let n: Int
        let inner: Int
        let outer: Int

        /// `scan(line, out, scratch)` on every line (gathered into contiguous memory when the
        /// axis is not the last), into a new array of the same layout.
        func map<T: Numeric>(_ v: [T], _ scan: (UnsafePointer<T>, UnsafeMutablePointer<T>, UnsafeMutablePointer<T>) -> Void) -> [T] {
            var scratch = [T](repeating: 0, count: n / 7 + 64)
            var line = [T](repeating: 0, count: inner == 1 ? 0 : n)
            var result = [T](repeating: 0, count: outer * n * inner)
            v.withUnsafeBufferPointer { src in
                result.withUnsafeMutableBufferPointer { dst in
                    scratch.withUnsafeMutableBufferPointer { work in
                        line.withUnsafeMutableBufferPointer { gathered in
                            guard let s = src.baseAddress, let d = dst.baseAddress, let w = work.baseAddress else { return }
                            for o in 0..<outer {
                                let base = o * n * inner
                                if inner == 1 {
                                    scan(s + base, d + base, w)
                                    continue
                                }
                                guard let g = gathered.baseAddress else { return }
                                var column = [T](repeating: 0, count: n)
                                for j in 0..<inner {
                                    for i in 0..<n { g[i] = s[base + i * inner + j] }
                                    column.withUnsafeMutableBufferPointer { c in
                                        if let c = c.baseAddress { scan(g, c, w) }
                                    }
                                    for i in 0..<n { d[base + i * inner + j] = column[i] }
                                }
                            }
                        }
                    }
                }
            }
            return result
        }
    }

    /// float16, bfloat16 and the narrow integers: the same scan in float64 (each step rounded
    /// to the dtype) or int64, converted back.
    private static func halfOrNarrow(_ x: JaxArray, lines: Lines, reverse: Bool, product: Bool) -> JaxArray {
        let (n, inner, outer) = (lines.n, lines.inner, lines.outer)
        let lane = { (o: Int, j: Int, i: Int) -> Int in o * n * inner + (reverse ? n - 1 - i : i) * inner + j }
        if x.dtype.isFloating {
            let at = { (o: Int, j: Int, i: Int) -> Int in o * n * inner + i * inner + j }
            var out = [Double](repeating: 0, count: x.count)
            for o in 0..<outer {
                for j in 0..<inner {
                    let values = (0..<n).map { x.storage.double(at: at(o, j, $0)) }
                    let sums = blockedSums(values, reverse: reverse, product: product) { x.dtype.rounding($0) }
                    for i in 0..<n { out[at(o, j, i)] = sums[i] }
                }
            }
            return Kernels.cast(JaxArray(shape: x.shape, storage: .float64(out)), to: x.dtype, semantics: .jax)
        }
        var out = [Int64](repeating: 0, count: x.count)
        for o in 0..<outer {
            for j in 0..<inner {
                var total: Int64 = product ? 1 : 0
                for i in 0..<n {
                    let v = x.storage.int64(at: lane(o, j, i))
                    total = product ? total &* v : total &+ v
                    out[lane(o, j, i)] = total
                }
            }
        }
        return Kernels.cast(JaxArray(shape: x.shape, storage: .int64(out)), to: x.dtype, semantics: .jax)
    }

    /// XLA's two-level scan (its reduce-window rewrite, base length 16): the input is padded
    /// with the identity to whole blocks of 16; inside a block each element combines its window
    /// (the block's prefix, or its suffix when `reverse`) from the identity, left to right; the
    /// block totals are scanned the same way and each block combines with the total of the
    /// blocks before it (after it). Sums, or products with `product`.
    static func blockedSums(_ x: [Double], reverse: Bool, product: Bool = false, round: (Double) -> Double) -> [Double] {
        let identity = product ? 1.0 : 0.0
        func combine(_ a: Double, _ b: Double) -> Double { round(product ? a * b : a + b) }
        func windows(_ v: ArraySlice<Double>) -> [Double] {
            let items = Array(v)
            if !reverse {
                var total = identity
                return items.map { total = combine(total, $0); return total }
            }
            return items.indices.map { i in items[i...].reduce(identity, combine) }
        }
        let base = 16
        if x.count <= base { return windows(x[...]) }
        let blocks = (x.count + base - 1) / base
        let padded = x + [Double](repeating: identity, count: blocks * base - x.count)
        let local = (0..<blocks).map { windows(padded[$0 * base ..< ($0 + 1) * base]) }
        let totals = blockedSums(local.map { reverse ? $0[0] : $0[base - 1] }, reverse: reverse, product: product, round: round)
        var out: [Double] = []
        for b in 0..<blocks {
            let offset = reverse ? (b + 1 < blocks ? totals[b + 1] : identity) : (b == 0 ? identity : totals[b - 1])
            out += local[b].map { combine($0, offset) }
        }
        return Array(out.prefix(x.count))
    }

    /// NumPy's running sum along `axis`, in `x`'s dtype, adding one element at a time (each
    /// sum rounded to the dtype; integers wrap).
    public static func sequential(_ x: JaxArray, axis: Int) -> JaxArray {
        let n = x.shape[axis]
        let inner = x.shape[(axis + 1)...].reduce(1, *)
        let outer = x.count / Swift.max(n * inner, 1)
        func run<T>(_ v: [T], _ zero: T, _ add: (T, T) -> T) -> [T] {
            var out = v
            for o in 0..<outer {
                for j in 0..<inner {
                    var sum = zero
                    for i in 0..<n {
                        let at = o * n * inner + i * inner + j
                        sum = add(sum, v[at])
                        out[at] = sum
                    }
                }
            }
            return out
        }
        let storage: Storage
        switch x.storage {
        case .float16(let v): storage = .float16(run(v, 0, +))
        case .bfloat16(let v): storage = .bfloat16(run(v, BFloat16(Float(0))) { BFloat16($0.floatValue + $1.floatValue) })
        case .float32(let v): storage = .float32(run(v, 0, +))
        case .float64(let v): storage = .float64(run(v, 0, +))
        case .uint64(let v): storage = .uint64(run(v, 0, &+))
        default:
            let wide = (0..<x.count).map { x.storage.int64(at: $0) }
            return Kernels.cast(JaxArray(shape: x.shape, storage: .int64(run(wide, 0, &+))), to: x.dtype, semantics: .numpy)
        }
        return JaxArray(shape: x.shape, storage: storage)
    }
}
