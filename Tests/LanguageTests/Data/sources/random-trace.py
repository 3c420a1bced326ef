# %% setup
import jax
import jax.numpy as jnp
key = jax.random.key(0)
raw = jax.random.PRNGKey(42)
print(key)

# %% jit_uniform
print(jax.jit(lambda k: jax.random.uniform(k, (3,)))(key))

# %% jit_normal
f = jax.jit(lambda k: jax.random.normal(k, (5,)))
print(f(key))
print(f(jax.random.key(7)))
print(bool((f(key) == jax.random.normal(key, (5,))).all()))

# %% jit_normal_many
big = jax.jit(lambda k: jax.random.normal(k, (2000,)))
print(bool((big(jax.random.key(3)) == jax.random.normal(jax.random.key(3), (2000,))).all()))
print(big(jax.random.key(3))[:4], big(jax.random.key(3))[-3:])

# %% jit_uniform_bounds
print(jax.jit(lambda k: jax.random.uniform(k, (2, 3), minval=-2.0, maxval=5.0))(key))
print(jax.jit(lambda k, lo: jax.random.uniform(k, (4,), minval=lo, maxval=lo + 1.0))(key, 3.0))

# %% jit_split
print(jax.jit(lambda k: jax.random.split(k))(key))
print(jax.jit(lambda k: jax.random.split(k, 4))(key))

# %% jit_fold_in_bits
print(jax.jit(lambda k: jax.random.fold_in(k, 3))(key))
print(jax.jit(lambda k: jax.random.bits(k, (4,)))(key))
print(jax.jit(jax.random.key_data)(key))

# %% jit_raw_key
print(jax.jit(lambda k: jax.random.normal(k, (3,)))(raw))
print(jax.jit(lambda k: jax.random.split(k))(raw))
print(jax.jit(lambda k: jax.random.uniform(k, ()))(raw))

# %% jit_chain
def sample(k):
    k1, k2 = jax.random.split(k)
    return jax.random.normal(k1, (2,)) + jax.random.uniform(k2, (2,))
print(jax.jit(sample)(key))
print(sample(key))

# %% vmap_normal
keys = jax.random.split(key, 3)
print(jax.vmap(lambda k: jax.random.normal(k, (2,)))(keys))

# %% vmap_uniform
print(jax.vmap(lambda k: jax.random.uniform(k, (2,)))(keys))
print(jax.vmap(lambda k: jax.random.uniform(k))(jax.random.split(jax.random.key(5), 4)))

# %% vmap_split_fold
print(jax.vmap(lambda k: jax.random.split(k))(keys))
print(jax.vmap(lambda k: jax.random.fold_in(k, 1))(keys))
print(jax.vmap(jax.random.key_data)(keys))

# %% vmap_fold_in_data
print(jax.vmap(lambda i: jax.random.fold_in(key, i))(jnp.arange(3)))
print(jax.vmap(lambda i: jax.random.normal(jax.random.fold_in(key, i), (2,)))(jnp.arange(3)))

# %% vmap_seeds
print(jax.vmap(jax.random.key)(jnp.arange(3)))
print(jax.vmap(lambda s: jax.random.uniform(jax.random.key(s), (2,)))(jnp.arange(3)))

# %% vmap_raw_keys
print(jax.vmap(lambda k: jax.random.normal(k, (2,)))(jax.random.split(raw, 2)))

# %% jit_vmap
print(jax.jit(jax.vmap(lambda k: jax.random.normal(k, (3,))))(keys))

# %% jaxpr_split
print(jax.make_jaxpr(lambda k: jax.random.split(k))(key))
print(jax.make_jaxpr(lambda k: jax.random.split(k, 3))(key))

# %% jaxpr_fold_in_bits
print(jax.make_jaxpr(lambda k: jax.random.fold_in(k, 3))(key))
print(jax.make_jaxpr(lambda k: jax.random.bits(k, (3,)))(key))
print(jax.make_jaxpr(lambda k: jax.random.key_data(k))(key))

# %% jaxpr_seed
print(jax.make_jaxpr(lambda s: jax.random.key(s))(0))
print(jax.make_jaxpr(lambda s: jax.random.PRNGKey(s))(0))

