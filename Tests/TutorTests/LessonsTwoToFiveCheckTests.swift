import XCTest

/// The checks of Lessons 2 to 5 are fair: for every task, an answer that is right but worded
/// unlike the solution passes, and a plausible wrong answer is refused with a message that
/// says what is wrong.
final class LessonsTwoToFiveCheckTests: XCTestCase {
    func testLessonTwoPytreesAndATrainingLoop() throws {
        try LessonCheckFairness.check("02-pytrees-and-a-training-loop.md", [
            FairnessCase(task: "count-leaves",
                         correct: "leaves = jax.tree.leaves(model)\nlen(leaves)",
                         wrong: "len(model)",
                         message: "counts only the top level"),
            FairnessCase(task: "shapes-of-model",
                         correct: "shapes = jax.tree.map(jnp.shape, model)",
                         wrong: "shapes = [a.shape for a in jax.tree.leaves(model)]",
                         message: "shapes is a flat list"),
            FairnessCase(task: "flatten-unflatten",
                         correct: "flat, structure = jax.tree.flatten(model)\nsizes = jax.tree.unflatten(structure, [int(jnp.size(a)) for a in flat])",
                         wrong: "leaves, treedef = jax.tree.flatten(model)\nsizes = [leaf.size for leaf in leaves]",
                         message: "Put them back into model's structure"),
            FairnessCase(task: "register-scaler",
                         correct: """
                         def flatten_scaler(scaler):
                             return [scaler.factor], scaler.name

                         def unflatten_scaler(name, children):
                             return Scaler(*children, name)

                         jax.tree_util.register_pytree_node(Scaler, flatten_scaler, unflatten_scaler)
                         """,
                         wrong: "jax.tree_util.register_pytree_node(Scaler, lambda s: ((s.factor, s.name), None), lambda aux, children: Scaler(*children))",
                         message: "The name ended up as a leaf"),
            FairnessCase(task: "sgd-update",
                         correct: "sgd = lambda params, grads, lr: jax.tree.map(lambda p, g: p - g * lr, params, grads)",
                         wrong: "def sgd(params, grads, lr):\n    return jax.tree.map(lambda p, g: p + lr * g, params, grads)",
                         message: "walks uphill"),
            FairnessCase(task: "train-step",
                         correct: """
                         def step(params, x, y):
                             loss = loss_fn(params, x, y)
                             grads = jax.grad(loss_fn)(params, x, y)
                             return sgd(params, grads, 0.1), loss

                         train_step = jax.jit(step)
                         """,
                         wrong: """
                         @jax.jit
                         def train_step(params, x, y):
                             grads = jax.grad(loss_fn)(params, x, y)
                             new_params = sgd(params, grads, 0.1)
                             return new_params, loss_fn(new_params, x, y)
                         """,
                         message: "That is the loss after the step"),
            FairnessCase(task: "train-100",
                         correct: """
                         params = Linear(jnp.zeros(()), jnp.zeros(()))
                         losses = []
                         for i in range(100):
                             params, loss = train_step(params, xs, ys)
                             losses.append(loss)
                         for i in range(0, 100, 10):
                             print(i, losses[i])
                         """,
                         wrong: """
                         params = Linear(w=jnp.zeros(()), b=jnp.zeros(()))
                         for step in range(100):
                             new_params, loss = train_step(params, xs, ys)
                             if step % 10 == 0:
                                 print(step, loss)
                         """,
                         message: "params is still all zeros"),
            FairnessCase(task: "predict",
                         correct: "params.w * 2.0 + params.b",
                         wrong: "3 * 2.0 - 1",
                         message: "That is the true line's value"),
        ])
    }

