package dialog

import (
	"fmt"
	"strings"
	"zipkin-playground/ui/component"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
)

// The sampler picker's choice: a sampler without parameter is set at once;
// one with a parameter asks for it, its default as the placeholder.

// chosen sets a sampler without parameter, or asks for it.
func (p *samplerPicker) chosen(kind tracing.SamplerKind) tea.Cmd {
	hint := kind.ParamHint()
	if hint == "" {
		if err := p.set(kind, ""); err != nil {
			p.SayError(err.Error())
		}
		return nil
	}
	// The default is a placeholder, not text typing would append to: enter
	// on an empty prompt takes it.
	def := defaultParam(kind, p.Session.Config().Sampler)
	orDefault := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return def
		}
		return s
	}
	check := component.CheckSamplerParam(kind)
	return p.Ask(component.PromptSpec{
		Title:       fmt.Sprintf("Sampler %s — %s ({Accept} alone: %s)", kind, hint, def),
		Placeholder: def,
		Check:       func(s string) (string, string) { return check(orDefault(s)) },
		Accept:      func(param string) (tea.Cmd, error) { return nil, p.set(kind, orDefault(param)) },
	})
}

func (p *samplerPicker) set(kind tracing.SamplerKind, param string) error {
	text := string(kind)
	if p := strings.TrimSpace(param); p != "" {
		text += ":" + p
	}
	spec, err := tracing.ParseSamplerSpec(text)
	if err != nil {
		return err
	}
	if err := p.Session.SetSampler(spec); err != nil {
		return err
	}
	p.Say("Sampler %s: new traces use it; spans already started keep their decision.", spec)
	return nil
}

func defaultParam(kind tracing.SamplerKind, current tracing.SamplerSpec) string {
	if current.Kind == kind {
		_, p, _ := strings.Cut(current.String(), ":")
		return p
	}
	if kind == tracing.SamplerModulo {
		return "10"
	}
	return "0.5"
}
