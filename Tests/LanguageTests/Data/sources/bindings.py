# %% setup
import jax
import jax.numpy as jnp
import numpy as np

# %% np_eye_identity
print(np.eye(3))
print(np.eye(2, 4, k=1, dtype=np.int32))
print(repr(np.identity(2)), repr(jnp.eye(3, k=-1)))

# %% np_like_functions
a = np.arange(6).reshape(2, 3)
print(repr(np.zeros_like(a)), repr(np.ones_like(a, dtype=np.float32)), repr(np.full_like(a, 7)))
print(repr(np.full_like(np.ones(3), 2.5)), repr(np.zeros_like([1.0, 2.0])))
print(repr(jnp.full_like(jnp.arange(3), 4)), repr(jnp.full_like(jnp.ones((2,)), 0.5, dtype=jnp.int32)))

# %% np_shape_functions
print(np.stack([np.arange(3), np.arange(3) * 2]))
print(np.stack([np.arange(3), np.arange(3.0)], axis=1))
print(np.stack([np.ones(2), np.zeros(2)], axis=-1).shape)
print(np.expand_dims(np.arange(3), 0).shape, np.expand_dims(np.arange(3), (0, 2)).shape)
print(np.broadcast_to(np.arange(3), (2, 3)))

# %% np_clip_stats_arctan2
print(np.clip(np.arange(6), 1, 4), np.clip(np.arange(5), 1.5, 3), np.clip(np.arange(4), None, 2))
x = np.array([[1.0, 2.0, 4.0], [3.0, 5.0, 9.0]])
print(np.var(x), np.std(x), np.var(x, axis=0), np.std(x, axis=1, ddof=1))
print(np.arctan2(np.array([1.0, -1.0]), np.array([1.0, 1.0])), np.arctan2(1, 2))

# %% np_errors
for f in [lambda: np.stack([np.ones(2), np.ones(3)]), lambda: np.stack([]), lambda: np.clip(np.ones(2))]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% np_random_choice
np.random.seed(0)
print(np.random.choice(5), np.random.choice(5, 3), np.random.choice([10, 20, 30], size=(2, 2)))
print(np.random.choice(10, 4, replace=False), np.random.choice(4, 6, p=[0.1, 0.2, 0.3, 0.4]))
print(np.random.choice(np.arange(5.0), 3, replace=False, p=[0.1, 0.1, 0.2, 0.3, 0.3]))

# %% np_random_shuffle
np.random.seed(1)
v = np.arange(8)
print(np.random.shuffle(v), v)
m = np.arange(6).reshape(3, 2)
np.random.shuffle(m)
print(m)
lst = [1, 2, 3, 4, 5]
np.random.shuffle(lst)
print(lst)

# %% np_random_choice_errors
for f in [lambda: np.random.choice(3, 5, replace=False), lambda: np.random.choice(3, p=[0.5, 0.5]),
          lambda: np.random.choice(0), lambda: np.random.choice(3, p=[0.5, 0.6, -0.1])]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% truncated_normal
k = jax.random.key(0)
print(jax.random.truncated_normal(k, -1.0, 1.0, (5,)))
print(repr(jax.random.truncated_normal(jax.random.key(3), 0.0, 2.0, (2, 3))))
print(jax.random.truncated_normal(k, -2, 2))

# %% lax_and_special
print(jax.lax.erf_inv(0.5), repr(jax.lax.erf_inv(jnp.array([0.1, 0.9, -0.99]))))
print(jax.lax.exp(jnp.array([0.5, 1.5])), jax.lax.rsqrt(4.0), jax.lax.logistic(jnp.array([0.0, 2.0])))
print(repr(jax.scipy.special.erfinv(jnp.array([0, 1]))), jax.scipy.special.erf(jnp.array([0.25, -1.0])))
print(jax.scipy.special.expit(jnp.array([-1.0, 0.0, 3.0])))
try:
    jax.lax.exp(jnp.arange(3))
except TypeError as e:
    print("TypeError", e)

# %% lax_traced
print(jax.make_jaxpr(lambda x: jax.lax.erf_inv(x) * 2)(jnp.ones(3)))
print(jax.grad(lambda x: jax.lax.erf_inv(x))(0.5))
print(jax.make_jaxpr(jax.grad(jax.lax.erf_inv))(jnp.float32(0.5)))
print(jax.make_jaxpr(jax.grad(jax.lax.erf))(jnp.float32(0.5)))
print(jax.grad(jax.scipy.special.erf)(0.3), jax.grad(jax.lax.erf_inv)(-0.7))
print(jax.vmap(jax.scipy.special.erfinv)(jnp.array([0.2, -0.4])))

