/// Changing an array's dtype: by value (`convert_element_type`) or by bits
/// (`bitcast_convert_type`); and `copy`, which changes nothing but the buffer.
extension Primitive {
    static var conversions: [Primitive] { [.convertElementType, .bitcastConvertType, .copy, .empty2] }

    /// `empty2[dtype]`: an uninitialised scalar (zero here), what a cond's branches put in the
    /// residual slots of other branches.
    static let empty2: Primitive = Primitive("empty2", Rules(
        abstractEval: { _, params throws(PyException) in [ShapedArray(shape: [], dtype: try params.required(.dtype))] },
        evaluate: { _, _, params throws(PyException) in [JaxArray.scalar(.int(0), dtype: try params.required(.dtype))] },
        jvp: .zero, transpose: .notLinear, batch: .unsupported))

    /// `jnp.array(x)` of an array: a fresh copy (`lax._array_copy`), linear.
    static let copy: Primitive = Primitive("copy", Rules(
        abstractEval: Rules.sameAsOperand,
        evaluate: { _, xs, _ throws(PyException) in [try Operands.at(xs, 0, "copy")] },
        jvp: .linear,
        transpose: .linear { _, ctx, ct, _, _ throws(PyException) in [try Tracing.bind1(ctx, .copy, [ct])] },
        batch: .unary,
        acceptsKeys: true))

    /// The operand's values in `new_dtype`, weak when `weak_type` says so. A float-to-float
    /// conversion carries its tangent; its transpose converts the cotangent back.
    static let convertElementType: Primitive = Primitive("convert_element_type", Rules(
        abstractEval: { ins, params throws(PyException) in
            let x = try Operands.first(ins)
            return [x.with(dtype: try params.required(.newDType), weakType: params[.weakType] ?? false)]
        },
        evaluate: { _, xs, params throws(PyException) in
            [Kernels.cast(try Operands.at(xs, 0, "convert_element_type"), to: try params.required(.newDType), semantics: .jax)]
        },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in
            let out = try Tracing.bind1(ctx, .convertElementType, xs, params)
            guard let t = ts[0], out.dtype.isInexact, xs[0].dtype.isInexact else { return ([out], [nil]) }
            return ([out], [try Tracing.bind1(ctx, .convertElementType, [t], params)])
        },
        transpose: .linear { _, ctx, ct, args, _ throws(PyException) in
            // back to the operand's dtype and weak type
            [try Lax.convert(ctx, ct, to: args[0].aval.dtype, weak: args[0].aval.weakType)]
        },
        batch: .unary))

    /// The operand's bits read as another dtype of the same width.
    static let bitcastConvertType: Primitive = Primitive("bitcast_convert_type", Rules(
        abstractEval: { ins, params throws(PyException) in
            let x = try Operands.first(ins)
            return [ShapedArray(shape: x.shape, dtype: try params.required(.newDType))]
        },
        evaluate: { _, xs, params throws(PyException) in
            [try BitwiseKernels.bitcast(try Operands.at(xs, 0, "bitcast_convert_type"), to: try params.required(.newDType))]
        },
        jvp: .zero, transpose: .notLinear, batch: .unary))
}
