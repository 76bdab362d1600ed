package mem

// ImageDesc describes an image's layout.
type ImageDesc struct {
	Type                 uint32
	Order, DataType      uint32
	Width, Height, Depth uintptr
	ArraySize            uintptr
	RowPitch, SlicePitch uintptr
	ElemSize             uintptr
}
