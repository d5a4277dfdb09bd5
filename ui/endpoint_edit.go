package ui

import (
	"zipkin-playground/ui/component"
)

// endpointOf is the endpoint editor, for the action that opens it.
func endpointOf(m *Model) component.EndpointEditor { return component.EndpointEditor{Common: m.common} }
