#!/usr/bin/env bash
# OpenCV's T-API (Debian's python3-opencv) on gocl: eleven operations on
# UMat images must each run OpenCL kernels on gocl (no silent fallback to
# OpenCV's CPU code) and agree with the CPU code on plain arrays. Which
# kernels ran is seen through an OpenCL layer (tests/layer/kernlog.c) that
# logs every clEnqueueNDRangeKernel. OPENCV_OPENCL_DEVICE=:CPU: because
# OpenCV picks only GPUs by default (it does the same with PoCL).
set -u
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
$py -c 'import cv2' 2>/dev/null || { echo "FAILED: python3-opencv is not installed"; exit 1; }
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -Wall -shared -fPIC -o "$tmp/libkernlog.so" "$here/layer/kernlog.c" || { echo "FAILED: the layer does not build"; exit 1; }

cat >"$tmp/ops.py" <<'PY'
import os, sys
import numpy as np
import cv2

log = os.environ["KERNLOG_FILE"]
cv2.ocl.setUseOpenCL(True)
if not cv2.ocl.useOpenCL():
    print("FAILED: OpenCV does not use OpenCL")
    sys.exit(1)
dev = cv2.ocl.Device.getDefault()
print("device:", dev.name(), "|", dev.version())
if "gocl" not in dev.version():
    print("FAILED: the OpenCL device is not gocl's")
    sys.exit(1)

rng = np.random.default_rng(7)
gray = rng.integers(0, 256, (480, 640), dtype=np.uint8)
gray2 = rng.integers(0, 256, (480, 640), dtype=np.uint8)
bgr = rng.integers(0, 256, (480, 640, 3), dtype=np.uint8)
k3 = np.ones((3, 3), np.uint8)
M = np.float32([[1, 0.1, 3], [0.1, 1, 4]])

# name, function of (image, image2, colour image), the difference to the
# CPU code a pixel may have, the share of pixels that may differ by more
# (OpenCL and CPU code round interpolation and edge decisions differently)
ops = [
    ("add", lambda a, b, c: cv2.add(a, b), 0, 0),
    ("absdiff", lambda a, b, c: cv2.absdiff(a, b), 0, 0),
    ("addWeighted", lambda a, b, c: cv2.addWeighted(a, 0.3, b, 0.7, 5), 1, 0),
    ("threshold", lambda a, b, c: cv2.threshold(a, 127, 255, cv2.THRESH_BINARY)[1], 0, 0),
    ("GaussianBlur", lambda a, b, c: cv2.GaussianBlur(a, (5, 5), 1.5), 1, 0),
    ("resize", lambda a, b, c: cv2.resize(a, (320, 240)), 1, 0),
    ("cvtColor", lambda a, b, c: cv2.cvtColor(c, cv2.COLOR_BGR2GRAY), 1, 0),
    ("Canny", lambda a, b, c: cv2.Canny(cv2.GaussianBlur(a, (7, 7), 3), 20, 40), 0, 0.01),
    ("Sobel", lambda a, b, c: cv2.Sobel(a, cv2.CV_16S, 1, 0), 0, 0),
    ("erode", lambda a, b, c: cv2.erode(a, k3), 0, 0),
    ("warpAffine", lambda a, b, c: cv2.warpAffine(a, M, (640, 480)), 1, 0.002),
]
failed = 0
for name, f, tol, share in ops:
    with open(log, "a") as fh:
        fh.write("## %s\n" % name)
    try:
        got = f(cv2.UMat(gray), cv2.UMat(gray2), cv2.UMat(bgr)).get()
        cv2.ocl.finish()
    except Exception as e:
        print("FAILED: %s raised %s" % (name, str(e)[:300]))
        failed = 1
        continue
    want = f(gray, gray2, bgr)
    diff = np.abs(got.astype(np.int32) - want.astype(np.int32)) if got.shape == want.shape else None
    bad = 1.0 if diff is None else np.count_nonzero(diff > tol) / diff.size
    close = bad <= share
    print("%s: %s (%.4f%% of pixels differ by more than %d)" % (name, "ok" if close else "FAILED", 100 * bad, tol))
    failed |= not close
sys.exit(failed)
PY

export KERNLOG_FILE=$tmp/kernels.log
: >"$KERNLOG_FILE"
OPENCL_LAYERS=$tmp/libkernlog.so OPENCV_OPENCL_DEVICE=:CPU: OPENCV_OPENCL_CACHE_ENABLE=0 \
	timeout 300 $py "$tmp/ops.py"
fail=$?
# Every operation launched at least one kernel, and every launch succeeded.
awk '
	/^## / { if (op != "" && n == 0) { print "FAILED: " op " ran no OpenCL kernel (OpenCV fell back to its CPU code)"; bad = 1 }
	         op = $2; n = 0; next }
	{ n++; if ($2 != 0) { print "FAILED: " op ": kernel " $1 " failed to enqueue (" $2 ")"; bad = 1 } else print op ": kernel " $1 }
	END { if (op != "" && n == 0) { print "FAILED: " op " ran no OpenCL kernel (OpenCV fell back to its CPU code)"; bad = 1 }
	      if (op == "") { print "FAILED: nothing was logged"; bad = 1 }
	      exit bad }' "$KERNLOG_FILE" | sort -u
[ "${PIPESTATUS[0]}" -eq 0 ] || fail=1
exit $fail
