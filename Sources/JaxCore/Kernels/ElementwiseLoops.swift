import CElementwiseKernels
#if canImport(Glibc)
import Glibc
#endif

/// A Swift type that one storage case holds, so generic kernels can rebuild a `Storage`.
protocol ArrayElement {
    static func makeStorage(_ values: [Self]) -> Storage
}

extension Bool: ArrayElement { static func makeStorage(_ v: [Bool]) -> Storage { .bool(v) } }
extension UInt8: ArrayElement { static func makeStorage(_ v: [UInt8]) -> Storage { .uint8(v) } }
extension UInt16: ArrayElement { static func makeStorage(_ v: [UInt16]) -> Storage { .uint16(v) } }
extension UInt32: ArrayElement { static func makeStorage(_ v: [UInt32]) -> Storage { .uint32(v) } }
extension UInt64: ArrayElement { static func makeStorage(_ v: [UInt64]) -> Storage { .uint64(v) } }
extension Int8: ArrayElement { static func makeStorage(_ v: [Int8]) -> Storage { .int8(v) } }
extension Int16: ArrayElement { static func makeStorage(_ v: [Int16]) -> Storage { .int16(v) } }
extension Int32: ArrayElement { static func makeStorage(_ v: [Int32]) -> Storage { .int32(v) } }
extension Int64: ArrayElement { static func makeStorage(_ v: [Int64]) -> Storage { .int64(v) } }
extension Float16: ArrayElement { static func makeStorage(_ v: [Float16]) -> Storage { .float16(v) } }
extension BFloat16: ArrayElement { static func makeStorage(_ v: [BFloat16]) -> Storage { .bfloat16(v) } }
extension Float: ArrayElement { static func makeStorage(_ v: [Float]) -> Storage { .float32(v) } }
extension Double: ArrayElement { static func makeStorage(_ v: [Double]) -> Storage { .float64(v) } }

/// How two operands of an elementwise operation line up with the broadcast result.
struct BinaryLayout {
    let shapeA: [Int]
    let shapeB: [Int]
    let outShape: [Int]
    let count: Int

    /// The element strides of an operand over the output's axes (0 along broadcast axes).
    static func strides(of shape: [Int], over out: [Int]) -> [Int] {
        let own = Shape.strides(shape)
        var result = [Int](repeating: 0, count: out.count)
        let offset = out.count - shape.count
        for axis in 0..<shape.count where shape[axis] != 1 {
            result[axis + offset] = own[axis]
        }
        return result
    }
}

/// Large results: backed by transparent huge pages, as NumPy does for allocations of 4 MiB and
/// more, and kept in the process when freed so that the next large result reuses their pages.
/// A fresh 40 MB result otherwise costs ten thousand page faults (glibc maps every allocation
/// above 32 MiB anew and unmaps it on free), more than the arithmetic: in a loop of eager
/// operations, each result would pay them again.
enum LargeAllocation {
    static let threshold = 4 << 20

    /// glibc serves every size from its heap, which it trims only above 1 GiB of free space.
    private static let heapReuse: Bool = {
        jaxlab_reuse_freed_memory()
        return true
    }()

    /// Asks the kernel for huge pages under the page-aligned interior of a new buffer. The
    /// first call of all, whatever its size, switches glibc to reusing freed memory, so that
    /// results of a few MB (a million float32s is just under the huge-page threshold) do not
    /// fault in fresh pages at every call either.
    @inline(__always)
    static func advise<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        #if os(Linux)
        let bytes = buffer.count * MemoryLayout<T>.stride
        guard heapReuse, bytes >= threshold, let base = buffer.baseAddress else { return }
        let page = UInt(4096)
        let start = (UInt(bitPattern: base) + page - 1) & ~(page - 1)
        let end = UInt(bitPattern: base + buffer.count) & ~(page - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, Int(end - start), MADV_HUGEPAGE)
        #endif
    }
}

/// The loops every elementwise kernel runs: contiguous, scalar-operand and strided broadcast
/// forms, inlined into each caller so the element function is specialised and vectorised.
enum ElementwiseLoop {
    /// `f` over each element.
    @inline(__always)
    static func map<T, R>(_ x: [T], _ f: (T) -> R) -> [R] {
        let n = x.count
        return [R](unsafeUninitializedCapacity: n) { out, initialized in
            LargeAllocation.advise(out)
            x.withUnsafeBufferPointer { xp in
                guard let src = xp.baseAddress, let dst = out.baseAddress else { return }
                for i in 0..<n { (dst + i).initialize(to: f(src[i])) }
            }
            initialized = n
        }
    }

