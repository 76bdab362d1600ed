"""pyopencl.clrandom: Philox and Threefry generators. Uniform and normal
floats (float32, float64) are checked by their statistics (range, mean,
variance, a histogram, correlation of neighbours); Philox's 32-bit
integers bit for bit against a numpy Philox4x32-10, itself checked
against Random123's known answer."""
import numpy as np
import pyopencl.array as cla
import pyopencl.clrandom as clrandom
from pyopencl.array import _splay

from common import Step, check, context, done, equal

ctx, q = context()
dev = q.device

M0, M1, W0, W1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57), np.uint32(0x9E3779B9), np.uint32(0xBB67AE85)
MASK = np.uint64(0xFFFFFFFF)


def philox4x32_10(ctr, key):
    """ctr: (n, 4) uint32, key: (n, 2) uint32 -> (n, 4) uint32."""
    c = [ctr[:, i].astype(np.uint64) for i in range(4)]
    k0, k1 = key[:, 0].copy(), key[:, 1].copy()
    for r in range(10):
        if r:
            k0 = k0 + W0
            k1 = k1 + W1
        p0, p1 = M0 * c[0], M1 * c[2]
        hi0, lo0, hi1, lo1 = p0 >> np.uint64(32), p0 & MASK, p1 >> np.uint64(32), p1 & MASK
        c = [hi1 ^ c[1] ^ k0.astype(np.uint64), lo1, hi0 ^ c[3] ^ k1.astype(np.uint64), lo0]
    return np.stack([x.astype(np.uint32) for x in c], axis=1)


def expected_philox_int32(n, k1, counter, lo, hi):
    """What rng_gen_philox4x32_uniform writes for an int32 array of n
    elements (see pyopencl/clrandom.py): work item g uses key {g, k1} and
    writes 4 numbers per counter value at g*4 + j*4*global_size."""
    (gsize,), _ = _splay(dev, n)
    scale = hi - lo
    out = np.empty(n, np.int64)
    gids = np.arange(gsize, dtype=np.uint32)
    key = np.stack([gids, np.full(gsize, k1 & 0xFFFFFFFF, np.uint32)], axis=1)
    ctr = np.tile(np.array([c & 0xFFFFFFFF for c in counter], np.uint32), (gsize, 1))
    j = 0
    while True:
        bits = philox4x32_10(ctr, key).astype(np.int64)
        vals = lo + (bits * scale) // 2**32  # convert_long4(gen) * scale / 2^32
        base = gids.astype(np.int64) * 4 + j * 4 * gsize
        for e in range(4):
            idx = base + e
            ok = idx < n
            out[idx[ok]] = vals[ok, e]
        if base.min() >= n:
            break
        ctr[:, 0] += np.uint32(1)  # no carry within a test this small
        j += 1
    return out.astype(np.int32)


with Step("numpy Philox4x32-10 reference (Random123 known answers)"):
    kat = philox4x32_10(np.zeros((1, 4), np.uint32), np.zeros((1, 2), np.uint32))
    equal(kat[0], np.array([0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8], np.uint32), "KAT zeros")
    kat = philox4x32_10(np.full((1, 4), 0xFFFFFFFF, np.uint32), np.full((1, 2), 0xFFFFFFFF, np.uint32))
    equal(kat[0], np.array([0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD], np.uint32), "KAT ones")

with Step("Philox int32, bit for bit"):
    for n, lo, hi in ((1000, 0, 1000), (123_457, -1000, 2**31 - 1001)):
        gen = clrandom.PhiloxGenerator(ctx, seed=42)
        key, counter = list(gen.key), list(gen.counter)
        got = gen.uniform(q, n, np.int32, a=lo, b=hi).get()
        equal(got, expected_philox_int32(n, key[0], counter, lo, hi), f"Philox int32 [{lo},{hi}), n={n}")