# %% jaxpr_uniform
print(jax.make_jaxpr(lambda k: jax.random.uniform(k, (3,)))(key))

# %% jaxpr_normal
print(jax.make_jaxpr(lambda k: jax.random.normal(k, (3,)))(key))

# %% jaxpr_normal_raw
print(jax.make_jaxpr(lambda k: jax.random.normal(k, (3,)))(raw))

# %% jaxpr_normal_scalar
print(jax.make_jaxpr(lambda k: jax.random.normal(k))(key))

# %% jaxpr_uniform_2d
print(jax.make_jaxpr(lambda k: jax.random.uniform(k, (2, 3), minval=-1.0, maxval=1.0))(key))

# %% jaxpr_vmap_normal
print(jax.make_jaxpr(jax.vmap(lambda k: jax.random.normal(k, (2,))))(keys))

# %% jaxpr_chain
print(jax.make_jaxpr(sample)(key))

# %% jaxpr_closed_key
print(jax.make_jaxpr(lambda x: jax.random.normal(key, (3,)) * x)(1.0))

# %% tracer_repr
def show(k):
    print(k)
    return jax.random.normal(k, (2,))
print(jax.jit(show)(key))

# %% grad_fixed_key
def loss(w):
    noise = jax.random.normal(jax.random.key(1), (3,))
    return jnp.sum((w * noise) ** 2)
print(jax.grad(loss)(jnp.ones(3)))
print(jax.jit(jax.grad(loss))(jnp.ones(3)))

# %% grad_key_argument
def loss2(w, k):
    return jnp.sum(w * jax.random.uniform(k, (3,)))
print(jax.grad(loss2)(jnp.arange(3.0), key))
print(jax.jit(jax.grad(loss2))(jnp.arange(3.0), key))

# %% jit_key_errors
try:
    jax.jit(lambda k: jax.random.normal(k, (2,)))(keys)
except ValueError as e:
    print("ValueError:", e)

# %% jaxpr_unpack_arrays
def first(x):
    a, b = x
    return a
print(jax.make_jaxpr(first)(jnp.ones((2, 3))))
print(jax.make_jaxpr(lambda k: jax.random.split(k)[1])(key))
print(jax.make_jaxpr(lambda k: jax.random.split(k, 4)[1:3])(key))

# %% vmap_of_jit_sampler
g = jax.jit(lambda k: jax.random.normal(k, (2,)))
print(jax.vmap(g)(keys))
print(jax.make_jaxpr(jax.vmap(lambda k: jax.random.split(k)))(keys))
print(jax.make_jaxpr(jax.vmap(lambda i: jax.random.fold_in(key, i)))(jnp.arange(3)))

# %% jit_loop_keys
def walk(k):
    total = 0.0
    for i in range(3):
        k, sub = jax.random.split(k)
        total = total + jax.random.uniform(sub)
    return total
print(jax.jit(walk)(key), walk(key))

# %% random_bad_input
for bad in [lambda: jax.jit(lambda k: jax.random.normal(k, (-1,)))(key),
            lambda: jax.jit(lambda k: jax.random.split(k, -2))(key),
            lambda: jax.jit(lambda k: jax.random.fold_in(k, -1))(key)]:
    try:
        bad()
    except Exception as e:
        print(str(e).splitlines()[0])

# %% bernoulli_traced
print(jax.make_jaxpr(lambda k: jax.random.bernoulli(k, 0.3, (3,)))(key))
print(jax.make_jaxpr(lambda k, p: jax.random.bernoulli(k, p))(key, jnp.ones(3) * 0.5))
print(jax.jit(lambda k: jax.random.bernoulli(k, 0.3, (6,)))(key), jax.random.bernoulli(key, 0.3, (6,)))
print(jax.vmap(lambda k: jax.random.bernoulli(k, 0.5, (4,)))(keys))
print(jax.jit(lambda k: jax.random.bernoulli(k, 0.3))(key))

# %% dropout
def dropout(x, k, rate=0.5):
    keep = jax.random.bernoulli(k, 1 - rate, x.shape)
    return jnp.where(keep, x / (1 - rate), 0.0)
