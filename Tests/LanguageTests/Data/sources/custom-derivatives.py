# %% setup
from functools import partial
import jax
import jax.numpy as jnp

# %% custom-jvp-basics
@jax.custom_jvp
def f(x, y):
    return jnp.sin(x) * y

@f.defjvp
def f_jvp(primals, tangents):
    x, y = primals
    x_dot, y_dot = tangents
    primal_out = f(x, y)
    tangent_out = jnp.cos(x) * x_dot * y + jnp.sin(x) * y_dot
    return primal_out, tangent_out

print(f(2., 3.))
print(jax.grad(f)(2., 3.), jax.grad(f, argnums=(0, 1))(2., 3.))
print(jax.jvp(f, (2., 3.), (1., 0.)))
print(jax.jit(f)(2., 3.), jax.jit(jax.grad(f))(2., 3.))
print(jax.vmap(f)(jnp.arange(3.), jnp.ones(3)))
print(jax.vmap(jax.grad(f))(jnp.arange(3.), jnp.ones(3)))
print(jax.grad(lambda x: jax.vmap(f, (0, None))(x, 2.).sum())(jnp.arange(3.)))
print(f_jvp.__name__, f.__name__)

# %% custom-jvp-jaxprs
print(jax.make_jaxpr(f)(2., 3.))
print(jax.make_jaxpr(jax.grad(f))(2., 3.))
print(jax.make_jaxpr(lambda x, y: jax.jvp(f, (x, y), (x, y)))(2., 3.))
print(jax.make_jaxpr(jax.vmap(f))(jnp.arange(3.), jnp.ones(3)))
print(jax.make_jaxpr(jax.jit(f))(2., 3.))
print(jax.make_jaxpr(jax.nn.relu)(1.0))

# %% custom-jvp-stable
@jax.custom_jvp
def log1pexp(x):
    return jnp.log(1. + jnp.exp(x))

@log1pexp.defjvp
def log1pexp_jvp(primals, tangents):
    x, = primals
    x_dot, = tangents
    ans = log1pexp(x)
    ans_dot = (1 - 1/(1 + jnp.exp(x))) * x_dot
    return ans, ans_dot

print(jax.grad(log1pexp)(100.))
print(jax.jit(jax.grad(log1pexp))(3.))
print(jax.vmap(jax.grad(log1pexp))(jnp.arange(3.)))
print(jax.grad(jax.grad(log1pexp))(1.0))

# %% custom-jvp-defjvps
@jax.custom_jvp
def h(x, y):
    return x * y

h.defjvps(lambda g, ans, x, y: g * y, lambda g, ans, x, y: g * x)
print(jax.grad(h, argnums=(0, 1))(2., 3.))
print(jax.jvp(h, (jnp.float32(2.), jnp.float32(3.)), (jnp.float32(1.), jnp.float32(1.))))
print(jax.make_jaxpr(lambda x, y: jax.jvp(h, (x, y), (x, y)))(2., 3.))
h.defjvps(lambda g, ans, x, y: g * y, None)
print(jax.jvp(h, (jnp.float32(2.), jnp.float32(3.)), (jnp.float32(1.), jnp.float32(1.))))
print(jax.make_jaxpr(jax.vmap(jax.grad(h)))(jnp.ones(2), jnp.ones(2)))

# %% custom-jvp-nondiff
@partial(jax.custom_jvp, nondiff_argnums=(0,))
def app(fn, x):
    return fn(x)

@app.defjvp
def app_jvp(fn, primals, tangents):
    x, = primals
    t, = tangents
    return app(fn, x), 2.0 * t

print(jax.grad(lambda x: app(jnp.sin, x))(1.0))
print(jax.make_jaxpr(lambda x: app(jnp.sin, x))(1.0))
print(app.nondiff_argnums)

# %% custom-jvp-closure
def outer(a, x):
    @jax.custom_jvp
    def g(x):
        return x * a
    g.defjvp(lambda p, t: (g(p[0]), t[0] * 2.0))
    return g(x)

print(jax.make_jaxpr(outer)(2., 3.))
print(jax.grad(outer, argnums=1)(2., 3.))

# %% custom-jvp-pytrees
@jax.custom_jvp
def norm(p):
    return jnp.sqrt(p['a'] ** 2 + p['b'] ** 2)

