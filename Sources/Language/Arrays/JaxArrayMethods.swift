import JaxCore

/// Operators, attributes and methods of JAX arrays, with JAX's promotion and dtype rules.
extension Interpreter {
    static let jaxArrayAttributeNames = [
        "T", "all", "any", "argmax", "argmin", "astype", "at", "block_until_ready", "copy", "device", "devices",
        "dtype", "flatten", "item", "itemsize", "max", "mean", "min", "nbytes", "ndim", "prod", "ravel", "reshape",
        "shape", "size", "squeeze", "sum", "tolist", "transpose", "weak_type",
    ]

    /// The class object of JAX arrays, `<class 'jaxlib._jax.ArrayImpl'>`.
    var jaxArrayType: PyValue {
        if let t = builtinTypes["jaxlib._jax.ArrayImpl"] { return .object(t) }
        let t = PyType("jaxlib._jax.ArrayImpl", isInstance: { v in
            if case .object(let o) = v { return o is JaxArrayObject }
            return false
        }, construct: nil)
        builtinTypes["jaxlib._jax.ArrayImpl"] = t
        return .object(t)
    }

    /// `jax.Array` / `jnp.ndarray`: the abstract class every JAX array is an instance of.
    var jaxAbstractArrayType: PyValue {
        if let t = builtinTypes["jax.Array"] { return .object(t) }
        let t = PyType("jax.jaxlib._jax.Array", isInstance: { v in
            if case .object(let o) = v { return o is JaxArrayObject }
            return false
        }, construct: nil)
        builtinTypes["jax.Array"] = t
        return .object(t)
    }

    /// An operand for a JAX operation: JAX or NumPy arrays (NumPy ones as `device_put` makes
    /// them), Python scalars as weak-typed 0-d arrays; nil for anything else.
    func jaxOperand(_ v: PyValue) throws(PyException) -> JaxArray? {
        switch v {
        case .bool(let b): return JaxArray.scalar(.bool(b), dtype: .bool, weak: true)
        case .int(let i):
            if !context.enableX64 && (i > Int(Int32.max) || i < Int(Int32.min)) {
                throw PyException("OverflowError", "Python int \(i) too large to convert to int32")
            }
            return JaxArray.scalar(.int(Int64(i)), dtype: context.defaultInt, weak: true)
        case .bigInt(let b):
            throw PyException("OverflowError", "Python int \(b) too large to convert to \(context.defaultInt.name)")
        case .float(let d): return JaxArray.scalar(.float(d), dtype: context.defaultFloat, weak: true)
        case .object(let o as JaxArrayObject): return o.array
        case .object(let o as NDArrayObject): return deviceArray(o.array)
        default: return nil
        }
    }

    /// A NumPy array as `jax.device_put` stores it: its dtype made canonical (int64 becomes
    /// int32 while x64 is off), strongly typed.
    func deviceArray(_ a: JaxArray) -> JaxArray {
        Kernels.cast(a, to: context.canonical(a.dtype), semantics: .jax).withWeakType(false)
    }

    func jaxBinary(_ op: BinaryOperator, _ a: JaxArray, _ b: JaxArray) throws(PyException) -> PyValue {
        let kernelOp: BinaryOp
        switch op {
        case .add: kernelOp = .add
        case .subtract: kernelOp = .subtract
        case .multiply: kernelOp = .multiply
        case .divide: kernelOp = .divide
        case .floorDivide: kernelOp = .floorDivide
        case .modulo: kernelOp = .remainder
        case .power: kernelOp = .power
        case .and, .or, .xor:
            guard a.dtype == .bool && b.dtype == .bool else {
                throw PyException.typeError("bitwise operators on integer arrays are not supported in jaxlab")
            }
            kernelOp = op == .and ? .logicalAnd : (op == .or ? .logicalOr : .logicalXor)
        case .matmul, .leftShift, .rightShift:
            throw PyException.typeError("the \(op.rawValue) operator on JAX arrays is not supported in jaxlab yet")
        }
        return .object(JaxArrayObject(try jaxElementwise(kernelOp, a, b)))
    }

