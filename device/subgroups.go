package device

// Sub-groups (OpenCL C 3.0 __opencl_c_subgroups). A sub-group is a run of
// SubGroupSize consecutive work-items in local linear order (x fastest),
// the last one of a work-group shorter when the work-group's size is not a
// multiple: build/lib/collectives.cl implements the builtins on that
// layout, build/lib/subgroup_size.h gives the kernels the same size.

// HasSubGroups reports whether kernels have sub-groups (the compiler
// defines __opencl_c_subgroups).
func (d *Device) HasSubGroups() bool { return hasFeature("__opencl_c_subgroups") }

// SubGroupSize is the work-items of a full sub-group: the fp32 lanes of
// the widest vector register (CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT), so
// that a sub-group is one vector of the x work-item loop.
func (d *Device) SubGroupSize() uint64 {
	return uint64(d.Host.FloatLanes())
}

// MaxSubGroupSize is the largest sub-group of a work-group of items
// work-items (CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE,
// get_max_sub_group_size).
func (d *Device) MaxSubGroupSize(items uint64) uint64 {
	return min(items, d.SubGroupSize())
}

// SubGroupCount is the number of sub-groups of a work-group of items
// work-items (CL_KERNEL_SUB_GROUP_COUNT_FOR_NDRANGE, get_num_sub_groups).
func (d *Device) SubGroupCount(items uint64) uint64 {
	s := d.SubGroupSize()
	return (items + s - 1) / s
}

// LocalSizeForSubGroupCount is a 1D local size whose work-groups have
// count sub-groups, within most work-items; 0 if there is none
// (CL_KERNEL_LOCAL_SIZE_FOR_SUB_GROUP_COUNT).
func (d *Device) LocalSizeForSubGroupCount(count, most uint64) uint64 {
	s := d.SubGroupSize()
	switch {
	case count == 0:
		return 0
	case count <= most/s:
		return count * s
	case d.SubGroupCount(most) == count:
		return most // its last sub-group is partial
	}
	return 0
}
