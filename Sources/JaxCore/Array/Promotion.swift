/// Type promotion: which dtype (and weak-type flag) an operation on mixed operands produces,
/// by JAX's promotion lattice or by NumPy 2's rules (NEP 50, Python scalars weak).
public enum Promotion {
    /// JAX's `result_type(..., return_weak_type_flag=True)` for operands given as
    /// (dtype, weak) pairs; a weak operand is one that came from a Python scalar.
    public static func jax(_ operands: [(dtype: DType, weak: Bool)], enableX64: Bool) -> (dtype: DType, weak: Bool) {
        guard let first = operands.first else { return (enableX64 ? .float64 : .float32, false) }
        var outDType: DType
        var outWeak: Bool
        let allWeak = operands.allSatisfy { $0.weak }
        if operands.count == 1 {
            (outDType, outWeak) = first
        } else if operands.allSatisfy({ $0.dtype == first.dtype }) && !allWeak {
            (outDType, outWeak) = (first.dtype, false)
        } else {
            let nodes = operands.map { allWeak ? LatticeNode.strong($0.dtype) : LatticeNode.of($0.dtype, weak: $0.weak) }
            let bound = JaxLattice.leastUpperBound(nodes, enableX64: enableX64)
            switch bound {
            case .strong(let d): outDType = d; outWeak = allWeak
            case .weakInt: outDType = .int64; outWeak = true
            case .weakFloat: outDType = .float64; outWeak = true
            case .weakComplex: outDType = .complex128; outWeak = true
            }
        }
        outWeak = outWeak && outDType != .bool
        if outWeak {
            switch outDType.kind {
            case .bool: break
            case .signedInteger: outDType = .int64
            case .unsignedInteger: outDType = .uint64
            case .floating: outDType = .float64
            case .complex: outDType = .complex128
            }
        }
        return (enableX64 ? outDType : outDType.canonicalWithoutX64, outWeak)
    }

    /// NumPy 2's `result_type` where weak operands are Python scalars (bool, int, float):
    /// they take the kind they need but never widen an array of that kind.
    public static func numpy(_ operands: [(dtype: DType, weak: Bool)]) -> DType {
        let strong = operands.filter { !$0.weak }.map(\.dtype)
        let weakKinds = operands.filter(\.weak).map { $0.dtype.kind }
        guard var result = strong.first else {
            if weakKinds.contains(.complex) { return .complex128 }
            if weakKinds.contains(.floating) { return .float64 }
            if weakKinds.contains(where: { $0 == .signedInteger || $0 == .unsignedInteger }) { return .int64 }
            return .bool
        }
        for d in strong.dropFirst() { result = numpyPromoteTypes(result, d) }
        if weakKinds.contains(where: { $0 == .signedInteger || $0 == .unsignedInteger }) && result == .bool {
            result = .int64
        }
        if weakKinds.contains(.floating) && !result.isInexact {
            result = numpyPromoteTypes(result, .float64)
        }
        if weakKinds.contains(.complex) && !result.isComplex {
            result = result.isFloating ? result.complexCounterpart : .complex128
        }
        return result
    }

    /// NumPy's `promote_types` for two dtypes (bfloat16 treated like ml_dtypes: with
    /// float16 it gives float32).
    public static func numpyPromoteTypes(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .bool { return b }
        if b == .bool { return a }
        if a.isComplex || b.isComplex {
            // the complex type whose parts hold both operands' real types
            let parts = numpyPromoteTypes(a.realPart, b.realPart)
            return parts.isFloating ? parts.complexCounterpart : .complex128
        }
        switch (a.isFloating, b.isFloating) {
        case (true, true):
            if a.itemSize == b.itemSize { return .float32 }   // float16 with bfloat16
            return a.itemSize > b.itemSize ? a : b
        case (true, false): return numpyPromoteTypes(a, floatHolding(b))
        case (false, true): return numpyPromoteTypes(floatHolding(a), b)
        case (false, false):
            if a.kind == b.kind { return a.itemSize >= b.itemSize ? a : b }
            let (u, s) = a.kind == .unsignedInteger ? (a, b) : (b, a)
            if s.itemSize > u.itemSize { return s }
            switch u.itemSize {
            case 1: return .int16
            case 2: return .int32
            case 4: return .int64
            default: return .float64
            }
        }
    }

