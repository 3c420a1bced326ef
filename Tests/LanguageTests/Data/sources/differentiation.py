# %% setup
from typing import NamedTuple
import jax
import jax.numpy as jnp

# %% vjp
x = jnp.array([0.5, 1.0, 2.0])
y, pullback = jax.vjp(lambda a, b: (jnp.sin(a) * b, a + b), x, 2.0)
print(y)
print(pullback((jnp.ones(3), jnp.ones(3))))
out, pb, aux = jax.vjp(lambda a: (a ** 2, {'mean': a.mean()}), x, has_aux=True)
print(out, pb(jnp.array([1.0, 0.0, 2.0])), aux)
print(jax.vjp(lambda p: p['w'] * p['b'], {'w': x, 'b': 3.0})[1](jnp.ones(3)))
print(jax.make_jaxpr(lambda a, ct: jax.vjp(jnp.tanh, a)[1](ct))(x, jnp.ones(3)))
for f in [lambda: pullback(1.0, 2.0), lambda: jax.vjp(lambda a: a * 2, 1.0)[1]((1.0,)),
          lambda: jax.vjp(lambda a: a * 2, jnp.ones(2))[1](jnp.ones(3)),
          lambda: jax.vjp(lambda a: a * 2, jnp.ones(2))[1](jnp.ones(2, jnp.int32))]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% linearize
y, f_jvp = jax.linearize(lambda a: 3.0 * jnp.sin(a) + jnp.cos(a / 2.0), 2.0)
print(y, f_jvp(3.0), f_jvp(4.0))
y, f_jvp = jax.linearize(lambda a, b: a * b, x, 2.0)
print(y, f_jvp(jnp.ones(3), 1.0))
y, f_jvp, aux = jax.linearize(lambda a: (jnp.exp(a), a.sum()), x, has_aux=True)
print(y, f_jvp(jnp.ones(3)), aux)
try:
    f_jvp(jnp.ones(2))
except ValueError as e:
    print('ValueError', e)

# %% jacobians
f = lambda a: jnp.sin(a) * 2
print(jax.jacfwd(f)(x))
print(jax.jacrev(f)(x))
print(jax.jacobian(jnp.exp)(x))
print(jax.make_jaxpr(jax.jacfwd(f))(x))
print(jax.make_jaxpr(jax.jacrev(f))(x))
g = lambda a, b: {'prod': a * b, 'total': a.sum()}
print(jax.jacfwd(g, argnums=(0, 1))(x, 2.0))
print(jax.jacrev(g, argnums=(0, 1))(x, 2.0))
print(jax.jacrev(g, argnums=1)(x, 2.0))
print(jax.make_jaxpr(jax.jacfwd(lambda a, b: a * b, argnums=(0, 1)))(x, 2.0))
m = jnp.arange(6.0).reshape(2, 3)
print(jax.jacfwd(lambda w: w @ x)(m).shape, jax.jacrev(lambda w: w @ x)(m).shape)
print(jax.jacfwd(lambda a: (a ** 2, a.sum()), has_aux=True)(x))
print(jax.jacrev(lambda a: (a ** 2, a.sum()), has_aux=True)(x))

# %% hessians
h = lambda a: (a ** 3).sum() + a[0] * a[1]
print(jax.hessian(h)(x))
def sum_logistic(a):
    return jnp.sum(1.0 / (1.0 + jnp.exp(-a)))
print(jax.jacfwd(jax.jacrev(sum_logistic))(x))
print(jax.jit(jax.hessian(lambda a: (a ** 3).sum() * 0.5))(x))
print(jax.hessian(lambda a: ((a ** 2).sum(), {'n': 3, 'x': a}), has_aux=True)(x))
try:
    jax.hessian(lambda a: ((a ** 2).sum(), {'tag': 'h'}), has_aux=True)(x)
except TypeError as e:
    print('TypeError', e)
print(jax.hessian(lambda p: p['a'] ** 2 * p['b'])({'a': 2.0, 'b': 3.0}))
print(jax.grad(jax.grad(jax.grad(jnp.tanh)))(0.7))