    /// `f` over broadcast pairs of elements.
    @inline(__always)
    static func map2<T, R>(_ x: [T], _ y: [T], _ layout: BinaryLayout, _ f: (T, T) -> R) -> [R] {
        let n = layout.count
        if x.count == n && y.count == n {
            return [R](unsafeUninitializedCapacity: n) { out, initialized in
                LargeAllocation.advise(out)
                x.withUnsafeBufferPointer { xp in
                    y.withUnsafeBufferPointer { yp in
                        guard let a = xp.baseAddress, let b = yp.baseAddress, let dst = out.baseAddress else { return }
                        for i in 0..<n { (dst + i).initialize(to: f(a[i], b[i])) }
                    }
                }
                initialized = n
            }
        }
        // scalar operands: written out rather than through `map` so `f` inlines and vectorises
        if y.count == 1 && x.count == n {
            let s = y[0]
            return [R](unsafeUninitializedCapacity: n) { out, initialized in
                LargeAllocation.advise(out)
                x.withUnsafeBufferPointer { xp in
                    guard let a = xp.baseAddress, let dst = out.baseAddress else { return }
                    for i in 0..<n { (dst + i).initialize(to: f(a[i], s)) }
                }
                initialized = n
            }
        }
        if x.count == 1 && y.count == n {
            let s = x[0]
            return [R](unsafeUninitializedCapacity: n) { out, initialized in
                LargeAllocation.advise(out)
                y.withUnsafeBufferPointer { yp in
                    guard let b = yp.baseAddress, let dst = out.baseAddress else { return }
                    for i in 0..<n { (dst + i).initialize(to: f(s, b[i])) }
                }
                initialized = n
            }
        }
        return strided(x, y, layout, f)
    }

    /// The general broadcast: an odometer over the outer axes and a strided inner loop.
    @inline(__always)
    static func strided<T, R>(_ x: [T], _ y: [T], _ layout: BinaryLayout, _ f: (T, T) -> R) -> [R] {
        let n = layout.count
        let shape = layout.outShape
        let sa = BinaryLayout.strides(of: layout.shapeA, over: shape)
        let sb = BinaryLayout.strides(of: layout.shapeB, over: shape)
        guard n > 0, let inner = shape.last else {
            return n == 0 ? [] : [f(x[0], y[0])]
        }
        let ia = sa[shape.count - 1], ib = sb[shape.count - 1]
        var index = [Int](repeating: 0, count: shape.count)
        return [R](unsafeUninitializedCapacity: n) { out, initialized in
            LargeAllocation.advise(out)
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeBufferPointer { yp in
                    guard let a = xp.baseAddress, let b = yp.baseAddress, let dst = out.baseAddress else { return }
                    var offA = 0, offB = 0, k = 0
                    while k < n {
                        let row = dst + k, ra = a + offA, rb = b + offB
                        // the common inner-axis layouts get their own loops so they vectorise
                        if ia == 1 && ib == 1 {
                            for j in 0..<inner { (row + j).initialize(to: f(ra[j], rb[j])) }
                        } else if ia == 1 && ib == 0 {
                            let v = rb[0]
                            for j in 0..<inner { (row + j).initialize(to: f(ra[j], v)) }
                        } else if ia == 0 && ib == 1 {
                            let v = ra[0]
                            for j in 0..<inner { (row + j).initialize(to: f(v, rb[j])) }
                        } else {
                            for j in 0..<inner { (row + j).initialize(to: f(ra[j * ia], rb[j * ib])) }
                        }
                        k += inner
                        // advance the odometer over the outer axes
                        var axis = shape.count - 2
                        while axis >= 0 {
                            index[axis] += 1
                            offA += sa[axis]
                            offB += sb[axis]
                            if index[axis] < shape[axis] { break }
                            offA -= sa[axis] * shape[axis]
                            offB -= sb[axis] * shape[axis]
                            index[axis] = 0
                            axis -= 1
                        }
                    }
                }
            }
            initialized = n
        }
    }

    /// Copies `x` (of `shape`) out to `outShape` along the given per-axis strides.
    static func gather<T>(_ x: [T], strides: [Int], outShape: [Int], count n: Int) -> [T] {
        guard n > 0 else { return [] }
        guard let inner = outShape.last else { return [x[0]] }
        let step = strides[outShape.count - 1]
        var index = [Int](repeating: 0, count: outShape.count)
        return [T](unsafeUninitializedCapacity: n) { out, initialized in
            LargeAllocation.advise(out)
            x.withUnsafeBufferPointer { xp in
                guard let a = xp.baseAddress, let dst = out.baseAddress else { return }
                var off = 0, k = 0
                while k < n {
                    for j in 0..<inner { (dst + k + j).initialize(to: a[off + j * step]) }
                    k += inner
                    var axis = outShape.count - 2
                    while axis >= 0 {
                        index[axis] += 1
                        off += strides[axis]
                        if index[axis] < outShape[axis] { break }
                        off -= strides[axis] * outShape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
            initialized = n
        }
    }
}
