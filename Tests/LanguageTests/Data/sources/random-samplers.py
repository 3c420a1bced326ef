# %% setup
import jax
import jax.numpy as jnp
import numpy as np

key = jax.random.key(42)
k1, k2, k3 = jax.random.split(key, 3)

def bits(y):
    return int(np.asarray(y).view(np.uint32).astype(np.uint64).sum())

# %% transformed-uniform
# (at fewer than 8 values XLA's fused gumbel and logistic take the last lanes through its vector
# log where jaxlab uses glibc's, as a plain jitted log does: the last bit can differ there)
for name in ["exponential", "gumbel", "logistic", "laplace", "cauchy"]:
    f = getattr(jax.random, name)
    print(name, f(k1, (8,)), repr(f(k2)), f(k3, (2, 4), jnp.float16))
    print(name, bits(f(key, (10007,))), bits(jax.jit(lambda k: f(k, (10007,)))(key)), f(key, (3,), dtype=jnp.bfloat16))

# %% jaxprs
for name in ["exponential", "gumbel", "logistic", "laplace", "cauchy", "rademacher"]:
    print(name)
    print(jax.make_jaxpr(lambda k: getattr(jax.random, name)(k, (3,)))(key))

# %% rademacher
print(jax.random.rademacher(k1, (12,)), repr(jax.random.rademacher(k2, (3,), jnp.float32)), repr(jax.random.rademacher(k3)))
print(jax.random.rademacher(key, (2, 5), dtype=jnp.int8))

# %% categorical
logits = jnp.log(jnp.array([0.1, 0.2, 0.3, 0.4]))
print(jax.random.categorical(k1, logits), jax.random.categorical(k2, logits, shape=(10,)))
draws = jax.random.categorical(key, logits, shape=(4000,))
print([int((draws == i).sum()) for i in range(4)])
m = jnp.array([[0.0, 5.0, 0.0], [3.0, 0.0, 0.0]])
print(jax.random.categorical(k1, m), jax.random.categorical(k1, m, axis=0), jax.random.categorical(k3, m, shape=(4, 2)))
print(jax.random.categorical(k2, logits, shape=(3,), replace=False), jax.random.categorical(k2, m, shape=(2, 2), replace=False))
print(jax.make_jaxpr(lambda k: jax.random.categorical(k, logits))(key))
print(jax.vmap(lambda k: jax.random.categorical(k, logits))(jax.random.split(key, 5)))
print(jax.jit(lambda k, l: jax.random.categorical(k, l, shape=(6,)))(key, logits))

# %% errors
for f in [lambda: jax.random.exponential(key, (2,), jnp.int32), lambda: jax.random.gumbel(key, mode="bogus"),
          lambda: jax.random.categorical(key, logits, shape=(5,), replace=False), lambda: jax.random.categorical(key, m, shape=(3,)),
          lambda: jax.random.laplace(jax.random.split(key), (2,)), lambda: jax.random.categorical(key, [0.0, 1.0])]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
