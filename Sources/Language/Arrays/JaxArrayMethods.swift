import JaxCore

/// Operators, attributes and methods of JAX arrays, with JAX's promotion and dtype rules.
extension Interpreter {
    static let jaxArrayAttributeNames = [
        "T", "all", "any", "argmax", "argmin", "astype", "at", "block_until_ready", "clip", "conj", "conjugate", "copy", "cumprod", "cumsum",
        "device", "devices", "dot", "dtype", "flatten", "imag", "item", "itemsize", "max", "mean", "min", "nbytes", "ndim", "prod",
        "ravel", "real", "reshape", "round", "shape", "sharding", "size", "squeeze", "std", "sum", "tolist", "transpose", "var", "view",
        "weak_type",
    ]

    /// The class object of JAX arrays, `<class 'jaxlib._jax.ArrayImpl'>`.
    var jaxArrayType: PyValue {
        objectType("jaxlib._jax.ArrayImpl") { ($0 as? JaxArrayObject)?.isKeyArray == false }
    }

    /// The class of typed PRNG key arrays, `<class 'jax._src.random.prng.PRNGKeyArray'>`.
    var keyArrayType: PyValue {
        objectType("jax._src.random.prng.PRNGKeyArray") { ($0 as? JaxArrayObject)?.isKeyArray == true }
    }

    /// `jax.Array` / `jnp.ndarray`: the abstract class every JAX array is an instance of.
    var jaxAbstractArrayType: PyValue {
        objectType("jax.jaxlib._jax.Array") { $0 is JaxArrayObject }
    }

    /// An operand for a JAX operation: JAX or NumPy arrays (NumPy ones as `device_put` makes
    /// them), Python scalars as weak-typed 0-d arrays; nil for anything else.
    func jaxOperand(_ v: PyValue) throws(PyException) -> JaxValue? {
        switch v {
        case .bool(let b): return .array(JaxArray.scalar(.bool(b), dtype: .bool, weak: true))
        case .int(let i):
            if !context.enableX64 && (i > Int(Int32.max) || i < Int(Int32.min)) {
                throw PyException("OverflowError", "Python int \(i) too large to convert to int32")
            }
            return .array(JaxArray.scalar(.int(Int64(i)), dtype: context.defaultInt, weak: true))
        case .bigInt(let b):
            throw PyException("OverflowError", "Python int \(b) too large to convert to \(context.defaultInt.name)")
        case .float(let d): return .array(JaxArray.scalar(.float(d), dtype: context.defaultFloat, weak: true))
        case .object(let c as PyComplex): return .array(JaxArray.scalar(.complex(c.real, c.imaginary), dtype: context.defaultComplex, weak: true))
        case .object(let o as JaxArrayObject): return try o.value
        case .object(let o as NDArrayObject): return .array(deviceArray(o.array))
        default: return nil
        }
    }

    /// A NumPy array as `jax.device_put` stores it: its dtype made canonical (int64 becomes
    /// int32 while x64 is off), strongly typed.
    func deviceArray(_ a: JaxArray) -> JaxArray {
        Kernels.cast(a, to: context.canonical(a.dtype), semantics: .jax).withWeakType(false)
    }

    func jaxBinary(_ op: BinaryOperator, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        let ctx = context
        switch op {
        case .add: return try JNP.add(ctx, a, b)
        case .subtract: return try JNP.subtract(ctx, a, b)
        case .multiply: return try JNP.multiply(ctx, a, b)
        case .divide: return try JNP.divide(ctx, a, b)
        case .floorDivide: return try JNP.floorDivide(ctx, a, b)
        case .modulo: return try JNP.remainder(ctx, a, b)
        case .power: return try JNP.power(ctx, a, b)
        case .matmul: return try JNP.matmul(ctx, a, b)
        case .and: return try JNP.bitwise(ctx, .and, a, b)
        case .or: return try JNP.bitwise(ctx, .or, a, b)
        case .xor: return try JNP.bitwise(ctx, .xor, a, b)
        case .leftShift: return try JNP.shift(ctx, a, b, left: true)
        case .rightShift: return try JNP.shift(ctx, a, b, left: false)
        }
    }