    func testLessonThreeTheSharpBits() throws {
        try LessonCheckFairness.check("03-the-sharp-bits.md", [
            FairnessCase(task: "pure-scale",
                         correct: "scaled_pure = jax.jit(lambda x, factor: factor * x)",
                         wrong: "@jax.jit\ndef scaled_pure(x, factor):\n    return x * scale",
                         message: "multiplied by the global scale"),
            FairnessCase(task: "at-update",
                         correct: "marked = grid.at[1, :].set(1)\nmarked = marked.at[:, 3].add(10)",
                         wrong: "marked = grid.at[1].set(1.0).at[:, -1].set(10.0)",
                         message: "should be 1 + 10 = 11"),
            FairnessCase(task: "oob-fill",
                         correct: "lookup = lambda table, i: table.at[i].get(mode=\"fill\", fill_value=float(\"nan\"))",
                         wrong: "def lookup(table, i):\n    return table[i]",
                         message: "that is the clamped index"),
            FairnessCase(task: "list-input",
                         correct: "jnp.asarray(readings).mean()",
                         wrong: "np.mean(readings)",
                         message: "That is NumPy's mean"),
            FairnessCase(task: "fresh-keys",
                         correct: "a = jax.random.normal(jax.random.fold_in(key, 1), shape=(3,))\nb = jax.random.normal(jax.random.fold_in(key, 2), shape=(3,))",
                         wrong: "a = jax.random.normal(key, (3,))\nb = jax.random.normal(key, (3,))",
                         message: "drawn with the same key"),
            FairnessCase(task: "leaky",
                         correct: "leaky = jax.jit(lambda x: jnp.maximum(x, 0.1 * x))",
                         wrong: "@jax.jit\ndef leaky(x):\n    return jnp.where(x > 0, 0.1 * x, x)",
                         message: "The two cases are swapped"),
            FairnessCase(task: "static-n",
                         correct: "power_jit = jax.jit(power, static_argnames='n')\npower_jit(2.0, n=10)",
                         wrong: "power_jit = jax.jit(power, static_argnums=0)\npower_jit(2.0, 10)",
                         message: "static_argnums counts from 0"),
            FairnessCase(task: "where-sum",
                         correct: "positive_sum_jit = jax.jit(lambda x: jnp.sum(jnp.maximum(x, 0.0)))",
                         wrong: "positive_sum_jit = jax.jit(positive_sum)",
                         message: "fails under jit"),
            FairnessCase(task: "double-where",
                         correct: """
                         def safer_sqrt(x):
                             ok = x > 0
                             return jnp.where(ok, jnp.sqrt(jnp.where(ok, x, 4.0)), 0.0)
                         """,
                         wrong: "def safer_sqrt(x):\n    return jnp.where(x <= 0, 0.0, jnp.sqrt(x))",
                         message: "still NaN"),
            FairnessCase(task: "enable-x64",
                         correct: "jax.config.update(\"jax_enable_x64\", True)\none = jnp.array(1.0, dtype=jnp.float64)\none + 1e-8 - one",
                         wrong: "jax.config.update('jax_enable_x64', True)\nprint(jnp.float32(1.0) + 1e-8 - 1.0)",
                         message: "Still 0"),
        ])
    }

    func testLessonFourVectorizationAndJacobians() throws {
        try LessonCheckFairness.check("04-vectorization-and-jacobians.md", [
            FairnessCase(task: "in-axes",
                         correct: "MV = jax.vmap(lambda column: jnp.dot(M, column), in_axes=1)(V)",
                         wrong: "MV = jax.vmap(jnp.dot, in_axes=(None, 1), out_axes=1)(M, V)",
                         message: "as columns again"),
            FairnessCase(task: "out-axes",
                         correct: "MV_cols = jax.vmap(lambda c: M @ c, in_axes=1, out_axes=1)(V)",
                         wrong: "MV_cols = jax.vmap(jnp.dot, in_axes=(None, 1))(M, V)",
                         message: "The results are still rows"),
            FairnessCase(task: "per-example",
                         correct: "per_example = jax.vmap(lambda x, y: jax.grad(loss_one)(params, x, y))(xs, targets)",
                         wrong: "per_example = jax.grad(batch_loss)(params, xs, targets)",
                         message: "one gradient for the whole batch"),
            FairnessCase(task: "fd-jacobian",
                         correct: """
                         def fd_jacobian(f, x, eps=1e-3):
                             basis = jnp.eye(x.shape[0])
                             differences = jax.vmap(lambda e: f(x + eps * e) - f(x - eps * e))(basis)
                             return differences.T / (2 * eps)
                         """,
                         wrong: """
                         def fd_jacobian(f, x, eps=1e-3):
                             return jax.vmap(lambda e: (f(x + eps * e) - f(x - eps * e)) / (2 * eps))(jnp.eye(len(x)))
                         """,
                         message: "came out transposed"),
            FairnessCase(task: "wide",
                         correct: "J_wide = jax.jacobian(summary)(w)",
                         wrong: "J_wide = jax.jacfwd(summary)(w)",
                         message: "use jax.jacrev"),
            FairnessCase(task: "hessian-energy",
                         correct: "H = jax.jacfwd(jax.grad(energy))(p)",
                         wrong: "H = jax.grad(energy)(p)",
                         message: "That is the gradient"),
        ])
    }

