package ui

import (
	"zipkin-playground/ui/dialog"
)

// endpointOf is the endpoint editor, for the action that opens it.
func endpointOf(m *Model) dialog.EndpointEditor { return dialog.EndpointEditor{Common: m.common} }
