# %% setup
import jax
import jax.numpy as jnp
from jax import lax

x = jnp.arange(6.0).reshape(2, 3)
v = jnp.array([3.0, -1.5, 2.0, 0.5])
i = jnp.array([3, 1, 2, 0], dtype=jnp.int32)

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# %% names
print([name for name in ["broadcast_in_dim", "broadcast", "reshape", "collapse", "split", "transpose", "squeeze", "expand_dims", "rev", "slice", "slice_in_dim",
                         "index_in_dim", "dynamic_slice", "dynamic_update_slice", "dynamic_slice_in_dim", "dynamic_update_slice_in_dim",
                         "dynamic_index_in_dim", "concatenate", "pad", "full", "full_like", "iota", "broadcasted_iota", "convert_element_type",
                         "square", "reciprocal", "integer_pow", "round", "clamp", "select_n", "is_finite", "exp2", "nextafter", "eq", "ne",
                         "lt", "le", "gt", "ge", "reduce_sum", "reduce_max", "reduce_min", "reduce_prod", "reduce_and", "reduce_or", "argmax",
                         "argmin", "sort", "sort_key_val", "top_k", "dot_general", "dot", "batch_matmul", "Precision", "RoundingMethod", "reduce", "cummax", "cummin", "conv", "conv_with_general_padding"] if not hasattr(lax, name)])

# %% structure
print(lax.broadcast_in_dim(v, (2, 4), (1,)), lax.broadcast(v, (2,)).shape, lax.reshape(x, (3, 2)), lax.reshape(x, (6,), (1, 0)))
print(lax.transpose(x, (1, 0)), lax.squeeze(jnp.ones((1, 3, 1)), (0, 2)).shape, lax.expand_dims(v, (0, 2)).shape, lax.rev(x, (0, 1)))
print(jax.make_jaxpr(lambda a: lax.broadcast_in_dim(a, (2, 4), (1,)))(v))
print(jax.make_jaxpr(lambda a: lax.broadcast(a, (3, 2)))(v))
print(jax.make_jaxpr(lambda a: lax.reshape(a, (3, 2), (1, 0)))(x))
print(jax.make_jaxpr(lambda a: lax.transpose(a, (1, 0)))(x))
print(jax.make_jaxpr(lambda a: lax.squeeze(a, (0,)))(x[None]))
print(jax.make_jaxpr(lambda a: lax.expand_dims(a, (0, 2)))(v))
print(jax.make_jaxpr(lambda a: lax.rev(a, (1,)))(x))
print(lax.split(x, (1, 2), axis=1), lax.collapse(jnp.ones((2, 3, 4)), 1, 3).shape, lax.collapse(x, 0), lax.collapse(x, -1).shape)
print(jax.make_jaxpr(lambda a: lax.split(a, [1, 2], 1))(x))
print(jax.make_jaxpr(lambda a: lax.collapse(a, 0))(x))
print(jax.grad(lambda a: (lax.split(a, (1, 2), 1)[1] ** 2).sum())(x))
for f in [lambda: lax.split(x, (1, 1), 1), lambda: lax.split(x, (2,), 2), lambda: lax.collapse(x, 1, 0), lambda: lax.split(x, (-1, 4), 1)]:
    show(f)
print(jax.vmap(lambda a: lax.rev(a, (0,)))(x), jax.grad(lambda a: (lax.rev(a, (0,)) * jnp.arange(4.0)).sum())(v))
for f in [lambda: lax.broadcast_in_dim(v, (2, 3), (1,)), lambda: lax.broadcast_in_dim(v, (2, 4), (0, 1)),
          lambda: lax.transpose(x, (0, 0)), lambda: lax.squeeze(x, (0,)),
          lambda: lax.rev(x, (2,)), lambda: lax.broadcast_in_dim(v, shape=(4,), broadcast_dimensions=(0,), bogus=1)]:
    show(f)

