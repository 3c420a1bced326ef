import CElementwiseKernels

/// A computation that works the same on the elements of every dtype (moving, picking or
/// combining elements without looking at their values), applied through `Storage.transformed`.
protocol StorageTransform {
    func apply<T>(_ values: [T]) -> [T]
}

/// Picks elements by flat index: the one primitive behind reshape-free layout changes
/// (transpose, slice, gather, broadcast of an index pattern).
struct GatherTransform: StorageTransform {
    let indices: [Int]
    func apply<T>(_ values: [T]) -> [T] {
        values.withUnsafeBufferPointer { source in
            indices.map { source[$0] }
        }
    }
}

/// Copies the elements at `offset + i * strides` for every index `i` of `shape`, in row-major
/// order, without building an index list; two-dimensional walks go in cache-sized tiles, and
/// a large copy is split into bands along the first axis, one per core.
struct StridedCopy: StorageTransform {
    let shape: [Int]
    let strides: [Int]
    let offset: Int

    func apply<T>(_ values: [T]) -> [T] {
        let count = AxisRules.product(shape)
        if count == 0 { return [] }
        return values.withUnsafeBufferPointer { src -> [T] in
            [T](unsafeUninitializedCapacity: count) { out, initialized in
                LargeAllocation.advise(out)
                guard let dst = out.baseAddress else { return }
                let rows = shape.first ?? 1
                // bands of whole 32-row tiles, so that each band walks the same tiles
                let bands = count < KernelCost.memory.parallelThreshold ? 1 : min(BlockLoop.processorCount, (rows + 31) / 32)
                if bands <= 1 {
                    copy(src, dst)
                } else {
                    let rowSize = count / rows
                    let tiles = (rows + 31) / 32
                    let source = UncheckedSendable(src), target = UncheckedSendable(dst)
                    _ = BlockLoop.parallelMap(count: bands, elementsEach: count / bands) { b in
                        let r0 = min(rows, tiles * b / bands * 32), r1 = min(rows, tiles * (b + 1) / bands * 32)
                        let band = StridedCopy(shape: [r1 - r0] + shape.dropFirst(), strides: strides, offset: offset &+ r0 &* strides[0])
                        band.copy(source.value, target.value + r0 * rowSize)
                    }
                }
                initialized = count
            }
        }
    }

    private func copy<T>(_ src: UnsafeBufferPointer<T>, _ dst: UnsafeMutablePointer<T>) {
        if shape.count == 2 {
            copy2D(src, dst)
        } else {
            copyRows(src, dst)
        }
    }

    /// The general case: an odometer over the outer axes and a strided inner loop.
    private func copyRows<T>(_ src: UnsafeBufferPointer<T>, _ dst: UnsafeMutablePointer<T>) {
        let rank = shape.count
        if rank == 0 {
            (dst).initialize(to: src[offset])
            return
        }
        let count = AxisRules.product(shape)
        let inner = shape[rank - 1], innerStride = strides[rank - 1]
        var counter = [Int](repeating: 0, count: rank)
        var base = offset
        var out = 0
        while out < count {
            copyLine(src, from: base, stride: innerStride, to: dst + out, count: inner)
            out += inner
            var d = rank - 2
            while d >= 0 {
                counter[d] += 1
                base &+= strides[d]
                if counter[d] < shape[d] { break }
                base &-= strides[d] &* shape[d]
                counter[d] = 0
                d -= 1
            }
        }
    }

    /// `count` elements from `src[start]` by `stride`: words of 4 and 8 bytes (every float32,
    /// int32, float64, ... array) by the C loop, which needs no generic copy per element.
    @inline(__always)
    private func copyLine<T>(_ src: UnsafeBufferPointer<T>, from start: Int, stride: Int, to dst: UnsafeMutablePointer<T>, count: Int) {
        guard let base = src.baseAddress else { return }
        let from = UnsafeRawPointer(base + start), to = UnsafeMutableRawPointer(dst)
        switch MemoryLayout<T>.stride {
        case 4 where MemoryLayout<T>.size == 4 && _isPOD(T.self):
            jaxlab_copy_strided_32(from.assumingMemoryBound(to: UInt32.self), stride, to.assumingMemoryBound(to: UInt32.self), count)
        case 8 where MemoryLayout<T>.size == 8 && _isPOD(T.self):
            jaxlab_copy_strided_64(from.assumingMemoryBound(to: UInt64.self), stride, to.assumingMemoryBound(to: UInt64.self), count)
        default:
            var position = start
            for i in 0..<count {
                (dst + i).initialize(to: src[position])
                position &+= stride
            }
        }
    }

    /// Two axes (every transpose of a matrix): 32 x 32 tiles so reads and writes stay in cache.
    private func copy2D<T>(_ src: UnsafeBufferPointer<T>, _ dst: UnsafeMutablePointer<T>) {
        let rows = shape[0], cols = shape[1]
        let rowStride = strides[0], colStride = strides[1]
        let tile = 32
        var r0 = 0
        while r0 < rows {
            let r1 = min(rows, r0 + tile)
            var c0 = 0
            while c0 < cols {
                let c1 = min(cols, c0 + tile)
                for r in r0..<r1 {
                    var position = offset &+ r &* rowStride &+ c0 &* colStride
                    for c in c0..<c1 {
                        (dst + (r * cols + c)).initialize(to: src[position])
                        position &+= colStride
                    }
                }
                c0 = c1
            }
            r0 = r1
        }
    }
}

