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

// TestNoPaneHoldsTheRoot checks that every pane and part the root keeps
// (the panes, the shop desk) reaches the root only through requests: none
// has a field (its own or an embedded one's) that points back at the Model,
// nor a method that takes it.
func TestNoPaneHoldsTheRoot(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	root := reflect.TypeOf(m)
	v := reflect.ValueOf(m).Elem()
	parts := map[string]bool{}
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Type.Kind() != reflect.Pointer || f.Type.Elem().PkgPath() != root.Elem().PkgPath() || f.Type.Elem().Kind() != reflect.Struct {
			continue
		}
		parts[f.Type.Elem().Name()] = true
		if path := pathTo(f.Type.Elem(), root, f.Name); path != "" {
			t.Errorf("%s holds the root", path)
		}
	}
	if !parts["shopDesk"] || len(parts) < 7 {
		t.Fatalf("checked %v; the Model's pane fields moved?", parts)
	}
	// The desks the actions build as they run (they keep nothing between
	// keys) are parts too.
	for _, desk := range []any{fileDesk{}, undoDesk{}, focusCycle{}} {
		typ := reflect.TypeOf(desk)
		parts[typ.Name()] = true
		if path := pathTo(typ, root, typ.Name()); path != "" {
			t.Errorf("%s holds the root", path)
		}
	}
	for _, method := range methodsTaking(t, "Model", parts) {
		t.Errorf("%s takes the root", method)
	}
}

// methodsTaking names the methods of the types in parts (declared in this
// package's files) that take a *typ or return one.
func methodsTaking(t *testing.T, typ string, parts map[string]bool) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !parts[receiverName(fn.Recv.List[0].Type)] {
				continue
			}
			fields := fn.Type.Params.List
			if fn.Type.Results != nil {
				fields = append(fields, fn.Type.Results.List...)
			}
			for _, p := range fields {
				if star, ok := p.Type.(*ast.StarExpr); ok && isIdent(star.X, typ) {
					out = append(out, fset.Position(fn.Pos()).String()+" "+fn.Name.Name)
				}
			}
		}
	}
	return out
}

// receiverName is the type a method's receiver names, without the star.
func receiverName(e ast.Expr) string {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
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
var rootFree = []string{"screen", "frame", "learnPane", "tour", "learnSnapshot", "lessonWorld"}

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
