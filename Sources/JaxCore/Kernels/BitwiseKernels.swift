/// Bit-level kernels the samplers use: logical right shifts, bitwise or of unsigned words and
/// reinterpreting bits as another dtype.
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

    /// Bitwise or of unsigned words (lax's `or` on integers).
    static func or(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray? {
        let shape = try Kernels.broadcastShapes([a.shape, b.shape])
        let x = try Kernels.broadcast(a, to: shape), y = try Kernels.broadcast(b, to: shape)
        switch (x.storage, y.storage) {
        case (.uint8(let xs), .uint8(let ys)): return JaxArray(shape: shape, storage: .uint8(zip(xs, ys).map { $0 | $1 }))
        case (.uint16(let xs), .uint16(let ys)): return JaxArray(shape: shape, storage: .uint16(zip(xs, ys).map { $0 | $1 }))
        case (.uint32(let xs), .uint32(let ys)): return JaxArray(shape: shape, storage: .uint32(zip(xs, ys).map { $0 | $1 }))
        case (.uint64(let xs), .uint64(let ys)): return JaxArray(shape: shape, storage: .uint64(zip(xs, ys).map { $0 | $1 }))
        default: return nil
        }
    }

    /// Reinterprets words as another dtype of the same width.
    static func bitcast(_ a: JaxArray, to dtype: DType) throws(PyException) -> JaxArray {
        switch (a.storage, dtype) {
        case (.uint32(let w), .float32): return JaxArray(shape: a.shape, storage: .float32(w.map { Float(bitPattern: $0) }))
        case (.float32(let f), .uint32): return JaxArray(shape: a.shape, storage: .uint32(f.map(\.bitPattern)))
        case (.uint32(let w), .int32): return JaxArray(shape: a.shape, storage: .int32(w.map { Int32(bitPattern: $0) }))
        case (.int32(let w), .uint32): return JaxArray(shape: a.shape, storage: .uint32(w.map { UInt32(bitPattern: $0) }))
        case (.uint16(let w), .float16): return JaxArray(shape: a.shape, storage: .float16(w.map { Float16(bitPattern: $0) }))
        case (.uint16(let w), .bfloat16): return JaxArray(shape: a.shape, storage: .bfloat16(w.map { BFloat16(bitPattern: $0) }))
        case (.uint64(let w), .float64): return JaxArray(shape: a.shape, storage: .float64(w.map { Double(bitPattern: $0) }))
        default:
            if a.dtype == dtype { return a }
            throw PyException.notImplemented("bitcast_convert_type from \(a.dtype.name) to \(dtype.name)")
        }
    }
}
