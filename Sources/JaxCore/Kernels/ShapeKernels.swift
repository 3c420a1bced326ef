/// Layout changes that keep every element: reshape, transpose, squeeze, expand_dims,
/// concatenate, and the static and dynamic slices of `lax`.
extension Kernels {
    /// The same elements under `shape`, whose size must equal the array's.
    public static func reshape(_ a: JaxArray, to shape: [Int]) throws(PyException) -> JaxArray {
        let count = try Shape.checkedCount(shape, itemSize: a.dtype.itemSize)
        if count != a.count {
            throw PyException.typeError(
                "cannot reshape array of shape \(Shape.describe(a.shape)) (size \(a.count)) into shape \(Shape.describe(shape)) (size \(count))")
        }
        return a.withShape(shape)
    }

    /// `requested` with its one `-1` filled in so that the size is `count`; NumPy's errors.
    public static func resolveReshape(_ requested: [Int], count: Int) throws(PyException) -> [Int] {
        try resolveReshape(requested, from: [count], semantics: .numpy)
    }

    /// `requested` with its one `-1` filled in so that the size matches `shape`, raising as
    /// `jnp` (TypeError, naming both shapes) or NumPy (ValueError) does. `written` is the
    /// argument as the user wrote it (`4` or `(4,)`), which JAX quotes in its messages.
    public static func resolveReshape(_ requested: [Int], from shape: [Int], semantics: ArraySemantics,
                                      written: String? = nil) throws(PyException) -> [Int] {
        if semantics == .jax { return try resolveJaxReshape(requested, from: shape, written: written) }
        let count = AxisRules.product(shape)
        let unknown = requested.indices.filter { requested[$0] == -1 }
        if unknown.count > 1 { throw PyException.valueError("can only specify one unknown dimension") }
        if requested.contains(where: { $0 < -1 }) { throw PyException.valueError("negative dimensions not allowed") }
        let known = requested.filter { $0 != -1 }
        let (knownProduct, overflow) = known.reduce((1, false)) { acc, dim in
            let (p, o) = acc.0.multipliedReportingOverflow(by: dim)
            return (p, acc.1 || o)
        }
        let mismatch = PyException.valueError("cannot reshape array of size \(count) into shape \(numpyShapeText(requested))")
        if let slot = unknown.first {
            if overflow || knownProduct == 0 || count % knownProduct != 0 { throw mismatch }
            var result = requested
            result[slot] = count / knownProduct
            return result
        }
        if overflow || knownProduct != count { throw mismatch }
        return requested
    }

    /// `jnp.reshape`'s `_compute_newshape` followed by `lax.reshape`'s shape rule: products
    /// are Python integers (quoted exactly, never overflowing), a `-1` becomes
    /// `size // product(others)` even when that is negative, and negative sizes are refused last.
    private static func resolveJaxReshape(_ requested: [Int], from shape: [Int], written: String?) throws(PyException) -> [Int] {
        let count = AxisRules.product(shape)
        let unknown = requested.indices.filter { requested[$0] == -1 }
        let quoted = written ?? Shape.describe(requested)
        let head = "cannot reshape array of shape \(Shape.describe(shape)) (size \(count)) into shape \(quoted)"
        if unknown.count > 1 {
            throw PyException.typeError("can only specify one unknown axis size with a `-1` value, got \(quoted)")
        }
        var result = requested
        if let slot = unknown.first {
            var others = requested
            others.remove(at: slot)
            let product = PythonProduct(others)
            if product.isZero { throw PyException("ZeroDivisionError", "integer modulo by zero") }
            // A product beyond Int divides a nonzero size unevenly; a zero size evenly (giving 0).
            guard let divisor = product.value else {
                if count == 0 { result[slot] = 0; return result }
                throw PyException.typeError("\(head) because the product of specified axis sizes (\(product.text)) does not evenly divide \(count)")
            }
            if count % divisor != 0 {
                throw PyException.typeError("\(head) because the product of specified axis sizes (\(product.text)) does not evenly divide \(count)")
            }
            result[slot] = count / divisor
        } else {
            let product = PythonProduct(requested)
            if product.value != count { throw PyException.typeError("\(head) (size \(product.text))") }
        }
        if result.contains(where: { $0 < 0 }) {
            throw PyException.typeError("reshape new_sizes must all be positive, got \(Shape.describe(result)).")
        }
        return result
    }

