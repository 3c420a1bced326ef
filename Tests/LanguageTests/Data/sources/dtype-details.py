# Weak types JAX keeps or drops in creation and differentiation, and reinterpreting bits
# (bitcast_convert_type, view, signbit).

# %% setup
import jax
import jax.numpy as jnp
import numpy as np

# %% full_weak_type
# a Python scalar fill with no dtype gives a weak array (never for a bool); a dtype makes it strong
print(repr(jnp.full(2, 1.5)), repr(jnp.full(2, 1j)), repr(jnp.full(2, 1)))
print(repr(jnp.full(2, True)), repr(jnp.full((2,), jnp.array(2.0))), repr(jnp.full(2, 1.5, dtype=jnp.float32)))
print(repr(jnp.full((2,), jnp.float32(1))), repr(jnp.full((2, 2), jnp.array([1., 2.]))))
print(repr(jax.jit(lambda x: jnp.full(3, 2) + x)(1)))
print(jax.make_jaxpr(lambda x: jnp.full(2, 1.5) * x)(1.0))

# %% like_weak_type
# zeros_like, ones_like and full_like keep a weak argument's weak type unless given a dtype
print(repr(jnp.zeros_like(1.0)), repr(jnp.full_like(1.0, 2)), repr(jnp.ones_like(3)))
print(repr(jnp.full_like(jnp.array([1., 2.]), 2)), repr(jnp.zeros_like(jnp.array(1.0))))
print(repr(jnp.zeros_like(2.0, shape=(2,))), repr(jnp.ones_like(jnp.array(3), dtype=jnp.float32)))
print(repr(jnp.full_like(jnp.array(1.0), 5, shape=(2,))), repr(jnp.full_like(True, 1)), repr(jnp.zeros_like(False)))
print(repr(jnp.ones(2)), repr(jnp.zeros(2)))
print(jax.make_jaxpr(lambda x: jnp.zeros_like(x))(1.0))
print(jax.make_jaxpr(lambda x: jnp.full_like(x, 3))(1.0))

# %% vjp_cotangent_weak_type
# the pullback's result takes the cotangent's weak type, not the primal's
y, f = jax.vjp(lambda x: x * 2.0, 3.0)
print(f(jnp.float32(1.0)), f(jnp.array(1.0)), f(1.0))
y, f = jax.vjp(lambda x, z: (x * z, jnp.sin(x)), 3.0, jnp.float32(2))
print(f((jnp.float32(1.0), jnp.array(1.0))))
print(f((jnp.array(1.0), jnp.array(1.0))))
y, f = jax.vjp(lambda x, z: x * 2.0, 3.0, 4.0)
print(f(jnp.float32(1.0)))
