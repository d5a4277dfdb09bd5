package pane

import (
	"testing"

	"zipkin-playground/ui/component/componenttest"
)

func TestMain(m *testing.M) { componenttest.Main(m) }
