package main

/*
#include "gocl.h"
*/
import "C"

import (
	"sync"
	"unsafe"

	"gocl/build"
	"gocl/device"
	"gocl/icd"
)

// kernelCommand is a kernel command of a command-buffer: the kernel as
// recorded (retained), its own copy of the kernel's arguments taken at
// recording (clSetKernelArg on the kernel afterwards changes nothing), and
// the NDRange as given. It has a handle (a cl_mutable_command_khr) when the
// application asked for one.
type kernelCommand struct {
	icd.Base
	cb      *device.CommandBuffer
	index   int
	queue   *device.Queue
	kernel  *build.Kernel
	props   []int64 // as given; nil for NULL
	fields  uint64  // CL_MUTABLE_DISPATCH_UPDATABLE_FIELDS_KHR
	asserts uint64  // CL_MUTABLE_DISPATCH_ASSERTS_KHR, the buffer's included

	// Guarded by updates.
	args *build.Kernel
	sz   ndSizes
	r    device.NDRange // the range of sz (for work-group uniformity)
}

// updates serializes clUpdateMutableCommandsKHR and the queries of what it
// changes.
var updates sync.Mutex

// ndSizes is an NDRange as the application gives it (a nil pointer: not given).
type ndSizes struct {
	dim                   uint32
	offset, global, local [3]C.size_t
	hasOffset, hasGlobal  bool
	hasLocal              bool
}

func readSizes(dim C.cl_uint, offset, global, local *C.size_t) ndSizes {
	s := ndSizes{dim: uint32(dim)}
	n := min(int(dim), 3)
	if offset != nil {
		copy(s.offset[:], unsafe.Slice(offset, n))
		s.hasOffset = true
	}
	if global != nil {
		copy(s.global[:], unsafe.Slice(global, n))
		s.hasGlobal = true
	}
	if local != nil {
		copy(s.local[:], unsafe.Slice(local, n))
		s.hasLocal = true
	}
	return s
}

func (s *ndSizes) ptrs() (offset, global, local *C.size_t) {
	if s.hasOffset {
		offset = &s.offset[0]
	}
	if s.hasGlobal {
		global = &s.global[0]
	}
	if s.hasLocal {
		local = &s.local[0]
	}
	return
}

// build checks the range sz for the arguments args and, if they are all
// set, makes the command's work: a launch whose argument block lives as long
// as the Launch (runs enqueued before an update keep theirs).
func (kc *kernelCommand) build(args *build.Kernel, sz ndSizes) (*device.Launch, device.NDRange, int32) {
	offset, global, local := sz.ptrs()
	r, code := kernelRange(kc.queue, args, nil, false, C.cl_uint(sz.dim), offset, global, local)
	if !ok(code) || !args.ArgsSet() {
		return nil, r, code
	}
	launch := r
	holds, free, code := kernelLaunch(kc.queue, args, &launch, uintptr(kc.queue.Handle()))
	if !ok(code) {
		return nil, r, code
	}
	for _, h := range holds {
		h.Ref()
	}
	dev := kc.queue.Dev
	run := func() int32 {
		x := launch // runs of a buffer allowing simultaneous use may overlap
		return dev.Run(&x)
	}
	return device.NewLaunch(run, func() {
		free()
		for _, h := range holds {
			h.Unref()
		}
	}), r, icd.CL_SUCCESS
}

// uniform reports whether every work-group of r is whole.
func uniform(r device.NDRange) bool {
	for i := 0; i < int(r.Dim); i++ {
		if r.Local[i] != 0 && r.Global[i]%r.Local[i] != 0 {
			return false
		}
	}
	return true
}

