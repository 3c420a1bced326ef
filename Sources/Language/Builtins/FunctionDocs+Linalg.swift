/// Help for `jnp.linalg`'s factorisations, kept apart by concept.
extension FunctionDocs {
    static let linalgEntries: [String: Entry] = [
        "jax.numpy.linalg.cholesky": Entry(signature: "cholesky(a, *, upper=False, symmetrize_input=True)",
                                           summary: "The lower Cholesky factor L of a symmetric positive-definite a (a = L @ L.T), by LAPACK's potrf; upper=True gives L.T. NaN where a is not positive definite."),
        "jax.numpy.linalg.qr": Entry(signature: "qr(a, mode='reduced')",
                                     summary: "Q with orthonormal columns and upper-triangular R with a = Q @ R, by LAPACK's geqrf and orgqr. mode is 'reduced', 'complete' or 'r' (R alone)."),
        "jax.numpy.linalg.eigh": Entry(signature: "eigh(a, UPLO=None, symmetrize_input=True)",
                                       summary: "The eigenvalues (ascending) and eigenvectors (columns) of a symmetric a, by LAPACK's syevd, as EighResult(eigenvalues, eigenvectors)."),
        "jax.numpy.linalg.svd": Entry(signature: "svd(a, full_matrices=True, compute_uv=True, hermitian=False, subset_by_index=None)",
                                      summary: "a = U @ diag(S) @ Vh by LAPACK's gesdd, as SVDResult(U, S, Vh), singular values descending; compute_uv=False gives S alone."),
        "jax.numpy.linalg.det": Entry(signature: "det(a)",
                                      summary: "The determinant of each (..., n, n) matrix: closed forms for 2x2 and 3x3 (as JAX), else from the LU factors."),
        "jax.numpy.linalg.slogdet": Entry(signature: "slogdet(a, *, method=None)",
                                          summary: "SlogdetResult(sign, logabsdet) of each square matrix, from the LU factors: safe where det itself would overflow."),
        "jax.numpy.linalg.solve": Entry(signature: "solve(a, b)",
                                        summary: "x with a @ x = b, for b a vector (..., n) or matrices (..., n, k), by LU with partial pivoting and two triangular solves."),
        "jax.numpy.linalg.inv": Entry(signature: "inv(a)", summary: "The inverse of each square matrix: solve(a, eye)."),
    ]
}
