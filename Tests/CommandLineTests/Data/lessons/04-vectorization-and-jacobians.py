# The example cells and solutions of Lessons/04-vectorization-and-jacobians.md, written by record.py.

# %% imports
import jax
import jax.numpy as jnp
print('ready')

# %% batched_dot
xs = jnp.arange(1.0, 7.0).reshape(3, 2)
ys = jnp.ones((3, 2))
print(jax.vmap(jnp.dot)(xs, ys))

# %% in_axes_none
M = jnp.array([[1.0, 2.0], [3.0, 4.0]])
print(jax.vmap(jnp.dot, in_axes=(None, 0))(M, xs))

# %% out_axes
print(jax.vmap(jnp.dot, in_axes=(None, 0), out_axes=1)(M, xs))

# %% columns
V = jnp.arange(10.0).reshape(2, 5)
print(V)

# %% in-axes
MV = jax.vmap(jnp.dot, in_axes=(None, 1))(M, V)
print(MV)

# %% out-axes
MV_cols = jax.vmap(jnp.dot, in_axes=(None, 1), out_axes=1)(M, V)
print(MV_cols)

# %% loss_one
params = {'w': jnp.array([0.5, -1.0]), 'b': jnp.zeros(())}
targets = jnp.array([1.0, 0.0, -1.0])

def loss_one(params, x, y):
    return (jnp.dot(params['w'], x) + params['b'] - y) ** 2

print(loss_one(params, xs[0], targets[0]))

# %% batch_grad
def batch_loss(params, xs, ys):
    losses = jax.vmap(loss_one, in_axes=(None, 0, 0))(params, xs, ys)
    return jnp.mean(losses)

print(jax.grad(batch_loss)(params, xs, targets))

# %% per-example
grad_per_example = jax.vmap(jax.grad(loss_one), in_axes=(None, 0, 0))
per_example = grad_per_example(params, xs, targets)
print(per_example)

# %% mean_of_grads
print(jax.tree.map(lambda g: g.mean(axis=0), per_example))

# %% jacobians
def f(x):
    return jnp.array([x[0] * x[1], jnp.sin(x[2]), x[0] + 2.0 * x[2]])

x = jnp.array([1.0, 2.0, 0.5])
print(jax.jacfwd(f)(x))
print(jax.jacrev(f)(x))

# %% jvp_vjp
e0 = jnp.array([1.0, 0.0, 0.0])
value, column = jax.jvp(f, (x,), (e0,))
print(column)
value, pullback = jax.vjp(f, x)
print(pullback(e0))

# %% fd-jacobian
def fd_jacobian(f, x, eps=1e-3):
    column = lambda e: (f(x + eps * e) - f(x - eps * e)) / (2 * eps)
    return jax.vmap(column, out_axes=1)(jnp.eye(len(x)))

print(fd_jacobian(f, x))
print(jax.jacfwd(f)(x))

# %% wide_function
def summary(w):
    return jnp.array([jnp.sum(w ** 2), jnp.sum(jnp.sin(w))])

w = jnp.linspace(0.0, 1.0, 1000)
print(summary(w))

# %% wide
J_wide = jax.jacrev(summary)(w)
print(J_wide.shape)
print(J_wide[:, :3])

# %% hessian
def cubic(x):
    return jnp.sum(x ** 3) / 3.0

print(jax.hessian(cubic)(x))
print(jax.jacfwd(jax.jacrev(cubic))(x))

# %% energy
A = jnp.array([[2.0, 1.0], [0.0, 3.0]])

def energy(p):
    return 0.5 * p @ A @ p + jnp.sum(jnp.cos(p))

p = jnp.array([0.5, -1.0])
print(energy(p))

# %% hessian-energy
H = jax.hessian(energy)(p)
print(H)
