package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

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
