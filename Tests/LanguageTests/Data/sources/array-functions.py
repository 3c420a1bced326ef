# %% setup
import jax
import jax.numpy as jnp
import numpy as np

# %% flip_roll
x = jnp.arange(6.0).reshape(2, 3)
v = jnp.arange(5)
print(jnp.flip(v), jnp.flip(x), jnp.flip(x, 1), jnp.flip(x, (0, 1)), jnp.fliplr(x), jnp.flipud(x))
print(jnp.roll(v, 2), jnp.roll(v, -7), jnp.roll(x, 1), jnp.roll(x, -1, axis=1), jnp.roll(x, (1, 2), axis=(0, 1)))
print(jax.make_jaxpr(jnp.flip)(x))
print(jax.make_jaxpr(lambda a: jnp.roll(a, -1, axis=1))(x))
print(jax.make_jaxpr(lambda a: jnp.roll(a, 1))(x))
print(jax.grad(lambda a: (jnp.roll(a, 1) * jnp.arange(5.0)).sum())(jnp.ones(5)))
print(jax.vmap(lambda a: jnp.roll(a, 1))(x), jax.jit(jnp.flip)(v))

# %% tile_repeat
print(jnp.tile(v, 2), jnp.tile(x, (2, 1)), jnp.tile(v, (2, 2)).shape, jnp.tile(x, 3).shape)
print(jnp.repeat(v, 2), jnp.repeat(x, 2, axis=0), jnp.repeat(x, 3, axis=-1), jnp.repeat(x, 2))
print(jax.make_jaxpr(lambda a: jnp.tile(a, (2, 1)))(x))
print(jax.make_jaxpr(lambda a: jnp.tile(a, 2))(jnp.ones(3)))
print(jax.make_jaxpr(lambda a: jnp.repeat(a, 2, axis=0))(x))
print(jax.grad(lambda a: (jnp.tile(a, 3) * jnp.arange(6.0)).sum())(jnp.ones(2)))
print(jax.grad(lambda a: (jnp.repeat(a, 3) * jnp.arange(6.0)).sum())(jnp.ones(2)))
print(jax.vmap(lambda a: jnp.tile(a, 2))(x))
print(jax.make_jaxpr(jax.vmap(lambda a: jnp.tile(a, 2), in_axes=1))(x))

# %% diff_tri_trace
print(jnp.diff(jnp.array([1, 4, 9, 16])), jnp.diff(jnp.array([1, 4, 9, 16]), n=2), jnp.diff(x), jnp.diff(x, axis=0))
print(jnp.diff(jnp.array([True, False, False])), repr(jnp.diff(jnp.arange(3.0), n=0)))
m = jnp.arange(1.0, 13.0).reshape(3, 4)
print(jnp.tril(m), jnp.triu(m), jnp.tril(m, -1), jnp.triu(m, 1), jnp.tril(jnp.ones((2, 2, 3)), 1))
print(jnp.trace(m), jnp.trace(m, 1), jnp.trace(m, -1), repr(jnp.trace(jnp.arange(9).reshape(3, 3))), jnp.trace(jnp.ones((2, 3, 3)), axis1=1, axis2=2))
print(jnp.diag(jnp.array([1.0, 2.0, 3.0])), jnp.diag(jnp.array([1, 2]), 1), jnp.diag(jnp.array([1, 2]), -2))
print(jax.make_jaxpr(jnp.diff)(jnp.ones(4)))
print(jax.make_jaxpr(jnp.tril)(m))
print(jax.make_jaxpr(lambda a: jnp.triu(a, 1))(m))
print(jax.make_jaxpr(jnp.trace)(m))
print(jax.make_jaxpr(jnp.diag)(jnp.ones(3)))
print(jax.grad(lambda a: jnp.trace(a @ a))(m[:, :3]), jax.grad(lambda a: jnp.tril(a).sum())(m))
print(jax.vmap(jnp.trace)(jnp.ones((2, 3, 3))), jax.vmap(jnp.diag)(jnp.ones((2, 2))), jax.vmap(jnp.diff)(x))

