import JaxCore

/// `jax.lax`: its elementwise functions (without jnp's promotion), `cumsum`, `cummax` and
/// `cummin`, shapes and slices (`JaxLaxModule+Shapes.swift`), reductions, sorting and products
/// (`JaxLaxModule+Ops.swift`) and control flow (`JaxLaxModule+Control.swift`).
enum JaxLaxModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("jax.lax", file: "/jaxlab/jax/lax/__init__.py")
        let ctx = interp.context
        for prim in JNP.laxUnaryPrimitives {
            let name = prim.name
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x"], required: 1)
                let x = slots[0] ?? .none
                guard let operand = try interp.jaxOperand(x) else {
                    throw PyException.typeError(
                        "Error interpreting argument to \(name) as a JAX value. The problematic value is of type \(interp.pythonTypeName(x)) and was passed to \(name) at position 0.\n")
                }
                return .object(JaxArrayObject(try JNP.laxUnary(ctx, prim, operand)))
            }
        }
        for (prim, jnpName) in JNP.laxBinaryPrimitives {
            let name = prim.name
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["x", "y"], required: 2)
                var operands: [JaxValue] = []
                for (i, v) in [slots[0] ?? .none, slots[1] ?? .none].enumerated() {
                    guard let operand = try interp.jaxOperand(v) else {
                        throw PyException.typeError(
                            "Error interpreting argument to \(name) as a JAX value. The problematic value is of type \(interp.pythonTypeName(v)) and was passed to \(name) at position \(i).\n")
                    }
                    operands.append(operand)
                }
                return .object(JaxArrayObject(try JNP.laxBinary(ctx, prim, jnpName: jnpName, operands[0], operands[1])))
            }
        }
        m.define("bitcast_convert_type") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("bitcast_convert_type", ["operand", "new_dtype"], required: 2)
            let x = slots[0] ?? .none
            guard let operand = try interp.jaxOperand(x) else {
                throw PyException.typeError("Error interpreting argument to bitcast_convert_type as a JAX value. The problematic value is of type "
                    + "\(interp.pythonTypeName(x)) and was passed to bitcast_convert_type at position 0.\n")
            }
            guard let dtype = try interp.dtypeArgument(slots[1] ?? .none, semantics: .jax, in: "bitcast_convert_type") else {
                throw PyException.typeError("bitcast_convert_type requires a new_dtype, got None")
            }
            return .object(JaxArrayObject(try JNP.bitcastConvertType(ctx, operand, dtype)))
        }
        m.define("stop_gradient") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("stop_gradient", ["x"], required: 1)
            let tree = try interp.toTree(slots[0] ?? .none)
            return try interp.fromTree(try tree.mapLeaves { (v: JaxValue) throws(PyException) -> JaxValue in try JNP.stopGradient(ctx, v) })
        }
        m.define("cumsum") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("cumsum", ["operand", "axis", "reverse"], required: 1)
            return .object(JaxArrayObject(try JNP.laxCumsum(ctx, try interp.jaxArgument(slots[0] ?? .none),
                                                            axis: try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0,
                                                            reverse: try interp.truth(slots[2] ?? .bool(false)))))
        }
        for (name, prim) in JNP.laxCumulativeReductions {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["operand", "axis", "reverse"], required: 1)
                return .object(JaxArrayObject(try JNP.laxCumulative(ctx, prim, try interp.jaxArgument(slots[0] ?? .none),
                                                                    axis: try slots[1].map { (v: PyValue) throws(PyException) in try interp.index(v) } ?? 0,
                                                                    reverse: try interp.truth(slots[2] ?? .bool(false)))))
            }
        }
        m.attributes["Precision"] = interp.laxEnumType(.precision)
        m.attributes["RoundingMethod"] = interp.laxEnumType(.roundingMethod)
        installControlFlow(m)
        addShapes(m, interp)
        addOps(m, interp)
        addConvolution(m, interp)
        addStructure(m, interp)
        return m
    }
}
