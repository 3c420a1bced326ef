import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Fills large arrays on all cores: random samples are independent per flat index, so any
/// contiguous split of the index range gives the same bits.
enum Parallel {
    /// A pointer handed to the worker threads; each writes a disjoint range, so sharing is safe.
    struct Output<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
    }

    /// Below this many elements the work runs on the calling thread.
    static let minimumParallelCount = 1 << 15

    static let processorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Elements between two Ctrl-C checks (a few milliseconds of sampling).
    static let interruptBlock = 1 << 20

    /// Calls `body(range)` over `0 ..< count` in contiguous pieces whose bounds are multiples
    /// of 8 (the SIMD width), spread across the cores for large counts. With `interrupt`, the
    /// pieces are cut into blocks and the blocks after Ctrl-C are skipped (the caller then
    /// must not use what was filled).
    static func forEachRange(count: Int, stoppingAt interrupt: InterruptFlag? = nil, _ body: (Range<Int>) -> Void) {
        let pieces = count < minimumParallelCount ? 1 : processorCount * 4
        let blocks = (count + 7) / 8
        let perPiece = (blocks + pieces - 1) / pieces
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            // a piece is cut into blocks of `interruptBlock` (a multiple of 8) with a check before each
            let piece: @Sendable (Int) -> Void = { piece in
                var start = min(count, piece * perPiece * 8)
                let end = min(count, start + perPiece * 8)
                while start < end {
                    if interrupt?.isRaised == true { return }
                    let stop = interrupt == nil ? end : min(end, start + interruptBlock)
                    shared.value(start ..< stop)
                    start = stop
                }
            }
            if pieces == 1 { piece(0) } else { DispatchQueue.concurrentPerform(iterations: pieces, execute: piece) }
        }
    }

    /// A new array of `count` elements whose ranges `fill(pointer, range)` initializes; with
    /// `interrupt`, the ranges after Ctrl-C are skipped and the caller must not use the array.
    static func makeArray<Element>(count: Int, stoppingAt interrupt: InterruptFlag? = nil,
                                   _ fill: (Output<Element>, Range<Int>) -> Void) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                let output = Output(base: base)
                forEachRange(count: count, stoppingAt: interrupt) { range in fill(output, range) }
            }
            initialized = count
        }
    }

    /// `makeArray` that throws KeyboardInterrupt when Ctrl-C stopped the filling.
    static func makeArray<Element>(count: Int, interrupt: InterruptFlag?,
                                   _ fill: (Output<Element>, Range<Int>) -> Void) throws(PyException) -> [Element] {
        let array = makeArray(count: count, stoppingAt: interrupt, fill)
        if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
        return array
    }
}

/// Carries a value that is only used in ways that are safe across threads (disjoint writes).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
