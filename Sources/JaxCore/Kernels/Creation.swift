/// Array constructors: full, arange, linspace, eye, iota, with NumPy's and JAX's exact values.
extension Kernels {
    /// `jnp.full(shape, value, dtype)`: every element `value` converted to `dtype`.
    public static func full(shape: [Int], value: Scalar, dtype: DType, limits: ArrayLimits) throws(PyException) -> JaxArray {
        let count = try Shape.checkedCount(shape, itemSize: dtype.itemSize, limits: limits)
        let storage: Storage
        switch value {
        case .bool(let b): storage = ElementConversion.fill(integer: b ? 1 : 0, dtype: dtype, count: count)
        case .int(let i): storage = ElementConversion.fill(integer: i, dtype: dtype, count: count)
        case .float(let d):
            if dtype.isInexact || dtype == .bool {
                storage = ElementConversion.fill(float: d, dtype: dtype, count: count)
            } else {
                let one = Kernels.cast(JaxArray(shape: [], storage: .float64([d])), to: dtype, semantics: .jax)
                storage = ElementConversion.fill(integer: one.storage.int64(at: 0), dtype: dtype, count: count)
            }
        case .complex(let re, let im):
            if dtype.isComplex || dtype == .bool {
                storage = ElementConversion.fill(complex: (re, im), dtype: dtype, count: count)
            } else {
                // the real part, converted as a float value is
                return try full(shape: shape, value: .float(re), dtype: dtype, limits: limits)
            }
        }
        return JaxArray(shape: shape, storage: storage)
    }

    /// `arange(start, stop, step, dtype=dtype)`. JAX computes `start + step * i` in the dtype
    /// (float32 for half types), NumPy `b0 + i * (b1 - b0)` from its first two elements.
    public static func arange(start: Scalar, stop: Scalar, step: Scalar, dtype: DType, limits: ArrayLimits,
                              semantics: ArraySemantics = .jax) throws(PyException) -> JaxArray {
        let count = try ArangeLength.count(start: start, stop: stop, step: step)
        _ = try Shape.checkedCount([count], itemSize: dtype.itemSize, limits: limits)
        let storage: Storage
        if dtype.isFloating {
            storage = semantics == .jax
                ? ArangeValues.jaxFloat(start: start, step: step, count: count, dtype: dtype)
                : ArangeValues.numpyFloat(start: start, step: step, count: count, dtype: dtype)
        } else {
            let values = semantics == .jax
                ? ArangeValues.jaxInteger(start: start, step: step, count: count, dtype: dtype)
                : ArangeValues.numpyInteger(start: start, step: step, count: count, dtype: dtype)
            storage = CastTarget.fromIntegers(values, to: dtype)
        }
        return JaxArray(shape: [count], storage: storage)
    }

    /// `linspace(start, stop, num, endpoint, dtype=dtype)`: NumPy computes in float64; JAX in the
    /// float dtype, as XLA compiles `start * (1 - t) + stop * t`.
    public static func linspace(start: Double, stop: Double, num: Int, endpoint: Bool, dtype: DType, limits: ArrayLimits,
                                semantics: ArraySemantics = .jax) throws(PyException) -> JaxArray {
        guard num >= 0 else { throw PyException.valueError("Number of samples, \(num), must be non-negative.") }
        _ = try Shape.checkedCount([num], itemSize: dtype.itemSize, limits: limits)
        let computed: Storage
        switch semantics {
        case .numpy: computed = .float64(LinspaceValues.numpy(start: start, stop: stop, num: num, endpoint: endpoint))
        case .jax:
            computed = dtype == .float64 || (dtype.isInteger && dtype.itemSize == 8)
                ? .float64(LinspaceValues.jax(start: start, stop: stop, num: num, endpoint: endpoint))
                : .float32(LinspaceValues.jax(start: Float(start), stop: Float(stop), num: num, endpoint: endpoint))
        }
        var floored = computed
        if !dtype.isFloating && dtype != .bool {
            switch computed {
            case .float32(let v): floored = .float32(v.map { $0.rounded(.down) })
            case .float64(let v): floored = .float64(v.map { $0.rounded(.down) })
            default: break
            }
        }
        return Kernels.cast(JaxArray(shape: [num], storage: floored), to: dtype, semantics: semantics)
    }

