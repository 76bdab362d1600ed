// Package device is the CPU device: its properties, read from the host, its
// contexts, command queues and events, and the scheduler that runs commands.
package device

import (
	"sync"

	"gocl/icd"
)

// Platform is the one gocl platform.
type Platform struct {
	icd.Base
}

// Device is the CPU, or a sub-device: a subset of its cores.
type Device struct {
	icd.Base
	Parent *Device // nil for the root device
	Cores  []int   // CPU numbers this device runs on
	// PartitionType is what clCreateSubDevices was given to make this
	// sub-device (CL_DEVICE_PARTITION_TYPE); empty for the root device.
	PartitionType []int64
	Host          *HostInfo
}

var (
	platformOnce sync.Once
	thePlatform  *Platform
	rootDevice   *Device
)

// Root returns the platform and the root device, creating their handles on
// first use. They live as long as the process: their handles are never freed.
func Root() (*Platform, *Device) {
	platformOnce.Do(func() {
		thePlatform = &Platform{}
		icd.Register(thePlatform, icd.KindPlatform, nil)
		host := readHost()
		rootDevice = &Device{Cores: host.Cores, Host: host}
		icd.Register(rootDevice, icd.KindDevice, nil)
	})
	return thePlatform, rootDevice
}

// ComputeUnits is the number of cores the device runs on.
func (d *Device) ComputeUnits() int { return len(d.Cores) }

// IsRoot tells a root device (which clRetainDevice/clReleaseDevice leave
// alone) from a sub-device.
func (d *Device) IsRoot() bool { return d.Parent == nil }

// Retain counts a reference for sub-devices only, as the specification says.
func (d *Device) Retain() {
	if !d.IsRoot() {
		d.Base.Retain()
	}
}

// Release drops a reference for sub-devices only.
func (d *Device) Release() {
	if !d.IsRoot() {
		d.Base.Release()
	}
}

// RefCount of a root device is always 1.
func (d *Device) RefCount() uint32 {
	if d.IsRoot() {
		return 1
	}
	return d.Base.RefCount()
}

// Ancestor reports whether a is d or one of d's parents.
func (d *Device) Ancestor(a *Device) bool {
	for x := d; x != nil; x = x.Parent {
		if x == a {
			return true
		}
	}
	return false
}

// CreateSubDevices splits d into sub-devices: counts gives the cores of
// each. The caller validated counts against d.
func (d *Device) CreateSubDevices(counts []int, partitionType []int64) []*Device {
	var subs []*Device
	next := 0
	for _, n := range counts {
		sub := &Device{Parent: d, Cores: d.Cores[next : next+n], PartitionType: partitionType, Host: d.Host}
		next += n
		d.Base.Ref()
		icd.Register(sub, icd.KindDevice, func() { d.Base.Unref() })
		subs = append(subs, sub)
	}
	return subs
}
