package ui

import (
	_ "embed"
	"zipkin-playground/ui/component"
)

func newTour(ls []component.Lesson) *component.Tour {
	return &component.Tour{Lessons: ls, Passed: make([]bool, len(ls))}
}