//export gocl_clCommandNDRangeKernelKHR
func gocl_clCommandNDRangeKernelKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, kernel C.cl_kernel, work_dim C.cl_uint, global_work_offset *C.size_t, global_work_size *C.size_t, local_work_size *C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle *C.cl_mutable_command_khr) (ret C.cl_int) {
	defer guard("clCommandNDRangeKernelKHR", &ret)
	props := func(name, value uint64) int32 {
		switch name {
		case icd.CL_MUTABLE_DISPATCH_UPDATABLE_FIELDS_KHR:
			return onlyBits(value, device.MutableDispatchFields, "CL_MUTABLE_DISPATCH_UPDATABLE_FIELDS_KHR")
		case icd.CL_MUTABLE_DISPATCH_ASSERTS_KHR:
			return onlyBits(value, icd.CL_MUTABLE_DISPATCH_ASSERT_NO_ADDITIONAL_WORK_GROUPS_KHR, "CL_MUTABLE_DISPATCH_ASSERTS_KHR")
		}
		return icd.Fail(icd.CL_INVALID_VALUE, "unknown kernel command property 0x%x", name)
	}
	cb, plist, values, code := recording(command_buffer, command_queue, properties, props, unsafe.Pointer(mutable_handle), true, num_sync_points_in_wait_list, sync_point_wait_list)
	if !ok(code) {
		return status(code)
	}
	k, code := kernelOf(kernel)
	if !ok(code) {
		return status(code)
	}
	fields, given := values[icd.CL_MUTABLE_DISPATCH_UPDATABLE_FIELDS_KHR]
	if !given {
		fields = device.MutableDispatchFields
	}
	// The arguments may be left for clUpdateMutableCommandsKHR when the
	// command says they are mutable (the buffer is then Finalized, not
	// Executable, until they are all set).
	argsLater := given && fields&icd.CL_MUTABLE_DISPATCH_ARGUMENTS_KHR != 0 && cb.Flags&icd.CL_COMMAND_BUFFER_MUTABLE_KHR != 0
	kc := &kernelCommand{cb: cb, queue: cb.Queues[0], kernel: k, props: plist, fields: fields,
		asserts: values[icd.CL_MUTABLE_DISPATCH_ASSERTS_KHR] | cb.Asserts, args: k.Snapshot(),
		sz: readSizes(work_dim, global_work_offset, global_work_size, local_work_size)}
	kc.r, code = kernelRange(kc.queue, kc.args, nil, !argsLater, work_dim, global_work_offset, global_work_size, local_work_size)
	if !ok(code) {
		return status(code)
	}
	if kc.asserts&icd.CL_MUTABLE_DISPATCH_ASSERT_NO_ADDITIONAL_WORK_GROUPS_KHR != 0 && local_work_size == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "CL_MUTABLE_DISPATCH_ASSERT_NO_ADDITIONAL_WORK_GROUPS_KHR needs a local_work_size"))
	}
	l, _, code := kc.build(kc.args, kc.sz)
	if !ok(code) {
		return status(code)
	}
	index, sp, code := cb.Append(l, nil)
	if !ok(code) {
		if l != nil {
			l.Release()
		}
		return status(code)
	}
	kc.index = index
	k.Retain()
	if mutable_handle != nil {
		icd.Register(kc, icd.KindMutableCommand, nil)
		*mutable_handle = C.cl_mutable_command_khr(kc.Handle())
	}
	cb.OnDestroy(func() {
		k.Release()
		if kc.Handle() != nil {
			kc.Release() // the handle lives as long as its buffer
		}
	})
	if sync_point != nil {
		*sync_point = C.cl_sync_point_khr(sp)
	}
	return C.CL_SUCCESS
}

func mutableOf(h C.cl_mutable_command_khr) (*kernelCommand, int32) {
	return get[*kernelCommand](unsafe.Pointer(h), icd.KindMutableCommand, icd.CL_INVALID_MUTABLE_COMMAND_KHR)
}

// pendingUpdate is a kernel command's new state while an update is checked:
// nothing changes unless every configuration of the call is valid.
type pendingUpdate struct {
	kc   *kernelCommand
	args *build.Kernel
	sz   ndSizes
	l    *device.Launch
	r    device.NDRange
}

