# %% setup
import jax
import jax.numpy as jnp

# %% inverse-trig-hyperbolic
x = jnp.array([-1.0, -0.75, -0.5, -1e-8, 0.0, -0.0, 0.25, 0.5, 0.9999999, 1.0, 1.5, jnp.nan])
for f in [jnp.arcsin, jnp.arccos, jnp.arctanh, jnp.arcsinh, jnp.sinh, jnp.cosh]:
    print(f.__name__, f(x))
big = jnp.array([1.0, 1.0000001, 1.5, 2.0, 10.0, 1e5, 3e38, jnp.inf, 0.5, -3.0])
print(jnp.arccosh(big), jnp.arcsinh(big), jnp.arcsinh(-big))
wide = jnp.array([-100.0, -89.0, -20.0, -1.0, -0.999, 0.001, 0.99, 1.0, 3.5, 88.5, 89.5, 100.0])
print(jnp.sinh(wide), jnp.cosh(wide))
r = jax.random.normal(jax.random.key(3), (3, 40))
print(jnp.arcsin(jnp.tanh(r[0])), jnp.sinh(r[1] * 4), jnp.arcsinh(r[2] * 1000))
print(repr(jnp.arcsin(1)), repr(jnp.arccos(0.5)), repr(jnp.sinh(jnp.arange(3))), repr(jnp.cosh(jnp.float16(2))), repr(jnp.arctanh(True)))
print(jnp.asin is jnp.arcsin, jnp.acosh(2.0), jnp.atan(1.0), jnp.asinh(1.0), jnp.atanh(0.5), jnp.acos(-1.0))

# %% inverse-trig-hyperbolic-transforms
print(jax.make_jaxpr(jnp.arcsin)(jnp.arange(3)))
print(jax.make_jaxpr(jnp.arccosh)(2.0))
print(jax.make_jaxpr(lambda x: jnp.acosh(x) + jnp.sinh(x) * jnp.cosh(x))(jnp.ones(2)))
for f in [jnp.arcsin, jnp.arccos, jnp.arctanh, jnp.arcsinh, jnp.arccosh, jnp.sinh, jnp.cosh]:
    print(f.__name__, jax.grad(f)(0.5 if f is not jnp.arccosh else 1.5), jax.make_jaxpr(jax.grad(f))(0.5))
