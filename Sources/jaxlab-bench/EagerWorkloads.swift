/// One eagerly timed operation: the expression JAX and jaxlab evaluate (the same text) and
/// NumPy's closest equivalent (nil where NumPy has none), on the arrays `EagerScript` defines:
/// `x`, `z` float32 in [0.1, 1] and [1, 2] (float64 `d`, `e` in the x64 section), `h` = x as
/// float16, `xi`, `yi` small int32, `x2` = x as (n/1000, 1000).
struct EagerWorkload {
    let name: String
    let jax: String
    let numpy: String?
}

/// What `make bench` times eagerly: every primitive the lab and the tutorials use, and the rest
/// of jax.numpy's elementwise functions, casts, reductions, cumulative sums and selects.
enum EagerWorkloads {
    static let float32: [EagerWorkload] = [
        // elementwise, one operand
        .init(name: "neg", jax: "-x", numpy: "-x"),
        .init(name: "abs", jax: "jnp.abs(x)", numpy: "np.abs(x)"),
        .init(name: "sign", jax: "jnp.sign(x)", numpy: "np.sign(x)"),
        .init(name: "exp", jax: "jnp.exp(x)", numpy: "np.exp(x)"),
        .init(name: "log", jax: "jnp.log(x)", numpy: "np.log(x)"),
        .init(name: "log1p", jax: "jnp.log1p(x)", numpy: "np.log1p(x)"),
        .init(name: "expm1", jax: "jnp.expm1(x)", numpy: "np.expm1(x)"),
        .init(name: "sqrt", jax: "jnp.sqrt(x)", numpy: "np.sqrt(x)"),
        .init(name: "rsqrt", jax: "jax.lax.rsqrt(x)", numpy: "1 / np.sqrt(x)"),
        .init(name: "cbrt", jax: "jnp.cbrt(x)", numpy: "np.cbrt(x)"),
        .init(name: "sin", jax: "jnp.sin(x)", numpy: "np.sin(x)"),
        .init(name: "cos", jax: "jnp.cos(x)", numpy: "np.cos(x)"),
        .init(name: "tan", jax: "jnp.tan(x)", numpy: "np.tan(x)"),
        .init(name: "tanh", jax: "jnp.tanh(x)", numpy: "np.tanh(x)"),
        .init(name: "arctan", jax: "jnp.arctan(x)", numpy: "np.arctan(x)"),
        .init(name: "erf", jax: "jax.lax.erf(x)", numpy: nil),
        .init(name: "erf_inv", jax: "jax.lax.erf_inv(x)", numpy: nil),
        .init(name: "sigmoid", jax: "jax.nn.sigmoid(x)", numpy: "1 / (1 + np.exp(-x))"),
        .init(name: "relu", jax: "jax.nn.relu(x)", numpy: "np.maximum(x, 0)"),
        .init(name: "floor", jax: "jnp.floor(x)", numpy: "np.floor(x)"),
        .init(name: "ceil", jax: "jnp.ceil(x)", numpy: "np.ceil(x)"),
        .init(name: "round", jax: "jnp.round(x)", numpy: "np.round(x)"),
        .init(name: "square", jax: "jnp.square(x)", numpy: "np.square(x)"),
        .init(name: "x ** 2", jax: "x ** 2", numpy: "x ** 2"),
        .init(name: "x ** 3", jax: "x ** 3", numpy: "x ** 3"),
        .init(name: "x ** 0.5", jax: "x ** 0.5", numpy: "x ** 0.5"),
        .init(name: "logical_not", jax: "jnp.logical_not(x > 0.5)", numpy: "np.logical_not(x > 0.5)"),
        // elementwise, two operands
        .init(name: "x + z", jax: "x + z", numpy: "x + z"),
        .init(name: "x - z", jax: "x - z", numpy: "x - z"),
        .init(name: "x * z", jax: "x * z", numpy: "x * z"),
        .init(name: "x / z", jax: "x / z", numpy: "x / z"),
        .init(name: "x + 2", jax: "x + 2", numpy: "x + 2"),
        .init(name: "x / 3", jax: "x / 3", numpy: "x / 3"),
        .init(name: "x ** z", jax: "x ** z", numpy: "x ** z"),
        .init(name: "maximum(x, 0.5)", jax: "jnp.maximum(x, 0.5)", numpy: "np.maximum(x, 0.5)"),
        .init(name: "minimum(x, z)", jax: "jnp.minimum(x, z)", numpy: "np.minimum(x, z)"),
        .init(name: "arctan2", jax: "jnp.arctan2(x, z)", numpy: "np.arctan2(x, z)"),
        .init(name: "x % z", jax: "x % z", numpy: "x % z"),
        .init(name: "x // z", jax: "x // z", numpy: "x // z"),
        .init(name: "x > 0.5", jax: "x > 0.5", numpy: "x > 0.5"),
        .init(name: "x == z", jax: "x == z", numpy: "x == z"),
        .init(name: "clip", jax: "jnp.clip(x, 0.2, 0.8)", numpy: "np.clip(x, 0.2, 0.8)"),
        // selects
        .init(name: "where(x > 0.5, x, z)", jax: "jnp.where(x > 0.5, x, z)", numpy: "np.where(x > 0.5, x, z)"),
        .init(name: "where(x > 0.5, x, 0)", jax: "jnp.where(x > 0.5, x, 0.0)", numpy: "np.where(x > 0.5, x, 0.0)"),
        // casts
        .init(name: "astype(float16)", jax: "x.astype(jnp.float16)", numpy: "x.astype(np.float16)"),
        .init(name: "astype(bfloat16)", jax: "x.astype(jnp.bfloat16)", numpy: nil),
        .init(name: "astype(int32)", jax: "x.astype(jnp.int32)", numpy: "x.astype(np.int32)"),
        .init(name: "astype(bool)", jax: "x.astype(jnp.bool_)", numpy: "x.astype(np.bool_)"),
        .init(name: "float16 -> float32", jax: "h.astype(jnp.float32)", numpy: "h.astype(np.float32)"),
        .init(name: "int32 -> float32", jax: "xi.astype(jnp.float32)", numpy: "xi.astype(np.float32)"),
        // reductions
        .init(name: "sum", jax: "jnp.sum(x)", numpy: "np.sum(x)"),
        .init(name: "mean", jax: "jnp.mean(x)", numpy: "np.mean(x)"),
        .init(name: "max", jax: "jnp.max(x)", numpy: "np.max(x)"),
        .init(name: "min", jax: "jnp.min(x)", numpy: "np.min(x)"),
        .init(name: "prod", jax: "jnp.prod(x)", numpy: "np.prod(x)"),
        .init(name: "var", jax: "jnp.var(x)", numpy: "np.var(x)"),
        .init(name: "std", jax: "jnp.std(x)", numpy: "np.std(x)"),
        .init(name: "argmax", jax: "jnp.argmax(x)", numpy: "np.argmax(x)"),
        .init(name: "sum(axis=0)", jax: "x2.sum(0)", numpy: "x2.sum(0)"),
        .init(name: "sum(axis=1)", jax: "x2.sum(1)", numpy: "x2.sum(1)"),
        .init(name: "T.sum(axis=0)", jax: "x2.T.sum(0)", numpy: "x2.T.sum(0)"),
        // cumulative
        .init(name: "cumsum", jax: "jnp.cumsum(x)", numpy: "np.cumsum(x)"),
        // structure
        .init(name: "x[::2]", jax: "x[::2]", numpy: "x[::2].copy()"),
        // int32
        .init(name: "int32 xi + yi", jax: "xi + yi", numpy: "xi + yi"),
        .init(name: "int32 xi * yi", jax: "xi * yi", numpy: "xi * yi"),
        .init(name: "int32 xi ** 2", jax: "xi ** 2", numpy: "xi ** 2"),
        .init(name: "int32 xi > 5", jax: "xi > 5", numpy: "xi > 5"),
        .init(name: "int32 sum", jax: "jnp.sum(xi)", numpy: "np.sum(xi)"),
        .init(name: "int32 max", jax: "jnp.max(xi)", numpy: "np.max(xi)"),
        .init(name: "int32 cumsum", jax: "jnp.cumsum(xi)", numpy: "np.cumsum(xi)"),
        .init(name: "int32 where", jax: "jnp.where(xi > 5, xi, yi)", numpy: "np.where(xi > 5, xi, yi)"),
        // the lab's function
        .init(name: "f(x) = mean((x+2)**2+3)", jax: "f(x)", numpy: "f(x)"),
    ]

