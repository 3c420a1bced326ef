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

# %% bitcast_convert_type
# the bits read as another dtype: same width keeps the shape, narrower adds a last axis,
# wider consumes one; bools and complex numbers only as themselves
x = jnp.array([1.0, -2.0, 0.5])
print(jax.lax.bitcast_convert_type(x, jnp.int32))
print(repr(jax.lax.bitcast_convert_type(x, jnp.uint32)))
print(repr(jax.lax.bitcast_convert_type(x, jnp.uint8)))
print(repr(jax.lax.bitcast_convert_type(x, jnp.float16)))
print(repr(jax.lax.bitcast_convert_type(jnp.zeros((2, 2), jnp.uint8), jnp.uint16)))
print(repr(jax.lax.bitcast_convert_type(jnp.arange(4, dtype=jnp.int8).reshape(2, 2), jnp.int16)))
print(repr(jax.lax.bitcast_convert_type(1.0, jnp.int32)))
for f in [lambda: jax.lax.bitcast_convert_type(jnp.array([True, False]), jnp.uint8),
          lambda: jax.lax.bitcast_convert_type(jnp.zeros(3, jnp.uint8), jnp.uint16),
          lambda: jax.lax.bitcast_convert_type(jnp.array([1 + 2j], jnp.complex64), jnp.float32),
          lambda: jax.lax.bitcast_convert_type(jnp.ones(3), bool)]:
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)

# %% bitcast_transformations
print(jax.make_jaxpr(lambda x: jax.lax.bitcast_convert_type(x, jnp.int32))(x))
print(jax.make_jaxpr(lambda x: jax.lax.bitcast_convert_type(x, jnp.uint8))(x))
print(jax.jit(lambda x: jax.lax.bitcast_convert_type(x, jnp.int32))(x))
print(jax.vmap(lambda x: jax.lax.bitcast_convert_type(x, jnp.uint16))(x))
print(jax.make_jaxpr(jax.vmap(lambda x: jax.lax.bitcast_convert_type(x, jnp.uint16)))(x))
print(jax.vmap(lambda r: jax.lax.bitcast_convert_type(r, jnp.int32), in_axes=1)(jnp.ones((2, 3))))
print(jax.vmap(lambda r: jax.lax.bitcast_convert_type(r, jnp.uint8), in_axes=0, out_axes=1)(x).shape)
# its derivative is zero
print(jax.grad(lambda a: jax.lax.bitcast_convert_type(a, jnp.float32) * 2)(1.0))

# %% signbit
print(jnp.signbit(jnp.array([-0.0, 0.0, -1.0, jnp.nan, -jnp.inf])), jnp.signbit(jnp.array([-1, 0, 3])), jnp.signbit(-2.0))
print(jnp.signbit(jnp.array([-0.0, 1.0], jnp.float16)), jnp.signbit(jnp.array([-0.0, 1.0], jnp.bfloat16)),
      jnp.signbit(jnp.array([True])), jnp.signbit(jnp.array([3], jnp.uint8)))
print(jax.make_jaxpr(jnp.signbit)(x))
print(jax.make_jaxpr(jnp.signbit)(jnp.array([1, 2])))
print(jax.make_jaxpr(jnp.signbit)(jnp.array([True])))
print(jax.jit(jnp.signbit)(x), jax.grad(lambda a: jnp.sum(jnp.where(jnp.signbit(a), -a, a)))(x))
try: jnp.signbit(jnp.array([1j]))
except Exception as e: print(type(e).__name__, e)

# %% jax_array_view
print(repr(x.view(jnp.int32)), repr(x.view(jnp.uint8)))
print(repr(x.view()), repr(jnp.zeros((2, 4), jnp.uint8).view(jnp.float32)))
print(jax.vmap(lambda r: r.view(jnp.uint16))(jnp.ones((2, 3))))
print(repr(jnp.array(1.5, jnp.bfloat16).view(jnp.int16)), repr(jnp.array([1, 0, 2], jnp.uint8).view(bool)))
print(repr(jnp.array([True, False, True, True]).view(jnp.int16)), repr(jnp.array(2.0).view(jnp.int32)))
print(repr(jnp.array([-1, 2], jnp.int16).view(jnp.uint16)), repr(jnp.arange(8, dtype=jnp.uint8).reshape(2, 4).view(jnp.float32)))
for f in [lambda: x.view(jnp.float16).view(jnp.uint8), lambda: jnp.array(1.0).view(jnp.uint8),
          lambda: jnp.ones(3, jnp.uint8).view(jnp.int16)]:
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
print(jax.jit(lambda a: a.view(jnp.int32))(x))
print(jax.make_jaxpr(lambda a: a.view(jnp.uint8))(x))
print(jax.make_jaxpr(lambda a: a.view(jnp.int16))(jnp.array([True, False])))
print(jax.make_jaxpr(lambda a: a.view(bool))(jnp.array([1, 0], jnp.int8)))
print(jax.make_jaxpr(lambda a: a.view(jnp.int32))(jnp.zeros((2, 4), jnp.uint8)))
print(jax.make_jaxpr(lambda a: a.view(jnp.int32))(jnp.float32(1)))

# %% numpy_array_view
a = np.array([1.0, -2.0])
print(repr(a.view(np.int64)), repr(a.view(np.uint8)), repr(a.view(np.float32)), repr(a.view()))
print(repr(np.array([1, 2], np.int32).view(np.float32)), repr(np.array([1, 2], np.int32).view('uint8')), repr(np.array(1.0).view(np.int64)))
print(repr(np.array([0, 1, 2], np.uint8).view(bool)), repr(np.array([True, False]).view(np.int8)))
for f in [lambda: np.zeros(3, np.uint8).view(np.uint16), lambda: np.array(1.0).view(np.int32)]:
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
