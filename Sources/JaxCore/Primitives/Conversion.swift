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

    /// The operand's bits read as another dtype: of the same width in the same shape; of a
    /// narrower one with a new last axis holding each element's parts; of a wider one from a
    /// last axis of exactly one element's parts. Bools and complex numbers only as themselves.
    static let bitcastConvertType: Primitive = Primitive("bitcast_convert_type", Rules(
        abstractEval: { ins, params throws(PyException) in
            let x = try Operands.first(ins)
            let dtype: DType = try params.required(.newDType)
            return [ShapedArray(shape: try bitcastShape(x.shape, from: x.dtype, to: dtype), dtype: dtype)]
        },
        evaluate: { _, xs, params throws(PyException) in
            let x = try Operands.at(xs, 0, "bitcast_convert_type")
            let dtype: DType = try params.required(.newDType)
            return [try BitwiseKernels.bitcast(x, to: dtype, shape: try bitcastShape(x.shape, from: x.dtype, to: dtype))]
        },
        jvp: .zero, transpose: .notLinear, batch: .unary))

    /// lax's shape and dtype rules of `bitcast_convert_type`, with its errors.
    static func bitcastShape(_ shape: [Int], from old: DType, to new: DType) throws(PyException) -> [Int] {
        let special = { (d: DType) in d == .bool || d.isComplex }
        if old != new && (special(old) || special(new)) {
            throw PyException.typeError("lax.bitcast_convert_type does not support bool or complex values unless the operand and "
                + "destination types match. Got operand dtype=\(old.name), new_dtype=dtype('\(new.name)'). Consider using the arr.view() method instead.")
        }
        let oldBits = old.itemSize * 8, newBits = new.itemSize * 8
        if oldBits == newBits { return shape }
        if oldBits > newBits { return shape + [oldBits / newBits] }
        let last = shape.last ?? 1
        guard last * oldBits == newBits else {
            throw PyException.valueError("Attempting to convert array of shape \(Shape.describe(shape)) from \(old.name) of size \(oldBits) bits "
                + "to \(new.name) of size \(newBits), bits but \(last) * \(oldBits) != \(newBits)")
        }
        return Array(shape.dropLast())
    }
}