    func testLessonFiveControlFlowAndRandomNumbers() throws {
        try LessonCheckFairness.check("05-control-flow-and-random-numbers.md", [
            FairnessCase(task: "cond",
                         correct: """
                         def smooth_abs(x):
                             def near(v):
                                 return 0.5 * v * v
                             def far(v):
                                 return jnp.abs(v) - 0.5
                             return lax.cond(jnp.abs(x) >= 1, far, near, x)
                         """,
                         wrong: "def smooth_abs(x):\n    return lax.cond(jnp.abs(x) < 1, lambda v: jnp.abs(v) - 0.5, lambda v: v ** 2 / 2, x)",
                         message: "The branches are swapped"),
            FairnessCase(task: "switch",
                         correct: "activate = lambda kind, x: lax.switch(kind, (lambda v: jnp.where(v > 0, v, 0.0), jnp.tanh, lambda v: 1.0 * v), x)",
                         wrong: "def activate(kind, x):\n    return lax.switch(kind, [jnp.tanh, lambda v: jnp.maximum(v, 0.0), lambda v: v], x)",
                         message: "in the wrong order"),
            FairnessCase(task: "fori",
                         correct: "def body(i, acc):\n    return acc * (i + 1)\n\nprint(lax.fori_loop(0, 10, body, 1))",
                         wrong: "lax.fori_loop(1, 10, lambda i, acc: acc * i, 1)",
                         message: "That is 9!"),
            FairnessCase(task: "while",
                         correct: """
                         state = lax.while_loop(lambda s: s[1] > 1,
                                                lambda s: (s[0] + 1, jnp.where(s[1] % 2 == 1, 3 * s[1] + 1, s[1] // 2)),
                                                (0, 27))
                         state[0]
                         """,
                         wrong: """
                         def body(s):
                             n, count = s
                             return jnp.where(n % 2 == 0, n // 2, 3 * n + 1), count + 1
                         print(lax.while_loop(lambda s: s[0] != 1, body, (27, 1))[1])
                         """,
                         message: "112 counts the numbers visited"),
            FairnessCase(task: "scan",
                         correct: """
                         def ema(xs, alpha):
                             def body(carry, x):
                                 new = carry + (1 - alpha) * (x - carry)
                                 return new, new
                             _, out = lax.scan(body, xs[0], xs)
                             return out
                         """,
                         wrong: """
                         def ema(xs, alpha):
                             def body(carry, x):
                                 new = alpha * carry + (1 - alpha) * x
                                 return new, carry
                             return lax.scan(body, xs[0], xs)[1]
                         """,
                         message: "one step late"),
            FairnessCase(task: "random-walk",
                         correct: """
                         def random_walk(key, n):
                             def body(state, _):
                                 k, pos = state
                                 k, draw_key = jax.random.split(k)
                                 new_pos = pos + jax.random.normal(draw_key, ())
                                 return (k, new_pos), new_pos
                             return lax.scan(body, (key, jnp.float32(0)), jnp.arange(n))[1]
                         """,
                         wrong: """
                         def random_walk(key, n):
                             def step(carry, _):
                                 k, position = carry
                                 position = position + jax.random.normal(k)
                                 return (k, position), position
                             return lax.scan(step, (key, 0.0), None, length=n)[1]
                         """,
                         message: "Every step is the same size"),
            FairnessCase(task: "fold-in",
                         correct: "noise_at = lambda step: jax.random.normal(jax.random.fold_in(key, step), shape=(3,))",
                         wrong: "def noise_at(step):\n    return jax.random.normal(jax.random.key(step), (3,))",
                         message: "jax.random.fold_in(key, step)"),
        ])
    }
}
