/// An immutable n-d array value: shape, row-major storage, dtype, and JAX's weak-type flag
/// (set on arrays that came from Python scalars, so they do not widen what they meet).
public struct JaxArray: Sendable {
    public let shape: [Int]
    public let storage: Storage
    public let weakType: Bool
    /// True for the raw words of a typed PRNG key array (`key<fry>`): `shape` then ends in the
    /// two uint32 words of each key, and tracing sees the keys' own shape without it.
    public let isKeyData: Bool
    /// The Python float a weak 0-d float array was made from: a jaxpr prints the literal as
    /// Python wrote it (`0.3333333333333333:f32[]`), not as float32 holds it.
    public let writtenFloat: Double?

    /// Wraps storage whose count must equal the product of `shape`. That is checked in every
    /// build: an array whose shape promised more elements than it stores would let printing,
    /// reductions and the C kernels read past its buffer. Code that builds shapes from user
    /// input (nested lists, reshape) refuses a mismatch with a Python exception first, so this
    /// stops only a kernel's own mistake, before it can corrupt memory.
    public init(shape: [Int], storage: Storage, weakType: Bool = false, isKeyData: Bool = false, writtenFloat: Double? = nil) {
        precondition(Shape.product(shape) == storage.count,
                     "an array of shape \(Shape.describe(shape)) cannot hold \(storage.count) elements")
        self.shape = shape
        self.storage = storage
        self.weakType = weakType
        self.isKeyData = isKeyData
        self.writtenFloat = writtenFloat
    }

    /// The same elements marked as (or no longer as) typed key words.
    public func withKeyData(_ isKey: Bool) -> JaxArray {
        JaxArray(shape: shape, storage: storage, weakType: weakType, isKeyData: isKey)
    }

    public var dtype: DType { storage.dtype }
    public var rank: Int { shape.count }
    public var count: Int { storage.count }

    /// The same elements marked weak or strong.
    public func withWeakType(_ weak: Bool) -> JaxArray {
        JaxArray(shape: shape, storage: storage, weakType: weak)
    }

    /// The same elements under a new shape of equal size.
    public func withShape(_ newShape: [Int]) -> JaxArray {
        JaxArray(shape: newShape, storage: storage, weakType: weakType)
    }
}

/// Shape arithmetic shared by every kernel.
public enum Shape {
    /// The start and stop of `slice(start, stop, step)` over `size` items, clamped as Python's
    /// `slice.indices` clamps them (`step` is not zero).
    public static func sliceBounds(_ start: Int?, _ stop: Int?, step: Int, size: Int) -> (start: Int, stop: Int) {
        func clamp(_ value: Int?, _ defaultValue: Int) -> Int {
            guard var v = value else { return defaultValue }
            if v < 0 {
                v = v &+ size
                if v < 0 { v = step < 0 ? -1 : 0 }
            } else if v >= size {
                v = step < 0 ? size - 1 : size
            }
            return v
        }
        return (clamp(start, step < 0 ? size - 1 : 0), clamp(stop, step < 0 ? -1 : size))
    }

    /// Steps `index` to the next position of `shape` in row-major order (back to all zeros
    /// after the last).
    public static func advance(_ index: inout [Int], in shape: [Int]) {
        var axis = shape.count - 1
        while axis >= 0 {
            index[axis] += 1
            if index[axis] < shape[axis] { return }
            index[axis] = 0
            axis -= 1
        }
    }

    /// Row-major strides, in elements.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running = running &* shape[axis]
        }
        return strides
    }

    /// The number of elements, refusing negative dimensions and sizes that overflow or exceed
    /// `limits.maxBytes` for elements of `itemSize` bytes, or that the session's memory budget
    /// cannot hold. As NumPy does, the nonzero dimensions must fit even when another dimension
    /// is 0: an empty `(0, 2**62)` array is refused, so no kernel ever loops over or allocates
    /// for a huge dimension of an empty array.
    public static func checkedCount(_ shape: [Int], itemSize: Int = 1, limits: ArrayLimits = .standard) throws(PyException) -> Int {
        var nonzero = 1
        var empty = false
        for dim in shape {
            if dim < 0 {
                throw PyException.valueError("negative dimensions are not allowed")
            }
            if dim == 0 { empty = true; continue }
            let (product, overflow) = nonzero.multipliedReportingOverflow(by: dim)
            if overflow { throw PyException.memoryError("array of shape \(describe(shape)) is too large to allocate") }
            nonzero = product
        }
        let (bytes, overflow) = nonzero.multipliedReportingOverflow(by: itemSize)
        if overflow || bytes > limits.maxBytes {
            throw PyException.memoryError(
                "Unable to allocate an array of shape \(describe(shape)): it needs more than the \(limits.maxBytes >> 20) MiB limit")
        }
        if empty { return 0 }
        try limits.reserve(bytes, for: "an array of shape \(describe(shape))")
        return nonzero
    }

    /// The number of elements of a shape whose size was already checked (wrapping, never trapping).
    @inlinable
    public static func product(_ shape: [Int]) -> Int {
        var total = 1
        for dim in shape { total = total &* dim }
        return total
    }

    /// A shape as Python prints a tuple: `(2, 3)`, `(5,)`, `()`.
    public static func describe(_ shape: [Int]) -> String {
        if shape.count == 1 { return "(\(shape[0]),)" }
        return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