    /// Bytes per element: a threefry key is two uint32 words.
    private func itemSize(_ aval: ShapedArray) -> Int { aval.isKey ? 2 * aval.dtype.itemSize : aval.dtype.itemSize }

    func jaxArrayAttribute(_ object: JaxArrayObject, _ name: String) throws(PyException) -> PyValue? {
        func method(_ body: @escaping (Interpreter, Arguments) throws(PyException) -> PyValue) -> PyValue {
            .object(PyBuiltin(name, owner: "ArrayImpl", body))
        }
        // what is known before the value is computed does not wait for it
        let aval = object.aval
        switch name {
        case "shape": return .tuple(aval.shape.map { .int($0) })
        case "ndim": return .int(aval.rank)
        case "size": return .int(aval.count)
        case "dtype": return aval.isKey ? .str(ShapedArray.keyDTypeName) : .object(PyDType(aval.dtype))
        case "weak_type": return aval.isKey ? nil : .bool(aval.weakType)
        case "itemsize": return .int(itemSize(aval))
        case "nbytes": return .int(aval.count &* itemSize(aval))
        case "device": return .object(PyDevice())
        case "sharding": return .object(PySingleDeviceSharding())
        case "block_until_ready":
            return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                _ = try object.value
                return .object(object)
            }
        default: break
        }
        let x = try object.value
        let ctx = context
        func wrap(_ r: JaxValue) -> PyValue { .object(JaxArrayObject(r)) }
        switch name {
        case "at": return .object(PyIndexUpdateHelper(x))
        case "dot":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("dot", ["b", "precision", "preferred_element_type"], required: 1)
                for (i, keyword) in [(1, "precision"), (2, "preferred_element_type")] where !(slots[i] ?? .none).isNone {
                    throw PyException.notImplemented("jaxlab's dot takes no \(keyword) argument")
                }
                return wrap(try JNP.dot(ctx, x, try interp.jnpArgument(slots[0] ?? .none, "dot", position: 1)))
            }
        case "T": return wrap(try JNP.transpose(ctx, x))
        case "real": return wrap(try JNP.real(ctx, x))
        case "imag": return wrap(try JNP.imag(ctx, x))
        case "conj", "conjugate":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                _ = try args.bind(name, [])
                return wrap(try JNP.conj(ctx, x))
            }
        case "devices":
            return method { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                try interp.makeSet([.object(PyDevice())])
            }
        case "copy":
            return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .object(object) }
        case "tolist":
            return method { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                interp.toList(try object.concrete("tolist"))
            }
        case "item":
            return method { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                let a = try object.concrete("item")
                guard a.count == 1 else { throw PyException.valueError("can only convert an array of size 1 to a Python scalar") }
                return interp.element(a, 0)
            }
        case "view":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("view", ["dtype", "type"])
                if let t = slots[1], !t.isNone { throw PyException.notImplemented("`type` argument of array.view() is not supported.") }
                guard let dtype = try interp.dtypeArgument(slots[0] ?? .none, semantics: .jax, in: "view") else { return .object(object) }
                return wrap(try JNP.view(ctx, x, dtype))
            }
        case "astype":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("astype", ["dtype", "copy", "device"], required: 1)
                let dtype = try interp.dtypeArgument(slots[0] ?? .none, semantics: .jax, in: "astype") ?? ctx.defaultFloat
                return wrap(try JNP.astype(ctx, x, dtype))
            }
        case "reshape":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let requested = args.positional.count == 1 ? try interp.jaxShapeArgument(args.positional[0])
                    : try interp.jaxShapeArgument(.tuple(args.positional))
                // JAX quotes the shape argument as written in its TypeErrors
                var written = Shape.describe(requested)
                if args.positional.count == 1, case .int(let n) = args.positional[0] { written = String(n) }
                if args.positional.count == 1, case .list = args.positional[0] {
                    written = "[" + requested.map(String.init).joined(separator: ", ") + "]"
                }
                return wrap(try JNP.reshape(ctx, x, requested, written: written))
            }
        case "flatten", "ravel":
            return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in wrap(try JNP.ravel(ctx, x)) }
        case "transpose":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                var axes: [Int]?
                if args.positional.count == 1, !args.positional[0].isNone {
                    axes = try interp.shapeArgument(args.positional[0])
                } else if args.positional.count > 1 {
                    axes = try interp.shapeArgument(.tuple(args.positional))
                }
                return wrap(try JNP.transpose(ctx, x, axes))
            }
        case "squeeze":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("squeeze", ["axis"])
                return wrap(try JNP.squeeze(ctx, x, try interp.axesArgument(slots[0])))
            }
        case "sum", "prod", "max", "min", "any", "all", "mean":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["axis", "dtype", "out", "keepdims"])
                return wrap(try interp.jaxReduce(name, x, axes: try interp.axesArgument(slots[0]),
                                                 dtype: try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax, in: name),
                                                 keepdims: try interp.truth(slots[3] ?? .bool(false))))
            }
        case "std", "var":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["axis", "dtype", "out", "ddof", "keepdims"])
                let axes = try interp.axesArgument(slots[0])
                let ddof = try slots[3].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0
                let keepdims = try interp.truth(slots[4] ?? .bool(false))
                return wrap(name == "std" ? try JNP.std(ctx, x, axes: axes, ddof: ddof, keepdims: keepdims)
                                          : try JNP.variance(ctx, x, axes: axes, ddof: ddof, keepdims: keepdims))
            }
        case "cumsum", "cumprod":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["axis", "dtype", "out"])
                let axis = try slots[0].flatMap { (v: PyValue) throws(PyException) -> Int? in v.isNone ? nil : try interp.index(v) }
                let dtype = try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax, in: name)
                if let out = slots[2], !out.isNone { throw PyException.notImplemented("The 'out' argument to jnp.\(name) is not supported") }
                return wrap(try JNP.cumulative(ctx, name, x, axis: axis, dtype: dtype))
            }
        case "round":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("round", ["decimals", "out"])
                if let out = slots[1], !out.isNone { throw PyException.notImplemented("The 'out' argument to jnp.round is not supported.") }
                return wrap(try JNP.round(ctx, x, decimals: try JaxNumpyModule.roundDecimals(interp, slots[0])))
            }
        case "argmax", "argmin":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["axis", "out", "keepdims"])
                let axis = try interp.axesArgument(slots[0])?.first
                let keepdims = try interp.truth(slots[2] ?? .bool(false))
                return wrap(name == "argmax" ? try JNP.argmax(ctx, x, axis: axis, keepdims: keepdims)
                                             : try JNP.argmin(ctx, x, axis: axis, keepdims: keepdims))
            }
        case "clip":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("clip", ["min", "max"])
                return wrap(try JNP.clip(ctx, x, try interp.optionalJaxArgument(slots[0]), try interp.optionalJaxArgument(slots[1])))
            }
        default:
            return nil
        }
    }

    /// A JAX reduction by name, with an optional `dtype=` applied first.
    func jaxReduce(_ name: String, _ x: JaxValue, axes: [Int]?, dtype: DType?, keepdims: Bool) throws(PyException) -> JaxValue {
        let ctx = context
        let input = try dtype.map { (d: DType) throws(PyException) in try JNP.astype(ctx, x, d) } ?? x
        switch name {
        case "sum": return try JNP.sum(ctx, input, axes: axes, keepdims: keepdims)
        case "prod": return try JNP.prod(ctx, input, axes: axes, keepdims: keepdims)
        case "max": return try JNP.max(ctx, input, axes: axes, keepdims: keepdims)
        case "min": return try JNP.min(ctx, input, axes: axes, keepdims: keepdims)
        case "any": return try JNP.any(ctx, input, axes: axes, keepdims: keepdims)
        case "all": return try JNP.all(ctx, input, axes: axes, keepdims: keepdims)
        default: return try JNP.mean(ctx, input, axes: axes, keepdims: keepdims)
        }
    }

    /// `jnp.array(x)` / a JAX scalar type called on `x`. `copy` (jnp.array's default) copies
    /// an array argument, as `lax._array_copy` does (a `copy` equation under tracing).
    func jaxArrayFromPython(_ v: PyValue, dtype: DType?, copy: Bool = false) throws(PyException) -> PyValue {
        if case .object(let o as JaxArrayObject) = v {
            if let dtype { return .object(JaxArrayObject(try JNP.astype(context, o.value, dtype))) }
            return .object(JaxArrayObject(try copy ? JNP.arrayCopy(context, o.value) : o.value))
        }
        if case .object(let o as NDArrayObject) = v {
            let base = deviceArray(o.array)
            return .object(JaxArrayObject(dtype.map { Kernels.cast(base, to: context.canonical($0), semantics: .jax) } ?? base))
        }
        if let joined = try joinArrayLeaves(v, dtype: dtype) { return .object(JaxArrayObject(joined)) }
        return .object(JaxArrayObject(try toArray(v, dtype: dtype, semantics: .jax)))
    }

    /// `jnp.array([a, b, ...])` whose leaves include JAX arrays: each element is converted to
    /// the result dtype (`convert_element_type`), given a leading axis (`broadcast_in_dim`) and
    /// the elements joined by `concatenate` (sixteen at a time, as JAX does for wide lists).
    /// nil when no leaf is a JAX array (NumPy's conversion then gives the same values).
    private func joinArrayLeaves(_ v: PyValue, dtype: DType?) throws(PyException) -> JaxValue? {
        switch v {
        case .list, .tuple: break
        default: return nil
        }
        var leaves: [PyValue] = []
        func collectLeaves(_ item: PyValue, depth: Int) throws(PyException) {
            // deeper than an array's 64 dimensions (a list holding itself) is refused as NumPy does
            guard depth <= NestedSequence.maxDimensions else { throw NestedSequence.tooDeep }
            switch item {
            case .list(let l): for x in l.items { try collectLeaves(x, depth: depth + 1) }
            case .tuple(let t): for x in t { try collectLeaves(x, depth: depth + 1) }
            default: leaves.append(item)
            }
        }
        try collectLeaves(v, depth: 0)
        guard leaves.contains(where: { if case .object(let o) = $0 { return o is JaxArrayObject } else { return false } }) else { return nil }
        if leaves.contains(where: \.isNone) { throw PyException.valueError("None is not a valid value for jnp.array") }
        var types: [(dtype: DType, weak: Bool)] = []
        for leaf in leaves {
            guard let value = try jaxOperand(leaf) else {
                throw PyException.typeError("Unexpected input type for array: \(pythonTypeName(leaf))")
            }
            types.append((value.dtype, value.weakType))
        }
        let target = context.canonical(dtype ?? Promotion.jax(types, enableX64: context.enableX64).dtype)
        return try joinedArray(v, target)
    }

    /// Whether `v` is a JAX array or a list or tuple that holds one at any depth.
    private func holdsJaxArray(_ v: PyValue) -> Bool {
        switch v {
        case .object(let o): return o is JaxArrayObject
        case .list(let l): return l.items.contains(where: holdsJaxArray)
        case .tuple(let t): return t.contains(where: holdsJaxArray)
        default: return false
        }
    }

    private func joinedArray(_ v: PyValue, _ dtype: DType) throws(PyException) -> JaxValue {
        let items: [PyValue]
        switch v {
        case .list(let l): items = l.items
        case .tuple(let t): items = t
        case .object(let o as JaxArrayObject): return try JNP.astype(context, o.value, dtype)
        default: return .array(try toArray(v, dtype: dtype, semantics: .jax))
        }
        // an element without JAX arrays is converted whole, as JAX's asarray of it does, so a
        // ragged one gets NumPy's ValueError with the shape NumPy detected
        guard !items.isEmpty, items.contains(where: holdsJaxArray) else {
            return .array(try toArray(v, dtype: dtype, semantics: .jax))
        }
        var parts: [JaxValue] = []
        for item in items { parts.append(try JNP.withLeadingAxis(context, try joinedArray(item, dtype))) }
        return try JNP.concatenateInGroups(context, parts)
    }
}