@norm.defjvp
def norm_jvp(primals, tangents):
    p, = primals
    t, = tangents
    n = norm(p)
    return n, (p['a'] * t['a'] + p['b'] * t['b']) / n

print(jax.grad(norm)({'a': 3.0, 'b': 4.0}))

# %% custom-jvp-errors
@jax.custom_jvp
def bad(x):
    return x * 2

for rule in [lambda p, t: (p[0] * 2, jnp.ones(3)), lambda p, t: ((p[0], p[0]), t[0]), lambda p, t: 3]:
    bad.defjvp(rule)
    try:
        jax.jvp(bad, (1.0,), (1.0,))
    except TypeError as e:
        print('TypeError', e)
try:
    jax.custom_jvp(lambda x: x)(1.0)
except AttributeError as e:
    print('AttributeError', e)
try:
    app.defjvps(lambda g, ans, x: g)
except TypeError as e:
    print('TypeError', e)

# %% custom-vjp-basics
@jax.custom_vjp
def g(x, y):
    return jnp.sin(x) * y

def g_fwd(x, y):
    return g(x, y), (jnp.cos(x), jnp.sin(x), y)

def g_bwd(res, ct):
    cos_x, sin_x, y = res
    return (cos_x * ct * y, sin_x * ct)

g.defvjp(g_fwd, g_bwd)
print(g(2., 3.))
print(jax.grad(g)(2., 3.), jax.grad(g, argnums=(0, 1))(2., 3.))
print(jax.value_and_grad(g)(2., 3.))
print(jax.jit(jax.grad(g))(2., 3.))
print(jax.vmap(g)(jnp.arange(3.), jnp.ones(3)))
print(jax.vmap(jax.grad(g))(jnp.arange(3.), jnp.ones(3)))
print(jax.grad(lambda x: jax.vmap(g, (0, None))(x, 2.).sum())(jnp.arange(3.)))
y, pullback = jax.vjp(g, 2., 3.)
print(y, pullback(1.0))
try:
    jax.jvp(g, (2., 3.), (1., 1.))
except TypeError as e:
    print('TypeError', e)

# %% custom-vjp-jaxprs
print(jax.make_jaxpr(g)(2., 3.))
print(jax.make_jaxpr(jax.grad(g))(2., 3.))
print(jax.make_jaxpr(jax.vmap(g))(jnp.arange(3.), jnp.ones(3)))

# %% custom-vjp-clip
@jax.custom_vjp
def clip_gradient(lo, hi, x):
    return x

def clip_gradient_fwd(lo, hi, x):
    return x, (lo, hi)

def clip_gradient_bwd(res, g):
    lo, hi = res
    return (None, None, jnp.clip(g, lo, hi))

clip_gradient.defvjp(clip_gradient_fwd, clip_gradient_bwd)
print(jax.grad(lambda x: clip_gradient(-0.75, 0.75, jnp.sin(x)))(0.1))
print(jax.vmap(jax.grad(lambda x: clip_gradient(-0.75, 0.75, jnp.sin(x) * 3)))(jnp.arange(4.)))

# %% custom-vjp-nondiff
@partial(jax.custom_vjp, nondiff_argnums=(0,))
def scaled(scale, x):
    return x * scale

def scaled_fwd(scale, x):
    return scaled(scale, x), None

def scaled_bwd(scale, res, g):
    return (g * scale * 10,)

scaled.defvjp(scaled_fwd, scaled_bwd)
print(jax.grad(partial(scaled, 2.0))(1.0))
try:
    jax.grad(lambda s: scaled(s, 1.0))(2.0)
except Exception as e:
    print(type(e).__name__, e)

# %% custom-vjp-errors
@jax.custom_vjp
def k(x, y):
    return x * y

k.defvjp(lambda x, y: (x * y, (x, y)), lambda r, ct: (ct,))
try:
    jax.grad(k)(1.0, 2.0)
except TypeError as e:
    print('TypeError', e)
k.defvjp(lambda x, y: (x * y, (x, y)), lambda r, ct: (ct, jnp.ones(3)))
try:
    jax.grad(k)(1.0, 2.0)
except ValueError as e:
    print('ValueError', e)
k.defvjp(lambda x, y: x * y, lambda r, ct: (ct, ct))
try:
    jax.grad(k)(jnp.float32(1.0), jnp.float32(2.0))
