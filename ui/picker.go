package ui

import (
	"zipkin-playground/tracing"
	"zipkin-playground/ui/component"
)

// newSamplerPicker is S: it starts on the session's sampler.
func newSamplerPicker(c *component.Common) component.Dialog {
	p := &component.SamplerPicker{PaneBase: component.PaneBase{Common: c}}
	for i, k := range tracing.SamplerKinds {
		if k == c.Session.Config().Sampler.Kind {
			p.Cursor = i
		}
	}
	return p
}
