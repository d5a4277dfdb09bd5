package ui

import (
	"reflect"
	"testing"
)

// TestNoPaneHoldsTheRoot checks that every pane the root keeps reaches the
// root only through requests: none has a field (its own or an embedded
// one's) that points back at the Model.
func TestNoPaneHoldsTheRoot(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	root := reflect.TypeOf(m)
	comp := reflect.TypeOf((*component)(nil)).Elem()
	v := reflect.ValueOf(m).Elem()
	checked := 0
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Type.Kind() != reflect.Pointer || !f.Type.Implements(comp) {
			continue
		}
		checked++
		if path := pathTo(f.Type.Elem(), root, f.Name); path != "" {
			t.Errorf("%s holds the root", path)
		}
	}
	if checked < 6 {
		t.Fatalf("checked %d panes; the Model's pane fields moved?", checked)
	}
}

// pathTo names the field of struct type s (or of a struct it embeds) whose
// type is target, "" when there is none.
func pathTo(s, target reflect.Type, name string) string {
	if s.Kind() != reflect.Struct {
		return ""
	}
	for i := range s.NumField() {
		f := s.Field(i)
		if f.Type == target {
			return name + "." + f.Name
		}
		if f.Anonymous {
			if p := pathTo(f.Type, target, name+"."+f.Name); p != "" {
				return p
			}
		}
	}
	return ""
}
