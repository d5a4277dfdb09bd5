package ui

import (
	"net/http"
	"strings"
	"testing"
	"zipkin-playground/ui/pane"
)

// postSpans POSTs a v2 JSON body to the model's embedded receiver and lays
// the Received pane out again, now (the stream's wait is not run here): on a
// loaded machine an arrival could pass the slow-layout threshold and defer
// the layout.
func postSpans(t testing.TB, m *Model, body string) {
	t.Helper()
	resp, err := http.Post(m.common.Session.Receiver().URL(), "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST: %s", resp.Status)
	}
	m.Update(pane.ReceivedLayoutMsg{})
}