//export gocl_clUpdateMutableCommandsKHR
func gocl_clUpdateMutableCommandsKHR(command_buffer C.cl_command_buffer_khr, num_configs C.cl_uint, config_types *C.cl_uint, configs *unsafe.Pointer) (ret C.cl_int) {
	defer guard("clUpdateMutableCommandsKHR", &ret)
	cb, code := cmdbufOf(command_buffer)
	if !ok(code) {
		return status(code)
	}
	switch {
	case cb.State() == icd.CL_COMMAND_BUFFER_STATE_RECORDING_KHR:
		return status(icd.Fail(icd.CL_INVALID_OPERATION, "the command-buffer is not finalized"))
	case cb.Flags&icd.CL_COMMAND_BUFFER_MUTABLE_KHR == 0:
		return status(icd.Fail(icd.CL_INVALID_OPERATION, "the command-buffer was not created with CL_COMMAND_BUFFER_MUTABLE_KHR"))
	case (config_types == nil) != (num_configs == 0):
		return status(icd.Fail(icd.CL_INVALID_VALUE, "config_types and num_configs (%d) disagree", num_configs))
	case (configs == nil) != (num_configs == 0):
		return status(icd.Fail(icd.CL_INVALID_VALUE, "configs and num_configs (%d) disagree", num_configs))
	case num_configs == 0:
		return C.CL_SUCCESS
	}
	types := unsafe.Slice(config_types, num_configs)
	cfgs := unsafe.Slice(configs, num_configs)
	for i := range types {
		if types[i] != icd.CL_STRUCTURE_TYPE_MUTABLE_DISPATCH_CONFIG_KHR {
			return status(icd.Fail(icd.CL_INVALID_VALUE, "config_types[%d] is %d, not CL_STRUCTURE_TYPE_MUTABLE_DISPATCH_CONFIG_KHR", i, types[i]))
		}
		if cfgs[i] == nil {
			return status(icd.Fail(icd.CL_INVALID_VALUE, "configs[%d] is NULL", i))
		}
	}
	updates.Lock()
	defer updates.Unlock()
	var order []*pendingUpdate
	byCmd := map[*kernelCommand]*pendingUpdate{}
	fail := func(code int32) C.cl_int {
		for _, p := range order {
			if p.l != nil {
				p.l.Release()
			}
		}
		return status(code)
	}
	for i, raw := range cfgs {
		cfg := (*C.gocl_mutable_dispatch_config)(raw)
		kc, code := mutableOf(cfg.command)
		if ok(code) && kc.cb != cb {
			code = icd.Fail(icd.CL_INVALID_MUTABLE_COMMAND_KHR, "configs[%d].command belongs to another command-buffer", i)
		}
		if !ok(code) {
			return fail(code)
		}
		p := byCmd[kc]
		if p == nil {
			p = &pendingUpdate{kc: kc, args: kc.args.Snapshot(), sz: kc.sz}
			byCmd[kc] = p
			order = append(order, p)
		}
		if code := p.apply(i, cfg); !ok(code) {
			return fail(code)
		}
	}
	for _, p := range order {
		var code int32
		p.l, p.r, code = p.kc.build(p.args, p.sz)
		if ok(code) && uniform(p.r) != uniform(p.kc.r) {
			code = icd.Fail(icd.CL_INVALID_OPERATION, "the new sizes change the work-group uniformity of the command (global %v, local %v; recorded global %v, local %v)", p.r.Global, p.r.Local, p.kc.r.Global, p.kc.r.Local)
		}
		if !ok(code) {
			return fail(code)
		}
	}
	var index []int
	var ls []*device.Launch
	for _, p := range order {
		p.kc.args, p.kc.sz, p.kc.r = p.args, p.sz, p.r
		if p.l != nil {
			index, ls = append(index, p.kc.index), append(ls, p.l)
		}
	}
	cb.SetLaunches(index, ls)
	return C.CL_SUCCESS
}