except TypeError as e:
    print('TypeError', e)
k.defvjp(lambda x, y: (x * y, (x, y)), lambda r, ct: (None, r[0] * ct))
print(jax.grad(k, argnums=(0, 1))(1.0, 2.0))
try:
    jax.custom_vjp(lambda x: x)(1.0)
except AttributeError as e:
    print('AttributeError', e)

# %% compositions
from jax import lax

@jax.custom_jvp
def cf(x):
    return jnp.sin(x) * 2.0
cf.defjvp(lambda p, t: (cf(p[0]), jnp.cos(p[0]) * 2.0 * t[0]))

@jax.custom_vjp
def cg(x):
    return jnp.sin(x) * 2.0
cg.defvjp(lambda x: (cg(x), jnp.cos(x)), lambda c, ct: (2.0 * c * ct,))

print(jax.hessian(cf)(1.0))
print(jax.jacfwd(cf)(jnp.arange(3.)))
print(jax.jacrev(cg)(jnp.arange(3.)))
print(jax.jit(jax.vmap(jax.grad(cg)))(jnp.arange(3.)))
print(jax.grad(lambda x: lax.fori_loop(0, 3, lambda i, c: cf(c), x))(1.0))
print(jax.grad(lambda x: lax.scan(lambda c, _: (cg(c), None), x, None, length=3)[0])(1.0))
print(jax.grad(lambda x: lax.cond(x > 0, cf, cg, x))(1.0))
print(jax.grad(lambda x: jax.checkpoint(lambda y: cf(y) * cg(y))(x))(1.0))
print(jax.make_jaxpr(jax.grad(lambda x: jax.checkpoint(lambda y: cf(y) * cg(y))(x)))(1.0))
print(jax.grad(lambda x: lax.scan(lambda c, _: (jax.checkpoint(jnp.sin)(c), None), x, None, length=3)[0])(1.0))
print(jax.vmap(jax.checkpoint(lambda a, b: a * b), in_axes=(0, None))(jnp.arange(3.), 2.0))
print(jax.grad(lambda x: jax.vmap(jax.checkpoint(lambda a: jnp.sin(a) ** 2))(x).sum())(jnp.arange(3.)))

# %% hostile
def attempt(fn):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)

@jax.custom_jvp
def hh(x, y):
    return x * y
hh.defjvps(lambda g, a, x, y: g)
attempt(lambda: jax.grad(hh, argnums=(0, 1))(1.0, 2.0))
hh.defjvps(lambda g, a, x, y: g, None, None)
attempt(lambda: jax.grad(hh, argnums=(0, 1))(1.0, 2.0))
attempt(lambda: hh(1.0, z=2.0))
attempt(lambda: hh(1.0, 2.0, 3.0))
attempt(lambda: jax.custom_vjp(jnp.sin).defvjp(1, 2))
attempt(lambda: jax.vmap(jax.custom_jvp(lambda x: x))(jnp.ones(2)))
kk = jax.custom_jvp(lambda x: x * 2.0)
kk.defjvp(lambda p, t: (p[0] * 2.0, jnp.ones(3)))
attempt(lambda: jax.vmap(jax.grad(kk))(jnp.ones(2)))

# %% eager-bits
# vmap and remat run these bodies eagerly, one operation at a time (no fused multiply-add)
@jax.custom_jvp
def muladd(a, b, c):
    return a * b + c
muladd.defjvps(lambda g, ans, a, b, c: g * b, lambda g, ans, a, b, c: g * a, lambda g, ans, a, b, c: g)
@jax.custom_vjp
def muladd2(a, b, c):
    return a * b + c
muladd2.defvjp(lambda a, b, c: (muladd2(a, b, c), (a, b)), lambda r, g: (g * r[1], g * r[0], g))
a = jax.random.uniform(jax.random.key(0), (6,)) + 1.0
b = jax.random.uniform(jax.random.key(1), (6,)) + 1.0
c = -a * b
print(jax.vmap(muladd)(a, b, c).tolist())
print(jax.vmap(muladd2)(a, b, c).tolist())
print(jax.checkpoint(lambda a, b, c: a * b + c)(a, b, c).tolist())
print(jax.jit(jax.vmap(muladd))(a, b, c).tolist())
