"""pyopencl.scan: inclusive and exclusive prefix sums (several sizes and
types, a custom operator), a segmented scan through GenericScanKernel,
and pyopencl.algorithm's copy_if built on it, against numpy."""
import numpy as np
import pyopencl.array as cla
from pyopencl.algorithm import RadixSort, copy_if
from pyopencl.bitonic_sort import BitonicSort
from pyopencl.scan import ExclusiveScanKernel, GenericScanKernel, InclusiveScanKernel

from common import Step, close, context, done, equal

ctx, q = context()
rng = np.random.default_rng(2)

with Step("int32 inclusive and exclusive sum"):
    inc = InclusiveScanKernel(ctx, np.int32, "a+b", neutral="0")
    exc = ExclusiveScanKernel(ctx, np.int32, "a+b", "0")
    # sizes: one element, below and above one work-group's share, and
    # large enough for the multi-level (two-pass) scan
    for n in (1, 7, 255, 1000, 4097, 1_000_003):
        h = rng.integers(-100, 100, n).astype(np.int32)
        d = cla.to_device(q, h)
        inc(d)
        equal(d.get(), np.cumsum(h, dtype=np.int32), f"inclusive sum, n={n}")
        d = cla.to_device(q, h)
        exc(d)
        want = np.concatenate(([0], np.cumsum(h, dtype=np.int32)[:-1])).astype(np.int32)
        equal(d.get(), want, f"exclusive sum, n={n}")

with Step("float64 and int64 inclusive sums, into a separate output"):
    n = 300_001
    h = rng.random(n)
    d = cla.to_device(q, h)
    out = cla.empty_like(d)
    InclusiveScanKernel(ctx, np.float64, "a+b", neutral="0")(d, out)
    close(out.get(), np.cumsum(h), "float64 inclusive sum", rtol=1e-9)
    close(d.get(), h, "input left alone")
    hl = rng.integers(0, 2**33, n).astype(np.int64)
    dl = cla.to_device(q, hl)
    InclusiveScanKernel(ctx, np.int64, "a+b", neutral="0")(dl)
    equal(dl.get(), np.cumsum(hl), "int64 inclusive sum")

with Step("inclusive max scan"):
    n = 100_000
    h = rng.integers(-10**9, 10**9, n).astype(np.int32)
    d = cla.to_device(q, h)
    InclusiveScanKernel(ctx, np.int32, "max(a, b)", neutral="INT_MIN")(d)
    equal(d.get(), np.maximum.accumulate(h), "inclusive max")

with Step("float32 exclusive sum"):
    n = 65_537
    h = rng.integers(0, 8, n).astype(np.float32)  # exact in float32
    d = cla.to_device(q, h)
    ExclusiveScanKernel(ctx, np.float32, "a+b", "0")(d)
    equal(d.get(), np.concatenate(([0], np.cumsum(h)[:-1])).astype(np.float32), "float32 exclusive sum")

with Step("segmented scan (GenericScanKernel)"):
    n = 200_000
    h = rng.integers(1, 10, n).astype(np.int32)
    flags = (rng.random(n) < 0.01).astype(np.uint8)
    flags[0] = 1
    seg = GenericScanKernel(
        ctx, np.int32,
        arguments="__global int *ary, __global unsigned char *segflags, __global int *out",
        input_expr="ary[i]",
        scan_expr="across_seg_boundary ? b : (a+b)", neutral="0",
        is_segment_start_expr="segflags[i]",
        output_statement="out[i] = item;")
    d, f, o = cla.to_device(q, h), cla.to_device(q, flags), cla.empty(q, n, np.int32)
    seg(d, f, o)
    want = np.empty(n, np.int32)
    starts = np.flatnonzero(flags).tolist() + [n]
    for s, e in zip(starts[:-1], starts[1:]):
        want[s:e] = np.cumsum(h[s:e])
    equal(o.get(), want, "segmented inclusive sum")

with Step("copy_if (stream compaction)"):
    n = 500_000
    h = rng.integers(0, 1000, n).astype(np.int32)
    d = cla.to_device(q, h)
    res, count, _ = copy_if(d, "ary[i] % 7 == 3")
    k = int(count.get())
    want = h[h % 7 == 3]
    equal(np.int64(k), np.int64(len(want)), "copy_if count")
    equal(res.get()[:k], want, "copy_if elements in order")

with Step("RadixSort (scan based)"):
    n = 200_000
    h = rng.integers(0, 2**31, n).astype(np.int32)
    sort = RadixSort(ctx, "int *ary", key_expr="ary[i]", sort_arg_names=["ary"])
    (res,), _ = sort(cla.to_device(q, h), key_bits=31)
    equal(res.get(), np.sort(h), "radix sort of 200000 int32")

with Step("BitonicSort"):
    n = 1 << 16
    h = rng.random(n).astype(np.float32)
    d = cla.to_device(q, h)
    BitonicSort(ctx)(d)
    equal(d.get(), np.sort(h), "bitonic sort of 65536 float32")

done()