    /// NumPy's way of printing a requested shape in reshape errors: `(4,)`, `(5,2)`,
    /// `(2,newaxis,4)`, with leading `-1`s left out.
    private static func numpyShapeText(_ dims: [Int]) -> String {
        var i = 0
        while i < dims.count && dims[i] < 0 { i += 1 }
        if i == dims.count { return "()" }
        var text = "(\(dims[i])"
        for dim in dims[(i + 1)...] { text += dim < 0 ? ",newaxis" : ",\(dim)" }
        return text + (dims.count == 1 ? ",)" : ")")
    }

    /// Axes reordered: output axis `i` is input axis `permutation[i]`.
    public static func transpose(_ a: JaxArray, permutation: [Int],
                                 semantics: ArraySemantics = .jax) throws(PyException) -> JaxArray {
        let rank = a.rank
        var normalized: [Int] = []
        var seen = [Bool](repeating: false, count: rank)
        var valid = permutation.count == rank
        for axis in permutation {
            let resolved = axis < 0 ? axis &+ rank : axis
            if resolved < 0 || resolved >= rank {
                if semantics == .numpy { throw PyException("AxisError", "axis \(axis) is out of bounds for array of dimension \(rank)") }
                valid = false
                break
            }
            if seen[resolved] {
                if semantics == .numpy { throw PyException.valueError("repeated axis in transpose") }
                valid = false
            }
            seen[resolved] = true
            normalized.append(resolved)
        }
        if !valid {
            if semantics == .numpy { throw PyException.valueError("axes don't match array") }
            throw PyException.typeError(
                "transpose permutation isn't a permutation of operand dimensions, got permutation \(Shape.describe(permutation)) for operand shape \(Shape.describe(a.shape)).")
        }
        if normalized == Array(0..<rank) { return a }
        let strides = Shape.strides(a.shape)
        let outShape = normalized.map { a.shape[$0] }
        let storage = a.storage.strided(shape: outShape, strides: normalized.map { strides[$0] }, offset: 0)
        return JaxArray(shape: outShape, storage: storage, weakType: a.weakType)
    }

    /// Removes the given axes, each of which must have size 1.
    public static func squeeze(_ a: JaxArray, axes: [Int], semantics: ArraySemantics = .jax) throws(PyException) -> JaxArray {
        var normalized: [Int] = []
        for axis in axes { normalized.append(try AxisRules.normalize(axis, rank: a.rank, semantics: semantics)) }
        if Set(normalized).count != normalized.count {
            if semantics == .jax { throw PyException.valueError("dimensions are not unique: \(Shape.describe(axes))") }
            throw PyException.valueError("duplicate value in 'axis'")
        }
        for axis in normalized where a.shape[axis] != 1 {
            if semantics == .jax {
                throw PyException.valueError(
                    "cannot select an axis to squeeze out which has size not equal to one, got shape=\(Shape.describe(a.shape)) and dimensions=\(Shape.describe(normalized))")
            }
            throw PyException.valueError("cannot select an axis to squeeze out which has size not equal to one")
        }
        let kept = a.shape.indices.filter { !normalized.contains($0) }.map { a.shape[$0] }
        return a.withShape(kept)
    }

