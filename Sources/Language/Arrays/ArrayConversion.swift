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
        case .object(let c as PyComplex): return .complex(c.real, c.imaginary)
        default: return nil
        }
    }

    /// The concrete array behind a value that is already an array, if it is one.
    func existingArray(_ v: PyValue) throws(PyException) -> JaxArray? {
        if case .object(let o) = v {
            if let n = o as? NDArrayObject { return n.array }
            if let j = o as? JaxArrayObject { return try j.knownArray }
        }
        return nil
    }

    /// Builds an array from a Python value: an array, a scalar, or nested lists/tuples of
    /// them. Without `dtype`, NumPy picks bool/int64/float64; JAX its canonical defaults.
    func toArray(_ v: PyValue, dtype: DType?, semantics: ArraySemantics) throws(PyException) -> JaxArray {
        if case .object(let j as JaxArrayObject) = v, j.isAbstract {
            throw PyException("TracerArrayConversionError",
                              "The numpy.ndarray conversion method __array__() was called on traced array with shape \(j.aval.with(weakType: false)).\n"
                              + "See https://docs.jax.dev/en/latest/errors.html#jax.errors.TracerArrayConversionError")
        }
        if let a = try existingArray(v) {
            guard let dtype else { return a }
            return Kernels.cast(a, to: semantics == .jax ? context.canonical(dtype) : dtype, semantics: semantics)
                .withWeakType(false)
        }
        let (shape, leaves) = try discoverNested(v, semantics: semantics)
        var kinds: (bool: Bool, int: Bool, float: Bool, complex: Bool) = (false, false, false, false)
        var arrayDTypes: [DType] = []
        for leaf in leaves {
            switch leaf {
            case .array(let a): arrayDTypes.append(a.dtype)
            case .scalar(.bool): kinds.bool = true
            case .scalar(.int), .scalar(.bigInt): kinds.int = true
            case .scalar(.float): kinds.float = true
            case .scalar(.object(let o)) where o is PyComplex: kinds.complex = true
            case .scalar(let other): throw PyException.typeError("unsupported element type for an array: '\(other.typeName)'")
            }
        }
        var resolved: DType
        if let dtype {
            resolved = semantics == .jax ? context.canonical(dtype) : dtype
        } else {
            var candidates: [(dtype: DType, weak: Bool)] = arrayDTypes.map { ($0, false) }
            if kinds.complex { candidates.append((.complex128, false)) } else if kinds.float { candidates.append((.float64, false)) } else if kinds.int { candidates.append((.int64, false)) } else if kinds.bool { candidates.append((.bool, false)) }
            resolved = candidates.isEmpty ? .float64 : Promotion.numpy(candidates)
            if semantics == .jax { resolved = context.canonical(resolved) }
        }
        _ = try Shape.checkedCount(shape, itemSize: resolved.itemSize, limits: context.limits)
        if shape.isEmpty, let only = leaves.first {
            switch only {
            case .array(let a): return Kernels.cast(a, to: resolved, semantics: semantics).withWeakType(false)
            case .scalar(let value):
                let weak = semantics == .jax && dtype == nil
                return try JaxArray.scalar(checkedScalar(value, resolved), dtype: resolved).withWeakType(weak)
            }
        }
        // runs of scalars become one flat piece each, arrays another: joined in one copy
        var pieces: [JaxArray] = []
        var run: [Scalar] = []
        func endRun() {
            if !run.isEmpty { pieces.append(JaxArray(shape: [run.count], storage: Storage.converting(run, to: resolved))) }
            run = []
        }
        for leaf in leaves {
            switch leaf {
            case .scalar(let value): run.append(try checkedScalar(value, resolved))
            case .array(let a):
                endRun()
                if a.count > 0 { pieces.append(Kernels.cast(a, to: resolved, semantics: semantics).withShape([a.count])) }
            }
        }
        endRun()
        guard !pieces.isEmpty else { return try Kernels.full(shape: shape, value: .int(0), dtype: resolved, limits: context.limits) }
        let flat = pieces.count == 1 ? pieces[0] : try Kernels.concatenate(pieces, axis: 0, semantics: semantics)
        return flat.withShape(shape)
    }

    /// The shape and leaves of nested lists. A ragged input that holds a JAX array fails as
    /// `jnp.array` fails on it: JAX stacks such lists element by element, so its error is
    /// concatenate's TypeError, not NumPy's ValueError.
    private func discoverNested(_ v: PyValue, semantics: ArraySemantics) throws(PyException) -> (shape: [Int], leaves: [NestedSequence.Leaf]) {
        do {
            return try NestedSequence.discover(v, self)
        } catch {
            if semantics == .jax && error.kind == "ValueError" && holdsJaxArray(v, depth: 0) {
                _ = try stackedShape(v, depth: 0)
            }
            throw error
        }
    }

    /// Whether nested lists hold a JAX array (not a NumPy one) within NumPy's 64 levels.
    private func holdsJaxArray(_ v: PyValue, depth: Int) -> Bool {
        guard depth < NestedSequence.maxDimensions else { return false }
        switch v {
        case .list(let list): return list.items.contains { holdsJaxArray($0, depth: depth + 1) }
        case .tuple(let items): return items.contains { holdsJaxArray($0, depth: depth + 1) }
        case .object(let o): return o is JaxArrayObject
        default: return false
        }
    }

    /// The shape `jnp.array` gives nested lists holding JAX arrays: each element converted on
    /// its own, then stacked, with concatenate's TypeError when their shapes differ.
    private func stackedShape(_ v: PyValue, depth: Int) throws(PyException) -> [Int] {
        let items: [PyValue]
        switch v {
        case .list(let list): items = list.items
        case .tuple(let tuple): items = tuple
        default: return try existingArray(v)?.shape ?? []
        }
        guard depth < NestedSequence.maxDimensions, holdsJaxArray(v, depth: depth) else {
            return try NestedSequence.discover(v, self).shape
        }
        var shapes: [[Int]] = []
        for item in items { shapes.append(try stackedShape(item, depth: depth + 1)) }
        guard let first = shapes.first else { return [0] }
        if shapes.allSatisfy({ $0 == first }) { return [items.count] + first }
        let listed = shapes.map { Shape.describe([1] + $0) }.joined(separator: ", ")
        if !shapes.allSatisfy({ $0.count == first.count }) {
            throw PyException.typeError("Cannot concatenate arrays with different numbers of dimensions: got \(listed).")
        }
        throw PyException.typeError("Cannot concatenate arrays with shapes that differ in dimensions other than the one being "
                                    + "concatenated: concatenating along dimension 0 for shapes \(listed).")
    }

    /// A scalar leaf as the element it becomes, refusing Python ints out of the dtype's range
    /// as NumPy 2 does.
    private func checkedScalar(_ value: PyValue, _ dtype: DType) throws(PyException) -> Scalar {
        guard let s = try scalarValue(value) else {
            throw PyException.typeError("unsupported element type for an array: '\(value.typeName)'")
        }
        if case .int(let i) = s, !dtype.isInexact, dtype != .bool, !fits(i, dtype) {
            throw PyException("OverflowError", "Python integer \(i) out of bounds for \(dtype.name)")
        }
        return s
    }

    /// Whether the Python int `i` is a value of the integer dtype.
    func fits(_ i: Int64, _ dtype: DType) -> Bool {
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

    /// Element `i` of an array as a Python scalar.
    func element(_ a: JaxArray, _ i: Int) -> PyValue {
        switch a.scalarValue(at: i) {
        case .bool(let b): return .bool(b)
        case .int(let v):
            if a.dtype == .uint64, v < 0 { return .int(BigInt(UInt64(bitPattern: v))) }
            return .int(Int(v))
        case .float(let d): return .float(d)
        case .complex(let re, let im): return .object(PyComplex(re, im))
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
            for case .object(let o as JaxArrayObject) in items where o.isAbstract {
                message += "\nIf using `jit`, try using `static_argnums` or applying `jit` to smaller subfunctions."
                message += Concrete.origin(try o.value)
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
            if try existingArray(v) != nil { return try jaxShapeArgument(v) }
            throw PyException.typeError("'\(v.typeName)' object is not iterable")
        }
    }

    private func shapeDimension(_ v: PyValue) throws(PyException) -> Int {
        if case .bigInt = v { throw PyException.valueError("Maximum allowed dimension exceeded") }
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
            if case .object(let j as JaxArrayObject) = part, j.isAbstract {
                out.append(.value(try j.value))
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
        case .bigInt(let b):
            throw PyException("OverflowError", semantics == .numpy ? "Python int too large to convert to C long"
                                                                   : "Python int \(b) too large to convert to int32")
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
            if let a = try existingArray(v) {
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
        if case .object(let o as JaxArrayObject) = v, o.isAbstract {
            _ = try Concrete.argument(o.value, "It arose in the jnp.\(function) argument '\(parameter ?? "x")'")
        }
        if let a = try existingArray(v), a.count == 1 { return a.scalarValue(at: 0) }
        throw PyException.typeError("\(function)() argument must be a number, not '\(v.typeName)'")
    }
}
