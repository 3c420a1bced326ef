import JaxCore

/// `jax.lax`'s tile, stack and unstack (the other structural functions are in
/// `JaxLaxModule+Shapes`).
extension JaxLaxModule {
    static func addStructure(_ m: PyModule, _ interp: Interpreter) {
        let ctx = interp.context
        func wrap(_ v: JaxValue) -> PyValue { .object(JaxArrayObject(v)) }
        /// An argument as lax takes it: an array or a Python scalar, never a list.
        func operand(_ interp: Interpreter, _ v: PyValue, _ name: String, _ position: Int) throws(PyException) -> JaxValue {
            guard let x = try interp.jaxOperand(v) else {
                throw PyException.typeError("Error interpreting argument to \(name) as a JAX value. The problematic value is of type "
                    + "\(interp.pythonTypeName(v)) and was passed to \(name) at position \(position).\n")
            }
            return x
        }
        func ints(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> [Int] {
            try interp.collect(v ?? .none).map { (i: PyValue) throws(PyException) -> Int in try interp.index(i) }
        }
        func optionalInt(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> Int? {
            guard let v, !v.isNone else { return nil }
            return try interp.index(v)
        }
        m.define("tile") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("tile", ["operand", "reps"], required: 2)
            return wrap(try JNP.tile(ctx, try operand(interp, slots[0] ?? .none, "tile", 0), try ints(interp, slots[1])))
        }
        m.define("stack") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("stack", ["operands", "axis"], required: 1)
            var xs: [JaxValue] = []
            for (i, v) in try interp.collect(slots[0] ?? .none).enumerated() { xs.append(try operand(interp, v, "stack", i)) }
            return wrap(try JNP.stack(ctx, xs, axis: try optionalInt(interp, slots[1]) ?? 0))
        }
        m.define("unstack") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("unstack", ["operand", "axis"], required: 1)
            let x = try operand(interp, slots[0] ?? .none, "unstack", 0)
            let axis = try AxisRules.normalize(try optionalInt(interp, slots[1]) ?? 0, rank: x.rank)
            var parts: [PyValue] = []
            for i in 0..<x.shape[axis] { parts.append(wrap(try JNP.laxIndexInDim(ctx, x, index: i, axis: axis, keepdims: false))) }
            return .tuple(parts)
        }
    }
}