    /// An elementwise JAX operation: operands promoted on JAX's lattice (weak types kept),
    /// true division of integers in the default float type.
    func jaxElementwise(_ op: BinaryOp, _ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray {
        var (dtype, weak) = Promotion.jax([(a.dtype, a.weakType), (b.dtype, b.weakType)], enableX64: context.enableX64)
        if op == .divide && !dtype.isFloating { dtype = context.defaultFloat }
        let x = Kernels.cast(a, to: dtype, semantics: .jax)
        let y = Kernels.cast(b, to: dtype, semantics: .jax)
        do {
            _ = try Kernels.broadcastShapes([a.shape, b.shape])
        } catch {
            throw PyException.typeError("\(op.laxName(for: dtype)) got incompatible shapes for broadcasting: "
                                        + "\(Shape.describe(a.shape)), \(Shape.describe(b.shape)).")
        }
        let result = try Kernels.binary(op, x, y, semantics: .jax)
        return result.withWeakType(op.producesBool ? false : weak)
    }

    func jaxArrayAttribute(_ object: JaxArrayObject, _ name: String) throws(PyException) -> PyValue? {
        let a = object.array
        func method(_ body: @escaping (Interpreter, Arguments) throws(PyException) -> PyValue) -> PyValue {
            .object(PyBuiltin(name, owner: "ArrayImpl", body))
        }
        func wrap(_ r: JaxArray) -> PyValue { .object(JaxArrayObject(r)) }
        switch name {
        case "shape": return .tuple(a.shape.map { .int($0) })
        case "ndim": return .int(a.rank)
        case "size": return .int(a.count)
        case "dtype": return .object(PyDType(a.dtype))
        case "weak_type": return .bool(a.weakType)
        case "itemsize": return .int(a.dtype.itemSize)
        case "nbytes": return .int(a.count &* a.dtype.itemSize)
        case "device": return .object(PyDevice())
        case "at": return .object(PyIndexUpdateHelper(a))
        case "T": return wrap(try Kernels.transpose(a, permutation: Array((0..<a.rank).reversed()), semantics: .jax))
        case "devices":
            return method { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                try interp.makeSet([.object(PyDevice())])
            }
        case "block_until_ready", "copy":
            return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .object(object) }
        case "tolist":
            return method { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in interp.toList(a) }
        case "item":
            return method { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                guard a.count == 1 else { throw PyException.valueError("can only convert an array of size 1 to a Python scalar") }
                return interp.element(a, 0)
            }
        case "astype":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("astype", ["dtype", "copy", "device"], required: 1)
                let dtype = try interp.dtypeArgument(slots[0] ?? .none, semantics: .jax) ?? interp.context.defaultFloat
                return wrap(Kernels.cast(a, to: interp.context.canonical(dtype), semantics: .jax).withWeakType(false))
            }
        case "reshape":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let requested = args.positional.count == 1 ? try interp.shapeArgument(args.positional[0])
                    : try interp.shapeArgument(.tuple(args.positional))
                let shape = try Kernels.resolveReshape(requested, from: a.shape, semantics: .jax)
                return wrap(try Kernels.reshape(a, to: shape))
            }
        case "flatten", "ravel":
            return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in wrap(a.withShape([a.count])) }
        case "transpose":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                var axes = Array((0..<a.rank).reversed())
                if args.positional.count == 1, !args.positional[0].isNone {
                    axes = try interp.shapeArgument(args.positional[0])
                } else if args.positional.count > 1 {
                    axes = try interp.shapeArgument(.tuple(args.positional))
                }
                return wrap(try Kernels.transpose(a, permutation: axes, semantics: .jax))
            }
        case "squeeze":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("squeeze", ["axis"])
                let axes = try interp.axesArgument(slots[0]) ?? a.shape.indices.filter { a.shape[$0] == 1 }
                return wrap(try Kernels.squeeze(a, axes: axes, semantics: .jax))
            }
        case "sum", "prod", "max", "min", "any", "all", "mean":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["axis", "dtype", "out", "keepdims"])
                return wrap(try interp.jaxReduce(name, a, axes: try interp.axesArgument(slots[0]),
                                                 dtype: try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax),
                                                 keepdims: try interp.truth(slots[3] ?? .bool(false))))
            }
        case "argmax", "argmin":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["axis", "out", "keepdims"])
                let index = interp.context.defaultInt
                guard let axis = try interp.axesArgument(slots[0])?.first else {
                    return wrap(try Kernels.argReduce(max: name == "argmax", a.withShape([a.count]), axis: 0, indexDType: index))
                }
                return wrap(try Kernels.argReduce(max: name == "argmax", a, axis: axis, indexDType: index))
            }
        default:
            return nil
        }
    }

    /// A JAX reduction: sums keep the dtype (bools sum as the default int), means of integers
    /// are in the default float type.
    func jaxReduce(_ name: String, _ a: JaxArray, axes requested: [Int]?, dtype: DType?, keepdims: Bool) throws(PyException) -> JaxArray {
        let axes = requested ?? Array(0..<a.rank)
        var input = a.withWeakType(false)
        let op: Kernels.ReduceOp
        switch name {
        case "sum", "mean": op = .sum
        case "prod": op = .product
        case "max": op = .max
        case "min": op = .min
        case "any": op = .any
        default: op = .all
        }
        if let dtype {
            input = Kernels.cast(input, to: context.canonical(dtype), semantics: .jax)
        } else if name == "mean" && !a.dtype.isFloating {
            input = Kernels.cast(input, to: context.defaultFloat, semantics: .jax)
        } else if (op == .sum || op == .product) && a.dtype == .bool {
            input = Kernels.cast(input, to: context.defaultInt, semantics: .jax)
        }
        var result = try Kernels.reduce(op, input, axes: axes, semantics: .jax)
        if name == "mean" {
            var count = 1
            for axis in axes { count *= a.shape[axis < 0 ? axis + a.rank : axis] }
            result = try Kernels.binary(.divide, result, JaxArray.scalar(.float(Double(count)), dtype: result.dtype), semantics: .jax)
        }
        if keepdims {
            var shape = a.shape
            for axis in axes { shape[axis < 0 ? axis + a.rank : axis] = 1 }
            result = result.withShape(shape)
        }
        return result.withWeakType(a.weakType && dtype == nil)
    }

    /// `jnp.array(x)` / a JAX scalar type called on `x`.
    func jaxArrayFromPython(_ v: PyValue, dtype: DType?) throws(PyException) -> PyValue {
        if case .object(let o as NDArrayObject) = v {
            let base = deviceArray(o.array)
            return .object(JaxArrayObject(dtype.map { Kernels.cast(base, to: context.canonical($0), semantics: .jax) } ?? base))
        }
        return .object(JaxArrayObject(try toArray(v, dtype: dtype, semantics: .jax)))
    }
}
