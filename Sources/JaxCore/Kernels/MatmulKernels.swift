import Dispatch
import Synchronization

/// `@` / `jnp.matmul` / `jnp.dot` and `lax.dot_general`: float32 in JAX's exact order (or
/// NumPy's OpenBLAS route), float64 through OpenBLAS, integers and bools by a plain loop.
extension Kernels {
    /// NumPy's matmul: 1-D operands act as a row (left) or column (right) vector that is
    /// removed from the result; leading dimensions broadcast as batches. Same dtype on both sides.
    /// A large product stops with KeyboardInterrupt soon after `interrupt` is raised.
    public static func matmul(_ a: JaxArray, _ b: JaxArray, semantics: ArraySemantics = .jax,
                              interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray {
        for (i, operand) in [a, b].enumerated() where operand.rank == 0 {
            if semantics == .jax {
                throw PyException.valueError("matmul input operand \(i) must have ndim at least 1, but it has ndim 0")
            }
            throw PyException.valueError(
                "matmul: Input operand \(i) does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
        }
        try requireSameDType(a, b)
        let leftVector = a.rank == 1
        let rightVector = b.rank == 1
        let aShape = leftVector ? [1] + a.shape : a.shape
        let bShape = rightVector ? b.shape + [1] : b.shape
        let m = aShape[aShape.count - 2], k = aShape[aShape.count - 1]
        let kb = bShape[bShape.count - 2], n = bShape[bShape.count - 1]
        if k != kb {
            if semantics == .jax {
                throw PyException.typeError("dot_general requires contracting dimensions to have the same shape, got (\(k),) and (\(kb),).")
            }
            throw PyException.valueError(
                "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(kb) is different from \(k))")
        }
        let aBatch = Array(aShape.dropLast(2)), bBatch = Array(bShape.dropLast(2))
        let batch = try broadcastBatch(aBatch, bBatch, semantics: semantics)
        var outShape = batch
        if !leftVector { outShape.append(m) }
        if !rightVector { outShape.append(n) }
        _ = try Shape.checkedCount(batch + [m, n], itemSize: a.dtype.itemSize)
        let form: JaxMatmul.Form = leftVector && rightVector ? .vectorVector
            : leftVector ? .vectorMatrix : rightVector ? .matrixVector : .matrixMatrix
        // the flat start of each batch's matrix in either operand
        let aStarts = ResolvedIndex.broadcastPattern(aBatch, to: batch).map { $0 * m * k }
        let bStarts = ResolvedIndex.broadcastPattern(bBatch, to: batch).map { $0 * k * n }
        let storage = try MatmulCore.product(a.storage, b.storage, aStarts: aStarts, bStarts: bStarts,
                                         m: m, k: k, n: n, form: form, semantics: semantics, interrupt: interrupt)
        return JaxArray(shape: outShape, storage: storage, weakType: a.weakType && b.weakType)
    }

    /// `lax.dot_general`: contracts the given dimension pairs and keeps the batch pairs in front;
    /// the result is batch + a's free dimensions + b's free dimensions. Dimension numbers are
    /// non-negative, as lax requires (with its error texts).
    public static func dotGeneral(_ a: JaxArray, _ b: JaxArray, contracting: ([Int], [Int]), batch: ([Int], [Int]),
                                  semantics: ArraySemantics = .jax, interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray {
        try requireSameDType(a, b)
        let (ac, bc) = contracting
        let (ab, bb) = batch
        for (side, rank, bd, cd) in [("lhs", a.rank, ab, ac), ("rhs", b.rank, bb, bc)] {
            if (bd + cd).contains(where: { $0 < 0 || $0 >= rank }) {
                throw PyException.typeError(
                    "dot_general requires \(side) dimension numbers to be nonnegative and less than the number of axes of the \(side) value, got \(side)_batch of \(Shape.describe(bd)) and \(side)_contracting of \(Shape.describe(cd)) for \(side) of rank \(rank)")
            }
        }
        for (side, bd, cd) in [("lhs", ab, ac), ("rhs", bb, bc)] where !Set(bd).isDisjoint(with: cd) {
            throw PyException.typeError(
                "dot_general requires \(side) batch dimensions to be disjoint from contracting dimensions, got \(side)_batch \(Shape.describe(bd)) and \(side)_contracting \(Shape.describe(cd)).")
        }
        if Set(ac).count != ac.count || Set(bc).count != bc.count || Set(ab).count != ab.count || Set(bb).count != bb.count {
            throw PyException.typeError("dot_general requires dimension numbers without repeats, got contracting \(Shape.describe(ac)), \(Shape.describe(bc)) and batch \(Shape.describe(ab)), \(Shape.describe(bb)).")
        }
        let aBatchShape = ab.map { a.shape[$0] }, bBatchShape = bb.map { b.shape[$0] }
        if aBatchShape != bBatchShape {
            throw PyException.typeError("dot_general requires lhs batch dimensions and rhs batch dimensions to have the same shape, got \(Shape.describe(aBatchShape)) and \(Shape.describe(bBatchShape)).")
        }
        let aContract = ac.map { a.shape[$0] }, bContract = bc.map { b.shape[$0] }
        if aContract != bContract {
            throw PyException.typeError("dot_general requires contracting dimensions to have the same shape, got \(Shape.describe(aContract)) and \(Shape.describe(bContract)).")
        }
        let aFree = (0..<a.rank).filter { !ac.contains($0) && !ab.contains($0) }
        let bFree = (0..<b.rank).filter { !bc.contains($0) && !bb.contains($0) }
        let at = try transpose(a, permutation: ab + aFree + ac)
        let bt = try transpose(b, permutation: bb + bc + bFree)
        let batchCount = AxisRules.product(aBatchShape)
        let m = AxisRules.product(aFree.map { a.shape[$0] })
        let k = AxisRules.product(aContract)
        let n = AxisRules.product(bFree.map { b.shape[$0] })
        let outShape = aBatchShape + aFree.map { a.shape[$0] } + bFree.map { b.shape[$0] }
        _ = try Shape.checkedCount(outShape, itemSize: a.dtype.itemSize)
        let form: JaxMatmul.Form = aFree.isEmpty && bFree.isEmpty ? .vectorVector
            : aFree.isEmpty ? .vectorMatrix : bFree.isEmpty ? .matrixVector : .matrixMatrix
        let storage = try MatmulCore.product(at.storage, bt.storage,
                                         aStarts: (0..<batchCount).map { $0 * m * k },
                                         bStarts: (0..<batchCount).map { $0 * k * n },
                                         m: m, k: k, n: n, form: form, semantics: semantics, interrupt: interrupt)
        return JaxArray(shape: outShape, storage: storage, weakType: a.weakType && b.weakType)
    }

    private static func requireSameDType(_ a: JaxArray, _ b: JaxArray) throws(PyException) {
        if a.dtype != b.dtype {
            throw PyException.typeError("matrix product operands must have the same dtype, got \(a.dtype.name) and \(b.dtype.name)")
        }
    }

    /// Broadcasts the batch dimensions of the two operands.
    private static func broadcastBatch(_ a: [Int], _ b: [Int], semantics: ArraySemantics) throws(PyException) -> [Int] {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        var out: [Int] = []
        for d in 0..<rank {
            if pa[d] == pb[d] || pb[d] == 1 {
                out.append(pa[d])
            } else if pa[d] == 1 {
                out.append(pb[d])
            } else {
                if semantics == .jax {
                    throw PyException.valueError("Incompatible shapes for broadcasting: shapes=[\(Shape.describe(a)), \(Shape.describe(b))]")
                }
                throw PyException.valueError("operands could not be broadcast together with remapped shapes [original->remapped]: \(Shape.describe(a)) and \(Shape.describe(b))")
            }
        }
        return out
    }
}

/// The per-dtype loops behind matmul and dot_general: a batch of (M, K) @ (K, N) products whose
/// matrices start at the given flat offsets.
///
/// Ctrl-C must stop a long product, but OpenBLAS cannot be stopped inside a call, and cutting a
/// product into panels of rows or columns changes the last bits of many elements (OpenBLAS's
/// kernels order each element's sum by where it falls in the threads' shares and the kernel
/// tiles). So a long product runs whole on a worker thread while the caller waits for it or for
/// Ctrl-C: the caller then raises KeyboardInterrupt at once, and the worker finishes (or, in the
/// plain integer loops, stops at the next row) with its result dropped. Products never overlap,
/// because how OpenBLAS splits one over its threads, and so its bits, depends on it running alone.
enum MatmulCore {
    /// Products of more multiply-adds than this run on a worker thread (about 0.01 s and up).
    static let workerThreshold = 1 << 28
    /// Held while a product runs (see above); a product started after an abandoned one waits.
    private static let running = Mutex<Void>(())

    static func product(_ a: Storage, _ b: Storage, aStarts: [Int], bStarts: [Int], m: Int, k: Int, n: Int,
                        form: JaxMatmul.Form, semantics: ArraySemantics, interrupt: InterruptFlag?) throws(PyException) -> Storage {
        @Sendable func compute(_ stop: InterruptFlag?) -> Result<Storage, PyException> {
            running.withLock { _ in
                Result { () throws(PyException) -> Storage in
                    // a product abandoned while it waited for the one before never starts
                    if stop?.isRaised == true, stop !== interrupt { throw PyException("KeyboardInterrupt", "") }
                    return try product(a, b, aStarts: aStarts, bStarts: bStarts, m: m, k: k, n: n, form: form, semantics: semantics, stoppingAt: stop)
                }
            }
        }
        let perProduct = m.multipliedReportingOverflow(by: n).partialValue.multipliedReportingOverflow(by: k)
        let work = perProduct.partialValue.multipliedReportingOverflow(by: max(aStarts.count, 1))
        guard let interrupt, perProduct.overflow || work.overflow || work.partialValue > workerThreshold else {
            return try compute(interrupt).get()
        }
        let abandoned = InterruptFlag()
        let outcome = Mutex<Result<Storage, PyException>?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let result = compute(abandoned)
            outcome.withLock { $0 = result }
            done.signal()
        }
        repeat {
            if interrupt.consume() {
                abandoned.raise()
                throw PyException("KeyboardInterrupt", "")
            }
        } while done.wait(timeout: .now() + .milliseconds(20)) == .timedOut
        guard let result = outcome.withLock({ $0 }) else { throw PyException("RuntimeError", "a matrix product ended without a result") }
        return try result.get()
    }

    /// The products on the calling thread; the plain loops stop (KeyboardInterrupt) once `interrupt` is raised.
    private static func product(_ a: Storage, _ b: Storage, aStarts: [Int], bStarts: [Int], m: Int, k: Int, n: Int,
                                form: JaxMatmul.Form, semantics: ArraySemantics,
                                stoppingAt interrupt: InterruptFlag?) throws(PyException) -> Storage {
        func floats(_ x: [Float], _ y: [Float]) throws(PyException) -> [Float] {
            try batched(x, y, aStarts, bStarts, m * k, k * n, interrupt) { pa, pb throws(PyException) in
                semantics == .jax
                    ? try JaxMatmul.product(pa, pb, m: m, k: k, n: n, form: form)
                    : try OpenBLAS.product(pa, pb, m: m, k: k, n: n, form: form)
            }
        }
        // KeyboardInterrupt after Ctrl-C, checked once per row of the plain loops below
        func checkRow() throws(PyException) {
            if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
        }
        switch (a, b) {
        case (.float32(let x), .float32(let y)):
            if semantics == .jax && k == 1 { return .float32(try batched(x, y, aStarts, bStarts, m, n, interrupt) { pa, pb in singleTerm(pa, pb, m, n) }) }
            return .float32(try floats(x, y))
        case (.float64(let x), .float64(let y)):
            return .float64(try batched(x, y, aStarts, bStarts, m * k, k * n, interrupt) { pa, pb throws(PyException) in
                semantics == .jax && k == 1 ? singleTerm(pa, pb, m, n) : try OpenBLAS.product(pa, pb, m: m, k: k, n: n, form: form)
            })
        case (.float16(let x), .float16(let y)):
            return .float16(try floats(x.map { Float($0) }, y.map { Float($0) }).map { Float16($0) })
        case (.bfloat16(let x), .bfloat16(let y)):
            return .bfloat16(try floats(x.map(\.floatValue), y.map(\.floatValue)).map { BFloat16($0) })
        case (.bool(let x), .bool(let y)):
            return .bool(try batched(x, y, aStarts, bStarts, m * k, k * n, interrupt) { pa, pb throws(PyException) in
                var out = [Bool](repeating: false, count: m * n)
                for i in 0..<m {
                    try checkRow()
                    for kk in 0..<k where pa[i * k + kk] {
                        for j in 0..<n where pb[kk * n + j] { out[i * n + j] = true }
                    }
                }
                return out
            })
        default:
            let x = (0..<a.count).map { a.int64(at: $0) }
            let y = (0..<b.count).map { b.int64(at: $0) }
            let wide = try batched(x, y, aStarts, bStarts, m * k, k * n, interrupt) { pa, pb throws(PyException) in
                var out = [Int64](repeating: 0, count: m * n)
                for i in 0..<m {
                    try checkRow()
                    for kk in 0..<k {
                        let aik = pa[i * k + kk]
                        for j in 0..<n { out[i * n + j] = out[i * n + j] &+ aik &* pb[kk * n + j] }
                    }
                }
                return out
            }
            return wrapping(wide, like: a)
        }
    }

    /// A product that contracts one term: XLA rewrites it as a multiply, so each element is
    /// the one rounded product (keeping its sign when it is zero), not that product added to 0.
    private static func singleTerm<T: FloatingPoint>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, _ m: Int, _ n: Int) -> [T] {
        var out: [T] = []
        out.reserveCapacity(m * n)
        for i in 0..<m { for j in 0..<n { out.append(a[i] * b[j]) } }
        return out
    }

    /// Runs `body` on each batch's pair of matrices and concatenates the results.
    private static func batched<T, R>(_ x: [T], _ y: [T], _ aStarts: [Int], _ bStarts: [Int], _ aSize: Int, _ bSize: Int,
                                      _ interrupt: InterruptFlag?, _ body: (UnsafeBufferPointer<T>, UnsafeBufferPointer<T>) throws(PyException) -> [R]) throws(PyException) -> [R] {
        var out: [R] = []
        try x.withUnsafeBufferPointer { px throws(PyException) in
            try y.withUnsafeBufferPointer { py throws(PyException) in
                // one product (no batch) is returned as is rather than copied into `out`
                if aStarts.count == 1, let sa = aStarts.first, let sb = bStarts.first {
                    out = try body(UnsafeBufferPointer(rebasing: px[sa..<(sa + aSize)]), UnsafeBufferPointer(rebasing: py[sb..<(sb + bSize)]))
                    return
                }
                for (sa, sb) in zip(aStarts, bStarts) {
                    if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
                    out.append(contentsOf: try body(UnsafeBufferPointer(rebasing: px[sa..<(sa + aSize)]),
                                                    UnsafeBufferPointer(rebasing: py[sb..<(sb + bSize)])))
                }
            }
        }
        return out
    }

    /// Int64 results truncated to the integer dtype of `like` (sums and products wrap).
    private static func wrapping(_ v: [Int64], like: Storage) -> Storage {
        switch like {
        case .uint8: return .uint8(v.map { UInt8(truncatingIfNeeded: $0) })
        case .uint16: return .uint16(v.map { UInt16(truncatingIfNeeded: $0) })
        case .uint32: return .uint32(v.map { UInt32(truncatingIfNeeded: $0) })
        case .uint64: return .uint64(v.map { UInt64(truncatingIfNeeded: $0) })
        case .int8: return .int8(v.map { Int8(truncatingIfNeeded: $0) })
        case .int16: return .int16(v.map { Int16(truncatingIfNeeded: $0) })
        case .int32: return .int32(v.map { Int32(truncatingIfNeeded: $0) })
        default: return .int64(v)
        }
    }
}
