import CElementwiseKernels

/// `select` (`jnp.where` after promotion).
extension Kernels {
    /// Elements of `onTrue` where `condition` holds, else of `onFalse`; all three broadcast
    /// together (`jnp.where`). The condition must be bool and the cases share a dtype.
    public static func select(_ condition: JaxArray, _ onTrue: JaxArray, _ onFalse: JaxArray,
                              interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray {
        guard case .bool = condition.storage else {
            throw PyException.typeError("select `which` must be boolean or integer type; got \(condition.dtype.name).")
        }
        guard onTrue.dtype == onFalse.dtype else {
            throw PyException.typeError(
                "lax.select requires arguments to have the same dtypes, got \(onTrue.dtype.name), \(onFalse.dtype.name). (Tip: jnp.where is a similar function that does automatic type promotion on inputs).")
        }
        let shape = try broadcastShapes([condition.shape, onTrue.shape, onFalse.shape])
        // a full-size condition and full-size or single-value cases run as block kernels;
        // anything else is broadcast to the result's shape first
        let c = condition.shape == shape ? condition : try broadcast(condition, to: shape)
        let t = onTrue.shape == shape || onTrue.count == 1 ? onTrue : try broadcast(onTrue, to: shape)
        let f = onFalse.shape == shape || onFalse.count == 1 ? onFalse : try broadcast(onFalse, to: shape)
        guard case .bool(let mask) = c.storage else { return t }
        let run = SelectRun(mask: mask, interrupt: interrupt)
        let storage: Storage
        switch (t.storage, f.storage) {
        case let (.bool(x), .bool(y)): storage = .bool(try run.pick(x, y, as: UInt8.self, SelectRun.blocks8))
        case let (.uint8(x), .uint8(y)): storage = .uint8(try run.pick(x, y, as: UInt8.self, SelectRun.blocks8))
        case let (.int8(x), .int8(y)): storage = .int8(try run.pick(x, y, as: UInt8.self, SelectRun.blocks8))
        case let (.uint16(x), .uint16(y)): storage = .uint16(try run.pick(x, y, as: UInt16.self, SelectRun.blocks16))
        case let (.int16(x), .int16(y)): storage = .int16(try run.pick(x, y, as: UInt16.self, SelectRun.blocks16))
        case let (.float16(x), .float16(y)): storage = .float16(try run.pick(x, y, as: UInt16.self, SelectRun.blocks16))
        case let (.bfloat16(x), .bfloat16(y)): storage = .bfloat16(try run.pick(x, y, as: UInt16.self, SelectRun.blocks16))
        case let (.uint32(x), .uint32(y)): storage = .uint32(try run.pick(x, y, as: UInt32.self, SelectRun.blocks32))
        case let (.int32(x), .int32(y)): storage = .int32(try run.pick(x, y, as: UInt32.self, SelectRun.blocks32))
        case let (.float32(x), .float32(y)): storage = .float32(try run.pick(x, y, as: UInt32.self, SelectRun.blocks32))
        case let (.uint64(x), .uint64(y)): storage = .uint64(try run.pick(x, y, as: UInt64.self, SelectRun.blocks64))
        case let (.int64(x), .int64(y)): storage = .int64(try run.pick(x, y, as: UInt64.self, SelectRun.blocks64))
        case let (.float64(x), .float64(y)): storage = .float64(try run.pick(x, y, as: UInt64.self, SelectRun.blocks64))
        case let (.complex64(x), .complex64(y)): storage = .complex64(try run.pick(x, y, as: UInt64.self, SelectRun.blocks64))
        case let (.complex128(x), .complex128(y)):
            // no 128-bit block kernel: per element, a one-element case standing for all
            storage = .complex128(mask.indices.map { i in mask[i] ? x[x.count == 1 ? 0 : i] : y[y.count == 1 ? 0 : i] })
        default: storage = t.storage
        }
        return JaxArray(shape: shape, storage: storage, weakType: onTrue.weakType && onFalse.weakType)
    }
}

/// The block kernels of a select, on elements seen as unsigned words of their width (a select
/// copies bits, whatever the dtype).
struct SelectRun {
    let mask: [Bool]
    let interrupt: InterruptFlag?

    /// Both cases contiguous, the false case one value, the true case one value.
    typealias Blocks<Bits> = (
        both: @Sendable (UnsafePointer<Bool>?, UnsafePointer<Bits>?, UnsafePointer<Bits>?, UnsafeMutablePointer<Bits>?, Int) -> Void,
        scalarFalse: @Sendable (UnsafePointer<Bool>?, UnsafePointer<Bits>?, Bits, UnsafeMutablePointer<Bits>?, Int) -> Void,
        scalarTrue: @Sendable (UnsafePointer<Bool>?, Bits, UnsafePointer<Bits>?, UnsafeMutablePointer<Bits>?, Int) -> Void)

    static let blocks8: Blocks<UInt8> = (jaxlab_select_8, jaxlab_select_8_vs, jaxlab_select_8_sv)
    static let blocks16: Blocks<UInt16> = (jaxlab_select_16, jaxlab_select_16_vs, jaxlab_select_16_sv)
    static let blocks32: Blocks<UInt32> = (jaxlab_select_32, jaxlab_select_32_vs, jaxlab_select_32_sv)
    static let blocks64: Blocks<UInt64> = (jaxlab_select_64, jaxlab_select_64_vs, jaxlab_select_64_sv)

    /// `mask[i] ? x[i] : y[i]`, where a case of one element stands for all.
    func pick<T, Bits>(_ x: [T], _ y: [T], as _: Bits.Type, _ blocks: Blocks<Bits>) throws(PyException) -> [T] {
        let n = mask.count
        // two single values: the true one spread out, so that one kernel form covers it
        let x = x.count == 1 && n > 1 && y.count == 1 ? [T](repeating: x[0], count: n) : x
        let result = mask.withUnsafeBufferPointer { (m: UnsafeBufferPointer<Bool>) -> [T] in
            x.withUnsafeBytes { (xb: UnsafeRawBufferPointer) -> [T] in
                y.withUnsafeBytes { (yb: UnsafeRawBufferPointer) -> [T] in
                    guard let mp = m.baseAddress, let xp = xb.baseAddress, let yp = yb.baseAddress, n > 0 else { return [] }
                    let c = UncheckedSendable(mp)
                    let a = UncheckedSendable(xp.assumingMemoryBound(to: Bits.self))
                    let b = UncheckedSendable(yp.assumingMemoryBound(to: Bits.self))
                    let xFull = x.count == n, yFull = y.count == n
                    return BlockLoop.makeArray(count: n, cost: .memory, flush: false, stoppingAt: interrupt) { (out: UnsafeMutablePointer<T>, r: Range<Int>) in
                        let o = UnsafeMutableRawPointer(out + r.lowerBound).assumingMemoryBound(to: Bits.self)
                        let s = r.lowerBound
                        switch (xFull, yFull) {
                        case (true, false): blocks.scalarFalse(c.value + s, a.value + s, b.value[0], o, r.count)
                        case (false, true): blocks.scalarTrue(c.value + s, a.value[0], b.value + s, o, r.count)
                        default: blocks.both(c.value + s, a.value + s, b.value + s, o, r.count)
                        }
                    }
                }
            }
        }
        if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
        return result
    }
}
