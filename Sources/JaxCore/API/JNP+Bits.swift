/// Reading an array's bits as another dtype: `lax.bitcast_convert_type`, `Array.view` and
/// `jnp.signbit`, composed as JAX composes them so their jaxprs match.
extension JNP {
    /// `lax.bitcast_convert_type(x, dtype)`: the primitive as it is.
    public static func bitcastConvertType(_ ctx: JaxContext, _ x: JaxValue, _ dtype: DType) throws(PyException) -> JaxValue {
        try bind(ctx, .bitcastConvertType, [x], Params().with(.newDType, ctx.canonical(dtype)))
    }

    /// `x.view(dtype)`: the bits of the last axis read as `dtype`, that axis resized; bools
    /// go through uint8 as JAX's do.
    public static func view(_ ctx: JaxContext, _ x: JaxValue, _ dtype: DType) throws(PyException) -> JaxValue {
        let target = ctx.canonical(dtype)
        let inBits = x.dtype.itemSize * 8, outBits = target.itemSize * 8
        guard let last = x.shape.last else {
            guard inBits == outBits else { throw PyException.valueError("view() of a 0d array is only supported if the itemsize is unchanged.") }
            return try squeeze(ctx, try view(ctx, try expandDims(ctx, x, [0]), target))
        }
        guard (last * inBits) % outBits == 0 else {
            throw PyException.valueError("When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.")
        }
        if x.dtype == target { return x }
        if x.dtype == .bool { return try view(ctx, try astype(ctx, x, .uint8), target) }
        if x.dtype.isComplex || target.isComplex {
            throw PyException.notImplemented("jaxlab does not view complex arrays as other dtypes (or others as complex)")
        }
        if target == .bool { return try astype(ctx, try view(ctx, x, .uint8), .bool) }
        if inBits < outBits {
            let factor = outBits / inBits
            return try bitcastConvertType(ctx, try reshape(ctx, x, Array(x.shape.dropLast()) + [last / factor, factor]), target)
        }
        let out = try bitcastConvertType(ctx, x, target)
        guard inBits > outBits else { return out }
        return try reshape(ctx, out, Array(out.shape.dropLast(2)) + [out.shape.suffix(2).reduce(1, *)])
    }

    /// `jnp.signbit`: for floats the top bit of the word, read by an arithmetic shift (so -0.0
    /// and -nan count as negative); `x < 0` for integers; false for bools.
    public static func signbit(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        if x.dtype.isComplex { throw PyException.valueError("jax.numpy.signbit is not well defined for \(x.dtype.name)") }
        return try jitted(ctx, name: "signbit", [x]) { args throws(PyException) -> JaxValue in
            let a = args[0]
            if a.dtype.isInteger { return try bind(ctx, .lt, [a, constant(.int(0), a.dtype)]) }
            if a.dtype == .bool { return try Lax.full(ctx, a.shape, .bool(false), dtype: .bool) }
            let word: DType = a.dtype.itemSize == 2 ? .int16 : (a.dtype.itemSize == 4 ? .int32 : .int64)
            let bits = try bitcastConvertType(ctx, a, word)
            let shifted = try bind(ctx, .shiftRightArithmetic, [bits, constant(.int(Int64(a.dtype.itemSize * 8 - 1)), word)])
            return try convert(ctx, shifted, to: .bool)
        }
    }
}
