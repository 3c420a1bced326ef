# %% setup
import jax
import jax.numpy as jnp
import numpy as np
x = jnp.arange(6.0).reshape(2, 3)
n = np.arange(6).reshape(2, 3)
print(x)
print(n)

# %% jnp_repr
print(repr(x), repr(jnp.arange(3)), repr(jnp.array(2.5)), repr(jnp.ones(2, dtype=jnp.int8)))

# %% np_repr
print(repr(n), repr(np.float64(0.5)), repr(n[0, 1]), repr(np.arange(3) * 1.5), repr(n.sum()))

# %% attributes
print(x.shape, x.ndim, x.size, x.dtype, x.T.shape, n.dtype, n.itemsize, x.nbytes, len(x))

# %% weak_types
print(repr(jnp.arange(3) * 2.5), repr(jnp.arange(3, dtype=jnp.int8) + 1), repr(jnp.float16(2) * 3))

# %% reductions
print(x.sum(), x.sum(axis=0), x.mean(axis=1), x.max(), jnp.argmax(x), x.min(axis=0, keepdims=True))
print(n.sum(), n.sum(axis=0), n.mean(), n.max(axis=1), n.argmin(), repr(n.mean(axis=0)))

# %% elementwise
print(jnp.sqrt(x), jnp.exp(jnp.array([0.0, 1.0])), jnp.sin(0.5), jnp.abs(-x))
print(jnp.maximum(x, 2.0), jnp.where(x > 2, x, -1.0), jnp.clip(x, 1, 4))

# %% numpy_elementwise
print(np.sqrt(n), np.exp(np.array([0.0, 1.0])), np.abs(-n), np.maximum(n, 2), np.where(n > 2, n, -1))

# %% indexing
print(x[1], x[:, 1], x[-1, -1], x[::-1], x[None].shape, x[..., 0], x[jnp.array([1, 0])])
print(n[1], n[:, 1], n[-1, -1], n[::-1], n[n > 2], n[[1, 0]])

# %% np_mutation
m = np.zeros(4)
m[1] = 5
m[2:] = [7, 8]
m += 1
print(m, m.dtype)

# %% jnp_immutable
x[0, 0] = 1

# %% at_methods
v = jnp.zeros(4)
print(v.at[1].add(2.0), v.at[jnp.array([0, 2])].set(9.0), v.at[5].set(1.0), v.at[:2].multiply(3.0))

# %% matmul
a = jnp.arange(4.0).reshape(2, 2)
print(a @ a, jnp.dot(a, a[0]), np.arange(4).reshape(2, 2) @ np.arange(2))

# %% casting
print(jnp.array([1.7, -1.7]).astype(jnp.int32), np.array([1.7, -1.7]).astype(int), jnp.arange(3).astype('float16'))
print(np.array([300, -1]).astype(np.uint8), jnp.array([300, -1]).astype(jnp.uint8))

# %% scalars_and_conversions
s = jnp.array(3.5)
print(float(s), int(s), bool(s), s.item(), x.tolist(), n.tolist(), type(n.tolist()[0][0]))

# %% iteration
for row in x:
    print(row)
print([int(v) for v in jnp.arange(3)], list(np.arange(2.0)))

# %% truth_error
if jnp.arange(3):
    print('no')

# %% shape_error
jnp.ones(3) + jnp.ones(4)

# %% np_shape_error
np.ones(3) + np.ones(4)

# %% reshape_and_stack
print(jnp.arange(6).reshape(3, -1), jnp.stack([jnp.ones(2), jnp.zeros(2)]), jnp.concatenate([jnp.ones(2), jnp.zeros(1)]))
print(np.arange(6).reshape(-1, 2), np.concatenate([np.ones(2), np.zeros(1)]), jnp.expand_dims(jnp.ones(2), 0).shape)

# %% creation
print(jnp.linspace(0, 1, 5), jnp.eye(2), jnp.full((2,), 7), jnp.zeros_like(x), np.linspace(0, 1, 3), np.full(2, 1.5))
print(jnp.arange(1, 10, 3), np.arange(0.0, 1.0, 0.25), jnp.ones((2, 2), dtype=bool))

# %% dtypes
print(jnp.float32, np.float64, x.dtype == jnp.float32, n.dtype == np.int64, jnp.dtype('int8'), repr(np.dtype('float32')))

# %% grad_vmap_jit
f = lambda w: jnp.sum(jnp.tanh(w) ** 2)
print(jax.grad(f)(jnp.array([0.5, -1.0])))
print(jax.vmap(lambda r: r.sum())(x), jax.jit(lambda r: r * 2)(x))
print(jax.value_and_grad(lambda a, b: (a * b).sum(), argnums=(0, 1))(jnp.ones(2), jnp.arange(2.0)))

# %% jaxpr_where
print(jax.make_jaxpr(lambda r: jnp.where(r > 0, r, 0.0))(jnp.ones(3)))

# %% tracer_bool_error
@jax.jit
def bad(r):
    if r.sum() > 0:
        return r
    return -r
bad(jnp.ones(2))

# %% random_more
k = jax.random.key(1)
print(jax.random.uniform(k, (3,)), jax.random.randint(k, (4,), 0, 10), jax.random.bernoulli(k, 0.5, (3,)) if hasattr(jax.random, 'bernoulli') else '')
np.random.seed(0)
print(np.random.rand(3), np.random.randint(0, 10, 4), np.random.normal(size=2))
