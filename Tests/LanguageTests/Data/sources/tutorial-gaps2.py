# Cases found by running more of JAX's tutorials and its API docstrings: what a student meets there.

# %% vmap-in-axes-nested-prefix
import jax
import jax.numpy as jnp

def blend(params, scale):
    return params['w'] * scale + params['b']

params = {'w': jnp.array([1.0, 2.0]), 'b': jnp.arange(6.0).reshape(3, 2)}
print(jax.vmap(blend, in_axes=({'w': None, 'b': 0}, None))(params, 10.0))
pair = (jnp.arange(3.0), (jnp.ones((2, 3)), 5.0))
print(jax.vmap(lambda t: t[0] * t[1][0] + t[1][1], in_axes=((0, (1, None)),))(pair))
print(jax.vmap(lambda xs: xs[0] + xs[1], in_axes=[[0, None]])([jnp.arange(3), 7]))

# %% vmap-in-axes-prefix-mismatch
try:
    jax.vmap(lambda t: t[0], in_axes=((0, 0),))((jnp.ones(2), jnp.ones(2), jnp.ones(2)))
except ValueError as e:
    print(str(e).splitlines()[0])
    print(str(e).splitlines()[2])

# %% grad-of-power-under-vmap-and-hessian
def power_sum(b, a):
    return jnp.power(a, b).sum()

per_row = jax.vmap(jax.grad(power_sum), in_axes=(None, 0))
print(per_row(jnp.array([2.0, 3.0]), jnp.array([[1.0, 2.0], [0.0, 3.0], [4.0, 0.5]])))
print(jax.make_jaxpr(per_row)(jnp.array([2.0, 3.0]), jnp.ones((3, 2))))
print(jax.hessian(lambda d: {"p": jnp.power(d["x"], d["y"])})({"x": jnp.array([1.5, 2.0]), "y": jnp.array([2.0, 0.5])}))

# %% disable-jit-runs-the-python-body
@jax.jit
def doubled_plus_one(x):
    y = x * 2
    print("inside, y is", y)
    return y + 1

print(doubled_plus_one(jnp.arange(3)))
with jax.disable_jit():
    print(doubled_plus_one(jnp.arange(3)))
    print(jax.config.jax_disable_jit)
print(jax.config.jax_disable_jit)
jax.config.update("jax_disable_jit", True)
print(doubled_plus_one(jnp.array([5, 6])))
jax.config.update("jax_disable_jit", False)
print(doubled_plus_one(jnp.array([5, 6])))
with jax.disable_jit(False):
    print(doubled_plus_one(jnp.array([7])))

# %% eval-shape-of-abstract-arguments
from functools import partial
from jax import lax

big = jax.eval_shape(lambda a, b: jnp.tanh(a @ b), jax.ShapeDtypeStruct((3000, 4000), jnp.float32),
                     jax.ShapeDtypeStruct((4000, 500), jnp.float32))
print(big, big.shape, big.dtype)
print(jax.eval_shape(lambda t: {'total': t['w'].sum(), 'parts': [t['k'] * 2, t['w'].astype(jnp.int8)]},
                     {'w': jnp.ones((2, 3)), 'k': 1.5}))
image = jax.ShapeDtypeStruct((2, 3, 16, 16), jnp.float32)
filters = jax.ShapeDtypeStruct((8, 3, 5, 5), jnp.float32)
print(jax.eval_shape(partial(lax.conv_general_dilated, window_strides=(2, 2), padding="VALID"), image, filters))
print(jax.eval_shape(jnp.matmul, jax.ShapeDtypeStruct((4, 5), jnp.int32), jnp.ones(5)))
