# %% setup
import jax
import jax.numpy as jnp
import numpy as np

# %% format_of_zero_d_arrays
v = jnp.float32(-1.5) / 7
print(f'{v}', f'{v:.3f}', f'{v:>12.4e}', format(v), '{}'.format(v))
print(f'{jnp.int32(7)}', f'{jnp.int32(7):04d}', f'{jnp.bool_(True)}', f'{jnp.float16(2.5) / 3}')
print(f'{jnp.arange(3)}', f'{jnp.ones((2, 2))}')
key = jax.random.key(3)
for i in range(2):
    key, sub = jax.random.split(key)
    print(f'draw {i}: {jax.random.normal(sub)}')
try:
    f'{jnp.arange(3):.2f}'
except TypeError as e:
    print('TypeError', e)

# %% jnp_refuses_lists
for f in [lambda: jnp.sum([1, 2, 3]), lambda: jnp.mean((1.0, 2.0)), lambda: jnp.exp([0.0]),
          lambda: jnp.add(1, [2]), lambda: jnp.maximum([1], 0), lambda: jnp.where([True], 1, 2),
          lambda: jnp.where(True, 1, [2]), lambda: jnp.reshape([1, 2], (2,)), lambda: jnp.stack([[1, 2], [3, 4]]),
          lambda: jnp.zeros_like([1.0]), lambda: jnp.clip([1, 2], 0, 1), lambda: jnp.argmax([3, 1]),
          lambda: jnp.where(jnp.ones(2), 1)]:
    try:
        f()
    except TypeError as e:
        print('TypeError', e)
print(jnp.sum(jnp.array([1, 2, 3])), jnp.shape([[1, 2]]), jnp.ndim([1]), jnp.size([1, 2, 3]))

# %% broadcasting_errors
for f in [lambda: jnp.ones((2, 3)) + jnp.ones((4,)), lambda: jnp.ones((2, 3)) * jnp.ones((2, 4)),
          lambda: jnp.maximum(jnp.ones((3, 1, 2)), jnp.ones((4, 3))), lambda: jnp.where(jnp.ones((2, 3)) > 0, jnp.ones(4), 0.0),
          lambda: jnp.ones(3) - jnp.ones((2, 2))]:
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# %% at_get_modes
x = jnp.arange(5.0)
print(x.at[7].get(), x.at[7].get(mode='clip'), x.at[7].get(mode='fill'), x.at[7].get(mode='fill', fill_value=-2))
print(x.at[-7].get(mode='fill'), x.at[-1].get(mode='fill'), x.at[-1].get(wrap_negative_indices=False))
print(x.at[jnp.array([1, 9, -1, -9])].get(mode='fill', fill_value=jnp.nan))
m = jnp.arange(12).reshape(3, 4)
print(m.at[1, 5].get(mode='fill'), m.at[5].get(mode='fill'), m.at[2].get(mode='drop', fill_value=0))
print(jax.make_jaxpr(lambda a: a.at[9].get(mode='fill', fill_value=jnp.nan))(x))
print(jax.make_jaxpr(lambda a, i: a.at[i].get(mode='fill', fill_value=-1.0))(m, jnp.array([0, 4])))

# %% at_update_modes
x = jnp.arange(5.0)
print(x.at[7].set(1.0), x.at[7].set(1.0, mode='clip'), x.at[-9].add(1.0, mode='clip'), x.at[7].add(1.0, mode='drop'))
print(x.at[-1].set(9.0, wrap_negative_indices=False), x.at[jnp.array([0, 8])].set(3.0, mode='clip'))
print(x.at[2].multiply(10, indices_are_sorted=True, unique_indices=True), x.at[1].min(-1.0, mode='promise_in_bounds'))

