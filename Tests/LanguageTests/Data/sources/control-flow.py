# %% setup
import jax
import jax.numpy as jnp
from jax import lax

# %% cond_eager_and_traced
v = jnp.array([1.0, -2.0, 3.0])
print(lax.cond(True, lambda a: a * 10, lambda a: a - 1, v), lax.cond(0, lambda a: a * 10, lambda a: a - 1, v))
print(repr(lax.cond(False, lambda: 1, lambda: 2)), repr(lax.cond(jnp.array(True), lambda a: a, lambda a: a * 2.0, 3)))
print(lax.cond(v.sum() > 0, lambda a, b: a + b, lambda a, b: a - b, v, 2.0))
print(lax.cond(True, lambda t: {'x': t[0] * 2, 'y': t[1]}, lambda t: {'x': t[0], 'y': t[1] + 1}, (1.0, 2)))
print(jax.make_jaxpr(lambda p, a: lax.cond(p, lambda a: a + 1, lambda a: a * 2, a))(True, v))
print(jax.make_jaxpr(lambda a: lax.cond(a[0] > 0, lambda a: jnp.exp(a), lambda a: a, a))(v))
scale = jnp.array([2.0, 3.0, 4.0])
print(jax.make_jaxpr(lambda a: lax.cond(a[1] > 0, lambda a: a * scale, lambda a: a + scale, a))(v))
print(jax.make_jaxpr(lambda a, p: lax.cond(p, lambda: a + 1.0, lambda: a))(v, 2.5))
print(jax.jit(lambda a: lax.cond(a.sum() > 0, jnp.sin, jnp.cos, a))(v))

# %% cond_under_vmap
f = lambda p, a: lax.cond(p, lambda a: jnp.sin(a) * 2, lambda a: a * a, a)
print(jax.vmap(f)(jnp.array([True, False, True]), v))
print(jax.vmap(f, in_axes=(None, 0))(False, v))
print(jax.make_jaxpr(jax.vmap(f))(jnp.array([True, False, True]), v))
print(jax.make_jaxpr(jax.vmap(f, in_axes=(None, 0)))(True, v))

# %% cond_under_grad
g = lambda x: lax.cond(x > 1.0, lambda x: jnp.sin(x) * x, lambda x: x * x * x, x)
print(jax.grad(g)(0.5), jax.grad(g)(2.0), jax.jit(jax.grad(g))(2.0))
print(jax.vmap(jax.grad(g))(jnp.array([0.5, 2.0])))
print(jax.jvp(g, (2.0,), (1.0,)))
print(jax.make_jaxpr(jax.grad(g))(2.0))
h = lambda x: lax.cond(x[0] > 1.0, lambda x: jnp.sin(x) * x, lambda x: x * 2.0, x).sum()
print(jax.grad(h)(jnp.array([2.0, 1.0, 0.5])))
print(jax.make_jaxpr(jax.grad(h))(jnp.ones(3)))

# %% switch_and_select
branches = [lambda a: a + 1, lambda a: a * 2, lambda a: -a]
print(lax.switch(1, branches, 5.0), lax.switch(7, branches, 5.0), lax.switch(-3, branches, 5.0))
print(jax.make_jaxpr(lambda i, a: lax.switch(i, branches, a))(1, v))
print(jax.vmap(lambda i, a: lax.switch(i, [jnp.sin, jnp.cos, lambda t: -t], a))(jnp.array([0, 1, 2, 5]), jnp.ones(4)))
print(jax.grad(lambda a: lax.switch(2, branches, a))(3.0))
print(lax.select(v > 0, v, jnp.zeros(3)), lax.select(True, 1.0, 2.0))
print(jax.make_jaxpr(lambda p, a, b: lax.select(p, a, b))(v > 1, v, v))

# %% while_loop
print(repr(lax.while_loop(lambda x: x < 10, lambda x: x + 1, 0)))
w = lambda x: lax.while_loop(lambda c: c[0] < 5, lambda c: (c[0] + 1, c[1] * 1.5), (0, x))[1]
print(w(2.0), jax.jit(w)(2.0), jax.jvp(w, (2.0,), (1.0,)))
print(jax.make_jaxpr(lambda x: lax.while_loop(lambda c: c[0] < 10, lambda c: (c[0] + 1, c[1] * 2), (0, x)))(v))
print(jax.make_jaxpr(lambda x: jax.jvp(w, (x,), (1.0,)))(2.0))
wb = lambda n: lax.while_loop(lambda c: c[0] < n, lambda c: (c[0] + 1, c[1] * 2), (0, 1.0))
print(jax.vmap(wb)(jnp.array([1, 3, 5])))
print(jax.make_jaxpr(jax.vmap(wb))(jnp.array([1, 3, 5])))
try:
    jax.grad(w)(2.0)
