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
}
