# %% setup
import jax
import jax.numpy as jnp
from jax import lax

# %% convolve_modes
x = jnp.array([1, 2, 3, 2, 1])
v = jnp.array([4, 1, 2])
print(repr(jnp.convolve(x, v)))
print(jnp.convolve(x, v, mode='same'), jnp.convolve(x, v, mode='valid'), jnp.convolve(v, x))
print(jnp.correlate(x, v), jnp.correlate(x, v, mode='full'), jnp.correlate(x, v, mode='same'))
print(jnp.correlate(v, x, mode='full'), jnp.correlate(v, x, mode='same'))
print(repr(jnp.convolve(jnp.arange(4.0), jnp.ones(2, dtype=jnp.float16))), repr(jnp.convolve(1.0, jnp.arange(3))))

# %% convolve_jaxprs
print(jax.make_jaxpr(jnp.convolve)(x, jnp.ones(10)))
print(jax.make_jaxpr(jnp.correlate)(jnp.ones(3), jnp.ones(4)))
print(jax.make_jaxpr(lambda a, b: jnp.convolve(a, b, mode='same'))(jnp.ones(5), jnp.ones(4)))

# %% convolve_transforms
def loss(w):
    return (jnp.convolve(jnp.arange(6.0), w, mode='valid') ** 2).sum()
print(jax.grad(loss)(jnp.array([1.0, -1.0, 0.5])))
print(jax.jit(jnp.convolve)(x, v))
print(jax.vmap(jnp.convolve)(jnp.arange(6.0).reshape(2, 3), jnp.arange(8.0).reshape(2, 4)))
print(jax.vmap(jnp.convolve, in_axes=(0, None))(jnp.arange(6.0).reshape(2, 3), v))
print(jax.make_jaxpr(jax.vmap(jnp.convolve))(jnp.ones((2, 3)), jnp.ones((2, 4))))
print(jax.make_jaxpr(jax.grad(loss))(jnp.ones(3)))

# %% convolve_errors
for call in [lambda: jnp.convolve(jnp.ones((2, 2)), v), lambda: jnp.convolve(x, v, mode='wide'),
             lambda: jnp.convolve(jnp.ones(0), v), lambda: jnp.convolve([1, 2], v)]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# %% conv_general_dilated
lhs = jnp.arange(2 * 3 * 5 * 4, dtype=jnp.float32).reshape(2, 3, 5, 4) / 8
rhs = jnp.arange(4 * 3 * 3 * 2, dtype=jnp.float32).reshape(4, 3, 3, 2) / 4 - 4
for padding in ['SAME', 'VALID', [(1, 2), (0, 1)], 'SAME_LOWER']:
    out = lax.conv_general_dilated(lhs, rhs, (2, 1), padding)
    print(out.shape, out[1, 2])
print(lax.conv_general_dilated(lhs, rhs, (1, 1), [(0, 1), (2, 0)], lhs_dilation=(2, 1), rhs_dilation=(1, 2))[0, 1])
nhwc = lax.conv_general_dilated(jnp.transpose(lhs, (0, 2, 3, 1)), jnp.transpose(rhs, (2, 3, 1, 0)), (1, 1), 'SAME',
                                dimension_numbers=('NHWC', 'HWIO', 'NHWC'))
print(nhwc.shape, (jnp.transpose(nhwc, (0, 3, 1, 2)) == lax.conv_general_dilated(lhs, rhs, (1, 1), 'SAME')).all())
print(jax.make_jaxpr(lambda a, w: lax.conv_general_dilated(a, w, (1, 1), 'SAME', dimension_numbers=('NHWC', 'HWIO', 'NHWC')))(
    jnp.ones((1, 5, 5, 3)), jnp.ones((3, 3, 3, 4))))
grouped = lax.conv_general_dilated(jnp.ones((1, 4, 5)), jnp.arange(12.0).reshape(6, 2, 1), (1,), 'VALID', feature_group_count=2)
print(grouped)
print(lax.conv_general_dilated(jnp.arange(12.0).reshape(4, 1, 3), jnp.ones((2, 1, 2)), (1,), 'VALID', batch_group_count=2))
print(repr(lax.conv_general_dilated(jnp.arange(6).reshape(1, 1, 6), jnp.array([[[1, -1]]]), (1,), 'VALID')))

# %% conv_general_dilated_grad
def f(a, w):
    return lax.conv_general_dilated(a, w, (2, 1), [(1, 2), (0, 1)], rhs_dilation=(1, 2)).sum()
ga, gw = jax.grad(f, argnums=(0, 1))(lhs, rhs)
print(ga[1, 0], gw[2, 1])
print(jax.make_jaxpr(jax.grad(f, argnums=(0, 1)))(lhs, rhs))
def g(b, w):
    return (lax.conv_general_dilated(b, w, (1,), 'VALID', feature_group_count=2) ** 2).sum()
print(jax.grad(g, argnums=(0, 1))(jnp.arange(20.0).reshape(1, 4, 5) / 4, jnp.arange(12.0).reshape(6, 2, 1) / 2))
print(jax.make_jaxpr(jax.grad(g, argnums=(0, 1)))(jnp.ones((1, 4, 5)), jnp.ones((6, 2, 1))))
print(jax.jvp(lambda a: lax.conv_general_dilated(a, rhs, (1, 1), 'VALID'), (lhs,), (jnp.ones_like(lhs),))[1][0, 0])

# %% conv_general_dilated_vmap
b = jnp.arange(20.0).reshape(1, 4, 5) / 4
wg = jnp.arange(12.0).reshape(6, 2, 1) / 2
conv = lambda b, w: lax.conv_general_dilated(b, w, (1,), 'VALID', feature_group_count=2)
print(jax.vmap(conv)(jnp.stack([b, 2 * b]), jnp.stack([wg, wg + 1])))
print(jax.vmap(conv, in_axes=(None, 0))(b, jnp.stack([wg, wg + 1])))
print(jax.vmap(conv, in_axes=(2, None))(jnp.stack([b, 2 * b], axis=2), wg))
print(jax.make_jaxpr(jax.vmap(conv))(jnp.stack([b, 2 * b]), jnp.stack([wg, wg + 1])))
print(jax.make_jaxpr(jax.vmap(conv, in_axes=(None, 0)))(b, jnp.stack([wg, wg + 1])))

# %% conv_general_dilated_errors
for call in [lambda: lax.conv_general_dilated(lhs, rhs[:, :2], (1, 1), 'SAME'),
             lambda: lax.conv_general_dilated(lhs, rhs, (1,), 'SAME'),
             lambda: lax.conv_general_dilated(lhs, rhs, (1, 1), 'FULL'),
             lambda: lax.conv_general_dilated(lhs, rhs, (1, 1), 'SAME', lhs_dilation=(2, 1)),
             lambda: lax.conv_general_dilated(lhs, rhs, (1, 1), [(1, 1)]),
             lambda: lax.conv_general_dilated(lhs, rhs, (1, 1), 'SAME', dimension_numbers=('NCHW', 'OIHW')),
             lambda: lax.conv_general_dilated(lhs, rhs, (1, 1), 'SAME', dimension_numbers=('NCHW', 'OIHX', 'NCHW')),
             lambda: lax.conv_general_dilated(lhs, rhs, (1, 1), 'SAME', feature_group_count=2),
             lambda: lax.conv_general_dilated(lhs, rhs.astype(jnp.int32), (1, 1), 'SAME')]:
    try:
        call()
    except (ValueError, TypeError, RuntimeError) as e:
        print(type(e).__name__, e)
