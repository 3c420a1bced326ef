# %% setup
from functools import partial
import jax
import jax.numpy as jnp

def g(x):
    y = jnp.sin(x)
    z = jnp.sin(y)
    return z

# %% checkpoint-values
f = jax.checkpoint(g)
print(f(2.0), jax.grad(f)(2.0), jax.jit(jax.grad(f))(2.0))
print(jax.vmap(f)(jnp.arange(3.)), jax.vmap(jax.grad(f))(jnp.arange(3.)))
print(jax.remat(g)(1.0), jax.grad(jax.remat(g))(1.0))
print(jax.grad(jax.grad(f))(2.0))
print(jax.value_and_grad(lambda x: jnp.sum(jax.checkpoint(g)(x) ** 2))(jnp.arange(4.)))

# %% checkpoint-jaxprs
print(jax.make_jaxpr(f)(2.0))
print(jax.make_jaxpr(jax.grad(f))(2.0))
print(jax.make_jaxpr(jax.grad(jax.remat(g)))(2.0))
print(jax.make_jaxpr(jax.grad(jax.checkpoint(g, prevent_cse=False)))(2.0))
print(jax.make_jaxpr(jax.vmap(f))(jnp.arange(3.)))
print(jax.make_jaxpr(jax.grad(lambda x: jnp.sin(jax.checkpoint(g)(x))))(2.0))

# %% checkpoint-policies
cp = jax.checkpoint_policies
print(jax.make_jaxpr(jax.grad(jax.checkpoint(g, policy=cp.everything_saveable)))(2.0))
print(jax.make_jaxpr(jax.grad(jax.checkpoint(g, policy=cp.nothing_saveable)))(2.0))
print(jax.make_jaxpr(jax.grad(lambda x: jax.checkpoint(g, policy=cp.everything_saveable)(jnp.sin(x))))(2.0))
def lin(W, x):
    return jnp.tanh(jnp.dot(W, x))
print(jax.make_jaxpr(jax.grad(lambda W, x: jax.checkpoint(lin, policy=cp.dots_saveable)(W, x).sum()))(jnp.ones((2, 2)), jnp.ones(2)))
print(jax.grad(lambda W, x: jax.checkpoint(lin, policy=cp.dots_with_no_batch_dims_saveable)(W, x).sum())(jnp.ones((2, 2)), jnp.arange(2.)))
print(cp.dots_saveable, cp.checkpoint_dots)

# %% checkpoint-static
def h(x, n):
    for _ in range(n):
        x = jnp.sin(x)
    return x
print(jax.make_jaxpr(lambda x: jax.checkpoint(h, static_argnums=(1,))(x, 2))(2.0))
print(jax.grad(jax.checkpoint(h, static_argnums=1), argnums=0)(2.0, 3))
try:
    jax.checkpoint(h)(1.0, 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    jax.checkpoint(h, static_argnums=(2,))(1.0, 2)
except ValueError as e:
    print('ValueError', e)
def branchy(x, n):
    if n > 0:
        return jnp.sin(x)
    return x
try:
    jax.checkpoint(branchy)(1.0, 2)
except Exception as e:
    print(type(e).__name__, e)
print(jax.checkpoint(branchy, static_argnums=(1,))(1.0, 2))

# %% checkpoint-names
from jax.ad_checkpoint import checkpoint_name
def g(x):
    y = checkpoint_name(jnp.sin(x), 'y')
    z = checkpoint_name(jnp.sin(y), 'z')
    return jnp.sin(z)
print(g(1.0))
print(jax.make_jaxpr(g)(1.0))
cp = jax.checkpoint_policies
for pol in [cp.save_only_these_names('y'), cp.save_any_names_but_these('y'), cp.save_anything_except_these_names('y')]:
    print(jax.make_jaxpr(jax.grad(jax.checkpoint(g, policy=pol)))(1.0))
print(jax.grad(jax.checkpoint(g, policy=cp.save_only_these_names('y', 'z')))(1.0))
print(jax.vmap(g)(jnp.arange(2.)))
print(cp.save_only_these_names('y'))