    /// `eye(n, m, k)`: ones where column = row + k.
    public static func eye(n: Int, m: Int, k: Int, dtype: DType, limits: ArrayLimits) throws(PyException) -> JaxArray {
        let count = try Shape.checkedCount([n, m], itemSize: dtype.itemSize, limits: limits)
        var flags = [Bool](repeating: false, count: count)
        for row in 0..<n {
            let column = row &+ k
            if column >= 0 && column < m { flags[row * m + column] = true }
        }
        return Kernels.cast(JaxArray(shape: [n, m], storage: .bool(flags)), to: dtype, semantics: .jax)
    }

    /// `lax.broadcasted_iota`: each element is its index along `dimension`.
    public static func iota(dtype: DType, shape: [Int], dimension: Int, limits: ArrayLimits) throws(PyException) -> JaxArray {
        guard dimension >= 0 && dimension < shape.count else {
            throw PyException.valueError(
                "iota dimension must be between 0 and len(shape) - 1; got dimension=\(dimension) for shape \(Shape.describe(shape))")
        }
        let count = try Shape.checkedCount(shape, itemSize: dtype.itemSize, limits: limits)
        let strides = Shape.strides(shape)
        let size = shape[dimension], stride = strides[dimension]
        if dtype == .int32 {
            // argsort's positions: written directly, not through an int64 copy twice their size
            // that the memory budget would not see
            let values = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count { buffer[i] = Int32(truncatingIfNeeded: (i / stride) % size) }
                initialized = count
            }
            return JaxArray(shape: shape, storage: .int32(values))
        }
        // the int64 values before their conversion count against the limit and budget too
        try limits.reserve(count * 8, for: "the int64 values of an iota of shape \(Shape.describe(shape))")
        var values = [Int64](repeating: 0, count: count)
        for i in 0..<count { values[i] = Int64((i / stride) % size) }
        return JaxArray(shape: shape, storage: CastTarget.fromIntegers(values, to: dtype))
    }
}

/// The element count of `arange`, computed from Python scalars as both libraries do:
/// `ceil((stop - start) / step)`.
enum ArangeLength {
    static func count(start: Scalar, stop: Scalar, step: Scalar) throws(PyException) -> Int {
        let span: Double
        if case .float = start { span = stop.doubleValue - start.doubleValue }
        else if case .float = stop { span = stop.doubleValue - start.doubleValue }
        else { span = Double(integerValue(stop) &- integerValue(start)) }
        let divisor = step.doubleValue
        if divisor == 0 {
            let allIntegers = [start, stop, step].allSatisfy { if case .float = $0 { return false } else { return true } }
            throw PyException("ZeroDivisionError", allIntegers ? "division by zero" : "float division by zero")
        }
        let length = (span / divisor).rounded(.up)
        if length.isNaN { throw PyException.valueError("cannot convert float NaN to integer") }
        if length.isInfinite { throw PyException("OverflowError", "cannot convert float infinity to integer") }
        if length <= 0 { return 0 }
        guard length < 9.2e18 else { throw PyException.valueError("Maximum allowed size exceeded") }
        return Int(length)
    }

    static func integerValue(_ s: Scalar) -> Int64 {
        switch s {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .float(let d), .complex(let d, _): return ElementConversion.wrappingInt64(d)
        }
    }
}

/// The element values of `arange` for each library and kind of dtype.
enum ArangeValues {
    static func jaxFloat(start: Scalar, step: Scalar, count: Int, dtype: DType) -> Storage {
        FloatEnvironment.value(flushingDenormals: true) { () -> Storage in
            if dtype == .float64 {
                let s = start.doubleValue, d = step.doubleValue
                return .float64((0..<count).map { s + d * Double($0) })
            }
            let s = Float(start.doubleValue), d = Float(step.doubleValue)
            let values = (0..<count).map { s + d * Float($0) }
            return Kernels.cast(JaxArray(shape: [count], storage: .float32(values)), to: dtype, semantics: .jax).storage
        }
    }

    static func numpyFloat(start: Scalar, step: Scalar, count: Int, dtype: DType) -> Storage {
        let second: Double
        if case .int(let a) = start, case .int(let b) = step { second = Double(a &+ b) } else {
            second = start.doubleValue + step.doubleValue
        }
        switch dtype {
        case .float64:
            let b0 = start.doubleValue, delta = second - b0
            return .float64((0..<count).map { $0 == 0 ? b0 : $0 == 1 ? second : b0 + Double($0) * delta })
        case .float16:
            let b0 = Float(Float16(start.doubleValue)), b1 = Float(Float16(second)), delta = b1 - b0
            return .float16((0..<count).map { $0 == 0 ? Float16(b0) : $0 == 1 ? Float16(b1) : Float16(b0 + Float($0) * delta) })
        case .bfloat16:
            let b0 = BFloat16(Float(start.doubleValue)).floatValue, b1 = BFloat16(Float(second)).floatValue
            let delta = b1 - b0
            return .bfloat16((0..<count).map { BFloat16($0 == 0 ? b0 : $0 == 1 ? b1 : b0 + Float($0) * delta) })
        default:
            let b0 = Float(start.doubleValue), b1 = Float(second), delta = b1 - b0
            return .float32((0..<count).map { $0 == 0 ? b0 : $0 == 1 ? b1 : b0 + Float($0) * delta })
        }
    }