# %% random_bad_input
k = jax.random.key(0)
def t(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0][:150])
t(lambda: jax.random.normal(k, (-1,)))
t(lambda: jax.random.normal(k, (2.5,)))
t(lambda: jax.random.normal(k, 2.5))
t(lambda: jax.random.split(k, 0))
t(lambda: jax.random.split(k, -1))
t(lambda: jax.random.uniform(k, (2,), minval=3, maxval=1))
t(lambda: jax.random.randint(k, (2,), 5, 1))
t(lambda: jax.random.choice(k, 3, (5,), replace=False))
t(lambda: jax.random.normal(jnp.array([1, 2, 3], dtype=jnp.uint32), (2,)))
t(lambda: jax.random.normal(jnp.zeros(2), (2,)))
t(lambda: jax.random.normal(42, (2,)))
t(lambda: jax.random.normal([1, 2]))
t(lambda: jax.random.normal(None))
t(lambda: jax.random.normal(jax.random.split(k, 2), (2,)))

# %% jnp_shape_errors
for f in [lambda: jnp.zeros((2.5,)), lambda: jnp.zeros(2.5), lambda: jnp.ones((2, "a")), lambda: np.zeros((2.5,)),
          lambda: jnp.arange(6).reshape(2.0, 3), lambda: jnp.broadcast_to(1, (2.5,)), lambda: jnp.full((1.5,), 2)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% edge_inputs
k = jax.random.key(0)
edge_cases = [
    lambda: np.eye(-3),
    lambda: np.eye(3, k=-2**62),
    lambda: np.eye(3, k=2**63-1),
    lambda: np.identity(-1),
    lambda: np.stack([np.ones(2)], axis=5),
    lambda: np.stack([np.ones(2)], axis=-5),
    lambda: np.expand_dims(np.ones(2), 9),
    lambda: np.broadcast_to(np.ones(3), (2, 4)),
    lambda: np.broadcast_to(np.ones(3), (-1, 3)),
    lambda: np.zeros_like(np.ones(2), shape=(-2,)),
    lambda: np.arctan2("a", 1),
    lambda: np.var(np.ones(3), ddof=5),
    lambda: np.std([]),
    lambda: np.random.choice(5, -1),
    lambda: np.random.choice(5, 3, p=[0.2]*5 + [0.0]),
    lambda: np.random.choice([], 0),
    lambda: np.random.choice(np.ones((2, 2))),
    lambda: np.random.shuffle(5),
    lambda: np.random.shuffle(np.float64(2.0)),
    lambda: np.random.choice(3, 2, p=[float('nan'), 0.5, 0.5]),
    lambda: jax.random.truncated_normal(k, 2.0, -2.0, (3,)),
    lambda: jax.random.truncated_normal(k, float('nan'), 1.0),
    lambda: jax.random.truncated_normal(k, 0.0, 1.0, (-1,)),
    lambda: jax.random.truncated_normal(k, 0.0, 1.0, dtype=jnp.int32),
    lambda: jax.jit(lambda kk: jax.random.permutation(kk, -5))(k),
    lambda: jax.jit(lambda kk: jax.random.choice(kk, 5, (10,), replace=False))(k),
    lambda: jax.jit(lambda kk: jax.random.choice(kk, 0, (2,)))(k),
    lambda: jax.jit(lambda kk: jax.random.choice(kk, jnp.ones((2, 3)), (2,), axis=5))(k),
    lambda: jax.jit(lambda kk, x: jax.random.permutation(kk, x, axis=-7))(k, jnp.ones((2, 3))),
    lambda: jax.jit(lambda kk: jax.random.permutation(kk, jnp.float32(3.0)))(k),
    lambda: jax.jit(lambda kk: jax.random.randint(kk, (3,), 0, 2**40, dtype=jnp.uint8))(k),
    lambda: jax.jit(lambda kk: jax.random.randint(kk, (3,), -2**31, 2**31, dtype=jnp.int16))(k),
    lambda: jax.jit(lambda kk: jax.random.truncated_normal(kk, jnp.ones(3), 2.0, (2,)))(k),
    lambda: jax.lax.erf_inv("a"),
    lambda: jax.lax.exp(True),
    lambda: jax.scipy.special.erfinv(2.0),
    lambda: jax.jit(lambda kk: jax.random.choice(kk, jnp.arange(5), ()))(k),
    lambda: jax.vmap(lambda kk: jax.random.permutation(kk, jnp.arange(6).reshape(2, 3), axis=1))(jax.random.split(k, 2)),
    lambda: jax.vmap(lambda x: jax.random.permutation(k, x))(jnp.arange(6).reshape(2, 3)),
    lambda: jax.grad(lambda x: jax.random.permutation(k, x).sum())(jnp.arange(3.0)),
]
for i, t in enumerate(edge_cases):
    try:
        r = t()
        print(i, "ok", str(r)[:80].replace("\n", " "))
    except Exception as e:
        print(i, type(e).__name__, str(e)[:120].replace("\n", " "))

# %% sorting
x = jnp.array([[3., 1., 2., -0.0], [0., -1., 5., float('nan')], [float('-inf'), 2., 2., 0.0]])
print(jnp.sort(x), jnp.sort(x, axis=0), jnp.sort(x, axis=None))
print(jnp.argsort(x), jnp.argsort(x, axis=0), jnp.argsort(jnp.array([2, 1, 2, 1, 0])))
print(jnp.sort(jnp.array([3, -2, 7, -2], dtype=jnp.int8)), jnp.sort(jnp.array([300, 2, 65535], dtype=jnp.uint16)))
print(jnp.sort(jnp.array([1.5, -2.25, 0.125], dtype=jnp.bfloat16)), jnp.sort(jnp.array([True, False, True])))
print(jnp.sort(jnp.array([1e-40, -1e-40, 1e-30, 3.4e38, -3.4e38])))
print(jax.make_jaxpr(jnp.sort)(x))
print(jax.make_jaxpr(jnp.argsort)(x))
print(jax.make_jaxpr(lambda v: jnp.sort(v, axis=None))(x))
print(jax.vmap(jnp.sort)(x), jax.jit(jnp.argsort)(x))
print(jax.grad(lambda v: (jnp.sort(v) * jnp.arange(4.0)).sum())(jnp.array([3., 1., 2., 0.5])))
print(np.sort(np.array([3, 1, 2])), np.sort(np.array([[0.5, -1.0], [2.0, 1.0]]), axis=0), np.sort(np.array([[3, 1], [0, 2]]), axis=None))
np.random.seed(0)
v = np.random.randn(2000)
print(bool((np.sort(v) == np.asarray(jnp.sort(jnp.asarray(v)))).all()), float(jnp.sort(jnp.asarray(v, dtype=jnp.float32))[1000]))
for f in [lambda: jnp.sort(x, axis=2), lambda: jnp.sort(jnp.float32(1.0)), lambda: np.sort(np.ones(2), axis=3)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% floor_divide_traced
print(jax.make_jaxpr(lambda x: x // 2)(jnp.arange(3)))
print(jax.make_jaxpr(lambda x: x // 2)(jnp.arange(3, dtype=jnp.uint32)))
print(jax.make_jaxpr(lambda x, y: x // y)(jnp.arange(3.0), 2.0))
print(jax.jit(lambda x: x // 2)(jnp.arange(-3, 4)), jax.jit(lambda x: x // -1.5)(jnp.arange(-3.0, 4.0)))
print(jax.jit(lambda x, y: x // y)(jnp.array([7.0, -7.0, 0.0, 1.0]), jnp.array([2.0, 2.0, 0.0, -0.0])))
print(jax.make_jaxpr(jax.vmap(lambda x: jnp.where(x > 0, x, 0.0)))(jnp.ones((2, 3))))
print(jax.make_jaxpr(jax.vmap(lambda x, c: jnp.where(c, x, 1.0), in_axes=(0, None)))(jnp.ones((2, 3)), True))

# %% cumsum
x = jnp.arange(12.0).reshape(3, 4) / 7
print(jnp.cumsum(x), jnp.cumsum(x, axis=0), x.cumsum(axis=-1))
print(jnp.cumsum(jnp.array([True, False, True])), jnp.cumsum(jnp.arange(5, dtype=jnp.int8) * 60), jnp.cumsum(jnp.arange(4), dtype=jnp.float32))
print(jnp.cumsum(jnp.array([1, -1, 2]), dtype=bool), jnp.cumsum(3.5), jnp.cumsum(jnp.ones(40) / 3)[-3:])
print(jnp.cumsum(jnp.linspace(0, 1, 50, dtype=jnp.float16))[-4:])
print(jax.make_jaxpr(jnp.cumsum)(x))
print(jax.make_jaxpr(lambda x: jnp.cumsum(x, axis=1, dtype=jnp.int32))(x))
print(jax.grad(lambda x: (jnp.cumsum(x) ** 2).sum())(jnp.arange(4.0)))
print(jax.grad(lambda x: jnp.cumsum(x)[2])(jnp.arange(4.0)), jax.grad(lambda x: jnp.cumsum(x, axis=0)[1, 2])(x))
print(jax.vmap(jnp.cumsum)(x), jax.jit(lambda x: x.cumsum(0))(x))
y = np.arange(12.0).reshape(3, 4) / 7
print(np.cumsum(y), np.cumsum(y, axis=0), y.cumsum(axis=1).dtype)
print(np.cumsum(np.array([True, False, True])), np.cumsum(np.arange(5, dtype=np.int8) * 60), np.cumsum(np.arange(4, dtype=np.uint8)).dtype)
print(np.cumsum(np.ones(40, dtype=np.float32) / 3)[-3:], np.cumsum(np.arange(4), dtype=np.float32), np.cumsum(2))
print(np.cumsum(np.linspace(0, 1, 50).astype(np.float16))[-4:])
try:
    jnp.cumsum(x, axis=2)
except Exception as e:
    print(type(e).__name__, e)
try:
    np.cumsum(y, axis=2)
except Exception as e:
    print(type(e).__name__, e)

# %% jvp
x = jnp.array([0.5, -1.0, 2.0])
print(jax.jvp(jnp.sin, (1.0,), (1.0,)))
print(jax.jvp(lambda a, b: a * b, (x, 2.0), (jnp.ones(3), 0.5)))
print(jax.jvp(lambda p: {'y': p['a'] ** 2, 'z': (p['a'], p['a'].sum())}, ({'a': x},), ({'a': x},)))
print(jax.make_jaxpr(lambda x: jax.jvp(lambda y: jnp.where(y > 0, y, 0.0), (x,), (x,)))(x))
print(jax.make_jaxpr(lambda x: jax.jvp(jnp.tanh, [x], [jnp.ones(3)]))(x))
print(jax.jit(lambda x: jax.jvp(lambda y: jnp.cumsum(y ** 2), (x,), (x,)))(x))
print(jax.vmap(lambda x: jax.jvp(jnp.exp, (x,), (1.0,)))(x))
print(jax.grad(lambda x: jax.jvp(jnp.sin, (x,), (1.0,))[1])(0.3))
for bad in [lambda: jax.jvp(jnp.sin, 1.0, 1.0), lambda: jax.jvp(jnp.sin, (1.0,), (1,)), lambda: jax.jvp(jnp.sin, (x,), (jnp.ones(2),)),
            lambda: jax.jvp(jnp.sin, (1.0, 2.0), (1.0,)), lambda: jax.jvp(lambda n: n * 2, (3,), (1.0,))]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

# %% cumsum_reverse
for n in [5, 16, 17, 20, 33, 64, 100, 300, 1000]:
    x = jax.random.normal(jax.random.key(n), (n,))
    a = jax.lax.cumsum(x, reverse=True); b = jax.jit(lambda v: jnp.cumsum(v ** 2))(x)
    print(n, float(a.sum()), a[:3], b[-3:], jax.grad(lambda v: (jnp.cumsum(v) * v).sum())(x)[:3])
x = jax.random.normal(jax.random.key(9), (20, 3))
print(jax.lax.cumsum(x, axis=0, reverse=True)[:2], jax.lax.cumsum(x, axis=1, reverse=True)[:2])
y = jax.random.normal(jax.random.key(1), (64,))
print(jax.jit(jax.grad(lambda w: (jnp.cumsum(w * y) * y).sum()))(y)[:6])
print(jax.make_jaxpr(lambda v: jax.lax.cumsum(v, axis=1, reverse=True))(jnp.ones((2, 3))))
try:
    jax.lax.cumsum(jnp.ones(3), axis=-1)
except ValueError as e:
    print('ValueError', e)
for a in [2, 5]:
    try:
        jax.lax.cumsum(jnp.ones((2, 3)), axis=a)
    except ValueError as e:
        print("ValueError", e)
try:
    jax.lax.cumsum(jnp.ones(3, bool))
except TypeError as e:
    print("TypeError", e)
print(jax.lax.cumsum(jnp.arange(6).reshape(2, 3), axis=1, reverse=True))

# %% take
x = jnp.arange(8.0).reshape(4, 2)
print(jax.make_jaxpr(lambda x, i: jnp.take(x, i, axis=0))(x, jnp.array([0, 5, -1])))
print(jnp.take(x, jnp.array([0, 5, -1]), axis=0), jnp.take(x, jnp.array([1, -3]), axis=1), jnp.take(x, jnp.array([[0, 7]])))
print(jnp.take(jnp.arange(6), jnp.array([0, 9])), jnp.take(jnp.arange(6, dtype=jnp.uint8), jnp.array([9])), jnp.take(jnp.array([True, False]), jnp.array([3])))
print(jax.make_jaxpr(lambda x, i: jnp.take(x, i))(jnp.arange(6), jnp.array([1])))
print(jax.grad(lambda x: jnp.take(x, jnp.array([0, 0, 3, 9]), axis=0).sum())(x))
print(jax.make_jaxpr(lambda k: jax.random.choice(k, jnp.arange(8.0).reshape(4, 2), (3,)))(jax.random.key(0)))
print(jax.make_jaxpr(lambda k: jax.random.permutation(k, jnp.arange(8.0).reshape(4, 2)))(jax.random.key(0)))
print(jnp.take(x, jnp.array([5, -9]), axis=0, mode="clip"), jnp.take(x, jnp.array([5, -9]), axis=0, mode="wrap"), jnp.take(x, jnp.array([9]), axis=1, fill_value=-1.0))
print(jax.jit(lambda x, i: jnp.take(x, i, axis=1))(x, jnp.array([[1], [0]])), jax.vmap(lambda i: jnp.take(x, i, axis=0))(jnp.array([0, 3])))
for bad in [lambda: jnp.take(x, jnp.array([0]), mode="bogus"), lambda: jnp.take(x, jnp.array([1.0])), lambda: jnp.take(jnp.zeros((0, 2)), jnp.array([0]), axis=0)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

# %% lax_accepted_dtypes
for f in [jax.lax.erf, jax.lax.erf_inv, jax.lax.floor, jax.lax.ceil, jax.lax.atan, jax.lax.abs, jax.lax.neg, jax.lax.sign]:
    for a in [jnp.arange(2), jnp.array([True]), jnp.arange(2, dtype=jnp.uint8)]:
        try:
            print(f(a))
        except TypeError as e:
            print("TypeError", e)

# %% weak_constants
print(jax.make_jaxpr(jax.grad(jax.scipy.special.erf))(2.0))
print(jax.make_jaxpr(jax.grad(jax.lax.erf_inv))(jnp.float32(0.2)))
print(jax.jvp(jax.scipy.special.erf, (0.5,), (1.0,)), jax.jvp(jax.scipy.special.erf, (jnp.float32(0.5),), (jnp.float32(1.0),)))
print(jax.make_jaxpr(lambda x: x * (1 / 3) + 0.1 + (0.1 + 0.2))(2.0))

# %% cbrt
import numpy as np
x = jnp.array([27.0, -8.0, 0.0, -0.0, 2.0, 1e-40, -1e-42, 1.1754944e-38, 3.4e38, float("inf"), -float("inf"), float("nan")])
print(jnp.cbrt(x), jnp.cbrt(x).tolist())
values = np.random.default_rng(0).standard_normal(64).astype(np.float32) * 100
print(jnp.cbrt(values).tolist() == [float(v) for v in jax.jit(jnp.cbrt)(values)], jnp.cbrt(values).tolist())
print(jnp.cbrt(3), jnp.cbrt(True), jnp.cbrt(jnp.arange(4)), jnp.cbrt(jnp.array([8, 27], dtype=jnp.int8)), jax.lax.cbrt(-27.0))
print(jnp.cbrt(jnp.array([3.0, -7.5], dtype=jnp.float16)), jnp.cbrt(jnp.array([3.0, -7.5], dtype=jnp.bfloat16)))
print(jax.make_jaxpr(jnp.cbrt)(1.0))
print(jax.make_jaxpr(jax.grad(jnp.cbrt))(2.0))
print(jax.grad(jnp.cbrt)(8.0), jax.jvp(jnp.cbrt, (8.0,), (1.0,)), jax.vmap(jax.grad(jnp.cbrt))(jnp.array([1.0, -27.0])))
print(jax.make_jaxpr(jax.vmap(jax.grad(jnp.cbrt)))(jnp.arange(1.0, 3.0)))
print(jax.jit(lambda x: jnp.cbrt(x * 2.0) + 1.0)(jnp.array([4.0, -13.5])))
for bad in [lambda: jax.lax.cbrt(jnp.arange(3)), lambda: jax.lax.cbrt(True)]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError", e)

# %% cbrt_x64
jax.config.update("jax_enable_x64", True)
x = jnp.array([27.0, -8.0, 2.0, 1e-310, -2e-320, 1e300, 5.666188391900659])
print(jnp.cbrt(x).tolist(), jnp.cbrt(x).dtype, jnp.cbrt(3).dtype)
print(jnp.cbrt(np.random.default_rng(1).standard_normal(32) * 1000).tolist())
print(jax.make_jaxpr(jax.grad(jnp.cbrt))(2.0))
jax.config.update("jax_enable_x64", False)