    /// Inserts size-1 axes at the given positions of the result.
    public static func expandDims(_ a: JaxArray, axes: [Int], semantics: ArraySemantics = .jax) throws(PyException) -> JaxArray {
        let outRank = a.rank + axes.count
        if semantics == .jax && Set(axes).count != axes.count {
            throw PyException.valueError("repeated axis in lax.expand_dims: \(Shape.describe(axes))")
        }
        var normalized: [Int] = []
        for axis in axes { normalized.append(try AxisRules.normalize(axis, rank: outRank, semantics: semantics)) }
        if Set(normalized).count != normalized.count {
            if semantics == .jax {
                let listed = normalized.map(String.init).joined(separator: ", ")
                throw PyException.valueError("repeated axis in lax.expand_dims: [\(listed)]")
            }
            throw PyException.valueError("repeated axis")
        }
        var shape: [Int] = []
        var source = a.shape.makeIterator()
        for axis in 0..<outRank {
            if normalized.contains(axis) {
                shape.append(1)
            } else if let dim = source.next() {
                shape.append(dim)
            }
        }
        return a.withShape(shape)
    }

    /// Joins arrays of one dtype along an existing axis; the other dimensions must agree.
    public static func concatenate(_ arrays: [JaxArray], axis: Int,
                                   semantics: ArraySemantics = .jax) throws(PyException) -> JaxArray {
        guard let first = arrays.first else {
            throw PyException.valueError(semantics == .jax ? "Need at least one array to concatenate." : "need at least one array to concatenate")
        }
        if first.rank == 0 {
            throw PyException.valueError(semantics == .jax
                ? "Zero-dimensional arrays cannot be concatenated."
                : "zero-dimensional arrays cannot be concatenated")
        }
        for (i, array) in arrays.enumerated() where array.rank != first.rank {
            if semantics == .jax {
                throw PyException.typeError(
                    "Cannot concatenate arrays with different numbers of dimensions: got \(arrays.map { Shape.describe($0.shape) }.joined(separator: ", ")).")
            }
            throw PyException.valueError(
                "all the input arrays must have same number of dimensions, but the array at index 0 has \(first.rank) dimension(s) and the array at index \(i) has \(array.rank) dimension(s)")
        }
        let ax = try AxisRules.normalize(axis, rank: first.rank, semantics: semantics)
        for (i, array) in arrays.enumerated() {
            for d in 0..<first.rank where d != ax && array.shape[d] != first.shape[d] {
                if semantics == .jax {
                    throw PyException.typeError(
                        "Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: concatenating along dimension \(ax) for shapes \(arrays.map { Shape.describe($0.shape) }.joined(separator: ", ")).")
                }
                throw PyException.valueError(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.shape[d]) and the array at index \(i) has size \(array.shape[d])")
            }
            if array.dtype != first.dtype {
                throw PyException.typeError("concatenate requires arguments to have the same dtypes, got \(first.dtype.name), \(array.dtype.name).")
            }
        }
        var shape = first.shape
        var total = 0
        for array in arrays {
            let (sum, overflow) = total.addingReportingOverflow(array.shape[ax])
            if overflow { throw PyException.memoryError("concatenated shape along axis \(ax) is too large to allocate") }
            total = sum
        }
        shape[ax] = total
        _ = try Shape.checkedCount(shape, itemSize: first.dtype.itemSize)
        let outer = AxisRules.product(first.shape[..<ax])
        let inner = AxisRules.product(first.shape[(ax + 1)...])
        var joined = Storage.empty(first.dtype)
        var bases: [Int] = []
        for array in arrays {
            bases.append(joined.count)
            joined.append(contentsOf: array.storage)
        }
        if outer == 1 {
            return JaxArray(shape: shape, storage: joined, weakType: arrays.allSatisfy(\.weakType))
        }
        var indices: [Int] = []
        indices.reserveCapacity(joined.count)
        for o in 0..<outer {
            for (k, array) in arrays.enumerated() {
                let chunk = array.shape[ax] &* inner
                let start = bases[k] &+ o &* chunk
                indices.append(contentsOf: start..<(start &+ chunk))
            }
        }
        return JaxArray(shape: shape, storage: joined.gathered(indices), weakType: arrays.allSatisfy(\.weakType))
    }

