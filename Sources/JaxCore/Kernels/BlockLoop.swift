import CElementwiseKernels
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// How much work one element of a kernel is, which decides when a second core pays for
/// itself (waking a worker costs about as much as a few thousand cheap elements).
enum KernelCost: Int, Sendable {
    /// A load, an operation or two and a store: memory-bound from a few hundred KB on.
    case memory = 1
    /// A short polynomial (XLA's exp, log, tanh, ...).
    case polynomial = 8
    /// A C library call per element (glibc's sin, pow, ...).
    case libm = 40

    /// Fewest elements worth splitting across cores.
    var parallelThreshold: Int { (1 << 18) / rawValue }
}

/// Runs a kernel over `0 ..< count` in blocks: on every core for large arrays (each block
/// computes its own elements, so the split never changes a bit), under XLA's FTZ/DAZ mode on
/// each thread when `flush` is set, and checking `interrupt` between blocks so that Ctrl-C stops
/// a long kernel.
enum BlockLoop {
    /// Elements per block: the unit of work handed to a thread and between interrupt checks.
    static let blockSize = 1 << 14

    static let processorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Calls `body(range)` over contiguous ranges covering `0 ..< count` (block-aligned), then
    /// throws KeyboardInterrupt if Ctrl-C was pressed meanwhile (the remaining blocks skipped).
    static func run(count: Int, cost: KernelCost, flush: Bool, interrupt: InterruptFlag?,
                    _ body: (Range<Int>) -> Void) throws(PyException) {
        runBlocks(count: count, cost: cost, flush: flush, interrupt: interrupt, body)
        if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
    }

    private static func runBlocks(count: Int, cost: KernelCost, flush: Bool, interrupt: InterruptFlag?,
                                  _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let blocks = (count + blockSize - 1) / blockSize
        if processorCount == 1 || blocks == 1 || count < cost.parallelThreshold {
            FloatEnvironment.value(flushingDenormals: flush) {
                var start = 0
                while start < count {
                    if interrupt?.isRaised == true { return }
                    let end = min(count, start + blockSize)
                    body(start ..< end)
                    start = end
                }
            }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                if interrupt?.isRaised == true { return }
                let start = block * blockSize
                FloatEnvironment.value(flushingDenormals: flush) {
                    shared.value(start ..< min(count, start + blockSize))
                }
            }
        }
    }

    /// `body(i)` for each of `count` independent pieces of work of `elementsEach` elements
    /// (a reduction's partial sums), across cores when there is enough work.
    static func parallelMap<R>(count: Int, elementsEach: Int, _ body: (Int) -> R) -> [R] {
        guard count > 1, processorCount > 1, count * elementsEach >= KernelCost.memory.parallelThreshold else {
            return (0..<count).map(body)
        }
        var results = [R?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let out = UncheckedSendable(base)
            withoutActuallyEscaping(body) { body in
                let shared = UncheckedSendable(body)
                DispatchQueue.concurrentPerform(iterations: count) { i in (out.value + i).pointee = shared.value(i) }
            }
        }
        return results.compactMap { $0 }
    }

    /// A new array of `count` elements whose blocks `fill(out, range)` initialises (plain
    /// values only: an interrupted array is dropped unfinished).
    static func makeArray<R>(count: Int, cost: KernelCost, flush: Bool, interrupt: InterruptFlag?,
                             _ fill: (UnsafeMutablePointer<R>, Range<Int>) -> Void) throws(PyException) -> [R] {
        let result = makeArray(count: count, cost: cost, flush: flush, stoppingAt: interrupt, fill)
        if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
        return result
    }

    /// `makeArray` for kernels too short to need interrupting (conversions); with a flag, the
    /// blocks after it is raised are skipped and the caller must not use the result.
    static func makeArray<R>(count: Int, cost: KernelCost, flush: Bool, stoppingAt interrupt: InterruptFlag? = nil,
                             _ fill: (UnsafeMutablePointer<R>, Range<Int>) -> Void) -> [R] {
        [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            LargeAllocation.advise(buffer)
            if let base = buffer.baseAddress {
                let out = UncheckedSendable(base)
                runBlocks(count: count, cost: cost, flush: flush, interrupt: interrupt) { range in fill(out.value, range) }
            }
            initialized = count
        }
    }

    /// `block` over every element of `x`, into a new array.
    static func map<T, R>(_ x: [T], _ block: UnaryBlock<T, R>, cost: KernelCost, flush: Bool,
                          interrupt: InterruptFlag?) throws(PyException) -> [R] {
        let result = map(x, block, cost: cost, flush: flush, stoppingAt: interrupt)
        if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
        return result
    }

    /// `block` over every element of `x` without an interrupt check (see `makeArray`).
    static func map<T, R>(_ x: [T], _ block: UnaryBlock<T, R>, cost: KernelCost, flush: Bool,
                          stoppingAt interrupt: InterruptFlag? = nil) -> [R] {
        x.withUnsafeBufferPointer { src -> [R] in
            guard let base = src.baseAddress else { return [] }
            let input = UncheckedSendable(base)
            return makeArray(count: src.count, cost: cost, flush: flush, stoppingAt: interrupt) { out, range in
                block(input.value + range.lowerBound, out + range.lowerBound, range.count)
            }
        }
    }
}

/// A kernel over one block of contiguous elements: `count` inputs at `x`, results at `out`
/// (which may be `x`). Eager kernels run one over a whole array; fused loops over cache-sized
/// blocks.
typealias UnaryBlock<T, R> = @Sendable (_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<R>, _ count: Int) -> Void

/// The three block forms of a two-operand kernel: both operands contiguous, or one of them a
/// single value broadcast over the block.
struct BinaryBlocks<T, R>: Sendable {
    let both: @Sendable (_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ out: UnsafeMutablePointer<R>, _ count: Int) -> Void
    let scalarRight: @Sendable (_ a: UnsafePointer<T>, _ b: T, _ out: UnsafeMutablePointer<R>, _ count: Int) -> Void
    let scalarLeft: @Sendable (_ a: T, _ b: UnsafePointer<T>, _ out: UnsafeMutablePointer<R>, _ count: Int) -> Void
    let cost: KernelCost
}
