# %% setup
import jax
import jax.numpy as jnp
import numpy as np
from jax.scipy import special
from jax.scipy.stats import norm

x = jnp.array([-30.0, -9.5, -4.0, -2.0, -1.5, -1.0, -0.99999994, -0.3, -0.0, 0.0, 1e-20, 0.5, 0.99999994, 1.0, 1.9999999, 2.0, 3.7, 9.1, 9.4, 10.0, 27.0])
special_values = jnp.array([jnp.inf, -jnp.inf, jnp.nan, 1e-40, -1e-40, 3.4e38, -3.4e38])
rng = np.random.default_rng(11)
r = jnp.asarray(np.concatenate([rng.uniform(-1.2, 1.2, 3000), rng.uniform(-11, 11, 3000), rng.standard_normal(3000) * 3]).astype(np.float32))

def bits(y):
    return int(np.asarray(y).view(np.uint32).astype(np.uint64).sum())

# %% erfc-values
print(jax.lax.erfc(x))
print(jax.lax.erfc(special_values))
print(special.erfc(x[:5]), special.erfc(jnp.array([1, 2])), repr(special.erfc(2.0)), repr(jax.lax.erfc(jnp.float32(-1.5))))
print(bits(jax.lax.erfc(r)), bits(jax.jit(jax.lax.erfc)(r)), bits(jax.jit(lambda v: jax.lax.erfc(v * 2.0) + 1.0)(r)))
print([float(jax.lax.erfc(v)) for v in x[:6]])

# %% erfc-float64
jax.config.update("jax_enable_x64", True)
d = jnp.asarray(np.concatenate([rng.uniform(-1.2, 1.2, 2000), rng.uniform(-30, 30, 2000)]))
print(jax.lax.erfc(jnp.array([-30.0, -8.0, -7.99, -1.0, -0.5, 0.0, 0.75, 1.0, 7.5, 8.0, 26.5, 27.3, 40.0])))
print(int(np.asarray(jax.lax.erfc(d)).view(np.uint64).sum() % (2**61)))
print(special.ndtr(jnp.array([-40.0, -5.0, -0.5, 0.0, 0.5, 5.0, 10.0])))
jax.config.update("jax_enable_x64", False)

# %% erfc-half-and-errors
h = jnp.array([-2.0, -0.5, 0.5, 1.5, 3.0], dtype=jnp.float16)
print(repr(jax.lax.erfc(h)), repr(jax.lax.erfc(h.astype(jnp.bfloat16))))
for f in [lambda: jax.lax.erfc(jnp.array([1, 2])), lambda: special.erfc([1.0]), lambda: special.ndtr(jnp.array([1, 2])),
          lambda: special.ndtr(h), lambda: norm.cdf(h)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% erfc-transforms
print(jax.grad(lambda v: jax.lax.erfc(v).sum())(x[:8]))
print(jax.vmap(jax.grad(jax.lax.erfc))(x[:4]))
print(jax.make_jaxpr(jax.grad(jax.lax.erfc))(1.0))
print(jax.make_jaxpr(special.erfc)(jnp.array([1, 2])))

# %% ndtr-norm
print(special.ndtr(x))
print(bits(special.ndtr(r)))
print(norm.logpdf(x), norm.pdf(x[:6]), norm.cdf(x[5:12]), norm.sf(x[5:12]))
print(norm.logpdf(x[:4], 1.0, 2.0), norm.pdf(x[:4], loc=-1, scale=0.5), norm.cdf(x[:4], 0.5), norm.sf(x[:4], scale=3))
print(norm.logpdf(3), repr(norm.pdf(0.0)), repr(norm.cdf(1)), norm.logpdf(x[:3], jnp.ones(3), jnp.array([1.0, 2.0, 3.0])))
print(bits(norm.logpdf(r, 0.3, 1.7)), bits(norm.cdf(r)), bits(norm.sf(r, -0.2)))
print(jax.make_jaxpr(norm.logpdf)(x[:3]))
print(jax.make_jaxpr(lambda v: norm.pdf(v, 1.0, 2.0))(x[:3]))
print(jax.make_jaxpr(norm.cdf)(x[:3]))
print(jax.make_jaxpr(norm.sf)(x[:3]))
print(jax.make_jaxpr(special.ndtr)(x[:3]))
print(jax.grad(lambda v: norm.logpdf(v).sum())(x[:5]), jax.grad(lambda v: norm.cdf(v).sum())(x[:5]))

# %% gelu-exact
print(jax.nn.gelu(x, approximate=False))
print(bits(jax.nn.gelu(r, approximate=False)), bits(jax.jit(lambda v: jax.nn.gelu(v, approximate=False))(r)))
print(repr(jax.nn.gelu(jnp.array([1, -2]), approximate=False)), repr(jax.nn.gelu(h, False)))
print(jax.make_jaxpr(lambda v: jax.nn.gelu(v, approximate=False))(x[:3]))
print(jax.grad(lambda v: jax.nn.gelu(v, approximate=False).sum())(x[:6]))
