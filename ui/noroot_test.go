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
	// What the panes own without being components themselves.
	for _, v := range []any{tour{}, learnSnapshot{}, lessonWorld{}} {
		if path := pathTo(reflect.TypeOf(v), root, reflect.TypeOf(v).Name()); path != "" {
			t.Errorf("%s holds the root", path)
		}
	}
}

// pathTo names the field of struct type s (or of a struct it embeds) whose
// type is target, or a func taking or returning it, "" when there is none.
func pathTo(s, target reflect.Type, name string) string {
	if s.Kind() != reflect.Struct {
		return ""
	}
	for i := range s.NumField() {
		f := s.Field(i)
		if f.Type == target || takes(f.Type, target) {
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

// takes says whether f is a func type with a parameter or result of type
// target: a func field would reach the root as well as a pointer would.
func takes(f, target reflect.Type) bool {
	if f.Kind() != reflect.Func {
		return false
	}
	for i := range f.NumIn() {
		if f.In(i) == target {
			return true
		}
	}
	for i := range f.NumOut() {
		if f.Out(i) == target {
			return true
		}
	}
	return false
}
