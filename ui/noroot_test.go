package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"reflect"
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
	// The desks the actions are built on hold the shared context and the
	// panes they act on, never the root.
	for _, desk := range []any{fileDesk{}, undoDesk{}, quitter{}, focusCycle{}} {
		typ := reflect.TypeOf(desk)
		if path := pathTo(typ, root, typ.Name()); path != "" {
			t.Errorf("%s holds the root", path)
		}
	}
}

// rootReaders are the types whose methods may still take the root: the
// action table (its guards and actions are the root's routing) and the
// tour's checks, which read the whole screen's state.
var rootReaders = map[string]bool{"action": true, "learnSnapshot": true, "tour": true}

// TestNoMethodTakesTheRoot checks the package's source: no type but the
// Model has a field of type *Model, and no method of another type takes or
// returns one, so no component can reach the root even for one call.
func TestNoMethodTakesTheRoot(t *testing.T) {
	t.Parallel()
	notTest := func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }
	pkgs, err := parser.ParseDir(token.NewFileSet(), ".", notTest, 0)
	if err != nil {
		t.Fatal(err)
	}
	isRoot := func(e ast.Expr) bool {
		return recvName(e) == "Model"
	}
	methods := 0
	for name, file := range pkgs["ui"].Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TypeSpec:
				if st, ok := n.Type.(*ast.StructType); ok && n.Name.Name != "Model" {
					for _, f := range st.Fields.List {
						if isRoot(f.Type) {
							t.Errorf("%s: type %s has a field of type %s", name, n.Name.Name, "*Model")
						}
					}
				}
			case *ast.FuncDecl:
				if n.Recv == nil || isRoot(n.Recv.List[0].Type) || rootReaders[recvName(n.Recv.List[0].Type)] {
					return false
				}
				methods++
				for _, list := range []*ast.FieldList{n.Type.Params, n.Type.Results} {
					for _, f := range fieldsOf(list) {
						if isRoot(f.Type) {
							t.Errorf("%s: method %s takes or returns the root", name, n.Name.Name)
						}
					}
				}
				return false
			}
			return true
		})
	}
	if methods < 100 {
		t.Fatalf("checked %d methods; was the package read?", methods)
	}
}

// recvName is the type name of a method's receiver (T or *T).
func recvName(e ast.Expr) string {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// fieldsOf is the fields of l, none when l is nil (a func without results).
func fieldsOf(l *ast.FieldList) []*ast.Field {
	if l == nil {
		return nil
	}
	return l.List
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
