# %% setup
import jax
import jax.numpy as jnp

# %% scan_over_keys
# scanning over typed PRNG keys hands the body one key at a time, still a key
keys = jax.random.split(jax.random.key(0), 3)
def body(c, k):
    return c + jax.random.uniform(k), k
c, ks = jax.lax.scan(body, 0.0, keys)
print(c, ks)
print(jax.lax.scan(lambda c, k: (c, jax.random.key_data(k)), 0, keys)[1])
print(jax.make_jaxpr(lambda ks: jax.lax.scan(body, 0.0, ks))(keys))
print(jax.lax.map(lambda k: jax.random.normal(k), keys), jax.jit(lambda ks: jax.lax.scan(body, 0.0, ks))(keys)[0])
print(jax.lax.scan(body, 0.0, keys[:0])[1].shape, jax.lax.scan(body, 0.0, keys, reverse=True)[0])
