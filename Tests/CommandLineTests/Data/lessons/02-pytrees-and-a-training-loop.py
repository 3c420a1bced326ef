# The example cells and solutions of Lessons/02-pytrees-and-a-training-loop.md, written by record.py.

# %% imports
import jax
import jax.numpy as jnp
print('ready')

# %% leaves
trees = [
    [1, 2.5, 'three'],
    (1, (2, 3), ()),
    {'w': jnp.ones(2), 'b': 0.0},
    [{'a': 1, 'b': (2, 3)}, None, 4],
    jnp.arange(3),
]
for tree in trees:
    leaves = jax.tree.leaves(tree)
    print(f'{len(leaves)} leaves: {leaves}')

# %% model
model = {
    'encoder': [jnp.ones((3, 2)), jnp.zeros(2)],
    'decoder': (jnp.ones((2, 3)), None),
    'step': jnp.array(0),
}
print(model['decoder'])

# %% count-leaves
print(len(jax.tree.leaves(model)))

# %% map_one
nested = [1, [2, 3], {'x': 4, 'y': (5, 6)}]
print(jax.tree.map(lambda v: v * 10, nested))

# %% map_two
a = {'w': jnp.array([1.0, 2.0]), 'b': jnp.array([0.5])}
b = {'w': jnp.array([0.1, 0.1]), 'b': jnp.array([1.0])}
print(jax.tree.map(lambda u, v: u - v, a, b))

# %% shapes-of-model
shapes = jax.tree.map(lambda a: a.shape, model)
print(shapes)

# %% flatten
leaves, treedef = jax.tree.flatten(nested)
print(leaves)
print(treedef)

# %% unflatten
print(jax.tree.unflatten(treedef, ['a', 'b', 'c', 'd', 'e', 'f']))

# %% flatten-unflatten
leaves, treedef = jax.tree.flatten(model)
sizes = jax.tree.unflatten(treedef, [leaf.size for leaf in leaves])
print(sizes)

# %% namedtuple
from typing import NamedTuple

class Linear(NamedTuple):
    w: jax.Array
    b: jax.Array

p = Linear(w=jnp.array([1.0, -1.0]), b=jnp.zeros(()))
print(p)
print(jax.tree.structure(p))
print(jax.tree.map(lambda v: v + 1, p))

# %% plain_class
class Scaler:
    def __init__(self, factor, name):
        self.factor = factor
        self.name = name

    def __repr__(self):
        return f'Scaler(factor={self.factor!r}, name={self.name!r})'

s = Scaler(2.0, 'double')
print(jax.tree.leaves(s))

# %% register-scaler
jax.tree_util.register_pytree_node(
    Scaler,
    lambda s: ((s.factor,), s.name),
    lambda name, children: Scaler(children[0], name),
)
print(jax.tree.leaves(s))
print(jax.tree.map(lambda v: v * 3, s))

# %% scaler_structure
print(jax.tree.structure(s))

# %% data
key = jax.random.key(0)
x_key, noise_key = jax.random.split(key)
xs = jax.random.normal(x_key, (100,))
ys = 3.0 * xs - 1.0 + 0.1 * jax.random.normal(noise_key, (100,))
print(xs[:3])
print(ys[:3])

# %% model_and_loss
def predict(params, x):
    return params.w * x + params.b

def loss_fn(params, x, y):
    return jnp.mean((predict(params, x) - y) ** 2)

params = Linear(w=jnp.zeros(()), b=jnp.zeros(()))
print(loss_fn(params, xs, ys))

# %% grads
grads = jax.grad(loss_fn)(params, xs, ys)
print(grads)

# %% sgd-update
def sgd(params, grads, lr):
    return jax.tree.map(lambda p, g: p - lr * g, params, grads)

print(sgd(params, grads, 0.1))

# %% train-step
@jax.jit
def train_step(params, x, y):
    loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
    return sgd(params, grads, 0.1), loss

new_params, loss = train_step(params, xs, ys)
print(new_params)
print(loss)

# %% train-100
params = Linear(w=jnp.zeros(()), b=jnp.zeros(()))
for step in range(100):
    params, loss = train_step(params, xs, ys)
    if step % 10 == 0:
        print(f'step {step:3d}  loss {loss:.4f}')
print(params)

# %% predict
print(predict(params, 2.0))
