import BigInt
import JaxCore

/// Conversions between Python values and arrays: scalars, nested lists, shapes, axes and
/// subscripts as the array kernels take them.
extension Interpreter {
    /// A Python bool/int/float as an array scalar; nil for other values.
    func scalarValue(_ v: PyValue) throws(PyException) -> Scalar? {
        switch v {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .bigInt: throw PyException("OverflowError", "Python int too large to convert to C long")
        case .float(let d): return .float(d)
        default: return nil
        }
    }

    /// The concrete array behind a value that is already an array, if it is one.
    func existingArray(_ v: PyValue) -> JaxArray? {
        if case .object(let o) = v {
            if let n = o as? NDArrayObject { return n.array }
            if let j = o as? JaxArrayObject { return j.knownArray }
        }
        return nil
    }

    /// Builds an array from a Python value: an array, a scalar, or nested lists/tuples of
    /// them. Without `dtype`, NumPy picks bool/int64/float64; JAX its canonical defaults.
    func toArray(_ v: PyValue, dtype: DType?, semantics: ArraySemantics) throws(PyException) -> JaxArray {
        if case .object(let j as JaxArrayObject) = v, j.knownArray == nil {
            throw PyException("TracerArrayConversionError",
                              "The numpy.ndarray conversion method __array__() was called on traced array with shape \(j.value.aval.with(weakType: false)).\n"
                              + "See https://docs.jax.dev/en/latest/errors.html#jax.errors.TracerArrayConversionError")
        }
        if let a = existingArray(v) {
            guard let dtype else { return a }
            return Kernels.cast(a, to: semantics == .jax ? context.canonical(dtype) : dtype, semantics: semantics)
                .withWeakType(false)
        }
        var shape: [Int] = []
        var leaves: [PyValue] = []
        try flattenNested(v, depth: 0, shape: &shape, leaves: &leaves)
        var kinds: (bool: Bool, int: Bool, float: Bool) = (false, false, false)
        var arrayDTypes: [DType] = []
        for leaf in leaves {
            switch leaf {
            case .bool: kinds.bool = true
            case .int, .bigInt: kinds.int = true
            case .float: kinds.float = true
            default:
                if let a = existingArray(leaf) { arrayDTypes.append(a.dtype) } else {
                    throw PyException.typeError("unsupported element type for an array: '\(leaf.typeName)'")
                }
            }
        }
        var resolved: DType
        if let dtype {
            resolved = semantics == .jax ? context.canonical(dtype) : dtype
        } else {
            var candidates: [(dtype: DType, weak: Bool)] = arrayDTypes.map { ($0, false) }
            if kinds.float { candidates.append((.float64, false)) } else if kinds.int { candidates.append((.int64, false)) } else if kinds.bool { candidates.append((.bool, false)) }
            resolved = candidates.isEmpty ? .float64 : Promotion.numpy(candidates)
            if semantics == .jax { resolved = context.canonical(resolved) }
        }
        let count = try Shape.checkedCount(shape, itemSize: resolved.itemSize, limits: context.limits)
        var parts: [JaxArray] = []
        parts.reserveCapacity(count)
        for leaf in leaves {
            if let a = existingArray(leaf) {
                parts.append(Kernels.cast(a, to: resolved, semantics: semantics))
            } else if let s = try scalarValue(leaf) {
                if case .int(let i) = s, !resolved.isFloating, resolved != .bool, !fits(i, resolved) {
                    throw PyException("OverflowError", "Python integer \(i) out of bounds for \(resolved.name)")
                }
                parts.append(JaxArray.scalar(s, dtype: resolved))
            }
        }
        if shape.isEmpty, let only = parts.first {
            let weak = semantics == .jax && dtype == nil && arrayDTypes.isEmpty
            return only.withWeakType(weak)
        }
        if parts.isEmpty { return try Kernels.full(shape: shape, value: .int(0), dtype: resolved, limits: context.limits) }
        let joined = try Kernels.concatenate(parts.map { $0.withShape([1]) }, axis: 0, semantics: semantics)
        return joined.withShape(shape)
    }

