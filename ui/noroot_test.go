package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
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
	// The tour's lesson checks still read the whole root: the lessons'
	// own step moves them.
	delete(parts, "tour")
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
