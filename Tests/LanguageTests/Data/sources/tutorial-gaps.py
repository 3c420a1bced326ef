# Cases found by running JAX's tutorials beyond the public ones: what a student meets in them.

# %% grad-static-function-argument
import jax
import jax.numpy as jnp

def apply_twice(fn, x):
    return fn(fn(x))

print(jax.grad(apply_twice, 1)(lambda v: v * v, 1.5))
print(jax.value_and_grad(apply_twice, argnums=1)(jnp.sin, 0.5))

# %% grad-static-python-scalar-stays-python
def scaled(x, k):
    print(type(k).__name__, k)
    return x * k

print(jax.grad(scaled)(2.0, 3))
print(jax.grad(scaled, argnums=(0,))(2.0, 0.5))

# %% jacobian-static-argument
def poly(coefficients, x):
    return sum(c * x ** i for i, c in enumerate(coefficients))

print(jax.jacfwd(poly, argnums=1)((1.0, 2.0, 3.0), jnp.array([1.0, 2.0])))
print(jax.jacrev(poly, argnums=1)([0.5, -1.0], 2.0))

# %% custom-jvp-rule-alone-under-grad
@jax.custom_jvp
def softplus(x):
    print("primal", x)
    return jnp.log1p(jnp.exp(x))

@softplus.defjvp
def softplus_jvp(primals, tangents):
    x, = primals
    t, = tangents
    print("rule", x)
    return softplus(x), jax.nn.sigmoid(x) * t

print(jax.grad(softplus)(2.0))
print(jax.jvp(softplus, (1.0,), (2.0,)))
print(jax.jit(jax.grad(softplus))(0.5))

# %% custom-jvp-rule-branches-on-concrete-values
@jax.custom_jvp
def kink(x):
    return jnp.abs(x)

@kink.defjvp
def kink_jvp(primals, tangents):
    x, = primals
    t, = tangents
    if x >= 0:
        return kink(x), t
    return kink(x), -2.0 * t

print(jax.grad(kink)(3.0), jax.grad(kink)(-3.0))

# %% custom-jvp-eager-keeps-python-values
@jax.custom_jvp
def pair(a, b):
    return {"sum": a + b, "prod": jnp.multiply(a, b)}

pair.defjvps(lambda t, out, a, b: {"sum": t, "prod": t * b},
             lambda t, out, a, b: {"sum": t, "prod": t * a})

print(pair(1.5, 2.0))
print(jax.grad(lambda a: pair(a, 2.0)["prod"])(1.5))

# %% custom-vjp-fwd-alone-under-grad
@jax.custom_vjp
def cube(x):
    print("primal")
    return x ** 3

def cube_fwd(x):
    print("fwd", x)
    return cube(x), x

def cube_bwd(x, g):
    print("bwd")
    return (3 * x ** 2 * g,)

cube.defvjp(cube_fwd, cube_bwd)
print(cube(2.0))
print(jax.grad(cube)(2.0))
y, pullback = jax.vjp(cube, 1.0)
print(y, float(pullback(1.0)[0]))
print(jax.vmap(jax.grad(cube))(jnp.array([1.0, 2.0])))

# %% custom-vjp-nondiff-function-under-grad
from functools import partial

@partial(jax.custom_vjp, nondiff_argnums=(0,))
def apply(fn, x):
    return fn(x)

def apply_fwd(fn, x):
    return fn(x), x

def apply_bwd(fn, x, g):
    return (10.0 * g,)

apply.defvjp(apply_fwd, apply_bwd)
print(jax.grad(apply, 1)(jnp.tanh, 0.3))

# %% typeof
print(jax.typeof(jnp.zeros((2, 4), dtype=jnp.int8)))
print(repr(jax.typeof(2.5)), repr(jax.typeof(jnp.float32(2.5))))
print(jax.typeof(True), jax.typeof(7), jax.typeof(jax.random.key(1)))
t = jax.typeof(jnp.ones(3))
print(t.shape, t.dtype, t.ndim, t.size, t.weak_type)
jax.vmap(lambda v: print("inside:", jax.typeof(v)))(jnp.ones((2, 5)))

# %% typeof-errors
try:
    jax.typeof("text")
except TypeError as e:
    print(e)
try:
    jax.typeof((1, 2))
except TypeError as e:
    print(e)

# %% jit-trace-jaxpr
def affine(x, w):
    return jnp.tanh(w * x + 1.0)

traced = jax.jit(affine).trace(jnp.ones(3), 2.0)
print(traced.jaxpr)
print(traced.fun_name)
print(jax.jit(lambda: 7).trace().jaxpr)
print(jax.jit(affine, static_argnums=1).trace(jnp.ones(2), 3.0).jaxpr)

# %% effects-barrier
@jax.jit
def shout(x):
    jax.debug.print("value {}", x)
    return x + 1

print(shout(4.0).block_until_ready())
print(jax.effects_barrier())

