# %% setup
import jax
import jax.numpy as jnp
import numpy as np
from jax.scipy import special

x = jnp.array([0.0, 1e-30, 0.25, 0.5, 0.75, 1.0, 2.0, -0.5])
y = jnp.array([0.0, 2.0, jnp.nan, 0.5, -1.0, 1e-20, jnp.inf, 3.0])

# %% values
print(special.logit(x), special.logit(jnp.array([1, 0])), repr(special.logit(0.3)))
print(special.xlogy(x, y), special.xlog1py(x, y), special.xlogy(0.0, 0.0), special.xlog1py(0, -1.0))
print(special.entr(x), special.entr(jnp.array([0, 1, 2])), repr(special.entr(0.5)))
print(special.xlogy(jnp.array([[1.0], [0.0]]), jnp.array([2.0, 3.0])), special.xlogy(2, 3))

# %% jaxprs
print(jax.make_jaxpr(special.logit)(x))
print(jax.make_jaxpr(special.xlogy)(x, y))
print(jax.make_jaxpr(special.xlog1py)(x, y))
print(jax.make_jaxpr(special.entr)(x))
print(jax.make_jaxpr(lambda a: special.xlogy(a, 2.0))(x))

# %% gradients
v = jnp.array([0.1, 0.5, 0.9])
print(jax.grad(lambda a: special.logit(a).sum())(v), jax.grad(lambda a: special.entr(a).sum())(v))
print(jax.grad(lambda a, b: special.xlogy(a, b).sum(), argnums=(0, 1))(v, v + 1))
print(jax.grad(lambda a, b: special.xlog1py(a, b).sum(), argnums=(0, 1))(v, v))
print(jax.grad(lambda a: special.xlogy(a, 2.0).sum())(jnp.array([0.0, 1.0])))
print(jax.vmap(jax.grad(special.logit))(v), jax.jit(special.entr)(x))
print(jax.make_jaxpr(jax.grad(special.logit))(0.25))

# %% errors
for f in [lambda: special.logit([0.5]), lambda: special.xlogy(x, [1.0]), lambda: special.entr(jnp.array([1j]))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
