#!/usr/bin/env bash
# FFmpeg's OpenCL filters (Debian's ffmpeg, built with --enable-opencl) on
# gocl: each filter runs through the loader on gocl's device, and its
# frames must agree with
#   - FFmpeg's CPU filter of the same operation, exactly, where the two
#     compute the same thing (morphology, transpose, pad, overlay, an
#     inverting program_opencl kernel against negate, an openclsrc ramp
#     against geq's);
#   - the same OpenCL filter on PoCL (the compatibility bar), within one
#     level in a small share of pixels, for the filters whose arithmetic
#     is floating point (blurs, edge operators, convolution, unsharp,
#     non-local means, colour key, cross fade, remap, deshake): implementations
#     may round image reads and writes differently, nothing more.
# deshake's motion search amplifies such differences into a different
# motion estimate when the scene moves, so it is compared on a still one.
set -u
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
command -v ffmpeg >/dev/null || { echo "FAILED: ffmpeg is not installed"; exit 1; }
ffmpeg -hide_banner -filters 2>/dev/null | grep -q avgblur_opencl || { echo "FAILED: this ffmpeg has no OpenCL filters"; exit 1; }
pocl=/etc/OpenCL/vendors/pocl.icd
[ -f "$pocl" ] || { echo "FAILED: PoCL (pocl-opencl-icd), the reference, is not installed"; exit 1; }
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
gocl=$OCL_ICD_VENDORS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

ff() { ffmpeg -nostdin -hide_banner -loglevel error "$@"; }
# 3 frames of a moving test pattern; 2 in a size that is no multiple of a
# work-group's; one frame held for 6 frames
ff -f lavfi -i testsrc2=size=320x240:rate=5 -frames:v 3 -pix_fmt yuv420p -y moving.y4m || { echo "FAILED: no input"; exit 1; }
ff -f lavfi -i testsrc2=size=318x238:rate=5 -frames:v 2 -pix_fmt yuv420p -y odd.y4m || { echo "FAILED: no input"; exit 1; }
ff -i moving.y4m -vf "select=eq(n\,1),loop=loop=5:size=1:start=0,setpts=N/5/TB" -frames:v 6 -pix_fmt yuv420p -y still.y4m || { echo "FAILED: no input"; exit 1; }
# maps for remap: x as is, y mirrored (16-bit values)
ff -f lavfi -i "nullsrc=s=320x240:d=0.6,format=gray16le,geq=lum=X" -frames:v 3 -c:v rawvideo -pix_fmt gray16le -y xmap.nut || { echo "FAILED: no map"; exit 1; }
ff -f lavfi -i "nullsrc=s=320x240:d=0.6,format=gray16le,geq=lum=239-Y" -frames:v 3 -c:v rawvideo -pix_fmt gray16le -y ymap.nut || { echo "FAILED: no map"; exit 1; }
cat >ramp.cl <<'CL'
__kernel void ramp(__write_only image2d_t dst, unsigned int index)
{
    int2 at = (int2)(get_global_id(0), get_global_id(1));
    float v = (float)((at.x + at.y + (int)index) & 255) / 255.0f;
    write_imagef(dst, at, (float4)(v, v, v, 1.0f));
}
CL
cat >invert.cl <<'CL'
__kernel void invert(__write_only image2d_t dst, unsigned int index, __read_only image2d_t src)
{
    const sampler_t s = CLK_NORMALIZED_COORDS_FALSE | CLK_FILTER_NEAREST;
    int2 at = (int2)(get_global_id(0), get_global_id(1));
    write_imagef(dst, at, (float4)(1.0f) - read_imagef(src, s, at));
}
CL

# set_inputs KIND INPUT: the arguments of FFmpeg's inputs for a filter of
# KIND (below), in the array inputs.
set_inputs() {
	inputs=(-i "$2")
	case $1 in
	two) inputs+=(-i "$2") ;;
	maps) inputs+=(-i xmap.nut -i ymap.nut) ;;
	source) inputs=(-frames:v 2) ;;
	esac
}

# opencl ICD OUT INPUT KIND FILTER: FFmpeg with an OpenCL device on ICD
# runs FILTER on frames uploaded to it, raw frames to OUT. KIND: yuv (one
# input), two (the input and its negative), rgba (one input in RGBA),
# maps (the input and the remap maps), source (FILTER makes 2 RGBA frames).
opencl() {
	local icd=$1 out=$2 in=$3 kind=$4 filter=$5 inputs graph
	set_inputs "$kind" "$in"
	case $kind in
	source) graph="$filter,hwdownload,format=rgba" ;;
	yuv) graph="[0:v]format=yuv420p,hwupload,$filter,hwdownload,format=yuv420p" ;;
	rgba) graph="[0:v]format=rgba,hwupload,$filter,hwdownload,format=rgba" ;;
	maps)
		graph="[0:v]format=yuv420p,hwupload[a];[1:v]format=gray16le,hwupload[x];[2:v]format=gray16le,hwupload[y];[a][x][y]$filter,hwdownload,format=yuv420p"
		;;
	two)
		graph="[0:v]format=yuv420p,hwupload[a];[1:v]format=yuv420p,negate,hwupload[b];[a][b]$filter,hwdownload,format=yuv420p"
		;;
	esac
	OCL_ICD_VENDORS=$icd timeout 300 ffmpeg -nostdin -hide_banner -loglevel error \
		-init_hw_device opencl=ocl:0.0 -filter_hw_device ocl "${inputs[@]}" \
		-filter_complex "$graph" -f rawvideo -y "$out"
}

