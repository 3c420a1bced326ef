/// NumPy-style broadcasting of shapes and arrays, with JAX's and NumPy's error messages.
extension Kernels {
    /// The common shape of `shapes` under NumPy's rules; JAX's ValueError otherwise.
    public static func broadcastShapes(_ shapes: [[Int]]) throws(PyException) -> [Int] {
        guard let result = broadcastResult(shapes) else {
            throw PyException.valueError(
                "Incompatible shapes for broadcasting: shapes=[" + shapes.map(Shape.describe).joined(separator: ", ") + "]")
        }
        return result
    }

    /// The broadcast of `shapes`, or nil when two sizes along one axis differ and neither is 1.
    static func broadcastResult(_ shapes: [[Int]]) -> [Int]? {
        let rank = shapes.map(\.count).max() ?? 0
        var result = [Int](repeating: 1, count: rank)
        for shape in shapes {
            let offset = rank - shape.count
            for (axis, dim) in shape.enumerated() {
                let current = result[axis + offset]
                if current == dim || dim == 1 { continue }
                if current == 1 { result[axis + offset] = dim; continue }
                return nil
            }
        }
        return result
    }

    /// The shape two operands of `op` broadcast to, with the error JAX (or NumPy) raises.
    static func binaryShape(_ name: String, _ a: [Int], _ b: [Int], semantics: ArraySemantics) throws(PyException) -> [Int] {
        if a == b { return a }
        if let shape = broadcastResult([a, b]) { return shape }
        switch semantics {
        case .numpy:
            throw PyException.valueError(
                "operands could not be broadcast together with shapes \(numpyShape(a)) \(numpyShape(b)) ")
        case .jax:
            if a.count != b.count { return try broadcastShapes([a, b]) }
            throw PyException.typeError(
                "\(name) got incompatible shapes for broadcasting: \(Shape.describe(a)), \(Shape.describe(b)).")
        }
    }

    /// An abstract value as JAX prints it in errors: `float32[2,3]`.
    static func avalText(_ dtype: DType, _ shape: [Int]) -> String {
        dtype.name + "[" + shape.map(String.init).joined(separator: ",") + "]"
    }

    /// A shape as NumPy's broadcasting errors print it: `(2,3)`.
    static func numpyShape(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
    }

    /// `a` repeated along new leading axes and along its size-1 axes to `shape`
    /// (`jnp.broadcast_to` / `np.broadcast_to`).
    public static func broadcast(_ a: JaxArray, to shape: [Int], semantics: ArraySemantics = .jax) throws(PyException) -> JaxArray {
        if a.shape == shape { return a }
        if shape.contains(where: { $0 < 0 }) {
            throw PyException.valueError("all elements of broadcast shape must be non-negative")
        }
        let compatible = shape.count >= a.rank && zip(a.shape.reversed(), shape.reversed()).allSatisfy { $0 == $1 || $0 == 1 }
        if !compatible {
            switch semantics {
            case .numpy:
                if shape.count < a.rank {
                    throw PyException.valueError(
                        "input operand has more dimensions than allowed by the axis remapping")
                }
                throw PyException.valueError(
                    "operands could not be broadcast together with remapped shapes [original->remapped]: "
                    + "\(numpyShape(a.shape))  and requested shape \(numpyShape(shape))")
            case .jax:
                if shape.count < a.rank {
                    throw PyException.valueError(
                        "Cannot broadcast to shape with fewer dimensions: arr_shape=\(Shape.describe(a.shape)) shape=\(Shape.describe(shape))")
                }
                throw PyException.valueError(
                    "Incompatible types for broadcasting: input type=\(avalText(a.dtype, a.shape)) and requested type=\(avalText(a.dtype, shape))")
            }
        }
        let count = try Shape.checkedCount(shape, itemSize: a.dtype.itemSize)
        let strides = BinaryLayout.strides(of: a.shape, over: shape)
        return JaxArray(shape: shape, storage: gatherStorage(a.storage, strides: strides, outShape: shape, count: count),
                        weakType: a.weakType)
    }

    /// `lax.broadcast_in_dim`: axis i of `a` becomes axis `broadcastDimensions[i]` of `shape`.
    public static func broadcastInDim(_ a: JaxArray, shape: [Int], broadcastDimensions: [Int]) throws(PyException) -> JaxArray {
        guard broadcastDimensions.count == a.rank else {
            throw PyException.typeError(
                "broadcast_in_dim broadcast_dimensions must have length equal to operand ndim; got broadcast_dimensions \(Shape.describe(broadcastDimensions)) for operand ndim \(a.rank).")
        }
        var strides = [Int](repeating: 0, count: shape.count)
        let own = Shape.strides(a.shape)
        var previous = -1
        for (axis, target) in broadcastDimensions.enumerated() {
            guard target >= 0, target < shape.count, target > previous else {
                throw PyException.typeError(
                    "broadcast_in_dim broadcast_dimensions must be strictly increasing and within the output rank; got broadcast_dimensions \(Shape.describe(broadcastDimensions)) for output shape \(Shape.describe(shape)).")
            }
            previous = target
            let dim = a.shape[axis]
            guard dim == 1 || dim == shape[target] else {
                throw PyException.typeError(
                    "broadcast_in_dim operand dimension sizes must either be 1, or be equal to their corresponding dimensions in the target broadcast shape; got operand of shape \(Shape.describe(a.shape)), target broadcast shape \(Shape.describe(shape)), broadcast_dimensions \(Shape.describe(broadcastDimensions)) ")
            }
            if dim != 1 { strides[target] = own[axis] }
        }
        let count = try Shape.checkedCount(shape, itemSize: a.dtype.itemSize)
        return JaxArray(shape: shape, storage: gatherStorage(a.storage, strides: strides, outShape: shape, count: count),
                        weakType: a.weakType)
    }

    /// Copies a storage out to `outShape` along per-axis element strides.
    static func gatherStorage(_ s: Storage, strides: [Int], outShape: [Int], count: Int) -> Storage {
        func g<T>(_ v: [T]) -> [T] { ElementwiseLoop.gather(v, strides: strides, outShape: outShape, count: count) }
        switch s {
        case .bool(let v): return .bool(g(v))
        case .uint8(let v): return .uint8(g(v))
        case .uint16(let v): return .uint16(g(v))
        case .uint32(let v): return .uint32(g(v))
        case .uint64(let v): return .uint64(g(v))
        case .int8(let v): return .int8(g(v))
        case .int16(let v): return .int16(g(v))
        case .int32(let v): return .int32(g(v))
        case .int64(let v): return .int64(g(v))
        case .float16(let v): return .float16(g(v))
        case .bfloat16(let v): return .bfloat16(g(v))
        case .float32(let v): return .float32(g(v))
        case .float64(let v): return .float64(g(v))
        case .complex64(let v): return .complex64(g(v))
        case .complex128(let v): return .complex128(g(v))
        }
    }
}
