/// The start both benchmark scripts share: the imports of their flavour (`jax` for jaxlab and
/// JAX, `numpy`), `best(f)` (seconds per call: calls grown until a loop takes 20 ms, then the
/// best of `rounds` loops) and `measure`, which prints `key<TAB>size<TAB>seconds` (-1 when the
/// call failed).
enum BenchPrelude {
    static func lines(numpy: Bool) -> [String] {
        [
            "import time",
            numpy ? "import numpy as np" : "import jax\nimport jax.numpy as jnp",
            """
            def best(f, rounds=3):
                f()
                calls = 1
                while True:
                    t = time.perf_counter()
                    for _ in range(calls):
                        f()
                    elapsed = time.perf_counter() - t
                    if elapsed > 0.02 or calls >= 4096:
                        break
                    calls *= 4
                result = elapsed / calls
                for _ in range(rounds):
                    t = time.perf_counter()
                    for _ in range(calls):
                        f()
                    result = min(result, (time.perf_counter() - t) / calls)
                return result

            def measure(name, n, f):
                try:
                    seconds = best(f)
                except Exception:
                    seconds = -1.0
                print(f"{name}\\t{n}\\t{seconds}")

            """,
        ]
    }
}
