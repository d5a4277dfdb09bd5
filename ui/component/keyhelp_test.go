package component

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// Every binding's key is in README's key table, and every key there is
// bound.
func TestReadmeKeyTable(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Keys\n")
	if !ok {
		t.Fatal("README has no ## Keys section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile("(?m)^\\| ((?:`[^`]+`(?: or |, )?)+) \\|")
	inReadme := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		for _, k := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(m[1], -1) {
			inReadme[k[1]] = true
		}
	}
	bound := map[string]bool{}
	keys := DefaultKeyMap()
	v := reflect.ValueOf(keys)
	for i := range v.NumField() {
		b, ok := v.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		k := b.Help().Key
		bound[k] = true
		if !inReadme[k] {
			t.Errorf("README's key table lacks %q (%s, KeyMap.%s)", k, b.Help().Desc, v.Type().Field(i).Name)
		}
	}
	for k := range inReadme {
		if !bound[k] {
			t.Errorf("README's key table lists %q, which no binding shows", k)
		}
	}
}