    private func fits(_ i: Int64, _ dtype: DType) -> Bool {
        switch dtype {
        case .int8: return Int8(exactly: i) != nil
        case .int16: return Int16(exactly: i) != nil
        case .int32: return Int32(exactly: i) != nil
        case .uint8: return UInt8(exactly: i) != nil
        case .uint16: return UInt16(exactly: i) != nil
        case .uint32: return UInt32(exactly: i) != nil
        case .uint64: return i >= 0
        default: return true
        }
    }

    /// Walks nested lists/tuples, checking they are rectangular, collecting the leaves.
    private func flattenNested(_ v: PyValue, depth: Int, shape: inout [Int], leaves: inout [PyValue]) throws(PyException) {
        let items: [PyValue]
        switch v {
        case .list(let l): items = l.items
        case .tuple(let t): items = t
        default:
            if depth != shape.count {
                throw PyException.valueError(
                    "setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions.")
            }
            if let a = existingArray(v), a.rank > 0 {
                shape += a.shape
                for i in 0..<a.count { leaves.append(element(a, i)) }
                return
            }
            leaves.append(v)
            return
        }
        if depth > 32 { throw PyException.valueError("maximum supported dimension for an ndarray is 32, found 33") }
        if depth == shape.count {
            shape.append(items.count)
        } else if depth > shape.count || shape[depth] != items.count {
            throw PyException.valueError(
                "setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions.")
        }
        for item in items { try flattenNested(item, depth: depth + 1, shape: &shape, leaves: &leaves) }
    }

    /// Element `i` of an array as a Python scalar.
    func element(_ a: JaxArray, _ i: Int) -> PyValue {
        switch a.scalarValue(at: i) {
        case .bool(let b): return .bool(b)
        case .int(let v):
            if a.dtype == .uint64, v < 0 { return .int(BigInt(UInt64(bitPattern: v))) }
            return .int(Int(v))
        case .float(let d): return .float(d)
        }
    }

    /// `x.tolist()`: nested Python lists of Python scalars.
    func toList(_ a: JaxArray) -> PyValue {
        if a.shape.isEmpty { return element(a, 0) }
        var offset = 0
        func build(_ axis: Int) -> PyValue {
            if axis == a.rank - 1 {
                var items: [PyValue] = []
                for _ in 0..<a.shape[axis] {
                    items.append(element(a, offset))
                    offset += 1
                }
                return .list(PyList(items))
            }
            return .list(PyList((0..<a.shape[axis]).map { _ in build(axis + 1) }))
        }
        return build(0)
    }

    /// A shape argument: an int or a sequence of ints.
    func shapeArgument(_ v: PyValue) throws(PyException) -> [Int] {
        switch v {
        case .list, .tuple:
            var shape: [Int] = []
            for item in try collect(v) { shape.append(try shapeDimension(item)) }
            return shape
        default:
            return [try shapeDimension(v)]
        }
    }

    /// A shape for a `jnp` function, refused with JAX's `canonicalize_shape` message.
    func jaxShapeArgument(_ v: PyValue) throws(PyException) -> [Int] {
        do throws(PyException) {
            return try shapeArgument(v)
        } catch where error.kind == "TypeError" {
            let items: [PyValue]
            switch v {
            case .list(let l): items = l.items
            case .tuple(let t): items = t
            default: items = [v]
            }
            var message = "Shapes must be 1D sequences of concrete values of integer type, got \(try repr(.tuple(items)))."
            // a traced dimension: JAX's advice, and where the value came from
            for case .object(let o as JaxArrayObject) in items where o.knownArray == nil {
                message += "\nIf using `jit`, try using `static_argnums` or applying `jit` to smaller subfunctions."
                message += Concrete.origin(o.value)
                break
            }
            throw PyException.typeError(message)
        }
    }

