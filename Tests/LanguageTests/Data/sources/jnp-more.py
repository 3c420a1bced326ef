# %% setup
import jax
import jax.numpy as jnp

# %% column-stack-dstack
a = jnp.arange(3.0)
b = jnp.arange(3) + 1
m = jnp.arange(6.0).reshape(3, 2)
print(jnp.column_stack((a, b)), jnp.column_stack([a, m, b]), jnp.column_stack([jnp.ones((2, 2, 2)), jnp.zeros((2, 1, 2))]).shape)
print(jnp.dstack((a, b)), jnp.dstack([m, m]).shape, jnp.dstack([1.0, 2.0]), jnp.dstack([jnp.ones((2, 2, 2)), jnp.ones((2, 2, 1))]).shape)
print(jax.make_jaxpr(jnp.column_stack)((a, b)))
print(jax.make_jaxpr(lambda x, y: jnp.column_stack([x, y]))(m, a))
print(jax.make_jaxpr(jnp.dstack)((a, a)))
print(jax.make_jaxpr(lambda x: jnp.dstack([x, x]))(m))
print(jax.grad(lambda x: jnp.column_stack([x, 2 * x]).sum())(a), jax.vmap(lambda x: jnp.dstack([x, x]))(m).shape, jax.jit(jnp.column_stack)((a, a)))
for f in [lambda: jnp.column_stack([]), lambda: jnp.dstack([]), lambda: jnp.column_stack([a, jnp.ones(4)]),
          lambda: jnp.dstack([a], dtype=jnp.int32), lambda: jnp.column_stack([[1, 2], [3, 4]])]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% tri
