/// `jnp.arcsin`, `arccos`, `sinh`, `cosh`, `arcsinh`, `arccosh` and `arctanh` (and their
/// array-API names): integers promote to the default float, then one primitive each;
/// `arccosh` is jitted, as jax.numpy's is.
extension JNP {
    public static let hyperbolicFunctions: [(name: String, function: @Sendable (JaxContext, JaxValue) throws(PyException) -> JaxValue)] = [
        ("arcsin", { c, x throws(PyException) in try unary(c, .asin, x, floating: true) }),
        ("arccos", { c, x throws(PyException) in try unary(c, .acos, x, floating: true) }),
        ("sinh", { c, x throws(PyException) in try unary(c, .sinh, x, floating: true) }),
        ("cosh", { c, x throws(PyException) in try unary(c, .cosh, x, floating: true) }),
        ("arcsinh", { c, x throws(PyException) in try unary(c, .asinh, x, floating: true) }),
        ("arctanh", { c, x throws(PyException) in try unary(c, .atanh, x, floating: true) }),
        ("arccosh", arccosh),
    ]

    /// The array-API spellings, each the same function as its NumPy name.
    public static let hyperbolicAliases = ["asin": "arcsin", "acos": "arccos", "asinh": "arcsinh", "acosh": "arccosh",
                                           "atanh": "arctanh", "atan": "arctan"]

    public static func arccosh(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "arccosh", [x], cacheKey: "") { args throws(PyException) -> JaxValue in
            try unary(ctx, .acosh, args[0], floating: true)
        }
    }
}
