import JaxCore
#if canImport(Glibc)
import Glibc
#endif

extension JaxRandom {
    /// `jax.random.bernoulli(key, p, shape)`: `uniform(key, shape, p.dtype) < p`. `pDType` is p's
    /// dtype (a Python float is float32, float64 with x64); `shape` nil means p's shape.
    public static func bernoulli(
        _ keys: PRNGKeyArray, p: Parameter, pDType: DType, shape: [Int]? = nil, enableX64: Bool
    ) throws(PyException) -> JaxArray {
        _ = try single(keys, "bernoulli")
        let dtype = canonical(pDType, enableX64)
        guard dtype.isFloating else {
            throw PyException.typeError("bernoulli probability `p` must have a floating dtype, got \(dtype.name).")
        }
        let outShape = shape ?? p.shape
        if shape != nil { try checkParameterShapes("bernoulli", outShape, [p.shape]) }
        let u = try uniform(keys, shape: outShape, dtype: dtype, enableX64: enableX64)
        let probabilities = try p.expanded(to: outShape, name: "lt")
        let single = p.single ?? 0
        var result = [Bool](repeating: false, count: u.count)
        for i in 0 ..< u.count {
            result[i] = u.storage.double(at: i) < dtype.rounding(probabilities?[i] ?? single)
        }
        return JaxArray(shape: outShape, storage: .bool(result))
    }

    /// What `jax.random.choice` draws from: `a` as an int (`arange(a)`) or an array.
    public enum Population {
        case count(Int)
        case array(JaxArray)
    }

    /// `jax.random.choice(key, a, shape, replace, axis)` without `p` (weighted choice runs as
    /// staged operations, `RandomOps.choice`).
    public static func choice(
        _ keys: PRNGKeyArray, _ a: Population, shape: [Int], replace: Bool = true,
        axis: Int = 0, enableX64: Bool
    ) throws(PyException) -> JaxArray {
        let key = try single(keys, "choice")
        let indexDType: DType = enableX64 ? .int64 : .int32
        let inputs: Int
        var normalizedAxis = 0
        switch a {
        case .count(let n):
            inputs = n
        case .array(let array):
            guard !array.shape.isEmpty else {
                return try choice(keys, .count(Int(array.storage.int64(at: 0))), shape: shape, replace: replace,
                                  axis: axis, enableX64: enableX64)
            }
            normalizedAxis = try AxisRules.normalize(axis, rank: array.rank)
            inputs = array.shape[normalizedAxis]
        }
        let draws = try checkShape(shape, itemSize: 8)
        if draws == 0 {
            switch a {
            case .count: return JaxArray(shape: shape, storage: integerStorage([], indexDType))
            case .array(let array):
                let outShape = Array(array.shape[..<normalizedAxis]) + shape + Array(array.shape[(normalizedAxis + 1)...])
                return JaxArray(shape: outShape, storage: gather(array.storage, []))
            }
        }
        if inputs <= 0 {
            throw PyException.valueError("a must be greater than 0 unless no samples are taken")
        }
        if !replace && draws > inputs {
            throw PyException.valueError(
                "Cannot take a larger sample (size \(draws)) than population (size \(inputs)) when 'replace=False'")
        }
        let indices: [Int]
        if replace {
            let drawn = try randint(keys, shape: shape, minval: .scalar(0), maxval: .scalar(Double(inputs)),
                                    dtype: indexDType, enableX64: enableX64)
            indices = (0 ..< draws).map { Int(drawn.storage.int64(at: $0)) }
        } else {
            _ = try checkShape([inputs], itemSize: 8)
            indices = Array(shuffledOrder(key, count: inputs).prefix(draws))
        }
        switch a {
        case .count:
            return JaxArray(shape: shape, storage: integerStorage(indices.map { Int64($0) }, indexDType))
        case .array(let array):
            return take(array, indices, axis: normalizedAxis, indexShape: shape)
        }
    }
}
