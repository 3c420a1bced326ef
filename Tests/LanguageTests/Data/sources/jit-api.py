# %% setup
from functools import partial
import jax
import jax.numpy as jnp

# %% static_argnums_positional_and_keyword
def scale(x, times):
    print('tracing scale with', times)
    for _ in range(times):
        x = x * 2
    return x

s = jax.jit(scale, static_argnums=1)
print(s(jnp.float32(1.5), 3), s(2.0, 3), s(2.0, times=3), s(2.0, 2))
t = jax.jit(scale, static_argnames='times')
print(t(1.0, 2), t(1.0, times=2), t(1.0, times=4))

# %% static_argnames_several
def poly(x, degree, shift=0):
    return sum(x ** k for k in range(degree)) + shift

p = jax.jit(poly, static_argnames=['degree'])
print(p(jnp.arange(3.0), 3), p(jnp.arange(3.0), degree=2, shift=1.5))
q = jax.jit(poly, static_argnums=(1, 2))
print(q(jnp.ones(2), 2, 10))

# %% decorator_factory_forms
@jax.jit(static_argnames=['n'])
def repeat_add(x, n):
    for _ in range(n):
        x = x + 1
    return x

@partial(jax.jit, static_argnums=(1,))
def power(x, k):
    return x ** k

print(repeat_add(jnp.int32(3), 4), power(3.0, 2), power(jnp.arange(3), 3))
print(repeat_add, power.__name__)

# %% caching_on_the_function
def noisy(x):
    print('tracing noisy', x)
    return x + 1

for v in [1.0, 2.0, 3.0]:
    print(jax.jit(noisy)(v))
print(jax.jit(noisy)(jnp.array([1.0])))
lambdas = [jax.jit(lambda x: noisy(x))(1.0) for _ in range(2)]
print(lambdas)

# %% static_arguments_values_retrace
calls = []
def branch(x, flag):
    calls.append(flag)
    return x if flag else -x

b = jax.jit(branch, static_argnums=1)
print(b(2.0, True), b(3.0, True), b(2.0, False), b(2.0, 1), calls)

# %% static_object_with_hash_and_eq
class Mode:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        return hash(self.k)

    def __eq__(self, other):
        return isinstance(other, Mode) and self.k == other.k

def apply(mode, x):
    print('tracing for', mode.k)
    return x * mode.k

a = jax.jit(apply, static_argnums=0)
print(a(Mode(2), 1.0), a(Mode(2), 5.0), a(Mode(3), 1.0))

# %% jit_methods_with_static_self
class Scaler:
    def __init__(self, k):
        self.k = k

    @partial(jax.jit, static_argnums=0)
    def run(self, x):
        return x * self.k

print(Scaler(3).run(2.0), Scaler(4).run(jnp.arange(2)))

# %% donate_and_device_keywords
d = jax.jit(lambda x, y: x + y, donate_argnums=0, keep_unused=True, inline=False)
print(d(jnp.ones(2), 1.0))
print(jax.jit(lambda x: x * 2, donate_argnames='x')(jnp.arange(3)))

# %% jit_argument_errors
def f(x, n):
    return x * n

for g in [lambda: jax.jit(f, static_argnums=1)(1.0, jnp.array([1, 2])),
          lambda: jax.jit(f, static_argnames='n')(1.0, [1, 2]),
          lambda: jax.jit(f, static_argnums=3),
          lambda: jax.jit(f, static_argnames=('q', 'r')),
          lambda: jax.jit(f, static_argnames='n', donate_argnames='n'),
          lambda: jax.jit(f)(1.0, 'text'),
          lambda: jax.jit(f)(1.0, {'a': [1, 'b']}),
          lambda: jax.jit(f)(1.0),
          lambda: jax.jit(f, bogus=1),
          lambda: jax.jit(f, 1),
          lambda: jax.jit(4)]:
    try:
        g()
    except Exception as e:
        print(type(e).__name__, e)

# %% jit_of_non_array_self
class Holder:
    def __init__(self, v):
        self.v = v

    @jax.jit
    def get(self, y):
        return self.v * y

try:
    Holder(2).get(3)
except TypeError as e:
    print(str(e).split(' at 0x')[0], '...', str(e).split('>')[1])

# %% registered_self_in_jit
class Counter:
    def __init__(self, total, step):
        self.total = total
        self.step = step

    @jax.jit
    def advance(self, n):
        print('tracing advance for step', self.step)
        return Counter(self.total + n * self.step, self.step)

jax.tree_util.register_pytree_node(Counter, lambda c: ((c.total,), c.step), lambda step, ch: Counter(ch[0], step))
c = Counter(jnp.float32(0), 2)
c = c.advance(1)
c = c.advance(3)
print(c.total, c.step)
c.step = 5
print(c.advance(1).total)
