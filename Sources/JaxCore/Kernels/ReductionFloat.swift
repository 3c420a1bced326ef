import CElementwiseKernels

/// Float reductions along a `ReductionLayout`, in the order that gives JAX's or NumPy's bits.
enum FloatReduction {
    /// product / max / min along the lines of a layout (float sums go through `JaxSumOrder` and
    /// `NumpySumOrder`, so `.sum` never reaches here).
    static func lines<F: BinaryFloatingPoint>(_ op: Kernels.ReduceOp, _ v: [F], _ layout: ReductionLayout,
                                                            semantics: ArraySemantics) -> [F] {
        if (op == .max || op == .min) && layout.inner == 1 && layout.length > 0 {
            let n = layout.length
            return v.withUnsafeBufferPointer { src in
                (0..<layout.outer).map { o in
                    extreme(UnsafeBufferPointer(rebasing: src[(o * n)..<((o + 1) * n)]), max: op == .max, semantics: semantics)
                }
            }
        }
        switch op {
        case .product:
            return ReductionLines.run(v, layout, identity: 1) { $0 * $1 }
        case .max:
            if semantics == .jax { return ReductionLines.run(v, layout, identity: -F.infinity) { jaxMax($0, $1) } }
            return ReductionLines.run(v, layout, identity: -F.infinity) { numpyMax($0, $1) }
        case .min:
            if semantics == .jax { return ReductionLines.run(v, layout, identity: F.infinity) { jaxMin($0, $1) } }
            return ReductionLines.run(v, layout, identity: F.infinity) { numpyMin($0, $1) }
        case .sum, .any, .all:
            return []
        }
    }

    /// The max or min of one contiguous line: four independent running extremes (branch-free,
    /// so the loop vectorises) with NaN tracked on the side; a NaN or zero result (whose sign
    /// depends on order) is redone with the exact scalar rule.
    static func extreme<F: BinaryFloatingPoint>(_ line: UnsafeBufferPointer<F>, max: Bool,
                                               semantics: ArraySemantics) -> F {
        func scalar(_ a: F, _ b: F) -> F {
            switch (max, semantics) {
            case (true, .jax): return jaxMax(a, b)
            case (false, .jax): return jaxMin(a, b)
            case (true, .numpy): return numpyMax(a, b)
            case (false, .numpy): return numpyMin(a, b)
            }
        }
        func sequential() -> F {
            var acc: F = max ? -.infinity : .infinity
            for x in line { acc = scalar(acc, x) }
            return acc
        }
        let n = line.count
        if n < 16 { return sequential() }
        if let base = line.baseAddress, let pieces = extremePieces(base, n, max: max) {
            // NaN and zero results take the ordered rule
            if pieces.contains(where: \.1) { return sequential() }
            let values = pieces.map(\.0)
            let result = values.dropFirst().reduce(values[0]) { max ? Swift.max($0, $1) : Swift.min($0, $1) }
            if result == 0 { return sequential() }
            return result
        }
        var m0 = line[0], m1 = line[1], m2 = line[2], m3 = line[3]
        var nan = false
        var i = 4
        if max {
            while i + 4 <= n {
                let x0 = line[i], x1 = line[i + 1], x2 = line[i + 2], x3 = line[i + 3]
                m0 = x0 > m0 ? x0 : m0
                m1 = x1 > m1 ? x1 : m1
                m2 = x2 > m2 ? x2 : m2
                m3 = x3 > m3 ? x3 : m3
                nan = nan || (x0 != x0) || (x1 != x1) || (x2 != x2) || (x3 != x3)
                i += 4
            }
        } else {
            while i + 4 <= n {
                let x0 = line[i], x1 = line[i + 1], x2 = line[i + 2], x3 = line[i + 3]
                m0 = x0 < m0 ? x0 : m0
                m1 = x1 < m1 ? x1 : m1
                m2 = x2 < m2 ? x2 : m2
                m3 = x3 < m3 ? x3 : m3
                nan = nan || (x0 != x0) || (x1 != x1) || (x2 != x2) || (x3 != x3)
                i += 4
            }
        }
        var acc = scalar(scalar(m0, m1), scalar(m2, m3))
        while i < n {
            acc = scalar(acc, line[i])
            i += 1
        }
        if nan || acc == 0 || acc.isNaN { return sequential() }
        return acc
    }

    /// The C kernel's extreme of each chunk of a float32 or float64 line, across cores, with
    /// whether the chunk held a NaN; nil for other types.
    static func extremePieces<F: BinaryFloatingPoint>(_ base: UnsafePointer<F>, _ n: Int, max: Bool) -> [(F, Bool)]? {
        let chunk = 1 << 16
        let start = UncheckedSendable(base)
        func split<T: BinaryFloatingPoint>(_ kernel: @escaping (UnsafePointer<T>, Int, Int32, UnsafeMutablePointer<Int32>) -> T) -> [(F, Bool)] {
            let typed = UncheckedSendable(UnsafeRawPointer(start.value).assumingMemoryBound(to: T.self))
            return BlockLoop.parallelMap(count: (n + chunk - 1) / chunk, elementsEach: chunk) { c -> (F, Bool) in
                var sawNaN: Int32 = 0
                let value = kernel(typed.value + c * chunk, min(chunk, n - c * chunk), max ? 1 : 0, &sawNaN)
                return (F(value), sawNaN != 0)
            }
        }
        if F.self == Float.self { return split(jaxlab_f32_extreme) }
        if F.self == Double.self { return split(jaxlab_f64_extreme) }
        return nil
    }

    /// XLA's maximum: NaN wins, and +0 beats -0.
    static func jaxMax<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F {
        if a.isNaN { return a }
        if b.isNaN { return b }
        if a == b { return a.sign == .minus ? b : a }
        return a > b ? a : b
    }

    /// XLA's minimum: NaN wins, and -0 beats +0.
    static func jaxMin<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F {
        if a.isNaN { return a }
        if b.isNaN { return b }
        if a == b { return a.sign == .minus ? a : b }
        return a < b ? a : b
    }

    /// NumPy's maximum reduction step: NaN wins, and on equality the later element is kept.
    static func numpyMax<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F {
        if a.isNaN { return a }
        if b.isNaN { return b }
        return a > b ? a : b
    }

    /// NumPy's minimum reduction step: NaN wins, and on equality the later element is kept.
    static func numpyMin<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F {
        if a.isNaN { return a }
        if b.isNaN { return b }
        return a < b ? a : b
    }
}
