# %% setup
import jax
import jax.numpy as jnp
from jax import lax

# %% debug_print
def f(x):
    jax.debug.print("x={x} total {}", x.sum(), x=x)
    return x * 2
x = jnp.arange(3.0)
print(jax.make_jaxpr(f)(x))
f(x)
g = jax.jit(f)
g(x)
g(x + 1)
jax.vmap(f)(jnp.arange(6.0).reshape(2, 3))
print(jax.grad(lambda v: f(v).sum())(x))
jax.debug.print("plain {} {}", 1, 2.5)
jax.debug.print("{a:.3f} {b!r} {c}", a=jnp.float32(1.23456), b=jnp.array([1, 2]), c={'k': jnp.ones(2)})
jax.debug.print("{}", jnp.float32(0.1))
jax.debug.print("{0} then {1:>6} then {0}", jnp.int32(3), 2.5)
jax.debug.print("{} {}", "a string", None)
jax.debug.print("no fields")
jax.debug.print(ordered=True)("two-call form {}", 7)
print(jax.make_jaxpr(lambda v: jax.debug.print("{} {s}", v, s='static'))(1.0))
print(jax.make_jaxpr(jax.vmap(lambda v, w: jax.debug.print("{} {}", v, w), in_axes=(1, None)))(jnp.ones((2, 2)), 5))

# %% debug_print_in_control_flow
def body(i, c):
    jax.debug.print("step {i}: {c}", i=i, c=c)
    return c * 2
print(lax.fori_loop(0, 3, body, 1.0))
print(jax.jit(lambda n: lax.fori_loop(0, n, body, 1.0))(2))
lax.cond(True, lambda v: jax.debug.print("true branch {}", v), lambda v: jax.debug.print("false branch {}", v), 4)
def step(c, a):
    jax.debug.print("carry {} x {}", c, a)
    return c + a, c
print(lax.scan(step, 0.0, jnp.arange(3.0)))
print(jax.grad(jax.jit(lambda v: (jax.debug.print("inside {}", v), v ** 2)[1]))(3.0))

# %% debug_callback
def show(v, scale=1):
    print("callback got", v * scale, type(v).__name__)
jax.debug.callback(show, jnp.arange(2.0))
jax.jit(lambda v: jax.debug.callback(show, v, scale=10))(jnp.float32(1.5))
print(jax.make_jaxpr(lambda v: jax.debug.callback(show, v))(1.0))
jax.vmap(lambda v: jax.debug.callback(show, v))(jnp.arange(2))

# %% debug_errors
for bad in [lambda: jax.debug.print("{}"), lambda: jax.debug.print("{y}", x=1), lambda: jax.debug.print("{}", 1, 2),
            lambda: jax.debug.print("{x}", x=1, y=2), lambda: jax.debug.print("{} {0}", 1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
