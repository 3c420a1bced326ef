/// XLA rewrites `a / broadcast(b)` as `a * broadcast(1 / b)`; jax.numpy's division runs
/// compiled (even eagerly), so a divisor that is broadcast (fewer elements than the result,
/// e.g. `x / 3.0` or a keepdims sum) divides this way.
enum ReciprocalDivision {
    /// `x / c` for a constant float c as XLA compiles it: `x * (1 / c)`, the reciprocal rounded
    /// in the dtype (jnp.mean runs compiled even when called eagerly, so it divides this way).
    static func product(_ a: JaxArray, _ b: JaxArray, interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray? {
        guard a.dtype == b.dtype, let reciprocal = reciprocal(b) else { return nil }
        return try Kernels.binary(.multiply, a, reciprocal, semantics: .jax, interrupt: interrupt).withWeakType(a.weakType && b.weakType)
    }

    /// The product when the divisor is broadcast (fewer elements than the dividend) or
    /// `force` applies it to any divisor; nil when the division stays a division.
    static func broadcastProduct(_ a: JaxArray, _ b: JaxArray, force: Bool, interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray? {
        guard a.dtype == b.dtype, a.dtype.isFloating else { return nil }
        guard force || b.count < a.count else { return nil }
        return try product(a, b, interrupt: interrupt)
    }

    private static func reciprocal(_ a: JaxArray) -> JaxArray? {
        switch a.storage {
        case .float32(let v): return JaxArray(shape: a.shape, storage: .float32(v.map { 1 / $0 }))
        case .float64(let v): return JaxArray(shape: a.shape, storage: .float64(v.map { 1 / $0 }))
        default: return nil
        }
    }
}

extension Kernels {
    /// The two operands of a binary kernel broadcast to one shape, the second in the first's dtype.
    static func broadcastPair(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> (JaxArray, JaxArray) {
        let shape = try Kernels.broadcastShapes([a.shape, b.shape])
        return (try Kernels.broadcast(a, to: shape), try Kernels.broadcast(Kernels.cast(b, to: a.dtype, semantics: .jax), to: shape))
    }
}

/// lax.rem: the remainder of truncating division (C's fmod), with the sign of the dividend;
/// XLA gives the dividend for an integer remainder by zero.
enum TruncatedRemainder {
    static func apply(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray {
        let (x, y) = try Kernels.broadcastPair(a, b)
        let storage: Storage
        switch (x.storage, y.storage) {
        case (.float32(let u), .float32(let v)): storage = .float32(zip(u, v).map { $0.truncatingRemainder(dividingBy: $1) })
        case (.float64(let u), .float64(let v)): storage = .float64(zip(u, v).map { $0.truncatingRemainder(dividingBy: $1) })
        case (.int32(let u), .int32(let v)): storage = .int32(integers(u, v))
        case (.int64(let u), .int64(let v)): storage = .int64(integers(u, v))
        case (.int8(let u), .int8(let v)): storage = .int8(integers(u, v))
        case (.int16(let u), .int16(let v)): storage = .int16(integers(u, v))
        case (.uint8(let u), .uint8(let v)): storage = .uint8(integers(u, v))
        case (.uint16(let u), .uint16(let v)): storage = .uint16(integers(u, v))
        case (.uint32(let u), .uint32(let v)): storage = .uint32(integers(u, v))
        case (.uint64(let u), .uint64(let v)): storage = .uint64(integers(u, v))
        default:
            throw PyException.typeError("rem does not accept dtype \(a.dtype.name)")
        }
        return JaxArray(shape: x.shape, storage: storage, weakType: a.weakType && b.weakType)
    }

    private static func integers<T: FixedWidthInteger>(_ u: [T], _ v: [T]) -> [T] {
        zip(u, v).map { x, y in y == 0 ? x : x.remainderReportingOverflow(dividingBy: y).partialValue }
    }
}

/// lax.nextafter: the float next to x in the direction of y.
enum NextAfter {
    static func apply(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray {
        let (x, y) = try Kernels.broadcastPair(a, b)
        let storage: Storage
        switch (x.storage, y.storage) {
        case (.float32(let u), .float32(let v)): storage = .float32(zip(u, v).map(step))
        case (.float64(let u), .float64(let v)): storage = .float64(zip(u, v).map(step))
        case (.float16(let u), .float16(let v)): storage = .float16(zip(u, v).map(step))
        case (.bfloat16(let u), .bfloat16(let v)): storage = .bfloat16(zip(u, v).map(step))
        default:
            throw PyException.typeError("nextafter does not accept dtype \(a.dtype.name). Accepted dtypes are subtypes of floating.")
        }
        return JaxArray(shape: x.shape, storage: storage, weakType: a.weakType && b.weakType)
    }

    /// bfloat16 has no arithmetic of its own: the neighbour is one step of the bit pattern
    /// (away from or towards zero), as for any IEEE binary format.
    private static func step(_ x: BFloat16, _ y: BFloat16) -> BFloat16 {
        let (a, b) = (x.floatValue, y.floatValue)
        if a.isNaN || b.isNaN { return BFloat16(bitPattern: 0x7FC0) }
        if a == b { return y }
        if a == 0 { return BFloat16(bitPattern: b > 0 ? 0x0001 : 0x8001) }
        let awayFromZero = (a < b) == (a > 0)
        return BFloat16(bitPattern: awayFromZero ? x.bitPattern &+ 1 : x.bitPattern &- 1)
    }

    private static func step<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
        if x.isNaN || y.isNaN { return .nan }
        if x == y { return y }
        return x < y ? x.nextUp : x.nextDown
    }
}
