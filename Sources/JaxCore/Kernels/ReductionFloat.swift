/// Float reductions along a `ReductionLayout`, in the order that gives JAX's or NumPy's bits.
enum FloatReduction {
    /// product / max / min along the lines of a layout (float sums go through `JaxSumOrder` and
    /// `NumpySumOrder`, so `.sum` never reaches here).
    static func lines<F: BinaryFloatingPoint>(_ op: Kernels.ReduceOp, _ v: [F], _ layout: ReductionLayout,
                                              semantics: ArraySemantics) -> [F] {
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
