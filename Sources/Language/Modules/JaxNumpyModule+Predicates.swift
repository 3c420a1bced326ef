import JaxCore

/// `jnp`'s questions about values and shapes: isscalar, isrealobj, broadcast_shapes,
/// array_equal and array_equiv.
extension JaxNumpyModule {
    static func addPredicates(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        m.define("isscalar") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("isscalar", ["element"], required: 1)
            // Python numbers, strings (as np.isscalar says) and 0-d arrays are scalars; containers are not
            switch slots[0] ?? .none {
            case .int, .float, .bool, .str, .object(is PyComplex): return .bool(true)
            case .object(let a as JaxArrayObject): return .bool(a.aval.shape.isEmpty)
            case .object(let a as NDArrayObject): return .bool(a.array.shape.isEmpty)
            default: return .bool(false)
            }
        }
        m.define("isrealobj") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("isrealobj", ["x"], required: 1)
            let x = slots[0] ?? .none
            if case .object(let array as JaxArrayObject) = x { return .bool(!array.aval.dtype.isComplex) }
            return .bool(!(try interp.toArray(x, dtype: nil, semantics: .jax).dtype.isComplex))
        }
        m.define("broadcast_shapes") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if let (key, _) = args.keywords.first { throw PyException.typeError("broadcast_shapes() got an unexpected keyword argument '\(key)'") }
            var shapes: [[Int]] = []
            for v in args.positional {
                if case .int(let n) = v { shapes.append([Int(truncatingIfNeeded: n)]); continue }
                shapes.append(try interp.collect(v).map { (d: PyValue) throws(PyException) -> Int in try interp.index(d) })
            }
            return .tuple(try Kernels.broadcastShapes(shapes).map { .int($0) })
        }
        for name in ["array_equal", "array_equiv"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, name == "array_equal" ? ["a1", "a2", "equal_nan"] : ["a1", "a2"], required: 2)
                let a = try interp.jaxArgument(slots[0] ?? .none), b = try interp.jaxArgument(slots[1] ?? .none)
                // array_equal needs equal shapes, array_equiv only broadcastable ones
                let comparable = name == "array_equal" ? a.shape == b.shape : (try? Kernels.broadcastShapes([a.shape, b.shape])) != nil
                guard comparable else { return .object(JaxArrayObject(.array(JaxArray.scalar(.bool(false), dtype: .bool)))) }
                var same = try JNP.equal(ctx, a, b)
                if slots.count > 2, try interp.truth(slots[2] ?? .bool(false)) {
                    same = try JNP.logicalOr(ctx, same, try JNP.logicalAnd(ctx, try JNP.isnan(ctx, a), try JNP.isnan(ctx, b)))
                }
                return .object(JaxArrayObject(try JNP.all(ctx, same)))
            }
        }
    }
}
