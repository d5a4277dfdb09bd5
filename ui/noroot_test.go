package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
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

// rootFree are the types that lay out, draw or act for the root without
// seeing it: no field and no method parameter or result of theirs names
// the Model, so they can move to a package of their own as they are.
var rootFree = []string{"screen", "frame"}

// TestRootFreeTypesNeverSeeTheRoot reads the package's source: a method's
// parameters are out of reflect's sight when the method is unexported.
func TestRootFreeTypesNeverSeeTheRoot(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			for _, where := range rootInDecl(d, found) {
				t.Errorf("%s: %s names the Model", fset.Position(d.Pos()), where)
			}
		}
	}
	for _, typ := range rootFree {
		if !found[typ] {
			t.Errorf("type %s not found: renamed? rootFree lists it", typ)
		}
	}
}

// rootInDecl is what in d names the Model when d declares one of the
// rootFree types or a method of one (found records which were declared).
func rootInDecl(d ast.Decl, found map[string]bool) []string {
	var hits []string
	switch d := d.(type) {
	case *ast.GenDecl:
		for _, s := range d.Specs {
			if ts, ok := s.(*ast.TypeSpec); ok && slices.Contains(rootFree, ts.Name.Name) {
				found[ts.Name.Name] = true
				if namesModel(ts.Type) {
					hits = append(hits, "type "+ts.Name.Name)
				}
			}
		}
	case *ast.FuncDecl:
		if d.Recv == nil || len(d.Recv.List) == 0 {
			return nil
		}
		recv := d.Recv.List[0].Type
		if star, ok := recv.(*ast.StarExpr); ok {
			recv = star.X
		}
		if id, ok := recv.(*ast.Ident); ok && slices.Contains(rootFree, id.Name) && namesModel(d.Type) {
			hits = append(hits, id.Name+"."+d.Name.Name)
		}
	}
	return hits
}

// namesModel reports whether the expression mentions this package's Model
// (another package's, help.Model, is no way back to the root).
func namesModel(e ast.Node) bool {
	seen := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			return false
		case *ast.Ident:
			seen = seen || n.Name == "Model"
		}
		return !seen
	})
	return seen
}