print(jax.jit(dropout)(jnp.arange(6.0), key))
print(jax.grad(lambda x: dropout(x, key).sum())(jnp.arange(6.0)))
print(jax.jit(jax.grad(lambda x, k: dropout(x, k).sum()))(jnp.arange(6.0), key))
print(jax.make_jaxpr(dropout)(jnp.arange(6.0), key))

# %% randint_traced
print(jax.make_jaxpr(lambda k: jax.random.randint(k, (3,), 0, 10))(key))
print(jax.jit(lambda k: jax.random.randint(k, (6,), 0, 10))(key), jax.random.randint(key, (6,), 0, 10))
print(jax.jit(lambda k: jax.random.randint(k, (2, 3), -5, 5))(key), jax.random.randint(key, (2, 3), -5, 5))
print(jax.vmap(lambda k: jax.random.randint(k, (4,), 0, 100))(keys))
print(jax.jit(lambda k: jax.random.randint(k, (), 3, 3))(key))
print(jax.jit(lambda k, hi: jax.random.randint(k, (5,), 0, hi))(key, 7))

# %% randint_scalar_jaxpr
print(jax.make_jaxpr(lambda k: jax.random.randint(k, (), 0, 10))(key))

# %% shared_helpers
def two(k):
    a, b = jax.random.split(k)
    u = jnp.clip(jax.random.uniform(a, (2,)), 0.1, 0.9) + jnp.clip(jax.random.uniform(b, (2,)), 0.2, 0.8)
    return jax.random.normal(a, (2,)) + jax.random.normal(b, (2,)) + u
print(jax.make_jaxpr(two)(key))
print(jax.jit(two)(key), two(key))

# %% keys_inside_transforms
tests = [
    lambda: jax.jit(lambda k: k[1])(keys),
    lambda: jax.jit(lambda k: k[-1])(keys),
    lambda: jax.vmap(lambda k: k)(keys),
    lambda: jax.jit(lambda k: jnp.stack([k, k]))(key),
    lambda: jax.jit(lambda k: jax.random.split(k))(keys),
    lambda: jax.vmap(lambda x, k: x + jax.random.normal(k, ()), in_axes=(0, None))(jnp.arange(3.0), key),
    lambda: jax.jit(lambda k: k.shape)(keys),
    lambda: jax.vmap(jax.vmap(lambda k: jax.random.uniform(k)))(jax.random.split(key, (2, 3))),
    lambda: jax.jit(lambda k: jax.random.key_data(jax.random.split(k, 2)))(key),
    lambda: jax.jit(lambda d: jax.random.normal(jax.random.wrap_key_data(d), (2,)))(jax.random.key_data(key)),
    lambda: jax.random.wrap_key_data(jnp.array([0, 5], dtype=jnp.uint32)),
    lambda: jax.jit(lambda s: jax.random.key(s))(3.0),
    lambda: jax.jit(lambda k: jax.random.fold_in(k, jnp.uint32(7)))(key),
    lambda: jax.jit(lambda k: jax.random.uniform(k, (2,), jnp.int32))(key),
    lambda: jax.jit(lambda k: jax.random.bits(k, (2,), jnp.uint8))(key),
    lambda: jax.jit(lambda k: jax.random.bits(k, (2,), jnp.uint16))(key),
    lambda: jax.jit(lambda k: jax.random.normal(k, (2,)))(jnp.zeros(2, dtype=jnp.uint32)),
]
for i, t in enumerate(tests):
    try:
        print(i, t())
    except Exception as e:
        print(i, type(e).__name__, str(e).splitlines()[0])