    /// `lax.slice`: elements `start ..< limit` by `strides` along every axis.
    public static func slice(_ a: JaxArray, start: [Int], limit: [Int], strides: [Int]) throws(PyException) -> JaxArray {
        let rank = a.rank
        if start.count != rank || limit.count != rank || (strides.count != rank && !strides.isEmpty) {
            throw PyException.typeError(
                "slice start_indices must have length equal to the number of dimensions of the operand, got indices \(Shape.describe(start)) for operand shape \(Shape.describe(a.shape)).")
        }
        let steps = strides.isEmpty ? [Int](repeating: 1, count: rank) : strides
        for d in 0..<rank {
            if start[d] < 0 || limit[d] > a.shape[d] || start[d] > limit[d] {
                throw PyException.typeError(
                    "slice start_indices must be within bounds, got start_indices \(Shape.describe(start)) and limit_indices \(Shape.describe(limit)) for operand shape \(Shape.describe(a.shape)).")
            }
            if steps[d] <= 0 {
                throw PyException.typeError("slice strides must be positive, got \(Shape.describe(steps))")
            }
        }
        var shape: [Int] = []
        for d in 0..<rank {
            let span = limit[d] - start[d]
            shape.append(span > 0 ? (span - 1) / steps[d] + 1 : 0)
        }
        return stridedView(a, shape: shape, start: start, steps: steps)
    }

    /// `lax.dynamic_slice`: a block of `sizes` whose start (negative: from the end) is clamped,
    /// as XLA does, so that the block lies inside the array.
    public static func dynamicSlice(_ a: JaxArray, start: [Int], sizes: [Int]) throws(PyException) -> JaxArray {
        let rank = a.rank
        if start.count != rank || sizes.count != rank {
            throw PyException.typeError(
                "dynamic_slice start_indices must have length equal to the number of dimensions of the operand, got indices \(Shape.describe(start)) for operand shape \(Shape.describe(a.shape)).")
        }
        for d in 0..<rank where sizes[d] < 0 || sizes[d] > a.shape[d] {
            throw PyException.typeError(
                "slice slice_sizes must be less than or equal to operand shape, got slice_sizes \(Shape.describe(sizes)) for operand shape \(Shape.describe(a.shape)).")
        }
        // negative starts count from the end, as jax.lax.dynamic_slice does before clamping
        let clamped = (0..<rank).map { d in
            min(max(start[d] < 0 ? start[d] &+ a.shape[d] : start[d], 0), a.shape[d] - sizes[d])
        }
        return stridedView(a, shape: sizes, start: clamped, steps: [Int](repeating: 1, count: rank))
    }

    /// The elements at `start + i * steps` for every index `i` of `shape` (all in range).
    static func stridedView(_ a: JaxArray, shape: [Int], start: [Int], steps: [Int]) -> JaxArray {
        if shape == a.shape && steps.allSatisfy({ $0 == 1 }) { return a }
        let strides = Shape.strides(a.shape)
        var offset = 0
        for d in 0..<a.rank { offset = offset &+ start[d] &* strides[d] }
        let storage = a.storage.strided(shape: shape, strides: (0..<a.rank).map { strides[$0] &* steps[$0] }, offset: offset)
        return JaxArray(shape: shape, storage: storage, weakType: a.weakType)
    }

    /// The flat source index of each element of `shape`, in row-major order, where moving one
    /// step along axis `d` moves `strides[d]` in the source.
    static func stridedIndices(shape: [Int], strides: [Int], offset: Int) -> [Int] {
        let count = AxisRules.product(shape)
        if count == 0 { return [] }
        let rank = shape.count
        if rank == 0 { return [offset] }
        var result = [Int](repeating: 0, count: count)
        let innerDim = shape[rank - 1]
        let innerStride = strides[rank - 1]
        var counter = [Int](repeating: 0, count: rank)
        var base = offset
        var out = 0
        result.withUnsafeMutableBufferPointer { buffer in
            while out < count {
                var position = base
                for _ in 0..<innerDim {
                    buffer[out] = position
                    out += 1
                    position = position &+ innerStride
                }
                var d = rank - 2
                while d >= 0 {
                    counter[d] += 1
                    base = base &+ strides[d]
                    if counter[d] < shape[d] { break }
                    base = base &- strides[d] &* shape[d]
                    counter[d] = 0
                    d -= 1
                }
            }
        }
        return result
    }
}