    /// JAX: `convert(start) + convert(step) * i` with wrapping in the dtype (float arguments
    /// convert by truncation with saturation, as XLA's convert does).
    static func jaxInteger(start: Scalar, step: Scalar, count: Int, dtype: DType) -> [Int64] {
        let s = converted(start, dtype), d = converted(step, dtype)
        return (0..<count).map { s &+ d &* Int64($0) }
    }

    /// NumPy: the first two elements from Python arithmetic, the rest `b0 + i * (b1 - b0)`.
    static func numpyInteger(start: Scalar, step: Scalar, count: Int, dtype: DType) -> [Int64] {
        let b0 = ArangeLength.integerValue(start)
        let second: Int64
        if case .float = start { second = ElementConversion.wrappingInt64(start.doubleValue + step.doubleValue) }
        else if case .float = step { second = ElementConversion.wrappingInt64(start.doubleValue + step.doubleValue) }
        else { second = b0 &+ ArangeLength.integerValue(step) }
        let delta = second &- b0
        return (0..<count).map { $0 == 1 ? second : b0 &+ Int64($0) &* delta }
    }

    private static func converted(_ s: Scalar, _ dtype: DType) -> Int64 {
        if case .float(let d) = s {
            return Kernels.cast(JaxArray(shape: [], storage: .float64([d])), to: dtype, semantics: .jax).storage.int64(at: 0)
        }
        return ArangeLength.integerValue(s)
    }
}

/// The element values of `linspace`.
enum LinspaceValues {
    /// NumPy's float64 recipe: `arange(num) * step + start`, the last element set to `stop`.
    static func numpy(start: Double, stop: Double, num: Int, endpoint: Bool) -> [Double] {
        let div = endpoint ? num - 1 : num
        let delta = stop - start
        var y = (0..<num).map(Double.init)
        if div > 0 {
            let step = delta / Double(div)
            if step == 0 {
                y = y.map { $0 / Double(div) * delta }
            } else {
                y = y.map { $0 * step }
            }
        } else {
            y = y.map { $0 * delta }
        }
        y = y.map { $0 + start }
        if endpoint && num > 1 { y[num - 1] = stop }
        return y
    }

    /// JAX's jitted `_linspace` as XLA compiles it: the division by `div` becomes a
    /// multiplication by its reciprocal r and `stop * t` is reassociated to `i * (stop * r)`.
    /// How the rest is contracted depends on the size: up to 351 steps the weights
    /// `1 - i * r` are constant-folded and the final add fuses `i * (stop * r)`; from 352 the
    /// float32 loop runs 32 lanes at a time with the weight fused (`fma(-i, r, 1)`) and the
    /// remainder as for small sizes; from 4,442 steps, odd step counts fuse `start * weight`
    /// instead (measured against JAX on this machine).
    static func jax<T: KernelFloat>(start: T, stop: T, num: Int, endpoint: Bool) -> [T] {
        FloatEnvironment.value(flushingDenormals: true) { () -> [T] in
            let div = endpoint ? num - 1 : num
            guard num > 1 else { return num == 1 ? [start] : [] }
            let reciprocal = 1 / T(div)
            let scaledStop = stop * reciprocal
            let looped = T.self == Float.self && div >= 352
            let body = looped ? div - div % 32 : 0
            let fuseStart = looped && div >= 4442 && div % 2 == 1
            var out = (0..<div).map { i -> T in
                let index = T(i)
                if fuseStart {
                    return (index * scaledStop).addingProduct(start, T(1).addingProduct(-index, reciprocal))
                }
                if i < body {
                    return (start * T(1).addingProduct(-index, reciprocal)).addingProduct(scaledStop, index)
                }
                return (start * (1 - index * reciprocal)).addingProduct(scaledStop, index)
            }
            if endpoint { out.append(stop) }
            return out
        }
    }
}