# %% slicing
print(lax.slice(x, (0, 1), (2, 3)), lax.slice(v, (0,), (4,), (2,)), lax.slice_in_dim(x, 1, 3, axis=1), lax.index_in_dim(x, 1, axis=1), lax.index_in_dim(x, 0, keepdims=False))
print(lax.dynamic_slice(x, (1, 1), (1, 2)), lax.dynamic_slice(v, (jnp.int32(3),), (2,)), lax.dynamic_slice_in_dim(v, 1, 2), lax.dynamic_index_in_dim(x, 1, 1, False))
print(lax.dynamic_update_slice(x, jnp.ones((1, 2)), (1, 2)), lax.dynamic_update_slice_in_dim(v, jnp.zeros(2), -1, 0))
print(jax.make_jaxpr(lambda a: lax.slice(a, (0, 1), (2, 3)))(x))
print(jax.make_jaxpr(lambda a: lax.slice(a, (1,), (4,), (2,)))(v))
print(jax.make_jaxpr(lambda a, s: lax.dynamic_slice(a, (s, 0), (1, 3)))(x, 1))
print(jax.make_jaxpr(lambda a, s: lax.dynamic_slice_in_dim(a, s, 2))(v, 1))
print(jax.make_jaxpr(lambda a, s: lax.dynamic_index_in_dim(a, s, keepdims=False))(v, 1))
print(jax.make_jaxpr(lambda a, u: lax.dynamic_update_slice(a, u, (0, 1)))(x, jnp.ones((2, 1))))
print(jax.make_jaxpr(lambda a: lax.index_in_dim(a, 1, 1, False))(x))
print(jax.jit(lambda a, s: lax.dynamic_slice(a, (s,), (2,)))(v, 3), jax.vmap(lambda a: lax.dynamic_slice(a, (1,), (2,)))(x))
print(jax.grad(lambda a: lax.dynamic_slice(a, (1,), (2,)).sum())(v), jax.grad(lambda a: lax.dynamic_update_slice(a, jnp.ones(1), (2,)).sum())(v))
for f in [lambda: jax.make_jaxpr(lambda a: lax.slice(a, (0, 0), (3, 1)))(x), lambda: jax.make_jaxpr(lambda a: lax.slice(a, (1, 0), (0, 1)))(x),
          lambda: lax.slice(x, (0, 0), (2, 3), (0, 1)), lambda: lax.index_in_dim(x, 3, 1), lambda: lax.dynamic_slice(x, (0,), (1, 1)),
          lambda: lax.dynamic_slice(x, (0, 0), (3, 1)), lambda: lax.dynamic_update_slice(x, jnp.ones((3, 1)), (0, 0)),
          lambda: lax.dynamic_update_slice(x, jnp.ones((1, 1), jnp.int32), (0, 0)), lambda: lax.dynamic_slice(x, (0.5, 0), (1, 1))]:
    show(f)

# %% concatenate-pad
print(lax.concatenate([x, x], 0).shape, lax.concatenate((v, v), dimension=0), lax.pad(v, 0.0, [(1, 2, 1)]), lax.pad(x, -1.0, [(0, 0, 0), (0, 1, 0)]))
print(jax.make_jaxpr(lambda a, b: lax.concatenate([a, b], 1))(x, x))
print(jax.make_jaxpr(lambda a: lax.pad(a, 0.0, [(1, 2, 1)]))(v))
print(jax.grad(lambda a: (lax.pad(a, 0.0, [(1, 1, 1)]) ** 2).sum())(v), jax.vmap(lambda a: lax.pad(a, 9.0, [(1, 0, 0)]))(x))
for f in [lambda: lax.concatenate([], 0), lambda: lax.concatenate([x, v], 0), lambda: lax.concatenate([x, x], 2),
          lambda: lax.concatenate([x, x.astype(jnp.int32)], 0), lambda: lax.pad(v, 0, [(1, 1, 0)]), lambda: lax.pad(v, 0.0, [(1, 1)]),
          lambda: lax.pad(v, 0.0, [(1, 1, 0), (0, 0, 0)])]:
    show(f)

