# Cases for Python's complex numbers and cmath (issue 16), recorded from CPython 3.11 with
# record_python.py.

# %% literals_and_printing
print(1j, 2.5j, 1e3j, 0j, 1 + 2j, 1 - 2j, -1j, 3 + 0j, -0.0 + 1j, (1e20 + 1j), 1j * 1j, 0.1 + 0.2j)
print(repr(2 + 3j), str(2 + 3j), [1j, 2 + 2j], f'{1 + 2j}', f'{1.5 + 2j:.2f}', f'{2j:>10}', format(1 + 2j, '.3e'))
print(complex(1, 2), complex(3), complex(), complex('1+2j'), complex(' (3-4j) '), complex('j'), complex('-1.5e2j'), complex(1j, 1j))
print(type(1j), isinstance(1j, complex), type(1j).__name__, complex(float('inf'), float('nan')), -(1 + 1j))

# %% arithmetic
a, b = 3 + 4j, 1 - 2j
print(a + b, a - b, a * b, a / b, a ** 2, a ** 0.5, a ** b, 2 ** a, a + 1, 1 + a, a * 2.5, 2.5 * a, a - True)
print(abs(a), abs(-2j), a.real, a.imag, a.conjugate(), (1j).real, (5).imag, (2.5).imag, (7).conjugate())
print((1 + 2j) ** -1, (1j) ** 3, (2 + 0j) ** 10, (-1) ** 0.5, (-8) ** (1 / 3), 4 ** 0.5)
x = 1 + 1j
x += 1
x *= 1j
print(x, sum([1j, 2, 3.5]), sum(c.real for c in [a, b]))

# %% comparisons_and_hashing
print(1 + 0j == 1, 2j == 2j, 1j != 1, (1 + 0j) == 1.0, hash(1 + 0j) == hash(1), {1: 'int'}[1 + 0j], 1j in [1j], bool(0j), bool(1j))
for bad in [lambda: 1j < 2j, lambda: 1j > 1, lambda: 1j // 2, lambda: 1j % 2, lambda: int(1j), lambda: float(1j), lambda: round(1j)]:
    try:
        bad()
    except TypeError as e:
        print('TypeError:', e)

# %% errors
for bad in [lambda: 1j / 0, lambda: (0j) ** -1, lambda: 0 ** 1j, lambda: complex('abc'), lambda: complex('1+'),
            lambda: complex('1', 2), lambda: complex(1, '2'), lambda: complex([]), lambda: 10 ** 400 * 1j]:
    try:
        print(bad())
    except (ZeroDivisionError, ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)

# %% cmath_functions
import cmath
print(cmath.sqrt(-1), cmath.sqrt(-4 + 0j), cmath.sqrt(2j), cmath.exp(1j * cmath.pi), cmath.log(-1), cmath.log10(100j))
print(cmath.phase(-1), cmath.phase(1j), cmath.polar(1 + 1j), cmath.rect(2, cmath.pi / 2), abs(cmath.rect(1, 1)))
print(cmath.sin(1 + 1j), cmath.cos(1j), cmath.tan(0.5 + 0.5j), cmath.sinh(1j), cmath.cosh(1), cmath.tanh(2 - 1j))
print(cmath.asin(2), cmath.acos(0.5j), cmath.atan(1 + 1j), cmath.asinh(1j), cmath.acosh(0.5), cmath.atanh(0.5 + 0.5j))
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isfinite(1j), cmath.isinf(cmath.infj), cmath.isnan(cmath.nanj), cmath.pi, cmath.e)
print(cmath.log(8, 2), cmath.exp(0), cmath.sqrt(4))
try:
    cmath.log(0)
except ValueError as e:
    print('ValueError', e)
