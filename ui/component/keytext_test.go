package component

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// handSpelledKey finds a key named in prose: "press n", "F flushes",
// "(E)", "esc cancels", "with v", "in O", "tab →". Messages take the key
// from its binding (KeyName), so a key that moves changes every text.
var handSpelledKey = regexp.MustCompile(`\b(?:[Pp]ress|with|in|then) (?:[A-Zb-z?]|esc|tab|enter)\b[^-'a-z]|` +
	`(?:^|[\s(])(?:[A-Za-z?]|esc|tab|enter|ctrl\+c)(?: or [a-z?]+)? (?:closes|cycles|cancels|finishes|flushes|sends|starts|adds|tags|errors|changes|removes|keeps|reads|scrolls|shows|opens|lists|retries|leaves|continues)\b|` +
	`\((?:[A-Z]|esc|tab|[a-z]/[a-z])[:)]|\btab →|[jk]/[jk]|↑/↓|→ next|← back`)

// No string in the ui package spells a key by hand.
func TestNoKeySpelledByHand(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]bool{}
	for _, f := range reflect.VisibleFields(reflect.TypeOf(KeyMap{})) {
		fields[f.Name] = true
	}
	b3Fields := map[string]bool{"TraceId": true, "SpanId": true, "ParentSpanId": true} // the b3 header's parts
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && handSpelledKey.MatchString(s) {
				t.Errorf("%s: a key spelled by hand (%q): take it from the binding", fset.Position(lit.Pos()), handSpelledKey.FindString(s))
			}
			for _, tok := range keyField.FindAllString(s, -1) {
				if name := tok[1 : len(tok)-1]; !fields[name] && !b3Fields[name] {
					t.Errorf("%s: %s names no binding", fset.Position(lit.Pos()), tok)
				}
			}
			return true
		})
	}
}
