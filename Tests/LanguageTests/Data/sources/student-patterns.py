# %% setup
import jax
import jax.numpy as jnp
import numpy as np
import math
import time
x = jnp.arange(4.0)
print(type(x), isinstance(x, jnp.ndarray), isinstance(x, jax.Array), isinstance(np.ones(2), np.ndarray))

# %% format_arrays
s = x.sum()
print(f'{s:.3f} {float(s):.1f} {s} {x}', '{:.2f}'.format(s), round(float(s), 1), '%.2f' % s)

# %% python_on_arrays
print(sum(x), max(jnp.array([3, 1, 2])), min(np.arange(3)), len(x), list(x), sorted(np.array([3, 1, 2])))

# %% mixing_scalars
print(x * 2, 2 ** x, 1 / (x + 1), x / 2, x // 2, -x, abs(-x), x % 3, x ** 0.5)

# %% comparisons
print(x > 1, x == 2, (x > 0) & (x < 3), ~(x > 1), jnp.all(x >= 0), bool(jnp.any(x > 2)))

# %% loops_with_arrays
total = 0.0
for v in x:
    total += v
print(total, type(total))
vals = [float(v) ** 2 for v in x]
print(vals)

# %% np_scalar_math
a = np.float64(1.5)
b = np.int64(7)
print(a * 2, b // 2, b / 2, repr(a * 2), repr(b + 1), type(b + 1.0), a > 1, math.sqrt(a), int(b))

# %% np_inplace
m = np.arange(4)
m *= 3
m[m > 5] = 0
print(m, m.dtype, m.sum(), m.mean(), m.std() if hasattr(m, 'std') else '')

# %% grad_of_loss
def loss(w, xs, ys):
    pred = xs @ w
    return jnp.mean((pred - ys) ** 2)
w = jnp.zeros(3)
xs = jnp.arange(6.0).reshape(2, 3)
ys = jnp.array([1.0, 2.0])
g = jax.grad(loss)(w, xs, ys)
print(g)
for step in range(3):
    w = w - 0.01 * jax.grad(loss)(w, xs, ys)
print(w, loss(w, xs, ys))

# %% jit_decorator
@jax.jit
def affine(v, scale=2.0):
    return v * scale + 1
print(affine(x), affine(x, 3.0))

# %% vmap_nested
mat = jnp.arange(6.0).reshape(2, 3)
print(jax.vmap(jnp.sum)(mat), jax.vmap(lambda r: r * 2, in_axes=1)(mat), jax.vmap(jnp.dot, in_axes=(0, None))(mat, jnp.ones(3)))

# %% jaxpr_mlp
def mlp(params, v):
    w1, b1 = params
    return jnp.tanh(v @ w1 + b1).sum()
params = (jnp.ones((3, 2)), jnp.zeros(2))
print(jax.make_jaxpr(mlp)(params, jnp.ones(3)))

# %% pytree_grad
grads = jax.grad(mlp)(params, jnp.ones(3))
print(type(grads), len(grads), grads[0].shape, grads[1])
d = jax.grad(lambda p: p['a'] * 2 + p['b'].sum())({'a': 1.0, 'b': jnp.ones(2)})
print(d)

# %% timing
t0 = time.time()
y = jnp.ones(100).sum()
elapsed = time.time() - t0
print(elapsed >= 0, type(elapsed))

# %% errors_caught
try:
    jnp.ones(3).reshape(2, 2)
except TypeError as e:
    print('TypeError:', e)
try:
    np.ones(3).reshape(2, 2)
except ValueError as e:
    print('ValueError:', e)
try:
    x[10]
    print('clamped', x[10])
except IndexError:
    print('no')

# %% dtype_promotion
print((jnp.ones(2, dtype=jnp.int8) + jnp.ones(2, dtype=jnp.uint8)).dtype, (jnp.ones(2, dtype=jnp.float16) * 2).dtype)
print((np.ones(2, dtype=np.int8) + 300).dtype if False else (np.ones(2, dtype=np.int8) + 3).dtype, (np.ones(2) + np.ones(2, dtype=np.float32)).dtype)
print(jnp.array([1, 2]).dtype, np.array([1, 2]).dtype, jnp.array([1.0]).dtype, jnp.array(True).dtype)

# %% weak_gradients
print(repr(jax.grad(lambda a: a * 2)(1.0)), jax.grad(lambda a: jnp.sin(a))(1.0))
print(jax.grad(lambda a, b: b * 2, argnums=(0, 1))(1.0, 2.0))
print(jax.value_and_grad(lambda a: a * a)(3.0), repr(jax.grad(lambda a: jnp.float32(2) * a)(1.0)))
print(repr(jax.jit(jax.grad(lambda a: jnp.sin(a) * jnp.ones(1)[0]))(1.0)))
print(repr(jax.vmap(jax.grad(lambda a: a * 2))(jnp.ones(2))))
print(jax.make_jaxpr(jax.grad(lambda a: jnp.sin(a) * jnp.ones(1)[0]))(1.0))
print(jax.make_jaxpr(jax.grad(lambda a: a * 2))(1.0))

# %% grad_through_jit
x = jnp.array([0.5, -1.0, 2.0])
print(jax.make_jaxpr(jax.grad(lambda x: jnp.where(x > 0, x, 0.0).sum()))(x))
print(jax.make_jaxpr(jax.grad(lambda x: jnp.mean(x ** 2)))(x))
print(jax.make_jaxpr(jax.grad(lambda x: jnp.cumsum(x)[2]))(x))
f = jax.jit(lambda a, b: (a * b, jnp.sin(a)))
print(jax.make_jaxpr(jax.grad(lambda x: f(x, 2.0)[0].sum() + f(x, 3.0)[1].sum()))(x))
g = jax.jit(lambda a: jnp.tanh(a) * a)
print(jax.make_jaxpr(jax.value_and_grad(lambda x: g(g(x)).sum()))(x))
print(jax.grad(lambda x: g(x).sum())(x), jax.jit(jax.grad(lambda x: g(x).sum()))(x), jax.grad(jax.grad(lambda s: g(s)))(0.3))
print(jax.vmap(jax.grad(lambda s: g(s)))(x))
h = jax.jit(lambda a, b: a * b + b)
print(jax.make_jaxpr(jax.grad(h, argnums=1))(1.0, 2.0))
print(jax.make_jaxpr(jax.grad(lambda x: jnp.where(x > 0, x, 0.01 * x).mean()))(x))
print(jax.make_jaxpr(jax.grad(lambda x: jnp.clip(x, -1, 1).sum() + jnp.clip(x, max=0.5).sum()))(x))

# %% jit_fused_subtract
x = jax.random.normal(jax.random.key(0), (64,))
y = jax.random.normal(jax.random.key(1), (64,))
z = jax.random.normal(jax.random.key(2), (64,))
print(jax.jit(lambda x, y, z: x * y - z)(x, y, z)[:4], jax.jit(lambda x, y, z: z - x * y)(x, y, z)[:4], jax.jit(lambda x, y, z: x * y - z * x)(x, y, z)[:4])
print(x * y - z == jax.jit(lambda x, y, z: x * y - z)(x, y, z))
for f in [lambda w: jnp.mean((w * x - y) ** 2), lambda w: jnp.where(w > 0, w * x, 0.1 * w * y).sum(),
          lambda w: jnp.clip(w * x + y, -0.5, 0.5).mean() * 3.0, lambda w: jnp.var(w * x + y), lambda w: jax.nn.relu(w * x - y).mean()]:
    g = jax.jit(jax.grad(f))(y)
    print(g[:4], float(jnp.sum(g)), jax.jit(jax.value_and_grad(f))(x)[0], jax.jit(f)(z))

# %% relu_custom_jvp
print(jax.make_jaxpr(jax.nn.relu)(x))
print(jax.make_jaxpr(jax.grad(lambda x: jax.nn.relu(x).sum()))(x))
print(jax.make_jaxpr(jax.nn.sigmoid)(x))
x = jnp.array([0.5, -1.0, 2.0])
print(jax.make_jaxpr(jax.vmap(jax.nn.relu))(jnp.ones((2, 3))))
print(jax.make_jaxpr(lambda x: jax.nn.relu(x * 2.0) + 1.0)(x))
print(jax.make_jaxpr(jax.grad(lambda x: jax.nn.relu(x * x).sum()))(x))
print(jax.make_jaxpr(jax.nn.relu)(1.0))
print(jax.nn.relu(x), jax.nn.relu(2), jax.grad(jax.nn.relu)(0.0), jax.vmap(jax.grad(jax.nn.relu))(x))
print(jax.jit(jax.grad(lambda x: jax.nn.relu(x * x - 1.0).sum()))(jnp.array([0.5, -1.0, 2.0, 1.0])))

# %% traced_scalar_index
x = jnp.arange(12.0).reshape(3, 4)
f = jax.jit(lambda x, i: x[i])
print(f(x, 1), f(x, -1), f(x, 7), f(x, -9), jax.jit(lambda x, i, j: x[i, j])(x, 2, -1), jax.jit(lambda x, i: x[None, i, 1:3])(x, 0))
print(jax.jit(lambda x, i: x[..., i])(x, 2), jax.jit(lambda v, i: v[i])(jnp.arange(5.0), -2), jax.jit(lambda x, i: x[:, i])(x, jnp.uint8(3)))
print(jax.grad(lambda x, i: (x[i] ** 2).sum())(x, 2), jax.jit(jax.grad(lambda x, i: x[i, 1] * 3.0))(x, -1))
print(jax.vmap(lambda i: x[i])(jnp.array([0, 2, -1])), jax.vmap(lambda r, i: r[i])(x, jnp.array([0, 3, 1])))
print(jax.vmap(jax.grad(lambda v, i: v[i] * 2.0), in_axes=(None, 0))(jnp.arange(4.0), jnp.array([1, 3])))
print(jax.make_jaxpr(lambda x, i: x[i, 1])(x, 2))
print(jax.make_jaxpr(lambda x, i: x[i, 1:3])(x, 1))
print(jax.make_jaxpr(lambda v, i: v[i])(jnp.arange(5.0), 1))
print(jax.make_jaxpr(jax.grad(lambda x, i: x[i].sum()))(x, 1))
print(jax.make_jaxpr(jax.vmap(lambda i: x[i]))(jnp.array([0, 2])))
print(jax.make_jaxpr(lambda x, i: x[:, i])(x, jnp.int8(1)))

# %% traced_array_index
x = jnp.arange(12.0).reshape(3, 4)
idx = jnp.array([0, 2, -1])
print(jax.jit(lambda x, i: x[i])(x, idx), jax.jit(lambda x, i: x[:, i])(x, jnp.array([[3, 0], [1, 1]])))
print(jax.grad(lambda x, i: (x[i] ** 2).sum())(x, idx))
print(jax.jit(jax.grad(lambda x, i: (x[..., i] * 2.0).sum()))(x, jnp.array([1, 1, 3])))
print(jax.vmap(jax.grad(lambda r, i: (r[i] ** 2).sum()), in_axes=(0, None))(x, jnp.array([0, 0, 2])))
print(jax.vmap(lambda i: x[i])(jnp.array([[0, 1], [2, 2]])))
print(jax.vmap(lambda r, i: r[i])(x, jnp.array([[0, 1], [2, 2], [3, 3]])))
print(jax.jit(lambda x, i: x[i])(x, jnp.array([5, -7])))
print(jax.grad(lambda x, i: x[i].sum())(x, jnp.array([5, 0])))
print(jax.make_jaxpr(lambda x, i: x[..., i])(x, jnp.array([1, 2])))
print(jax.make_jaxpr(lambda x, i: x[i])(x, jnp.array([1, 2], dtype=jnp.uint32)))
print(jax.make_jaxpr(jax.grad(lambda x, i: x[i].sum()))(x, idx))
print(jax.make_jaxpr(lambda x, i: x[:, i, None])(x, idx))
print(jax.make_jaxpr(lambda x, i: x[i])(x, jnp.array([[0, 1], [2, 2]], dtype=jnp.int8)))

# %% indexing_edges
x = jnp.arange(12.0).reshape(3, 4)
tests = [lambda: jax.jit(lambda x, i: x[..., i, ...])(x, 1), lambda: jax.jit(lambda x, i: x[i, i, i])(x, 1),
         lambda: jax.vmap(lambda i: x[i])(jnp.zeros(0, jnp.int32)), lambda: jax.jit(lambda x, i: x[..., i])(x, jnp.array([1, 9])),
         lambda: jax.jit(lambda x, i: x[i])(jnp.zeros((0, 3)), 0), lambda: jax.jit(lambda x, i: x[i])(jnp.zeros((0, 3)), jnp.array([0])),
         lambda: jax.vmap(jax.grad(lambda v, i: v[i]), in_axes=(None, 0))(jnp.ones(3), jnp.zeros(0, jnp.int32)),
         lambda: jax.grad(lambda v, i: v[i].sum())(jnp.ones((0, 2)), jnp.array([0])),
         lambda: jax.jit(lambda x, i: x[None, ..., i, None])(x, jnp.array([1, 2])),
         lambda: jax.jit(lambda x, i: x[i, ...])(x, jnp.array([[1], [2]]))]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, str(e)[:120])

# %% traced_at_updates
x = jnp.arange(12.0).reshape(3, 4)
print(jax.make_jaxpr(lambda x, i: x.at[i].set(0.0))(x, 1))
print(jax.make_jaxpr(lambda x, i: x.at[i].add(jnp.ones(4)))(x, jnp.array([0, 2])))
print(jax.make_jaxpr(lambda x, i: x.at[:, i].multiply(2.0))(x, jnp.array([0, 2])))
print(jax.make_jaxpr(lambda v, i: v.at[i].max(1.0))(jnp.arange(5.0), jnp.array([1, 3])))
x = jnp.arange(12.0).reshape(3, 4)
idx = jnp.array([0, 2, -1, 7])
print(jax.jit(lambda x, i: x.at[i].set(-1.0))(x, idx), jax.jit(lambda x, i: x.at[i].add(1.0))(x, idx))
print(jax.jit(lambda x, i: x.at[:, i].multiply(2.0))(x, jnp.array([1, 1])), jax.jit(lambda x, i: x.at[i].min(3.0))(x, 1))
print(jax.jit(lambda v, i: v.at[i].max(jnp.array([9.0, -9.0])))(jnp.arange(5.0), jnp.array([1, -2])))
print(jax.grad(lambda x, i: (x.at[i].set(0.0) ** 2).sum())(x, jnp.array([0, 2])))
print(jax.grad(lambda u, i: (x.at[i].add(u) * x).sum())(jnp.ones(4), jnp.array([0, 2, 2])))
print(jax.grad(lambda u, i: (x.at[i].set(u) ** 2).sum())(jnp.ones(4) * 3, 1))
print(jax.vmap(lambda i: x.at[i].set(0.0))(jnp.array([0, 2])))
print(jax.vmap(lambda r, i: r.at[i].add(10.0))(x, jnp.array([0, 3, 1])))
print(jax.jit(lambda x, i: x.at[i].set(1.0))(jnp.zeros(3, jnp.int32), jnp.array([0, 1])))
print(jax.make_jaxpr(jax.grad(lambda u, i: (x.at[i].add(u) * x).sum()))(jnp.ones(4), jnp.array([0, 2, 2])))
print(jax.grad(lambda u: (x.at[jnp.array([0, 2])].add(u) * x).sum())(jnp.ones(4)))

# %% jit_grad_fusion
x = jnp.array([0.3, -1.2, 2.5, 0.7])
h = jax.jit(lambda v: jnp.tanh(v))
print(jax.make_jaxpr(jax.jit(jax.grad(lambda v: h(v)[1])))(x))
print(jax.jit(jax.grad(lambda v: h(v)[1]))(x), jax.grad(lambda v: h(v)[1])(x), jax.grad(lambda v: jnp.tanh(v)[1])(x), jax.jit(jax.grad(lambda v: jnp.tanh(v)[1]))(x))
h = jax.jit(lambda v: jax.nn.sigmoid(jnp.tanh(v)))
print(jax.grad(lambda v: jnp.std(h(v) + 2.0))(x), jax.jit(jax.grad(lambda v: jnp.sum(h(v) ** 2)))(x), jax.vmap(jax.grad(lambda v: jnp.mean(jnp.cumsum(h(v)))))(jnp.stack([x, x * 0.5])))

# %% vmap_at_updates
x = jnp.array([[0.3, -1.2, 2.5], [0.7, 0.1, -0.4]])
xs = jnp.stack([x, x * 0.5])
f = lambda v: jnp.sum(v.at[0].set(0.0))
for name, g in [("grad", lambda: jax.grad(f)(x)), ("vmap", lambda: jax.vmap(lambda v: v.at[0].set(0.0))(xs)),
                ("vmapjvp", lambda: jax.vmap(lambda v: jax.jvp(f, (v,), (v,)))(xs)), ("vmapgrad", lambda: jax.vmap(jax.grad(f))(xs)),
                ("vmapgrad1d", lambda: jax.vmap(jax.grad(lambda v: jnp.sum(v.at[0].set(0.0))))(jnp.ones((2, 3))))]:
    try:
        print(name, g())
    except Exception as e:
        print(name, type(e).__name__, e)
print(jax.vmap(lambda v, u: v.at[1].set(u))(xs, jnp.ones((2, 3))), jax.vmap(lambda v, u: v.at[:, 2].add(u))(xs, jnp.array([1.0, 2.0])))

# %% relu_twice_jaxpr
print(jax.make_jaxpr(lambda x: jax.nn.relu(jax.nn.relu(x) - 1.0))(jnp.ones(3)))
print(jax.nn.relu(jnp.arange(-2.0, 2.0)), jax.nn.relu(jnp.arange(-2.0, 2.0)), jax.grad(lambda x: jax.nn.relu(x).sum())(jnp.arange(-2.0, 2.0)))