# %% at_keyword_errors
x = jnp.arange(5.0)
for f in [lambda: x.at[1].get(bogus=3), lambda: x.at[1].get(3), lambda: x.at[1].set(2.0, bogus=3),
          lambda: x.at[1].set(), lambda: x.at[1].add(1.0, 2.0), lambda: x.at[1].get(mode='nearest'),
          lambda: x.at[1].set(0.0, mode='wrap')]:
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# %% nonzero_and_one_argument_where
x = jnp.array([[0.0, 1.0, 2.0], [3.0, 0.0, 0.0]])
print(jnp.where(x), jnp.nonzero(x > 1))
print(jnp.nonzero(x, size=5), jnp.nonzero(x, size=2, fill_value=-1), jnp.where(x, size=4, fill_value=(7, 8)))
print(jnp.nonzero(jnp.arange(4)), jnp.nonzero(jnp.zeros((0,))))
for f in [lambda: jnp.nonzero(jnp.float32(1)), lambda: jax.jit(lambda a: jnp.where(a))(x),
          lambda: jax.jit(lambda a: jnp.nonzero(a > 1))(x), lambda: jnp.where(x, 1.0, 2.0, size=3)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% tracer_errors_in_jit
def check(x):
    y = x * 2
    if y.sum() > 0:
        return y
    return -y

def count_up(n):
    return jnp.arange(n)

for f in [lambda: jax.jit(check)(jnp.ones(3)), lambda: jax.make_jaxpr(check)(jnp.ones(3)),
          lambda: jax.jit(lambda n: jnp.zeros(n))(3), lambda: jax.jit(lambda n: jnp.ones((n, 2)))(3),
          lambda: jax.jit(lambda a: a[a > 0])(jnp.ones(3)), lambda: jax.jit(count_up)(4),
          lambda: jax.jit(lambda a, b: jnp.arange(a, b))(1, 4), lambda: jax.jit(lambda n: list(range(n)))(3),
          lambda: jax.jit(lambda a: int(a))(3), lambda: jax.jit(lambda a, b: bool(a + b))(1, 2),
          lambda: jax.jit(lambda a, b, c: bool(a + b + c))(1, 2, 3)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
        print('--')

# %% boolean_index_eager_and_traced
x = jnp.array([1.0, -2.0, 3.0, jnp.nan])
print(x[x > 0], x[~jnp.isnan(x)] if hasattr(jnp, 'isnan') else x[x == x])
try:
    jax.jit(lambda a: a[a == a].sum())(x)
except IndexError as e:
    print(type(e).__name__, e)
print(jax.errors.NonConcreteBooleanIndexError.__mro__[1].__name__)

# %% array_of_traced_elements
print(jax.make_jaxpr(lambda a: jnp.array(a))(jnp.ones(2)))
print(jax.make_jaxpr(lambda a: jnp.asarray(a))(jnp.ones(2)))
print(jax.make_jaxpr(lambda a: jnp.array(a, ndmin=3))(jnp.ones(2)))
print(jax.make_jaxpr(lambda a, b: jnp.array([a, b]))(1.0, 2.0))
print(jax.make_jaxpr(lambda a, b: jnp.array([a, b, 3.0]))(jnp.float32(1.0), 2))
print(jax.make_jaxpr(lambda a, b: jnp.array([[a, b], [b, a]]))(jnp.ones(2), jnp.ones(2)))
print(jax.make_jaxpr(lambda a: jnp.array([a] * 18))(1.0))
print(jax.make_jaxpr(lambda a: jnp.array((a, 2), dtype=jnp.int32))(1.0))
print(jax.make_jaxpr(lambda a: jnp.array([a, jnp.ones(2)]))(jnp.ones(2)))
print(jnp.array([1, 2], ndmin=3).shape, jnp.array(5, ndmin=2), jnp.array([jnp.ones(2), [1, 2]]))
for f in [lambda: jnp.array([1], order='C'), lambda: jnp.asarray([1], order='F'), lambda: jnp.array([1], bogus=1),
          lambda: jnp.array([jnp.ones(()), None])]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
