package device

import (
	"sync"

	"gocl/device/trace"
	"gocl/icd"
)

// Context is a set of devices with the objects created in it.
type Context struct {
	icd.Base
	Devices []*Device
	Props   []int64 // as given to clCreateContext, terminator included; nil if none
	// Notify reports errors to the application's pfn_notify, if it gave one.
	Notify func(msg string)

	mu          sync.Mutex
	destructors []func()
}

// NewContext creates a context and its handle; it holds references to its devices.
func NewContext(devs []*Device, props []int64, notify func(string)) *Context {
	c := &Context{Devices: devs, Props: props, Notify: notify}
	for _, d := range devs {
		d.Base.Ref()
	}
	icd.Register(c, icd.KindContext, c.destroy)
	return c
}

// AddDestructor registers a clSetContextDestructorCallback callback; they
// run in the reverse order of registration when the context is destroyed.
func (c *Context) AddDestructor(fn func()) {
	c.mu.Lock()
	c.destructors = append(c.destructors, fn)
	c.mu.Unlock()
}

func (c *Context) destroy() {
	c.mu.Lock()
	fns := c.destructors
	c.destructors = nil
	c.mu.Unlock()
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
	for _, d := range c.Devices {
		d.Base.Unref()
	}
	// The trace file is complete at each context release too, for a
	// program that ends without unloading the library (_exit, a signal).
	trace.Flush()
}

// HasDevice reports whether d belongs to the context.
func (c *Context) HasDevice(d *Device) bool {
	for _, x := range c.Devices {
		if x == d {
			return true
		}
	}
	return false
}

// MemBaseAlign is the strictest CL_DEVICE_MEM_BASE_ADDR_ALIGN of the
// context's devices, in bytes.
func (c *Context) MemBaseAlign() uintptr { return MemBaseAddrAlignBits / 8 }