    /// A `jax.random` shape: a sequence (checked as `jnp` checks it) or a single int.
    func randomShapeArgument(_ v: PyValue) throws(PyException) -> [Int] {
        switch v {
        case .list, .tuple, .int, .bool, .bigInt: return try jaxShapeArgument(v)
        default:
            if existingArray(v) != nil { return try jaxShapeArgument(v) }
            throw PyException.typeError("'\(v.typeName)' object is not iterable")
        }
    }

    private func shapeDimension(_ v: PyValue) throws(PyException) -> Int {
        guard let i = try? index(v) else {
            throw PyException.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
        }
        return i
    }

    /// An `axis=` argument: None (all axes), an int, or a tuple of ints.
    func axesArgument(_ v: PyValue?) throws(PyException) -> [Int]? {
        guard let v, !v.isNone else { return nil }
        switch v {
        case .tuple, .list:
            var axes: [Int] = []
            for item in try collect(v) { axes.append(try index(item)) }
            return axes
        default:
            return [try index(v)]
        }
    }

    /// A subscript as index items: ints, slices, None, `...`, and int/bool arrays or lists.
    func indexItems(_ v: PyValue, semantics: ArraySemantics) throws(PyException) -> [IndexItem] {
        if case .tuple(let items) = v {
            var out: [IndexItem] = []
            for item in items { out.append(try indexItem(item, semantics: semantics)) }
            return out
        }
        return [try indexItem(v, semantics: semantics)]
    }

    /// A JAX subscript whose array entries may be traced (inside jit, grad or vmap): those
    /// travel as values, the rest as static items.
    func jaxIndex(_ v: PyValue) throws(PyException) -> [JNPIndex] {
        var parts = [v]
        if case .tuple(let items) = v { parts = items }
        var out: [JNPIndex] = []
        for part in parts {
            if case .object(let j as JaxArrayObject) = part, j.knownArray == nil {
                out.append(.value(j.value))
            } else {
                out.append(.item(try indexItem(part, semantics: .jax)))
            }
        }
        return out
    }

    private func indexItem(_ v: PyValue, semantics: ArraySemantics) throws(PyException) -> IndexItem {
        switch v {
        case .none: return .newAxis
        case .bool(let b): return .array(JaxArray.scalar(.bool(b), dtype: .bool))
        case .int(let i): return .int(i)
        case .bigInt: throw PyException.indexError("cannot fit 'int' into an index-sized integer")
        case .list, .tuple:
            return .array(try toArray(v, dtype: nil, semantics: .numpy))
        case .object(let o):
            if o is PyEllipsis { return .ellipsis }
            if let s = o as? PySlice {
                func part(_ p: PyValue) throws(PyException) -> Int? { p.isNone ? nil : try index(p) }
                let step = try part(s.step)
                if step == 0 { throw PyException.valueError("slice step cannot be zero") }
                return .slice(start: try part(s.start), stop: try part(s.stop), step: step)
            }
            if let a = existingArray(v) {
                if a.shape.isEmpty && a.dtype.isInteger { return .int(Int(a.storage.int64(at: 0))) }
                guard a.dtype.isInteger || a.dtype == .bool else {
                    throw PyException.indexError(
                        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
                }
                return .array(a)
            }
        default:
            break
        }
        if semantics == .jax {
            throw PyException.typeError("Indexer must have integer or boolean type, got indexer with type \(v.typeName)")
        }
        throw PyException.indexError(
            "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
    }

    /// A Python number argument as an array scalar.
    func scalarArgument(_ v: PyValue, _ function: String, parameter: String? = nil) throws(PyException) -> Scalar {
        if let s = try scalarValue(v) { return s }
        if case .object(let o as JaxArrayObject) = v, o.knownArray == nil {
            _ = try Concrete.argument(o.value, "It arose in the jnp.\(function) argument '\(parameter ?? "x")'")
        }
        if let a = existingArray(v), a.count == 1 { return a.scalarValue(at: 0) }
        throw PyException.typeError("\(function)() argument must be a number, not '\(v.typeName)'")
    }
}
