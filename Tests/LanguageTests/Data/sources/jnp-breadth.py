# %% setup
import jax
import jax.numpy as jnp

# %% logaddexp
x = jnp.array([0.5, -1.0, 2.5, jnp.inf, -jnp.inf, 100.0])
y = jnp.array([1.0, 2.0, -jnp.inf, jnp.inf, -jnp.inf, 99.5])
print(jnp.logaddexp(x, y), jnp.logaddexp2(x, y), jnp.logaddexp(1, 2), jnp.logaddexp2(1, 2), jnp.logaddexp(jnp.inf, jnp.inf))
print(jnp.logaddexp(jnp.arange(5.0).reshape(5, 1), jnp.arange(3.0)))
print(jax.make_jaxpr(jnp.logaddexp)(x, y))
print(jax.make_jaxpr(jnp.logaddexp2)(x, y))
print(jax.grad(lambda a: jnp.logaddexp(a, 1.0).sum())(x))
print(jax.grad(lambda a: jnp.logaddexp2(a, 1.0))(3.0))
print(jax.make_jaxpr(jax.grad(lambda a: jnp.logaddexp(a, 1.0)))(0.5))
print(jax.vmap(jnp.logaddexp)(x, y), jax.jit(jnp.logaddexp2)(x, y), jnp.exp2(jnp.array([0.0, 1.0, -1.0, 10.0])))

# %% diagonal
m = jnp.arange(12.0).reshape(3, 4)
q = jnp.arange(9).reshape(3, 3)
print(jnp.diag(m), jnp.diag(m, 1), jnp.diag(m, -1), jnp.diagonal(m), jnp.diagonal(m, 1), jnp.diagonal(jnp.ones((2, 3, 4)), axis1=1, axis2=2).shape)
print(jnp.diagonal(jnp.arange(24).reshape(2, 3, 4), 1, 0, 2), jnp.diag(q), jnp.diag(q, -2), jnp.diag(m, 7))
print(jax.make_jaxpr(jnp.diag)(m))
print(jax.make_jaxpr(lambda a: jnp.diagonal(a, 1))(m))
print(jax.make_jaxpr(lambda a: jnp.diagonal(a, -1))(m))
print(jax.make_jaxpr(lambda a: jnp.diagonal(a, 0, 0, 2))(jnp.ones((2, 3, 4))))
print(jax.grad(lambda a: jnp.diagonal(a, 1).sum())(m), jax.vmap(jnp.diagonal)(jnp.ones((2, 3, 4))).shape)
try:
    jnp.diagonal(jnp.ones(3))
except ValueError as e:
    print(e)

# %% searchsorted
s = jnp.array([1, 2, 2, 3, 5])
print(jnp.searchsorted(s, jnp.array([2, 4, 0, 6]), side='right'), jnp.searchsorted(jnp.array([3, 1, 2]), 2, sorter=jnp.array([1, 2, 0])))
print(jnp.searchsorted(jnp.array([0.0, -0.0, 1.0, jnp.nan]), jnp.array([0.0, jnp.nan, 1.0]), side='right'))
print(jax.make_jaxpr(lambda a, v: jnp.searchsorted(a, v, side='right'))(s, jnp.array([2, 4])))
print(jax.make_jaxpr(lambda a, v, o: jnp.searchsorted(a, v, sorter=o))(s, jnp.array([2, 4]), jnp.arange(5)))
print(jax.jit(lambda a, v: jnp.searchsorted(a, v, side='right'))(s, jnp.array([[2, 4], [5, 1]])))

# %% diff_edges
print(jnp.diff(s, prepend=0), jnp.diff(s, append=jnp.array([9, 10])), jnp.diff(m, axis=0, prepend=m[:1]))
print(jnp.diff(s, n=2, prepend=jnp.array([-1, 0]), append=7), jnp.diff(m, append=1.5))
print(jax.make_jaxpr(lambda a: jnp.diff(a, prepend=0))(s))
print(jax.make_jaxpr(lambda a, b: jnp.diff(a, append=b))(m, m[:, :1]))

# %% histogram
d = jnp.array([1.0, 2.0, 2.5, 4.0, 0.1])
print(jnp.histogram(d))
print(jnp.histogram(d, bins=3, range=(0, 3), density=True))
print(jnp.histogram(d, bins=jnp.array([0.0, 1.0, 3.0, 5.0]), weights=jnp.array([1.0, 2.0, 1.0, 1.0, 3.0])))
print(jnp.histogram(jnp.array([3, 3, 3]), bins=4))
print(jnp.histogram(jnp.arange(12).reshape(3, 4), bins=5, density=True))
print(jnp.histogram(jax.random.normal(jax.random.key(0), (1000,)), bins=7))
print(jnp.histogram(d, bins=jnp.array([0, 2, 4])))