print(jax.vmap(jnp.arcsinh)(jnp.arange(3.0)), jax.jit(jnp.cosh)(jnp.arange(4.0)), jax.jit(lambda x: jnp.arcsin(x) * 2 + 1)(x))
print(jax.grad(lambda x: jnp.arctanh(x).sum())(jnp.array([0.0, 0.5, -0.9])), jax.grad(jax.grad(jnp.sinh))(1.0))
for f in [lambda: jnp.arccos([0.5]), lambda: jnp.arcsinh(jnp.ones(2), 1)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% sign-and-rounding
a = jnp.array([1.5, -2.0, 0.0, -0.0, jnp.inf, jnp.nan, 3.0])
b = jnp.array([-1.0, 2.0, -0.0, 1.0, -jnp.inf, -1.0, jnp.nan])
print(jnp.copysign(a, b), jnp.copysign(a, -0.0), repr(jnp.copysign(3, -1)), jnp.heaviside(a, 0.5), jnp.heaviside(jnp.arange(-2, 3), jnp.arange(5.0)))
print(jnp.float_power(jnp.arange(1, 5), -2), repr(jnp.float_power(2, 3)), jnp.fmax(a, b), jnp.fmin(a, b), jnp.fabs(jnp.arange(-2, 2)))
h = jnp.array([0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1234.5678, -0.0])
print(jnp.rint(h), repr(jnp.rint(jnp.arange(3))), jnp.round(h), jnp.round(h, 2), jnp.round(h, -2), jnp.around(h, 1), h.round(1))
print(repr(jnp.round(jnp.arange(5), 1)), repr(jnp.round(jnp.float16(2.675), 2)), jnp.round(h, 40), repr(jnp.round(2.5)), repr(jnp.positive(jnp.int8(3))))
print(jnp.isposinf(a), jnp.isneginf(b), jnp.isposinf(jnp.arange(2)), jnp.nextafter(jnp.float32(1), 2.0), jnp.nextafter(jnp.array([0.0, 1.0]), jnp.array([1.0, 0.0])))
print(jax.make_jaxpr(jnp.copysign)(a, b))
print(jax.make_jaxpr(jnp.heaviside)(a, 0.5))
print(jax.make_jaxpr(lambda x: jnp.round(x, 2))(a))
print(jax.make_jaxpr(jnp.around)(a))
print(jax.make_jaxpr(jnp.rint)(jnp.arange(3)))
print(jax.make_jaxpr(jnp.fmax)(a, b))
print(jax.make_jaxpr(jnp.float_power)(jnp.arange(3), 2))
print(jax.make_jaxpr(jnp.isposinf)(jnp.arange(3)))
print(jax.grad(lambda x: jnp.copysign(x, -1.0))(2.0), jax.vmap(jnp.heaviside)(a, b), jax.jit(jnp.round, static_argnums=1)(h, 1))
for f in [lambda: jnp.copysign(1j, 1.0), lambda: jnp.fabs(1j), lambda: jnp.round(jnp.arange(3), -1), lambda: jnp.round(a, out=a),
          lambda: jnp.isposinf(a, out=a), lambda: jnp.isneginf(1j), lambda: jnp.fix(a)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% nan-to-num-sinc
v = jnp.array([jnp.nan, jnp.inf, -jnp.inf, 1.5, -0.0])
print(jnp.nan_to_num(v), jnp.nan_to_num(v, nan=-1.0, posinf=9.0), jnp.nan_to_num(v, neginf=0), repr(jnp.nan_to_num(jnp.arange(3))))
print(repr(jnp.nan_to_num(v.astype(jnp.float16))))
print(jax.make_jaxpr(jnp.nan_to_num)(v))
print(jax.make_jaxpr(lambda x: jnp.nan_to_num(x, nan=2.0))(v))
s = jnp.array([0.0, 0.5, -0.5, 1.0, 2.5, 1e-8, -3.25, 100.0])
print(jnp.sinc(s), repr(jnp.sinc(0)), repr(jnp.sinc(jnp.arange(3))))
print(jax.make_jaxpr(jnp.sinc)(s))
print(jax.grad(jnp.sinc)(0.0), jax.grad(jax.grad(jnp.sinc))(0.0), jax.grad(jnp.sinc)(0.5), jax.vmap(jax.grad(jnp.sinc))(s[:6]))

# %% cumulative-products
c = jnp.array([[1.5, 2.0, -0.5], [3.0, jnp.nan, 0.25]])
print(jnp.cumprod(c), jnp.cumprod(c, axis=0), jnp.cumprod(c, axis=-1), jnp.nancumsum(c), jnp.nancumprod(c, axis=1), c.cumprod(axis=1))
print(repr(jnp.cumprod(jnp.arange(1, 6))), repr(jnp.cumprod(jnp.array([True, True, False]))), repr(jnp.cumprod(jnp.arange(4), dtype=jnp.float32)))
print(repr(jnp.nancumsum(jnp.arange(3))), repr(jnp.cumprod(2.0)), jnp.cumprod(jnp.arange(1, 40, dtype=jnp.int32)))
long = 1 + jax.random.normal(jax.random.key(7), (100,)) * 0.05
print(jnp.cumprod(long))
print(jnp.cumprod(long.reshape(4, 25), axis=1)[:, -1], jnp.nancumprod(long.at[5].set(jnp.nan))[-1])
print(jax.make_jaxpr(jnp.cumprod)(c))
print(jax.make_jaxpr(lambda x: jnp.nancumsum(x, axis=0))(c))
print(jax.make_jaxpr(lambda x: jnp.nancumprod(x, dtype=jnp.int32))(c))
print(jax.vmap(jnp.cumprod)(c), jax.jit(jnp.nancumprod)(c))
for f in [lambda: jnp.cumprod(c, axis=2), lambda: jnp.cumprod(c, out=c), lambda: jax.grad(lambda x: jnp.cumprod(x).sum())(c)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% take-along-axis
m = jnp.array([[30.0, 10.0, 20.0], [5.0, 15.0, 0.5]])
order = jnp.argsort(m, axis=1)
print(jnp.take_along_axis(m, order, axis=1), jnp.take_along_axis(m, jnp.array([[0], [2]]), axis=1), jnp.take_along_axis(m, jnp.array([[1, 0, 1]]), axis=0))
print(jnp.take_along_axis(m, jnp.array([5, -1, 0]), axis=None), jnp.take_along_axis(m, jnp.array([[3], [-4]]), axis=1, mode="clip"))
print(jnp.take_along_axis(m, jnp.array([[3], [-4]]), axis=1, fill_value=-1.0), jnp.take_along_axis(jnp.arange(6).reshape(2, 3), jnp.array([[7], [1]]), axis=1))
print(jax.make_jaxpr(lambda a: jnp.take_along_axis(a, jnp.argsort(a, axis=1), axis=1))(m))
print(jax.make_jaxpr(lambda a, i: jnp.take_along_axis(a, i, axis=0))(m, jnp.array([[1, 0, 1]])))
print(jax.make_jaxpr(lambda a, i: jnp.take_along_axis(a, i, axis=None, mode="clip"))(m, jnp.array([5, 1])))
print(jax.grad(lambda a: jnp.take_along_axis(a, order, axis=1)[:, 0].sum())(m), jax.vmap(lambda a, i: jnp.take_along_axis(a, i, axis=0))(m, order))
for f in [lambda: jnp.take_along_axis(m, jnp.array([[0.5]]), axis=1), lambda: jnp.take_along_axis(m, jnp.array([0]), axis=1),
          lambda: jnp.take_along_axis(m, jnp.array([[0]]), axis=None), lambda: jnp.take_along_axis(m, jnp.array([[0, 1]]), axis=3)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% quantiles
d = jnp.array([[3.0, 1.0, 4.0, 1.5], [9.0, 2.0, 6.0, 5.0], [0.5, 8.0, 7.0, 2.5]])
print(jnp.median(d), jnp.median(d, axis=0), jnp.median(d, axis=1, keepdims=True), jnp.median(d[:, :3], axis=-1), repr(jnp.median(jnp.arange(4))))
print(jnp.quantile(d, 0.3), jnp.quantile(d, jnp.array([0.1, 0.5, 0.9]), axis=1), jnp.quantile(d, 0.25, axis=(0, 1), keepdims=True))
for method in ["linear", "lower", "higher", "midpoint", "nearest"]:
    print(method, jnp.quantile(d, jnp.array([0.0, 0.2, 0.5, 0.75, 1.0]), method=method), jnp.percentile(d, 35, axis=0, method=method))
print(jnp.percentile(d, jnp.array([10, 50, 90])), repr(jnp.percentile(jnp.arange(10), 33)), jnp.median(d.at[1, 2].set(jnp.nan), axis=1), jnp.quantile(jnp.arange(5.0), 1.5))
r = jax.random.uniform(jax.random.key(2), (101,))
print(jnp.median(r), jnp.quantile(r, jnp.array([0.01, 0.33, 0.999])), jnp.percentile(r, 12.5, method="nearest"))
print(jax.make_jaxpr(jnp.median)(d[0]))
print(jax.make_jaxpr(lambda a: jnp.quantile(a, jnp.array([0.25, 0.5]), axis=1, keepdims=True))(d))
print(jax.make_jaxpr(lambda a: jnp.percentile(a, 30, axis=(0, 1), method="nearest"))(d))
print(jax.grad(lambda a: jnp.median(a))(d[0]), jax.vmap(jnp.median)(d), jax.jit(jnp.quantile, static_argnames="axis")(d, 0.5, axis=0))
for f in [lambda: jnp.quantile(d, 0.5, method="bogus"), lambda: jnp.median(d, out=d), lambda: jnp.quantile(d, jnp.ones((2, 2))),
          lambda: jnp.quantile(d, 0.5, weights=d), lambda: jnp.quantile(d, 0.5, axis=(0, 0)), lambda: jnp.median(d.astype(jnp.complex64))]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% polyval-interp-unravel
p = jnp.array([2.0, -3.0, 0.5, 1.0])
t = jnp.linspace(-2.0, 2.0, 9)
print(jnp.polyval(p, t), repr(jnp.polyval(jnp.array([1, 2, 3]), 2)), jnp.polyval(jnp.ones((3, 2)), jnp.array([2.0, 3.0])), repr(jnp.polyval(p, 0.5)))
print(jax.make_jaxpr(jnp.polyval)(p, t))
print(jax.grad(jnp.polyval, argnums=1)(p, 1.5), jax.vmap(jnp.polyval, in_axes=(None, 0))(p, t))
xp = jnp.array([0.0, 1.0, 2.5, 4.0])
fp = jnp.array([1.0, 3.0, -1.0, 0.5])
q = jnp.array([-1.0, 0.0, 0.5, 1.0, 2.0, 3.9, 4.0, 7.0])
print(jnp.interp(q, xp, fp), jnp.interp(q, xp, fp, left=-9.0, right=9.0), jnp.interp(q, xp, fp, left="extrapolate", right="extrapolate"))
print(jnp.interp(q, xp, fp, period=3.0), repr(jnp.interp(2, jnp.arange(5), jnp.arange(5) ** 2)), jnp.interp(q, xp, fp.astype(jnp.float16)))
print(jax.make_jaxpr(jnp.interp)(q, xp, fp))
print(jax.make_jaxpr(lambda a: jnp.interp(a, xp, fp, left=0.0))(q))
print(jax.grad(lambda a: jnp.interp(a, xp, fp).sum())(q), jax.vmap(jnp.interp, in_axes=(0, None, None))(q, xp, fp))
print(jnp.unravel_index(jnp.array([0, 5, 11, 12, -1, -13]), (3, 4)), jnp.unravel_index(7, (2, 2, 2)), jnp.unravel_index(3, 5))
print(jnp.divmod(jnp.arange(-3, 4), 2), jnp.divmod(jnp.array([7.5, -7.5]), 2.0))
print(jax.make_jaxpr(lambda i: jnp.unravel_index(i, (3, 4)))(jnp.arange(3)))
for f in [lambda: jnp.interp(q, xp, fp[:3]), lambda: jnp.interp(q, xp, fp, left="edge"), lambda: jnp.polyval(2.0, t),
          lambda: jnp.unravel_index(jnp.arange(3), ((2, 3),))]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% bitwise-gcd-lcm
a = jnp.array([5, -3, 12, 0, 255])
b = jnp.array([3, 1, 10, 7, 2], dtype=jnp.int8)
u = jnp.array([200, 1, 128], dtype=jnp.uint8)
print(jnp.bitwise_and(a, b), jnp.bitwise_or(a, 1), jnp.bitwise_xor(a, b), jnp.bitwise_not(a), jnp.invert(u), ~jnp.array([True, False]))
print(a & b, a | 6, a ^ 3, ~a, a << 2, a >> 1, 1 << jnp.arange(4), u >> 3, u << 1, jnp.right_shift(a, jnp.array([0, 1, 2, 40, -1])), jnp.left_shift(a, 40))
print(repr(jnp.bitwise_and(True, jnp.array([True, False]))), repr(jnp.bitwise_or(u, 1)), repr(jnp.left_shift(True, 3)), repr(jnp.bitwise_invert(jnp.int16(7))))
print(jnp.gcd(jnp.array([12, -18, 0, 7, 0]), jnp.array([8, 24, 5, 13, 0])), jnp.lcm(jnp.array([4, -6, 0, 7]), 6), repr(jnp.gcd(12, 18)), repr(jnp.lcm(jnp.int8(4), jnp.int8(6))))
print(jax.make_jaxpr(jnp.bitwise_and)(a, b))
print(jax.make_jaxpr(lambda x, y: (x & y, x | 1, x ^ y, ~x, x << 2, x >> y))(a, b))
print(jax.make_jaxpr(jnp.right_shift)(jnp.uint8(200), 3))
print(jax.make_jaxpr(jnp.gcd)(a, b))
print(jax.make_jaxpr(jnp.lcm)(a, 6))
print(jax.vmap(jnp.gcd)(a, b), jax.jit(jnp.lcm)(a, b), jax.jit(lambda x: (x & 3) | (x >> 1))(a))
for f in [lambda: jnp.bitwise_and(1.5, 2), lambda: ~jnp.ones(2), lambda: jnp.left_shift(jnp.ones(2), 1), lambda: jnp.ones(2) & 1,
          lambda: jnp.gcd(1.5, 2), lambda: jnp.lcm(jnp.ones(2), 2), lambda: jnp.right_shift(2.0, 1)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% empty-and-help
print(repr(jnp.empty(3)), repr(jnp.empty((2, 2), dtype=jnp.int32)), repr(jnp.empty_like(jnp.arange(3))), repr(jnp.empty_like(jnp.ones(2), shape=(1, 2))))
print(jax.make_jaxpr(lambda: jnp.empty(2))())
for f in [lambda: jnp.empty(2, jnp.float32, "cpu"), lambda: jnp.empty_like(jnp.ones(2), jnp.int32, (3,), None)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% isin-and-set-operations
e = jnp.array([[1, 5, 2], [7, 2, 9]])
t = jnp.array([2, 7, 4])
print(jnp.isin(e, t), jnp.isin(e, t, invert=True), jnp.isin(3.0, jnp.arange(5)), jnp.isin(e, jnp.array([], dtype=jnp.int32)))
print(jax.make_jaxpr(jnp.isin)(e, t))
print(jax.make_jaxpr(lambda a, b: jnp.isin(a, b, invert=True))(e, t))
print(jax.jit(jnp.isin)(e, t), jax.vmap(jnp.isin, in_axes=(0, None))(e, t))
print(jnp.union1d(e, t), jnp.intersect1d(e, t), jnp.setdiff1d(e, t), jnp.union1d(jnp.array([1.5, jnp.nan]), jnp.array([0.5, 1.5])))
print(repr(jnp.intersect1d(jnp.arange(3), jnp.arange(5, 8))), repr(jnp.setdiff1d(jnp.arange(3), jnp.arange(3))), jnp.intersect1d(jnp.array([3, 1, 3, 2]), jnp.array([3.0, 2.0])))
def union(a, b):
    return jnp.union1d(a, b)
def difference(a, b):
    return jnp.setdiff1d(a, b)
for f in [lambda: jax.jit(union)(e, t), lambda: jax.jit(difference)(e, t), lambda: jnp.isin(e, t, method="bogus")]:
    try:
        print(repr(f()))
    except Exception as e2:
        print(type(e2).__name__, e2)

# %% covariance
x = jnp.array([[1.0, 2.0, 4.0, 7.0], [0.5, 1.5, 0.0, -1.0], [3.0, 3.5, 2.0, 1.0]])
print(jnp.cov(x), jnp.cov(x, rowvar=False), jnp.cov(x[0], x[1]), repr(jnp.cov(x[0])), jnp.cov(x, bias=True), jnp.cov(x, ddof=0), jnp.cov(jnp.arange(6).reshape(2, 3)))
print(repr(jnp.corrcoef(x[1])), jnp.corrcoef(x, rowvar=False), jnp.corrcoef(jnp.array([[1.0, 2.0, 3.0], [2.0, 4.0, 7.0]])))
print(jax.make_jaxpr(jnp.cov)(x))
print(jax.grad(lambda a: jnp.cov(a).sum())(x), jax.vmap(jnp.cov)(x.reshape(3, 2, 2)))
for f in [lambda: jnp.cov(jnp.ones((2, 2, 2))), lambda: jnp.cov(x, dtype=jnp.int32), lambda: jnp.corrcoef(x, dtype=jnp.int8)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% array-api-names
g = jnp.arange(6.0).reshape(2, 3)
print(jnp.pow(g, 2), jnp.concat([g, g]), jnp.concat([g, g], axis=1).shape, jnp.permute_dims(g, (1, 0)), jnp.matrix_transpose(jnp.ones((4, 2, 3))).shape)
print(jnp.isrealobj(g), jnp.isrealobj(1j), jnp.isrealobj([1, 2]), jnp.array_equal(g, g), jnp.array_equal(g, g.T), jnp.array_equal([1, 2], jnp.array([1, 2])))
print(jnp.array_equal(jnp.array([jnp.nan, 1.0]), jnp.array([jnp.nan, 1.0])), jnp.array_equal(jnp.array([jnp.nan]), jnp.array([jnp.nan]), equal_nan=True))
print(jax.make_jaxpr(jnp.array_equal)(g, g))
print(jax.make_jaxpr(lambda a: jnp.permute_dims(a, (1, 0)) + jnp.matrix_transpose(a))(g))
for f in [lambda: jnp.matrix_transpose(jnp.ones(3)), lambda: jnp.concat(g, g), lambda: jnp.permute_dims(g)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% nan-quantiles
n = jnp.array([[3.0, jnp.nan, 4.0, 1.5], [jnp.nan, jnp.nan, jnp.nan, jnp.nan], [0.5, 8.0, 7.0, 2.5]])
print(jnp.nanmedian(n), jnp.nanmedian(n, axis=1), jnp.nanmedian(n, axis=0, keepdims=True), jnp.nanquantile(n, 0.3, axis=1), jnp.nanpercentile(n, jnp.array([25, 75]), axis=1))
print(jnp.nanquantile(n[0], jnp.array([0.0, 0.5, 1.0]), method="nearest"), jnp.nanmedian(jnp.array([1.0, jnp.nan, 3.0])), repr(jnp.nanmedian(jnp.arange(5))))
print(jax.make_jaxpr(jnp.nanmedian)(n[0]))
print(jnp.nanquantile(n, jnp.array([0.25, 0.5]), axis=1))

# %% trapezoid
y = jnp.array([1.0, 2.0, 4.0, 7.0])
print(jnp.trapezoid(y), jnp.trapezoid(y, dx=0.5), jnp.trapezoid(y, jnp.array([0.0, 1.0, 3.0, 3.5])), repr(jnp.trapezoid(jnp.arange(5))))
print(jnp.trapezoid(jnp.arange(12.0).reshape(3, 4)), jnp.trapezoid(jnp.arange(12.0).reshape(3, 4), axis=0), jnp.trapezoid(jnp.arange(6.0).reshape(2, 3), dx=jnp.array([1.0, 2.0])))
print(jax.make_jaxpr(jnp.trapezoid)(y))
print(jax.make_jaxpr(lambda a, b: jnp.trapezoid(a, b))(y, y))
print(jax.grad(jnp.trapezoid)(y), jax.vmap(jnp.trapezoid)(jnp.ones((2, 3))))

# %% more-array-api
g = jnp.arange(6.0).reshape(2, 3)
print(jnp.atan2(g, 2.0), repr(jnp.atan2(1, 2)), jnp.isreal(g), jnp.isreal(jnp.array([1 + 0j, 1j])), jnp.isscalar(1.5), jnp.isscalar(g), jnp.isscalar(g[0, 0]), jnp.isscalar([1]))
print(jnp.broadcast_arrays(g, jnp.arange(3), 1.0), jnp.copy(g), repr(jnp.copy([1, 2])))
print(jax.make_jaxpr(jnp.isreal)(g))
print(jax.make_jaxpr(jnp.atan2)(jnp.arange(3), 2.0))
print(jax.make_jaxpr(lambda a: jnp.broadcast_arrays(a, jnp.ones(3)))(g))
print(jax.make_jaxpr(jnp.copy)(g))
