# %% setup
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

# %% jnp_predicates
x = jnp.array([1.0, jnp.nan, jnp.inf, -2.0])
i = jnp.array([1, 2, 3])
for name in ['isnan', 'isinf', 'isfinite', 'real', 'imag', 'conj', 'conjugate']:
    fn = getattr(jnp, name)
    print(name, fn(x), fn(i))
print(jax.make_jaxpr(jnp.isinf)(x))
print(jax.make_jaxpr(jnp.isfinite)(i))
print(jax.make_jaxpr(jnp.isclose)(x, x))
print(jax.make_jaxpr(jnp.allclose)(x, x))
print(jax.make_jaxpr(jnp.isclose)(i, i))
print(jnp.isclose(x, x), jnp.isclose(x, x, equal_nan=True), jnp.allclose(x, x), jnp.allclose(x, x, equal_nan=True))
print(jnp.isclose(i, i), jnp.allclose(1, 1.0000001), jnp.isclose(jnp.float32(1), 1.00001, rtol=1e-6))
print(repr(jnp.allclose(jnp.ones(3), jnp.ones(3) + 1e-7)), jnp.isclose(jnp.arange(3.0), 1.0))
print(jax.jit(lambda a: jnp.where(jnp.isnan(a), 0.0, a).sum())(x[:2]), jax.vmap(jnp.isfinite)(x))

# %% vdot
print(jnp.vdot(jnp.arange(3.), jnp.arange(3.)), jnp.vdot(i, i), jnp.vdot(jnp.ones((2, 2)), jnp.arange(4.0)))
print(jax.make_jaxpr(jnp.vdot)(jnp.ones((2, 2)), jnp.ones((2, 2))))
print(jax.grad(lambda v: jnp.vdot(v, v))(jnp.arange(3.0)))
try:
    jnp.vdot(jnp.ones(2), jnp.ones(3))
except TypeError as e:
    print('TypeError', e)

# %% lax_binary
for f in [lambda: lax.add(1, 1.0), lambda: lax.add(jnp.float32(1), 1.0), lambda: lax.add(jnp.float16(1), 1.0),
          lambda: lax.add(1, 2), lambda: lax.add(jnp.ones(2), jnp.ones(3)), lambda: lax.mul(2.0, jnp.arange(3.)),
          lambda: lax.add(jnp.ones((2, 3)), jnp.ones(3)), lambda: lax.sub(jnp.int8(3), 1), lambda: lax.max(1.0, 2.0),
          lambda: lax.add(True, True), lambda: lax.pow(2.0, 3), lambda: lax.div(7, 2), lambda: lax.rem(7.5, 2.0),
          lambda: lax.atan2(1.0, 1.0), lambda: lax.atan2(1, 1), lambda: lax.add('a', 1), lambda: lax.exp('a')]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, repr(str(e)))
print(jax.make_jaxpr(lambda a: lax.mul(a, 2.0))(jnp.ones(3)))

# %% numpy_closeness
print(np.allclose([1, 2], [1, 2.0000001]), np.allclose(jnp.ones(2), jnp.ones(2)), type(np.allclose(1, 1)))
print(np.isclose([1, np.nan], [1, np.nan]), np.isclose([1, np.nan], [1, np.nan], equal_nan=True), repr(np.isclose(1.0, 1.0)))
print(np.isnan([1.0, np.nan]), np.isinf(np.inf), np.isfinite(jnp.array([1.0, jnp.inf])))

# %% numpy_testing
for a, b, kw in [([1, 2, 3.1], [1, 2, 3], {}), (np.array([1.0, 2.0]), np.array([1.0, 2.5]), dict(atol=1e-4, rtol=1e-4)),
                 (jnp.ones(3), jnp.ones(3) * 1.5, {}), (1.0, 2.0, {}), ([1, 2], [1, 2, 3], {}),
                 (np.array([1.0, np.nan]), np.array([1.0, np.nan]), {}), (np.arange(12.).reshape(3, 4), np.zeros((3, 4)), dict(err_msg='custom')),
                 (jnp.arange(3.0), jnp.arange(3.0) + 1e-9, {})]:
    try:
        print('passed', np.testing.assert_allclose(a, b, **kw))
    except AssertionError as e:
        print(repr(str(e)))
np.testing.assert_array_equal([1, 2], [1, 2])
try:
    np.testing.assert_array_equal([1, 2], [1, 3])
except AssertionError as e:
    print(repr(str(e)))

# %% numpy_random_state
np.random.seed(0)
s = np.random.get_state()
print(type(s), len(s), s[0], s[1].dtype, s[1].shape, s[2:])
print(str(s)[:300])
np.random.normal()
print(np.random.get_state()[2:])
print(np.random.get_state(legacy=False)['state']['pos'], list(np.random.get_state(legacy=False).keys()))
st = np.random.get_state()
a = np.random.rand(3)
np.random.set_state(st)
print(a, np.random.rand(3))
np.random.set_state(np.random.get_state(legacy=False))
print(np.random.rand())

# %% sharding
x = jnp.ones(3)
print(x.sharding, repr(x.sharding), x.sharding.device_set, x.sharding.is_fully_replicated)