# %% creation
print(lax.full((2, 2), 3.0), lax.full((2,), 1, jnp.int8), lax.full_like(x, 7), lax.full_like(v, 2, jnp.int32, (3,)))
print(lax.iota(jnp.int32, 4), lax.iota(jnp.float32, 3), lax.broadcasted_iota(jnp.int32, (2, 3), 1))
print(lax.convert_element_type(v, jnp.int32), lax.convert_element_type(i, jnp.float32), repr(lax.convert_element_type(2.5, jnp.int32)))
print(jax.make_jaxpr(lambda: lax.full((2, 2), 3.0))())
print(jax.make_jaxpr(lambda a: lax.full_like(a, 1))(x))
print(jax.make_jaxpr(lambda: lax.iota(jnp.int32, 4))())
print(jax.make_jaxpr(lambda: lax.broadcasted_iota(jnp.float32, (2, 3), 0))())
print(jax.make_jaxpr(lambda a: lax.convert_element_type(a, jnp.int32))(v))
print(jax.grad(lambda a: lax.convert_element_type(a, jnp.float16).sum())(v))
for f in [lambda: lax.iota(jnp.int32, -1), lambda: lax.broadcasted_iota(jnp.int32, (2, 3), 2), lambda: lax.full((2,), jnp.ones(2)),
          lambda: lax.convert_element_type(v, "bogus")]:
    show(f)

# %% elementwise
print(lax.square(v), lax.reciprocal(v), lax.integer_pow(v, 3), lax.integer_pow(i, 2), lax.round(jnp.array([0.5, 1.5, -2.5])),
      lax.round(jnp.array([0.5, 1.5, -2.5]), 1))
print(lax.clamp(0.0, v, 2.0), lax.clamp(jnp.zeros(4), v, 1.0), lax.select_n(jnp.array([True, False, True, False]), v, -v),
      lax.select_n(i % 3, v, -v, 10 * v), lax.is_finite(jnp.array([1.0, jnp.inf, jnp.nan])), lax.exp2(v))
print(lax.eq(v, 2.0), lax.ne(i, 1), lax.lt(v, v[::-1]), lax.le(i, 2), lax.gt(v, 0.0), lax.ge(i, i[::-1]))
print(lax.nextafter(jnp.float32(1), jnp.float32(2)), lax.nextafter(jnp.array([0.0, 1.0]), jnp.array([1.0, 0.0])))
print(jax.make_jaxpr(lambda a: (lax.square(a), lax.reciprocal(a), lax.integer_pow(a, 3), lax.round(a)))(v))
m = lax.RoundingMethod.TO_NEAREST_EVEN
print(m, repr(m), int(m), m == 1, m.name, m.value, lax.RoundingMethod(0), repr(lax.RoundingMethod.AWAY_FROM_ZERO))
print(lax.round(jnp.array([0.5, 2.5]), lax.RoundingMethod.TO_NEAREST_EVEN), lax.round(jnp.array([0.5, 2.5]), rounding_method=lax.RoundingMethod.AWAY_FROM_ZERO))
print(jax.make_jaxpr(lambda a: lax.round(a, lax.RoundingMethod.TO_NEAREST_EVEN))(v))
show(lambda: lax.RoundingMethod(3))
print(jax.make_jaxpr(lambda a: lax.clamp(0.0, a, 1.0))(v))
print(jax.make_jaxpr(lambda p, a: lax.select_n(p, a, -a))(v > 0, v))
print(jax.make_jaxpr(lambda a, b: (lax.eq(a, b), lax.lt(a, 1.0), lax.is_finite(a)))(v, v))
print(jax.grad(lambda a: lax.clamp(0.0, a, 2.0).sum())(v), jax.grad(lambda a: lax.integer_pow(a, 3).sum())(v), jax.grad(lambda a: lax.reciprocal(a).sum())(v))
print(jax.jit(lax.round)(jnp.array([0.5, -1.5, 2.5])), jax.grad(lambda a: lax.clamp(a, 1.0, 2.0))(1.0), jax.grad(lambda a: lax.clamp(a, 1.0, 2.0))(1.5))
print(jax.make_jaxpr(jax.grad(lambda a: lax.clamp(0.0, a, 2.0)))(1.0))
print(jax.vmap(lambda a: lax.clamp(0.0, a, 1.0))(x), jax.vmap(lax.select_n)(x > 2, x, -x))
for f in [lambda: lax.clamp(jnp.zeros(3), v, 1.0), lambda: lax.clamp(0, v, 1.0), lambda: lax.select_n(v, v, v),
          lambda: lax.select_n(jnp.array(True)), lambda: lax.eq(v, i), lambda: lax.lt(v, i),
          lambda: lax.square(True), lambda: lax.lt(v, jnp.ones(3)), lambda: lax.exp2(i), lambda: lax.integer_pow(i, -1)]:
    show(f)

