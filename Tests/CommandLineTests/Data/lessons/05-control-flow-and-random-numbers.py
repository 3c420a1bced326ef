# The example cells and solutions of Lessons/05-control-flow-and-random-numbers.md, written by record.py.

# %% imports
import jax
import jax.numpy as jnp
from jax import lax
print('ready')

# %% unrolled
def cube(x):
    result = x
    for _ in range(2):
        result = result * x
    return result

print(jax.make_jaxpr(cube)(2.0))

# %% cond_intro
def clip_or_negate(x):
    return lax.cond(x > 0, lambda v: jnp.minimum(v, 1.0), lambda v: -v, x)

print(clip_or_negate(5.0))
print(clip_or_negate(-3.0))
print(jax.make_jaxpr(clip_or_negate)(1.0))

# %% cond
def smooth_abs(x):
    quadratic = lambda v: v ** 2 / 2
    linear = lambda v: jnp.abs(v) - 0.5
    return lax.cond(jnp.abs(x) < 1, quadratic, linear, x)

print(smooth_abs(0.5))
print(smooth_abs(-3.0))

# %% switch_intro
branches = [lambda x: x + 1.0, lambda x: x * 2.0, lambda x: -x]
for i in [0, 1, 2, 5, -1]:
    print(i, lax.switch(i, branches, 10.0))

# %% switch_jaxpr
print(jax.make_jaxpr(lambda i, x: lax.switch(i, branches, x))(0, 1.0))

# %% switch
def activate(kind, x):
    relu = lambda v: jnp.maximum(v, 0.0)
    identity = lambda v: v
    return lax.switch(kind, [relu, jnp.tanh, identity], x)

print(activate(1, jnp.array([-2.0, 0.5])))

# %% fori_intro
def sum_of_squares(n):
    return lax.fori_loop(0, n, lambda i, total: total + i * i, 0)

print(sum_of_squares(10))
print(jax.make_jaxpr(sum_of_squares)(10))

# %% fori_scan
print(jax.make_jaxpr(lambda: lax.fori_loop(0, 10, lambda i, t: t + i, 0))())

# %% fori
print(lax.fori_loop(1, 11, lambda i, acc: acc * i, 1))

# %% while_intro
def halvings(x):
    def cond_fun(state):
        value, count = state
        return value >= 1.0
    def body_fun(state):
        value, count = state
        return value / 2.0, count + 1
    return lax.while_loop(cond_fun, body_fun, (x, 0))

print(halvings(100.0))

# %% while
def collatz_steps(n):
    def cond_fun(state):
        n, count = state
        return n != 1
    def body_fun(state):
        n, count = state
        return jnp.where(n % 2 == 0, n // 2, 3 * n + 1), count + 1
    return lax.while_loop(cond_fun, body_fun, (n, 0))[1]

print(collatz_steps(27))

# %% scan_intro
def running_sum(xs):
    def step(total, x):
        total = total + x
        return total, total
    return lax.scan(step, 0.0, xs)

final, sums = running_sum(jnp.arange(1.0, 6.0))
print(final)
print(sums)
print(jax.make_jaxpr(running_sum)(jnp.arange(1.0, 6.0)))

# %% scan
def ema(xs, alpha):
    def step(avg, x):
        avg = alpha * avg + (1 - alpha) * x
        return avg, avg
    return lax.scan(step, xs[0], xs)[1]

print(ema(jnp.array([1.0, 2.0, 3.0, 10.0]), 0.5))

# %% split_many
key = jax.random.key(0)
keys = jax.random.split(key, 4)
print(keys.shape)
print(jax.random.normal(keys[0]), jax.random.normal(keys[1]))

# %% fold_in
for step in range(3):
    print(step, jax.random.uniform(jax.random.fold_in(key, step)))
print(jax.random.uniform(jax.random.fold_in(key, 1)))

# %% random-walk
def random_walk(key, n):
    def step(carry, _):
        key, position = carry
        key, subkey = jax.random.split(key)
        position = position + jax.random.normal(subkey)
        return (key, position), position
    _, path = lax.scan(step, (key, 0.0), None, length=n)
    return path

print(random_walk(jax.random.key(1), 5))

# %% fold-in
def noise_at(step):
    return jax.random.normal(jax.random.fold_in(key, step), (3,))

print(noise_at(0))
print(noise_at(0))
print(noise_at(1))
