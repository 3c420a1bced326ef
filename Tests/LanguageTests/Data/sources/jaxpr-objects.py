# %% setup
import jax
import jax.numpy as jnp

def f(x, y):
    z = jnp.sin(x) ** 2 + y
    return z.sum(axis=0), jnp.float32(3.0) * z

closed = jax.make_jaxpr(f)(jnp.ones((2, 3)), 1.0)

# %% closed
print(closed.in_avals, closed.out_avals, closed.consts, closed.effects, closed.literals)
print(type(closed).__name__, type(closed.jaxpr).__name__, str(closed.jaxpr) == str(closed))
for eqn in closed.eqns:
    print(eqn)
    print(" ", eqn.primitive, eqn.primitive.name, [str(v.aval) for v in eqn.outvars], len(eqn.invars))

# %% params
print(closed.eqns[1].params, closed.eqns[-2].params if "reduce_sum" in str(closed.eqns[-2]) else "")
print([e.primitive.name for e in closed.jaxpr.eqns], [str(v.aval) for v in closed.jaxpr.invars], len(closed.jaxpr.outvars))
inner = jax.make_jaxpr(jax.jit(lambda a: jnp.cos(a) + 1))(2.0)
print(inner.eqns[0].primitive, inner.eqns[0].params["name"], inner.eqns[0].params["jaxpr"])
print(len(jax.make_jaxpr(lambda a: a + jnp.arange(3.0))(1.0).consts), jax.make_jaxpr(lambda a: a * 2)(1).jaxpr.constvars)