def stats_check(x, what, mean, var, lo=None, hi=None):
    n = x.size
    x64 = x.astype(np.float64)
    check(np.all(np.isfinite(x64)), f"{what}: all finite")
    if lo is not None:
        check(x64.min() >= lo and x64.max() <= hi, f"{what}: within [{lo}, {hi}] (got [{x64.min()}, {x64.max()}])")
    sd = np.sqrt(var)
    m = x64.mean()
    # 6 standard errors: a correct generator fails this once in ~10^9 runs
    check(abs(m - mean) < 6 * sd / np.sqrt(n), f"{what}: mean {m}, want {mean}")
    v = x64.var()
    check(abs(v - var) < 6 * var * np.sqrt(2.0 / n) * 2, f"{what}: variance {v}, want {var}")
    r = np.corrcoef(x64[:-1], x64[1:])[0, 1]
    check(abs(r) < 6 / np.sqrt(n), f"{what}: neighbour correlation {r}")


N = 1 << 20
for name, cls in (("Philox", clrandom.PhiloxGenerator), ("Threefry", clrandom.ThreefryGenerator)):
    for dt in (np.float32, np.float64):
        with Step(f"{name} {dt.__name__} uniform"):
            gen = cls(ctx, seed=7)
            x = gen.uniform(q, N, dt, a=-2, b=3).get()
            check(x.dtype == dt, f"{name} {dt.__name__}: dtype")
            stats_check(x, f"{name} {dt.__name__} uniform(-2,3)", 0.5, 25 / 12, -2, 3)
            counts, _ = np.histogram(x, bins=50, range=(-2, 3))
            expect = N / 50
            chi2 = float(((counts - expect) ** 2 / expect).sum())
            # 49 degrees of freedom: P(chi2 > 110) < 1e-6
            check(chi2 < 110, f"{name} {dt.__name__} uniform histogram chi2 {chi2:.1f}")
            y = gen.uniform(q, N, dt, a=-2, b=3).get()
            check(not np.array_equal(x, y), f"{name} {dt.__name__}: the next call gives new numbers")
            z = cls(ctx, seed=7).uniform(q, N, dt, a=-2, b=3).get()
            equal(z, x, f"{name} {dt.__name__}: the same seed gives the same numbers")
        with Step(f"{name} {dt.__name__} normal"):
            gen = cls(ctx, seed=11)
            x = gen.normal(q, N, dt, mu=1.5, sigma=2.0).get()
            stats_check(x, f"{name} {dt.__name__} normal(1.5, 2)", 1.5, 4.0)
            # fraction within one sigma: 0.682689
            frac = np.mean(np.abs(x.astype(np.float64) - 1.5) < 2.0)
            check(abs(frac - 0.682689) < 6 * np.sqrt(0.6827 * 0.3173 / N), f"{name} {dt.__name__} normal: {frac} within 1 sigma")
            z = x.astype(np.float64)
            skew = np.mean(((z - z.mean()) / z.std()) ** 3)
            kurt = np.mean(((z - z.mean()) / z.std()) ** 4)
            check(abs(skew) < 0.02 and abs(kurt - 3) < 0.05, f"{name} {dt.__name__} normal: skew {skew:.4f}, kurtosis {kurt:.4f}")

with Step("clrandom.rand and int64"):
    x = clrandom.rand(q, (1000, 500), np.float32).get()
    check(x.shape == (1000, 500), "rand shape")
    stats_check(x.ravel(), "rand float32", 0.5, 1 / 12, 0, 1)
    gen = clrandom.PhiloxGenerator(ctx, seed=3)
    # (pyopencl's int64 formula is only right for ranges below 2^32)
    li = gen.uniform(q, N, np.int64, a=-5, b=10**6 - 5).get()
    check(li.dtype == np.int64, "int64 dtype")
    stats_check(li, "Philox int64 uniform [-5, 10^6-5)", 10**6 / 2 - 5.5, (10**6) ** 2 / 12, -5, 10**6 - 6)

done()