except ValueError as e:
    print('ValueError', e)

# %% fori_loop
print(repr(lax.fori_loop(0, 10, lambda i, x: x + i, 0)))
fl = lambda x: lax.fori_loop(0, 3, lambda i, c: c * x + i, 1.0)
print(fl(2.0), jax.grad(fl)(2.0))
print(jax.make_jaxpr(lambda x: lax.fori_loop(0, 5, lambda i, c: c + i, x))(v))
print(jax.make_jaxpr(lambda x, n: lax.fori_loop(0, n, lambda i, c: c + i, x))(v, 5))
print(jax.make_jaxpr(jax.grad(fl))(2.0))
print(jax.jit(lambda n: lax.fori_loop(0, n, lambda i, c: c * 2, 1))(4))
print(lax.fori_loop(2, 1, lambda i, c: c + 1, 7), lax.fori_loop(jnp.int32(0), 3, lambda i, c: c + i, 0))

# %% scan
sc = lambda x: lax.scan(lambda c, a: (c * a + 1.0, c * 2), 1.0, x)
xs = jnp.array([1.0, 2.0, 3.0])
print(sc(xs))
print(jax.grad(lambda x: sc(x)[0])(xs), jax.grad(lambda x: sc(x)[1].sum())(xs))
print(jax.make_jaxpr(sc)(xs))
print(jax.make_jaxpr(jax.grad(lambda x: sc(x)[0]))(xs))
print(jax.vmap(sc)(jnp.arange(6.0).reshape(2, 3)))
print(jax.make_jaxpr(jax.vmap(sc))(jnp.arange(6.0).reshape(2, 3)))
print(lax.scan(lambda c, a: (c + a, None), 0, jnp.arange(4)))
print(lax.scan(lambda c, a: (c + 1, c), 0, None, length=3))
print(lax.scan(lambda c, a: (c + a, c), 0.0, jnp.arange(4.0), reverse=True))
print(lax.scan(lambda c, p: ((c[0] + p['w'], c[1] * p['s']), c[0]), (0.0, 1.0), {'w': jnp.ones(3), 's': jnp.arange(1.0, 4.0)}))
cumulative = lambda x: lax.scan(lambda c, a: (c + a, c + a), 0.0, x)[1]
print(cumulative(xs), jax.jacfwd(cumulative)(xs) if hasattr(jax, 'jacfwd') else '')

# %% lax_map
print(lax.map(lambda t: t ** 2, jnp.arange(4.0)))
print(jax.jit(lambda x: lax.map(jnp.cos, x))(jnp.arange(3.0)))
print(lax.map(lambda d: d['a'] + d['b'], {'a': jnp.arange(3), 'b': jnp.ones(3, jnp.int32)}))
print(jax.make_jaxpr(lambda x: lax.map(jnp.sin, x))(jnp.arange(3.0)))

# %% control_flow_errors
for f in [lambda: lax.cond(jnp.array([True, False]), lambda: 1, lambda: 2),
          lambda: lax.cond([True], lambda: 1, lambda: 2),
          lambda: lax.cond(None, lambda: 1, lambda: 2),
          lambda: lax.cond(True, lambda: 1, 2),
          lambda: lax.cond(True, lambda: (1.0, 2.0), lambda: 1.0),
          lambda: lax.cond(True, lambda: jnp.ones(2), lambda: jnp.ones(3)),
          lambda: lax.switch(1.5, [lambda: 1, lambda: 2]),
          lambda: lax.switch(0, []),
          lambda: lax.while_loop(lambda c: c, lambda c: c + 1, 0),
          lambda: lax.while_loop(lambda c: c < 3, lambda c: (c, c), 0),
          lambda: lax.while_loop(lambda c: c < 3, lambda c: c + 0.5, jnp.int32(0)),
          lambda: lax.scan(lambda c, a: c + a, 0.0, jnp.ones(3)),
          lambda: lax.scan(lambda c, a: (c, a), 0.0, (jnp.ones(3), jnp.ones(4))),
          lambda: lax.scan(lambda c, a: (c, a), 0.0, None),
          lambda: lax.scan(lambda c, a: (c, a), 0.0, jnp.ones(3), length=4),
          lambda: lax.scan(lambda c, a: (c.astype(jnp.int32), a), jnp.float32(0), jnp.ones(3)),
          lambda: lax.fori_loop(0, 3, 5, 0),
          lambda: jax.jit(lambda n: lax.fori_loop(0, n, lambda i, c: c, 0, unroll=2))(3)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
