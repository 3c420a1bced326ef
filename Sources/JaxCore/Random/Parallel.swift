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

    /// Calls `body(range)` over `0 ..< count` in contiguous pieces whose bounds are multiples
    /// of 8 (the SIMD width), spread across the cores for large counts.
    static func forEachRange(count: Int, _ body: (Range<Int>) -> Void) {
        let pieces = count < minimumParallelCount ? 1 : processorCount * 4
        if pieces == 1 {
            body(0 ..< count)
            return
        }
        let blocks = (count + 7) / 8
        let perPiece = (blocks + pieces - 1) / pieces
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                let start = min(count, piece * perPiece * 8)
                let end = min(count, start + perPiece * 8)
                if start < end { shared.value(start ..< end) }
            }
        }
    }

    /// A new array of `count` elements whose ranges `fill(pointer, range)` initializes.
    static func makeArray<Element>(count: Int, _ fill: (Output<Element>, Range<Int>) -> Void) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                let output = Output(base: base)
                forEachRange(count: count) { range in fill(output, range) }
            }
            initialized = count
        }
    }
}

/// Carries a value that is only used in ways that are safe across threads (disjoint writes).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