// apply checks configuration i of an update and applies it to p.
func (p *pendingUpdate) apply(i int, cfg *C.gocl_mutable_dispatch_config) int32 {
	kc := p.kc
	need := func(field uint64, given bool, what string) int32 {
		if given && kc.fields&field == 0 {
			return icd.Fail(icd.CL_INVALID_OPERATION, "configs[%d] changes the %s, which the command was not recorded to allow (CL_MUTABLE_DISPATCH_UPDATABLE_FIELDS_KHR 0x%x)", i, what, kc.fields)
		}
		return icd.CL_SUCCESS
	}
	switch {
	case cfg.work_dim != 0 && uint32(cfg.work_dim) != kc.sz.dim:
		return icd.Fail(icd.CL_INVALID_OPERATION, "configs[%d].work_dim is %d; the command was recorded with %d", i, cfg.work_dim, kc.sz.dim)
	}
	for _, c := range []int32{
		need(icd.CL_MUTABLE_DISPATCH_GLOBAL_OFFSET_KHR, cfg.global_work_offset != nil, "global work offset"),
		need(icd.CL_MUTABLE_DISPATCH_GLOBAL_SIZE_KHR, cfg.global_work_size != nil, "global work size"),
		need(icd.CL_MUTABLE_DISPATCH_LOCAL_SIZE_KHR, cfg.local_work_size != nil, "local work size"),
		need(icd.CL_MUTABLE_DISPATCH_ARGUMENTS_KHR, cfg.num_args != 0 || cfg.num_svm_args != 0, "arguments"),
		need(icd.CL_MUTABLE_DISPATCH_EXEC_INFO_KHR, cfg.num_exec_infos != 0, "execution info"),
	} {
		if !ok(c) {
			return c
		}
	}
	switch {
	case (cfg.arg_list == nil) != (cfg.num_args == 0):
		return icd.Fail(icd.CL_INVALID_VALUE, "configs[%d]: arg_list and num_args (%d) disagree", i, cfg.num_args)
	case (cfg.arg_svm_list == nil) != (cfg.num_svm_args == 0):
		return icd.Fail(icd.CL_INVALID_VALUE, "configs[%d]: arg_svm_list and num_svm_args (%d) disagree", i, cfg.num_svm_args)
	case (cfg.exec_info_list == nil) != (cfg.num_exec_infos == 0):
		return icd.Fail(icd.CL_INVALID_VALUE, "configs[%d]: exec_info_list and num_exec_infos (%d) disagree", i, cfg.num_exec_infos)
	}
	if cfg.num_args > 0 {
		for _, a := range unsafe.Slice(cfg.arg_list, cfg.num_args) {
			if code := p.args.SetArg(uint32(a.arg_index), uintptr(a.arg_size), unsafe.Pointer(a.arg_value)); !ok(code) {
				return code
			}
		}
	}
	if cfg.num_svm_args > 0 {
		for _, a := range unsafe.Slice(cfg.arg_svm_list, cfg.num_svm_args) {
			if code := p.args.SetArgSVM(uint32(a.arg_index), uintptr(a.arg_value)); !ok(code) {
				return code
			}
		}
	}
	if cfg.num_exec_infos > 0 {
		for _, e := range unsafe.Slice(cfg.exec_info_list, cfg.num_exec_infos) {
			if code := setExecInfo(p.args, uint32(e.param_name), e.param_value_size, unsafe.Pointer(e.param_value)); !ok(code) {
				return code
			}
		}
	}
	n := min(int(kc.sz.dim), 3)
	if cfg.global_work_offset != nil {
		copy(p.sz.offset[:], unsafe.Slice(cfg.global_work_offset, n))
		p.sz.hasOffset = true
	}
	if cfg.global_work_size != nil {
		copy(p.sz.global[:], unsafe.Slice(cfg.global_work_size, n))
		p.sz.hasGlobal = true
	}
	if cfg.local_work_size != nil {
		copy(p.sz.local[:], unsafe.Slice(cfg.local_work_size, n))
		p.sz.hasLocal = true
	}
	return icd.CL_SUCCESS
}

//export gocl_clGetMutableCommandInfoKHR
func gocl_clGetMutableCommandInfoKHR(command C.cl_mutable_command_khr, param_name C.cl_uint, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetMutableCommandInfoKHR", &ret)
	kc, code := mutableOf(command)
	var v []byte
	if ok(code) {
		updates.Lock()
		sz := kc.sz
		updates.Unlock()
		sizes := func(a [3]C.size_t) []byte {
			out := make([]uintptr, min(int(sz.dim), 3))
			for i := range out {
				out[i] = uintptr(a[i])
			}
			return icd.Slice(out)
		}
		switch param_name {
		case icd.CL_MUTABLE_COMMAND_COMMAND_QUEUE_KHR:
			v = icd.Val(uintptr(kc.queue.Handle()))
		case icd.CL_MUTABLE_COMMAND_COMMAND_BUFFER_KHR:
			v = icd.Val(uintptr(kc.cb.Handle()))
		case icd.CL_MUTABLE_COMMAND_COMMAND_TYPE_KHR:
			v = icd.Val(uint32(icd.CL_COMMAND_NDRANGE_KERNEL))
		case icd.CL_MUTABLE_COMMAND_PROPERTIES_ARRAY_KHR:
			v = icd.Slice(kc.props)
		case icd.CL_MUTABLE_DISPATCH_KERNEL_KHR:
			v = icd.Val(uintptr(kc.kernel.Handle()))
		case icd.CL_MUTABLE_DISPATCH_DIMENSIONS_KHR:
			v = icd.Val(sz.dim)
		case icd.CL_MUTABLE_DISPATCH_GLOBAL_WORK_OFFSET_KHR:
			v = sizes(sz.offset)
		case icd.CL_MUTABLE_DISPATCH_GLOBAL_WORK_SIZE_KHR:
			v = sizes(sz.global)
		case icd.CL_MUTABLE_DISPATCH_LOCAL_WORK_SIZE_KHR:
			v = sizes(sz.local)
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_mutable_command_info_khr 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}
