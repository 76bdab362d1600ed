"""pyopencl.array: elementwise arithmetic, math functions, comparisons,
conversions and the reductions (sum, dot, min, max), each against numpy."""
import numpy as np
import pyopencl.array as cla
import pyopencl.clmath as clmath

from common import Step, check, close, context, done, equal

ctx, q = context()
rng = np.random.default_rng(1)
N = 100_003  # not a multiple of any work-group size

for dt in (np.float32, np.float64):
    tol = 1e-6 if dt == np.float32 else 1e-13
    a = (rng.random(N) * 10 - 5).astype(dt)
    b = (rng.random(N) * 10 + 1).astype(dt)
    with Step(f"{dt.__name__} arithmetic"):
        da, db = cla.to_device(q, a), cla.to_device(q, b)
        close((da + db).get(), a + b, f"{dt.__name__} a+b", rtol=tol)
        close((da - db).get(), a - b, f"{dt.__name__} a-b", rtol=tol)
        close((da * db).get(), a * b, f"{dt.__name__} a*b", rtol=tol)
        close((da / db).get(), a / b, f"{dt.__name__} a/b", rtol=tol)
        close((2 * da + 3).get(), 2 * a + 3, f"{dt.__name__} 2a+3", rtol=tol)
        close((1 / db).get(), 1 / b, f"{dt.__name__} 1/b", rtol=tol)
        close((-da).get(), -a, f"{dt.__name__} -a")
        close(abs(da).get(), abs(a), f"{dt.__name__} abs(a)")
        close((db ** 2).get(), b ** 2, f"{dt.__name__} b**2", rtol=tol)
        close((db ** da).get(), b ** a, f"{dt.__name__} b**a", rtol=10 * tol)
        close(cla.maximum(da, db).get(), np.maximum(a, b), f"{dt.__name__} maximum")
        close(cla.minimum(da, db).get(), np.minimum(a, b), f"{dt.__name__} minimum")
        close(cla.if_positive(da, da, db).get(), np.where(a > 0, a, b), f"{dt.__name__} if_positive")
        dc = da.copy()
        dc += db
        dc *= 2
        close(dc.get(), (a + b) * 2, f"{dt.__name__} in-place", rtol=tol)
        equal((da < db).get(), (a < b).astype(np.int8), f"{dt.__name__} a<b")
        equal((da == da).get(), np.ones(N, np.int8), f"{dt.__name__} a==a")
    with Step(f"{dt.__name__} clmath"):
        da, db = cla.to_device(q, a), cla.to_device(q, b)
        # The OpenCL C ulp limits: 4 for sin/cos/exp/log, 3 for sqrt in
        # single precision; well inside these relative tolerances.
        mt = 4e-6 if dt == np.float32 else 1e-14
        for name, fn, x in (("sin", np.sin, a), ("cos", np.cos, a), ("tan", np.tan, a / 4),
                            ("exp", np.exp, a), ("log", np.log, b), ("log10", np.log10, b),
                            ("sqrt", np.sqrt, b), ("atan", np.arctan, a), ("tanh", np.tanh, a),
                            ("asin", np.arcsin, a / 5), ("acos", np.arccos, a / 5),
                            ("sinh", np.sinh, a), ("cosh", np.cosh, a), ("exp10", lambda v: 10.0 ** v, a / 2),
                            ("fabs", np.fabs, a), ("floor", np.floor, a), ("ceil", np.ceil, a),
                            ("round", lambda v: np.trunc(v + np.copysign(0.5, v)), a), ("trunc", np.trunc, a),
                            ("cbrt", np.cbrt, a), ("log1p", np.log1p, b), ("expm1", np.expm1, a)):
            dx = cla.to_device(q, x.astype(dt))
            close(getattr(clmath, name)(dx).get(), fn(x.astype(dt)), f"{dt.__name__} clmath.{name}", rtol=mt, atol=mt)
        close(clmath.atan2(da, db).get(), np.arctan2(a, b), f"{dt.__name__} clmath.atan2", rtol=mt)
        close(clmath.fmod(da, db).get(), np.fmod(a, b), f"{dt.__name__} clmath.fmod", rtol=mt, atol=mt)
        m, e = clmath.frexp(db)
        mh, eh = np.frexp(b)
        close(m.get(), mh, f"{dt.__name__} clmath.frexp mantissa")
        close(e.get(), eh, f"{dt.__name__} clmath.frexp exponent")
        close(clmath.ldexp(da, cla.to_device(q, np.full(N, 3, dt))).get(), a * 8, f"{dt.__name__} clmath.ldexp")
    with Step(f"{dt.__name__} reductions"):
        da, db = cla.to_device(q, a), cla.to_device(q, b)
        close(cla.sum(da).get(), a.astype(np.float64).sum(), f"{dt.__name__} sum", rtol=1e-4 if dt == np.float32 else 1e-10)
        close(cla.dot(da, db).get(), a.astype(np.float64) @ b, f"{dt.__name__} dot", rtol=1e-4 if dt == np.float32 else 1e-10)
        close(cla.max(da).get(), a.max(), f"{dt.__name__} max")
        close(cla.min(da).get(), a.min(), f"{dt.__name__} min")
        close(cla.sum(db[1000:5000]).get(), b[1000:5000].astype(np.float64).sum(), f"{dt.__name__} sum of a slice", rtol=1e-5)
        idx = rng.integers(0, N, 777).astype(np.int32)
        close(cla.subset_dot(cla.to_device(q, idx), da, db).get(), a[idx].astype(np.float64) @ b[idx],
              f"{dt.__name__} subset_dot", rtol=1e-4)