# %% meshgrid
xs, ys = jnp.meshgrid(jnp.arange(3), jnp.arange(2.0))
print(xs, ys)
print(jnp.meshgrid(jnp.arange(3), jnp.arange(2), indexing='ij'))
print(jnp.meshgrid(jnp.arange(3), jnp.arange(2), sparse=True))
print(jnp.meshgrid(jnp.arange(2), jnp.arange(2), jnp.arange(3))[2].shape)
print(jax.make_jaxpr(lambda a, b: jnp.meshgrid(a, b))(jnp.ones(3), jnp.ones(2)))

# %% products
a = jnp.arange(3.0)
b = jnp.array([1.0, -2.0, 0.5])
print(jnp.outer(a, b), jnp.outer(x, v).shape, jnp.inner(a, b), jnp.inner(x, x), jnp.inner(2, a))
print(jnp.tensordot(x, x.T, axes=1), jnp.tensordot(x, x, axes=2), jnp.tensordot(x, x, axes=([1], [1])), jnp.tensordot(a, b, 0).shape)
print(repr(jnp.inner(jnp.array([1, 2]), jnp.array([3, 4]))), repr(jnp.outer(jnp.array([1, 2]), jnp.array([0.5]))))
print(jax.make_jaxpr(jnp.outer)(a, b))
print(jax.make_jaxpr(jnp.inner)(x, x))
print(jax.make_jaxpr(lambda p, q: jnp.tensordot(p, q, axes=1))(x, x.T))
print(jax.grad(lambda p: jnp.inner(p, b))(a), jax.vmap(jnp.outer)(x, x).shape)

# %% nan_reductions
n = jnp.array([[1.0, jnp.nan, 3.0], [jnp.nan, jnp.nan, jnp.nan]])
print(jnp.nansum(n), jnp.nansum(n, axis=1), jnp.nanprod(n, axis=0), jnp.nanmax(n, axis=1), jnp.nanmin(n, axis=1), jnp.nanmean(n, axis=1))
print(jnp.nanmax(n), jnp.nanmin(n), jnp.nanmean(n), jnp.nansum(n, axis=0, keepdims=True), jnp.nansum(jnp.arange(4)))
print(jax.make_jaxpr(jnp.nansum)(x))
print(jax.make_jaxpr(jnp.nanmean)(x))
print(jax.make_jaxpr(jnp.nanmax)(x))
print(jax.make_jaxpr(lambda a: jnp.nanmin(a, axis=0))(x))
print(jax.grad(jnp.nansum)(n), jax.grad(lambda a: jnp.nanmean(a))(n))

# %% softmax
s = jnp.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 10.0]])
print(jax.nn.softmax(s), jax.nn.softmax(s, axis=0), jax.nn.log_softmax(s), jax.nn.log_softmax(s, axis=0))
print(jax.nn.logsumexp(s), jax.nn.logsumexp(s, axis=1), jax.scipy.special.logsumexp(s, axis=0, keepdims=True))
print(jax.nn.softmax(jnp.array([1, 2, 3])), jax.nn.logsumexp(jnp.array([-jnp.inf, -jnp.inf])), jax.nn.softmax(jnp.array([0.0, -jnp.inf])))
print(jax.make_jaxpr(jax.nn.softmax)(s))
print(jax.make_jaxpr(jax.nn.log_softmax)(s))
print(jax.make_jaxpr(jax.nn.logsumexp)(s))
print(jax.make_jaxpr(lambda t: jax.scipy.special.logsumexp(t, axis=1, keepdims=True))(s))
print(jax.grad(lambda t: jax.nn.logsumexp(t))(s), jax.grad(lambda t: jax.nn.log_softmax(t)[0, 1])(s))
print(jax.vmap(jax.nn.softmax)(s), jax.jit(jax.nn.log_softmax)(s))

# %% sort_search
a = jnp.array([3.0, 1.0, 2.0, 1.0, jnp.nan, -0.0, 0.0])
print(jnp.sort(a), jnp.sort(a, descending=True), jnp.argsort(a), jnp.argsort(a, descending=True), jnp.argsort(a, stable=False))
m = jnp.array([[3, 1, 2], [0, 5, 4]])
print(jnp.sort(m, axis=0), jnp.argsort(m, axis=None), jnp.argsort(m, descending=True, axis=0), repr(jnp.argsort(m, dtype=jnp.int8)))
print(jax.make_jaxpr(lambda x: jnp.argsort(x, descending=True))(a))
print(jax.make_jaxpr(lambda x: jnp.sort(x, descending=True))(a))
for call in [lambda: jnp.sort(a, kind='quicksort'), lambda: jnp.argsort(a, order='x')]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
s = jnp.array([1.0, 2.0, 2.0, 5.0])
print(jnp.searchsorted(s, 2.0), jnp.searchsorted(s, jnp.array([0.0, 2.0, 3.0, 9.0])), jnp.searchsorted(jnp.arange(5), jnp.array([[1.5, 3]])))
print(jax.make_jaxpr(jnp.searchsorted)(jnp.arange(4), jnp.ones(3)))
print(jax.vmap(lambda q: jnp.searchsorted(s, q))(jnp.array([1.0, 3.0])))

