package ui

import (
	"strings"
	"testing"

	"zipkin-playground/tracing"
)

const armsURL = "http://tracing-analysis-dc-hz.aliyuncs.com/adapt_aokcdqnxyz@123456ff_abcdef123@abcdef123/api/v2/spans"

func TestEndpointPromptValidatesAndMasks(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "E")
	if promptOf(m) == nil || promptOf(m).Value() != "local" {
		t.Fatalf("E prompt: %+v", promptOf(m))
	}
	for range "local" {
		m, _ = press(t, m, "backspace")
	}
	m = typeText(t, m, "collector:9411/api/v2/spans")
	if !strings.Contains(promptOf(m).Err, "http://") {
		t.Errorf("missing scheme not explained while typing: %q", promptOf(m).Err)
	}
	m, _ = press(t, m, "enter")
	if promptOf(m) == nil {
		t.Fatal("bad endpoint accepted")
	}
	promptOf(m).Input.SetValue("")
	m = typeText(t, m, "http://127.0.0.1:9/api/v1/spans")
	if !strings.Contains(promptOf(m).Note, "v1") {
		t.Errorf("v1 path not explained: %q", promptOf(m).Note)
	}
	promptOf(m).Input.SetValue("")
	m = typeText(t, m, armsURL)
	// Masked as it is typed, since someone may be watching the screen: the
	// prompt keeps the text, the screen never shows the token.
	if v := m.View(); strings.Contains(v, "aokcdqnxyz") || !strings.Contains(v, "aliyuncs.com/****") {
		t.Fatalf("the token shows while typed:\n%s", v)
	}
	if promptOf(m).Value() != armsURL {
		t.Fatalf("the prompt lost the typed text: %q", promptOf(m).Value())
	}
	m, _ = press(t, m, "enter")
	v := m.View()
	if strings.Contains(v, "aokcdqnxyz") || strings.Contains(v, "abcdef123@") {
		t.Fatalf("token on screen:\n%s", v)
	}
	if !strings.Contains(v, "aliyuncs.com/****") {
		t.Errorf("masked endpoint not in the top bar:\n%s", viewLines(m)[0])
	}
	m, _ = press(t, m, "v")
	if !strings.Contains(m.View(), "adapt_aokcdqnxyz") {
		t.Error("v did not reveal")
	}
	m, _ = press(t, m, "v", "E")
	if strings.Contains(m.View(), "aokcdqnxyz") {
		t.Error("the endpoint prompt shows the token while masked")
	}
	m, _ = press(t, m, "enter")
	if m.common.Session.Endpoint().String() != armsURL {
		t.Error("accepting the masked value changed the endpoint")
	}
}

func TestSamplerPicker(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "S")
	if !pickerOpen(m) || !strings.Contains(m.View(), "trace ID (low 64 bits) mod N") {
		t.Fatal("S did not show the sampler list with descriptions")
	}
	m, _ = press(t, m, "down", "enter") // never
	if m.common.Session.Config().Sampler.Kind != tracing.SamplerNever {
		t.Fatalf("sampler: %v", m.common.Session.Config().Sampler)
	}
	m, _ = press(t, m, "S", "down", "down", "enter") // boundary, asks for RATE
	if promptOf(m) == nil || !strings.Contains(promptOf(m).Title(), "Sampler boundary") {
		t.Fatal("boundary did not ask for its rate")
	}
	if v := promptOf(m).Input.Value(); v != "" {
		t.Fatalf("the rate prompt is prefilled with %q: typing would append to it", v)
	}
	m = typeText(t, m, "2")
	m, _ = press(t, m, "enter")
	if promptOf(m) == nil || promptOf(m).Err == "" {
		t.Fatal("boundary:2 not refused")
	}
	m, _ = press(t, m, "backspace")
	m = typeText(t, m, "0.5")
	m, _ = press(t, m, "enter")
	if got := m.common.Session.Config().Sampler.String(); got != "boundary:0.5" {
		t.Errorf("sampler %q", got)
	}
	m, _ = press(t, m, "n", "enter")
	if !strings.Contains(m.View(), "boundary") {
		t.Error("the inspector does not explain the decision")
	}
	m, _ = press(t, m, "S", "up", "enter", "enter") // modulo, enter alone: the placeholder's N
	if got := m.common.Session.Config().Sampler.String(); got != "modulo:10" {
		t.Errorf("enter on the empty modulo prompt: sampler %q, want the default modulo:10", got)
	}
}

func TestContinueFromPastedB3(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "P")
	m = typeText(t, m, "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
	m, _ = press(t, m, "enter")
	n := m.tree.Selected()
	if n == nil || n.Context.TraceID.String() != "80f198ee56343ba864fe8b2a57d3eff7" || n.Context.ParentID.String() != "e457b5a2e4d86bd1" {
		t.Fatalf("continued span: %+v", n)
	}
}
