/// `select` (`jnp.where` after promotion).
extension Kernels {
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
