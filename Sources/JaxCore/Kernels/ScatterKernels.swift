/// How `x.at[idx]` combines an update with the element already there.
public enum ScatterMode: Sendable {
    case set, add, multiply, min, max
}

extension Kernels {
    /// `x.at[index].set/add/multiply/min/max(updates)` (and NumPy's `x[index] = updates`):
    /// a new array. `updates` must have `a`'s dtype and broadcast to the indexed shape.
    /// `.jax` drops out-of-bounds updates; `.numpy` raises IndexError. Repeated indices apply
    /// every update in order (the last `set` wins).
    public static func scatter(_ a: JaxArray, _ index: [IndexItem], updates: JaxArray, mode: ScatterMode,
                               semantics: ArraySemantics) throws(PyException) -> JaxArray {
        let resolved = try ResolvedIndex(index, shape: a.shape, bounds: semantics == .jax ? .drop : .raise, semantics: semantics)
        if updates.dtype != a.dtype {
            throw PyException.typeError("scatter requires updates of dtype \(a.dtype.name), got \(updates.dtype.name)")
        }
        let pattern = try updatePattern(updates, a.dtype, to: resolved.shape, semantics: semantics)
        let plan = ScatterPlan(targets: resolved.indices, sources: pattern)
        let storage: Storage
        switch (a.storage, updates.storage) {
        case (.bool(let x), .bool(let u)):
            storage = .bool(plan.apply(x, u, mode) { mode == .multiply || mode == .min ? ($0 && $1) : ($0 || $1) })
        case (.uint8(let x), .uint8(let u)): storage = .uint8(plan.integer(x, u, mode))
        case (.uint16(let x), .uint16(let u)): storage = .uint16(plan.integer(x, u, mode))
        case (.uint32(let x), .uint32(let u)): storage = .uint32(plan.integer(x, u, mode))
        case (.uint64(let x), .uint64(let u)): storage = .uint64(plan.integer(x, u, mode))
        case (.int8(let x), .int8(let u)): storage = .int8(plan.integer(x, u, mode))
        case (.int16(let x), .int16(let u)): storage = .int16(plan.integer(x, u, mode))
        case (.int32(let x), .int32(let u)): storage = .int32(plan.integer(x, u, mode))
        case (.int64(let x), .int64(let u)): storage = .int64(plan.integer(x, u, mode))
        case (.float16(let x), .float16(let u)): storage = .float16(plan.floating(x, u, mode, semantics))
        case (.float32(let x), .float32(let u)): storage = .float32(plan.floating(x, u, mode, semantics))
        case (.float64(let x), .float64(let u)): storage = .float64(plan.floating(x, u, mode, semantics))
        case (.bfloat16(let x), .bfloat16(let u)):
            storage = .bfloat16(plan.floating(x.map(\.floatValue), u.map(\.floatValue), mode, semantics).map { BFloat16($0) })
        case (.complex64(let x), .complex64(let u)):
            if mode == .min || mode == .max { throw ComplexKernels.unsupported("scatter-\(mode)") }
            storage = .complex64(plan.apply(x, u, mode) { mode == .add ? ComplexArithmetic.add($0, $1) : ComplexArithmetic.multiply($0, $1) })
        case (.complex128(let x), .complex128(let u)):
            if mode == .min || mode == .max { throw ComplexKernels.unsupported("scatter-\(mode)") }
            storage = .complex128(plan.apply(x, u, mode) { mode == .add ? ComplexArithmetic.add($0, $1) : ComplexArithmetic.multiply($0, $1) })
        default:
            storage = a.storage
        }
        return JaxArray(shape: a.shape, storage: storage, weakType: a.weakType)
    }

    /// For each element of the indexed region, the flat index of the update that lands there
    /// (the updates broadcast NumPy-style; NumPy also drops extra leading size-1 dimensions).
    private static func updatePattern(_ updates: JaxArray, _ dtype: DType, to shape: [Int],
                                      semantics: ArraySemantics) throws(PyException) -> [Int] {
        var source = updates.shape
        while semantics == .numpy, source.count > shape.count, source.first == 1 { source.removeFirst() }
        let fits = source.count <= shape.count && source.indices.allSatisfy { i in
            source[i] == 1 || source[i] == shape[shape.count - source.count + i]
        }
        if !fits {
            if semantics == .numpy && shape.isEmpty {
                throw PyException.valueError("setting an array element with a sequence.")
            }
            if semantics == .numpy {
                throw PyException.valueError(
                    "could not broadcast input array from shape \(Shape.describe(updates.shape)) into shape \(Shape.describe(shape))")
            }
            if source.count > shape.count {
                throw PyException.valueError(
                    "Cannot broadcast to shape with fewer dimensions: arr_shape=\(Shape.describe(updates.shape)) shape=\(Shape.describe(shape))")
            }
            func typeText(_ dims: [Int]) -> String { "\(dtype.name)[\(dims.map(String.init).joined(separator: ","))]" }
            throw PyException.valueError(
                "Incompatible types for broadcasting: input type=\(typeText(updates.shape)) and requested type=\(typeText(shape))")
        }
        return ResolvedIndex.broadcastPattern(source, to: shape)
    }
}

/// Which element each update goes to (-1: dropped) and which update it is.
struct ScatterPlan {
    let targets: [Int]
    let sources: [Int]

    /// Applies every update in order with `combine(old, update)` (`set` just overwrites).
    func apply<T>(_ base: [T], _ updates: [T], _ mode: ScatterMode, _ combine: (T, T) -> T) -> [T] {
        var out = base
        for (k, target) in targets.enumerated() where target >= 0 {
            let u = updates[sources[k]]
            out[target] = mode == .set ? u : combine(out[target], u)
        }
        return out
    }

    /// Integer updates: wrapping add and multiply.
    func integer<T: FixedWidthInteger>(_ base: [T], _ updates: [T], _ mode: ScatterMode) -> [T] {
        apply(base, updates, mode) { old, u in
            switch mode {
            case .add: return old &+ u
            case .multiply: return old &* u
            case .min: return Swift.min(old, u)
            case .max: return Swift.max(old, u)
            case .set: return u
            }
        }
    }

    /// Float updates, with each library's NaN and signed-zero rules for min and max.
    func floating<T: BinaryFloatingPoint>(_ base: [T], _ updates: [T], _ mode: ScatterMode,
                                          _ semantics: ArraySemantics) -> [T] {
        apply(base, updates, mode) { old, u in
            switch mode {
            case .add: return old + u
            case .multiply: return old * u
            case .min: return semantics == .jax ? FloatReduction.jaxMin(old, u) : FloatReduction.numpyMin(old, u)
            case .max: return semantics == .jax ? FloatReduction.jaxMax(old, u) : FloatReduction.numpyMax(old, u)
            case .set: return u
            }
        }
    }
}
