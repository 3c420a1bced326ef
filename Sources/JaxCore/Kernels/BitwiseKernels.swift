/// Bit-level kernels: shifts, bitwise and/or/xor/not of integers and reinterpreting bits as
/// another dtype.
enum BitwiseKernels {
    /// Logical right shift of unsigned words (shifts past the width give 0, as XLA).
    static func shiftRightLogical(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray {
        let shape = try Kernels.broadcastShapes([a.shape, b.shape])
        let x = try Kernels.broadcast(a, to: shape), y = try Kernels.broadcast(Kernels.cast(b, to: a.dtype, semantics: .jax), to: shape)
        func shift<T: FixedWidthInteger & UnsignedInteger>(_ xs: [T], _ ys: [T]) -> [T] {
            zip(xs, ys).map { v, n in n >= T(T.bitWidth) ? 0 : v >> n }
        }
        switch (x.storage, y.storage) {
        case (.uint8(let xs), .uint8(let ys)): return JaxArray(shape: shape, storage: .uint8(shift(xs, ys)))
        case (.uint16(let xs), .uint16(let ys)): return JaxArray(shape: shape, storage: .uint16(shift(xs, ys)))
        case (.uint32(let xs), .uint32(let ys)): return JaxArray(shape: shape, storage: .uint32(shift(xs, ys)))
        case (.uint64(let xs), .uint64(let ys)): return JaxArray(shape: shape, storage: .uint64(shift(xs, ys)))
        default: throw PyException.notImplemented("shift_right_logical on \(a.dtype.name)")
        }
    }

    /// The operations lax applies to the bits of integers.
    enum Operation {
        case and, or, xor, shiftLeft
    }

    /// `op` on two integer arrays of one dtype (lax's `and`, `or`, `xor` and `shift_left` on
    /// integers; shifts by a negative amount or past the width give 0, as XLA's); nil for
    /// other operands.
    static func integers(_ op: Operation, _ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray? {
        guard a.dtype == b.dtype, a.dtype.isInteger else { return nil }
        let shape = try Kernels.broadcastShapes([a.shape, b.shape])
        let x = try Kernels.broadcast(a, to: shape), y = try Kernels.broadcast(b, to: shape)
        func apply<T: FixedWidthInteger>(_ xs: [T], _ ys: [T]) -> [T] {
            switch op {
            case .and: zip(xs, ys).map { $0 & $1 }
            case .or: zip(xs, ys).map { $0 | $1 }
            case .xor: zip(xs, ys).map { $0 ^ $1 }
            case .shiftLeft: zip(xs, ys).map { v, n in n < 0 || n >= T(T.bitWidth) ? 0 : v << n }
            }
        }
        switch (x.storage, y.storage) {
        case (.uint8(let xs), .uint8(let ys)): return JaxArray(shape: shape, storage: .uint8(apply(xs, ys)))
        case (.uint16(let xs), .uint16(let ys)): return JaxArray(shape: shape, storage: .uint16(apply(xs, ys)))
        case (.uint32(let xs), .uint32(let ys)): return JaxArray(shape: shape, storage: .uint32(apply(xs, ys)))
        case (.uint64(let xs), .uint64(let ys)): return JaxArray(shape: shape, storage: .uint64(apply(xs, ys)))
        case (.int8(let xs), .int8(let ys)): return JaxArray(shape: shape, storage: .int8(apply(xs, ys)))
        case (.int16(let xs), .int16(let ys)): return JaxArray(shape: shape, storage: .int16(apply(xs, ys)))
        case (.int32(let xs), .int32(let ys)): return JaxArray(shape: shape, storage: .int32(apply(xs, ys)))
        case (.int64(let xs), .int64(let ys)): return JaxArray(shape: shape, storage: .int64(apply(xs, ys)))
        default: return nil
        }
    }

    /// The complement of every bit of an integer array; nil for other dtypes.
    static func not(_ a: JaxArray) -> JaxArray? {
        func flip<T: FixedWidthInteger>(_ xs: [T]) -> [T] { xs.map { ~$0 } }
        switch a.storage {
        case .uint8(let xs): return JaxArray(shape: a.shape, storage: .uint8(flip(xs)))
        case .uint16(let xs): return JaxArray(shape: a.shape, storage: .uint16(flip(xs)))
        case .uint32(let xs): return JaxArray(shape: a.shape, storage: .uint32(flip(xs)))
        case .uint64(let xs): return JaxArray(shape: a.shape, storage: .uint64(flip(xs)))
        case .int8(let xs): return JaxArray(shape: a.shape, storage: .int8(flip(xs)))
        case .int16(let xs): return JaxArray(shape: a.shape, storage: .int16(flip(xs)))
        case .int32(let xs): return JaxArray(shape: a.shape, storage: .int32(flip(xs)))
        case .int64(let xs): return JaxArray(shape: a.shape, storage: .int64(flip(xs)))
        default: return nil
        }
    }

    /// Arithmetic right shift of signed words (shifts past the width fill with the sign bit, as XLA).
    static func shiftRightArithmetic(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray {
        let shape = try Kernels.broadcastShapes([a.shape, b.shape])
        let x = try Kernels.broadcast(a, to: shape), y = try Kernels.broadcast(Kernels.cast(b, to: a.dtype, semantics: .jax), to: shape)
        func shift<T: FixedWidthInteger & SignedInteger>(_ xs: [T], _ ys: [T]) -> [T] {
            zip(xs, ys).map { v, n in n < 0 || n >= T(T.bitWidth) ? (v < 0 ? -1 : 0) : v >> n }
        }
        switch (x.storage, y.storage) {
        case (.int8(let xs), .int8(let ys)): return JaxArray(shape: shape, storage: .int8(shift(xs, ys)))
        case (.int16(let xs), .int16(let ys)): return JaxArray(shape: shape, storage: .int16(shift(xs, ys)))
        case (.int32(let xs), .int32(let ys)): return JaxArray(shape: shape, storage: .int32(shift(xs, ys)))
        case (.int64(let xs), .int64(let ys)): return JaxArray(shape: shape, storage: .int64(shift(xs, ys)))
        default: throw PyException.notImplemented("shift_right_arithmetic on \(a.dtype.name)")
        }
    }

    /// Reinterprets the elements' bytes (little-endian, as on x86-64) as `dtype` in `shape`, which
    /// holds as many bytes. A bool is one byte; bytes read as bools are true when nonzero.
    static func bitcast(_ a: JaxArray, to dtype: DType, shape: [Int]) throws(PyException) -> JaxArray {
        if a.dtype == dtype { return JaxArray(shape: shape, storage: a.storage) }
        let bytes: [UInt8]
        switch a.storage {
        case .bool(let v): bytes = v.map { $0 ? 1 : 0 }
        case .uint8(let v): bytes = v
        case .uint16(let v): bytes = raw(v)
        case .uint32(let v): bytes = raw(v)
        case .uint64(let v): bytes = raw(v)
        case .int8(let v): bytes = raw(v)
        case .int16(let v): bytes = raw(v)
        case .int32(let v): bytes = raw(v)
        case .int64(let v): bytes = raw(v)
        case .float16(let v): bytes = raw(v.map(\.bitPattern))
        case .bfloat16(let v): bytes = raw(v.map(\.bitPattern))
        case .float32(let v): bytes = raw(v.map(\.bitPattern))
        case .float64(let v): bytes = raw(v.map(\.bitPattern))
        case .complex64, .complex128: throw PyException.notImplemented("reinterpreting the bits of \(a.dtype.name) values")
        }
        let storage: Storage
        switch dtype {
        case .bool: storage = .bool(bytes.map { $0 != 0 })
        case .uint8: storage = .uint8(bytes)
        case .uint16: storage = .uint16(load(bytes))
        case .uint32: storage = .uint32(load(bytes))
        case .uint64: storage = .uint64(load(bytes))
        case .int8: storage = .int8(load(bytes))
        case .int16: storage = .int16(load(bytes))
        case .int32: storage = .int32(load(bytes))
        case .int64: storage = .int64(load(bytes))
        case .float16: storage = .float16((load(bytes) as [UInt16]).map { Float16(bitPattern: $0) })
        case .bfloat16: storage = .bfloat16((load(bytes) as [UInt16]).map { BFloat16(bitPattern: $0) })
        case .float32: storage = .float32((load(bytes) as [UInt32]).map { Float(bitPattern: $0) })
        case .float64: storage = .float64((load(bytes) as [UInt64]).map { Double(bitPattern: $0) })
        default: throw PyException.notImplemented("reinterpreting bits as \(dtype.name) values")
        }
        return JaxArray(shape: shape, storage: storage)
    }

    /// The bytes of fixed-width integers in memory order.
    private static func raw<T: FixedWidthInteger>(_ v: [T]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(v.count * MemoryLayout<T>.size)
        // least significant byte first, as x86-64 stores them
        for word in v {
            for i in 0..<MemoryLayout<T>.size { out.append(UInt8(truncatingIfNeeded: word >> (8 * i))) }
        }
        return out
    }

    /// Fixed-width integers from bytes in memory order (a whole number of them).
    private static func load<T: FixedWidthInteger>(_ bytes: [UInt8]) -> [T] {
        let size = MemoryLayout<T>.size
        return stride(from: 0, to: bytes.count - size + 1, by: size).map { start in
            var word: T = 0
            for i in 0..<size { word |= T(truncatingIfNeeded: bytes[start + i]) << (8 * i) }
            return word
        }
    }
}

extension Kernels {
    /// NumPy's `a.view(dtype)`: the bytes read as `dtype`, the last axis resized (a copy here,
    /// not a view of the same memory), with NumPy's errors.
    public static func numpyView(_ a: JaxArray, as dtype: DType) throws(PyException) -> JaxArray {
        let inSize = a.dtype.itemSize, outSize = dtype.itemSize
        guard let last = a.shape.last else {
            guard inSize == outSize else { throw PyException.valueError("Changing the dtype of a 0d array is only supported if the itemsize is unchanged") }
            return try BitwiseKernels.bitcast(a, to: dtype, shape: [])
        }
        guard (last * inSize) % outSize == 0 else {
            throw PyException.valueError("When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.")
        }
        return try BitwiseKernels.bitcast(a, to: dtype, shape: Array(a.shape.dropLast()) + [last * inSize / outSize])
    }
}
