# %% setup
import jax
import jax.numpy as jnp

# %% vmap_linear_under_jit
# XLA fuses the batched product, its sum and the bias into one kernel that adds each output's
# rounded products in adjacent pairs; eager vmap adds them in order.
def simple_linear(x, W, b):
    return (x[:, None] * W).sum(axis=0) + b

batched = jax.jit(jax.vmap(simple_linear, in_axes=(0, None, None)))
keys = jax.random.split(jax.random.PRNGKey(7), 3)
x = jax.random.normal(keys[0], (2000, 4))
W = jax.random.normal(keys[1], (4, 3))
b = jax.random.normal(keys[2], (3,))
x = x.at[0].set(-0.0).at[1, 0].set(1e-30)
out = batched(x, W, b)
p = [x[:, k:k + 1] * W[k] for k in range(4)]
in_pairs = ((p[0] + p[1]) + (p[2] + p[3]) + 0.0) + b
in_order = (((p[0] + p[1]) + p[2]) + p[3] + 0.0) + b
print(out.shape, out.dtype)
print(out[:3])
print(int((out == in_pairs).sum()), int((out == in_order).sum()))
print(int((out == jax.vmap(simple_linear, in_axes=(0, None, None))(x, W, b)).sum()))
print(float(out.sum()))

# %% vmap_linear_shapes_under_jit
# the same sum of products for other numbers of terms and columns, with and without a bias
def pairs(p):
    while len(p) > 1:
        p = [p[i] + p[i + 1] if i + 1 < len(p) else p[i] for i in range(0, len(p), 2)]
    return p[0]

no_bias = jax.jit(jax.vmap(lambda x, W: (x[:, None] * W).sum(axis=0), in_axes=(0, None)))
for (rows, terms, columns) in [(342, 4, 3), (341, 4, 3), (5000, 7, 16), (3000, 5, 2), (2000, 2, 9)]:
    keys = jax.random.split(jax.random.PRNGKey(rows + terms + columns), 3)
    x = jax.random.normal(keys[0], (rows, terms))
    W = jax.random.normal(keys[1], (terms, columns))
    b = jax.random.normal(keys[2], (columns,))
    x = x.at[0].set(-0.0)
    reference = pairs([x[:, k:k + 1] * W[k] for k in range(terms)]) + 0.0
    out = batched(x, W, b) if terms == 4 else no_bias(x, W)
    expected = reference + b if terms == 4 else reference
    print(rows, terms, columns, int((out == expected).sum()), out.size, int(((1 / out) < 0).sum()), float(out.ravel().sum()))

# %% sampler_times_constants_under_jit
# XLA multiplies the constants first: normal * 0.5 is the sampler's last product times
# sqrt(2) * 0.5, and the + 1 contracts into one FMA with it
key = jax.random.PRNGKey(0)
z = jax.jit(lambda k: jax.random.normal(k, (100000,)) * 0.5 + 1)(key)
eager = jax.random.normal(key, (100000,)) * 0.5 + 1
print(int((z == eager).sum()), float(z.sum()), z[:4])
w = jax.jit(lambda k: (jax.random.normal(k, (5000,)) * 3.0) * 0.25 - 2.0)(key)
print(int((w == (jax.random.normal(key, (5000,)) * 3.0) * 0.25 - 2.0).sum()), float(w.sum()))
