# %% setup
import jax
import jax.numpy as jnp
from functools import partial


class Key:
    def __init__(self, x, flag):
        self.x = x
        self.flag = flag

    def __hash__(self):
        return hash((self.x, self.flag))

    def __eq__(self, other):
        return isinstance(other, Key) and (self.x, self.flag) == (other.x, other.flag)

# %% dict-key-mutated-after-insertion
# a key whose hash changes after insertion is a new key afterwards, as CPython's dict has it
k = Key(2, True)
d = {k: "first"}
k.flag = False
d[k] = "second"
print(len(d), d[k], k in d, sorted(d.values()))
for i in range(50):
    d[Key(i, i % 2 == 0)] = i
print(len(d), k in d, d.get(Key(3, False)))
s = {k}
k.flag = False
s.add(k)
print(len(s))

# %% jit-static-method-mutated
# JAX finds the trace of the same static object again although its hash changed (the stale
# result its FAQ warns about)
class Calc:
    def __init__(self, x, mul):
        self.x = x
        self.mul = mul

    @partial(jax.jit, static_argnums=0)
    def calc(self, y):
        if self.mul:
            return self.x * y
        return y

    def __hash__(self):
        return hash((self.x, self.mul))

    def __eq__(self, other):
        return isinstance(other, Calc) and (self.x, self.mul) == (other.x, other.mul)

c = Calc(2, True)
print(c.calc(3))
c.mul = False
print(c.calc(3))
c.mul = True
print(c.calc(5))