# %% jacobian_errors
for f in [lambda: jax.jacfwd(lambda a: a)(1), lambda: jax.jacrev(lambda a: a)(1),
          lambda: jax.jacrev(lambda a: a.astype(jnp.int32))(1.0), lambda: jax.jacfwd(lambda a: a, argnums=2)(1.0),
          lambda: jax.grad(lambda a: a, holomorphic=True)(1.0), lambda: jax.jacfwd(lambda a: a, holomorphic=True)(1.0),
          lambda: jax.jacrev(lambda a: a, holomorphic=True)(1.0), lambda: jax.jacfwd(lambda a: a, bogus=True)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% grad_options
def loss(w, b, scale=1.0):
    return ((w * 2 + b) ** 2).sum() * scale
print(jax.grad(loss, argnums=(0, 1))(x, 1.0), jax.grad(loss, 1)(x, 1.0, scale=3.0))
print(jax.value_and_grad(lambda a: (a.sum(), a * 2), has_aux=True)(x))
print(jax.grad(lambda a: (a.sum() ** 2, {'n': a.size}), has_aux=True)(x))
print(jax.jvp(lambda a: (a * 2, {'aux': a.sum()}), (x,), (jnp.ones(3),), has_aux=True))
with_aux = lambda a: (a.sum() * 2, {'name': 'loss', 'n': 3, 'f': 2.5, 'none': None, 'mean': a.mean()})
print(jax.grad(with_aux, has_aux=True)(x))
print(jax.value_and_grad(with_aux, has_aux=True)(x))
print(jax.vjp(with_aux, x, has_aux=True)[2], jax.linearize(with_aux, x, has_aux=True)[2])
print(jax.jvp(with_aux, (x,), (x,), has_aux=True)[2])
print(jax.jacrev(with_aux, has_aux=True)(x))
print(jax.jacfwd(lambda a: (a * 2, (1, 2.5, None, a.sum())), has_aux=True)(x))
try:
    jax.jacfwd(with_aux, has_aux=True)(x)
except TypeError as e:
    print('TypeError', e)
for f in [lambda: jax.grad(lambda a: (a, a), has_aux=True)(jnp.ones(2)),
          lambda: jax.grad(lambda a: a.sum(), argnums=(0, 2))(x),
          lambda: jax.grad(lambda a: a)(x)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% weak_gradients_in_pytrees
class Pair(NamedTuple):
    a: float
    b: object

print(jax.grad(lambda p: p['a'] * 2.0 + jnp.sum(p['b']))({'a': 1.0, 'b': jnp.ones(2)}))
print(jax.grad(lambda p: p.a * p.b.sum())(Pair(1.0, jnp.ones(2))))
print(jax.grad(lambda p: p[0] ** 2 + p[1])([3.0, 2.0]))
print(jax.grad(lambda a, b: a * b, argnums=(0, 1))(2.0, jnp.float32(3.0)))
print(jax.grad(lambda p: p['w'] * 0.0)({'w': 1.0}), jax.grad(lambda p: 1.0)({'w': 1.0}))
print(jax.jacfwd(lambda p: p['a'] * 2.0)({'a': 1.0}), jax.jacrev(lambda p: p['a'] * 2.0)({'a': 1.0}))
print(jax.vjp(lambda p: p['a'] * 2.0, {'a': 1.0})[1](1.0))

# %% check_grads
from jax.test_util import check_grads
def model_loss(w, b):
    preds = jax.nn.sigmoid(jnp.dot(jnp.array([[0.5, 1.0], [-1.0, 0.25]]), w) + b)
    return -jnp.sum(jnp.log(preds))
print(check_grads(model_loss, (jnp.array([0.1, -0.2]), 0.5), order=2))
print(check_grads(jnp.sin, (1.0,), order=3, modes=['fwd']))
print(check_grads(lambda p: (p['a'] ** 2).sum() * p['b'], ({'a': jnp.arange(3.0), 'b': 2.0},), order=1, modes=('rev',)))
print(jax.make_jaxpr(jax.lax.stop_gradient)(1.0), jax.grad(lambda v: jax.lax.stop_gradient(v) * v)(3.0))
try:
    check_grads(lambda v: jax.lax.stop_gradient(v) * v, (jnp.array([1.0, 2.0]),), order=1)
except AssertionError as e:
    print('AssertionError', str(e).splitlines()[1:3])
