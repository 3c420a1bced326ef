# %% setup
import jax
import numpy as np
import jax.numpy as jnp
from jax.nn import initializers as init

key = jax.random.key(3)

# %% variance-scaling
for name in ["glorot_uniform", "glorot_normal", "lecun_uniform", "lecun_normal", "he_uniform", "he_normal", "xavier_normal",
             "xavier_uniform", "kaiming_uniform", "kaiming_normal"]:
    print(name, getattr(init, name)()(key, (3, 4)))
print(init.variance_scaling(0.5, "fan_out", "normal")(key, (2, 3, 4)))
print(init.variance_scaling(1.0, "fan_geo_avg", "uniform", in_axis=0, out_axis=(1, 2))(key, (2, 3, 4), jnp.float16))
print(init.variance_scaling(2.0, "fan_avg", "truncated_normal", batch_axis=0)(key, (2, 3, 4))[1])
print(init.he_normal(dtype=jnp.float16)(key, (2, 2)), init.glorot_normal()(key, (5, 5), jnp.bfloat16))
w = init.glorot_normal()(key, (256, 128))
print(w.shape, w.dtype, float(w.std()))

# %% simple
print(init.normal()(key, (2, 2)), init.uniform(0.5)(key, (3,)), init.truncated_normal(2.0)(key, (2, 2)))
print(init.normal(stddev=0.1, dtype=jnp.float16)(key, (3,)), init.truncated_normal(1.0, lower=-1.0, upper=0.5)(key, (4,)))
print(init.zeros(key, (2, 3)), init.ones(key, (2,), jnp.int32), init.constant(3.5)(key, (2, 2)), init.constant(7, jnp.int32)(key, (3,)))
print(jax.random.truncated_normal(jax.random.key(1), -1, 1, (4,), jnp.bfloat16))

# %% errors
for f in [lambda: init.glorot_normal()(key, (3,)), lambda: init.variance_scaling(1.0, "bogus", "normal")(key, (2, 2)),
          lambda: init.variance_scaling(1.0, "fan_in", "bogus")(key, (2, 2))]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% orthogonal
# (QR comes from the system's LAPACK, whose last bits can differ from the one JAX bundles, so
# the values are compared truncated to three decimals)
q = jax.random.orthogonal(key, 5)
print(q.shape, q.dtype, bool(jnp.abs(q @ q.T - jnp.eye(5)).max() < 1e-5), (q * 1000).astype(jnp.int32))
print((jax.random.orthogonal(key, 2, m=4) * 1000).astype(jnp.int32), (jax.random.orthogonal(key, 4, m=2) * 1000).astype(jnp.int32), jax.random.orthogonal(key, 3, (2,)).shape)
w = init.orthogonal()(key, (3, 3))
print((w * 1000).astype(jnp.int32), (init.orthogonal(2.0, column_axis=0)(key, (2, 3)) * 1000).astype(jnp.int32), init.orthogonal()(key, (2, 2, 3)).shape)
print(init.orthogonal()(key, (0, 3)), "name=_orthogonal" in str(jax.make_jaxpr(lambda k: jax.random.orthogonal(k, 2))(key)))
try:
    init.orthogonal()(key, (3,))
except ValueError as e:
    print("ValueError", e)
