/// `cummax` / `cummin` along an axis: each entry the largest (smallest) so far, NaN once a NaN
/// was seen, as XLA's max and min propagate it. The result copies operand elements, so it is
/// exact in every dtype.
enum CumulativeExtremum {
    static func apply(_ x: JaxArray, axis: Int, reverse: Bool, max: Bool) -> JaxArray {
        let n = x.shape[axis]
        let inner = x.shape[(axis + 1)...].reduce(1, &*)
        let outer = x.count / Swift.max(n &* inner, 1)
        let storage = x.storage
        let floating = x.dtype.isInexact, unsigned = x.dtype.kind == .unsignedInteger
        /// Whether the element at `a` replaces the running extremum at `b`.
        func replaces(_ a: Int, _ b: Int) -> Bool {
            if floating {
                let u = storage.double(at: a), v = storage.double(at: b)
                if v.isNaN { return false }
                return u.isNaN || (max ? u > v : u < v)
            }
            if unsigned {
                let u = UInt64(bitPattern: storage.int64(at: a)), v = UInt64(bitPattern: storage.int64(at: b))
                return max ? u > v : u < v
            }
            let u = storage.int64(at: a), v = storage.int64(at: b)
            return max ? u > v : u < v
        }
        var source = Array(0..<x.count)
        for o in 0..<outer {
            for j in 0..<inner {
                var best = -1
                for step in 0..<n {
                    let i = reverse ? n - 1 - step : step
                    let k = o * n * inner + i * inner + j
                    if best < 0 || replaces(k, best) { best = k }
                    source[k] = best
                }
            }
        }
        return JaxArray(shape: x.shape, storage: storage.gathered(source))
    }
}