# %% reductions
print(lax.reduce_sum(x, (0,)), lax.reduce_max(x, (1,)), lax.reduce_min(x, (0, 1)), lax.reduce_prod(x + 1, (1,)),
      lax.reduce_and(x > 0, (1,)), lax.reduce_or(x > 4, (0,)))
print(lax.argmax(v, 0, jnp.int32), lax.argmin(x, 1, jnp.int32), lax.argmax(x, axis=0, index_dtype=jnp.int16))
print(jax.make_jaxpr(lambda a: (lax.reduce_sum(a, (0,)), lax.reduce_max(a, (1,)), lax.reduce_prod(a, (0, 1))))(x))
print(jax.make_jaxpr(lambda a: (lax.reduce_and(a > 0, (0,)), lax.argmax(a, 1, jnp.int32)))(x))
print(jax.grad(lambda a: lax.reduce_max(a, (0,)))(v), jax.vmap(lambda a: lax.argmin(a, 0, jnp.int32))(x))
print(lax.reduce(x, 0., lax.add, (0,)), lax.reduce(x, -jnp.inf, lax.max, [1]), lax.reduce(x, 1.0, lax.mul, (0, 1)), lax.reduce(i, 0, lax.add, (0,)))
print(jax.make_jaxpr(lambda a: lax.reduce(a, 0., lax.add, (0,)))(x))
print(jax.make_jaxpr(lambda a: lax.reduce(a, jnp.inf, lax.min, (1,)))(x))
print(jax.grad(lambda a: lax.reduce(a, 0., lax.add, (0,)))(v))
for f in [lambda: lax.reduce_sum(x, (2,)), lambda: lax.reduce_max(x, (0, 0)), lambda: lax.argmax(x, 2, jnp.int32),
          lambda: lax.argmax(x, 0, jnp.float32), lambda: lax.reduce_and(x, (0,))]:
    show(f)

# %% sorting
print(lax.sort(v), lax.sort(x, dimension=0), lax.sort_key_val(v, i), lax.sort((v, i), num_keys=1), lax.top_k(v, 2))
print(jax.make_jaxpr(lambda a: lax.sort(a))(v))
print(jax.make_jaxpr(lambda a, b: lax.sort_key_val(a, b))(v, i))
print(jax.make_jaxpr(lambda a: lax.top_k(a, 2))(v))
print(jax.grad(lambda a: lax.sort(a)[0])(v), jax.grad(lambda a: lax.top_k(a, 2)[0].sum())(v), jax.vmap(lambda a: lax.top_k(a, 1))(x))
for f in [lambda: lax.top_k(v, 5), lambda: lax.top_k(v, -1), lambda: lax.sort(v, dimension=1), lambda: lax.sort((v, i), num_keys=3)]:
    show(f)

# %% cumulative
print(lax.cumsum(x, 1), lax.cummax(v), lax.cummin(v, reverse=True), lax.cummax(x, axis=1), lax.cummin(i), lax.cummax(jnp.array([1.0, jnp.nan, 3.0])))
print(lax.cummax(jnp.array([3, 7, 2], dtype=jnp.uint8)), lax.cummin(jnp.array([2.0, -jnp.inf, 1.0], dtype=jnp.bfloat16)))
print(jax.make_jaxpr(lambda a: (lax.cummax(a), lax.cummin(a, reverse=True)))(v))
print(jax.vmap(lambda a: lax.cummax(a))(x), jax.jit(lambda a: lax.cummin(a, 1, True))(x))
for f in [lambda: lax.cummax(x, 2), lambda: lax.cummin(x, -1), lambda: lax.cummax(x > 1)]:
    show(f)