    /// The smallest float type NumPy uses to hold every value of an integer type.
    private static func floatHolding(_ d: DType) -> DType {
        switch d.itemSize {
        case 1: return .float16
        case 2: return .float32
        default: return .float64
        }
    }
}

/// A node of JAX's promotion lattice: a concrete dtype, or the weak `int` / `float` /
/// `complex` of a Python scalar.
enum LatticeNode: Hashable {
    case strong(DType)
    case weakInt
    case weakFloat
    case weakComplex

    /// JAX's `_jax_type(dtype, weak_type)`.
    static func of(_ dtype: DType, weak: Bool) -> LatticeNode {
        guard weak else { return .strong(dtype) }
        switch dtype.kind {
        case .bool: return .strong(.bool)
        case .signedInteger, .unsignedInteger: return .weakInt
        case .floating: return .weakFloat
        case .complex: return .weakComplex
        }
    }

    var index: Int {
        switch self {
        case .strong(let d): return DType.allCases.firstIndex(of: d) ?? 0
        case .weakInt: return DType.allCases.count
        case .weakFloat: return DType.allCases.count + 1
        case .weakComplex: return DType.allCases.count + 2
        }
    }

    static let all: [LatticeNode] = DType.allCases.map { .strong($0) } + [.weakInt, .weakFloat, .weakComplex]
}

/// JAX's standard (non-strict) promotion lattice as sets of upper bounds, with the x64-off
/// variant in which uint32 with int32 stays int32.
enum JaxLattice {
    static func edges(_ node: LatticeNode, x64: Bool) -> [LatticeNode] {
        switch node {
        case .strong(let d):
            switch d {
            case .bool: return [.weakInt]
            case .uint8: return [.strong(.int16), .strong(.uint16)]
            case .uint16: return [.strong(.int32), .strong(.uint32)]
            case .uint32: return x64 ? [.strong(.int64), .strong(.uint64)] : [.strong(.int32), .strong(.uint64)]
            case .uint64, .int64: return [.weakFloat]
            case .int8: return [.strong(.int16)]
            case .int16: return [.strong(.int32)]
            case .int32: return [.strong(.int64)]
            case .bfloat16, .float16: return [.strong(.float32)]
            case .float32: return [.strong(.float64), .strong(.complex64)]
            case .float64: return [.strong(.complex128)]
            case .complex64: return [.strong(.complex128)]
            case .complex128: return []
            }
        case .weakInt: return [.strong(.uint8), .strong(.int8)]
        case .weakFloat: return [.strong(.bfloat16), .strong(.float16), .weakComplex]
        case .weakComplex: return [.strong(.complex64)]
        }
    }

    /// Upper-bound sets (bit masks over `LatticeNode.index`), transitive and reflexive.
    static func upperBounds(x64: Bool) -> [UInt32] {
        let nodes = LatticeNode.all
        var bounds = nodes.map { UInt32(1) << UInt32($0.index) }
        var changed = true
        while changed {
            changed = false
            for node in nodes {
                var set = bounds[node.index]
                for other in nodes where set & (UInt32(1) << UInt32(other.index)) != 0 {
                    for up in edges(other, x64: x64) { set |= UInt32(1) << UInt32(up.index) }
                }
                if set != bounds[node.index] { bounds[node.index] = set; changed = true }
            }
        }
        return bounds
    }

    static let boundsX64 = upperBounds(x64: true)
    static let boundsX32 = upperBounds(x64: false)

    /// The least upper bound of `nodes` (complex128, the lattice's top, bounds every set).
    static func leastUpperBound(_ nodes: [LatticeNode], enableX64: Bool) -> LatticeNode {
        let ub = enableX64 ? boundsX64 : boundsX32
        var common = UInt32.max
        var present: UInt32 = 0
        for n in nodes { common &= ub[n.index]; present |= UInt32(1) << UInt32(n.index) }
        let candidates = common & present != 0 ? common & present : common
        for c in LatticeNode.all where candidates & (UInt32(1) << UInt32(c.index)) != 0 {
            if common & ub[c.index] == common { return c }
        }
        return .strong(.complex128)
    }
}