print(jnp.tri(3), jnp.tri(3, 4, 1), jnp.tri(3, k=-1, dtype=jnp.int32), jnp.tri(2, 3, dtype=bool), jnp.tri(4, M=2, k=-2))
print(repr(jnp.tri(0)), repr(jnp.tri(2, 0)), jnp.tri(3, 3, 10), jnp.tri(3, 3, -10))
print(jax.make_jaxpr(lambda: jnp.tri(3))())
print(jax.make_jaxpr(lambda: jnp.tri(3, 4, k=1, dtype=jnp.int32))())
print(jax.make_jaxpr(lambda x: x * jnp.tri(2, dtype=jnp.float16))(jnp.ones((2, 2), jnp.float16)))
for f in [lambda: jnp.tri(-1), lambda: jnp.tri(2.5), lambda: jnp.tri(2, bogus=1)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% hypot
x = jnp.array([3.0, -5.0, 0.0, jnp.inf, 1e30, 1e-30, jnp.nan, -jnp.inf, 0.0, 2.5])
y = jnp.array([4.0, 12.0, 0.0, jnp.nan, 1e30, 1e-30, 1.0, 3.0, -0.0, 7.25])
print(jnp.hypot(x, y), jnp.hypot(y, x), repr(jnp.hypot(3, 4)), repr(jnp.hypot(jnp.arange(3), 2)), jnp.hypot(jnp.arange(6.0).reshape(2, 3), jnp.arange(3.0)))
print(repr(jnp.hypot(jnp.float16(3), jnp.float16(4))), repr(jnp.hypot(True, 1)))
r = jax.random.normal(jax.random.key(1), (2, 64))
print(jnp.hypot(r[0], r[1]))
print(jax.make_jaxpr(jnp.hypot)(x, y))
print(jax.make_jaxpr(jnp.hypot)(jnp.arange(3), 2.0))
print(jax.grad(lambda u: jnp.hypot(u, 4.0))(3.0), jax.grad(lambda u: jnp.hypot(u, 0.0))(-2.0), jax.vmap(jnp.hypot)(x[2:6], y[2:6]), jax.jit(jnp.hypot)(x, y))
for f in [lambda: jnp.hypot(jnp.array([1j]), 1.0), lambda: jnp.hypot([3], 4), lambda: jnp.hypot(jnp.ones(2), jnp.ones(3))]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% fmod
x = jnp.array([5.5, -5.5, 5.5, -5.5, 0.0, jnp.inf, 1.0, 7.0, -0.0, 1e10])
y = jnp.array([2.0, 2.0, -2.0, -2.0, 3.0, 2.0, 0.0, jnp.inf, 1.0, 3.7])
print(jnp.fmod(x, y), jnp.mod(x, y))
i = jnp.array([7, -7, 7, -7, 5, 0])
k = jnp.array([3, 3, -3, -3, 0, 2])
print(jnp.fmod(i, k), repr(jnp.fmod(i, 2)), repr(jnp.fmod(7.5, 2)), repr(jnp.fmod(i.astype(jnp.uint8), 3)), repr(jnp.fmod(i, 2.5)))
print(jax.make_jaxpr(jnp.fmod)(x, y))
print(jax.make_jaxpr(jnp.fmod)(i, k))
print(jax.make_jaxpr(jnp.fmod)(i, 2.5))
print(jax.make_jaxpr(jnp.fmod)(jnp.ones((2, 3)), jnp.ones(3)))
print(jax.grad(lambda u: jnp.fmod(u, 2.0))(5.5), jax.grad(lambda u: jnp.fmod(5.5, u))(2.0), jax.vmap(jnp.fmod)(x, y), jax.jit(jnp.fmod)(i, k))
for f in [lambda: jnp.fmod(jnp.array([1j]), 1.0), lambda: jnp.fmod([3], 4), lambda: jnp.fmod(jnp.array([True]), True), lambda: jnp.fmod(jnp.ones(2), jnp.ones(3))]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% kron
a = jnp.array([[1, 2], [3, 4]])
b = jnp.array([[5, 6], [7, 8]])
print(jnp.kron(a, b), jnp.kron(jnp.arange(3.0), jnp.ones(2)), jnp.kron(a, jnp.arange(3)), jnp.kron(jnp.arange(3), a))
print(repr(jnp.kron(2, 3)), repr(jnp.kron(a, 2.5)), jnp.kron(jnp.ones((2, 1, 2)), a).shape)
print(jax.make_jaxpr(jnp.kron)(a, b))
print(jax.make_jaxpr(jnp.kron)(a.astype(jnp.float32), jnp.arange(3)))
print(jax.make_jaxpr(jnp.kron)(jnp.arange(3), a))
print(jax.make_jaxpr(jnp.kron)(2.0, jnp.arange(3.0)))
print(jax.grad(lambda x: jnp.kron(x, x).sum())(jnp.arange(3.0)), jax.vmap(jnp.kron)(a, b), jax.jit(jnp.kron)(a, b))
try:
    jnp.kron([1, 2], a)
except TypeError as e:
    print(e)

# %% split
a = jnp.arange(12.0).reshape(3, 4)
v = jnp.arange(7)
print(jnp.split(a, 2, axis=1), jnp.split(a, [1, 3]), jnp.split(v, (2, 5)), jnp.split(a, jnp.array([1]), axis=-1))
print(jnp.array_split(v, 3), jnp.array_split(a, 3, axis=1), jnp.array_split(v, [1, 1, 5]), len(jnp.array_split(v, 9)))
print(jnp.vsplit(a, 3), jnp.hsplit(a, 2), jnp.hsplit(v, [3]), jnp.dsplit(jnp.ones((1, 2, 4)), 2), jnp.split(a, jnp.array(3)))
print(jax.make_jaxpr(lambda x: jnp.split(x, 2, axis=1))(a))
print(jax.make_jaxpr(lambda x: jnp.split(x, [1, 3], axis=1))(a))
print(jax.make_jaxpr(lambda x: jnp.array_split(x, 3, axis=-1))(a))
print(jax.make_jaxpr(lambda x: jnp.vsplit(x, 3))(a))
print(jax.make_jaxpr(lambda x: jnp.hsplit(x, [2]))(v))
print(jax.grad(lambda x: jnp.split(x, 2, axis=1)[0].sum())(a), jax.vmap(lambda x: jnp.split(x, [1])[1])(a), jax.jit(lambda x: jnp.array_split(x, 2))(v))
for f in [lambda: jnp.split(v, 3), lambda: jnp.split(v, 0), lambda: jnp.split(a, 2, axis=2), lambda: jnp.split([1, 2], 2),
          lambda: jnp.split(v, [5, 2]), lambda: jnp.split(v, [1, 9]), lambda: jnp.array_split(v, [1, 1, 9]), lambda: jnp.vsplit(a, 2), lambda: jnp.split(v, 1.5)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% argwhere-flatnonzero
m = jnp.array([[0, 3, 0], [4, 0, 5]])
print(jnp.argwhere(m), jnp.flatnonzero(m), jnp.argwhere(jnp.array([0.0, 1.5, -2.0])), jnp.flatnonzero(jnp.array([True, False, True])))
print(repr(jnp.argwhere(jnp.zeros((2, 2)))), repr(jnp.argwhere(3)), repr(jnp.argwhere(0)), repr(jnp.flatnonzero(jnp.zeros(3))), repr(jnp.flatnonzero(7)))
print(jnp.argwhere(m, size=4), jnp.argwhere(m, size=2, fill_value=9), jnp.flatnonzero(m, size=5, fill_value=-1), jnp.argwhere(jnp.ones((2, 1, 2))))
for f in [lambda: jax.jit(jnp.argwhere)(m), lambda: jax.jit(jnp.flatnonzero)(m), lambda: jnp.argwhere(m, 3), lambda: jnp.flatnonzero([1, 0]),
          lambda: jnp.argwhere(m, bogus=1)]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])