# %% dot-general
a = jnp.arange(24.0).reshape(2, 3, 4)
b = jnp.arange(40.0).reshape(2, 4, 5)
print(lax.dot_general(a, b, (((2,), (1,)), ((0,), (0,)))).shape, lax.dot(x, x.T), lax.dot(v, v), lax.batch_matmul(a, b).shape)
print(lax.dot_general(x, x, (((1,), (1,)), ((), ()))), lax.dot(x, x.T, precision=lax.Precision.HIGHEST), lax.dot(i, i, preferred_element_type=jnp.float32))
print(jax.make_jaxpr(lambda p, q: lax.dot_general(p, q, (((2,), (1,)), ((0,), (0,)))))(a, b))
print(jax.make_jaxpr(lambda p, q: lax.dot(p, q, precision=lax.Precision.HIGHEST))(x, x.T))
print(jax.make_jaxpr(lambda p, q: lax.dot_general(p, q, (((0,), (0,)), ((), ())), preferred_element_type=jnp.float32))(i, i))
print(jax.grad(lambda p: lax.dot_general(p, x, (((1,), (1,)), ((), ()))).sum())(x), jax.vmap(lambda p: lax.dot(p, v))(jnp.ones((2, 4))))
print(jax.make_jaxpr(lambda p, q: lax.dot_general(p, q, (((1,), (1,)), ((), ()))))(x, x.astype(jnp.int32)))
print(repr(lax.dot(i, v)), repr(lax.dot(i, i.astype(jnp.int8))), repr(lax.dot(v, v.astype(jnp.float16))), jax.grad(lambda p: lax.dot(p, i))(v))
m = jnp.arange(8.0).reshape(2, 4)
print(repr(jax.jit(lax.dot)(i, v)), repr(jax.jit(lax.dot)(m, i)), repr(jax.jit(lambda p, q: lax.dot(p, q, preferred_element_type=jnp.float32))(i, i)))
print(jax.vmap(lambda r: lax.dot(r, i))(m), jax.grad(lambda p: lax.dot(m, i) @ p)(jnp.ones(2)))
print(lax.Precision.HIGHEST, lax.Precision.DEFAULT, repr(lax.Precision.HIGH), lax.Precision('highest'))
print(lax.Precision.HIGHEST.value, lax.Precision.HIGH.name, lax.Precision(0), lax.Precision.HIGH == lax.Precision("tensorfloat32"), lax.Precision.HIGH == 1)
for f in [lambda: lax.dot_general(x, x, (((1,), (0,)), ((), ()))), lambda: lax.dot_general(x, x, (((1,), (1,)), ((0,), (1,)))),
          lambda: lax.dot(x, v), lambda: lax.batch_matmul(x, v),
          lambda: lax.dot(x, x.T, precision="bogus")]:
    show(f)

# %% convolution-forms
img = jnp.arange(32.0).reshape(1, 2, 4, 4)
ker = jnp.arange(18.0).reshape(1, 2, 3, 3) / 4  # exact products: XLA sums windows in an order jaxlab does not reproduce
print(lax.conv(img, ker, (1, 1), "SAME"), lax.conv_with_general_padding(img, ker, (2, 1), [(1, 0), (0, 1)], (1, 1), (2, 1)).shape)
print(jax.make_jaxpr(lambda a, k: lax.conv(a, k, (1, 1), "VALID"))(img, ker))
print(jax.grad(lambda k: lax.conv(img, k, window_strides=(1, 1), padding="VALID").sum())(ker).shape)
for f in [lambda: lax.conv(img, ker, (1, 1)), lambda: lax.conv_with_general_padding(img, ker, (1, 1), "SAME", None)]:
    show(f)