# %% key_arithmetic_errors
for bad in [lambda: jax.jit(lambda k: k + 1)(key), lambda: jax.jit(lambda k: k * 2.0)(key)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError")

# %% traced_dtypes
for dt in [jnp.float16, jnp.bfloat16]:
    print(jax.jit(lambda k: jax.random.normal(k, (6,), dtype=dt))(key), jax.random.normal(key, (6,), dtype=dt))
    print(jax.jit(lambda k: jax.random.uniform(k, (6,), dtype=dt, minval=-1.0, maxval=2.0))(key))
    print(jax.vmap(lambda k: jax.random.normal(k, (3,), dtype=dt))(jax.random.split(key, 2)))
    print(jax.jit(lambda k: jax.random.bernoulli(k, jnp.array(0.3, dt), (5,)))(key))
    many = jax.jit(lambda k: jax.random.normal(k, (3000,), dtype=dt))
    print(bool((many(key) == jax.random.normal(key, (3000,), dtype=dt)).all()))

# %% traced_dtype_jaxprs
print(jax.make_jaxpr(lambda k: jax.random.normal(k, (2,), dtype=jnp.float16))(key))
print(jax.make_jaxpr(lambda k: jax.random.uniform(k, (2,), dtype=jnp.bfloat16))(key))
print(jax.make_jaxpr(lambda k: jax.random.normal(k, (2,), dtype=jnp.bfloat16))(key))


# %% key_tracer_attributes
def show(k):
    print(k)
    print(k.shape, k.ndim, k.dtype)
    return jax.random.uniform(k)
print(jax.vmap(show)(keys))
print(jax.jit(show)(key))
print(jax.jit(lambda k: (k, jax.random.split(k)))(key))
print(jax.vmap(lambda k: jax.random.split(k, 2), out_axes=1)(keys))
print(jax.jit(lambda ks: jax.vmap(lambda k: jax.random.normal(k, (2,)))(ks))(keys))

# %% grad_compositions
def loss3(w, k):
    return jnp.sum(w * jax.random.uniform(k, (3,)))
print(jax.make_jaxpr(jax.grad(loss3))(jnp.ones(3), key))
print(jax.vmap(jax.grad(loss3), in_axes=(None, 0))(jnp.ones(3), jax.random.split(key, 2)))
print(jax.jit(jax.vmap(jax.grad(loss3), in_axes=(None, 0)))(jnp.ones(3), jax.random.split(key, 2)))
print(jax.value_and_grad(loss3)(jnp.arange(3.0), key))
def noisy(x, k):
    return x + 0.1 * jax.random.normal(k, x.shape)
print(jax.grad(lambda x: noisy(x, key).sum())(jnp.ones(2)))
print(jax.make_jaxpr(jax.vmap(noisy, in_axes=(0, None)))(jnp.ones((2, 3)), key))
print(jax.make_jaxpr(lambda k: jax.vmap(lambda i: jax.random.uniform(jax.random.fold_in(k, i)))(jnp.arange(3)))(key))

# %% training_step
@jax.jit
def step(params, k):
    k, sub = jax.random.split(k)
    g = jax.grad(lambda p: jnp.sum((p - jax.random.normal(sub, p.shape)) ** 2))(params)
    return params - 0.1 * g, k
p, k2 = step(jnp.zeros(3), key)
print(p, k2)
p, k2 = step(p, k2)
print(p, k2)


# %% traced_edge_cases
print(jax.jit(lambda k: jax.random.randint(k, (3,), 0.5, 10))(key), jax.random.randint(key, (3,), 0.5, 10))
print(jax.jit(lambda k, lo: jax.random.randint(k, (3,), lo, 10))(key, 2.5))
print(jax.make_jaxpr(lambda k: jax.random.randint(k, (3,), 0.5, 10.0))(key))
cases = [
    lambda: jax.vmap(lambda k: jax.random.normal(k, (2,)))(jax.random.split(key, 0)),
    lambda: jax.jit(lambda k: jax.random.split(k, 0))(key),
    lambda: jax.jit(lambda k: jax.random.normal(k, (0, 3)))(key),
    lambda: jax.jit(lambda k, d: jax.random.fold_in(k, d))(key, -3),
    lambda: jax.jit(lambda k: jax.random.bits(k, (2,), jnp.int32))(key),
    lambda: jax.jit(lambda k: jax.random.uniform(k, (2,), minval=jnp.ones(3)))(key),
    lambda: jax.jit(lambda k: jax.random.uniform(k, (3,), minval=jnp.zeros(3), maxval=jnp.arange(1.0, 4.0)))(key),
    lambda: jax.jit(lambda k: jax.random.bernoulli(k, 0.5, (2,)))(jax.random.split(key, 2)),
    lambda: jax.jit(lambda k: jax.random.bernoulli(k, jnp.ones(3) * 0.5, (2,)))(key),
    lambda: jax.jit(lambda k: jax.random.bernoulli(k, 1))(key),
    lambda: jax.jit(lambda k: jax.random.normal(k, 3))(key),
    lambda: jax.jit(lambda k: jax.random.split(k, 2.0))(key),
    lambda: jax.vmap(lambda k: jax.random.split(k, (2, 2)))(jax.random.split(key, 2)),
    lambda: jax.jit(lambda k: jax.random.key_data(k))(jnp.zeros(2, dtype=jnp.uint32)),
    lambda: jax.jit(lambda k: jax.random.normal(k))(5),
]
for i, t in enumerate(cases):
    try:
        r = t()
        print(i, r)
    except Exception as e:
        print(i, type(e).__name__, str(e).splitlines()[0] if str(e) else "")


# %% jitted_user_functions
@jax.jit
def draw(k):
    return jax.random.normal(k, (2,))
print(jax.make_jaxpr(draw)(key))
print(jax.make_jaxpr(lambda k: draw(k) + draw(jax.random.fold_in(k, 1)))(key))
print(jax.vmap(draw)(jax.random.split(key, 2)))
print(jax.grad(lambda x, k: jnp.sum(x * draw(k)))(jnp.ones(2), key))
fn = jax.jit(lambda k, n: jax.random.normal(k, (n,)), static_argnums=1)
print(fn(key, 2), fn(key, 3))
four = jax.random.split(key, 4)
print(jax.jit(lambda ks: ks[1:3])(four))
print(jax.jit(lambda ks: jnp.concatenate([ks, ks]))(four).shape)
print(jax.jit(lambda ks: ks.reshape(2, 2))(four).shape)
print(jax.jit(lambda ks: ks.T)(jax.random.split(key, (2, 3))).shape)
print(jax.jit(lambda k: jnp.broadcast_to(k, (3,)))(key))

# %% traced_x64
jax.config.update("jax_enable_x64", True)
print(jax.jit(lambda k: jax.random.normal(k, (4,)))(key), jax.random.normal(key, (4,)))
print(jax.jit(lambda k: jax.random.uniform(k, (4,)))(key))
print(jax.make_jaxpr(lambda k: jax.random.normal(k, (2,)))(key))
many = jax.jit(lambda k: jax.random.normal(k, (3000,)))
print(bool((many(key) == jax.random.normal(key, (3000,))).all()))
jax.config.update("jax_enable_x64", False)

# %% traced_permutation
k = jax.random.key(0)
print(jax.jit(lambda key: jax.random.permutation(key, 5))(k))
print(jax.vmap(lambda key: jax.random.permutation(key, 4))(jax.random.split(k, 2)))
print(jax.jit(lambda key, x: jax.random.permutation(key, x))(k, jnp.arange(6.0)))
print(jax.jit(lambda key, x: jax.random.permutation(key, x, axis=1))(k, jnp.arange(12).reshape(3, 4)))
print(jax.jit(lambda key, x: jax.random.permutation(key, x, axis=1, independent=True))(k, jnp.arange(12).reshape(3, 4)))
print(jax.make_jaxpr(lambda key: jax.random.permutation(key, 5))(k))
print(jax.random.permutation(k, 5), jax.random.permutation(k, jnp.arange(12).reshape(3, 4), axis=1))

# %% traced_choice
print(jax.jit(lambda key: jax.random.choice(key, 5, (3,)))(k))
print(jax.jit(lambda key: jax.random.choice(key, 5, (3,), replace=False))(k))
print(jax.jit(lambda key: jax.random.choice(key, jnp.arange(10.0), (2, 2), replace=False))(k))
print(jax.jit(lambda key: jax.random.choice(key, jnp.arange(10.0) * 2, (4,)))(k))
print(jax.vmap(lambda key: jax.random.choice(key, 7, (2,), replace=False))(jax.random.split(k, 3)))
print(jax.make_jaxpr(lambda key: jax.random.choice(key, 5, (3,), replace=False))(k))

# %% traced_truncated_normal
print(jax.jit(lambda key: jax.random.truncated_normal(key, -1.0, 1.0, (3,)))(k))
print(jax.vmap(lambda key: jax.random.truncated_normal(key, 0.0, 2.0, (2,)))(jax.random.split(k, 2)))
print(jax.jit(lambda key, lo: jax.random.truncated_normal(key, lo, 3.0))(k, -0.5))
print(jax.make_jaxpr(lambda key: jax.random.truncated_normal(key, -1.0, 1.0, (3,)))(k))

# %% traced_randint_dtypes
k = jax.random.key(7)
for dt in [jnp.int8, jnp.uint8, jnp.int16, jnp.uint16, jnp.uint32]:
    f = jax.jit(lambda key: jax.random.randint(key, (6,), 0, 256, dtype=dt))
    print(dt.__name__, f(k), jax.random.randint(k, (6,), 0, 256, dtype=dt))
print(jax.jit(lambda key: jax.random.randint(key, (4,), -100, 100, dtype=jnp.int8))(k), jax.random.randint(k, (4,), -100, 100, dtype=jnp.int8))
print(jax.vmap(lambda key: jax.random.randint(key, (3,), 5, 9, dtype=jnp.uint8))(jax.random.split(k, 2)))
print(jax.make_jaxpr(lambda key: jax.random.randint(key, (2,), 0, 10, dtype=jnp.int8))(k))
jax.config.update("jax_enable_x64", True)
print(jax.jit(lambda key: jax.random.randint(key, (4,), -2**40, 2**40, dtype=jnp.int64))(k), jax.random.randint(k, (4,), -2**40, 2**40, dtype=jnp.int64))
jax.config.update("jax_enable_x64", False)

# %% traced_choice_p
k = jax.random.key(11)
p = jnp.array([0.1, 0.2, 0.3, 0.4])
print(jax.jit(lambda key: jax.random.choice(key, 4, (6,), p=p))(k), jax.random.choice(k, 4, (6,), p=p))
print(jax.jit(lambda key: jax.random.choice(key, 4, (3,), replace=False, p=p))(k), jax.random.choice(k, 4, (3,), replace=False, p=p))
print(jax.jit(lambda key, w: jax.random.choice(key, jnp.arange(8.0).reshape(4, 2), (2, 2), p=w))(k, p))
print(jax.jit(lambda key, w: jax.random.choice(key, jnp.arange(8.0).reshape(2, 4), (3,), replace=False, p=w, axis=1))(k, p))
print(jax.vmap(lambda key: jax.random.choice(key, 4, (3,), p=p))(jax.random.split(k, 3)))
print(jax.vmap(lambda key: jax.random.choice(key, 4, (2,), replace=False, p=p))(jax.random.split(k, 3)))
print(jax.jit(lambda key: jax.random.choice(key, 4, p=p))(k), jax.random.choice(k, 4, p=p))
w = jnp.arange(1.0, 38.0) ** 2
print(jax.jit(lambda key: jax.random.choice(key, 37, (12,), p=w))(k), jax.random.choice(k, 37, (12,), p=w))
print(jax.jit(lambda key: jax.random.choice(key, 37, (5,), replace=False, p=w))(k), jax.random.choice(k, 37, (5,), replace=False, p=w))
print(jax.jit(lambda key: jax.random.choice(key, 3, (5,), p=jnp.array([1, 0, 3])))(k))
print(jax.jit(lambda key: jax.random.choice(key, 3, (4,), p=jnp.array([0.5, 0.25, 0.25], dtype=jnp.float16)))(k))
print(jax.vmap(lambda w: jax.random.choice(k, 4, (3,), p=w))(jnp.array([[1.0, 0, 0, 0], [0, 0, 1.0, 0], [0.25, 0.25, 0.25, 0.25]])))

# %% traced_choice_p_jaxprs
k = jax.random.key(0)
p = jnp.array([0.1, 0.2, 0.3, 0.4])
print(jax.make_jaxpr(lambda key, w: jax.random.choice(key, 4, (3,), p=w))(k, p))
print(jax.make_jaxpr(lambda key, w: jax.random.choice(key, 4, (), p=w))(k, p))
print(jax.make_jaxpr(lambda key, w: jax.random.choice(key, 4, (2,), replace=False, p=w))(k, p))
print(jax.make_jaxpr(jax.vmap(lambda key: jax.random.choice(key, 4, (3,), p=p)))(jax.random.split(k, 2)))
print(jax.make_jaxpr(jax.vmap(lambda key: jax.random.choice(key, 4, (3,), replace=False, p=p)))(jax.random.split(k, 2)))
print(jax.make_jaxpr(lambda key, w: jax.random.choice(key, 4, (2, 2), p=w))(k, p))

# %% traced_choice_p_edges
k = jax.random.key(3)
print(jax.grad(lambda w: jnp.sum(jax.random.choice(k, jnp.arange(4.0), (3,), p=w) * w[0]))(jnp.array([0.25, 0.25, 0.25, 0.25])))
try:
    jax.jit(lambda key: jax.random.choice(key, 4, (3,), p=jnp.ones(3)))(k)
except ValueError as e:
    print("ValueError", e)
try:
    jax.jit(lambda key: jax.random.choice(key, 4, (5,), replace=False, p=jnp.ones(4)))(k)
except ValueError as e:
    print("ValueError", e)
print(jax.jit(lambda key: jax.random.choice(key, 4, (0,), p=jnp.ones(4)))(k))
print(jax.jit(lambda key: jax.random.choice(key, 4, (4,), replace=False, p=jnp.array([0.0, 1.0, 0.0, 1.0])))(k))
for w in [jnp.array([jnp.nan, 1.0, 1.0]), jnp.array([-1.0, 1.0, 2.0]), jnp.zeros(3), jnp.array([1.0, 2.0, 3.0], dtype=jnp.bfloat16), jnp.array([jnp.inf, 1.0, 1.0])]:
    print(jax.random.choice(k, 3, (5,), p=w), jax.random.choice(k, 3, (2,), replace=False, p=w),
          jax.jit(lambda key: jax.random.choice(key, 3, (5,), p=w))(k))
jax.config.update("jax_enable_x64", True)
print(jax.jit(lambda key: jax.random.choice(key, 5, (4,), p=jnp.arange(1.0, 6.0)))(k), jax.random.choice(k, 5, (4,), p=jnp.arange(1.0, 6.0)))
print(jax.jit(lambda key: jax.random.choice(key, 5, (3,), replace=False, p=jnp.arange(1.0, 6.0)))(k))
print(jax.make_jaxpr(lambda key: jax.random.choice(key, 3, (2,), p=jnp.ones(3)))(k))
jax.config.update("jax_enable_x64", False)

# %% choice_p_bad_input
k = jax.random.key(1)
for f in [lambda: jax.random.choice(k, 0, (0,), p=jnp.ones(0)), lambda: jax.random.choice(k, 0, (2,), p=jnp.ones(0)),
          lambda: jax.random.choice(k, 3, (2, 0), p=jnp.ones(3)), lambda: jax.random.choice(k, jnp.ones((2, 3)), (2,), p=jnp.ones(3), axis=5),
          lambda: jax.random.choice(k, 3, (2,), p=jnp.ones(3, dtype=jnp.int32)), lambda: jax.random.choice(k, 3, (2,), p=[0.2, 0.3, 0.5]),
          lambda: jax.random.choice(k, 2**40, (2,), p=jnp.ones(3)), lambda: jax.random.choice(k, 2**40, (2,)),
          lambda: jax.random.choice(k, 3, (2,), p=jnp.ones(3) * jnp.inf, replace=False)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% traced_choice_arrays_jaxpr
k = jax.random.key(0)
print(jax.make_jaxpr(lambda k: jax.random.choice(k, jnp.arange(8.0).reshape(4, 2), (3,)))(k))
print(jax.make_jaxpr(lambda k: jax.random.permutation(k, jnp.arange(8.0).reshape(4, 2)))(k))
print(jax.make_jaxpr(lambda k, p: jax.random.choice(k, jnp.arange(8.0).reshape(4, 2), (2, 2), p=p))(k, jnp.array([0.1, 0.2, 0.3, 0.4])))