# %% array-dot-method
a = jnp.arange(6.0).reshape(2, 3)
print(a.dot(jnp.ones(3)))
print(a.dot(2.0))
print(jnp.arange(3).dot(jnp.arange(3)))
try:
    a.dot([1.0, 2.0, 3.0])
except TypeError as e:
    print(e)

# %% shape-dtype-struct
s = jax.ShapeDtypeStruct((2, 3), jnp.int32)
print(s, s.shape, s.dtype, s.ndim, s.size)
print(repr(jax.ShapeDtypeStruct((), "float32", weak_type=True)), jax.ShapeDtypeStruct((4,), jnp.float16))

# %% pure-callback-eager-jit-scan
import numpy as np

def host_square_plus(v, offset=0.0):
    print("host sees", type(v).__name__, v.dtype, v.shape)
    return (np.asarray(v) ** 2 + offset).astype(v.dtype)

def squared(v):
    return jax.pure_callback(host_square_plus, jax.ShapeDtypeStruct(v.shape, v.dtype), v, offset=0.5)

print(squared(jnp.arange(3.0)))
print(jax.jit(squared)(jnp.arange(2.0)))
print(jax.lax.scan(lambda c, v: (c + squared(v), c), 0.0, jnp.arange(3.0)))
print(jax.make_jaxpr(squared)(jnp.ones(2)))

# %% pure-callback-unused-result-dropped-under-jit
def noisy():
    print("noisy ran")
    return np.float32(1.0)

@jax.jit
def ignores_result(x):
    jax.pure_callback(noisy, jax.ShapeDtypeStruct((), jnp.float32))
    return x * 2

print(ignores_result(3.0))

# %% pure-callback-vmap-methods
def host_double(v):
    print("call with shape", v.shape)
    return np.asarray(v) * 2

rows = jnp.arange(6.0).reshape(3, 2)
for method in ["sequential", "expand_dims", "broadcast_all"]:
    print(method, jax.vmap(lambda r: jax.pure_callback(host_double, jax.ShapeDtypeStruct((2,), jnp.float32), r,
                                                          vmap_method=method))(rows))
try:
    jax.vmap(lambda r: jax.pure_callback(host_double, jax.ShapeDtypeStruct((2,), jnp.float32), r))(rows)
except NotImplementedError as e:
    print(e)

# %% pure-callback-errors
try:
    jax.grad(lambda v: jax.pure_callback(lambda a: a, jax.ShapeDtypeStruct((), jnp.float32), v))(1.0)
except ValueError as e:
    print(e)
try:
    jax.pure_callback(lambda: np.ones(2, np.float32), jax.ShapeDtypeStruct((), jnp.float32))
except Exception as e:
    print(type(e).__name__)
print(jax.pure_callback(lambda a, b: (a + b, a * b), (jax.ShapeDtypeStruct((), jnp.float32),) * 2, 2.0, 3.0))

# %% io-callback
from jax.experimental import io_callback

log = []
def record(v):
    log.append(float(v))
    return np.float32(v + 10)

@jax.jit
def step(v):
    io_callback(record, jax.ShapeDtypeStruct((), jnp.float32), v)
    return v + 1

print(step(1.0), step(2.0), log)
print(jax.vmap(lambda v: io_callback(record, jax.ShapeDtypeStruct((), jnp.float32), v))(jnp.arange(3.0)), log)
print(jax.make_jaxpr(lambda v: io_callback(record, v, v, ordered=True))(1.0))
try:
    jax.vmap(lambda v: io_callback(record, v, v, ordered=True))(jnp.arange(2.0))
except ValueError as e:
    print(e)
try:
    jax.grad(lambda v: io_callback(record, v, v))(1.0)
except ValueError as e:
    print(e)
print(jax.grad(lambda v: (io_callback(lambda: print("side effect"), None), v * 3)[1])(1.0))

# %% numpy-generator-uniform
gen = np.random.default_rng(7)
print(gen.uniform(), gen.uniform(2.0, 4.0, size=3), gen.uniform(size=(2, 2)).astype(np.float32))

# %% numpy-float32-sin-cos-on-jax-arrays
v = jnp.linspace(-4.0, 4.0, 9)
print(np.sin(v))
print(np.cos(v))
print(np.sin(np.float32(1.0)), np.cos(np.float32(-0.5)), np.sin(np.float32(-0.0)))

# %% explain-cache-misses-option
jax.config.update("jax_explain_cache_misses", True)
print(jax.config.jax_explain_cache_misses)

@jax.jit
def triple(v):
    return 3 * v

print(triple(jnp.arange(2)), triple(jnp.arange(2.0)))
jax.config.update("jax_explain_cache_misses", False)
print(jax.config.jax_explain_cache_misses)

# %% pdb-importable
import pdb
print(pdb.__name__, callable(pdb.set_trace))

# %% debug-breakpoint-in-branch-not-taken
def stop_if_negative(v):
    jax.lax.cond(v < 0, lambda: jax.debug.breakpoint(), lambda: None)
    return v * 2

print(jax.jit(stop_if_negative)(3.0))