extension Storage {
    /// The elements at `offset + i * strides` for every index `i` of `shape` (all in range).
    func strided(shape: [Int], strides: [Int], offset: Int) -> Storage {
        transformed(StridedCopy(shape: shape, strides: strides, offset: offset))
    }

    /// The storage of the same dtype after `transform` rearranged its elements.
    func transformed<F: StorageTransform>(_ transform: F) -> Storage {
        switch self {
        case .bool(let v): return .bool(transform.apply(v))
        case .uint8(let v): return .uint8(transform.apply(v))
        case .uint16(let v): return .uint16(transform.apply(v))
        case .uint32(let v): return .uint32(transform.apply(v))
        case .uint64(let v): return .uint64(transform.apply(v))
        case .int8(let v): return .int8(transform.apply(v))
        case .int16(let v): return .int16(transform.apply(v))
        case .int32(let v): return .int32(transform.apply(v))
        case .int64(let v): return .int64(transform.apply(v))
        case .float16(let v): return .float16(transform.apply(v))
        case .bfloat16(let v): return .bfloat16(transform.apply(v))
        case .float32(let v): return .float32(transform.apply(v))
        case .float64(let v): return .float64(transform.apply(v))
        case .complex64(let v): return .complex64(transform.apply(v))
        case .complex128(let v): return .complex128(transform.apply(v))
        }
    }

    /// The elements at `indices` (each must be in range), in that order.
    public func gathered(_ indices: [Int]) -> Storage {
        transformed(GatherTransform(indices: indices))
    }

    /// An empty storage of `dtype`.
    static func empty(_ dtype: DType) -> Storage {
        switch dtype {
        case .bool: return .bool([])
        case .uint8: return .uint8([])
        case .uint16: return .uint16([])
        case .uint32: return .uint32([])
        case .uint64: return .uint64([])
        case .int8: return .int8([])
        case .int16: return .int16([])
        case .int32: return .int32([])
        case .int64: return .int64([])
        case .float16: return .float16([])
        case .bfloat16: return .bfloat16([])
        case .float32: return .float32([])
        case .float64: return .float64([])
        case .complex64: return .complex64([])
        case .complex128: return .complex128([])
        }
    }

    /// Appends the elements of `other`, which must have the same dtype (else nothing changes).
    mutating func append(contentsOf other: Storage) {
        switch (self, other) {
        case (.bool(var a), .bool(let b)): a.append(contentsOf: b); self = .bool(a)
        case (.uint8(var a), .uint8(let b)): a.append(contentsOf: b); self = .uint8(a)
        case (.uint16(var a), .uint16(let b)): a.append(contentsOf: b); self = .uint16(a)
        case (.uint32(var a), .uint32(let b)): a.append(contentsOf: b); self = .uint32(a)
        case (.uint64(var a), .uint64(let b)): a.append(contentsOf: b); self = .uint64(a)
        case (.int8(var a), .int8(let b)): a.append(contentsOf: b); self = .int8(a)
        case (.int16(var a), .int16(let b)): a.append(contentsOf: b); self = .int16(a)
        case (.int32(var a), .int32(let b)): a.append(contentsOf: b); self = .int32(a)
        case (.int64(var a), .int64(let b)): a.append(contentsOf: b); self = .int64(a)
        case (.float16(var a), .float16(let b)): a.append(contentsOf: b); self = .float16(a)
        case (.bfloat16(var a), .bfloat16(let b)): a.append(contentsOf: b); self = .bfloat16(a)
        case (.float32(var a), .float32(let b)): a.append(contentsOf: b); self = .float32(a)
        case (.float64(var a), .float64(let b)): a.append(contentsOf: b); self = .float64(a)
        case (.complex64(var a), .complex64(let b)): a.append(contentsOf: b); self = .complex64(a)
        case (.complex128(var a), .complex128(let b)): a.append(contentsOf: b); self = .complex128(a)
        default: break
        }
    }
}

/// Axis arithmetic shared by the shape, reduction and indexing kernels.
public enum AxisRules {
    /// `axis` made non-negative for an array of `rank` dimensions, or JAX's / NumPy's error.
    public static func normalize(_ axis: Int, rank: Int, semantics: ArraySemantics = .jax) throws(PyException) -> Int {
        let resolved = axis < 0 ? axis &+ rank : axis
        if resolved < 0 || resolved >= rank {
            let message = "axis \(axis) is out of bounds for array of dimension \(rank)"
            throw semantics == .jax ? PyException.valueError(message) : PyException("AxisError", message)
        }
        return resolved
    }

    /// Several axes normalised, sorted, refusing duplicates with JAX's / NumPy's message.
    static func normalizeSet(_ axes: [Int], rank: Int, semantics: ArraySemantics = .jax) throws(PyException) -> [Int] {
        var result: [Int] = []
        for axis in axes {
            result.append(try normalize(axis, rank: rank, semantics: semantics))
        }
        result.sort()
        for i in result.indices.dropFirst() where result[i] == result[i - 1] {
            throw PyException.valueError(semantics == .jax
                ? "duplicate value in 'axis': \(Shape.describe(axes))"
                : "duplicate value in 'axis'")
        }
        return result
    }

    /// The product of `dims` with wrapping arithmetic (callers already validated sizes).
    static func product<C: Collection>(_ dims: C) -> Int where C.Element == Int {
        dims.reduce(1) { $0 &* $1 }
    }
}
