/// `lax.integer_pow` and `select` (`jnp.where` after promotion).
extension Kernels {
    /// `x ** y` for a static integer `y` as `lax.integer_pow` computes it: binary
    /// exponentiation by repeated rounded multiplications, then `1 / acc` for negative `y`
    /// (refused for integer dtypes, as JAX refuses it).
    public static func integerPow(_ a: JaxArray, _ y: Int) throws(PyException) -> JaxArray {
        if y < 0 && a.dtype.isInteger {
            throw PyException.typeError(
                "Integers cannot be raised to negative powers, got integer_pow(\(avalText(a.dtype, a.shape)), \(y))")
        }
        let storage: Storage
        switch a.storage {
        case .float32(let v): storage = .float32(FloatEnvironment.value(flushingDenormals: true) { PowerLoop.float(v, y) { $0 } })
        case .float64(let v): storage = .float64(FloatEnvironment.value(flushingDenormals: true) { PowerLoop.float(v, y) { $0 } })
        case .float16(let v):
            storage = .float16(ElementwiseLoop.map(PowerLoop.float(v.map(Float.init), y) { Float(Float16($0)) }) { Float16($0) })
        case .bfloat16(let v):
            let wide = FloatEnvironment.value(flushingDenormals: true) {
                PowerLoop.float(v.map(\.floatValue), y) { BFloat16($0).floatValue }
            }
            storage = .bfloat16(ElementwiseLoop.map(wide) { BFloat16($0) })
        case .int8(let v): storage = .int8(PowerLoop.integer(v, y))
        case .int16(let v): storage = .int16(PowerLoop.integer(v, y))
        case .int32(let v): storage = .int32(PowerLoop.integer(v, y))
        case .int64(let v): storage = .int64(PowerLoop.integer(v, y))
        case .uint8(let v): storage = .uint8(PowerLoop.integer(v, y))
        case .uint16(let v): storage = .uint16(PowerLoop.integer(v, y))
        case .uint32(let v): storage = .uint32(PowerLoop.integer(v, y))
        case .uint64(let v): storage = .uint64(PowerLoop.integer(v, y))
        case .bool:
            throw PyException.typeError(
                "integer_pow does not accept dtype bool. Accepted dtypes are subtypes of integer, floating, complexfloating.")
        }
        return JaxArray(shape: a.shape, storage: storage, weakType: a.weakType)
    }

    /// Elements of `onTrue` where `condition` holds, else of `onFalse`; all three broadcast
    /// together (`jnp.where`). The condition must be bool and the cases share a dtype.
    public static func select(_ condition: JaxArray, _ onTrue: JaxArray, _ onFalse: JaxArray) throws(PyException) -> JaxArray {
        guard case .bool = condition.storage else {
            throw PyException.typeError("select `which` must be boolean or integer type; got \(condition.dtype.name).")
        }
        guard onTrue.dtype == onFalse.dtype else {
            throw PyException.typeError(
                "lax.select requires arguments to have the same dtypes, got \(onTrue.dtype.name), \(onFalse.dtype.name). (Tip: jnp.where is a similar function that does automatic type promotion on inputs).")
        }
        let shape = try broadcastShapes([condition.shape, onTrue.shape, onFalse.shape])
        let c = try broadcast(condition, to: shape), t = try broadcast(onTrue, to: shape), f = try broadcast(onFalse, to: shape)
        guard case .bool(let mask) = c.storage else { return t }
        @inline(__always) func pick<T>(_ x: [T], _ y: [T]) -> [T] {
            [T](unsafeUninitializedCapacity: mask.count) { out, initialized in
                guard let base = out.baseAddress else { return }
                mask.withUnsafeBufferPointer { m in
                    x.withUnsafeBufferPointer { xs in
                        y.withUnsafeBufferPointer { ys in
                            for i in 0..<m.count { (base + i).initialize(to: m[i] ? xs[i] : ys[i]) }
                        }
                    }
                }
                initialized = mask.count
            }
        }
        let storage: Storage
        switch (t.storage, f.storage) {
        case let (.bool(x), .bool(y)): storage = .bool(pick(x, y))
        case let (.uint8(x), .uint8(y)): storage = .uint8(pick(x, y))
        case let (.uint16(x), .uint16(y)): storage = .uint16(pick(x, y))
        case let (.uint32(x), .uint32(y)): storage = .uint32(pick(x, y))
        case let (.uint64(x), .uint64(y)): storage = .uint64(pick(x, y))
        case let (.int8(x), .int8(y)): storage = .int8(pick(x, y))
        case let (.int16(x), .int16(y)): storage = .int16(pick(x, y))
        case let (.int32(x), .int32(y)): storage = .int32(pick(x, y))
        case let (.int64(x), .int64(y)): storage = .int64(pick(x, y))
        case let (.float16(x), .float16(y)): storage = .float16(pick(x, y))
        case let (.bfloat16(x), .bfloat16(y)): storage = .bfloat16(pick(x, y))
        case let (.float32(x), .float32(y)): storage = .float32(pick(x, y))
        case let (.float64(x), .float64(y)): storage = .float64(pick(x, y))
        default: storage = t.storage
        }
        return JaxArray(shape: shape, storage: storage, weakType: onTrue.weakType && onFalse.weakType)
    }
}

/// The multiplication chains of `lax.integer_pow`.
enum PowerLoop {
    /// `narrow` rounds each product to the array's own type (half types run in float32).
    static func float<T: BinaryFloatingPoint>(_ v: [T], _ y: Int, narrow: (T) -> T) -> [T] {
        if y == 0 { return [T](repeating: 1, count: v.count) }
        let e = y.magnitude
        return ElementwiseLoop.map(v) { base in
            var x = base, acc: T? = nil, bits = e
            while bits > 0 {
                if bits & 1 != 0 { acc = acc.map { narrow($0 * x) } ?? x }
                bits >>= 1
                if bits > 0 { x = narrow(x * x) }
            }
            let result = acc ?? 1
            return y < 0 ? narrow(1 / result) : result
        }
    }

    static func integer<T: FixedWidthInteger>(_ v: [T], _ y: Int) -> [T] {
        if y == 0 { return [T](repeating: 1, count: v.count) }
        let e = y.magnitude
        return ElementwiseLoop.map(v) { base in
            var x = base, acc: T? = nil, bits = e
            while bits > 0 {
                if bits & 1 != 0 { acc = acc.map { $0 &* x } ?? x }
                bits >>= 1
                if bits > 0 { x = x &* x }
            }
            return acc ?? 1
        }
    }
}