# %% cross
a = jnp.array([1.0, 2.0, 3.0])
b = jnp.array([4.0, 5.0, 6.0])
m = jnp.arange(6.0).reshape(2, 3)
print(jnp.cross(a, b), jnp.cross(m, m[::-1]), repr(jnp.cross(jnp.array([1, 2]), jnp.array([3, 4]))), jnp.cross(jnp.array([1, 2]), b), jnp.cross(a, jnp.array([1, 2])))
print(jnp.cross(m.T, m[::-1].T, axis=0), jnp.cross(m, m[::-1], axisc=0), jnp.cross(m.T, m.T[::-1], axisa=0, axisb=0), jnp.cross(jnp.arange(3), a), jnp.cross(m[:, :2], m[:, 1:]))
print(jax.make_jaxpr(jnp.cross)(a, b))
print(jax.make_jaxpr(jnp.cross)(m, m[::-1]))
print(jax.make_jaxpr(lambda x, y: jnp.cross(x, y, axisc=0))(m, m))
print(jax.make_jaxpr(jnp.cross)(m[:, :2], m[:, :2]))
print(jax.make_jaxpr(jnp.cross)(jnp.arange(2), a))
print(jax.grad(lambda x: jnp.cross(x, b).sum())(a), jax.vmap(jnp.cross)(m, m[::-1]), jax.jit(jnp.cross)(a, b))
for f in [lambda: jnp.cross(jnp.ones(4), jnp.ones(4)), lambda: jnp.cross(m, m, axisa=5), lambda: jnp.cross([1, 2, 3], a), lambda: jnp.cross(jnp.ones((2, 3)), jnp.ones((3, 3)))]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% select
x = jnp.arange(6)
print(jnp.select([x < 2, x > 3], [x, x * 10], default=-1), jnp.select([x < 2, x > 3], [x, 1.5]), jnp.select([x > 2], [x]), jnp.select([x < 3, x < 5], [100, 200]))
print(jnp.select([True, False], [jnp.ones(3), jnp.zeros(3)]), jnp.select([x < 3], [jnp.ones((2, 1))], default=jnp.arange(6.0)), repr(jnp.select([x < 3], [True], default=False)))
print(jnp.select([x, x - 3], [x * 2, x * 3]), jnp.select([jnp.array([True, False, False]), jnp.array([True, True, False])], [1, 2], default=0))
print(jax.make_jaxpr(lambda x: jnp.select([x < 2, x > 3], [x, x * 10], default=-1))(x))
print(jax.make_jaxpr(lambda x: jnp.select([x < 2, x > 3], [x, 1.5]))(x))
print(jax.make_jaxpr(lambda x: jnp.select([x > 2], [x]))(x))
print(jax.make_jaxpr(lambda x: jnp.select([x, x - 3], [x * 2, x * 3]))(x))
print(jax.grad(lambda u: jnp.select([u < 1, u > 2], [u * u, 3 * u], default=u).sum())(jnp.arange(4.0)), jax.vmap(lambda u: jnp.select([u > 1], [u], default=0))(x), jax.jit(lambda u: jnp.select([u > 1], [u]))(x))
for f in [lambda: jnp.select([x > 1], [x, x]), lambda: jnp.select([], []), lambda: jnp.select([x > 1], [jnp.ones(4)]), lambda: jnp.select([[True]], [x])]:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