    /// With `jax_enable_x64` on.
    static let float64: [EagerWorkload] = [
        .init(name: "f64 exp", jax: "jnp.exp(d)", numpy: "np.exp(d)"),
        .init(name: "f64 log", jax: "jnp.log(d)", numpy: "np.log(d)"),
        .init(name: "f64 tanh", jax: "jnp.tanh(d)", numpy: "np.tanh(d)"),
        .init(name: "f64 sin", jax: "jnp.sin(d)", numpy: "np.sin(d)"),
        .init(name: "f64 sqrt", jax: "jnp.sqrt(d)", numpy: "np.sqrt(d)"),
        .init(name: "f64 d + e", jax: "d + e", numpy: "d + e"),
        .init(name: "f64 d * e", jax: "d * e", numpy: "d * e"),
        .init(name: "f64 d ** 2", jax: "d ** 2", numpy: "d ** 2"),
        .init(name: "f64 maximum", jax: "jnp.maximum(d, e)", numpy: "np.maximum(d, e)"),
        .init(name: "f64 sum", jax: "jnp.sum(d)", numpy: "np.sum(d)"),
        .init(name: "f64 max", jax: "jnp.max(d)", numpy: "np.max(d)"),
        .init(name: "f64 cumsum", jax: "jnp.cumsum(d)", numpy: "np.cumsum(d)"),
        .init(name: "f64 where", jax: "jnp.where(d > 0.5, d, e)", numpy: "np.where(d > 0.5, d, e)"),
        .init(name: "float64 -> float32", jax: "d.astype(jnp.float32)", numpy: "d.astype(np.float32)"),
        .init(name: "float32 -> float64", jax: "x.astype(jnp.float64)", numpy: "x.astype(np.float64)"),
    ]
}
