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

# %% lax-structure-functions
m = jnp.arange(20).reshape(4, 5)
print(lax.slice(m, (1, 0), (3, 5), (1, 2)))
print(lax.slice_in_dim(m, 1, None, axis=1), lax.slice_in_dim(m, -2, None))
print(lax.index_in_dim(m, -1), lax.index_in_dim(m, 2, axis=1, keepdims=False))
print(lax.pad(jnp.array([1.0, 2.0, 3.0]), 0.0, [(1, 2, 1)]))
print(lax.pad(jnp.arange(6), -1, [(-1, 2, 0)]))
print(lax.pad(m, 0, [(0, 0, 0), (-2, -1, 0)]))
print(lax.broadcast_in_dim(jnp.array([1, 2, 3]), (2, 3), (1,)))
print(lax.broadcast(jnp.ones(2), (3,)).shape, lax.reshape(m, (5, 4), (1, 0))[0])
print(lax.concatenate([m, m], 1).shape, lax.squeeze(jnp.ones((1, 3, 1)), (0, 2)).shape)
print(lax.expand_dims(jnp.ones(3), (0, 2)).shape, lax.transpose(m, (1, 0)).shape)
print(lax.tile(jnp.array([[1, 2]]), (2, 2)))
print(lax.stack([jnp.ones(2), jnp.zeros(2)], axis=1), lax.unstack(jnp.arange(4).reshape(2, 2), axis=1))

# %% lax-structure-jaxprs
def shapes(x):
    a = lax.slice(x, (0, 1), (2, 3))
    b = lax.pad(x, 0.0, [(1, 0, 0), (0, 1, 1)])
    c = lax.broadcast_in_dim(x[0], (3, 3), (1,))
    d = lax.reshape(x, (3, 2), (1, 0))
    e = lax.slice_in_dim(x, 0, 3, stride=2, axis=1)
    return a, b, c, d, e

print(jax.make_jaxpr(shapes)(jnp.ones((2, 3))))
print(jax.grad(lambda x: lax.pad(x, 0.0, [(1, 1, 1)]).sum() + lax.slice(x, (1,), (3,)).sum())(jnp.arange(3.0)))

# %% lax-structure-errors
for call in [lambda: lax.broadcast_in_dim(jnp.ones(3), (2, 4), (1,)),
             lambda: lax.pad(jnp.ones(3), 0.0, [(0, 0, 0), (0, 0, 0)]), lambda: lax.pad(jnp.ones(3), 0, [(1, 1, 0)]),
             lambda: lax.concatenate([jnp.ones(2), jnp.ones(2, dtype=jnp.int32)], 0)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# %% jnp-predicates
import numpy as np
print(jnp.isscalar(1.0), jnp.isscalar(1+1j), jnp.isscalar(jnp.array(1)), jnp.isscalar(np.array(1.0)), jnp.isscalar(jnp.array([1])), jnp.isscalar(None), jnp.isscalar([1]), jnp.isscalar(()), jnp.isscalar("a"))
print(jnp.isrealobj(0), jnp.isrealobj(1+2j), jnp.isrealobj(jnp.array([0, 1+2j])), jnp.isrealobj([1.0]))
print(jnp.broadcast_shapes((1,), (4,)), jnp.broadcast_shapes((3, 1), (1, 4), (5, 1, 1)), jnp.broadcast_shapes(3, (2, 1)), jnp.broadcast_shapes())
try: jnp.broadcast_shapes((3, 1), (4, 1))
except ValueError as e: print(e)
nan = float('nan')
print(jnp.array_equal(jnp.array([1, 2, 3]), jnp.array([1, 2, 3])), jnp.array_equal(jnp.array([1, 2, 3]), jnp.array([1, 2])))
print(jnp.array_equal(jnp.array([1, 2, nan]), jnp.array([1, 2, nan])), jnp.array_equal(jnp.array([1, 2, nan]), jnp.array([1, 2, nan]), equal_nan=True))
print(jnp.array_equiv(jnp.ones((2, 3)), jnp.ones(3)), jnp.array_equiv(jnp.ones((2, 3)), jnp.ones(2)), jnp.array_equal([1, 2], (1, 2)))
print(jax.make_jaxpr(jnp.array_equal)(jnp.ones(3), jnp.ones(3)))

# %% jnp-rot90
x = jnp.arange(6).reshape(2, 3)
for k in [1, 2, 3, 4, -1, 5]: print(k, jnp.rot90(x, k))
y = jnp.arange(24).reshape(2, 3, 4)
print(jnp.rot90(y, axes=(1, 2))[0], jnp.rot90(y, 3, axes=(2, 0)).shape)
print(jax.make_jaxpr(jnp.rot90)(x))
print(jax.make_jaxpr(lambda a: jnp.rot90(a, 2))(x))
for bad in [lambda: jnp.rot90(jnp.ones(3)), lambda: jnp.rot90(x, axes=(0, 0)), lambda: jnp.rot90(x, axes=(0,))]:
  try: bad()
  except Exception as e: print(type(e).__name__, e)

# %% lax-conv-helpers
images = jnp.arange(2 * 3 * 6 * 5, dtype=jnp.float32).reshape(2, 3, 6, 5)
kernels = jnp.ones((4, 3, 3, 2), dtype=jnp.float32).at[:, :, 1, 0].set(-1.0)
print(lax.conv(images, kernels, (1, 1), 'SAME').shape, lax.conv(images, kernels, (2, 1), 'VALID')[0, 0])
print(lax.conv_with_general_padding(images, kernels, (1, 1), ((1, 0), (2, 2)), (1, 1), (2, 1)).shape)
print(lax.conv_dimension_numbers(images.shape, kernels.shape, None))
numbers = lax.conv_dimension_numbers((1, 8, 8, 3), (3, 3, 3, 4), ('NHWC', 'HWIO', 'NHWC'))
print(numbers, numbers.lhs_spec, type(numbers).__name__)
print(lax.conv_dimension_numbers((1, 5, 2), (3, 2, 2), ('NWC', 'WIO', 'NWC')))
print(lax.conv_dimension_numbers((1, 4, 4, 4, 1), (3, 3, 3, 1, 1), ('NDHWC', 'DHWIO', 'NCDHW')))
nhwc = jnp.transpose(images, (0, 2, 3, 1))
hwio = jnp.transpose(kernels, (2, 3, 1, 0))
same = lax.conv_general_dilated(nhwc, hwio, (1, 1), 'SAME', (1, 1), (1, 1), numbers)
print(same.shape, jnp.allclose(jnp.transpose(same, (0, 3, 1, 2)), lax.conv(images, kernels, (1, 1), 'SAME')))
print(jax.make_jaxpr(lambda a, b: lax.conv_general_dilated(a, b, (1, 1), 'VALID', dimension_numbers=numbers))(nhwc, hwio))

# %% nn-one-hot
labels = jnp.array([0, 2, 1, 5, -1])
print(jax.nn.one_hot(labels, 3))
print(jax.nn.one_hot(jnp.array([[1, 0], [2, 2]]), 3, axis=0))
print(jax.nn.one_hot(jnp.array([1.0, 2.0]), 4, dtype=jnp.int32))
print(jax.make_jaxpr(lambda y: jax.nn.one_hot(y, 4))(jnp.array([3, 1])))
print(jax.vmap(lambda y: jax.nn.one_hot(y, 2))(jnp.array([[0, 1], [1, 1]])))
