# The example cells and solutions of Lessons/03-the-sharp-bits.md, written by record.py.

# %% imports
import jax
import jax.numpy as jnp
import numpy as np
print('ready')

# %% print_at_trace
def log_and_double(x):
    print('tracing with', x)
    return 2 * x

f = jax.jit(log_and_double)
print(f(1.0))
print(f(2.0))
print(f(jnp.arange(2.0)))

# %% debug_print
@jax.jit
def log_and_triple(x):
    jax.debug.print('running with {}', x)
    return 3 * x

print(log_and_triple(1.0))
print(log_and_triple(2.0))

# %% stale_global
scale = 2.0

@jax.jit
def scaled(x):
    return x * scale

print(scaled(jnp.arange(3.0)))
scale = 10.0
print(scaled(jnp.arange(3.0)))
print(scaled(jnp.arange(4.0)))

# %% pure-scale
@jax.jit
def scaled_pure(x, factor):
    return x * factor

print(scaled_pure(jnp.arange(3.0), 10.0))
print(scaled_pure(jnp.arange(3.0), 3.0))

# %% setitem
x = jnp.zeros(5)
x[0] = 1.0

# %% at_methods
x = jnp.arange(6.0)
print(x.at[1].set(10.0))
print(x.at[::2].add(100.0))
print(x.at[jnp.array([0, 0, 1])].add(1.0))
print(x.at[2:].min(3.0))
print(x)

# %% grid
grid = jnp.zeros((3, 4))
print(grid.shape)

# %% at-update
marked = grid.at[1].set(1.0).at[:, -1].add(10.0)
print(marked)

# %% oob
table = jnp.array([10.0, 20.0, 30.0])
print(table[5])
print(table.at[5].set(0.0))
print(jnp.arange(3)[jnp.array([0, 2, 7])])

# %% oob-fill
def lookup(table, i):
    return table.at[i].get(mode='fill', fill_value=jnp.nan)

print(lookup(table, 1))
print(lookup(table, 5))

# %% list_input
print(jnp.sum([1, 2, 3]))

# %% list_jaxpr
def total(values):
    return jnp.sum(jnp.array(values))

print(jax.make_jaxpr(total)([1.0, 2.0, 3.0]))

# %% readings
readings = [3.5, 4.0, 2.5, 5.0, 4.5]
print(len(readings))

# %% list-input
print(jnp.mean(jnp.array(readings)))

# %% key_reuse
key = jax.random.key(42)
print(jax.random.uniform(key, (3,)))
print(jax.random.uniform(key, (3,)))

# %% fresh-keys
key_a, key_b = jax.random.split(key)
a = jax.random.normal(key_a, (3,))
b = jax.random.normal(key_b, (3,))
print(a)
print(b)

# %% tracer_if
@jax.jit
def relu(x):
    if x > 0:
        return x
    return 0.0

relu(3.0)

# %% leaky
@jax.jit
def leaky(x):
    return jnp.where(x > 0, x, 0.1 * x)

print(leaky(3.0))
print(leaky(jnp.array([-2.0, 0.5])))

# %% tracer_range
def power(x, n):
    result = 1.0
    for _ in range(n):
        result = result * x
    return result

jax.jit(power)(2.0, 3)

# %% static-n
power_jit = jax.jit(power, static_argnums=1)
print(power_jit(2.0, 10))

# %% positive_sum
def positive_sum(x):
    return x[x > 0].sum()

v = jnp.array([-1.0, 2.0, -3.0, 4.0])
print(positive_sum(v))

# %% positive_sum_jit
jax.jit(positive_sum)(v)

# %% where-sum
@jax.jit
def positive_sum_jit(x):
    return jnp.where(x > 0, x, 0.0).sum()

print(positive_sum_jit(v))

# %% nan_values
print(jnp.sqrt(-1.0), jnp.log(0.0), jnp.array(0.0) / 0.0)

# %% where_nan
def safe_sqrt(x):
    return jnp.where(x > 0, jnp.sqrt(x), 0.0)

print(safe_sqrt(0.0))
print(jax.grad(safe_sqrt)(0.0))

# %% double-where
def safer_sqrt(x):
    safe_x = jnp.where(x > 0, x, 1.0)
    return jnp.where(x > 0, jnp.sqrt(safe_x), 0.0)

print(jax.grad(safer_sqrt)(0.0))
print(jax.grad(safer_sqrt)(4.0))

# %% x64_request
print(jnp.arange(3, dtype=jnp.float64).dtype)
print(jnp.float32(1.0) + jnp.float32(1e-8) - 1.0)

# %% enable-x64
jax.config.update('jax_enable_x64', True)
print(jnp.arange(3.0).dtype)
print(jnp.float64(1.0) + 1e-8 - 1.0)
