# %% setup
import jax
import jax.numpy as jnp
import numpy as np

x = jnp.array([-7.5, -3.0, -1.0, -0.75, -0.0, 0.0, 1e-8, 0.3, 0.99, 1.0, 2.5, 6.0, 7.25, 30.0, -100.0])
special = jnp.array([jnp.inf, -jnp.inf, jnp.nan, 1e-40, -1e-40, 88.0, -88.0, 3.4e38])
# XLA turns hard_tanh's two selects into a clamp, which flushes subnormal inputs to zero
normal_special = jnp.array([jnp.inf, -jnp.inf, jnp.nan, 88.0, -88.0, 3.4e38])
rng = np.random.default_rng(7)
r = jnp.asarray(rng.standard_normal(4099).astype(np.float32) * 4)
names = ["identity", "relu", "relu6", "sigmoid", "softplus", "soft_sign", "silu", "swish", "mish", "log_sigmoid",
         "elu", "selu", "celu", "leaky_relu", "hard_tanh", "hard_sigmoid", "hard_silu", "hard_swish",
         "sparse_plus", "sparse_sigmoid", "squareplus", "gelu", "tanh"]

# %% values
for name in names:
    f = getattr(jax.nn, name)
    print(name, f(x))

# %% special-values
for name in names:
    f = getattr(jax.nn, name)
    print(name, f(normal_special if name == "hard_tanh" else special))

# %% random-bits
# a long random vector: each function's compiled bits, summed in float64 to compare every element
for name in names:
    f = getattr(jax.nn, name)
    y = f(r)
    print(name, y.dtype, y[:3], float(np.asarray(y, dtype=np.float64).sum()), np.asarray(y).view(np.uint32).astype(np.uint64).sum())

# %% under-jit
for name in ["softplus", "silu", "gelu", "elu", "hard_silu", "mish", "squareplus"]:
    f = getattr(jax.nn, name)
    y = jax.jit(f)(r)
    print(name, np.asarray(y).view(np.uint32).astype(np.uint64).sum())

# %% jaxprs
for name in names:
    print(name)
    print(jax.make_jaxpr(getattr(jax.nn, name))(x[:3]))

# %% parameters
print(jax.nn.elu(x, 0.5), jax.nn.elu(x, alpha=2.0))
print(jax.nn.celu(x, alpha=0.25), jax.nn.leaky_relu(x, 0.2), jax.nn.leaky_relu(x, negative_slope=-1.0))
print(jax.nn.squareplus(x, 1.0), jax.nn.squareplus(x, b=0))
print(jax.make_jaxpr(lambda v: jax.nn.elu(v, 0.5))(x[:3]))
print(jax.make_jaxpr(lambda v: jax.nn.leaky_relu(v, negative_slope=0.3))(x[:3]))
print(jax.make_jaxpr(lambda v: jax.nn.squareplus(v, 2))(x[:3]))
print(jax.make_jaxpr(lambda v, a: jax.nn.celu(v, a))(x[:3], 2.0))

# %% dtypes
xi = jnp.array([-3, -1, 0, 2, 7])
for name in ["relu", "relu6", "sigmoid", "softplus", "silu", "elu", "leaky_relu", "hard_tanh", "gelu", "sparse_plus", "identity", "glu"]:
    try:
        print(name, repr(getattr(jax.nn, name)(xi[:4])))
    except Exception as e:
        print(name, type(e).__name__, e)
h = jnp.array([-2.0, -0.5, 0.5, 3.0], dtype=jnp.float16)
b16 = jnp.array([-2.0, -0.5, 0.5, 3.0], dtype=jnp.bfloat16)
# (hard_sigmoid's float16 division by 6 differs: XLA multiplies by a rounded reciprocal there)
for name in ["gelu", "silu", "softplus", "elu", "selu"]:
    print(name, repr(getattr(jax.nn, name)(h)), repr(getattr(jax.nn, name)(b16)))
print(repr(jax.nn.relu(3.0)), repr(jax.nn.gelu(1.0)), repr(jax.nn.softplus(2)), repr(jax.nn.hard_tanh(-5)))

# %% gradients
for name in ["relu", "relu6", "softplus", "silu", "elu", "selu", "celu", "leaky_relu", "gelu", "log_sigmoid",
             "hard_tanh", "hard_sigmoid", "hard_silu", "sparse_plus", "sparse_sigmoid", "soft_sign"]:
    f = getattr(jax.nn, name)
    print(name, jax.grad(lambda v: f(v).sum())(x), jax.vmap(jax.grad(f))(x[:4]))
print(jax.make_jaxpr(jax.grad(jax.nn.relu6))(jnp.float32(2.0)))
print(jax.make_jaxpr(jax.grad(lambda v: jax.nn.softplus(v).sum()))(x[:3]))

# %% glu-standardize
m = jnp.arange(12.0).reshape(3, 4) - 5.5
print(jax.nn.glu(m), jax.nn.glu(m, axis=0 if m.shape[0] % 2 == 0 else -1), jax.nn.glu(m.T, axis=0))
print(jax.make_jaxpr(jax.nn.glu)(m))
print(jax.nn.standardize(m), jax.nn.standardize(m, axis=0), jax.nn.standardize(m, axis=(0, 1), epsilon=0.5))
print(jax.make_jaxpr(jax.nn.standardize)(m))
for f in [lambda: jax.nn.glu(m, axis=0), lambda: jax.nn.standardize(m, algorithm="bogus")]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# %% one-hot
labels = jnp.array([0, 2, 1, 3, -1])
print(jax.nn.one_hot(labels, 3), jax.nn.one_hot(labels, 4, dtype=jnp.int32))
print(jax.nn.one_hot(jnp.array([[0, 1], [2, 0]]), 3, axis=0), jax.nn.one_hot(jnp.array([[0, 1], [2, 0]]), 3, axis=1).shape)
print(jax.make_jaxpr(lambda l: jax.nn.one_hot(l, 3, axis=0))(labels))
print(jax.jit(lambda l: jax.nn.one_hot(l, 5))(labels))

# %% errors
for f in [lambda: jax.nn.gelu(x, True, 3), lambda: jax.nn.elu(x, bogus=1), lambda: jax.nn.one_hot(labels),
          lambda: jax.nn.gelu([1.0, 2.0]), lambda: jax.nn.one_hot(labels, 3, axis=2)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