# compare A B MAXDIFF SHARE: at most SHARE of the bytes differ, by at most MAXDIFF
compare() {
	$py - "$@" <<'PY'
import sys
import numpy as np
a, b = (np.fromfile(f, np.uint8).astype(np.int32) for f in sys.argv[1:3])
most, share = int(sys.argv[3]), float(sys.argv[4])
if a.size == 0 or a.size != b.size:
    print("sizes %d and %d" % (a.size, b.size))
    sys.exit(1)
d = np.abs(a - b)
off = np.count_nonzero(d) / d.size
print("max difference %d, %.3f%% of %d bytes differ" % (d.max(), 100 * off, d.size))
sys.exit(0 if d.max() <= most and off <= share else 1)
PY
}

failed=0
# name | input | kind | OpenCL filter | CPU graph of the same result on the
# same inputs (none: PoCL is the reference)
while IFS='|' read -r name in kind filter cpu; do
	[ -n "$name" ] || continue
	if ! opencl "$gocl" "$name.gocl" "$in.y4m" "$kind" "$filter" 2>"$name.err"; then
		echo "$name: FAILED on gocl: $(head -c 400 "$name.err")"
		failed=1
		continue
	fi
	if [ -n "$cpu" ]; then
		set_inputs "$kind" "$in.y4m"
		ff "${inputs[@]}" -filter_complex "$cpu" -f rawvideo -y "$name.cpu" || { echo "$name: FAILED: the CPU filter did not run"; failed=1; continue; }
		if r=$(compare "$name.gocl" "$name.cpu" 0 0); then echo "$name: ok, as FFmpeg's CPU filter ($r)"; else echo "$name: FAILED against FFmpeg's CPU filter: $r"; failed=1; fi
	else
		opencl "$pocl" "$name.pocl" "$in.y4m" "$kind" "$filter" 2>/dev/null || { echo "$name: FAILED: it did not run on PoCL"; failed=1; continue; }
		if r=$(compare "$name.gocl" "$name.pocl" 1 0.02); then echo "$name: ok, as on PoCL ($r)"; else echo "$name: FAILED against PoCL: $r"; failed=1; fi
	fi
done <<'LIST'
dilation|moving|yuv|dilation_opencl|format=yuv420p,dilation,format=yuv420p
erosion|moving|yuv|erosion_opencl|format=yuv420p,erosion,format=yuv420p
transpose|moving|yuv|transpose_opencl=dir=1|format=yuv420p,transpose=dir=1,format=yuv420p
pad|moving|yuv|pad_opencl=400:300:10:10|format=yuv420p,pad=400:300:10:10,format=yuv420p
overlay|moving|two|overlay_opencl=x=16:y=16|[1:v]format=yuv420p,negate[b];[0:v]format=yuv420p[a];[a][b]overlay=x=16:y=16,format=yuv420p
program|moving|yuv|program_opencl=source=invert.cl:kernel=invert|format=yuv420p,negate,format=yuv420p
openclsrc|-|source|openclsrc=source=ramp.cl:kernel=ramp:size=320x240:format=rgba:rate=5|color=black:s=320x240:r=5,format=gbrp,geq=r=mod(X+Y+N\,256):g=mod(X+Y+N\,256):b=mod(X+Y+N\,256),format=rgba
transpose-odd|odd|yuv|transpose_opencl=dir=2|format=yuv420p,transpose=dir=2,format=yuv420p
avgblur|moving|yuv|avgblur_opencl=sizeX=3|
avgblur-odd|odd|yuv|avgblur_opencl=sizeX=5:sizeY=2|
boxblur|moving|yuv|boxblur_opencl|
convolution|moving|yuv|convolution_opencl=0 1 0 1 -4 1 0 1 0:0 1 0 1 -4 1 0 1 0:0 1 0 1 -4 1 0 1 0:0 1 0 1 -4 1 0 1 0|
prewitt|moving|yuv|prewitt_opencl|
roberts|moving|yuv|roberts_opencl|
sobel|moving|yuv|sobel_opencl|
unsharp|moving|yuv|unsharp_opencl|
unsharp-odd|odd|yuv|unsharp_opencl=lx=5:ly=3:la=1.5|
nlmeans|moving|yuv|nlmeans_opencl|
colorkey|moving|rgba|colorkey_opencl=color=0x000000:similarity=0.3|
xfade|moving|two|xfade_opencl=duration=0.4:offset=0.2|
remap|moving|maps|remap_opencl|
deshake|still|yuv|deshake_opencl|
LIST
exit $failed