# %% single_term_products
# a product over one term is XLA's multiply: a zero keeps its sign
z = jnp.array([-0.0])
print(jnp.matmul(z, jnp.array([5.0])), jnp.vdot(jnp.array([0.0]), jnp.array([-1.0])), jnp.dot(z, jnp.array([[5.0, -1.0]])))
print(jnp.array([[0.0], [-1.0]]) @ jnp.array([[-0.0, 2.0, 0.0]]), jnp.inner(z, jnp.array([3.0])), jax.jit(jnp.dot)(z, jnp.array([2.0])))
print(jnp.array([[-0.0, -0.0]]) @ jnp.array([[1.0], [1.0]]), jnp.ones((2, 1)) @ jnp.array([[-0.0, 1.0]]))

# %% linalg_norm
x = jnp.arange(6.0).reshape(2, 3)
print(jax.make_jaxpr(jnp.linalg.norm)(x))
print(jax.make_jaxpr(jnp.linalg.norm)(jnp.arange(3)))
print(jax.make_jaxpr(lambda a: jnp.linalg.norm(a, axis=1))(x))
print(jnp.linalg.norm(x), jnp.linalg.norm(x, axis=1), jnp.linalg.norm(jnp.arange(3)), jnp.linalg.norm(x, ord=1, axis=0))
print(jnp.linalg.norm(jnp.array([3.0, -4.0]), ord=jnp.inf), jnp.linalg.norm(jnp.array([3.0, -4.0]), ord=-jnp.inf), jnp.linalg.norm(x, 'fro'), jnp.linalg.norm(x, keepdims=True))
print(jnp.linalg.norm(x, axis=(0, 1)), jnp.linalg.norm(x, ord=2, axis=1), jax.grad(jnp.linalg.norm)(jnp.array([3.0, 4.0])))
from jax.numpy import linalg
print(linalg.norm(jnp.ones(4)))
x = jnp.arange(6.0).reshape(2, 3)
print(jax.make_jaxpr(lambda a: jnp.linalg.norm(a, ord=1, axis=0))(x))
print(jax.make_jaxpr(lambda a: jnp.linalg.norm(a, ord=jnp.inf))(x[0]))
print(jax.make_jaxpr(lambda a: jnp.linalg.norm(a, ord=2))(x[0]))
print(jax.make_jaxpr(lambda a: jnp.linalg.norm(a, ord='fro', keepdims=True))(x))

# %% linspace_logspace
print(jnp.logspace(0., 2., 5), jnp.logspace(0, 3, 4, dtype=jnp.int32), jnp.logspace(0.0, 1.0, 4, endpoint=False, base=2.0))
print(jnp.logspace(-1, 1, 7), jnp.logspace(1, 2, 3, base=jnp.float32(3)))
print(jnp.linspace(0, 1, 7), jnp.linspace(-3, 5, 4, endpoint=False), jnp.linspace(1., 2., 1), jnp.linspace(0, 10, 5, dtype=jnp.int32))

# %% unique
x = jnp.array([3, 1, 2, 3, 1, 5])
print(jnp.unique(x))
print(jnp.unique(x, return_counts=True))
print(jnp.unique(x, return_index=True, return_inverse=True))
print(jnp.unique(jnp.array([[1.0, jnp.nan], [jnp.nan, 1.0], [-0.0, 0.0]])), jnp.unique(jnp.array([1.0, jnp.nan, jnp.nan]), equal_nan=False))
print(jnp.unique(jnp.array([True, False, True])), jnp.unique(jnp.array([], dtype=jnp.float32)), jnp.unique(x.reshape(2, 3), return_inverse=True)[1])
try:
    jax.jit(jnp.unique)(x)
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
