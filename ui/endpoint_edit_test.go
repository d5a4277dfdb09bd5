package ui

import (
	"strings"
	"testing"

	"zipkin-playground/tracing"
)

// E on an endpoint carrying a secret shows what is being edited without
// showing the secret: the masked URL where the text goes, what is hidden
// and how to edit it in the clear. Keys that would change the hidden text
// unseen (← then backspace) change nothing; enter alone keeps the endpoint,
// and what is typed replaces it.
func TestEditingAMaskedEndpointShowsWhatIsEdited(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string][]string{
		"http://127.0.0.1:9411/tok3n/api/v2/spans": {"http://127.0.0.1:9411/****/api/v2/spans", "the path before /api/ is hidden"},
		"http://u:tok3n@127.0.0.1:9411/api/v2/spans?key=tok3n": {"http://****@127.0.0.1:9411/api/v2/spans?key=****",
			"the user and password before @ and the query values are hidden"},
	} {
		m := newModel(t, 80, 24, func(c *tracing.Config) { c.Endpoint = raw })
		m, _ = press(t, m, "E")
		view := m.View()
		text := strings.Join(strings.Fields(strings.ReplaceAll(view, "│", " ")), " ") // the prompt's lines as one
		for _, w := range append(want, "esc, v, E edits it in the clear", "enter alone keeps it") {
			if !strings.Contains(text, w) {
				t.Errorf("%s: E does not say %q:\n%s", raw, w, view)
			}
		}
		if strings.Contains(view, "tok3n") {
			t.Errorf("%s: E shows the secret:\n%s", raw, view)
		}
		m, _ = press(t, m, strings.Split(strings.Repeat("left,", 14)+"backspace,enter", ",")...)
		if got := m.common.Session.Config().Endpoint; got != raw {
			t.Errorf("keys typed blind changed the endpoint to %s", got)
		}
		m, _ = press(t, m, "E")
		m = typeText(t, m, "http://127.0.0.1:9411/n3w/api/v2/spans")
		if !strings.Contains(m.View(), "replaces "+want[0]) {
			t.Errorf("%s: typing does not say what it replaces:\n%s", raw, m.View())
		}
		m, _ = press(t, m, "enter")
		if got := m.common.Session.Config().Endpoint; got != "http://127.0.0.1:9411/n3w/api/v2/spans" {
			t.Errorf("typed URL did not replace %s: %s", raw, got)
		}
	}
}

// After v, E edits the endpoint in the clear, in place.
func TestEditingARevealedEndpointEditsInPlace(t *testing.T) {
	t.Parallel()
	raw := "http://127.0.0.1:9411/tok3n/api/v2/spans"
	m := newModel(t, 80, 24, func(c *tracing.Config) { c.Endpoint = raw })
	m, _ = press(t, m, "v", "E")
	if p := promptOf(m); p == nil || p.Value() != raw || !strings.Contains(m.View(), "> "+raw) {
		t.Fatalf("revealed, E does not hold the endpoint to edit:\n%s", m.View())
	}
	m, _ = press(t, m, strings.Split(strings.Repeat("left,", 14)+"backspace,enter", ",")...)
	if got := m.common.Session.Config().Endpoint; got != "http://127.0.0.1:9411/tokn/api/v2/spans" {
		t.Errorf("edited in place: %s", got)
	}
}