# %% einsum
a = jnp.arange(6.0).reshape(2, 3)
b = jnp.arange(12.0).reshape(3, 4)
v = jnp.arange(3.0)
sq = jnp.arange(9.0).reshape(3, 3)
ba = jnp.arange(12.0).reshape(2, 2, 3)
bb = jnp.arange(24.0).reshape(2, 3, 4)
for spec, args in [('ij,jk->ik', (a, b)), ('i,i->', (v, v)), ('ij->ji', (a,)), ('ii->i', (sq,)), ('bij,bjk->bik', (ba, bb)),
                   ('ij,ij->ij', (a, a)), ('ij,jk', (a, b)), ('...j,jk->...k', (ba, b)), ('ij->', (a,)), ('ij->j', (a,)),
                   ('i,j->ij', (v, v)), ('ii', (sq,)), ('ij,kj->ki', (a, a)), ('bij,bkj->bik', (ba, ba)), ('iij->j', (jnp.ones((2, 2, 3)),)),
                   ('ij,j->i', (a, jnp.arange(3))), ('i...->...', (ba,))]:
    print(spec, jnp.einsum(spec, *args))
    print(jax.make_jaxpr(lambda *xs: jnp.einsum(spec, *xs))(*args))
print(repr(jnp.einsum('i,i', jnp.arange(3), jnp.arange(3))), jnp.einsum('ij,jk->ik', a, a.T, optimize=True), jnp.einsum('ij,jk', a, a.T, optimize='greedy'))
print(jax.grad(lambda x: jnp.einsum('ij,jk->', x, x.T))(a), jax.vmap(lambda x: jnp.einsum('i,i->', x, x))(a), jax.jit(lambda x: jnp.einsum('ij->ji', x))(a))
for f in [lambda: jnp.einsum('ij,jk->ik', a, a), lambda: jnp.einsum('ij,j->i', a), lambda: jnp.einsum('ij->k', a),
          lambda: jnp.einsum('ijk', a), lambda: jnp.einsum('i,i->', [1, 2], [3, 4])]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% axes_and_stacks
x = jnp.arange(24.0).reshape(2, 3, 4)
print(jnp.moveaxis(x, 0, -1).shape, jnp.moveaxis(x, (0, 1), (2, 0)).shape, jnp.swapaxes(x, 0, 2).shape, jnp.moveaxis(x, 1, 1) is x)
print(jax.make_jaxpr(lambda a: jnp.moveaxis(a, 0, -1))(x))
print(jax.make_jaxpr(lambda a: jnp.swapaxes(a, 0, 2))(x))
print(jnp.atleast_1d(1.0), jnp.atleast_2d(jnp.arange(3)), jnp.atleast_3d(jnp.arange(3)).shape, jnp.atleast_3d(jnp.ones((2, 3))).shape)
print(jnp.atleast_1d(1, jnp.ones(2), jnp.ones((2, 2)))[0], jnp.atleast_2d(5).shape, jnp.atleast_3d(5).shape)
print(jax.make_jaxpr(jnp.atleast_2d)(jnp.ones(4)))
print(jax.make_jaxpr(jnp.atleast_3d)(jnp.ones(4)))
print(jnp.vstack([jnp.arange(3), jnp.arange(3, 6)]), jnp.hstack([jnp.arange(3), jnp.arange(2)]), jnp.hstack((jnp.ones((2, 1)), jnp.zeros((2, 2)))))
print(jnp.vstack([x[0], x[1]]).shape, jnp.vstack([1, 2]))
print(jax.make_jaxpr(lambda a: jnp.vstack([a[0], a[1]]))(x))
print(jax.make_jaxpr(lambda a: jnp.hstack([a[0], a[1]]))(x))

# %% counting_and_ranges
y = jnp.array([[0.0, 1.5, 0.0], [2.0, -1.0, 3.0]])
print(jnp.count_nonzero(y), jnp.count_nonzero(y, axis=1), jnp.count_nonzero(y, axis=0, keepdims=True), jnp.count_nonzero(jnp.array([True, False, True])))
print(jnp.ptp(y), jnp.ptp(y, axis=1), jnp.ptp(jnp.arange(6).reshape(2, 3), axis=0, keepdims=True))
print(jnp.average(y), jnp.average(y, axis=0), jnp.average(jnp.arange(4)), jnp.average(y, axis=1, keepdims=True))
print(jax.make_jaxpr(lambda a: jnp.count_nonzero(a, axis=1))(x))
print(jax.make_jaxpr(lambda a: jnp.ptp(a, axis=0))(x))
print(jax.make_jaxpr(lambda a: jnp.average(a, axis=0))(x))
print(jax.grad(lambda a: jnp.ptp(a))(y), jax.vmap(jnp.count_nonzero)(y))

# %% conversions
z = jnp.array([-2.5, -0.5, 0.0, 0.5, 1.0, 2.7, 180.0])
print(jnp.deg2rad(z), jnp.radians(90), jnp.rad2deg(z), jnp.degrees(jnp.pi))
print(jnp.log2(jnp.array([1.0, 2.0, 8.0, 10.0, 0.5])), jnp.log10(jnp.array([1.0, 10.0, 1000.0, 2.0])), jnp.log2(8), jnp.log10(100))
print(jnp.reciprocal(z[:3]), jnp.reciprocal(4), jnp.trunc(z), jnp.trunc(jnp.arange(3)))
print(jax.make_jaxpr(jnp.deg2rad)(z))
print(jax.make_jaxpr(jnp.log2)(z))
print(jax.make_jaxpr(jnp.log10)(z))
print(jax.make_jaxpr(jnp.reciprocal)(z))
print(jax.make_jaxpr(jnp.trunc)(z))
print(jax.grad(lambda a: jnp.log2(a).sum())(jnp.array([1.0, 2.0])), jax.grad(lambda a: jnp.reciprocal(a))(2.0))