with Step("integer arithmetic"):
    ia = rng.integers(-1_000_000, 1_000_000, N).astype(np.int32)
    ib = rng.integers(1, 1000, N).astype(np.int32)
    da, db = cla.to_device(q, ia), cla.to_device(q, ib)
    equal((da + db).get(), ia + ib, "int32 a+b")
    equal((da * db).get(), ia * ib, "int32 a*b")
    equal((da - db).get(), ia - ib, "int32 a-b")
    equal((da * 3 + 5).get(), ia * 3 + 5, "int32 3a+5")
    equal((da & db).get(), ia & ib, "int32 a&b")
    equal((da | db).get(), ia | ib, "int32 a|b")
    equal((da ^ db).get(), ia ^ ib, "int32 a^b")
    equal(cla.sum(da).get(), ia.astype(np.int64).sum().astype(np.int32), "int32 sum")
    equal(cla.max(da).get(), ia.max(), "int32 max")
    equal(cla.min(da).get(), ia.min(), "int32 min")
    la = rng.integers(-2**40, 2**40, N).astype(np.int64)
    dl = cla.to_device(q, la)
    equal(cla.sum(dl).get(), la.sum(), "int64 sum")
    equal((dl * 3 - 7).get(), la * 3 - 7, "int64 3a-7")
    ua = rng.integers(0, 2**32, N, dtype=np.uint64).astype(np.uint32)
    du = cla.to_device(q, ua)
    equal(cla.max(du).get(), ua.max(), "uint32 max")

with Step("construction and conversion"):
    equal(cla.arange(q, 0, N, 1, dtype=np.int32).get(), np.arange(N, dtype=np.int32), "arange int32")
    close(cla.arange(q, 0.5, 100.5, 0.25, dtype=np.float32).get(), np.arange(0.5, 100.5, 0.25, dtype=np.float32), "arange float32")
    z = cla.zeros(q, N, np.float32)
    z.fill(2.5)
    close(z.get(), np.full(N, 2.5, np.float32), "fill")
    f = (rng.random(N) * 2000 - 1000).astype(np.float32)
    df = cla.to_device(q, f)
    equal(df.astype(np.int32).get(), f.astype(np.int32), "float32 -> int32 (truncation)")
    close(df.astype(np.float64).get(), f.astype(np.float64), "float32 -> float64")
    close(cla.to_device(q, ia).astype(np.float32).get(), ia.astype(np.float32), "int32 -> float32")
    s = df.reshape(7, N // 7) if N % 7 == 0 else df[: (N // 7) * 7].reshape(7, N // 7)
    close((s * 2).get(), f[: (N // 7) * 7].reshape(7, N // 7) * 2, "2-D view arithmetic")
    close((df[5:100] + 1).get(), f[5:100] + 1, "slice arithmetic")

with Step("complex64"):
    c = (rng.random(1000) + 1j * rng.random(1000)).astype(np.complex64)
    d = (rng.random(1000) + 1j * rng.random(1000)).astype(np.complex64)
    dc, dd = cla.to_device(q, c), cla.to_device(q, d)
    close((dc * dd).get(), c * d, "complex64 a*b", rtol=1e-5)
    close((dc / dd).get(), c / d, "complex64 a/b", rtol=1e-5)
    close(cla.sum(dc).get(), c.sum(), "complex64 sum", rtol=1e-5)

done()
