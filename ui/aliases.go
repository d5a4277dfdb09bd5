package ui

import "zipkin-playground/ui/component"

// Names other packages import from ui that live with the components.

// Policy is what the person at the keys may not do.
type Policy = component.Policy

// Progress is what the model has done so far, for a workshop's board.
type Progress = component.Progress