# %% edge-cases
# weak types, traced negative and unsigned starts, empty axes (nothing staged where JAX stages nothing)
print(repr(lax.full((2,), 1.0)), repr(lax.full_like(2.0, 3)), repr(lax.full((2,), 1, jnp.float32)), repr(lax.full_like(jnp.int8(2), 3.7)))
print(jax.jit(lambda a, s: lax.dynamic_update_slice(a, jnp.ones(2), (s,)))(v, -1))
print(jax.make_jaxpr(lambda a, s: lax.dynamic_update_slice_in_dim(a, jnp.ones((1, 3)), s, 0))(x, jnp.int32(-1)))
print(jax.vmap(lambda a, s: lax.dynamic_slice_in_dim(a, s, 2))(x, jnp.array([0, 1])))
print(jax.make_jaxpr(lambda a, s: lax.dynamic_slice(a, (s, s), (1, 1)))(x, jnp.uint8(1)))
print(lax.dynamic_slice(x, (jnp.int16(1), jnp.int16(0)), (1, 2)))
print(repr(lax.reduce_sum(x, ())), lax.top_k(x, 0))
print(repr(lax.square(2)), repr(lax.clamp(1, 5, 3)), repr(lax.select_n(True, 1.0, 2.0)), repr(lax.convert_element_type(3, jnp.float32)))
print(jax.make_jaxpr(lambda a: lax.reduce_sum(a, ()))(x))
print(jax.make_jaxpr(lambda a: lax.squeeze(a, ()))(x))
print(jax.make_jaxpr(lambda a: lax.concatenate([a], 0))(x))
print(jax.make_jaxpr(lambda a: lax.broadcast(a, ()))(x))
print(jax.make_jaxpr(lambda a: lax.reshape(a, (2, 3)))(x))
print(jax.make_jaxpr(lambda a: lax.expand_dims(a, ()))(x))
print(jax.make_jaxpr(lambda a: lax.full_like(a, 2, shape=(3,)))(x))
print(jax.make_jaxpr(lambda s: lax.full((2,), s))(1.0))

# %% hostile-arguments
# huge, negative and out-of-range arguments: errors, never a crash
for f in [lambda: lax.broadcast_in_dim(1.0, (-5,), ()), lambda: lax.broadcast(v, (-1,)), 
          lambda: lax.reshape(v, (-1,)), lambda: lax.reshape(v, (2, 2), (0,)),
          
          lambda: lax.slice(v, (0,), (4,), (10**18,)), lambda: lax.slice_in_dim(v, -10**18, 2),
          lambda: lax.index_in_dim(v, -10**18), lambda: lax.dynamic_slice(v, (10**18,), (2,)), lambda: lax.dynamic_slice(v, (jnp.int32(-100),), (2,)),
          lambda: lax.dynamic_slice_in_dim(v, 0, -1), lambda: lax.top_k(v, 10**18), lambda: lax.argmax(jnp.ones((0,)), 0, jnp.int32),
          lambda: lax.transpose(v, (5,)), lambda: lax.expand_dims(v, (10**18,)), lambda: lax.squeeze(v, (-10**18,)),
          lambda: lax.sort(v, dimension=10**18), lambda: lax.collapse(v, 10**18), lambda: lax.split(v, (10**18, -10**18 + 4)),
          lambda: lax.dot_general(x, x, (((5,), (1,)), ((), ()))), lambda: lax.dot_general(x, x, ((1, 1), ((), ()))),
          lambda: lax.cummax(v, 10**18), lambda: lax.reduce_max(v, (10**18,)), lambda: lax.select_n(jnp.int32(7), v, v),
          lambda: lax.integer_pow(v, 10**18), lambda: lax.round(v, 7), lambda: lax.concatenate([v, v], -1),
          lambda: lax.broadcasted_iota(jnp.int32, (2, 3), -1), lambda: lax.rev(v, (-1,)), lambda: lax.dynamic_update_slice(v, jnp.ones(2), (-10**18,)),
          lambda: lax.reduce(v, 0.0, lax.add, (5,)), lambda: lax.clamp(2.0, v, 1.0), lambda: lax.dot(jnp.ones(()), v)]:
    show(f)
