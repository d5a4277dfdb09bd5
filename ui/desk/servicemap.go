package desk

import (
	"fmt"
	"strings"
	"time"
	"zipkin-playground/ui/component"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/verify"
)

// serviceMap is the dependency graph of what the receiver or backend holds
// (a dialog): boxes and arrows when they fit, the links in words always. It
// reads the graph again every second while it is open.
type serviceMap struct {
	component.PaneBase
	gen    int
	source string          // the query API's base, masked
	api    verify.QueryAPI // found on the first read, asked again after
	kind   string          // the API's kind: Jaeger's map gets a note
	links  []receiver.DependencyLink
	err    error
	at     time.Time
	loaded bool
	closed bool
}

// Title names the dialog.
func (p *serviceMap) Title() string { return "Service map" }

// Closed says the map was closed.
func (p *serviceMap) Closed() bool { return p.closed }

// Update closes on esc, ctrl+c or M.
func (p *serviceMap) Update(msg tea.Msg) (component.Component, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		if key.Matches(km, p.Keys.Cancel) || key.Matches(km, p.Keys.Close) || component.MatchesDeclared(km, p.Keys.ServiceMap) {
			p.closed = true
		}
	}
	return p, nil
}

// ShortHelp is the map's keys: esc or M closes it, as its last line says.
func (p *serviceMap) ShortHelp() []key.Binding {
	return []key.Binding{component.Both(p.Keys.Cancel, p.Keys.ServiceMap, "close")}
}

// FullHelp is the map's keys.
func (p *serviceMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.Keys.Cancel, p.Keys.Close}}
}

// View draws the title, the picture (if it fits) and the list.
func (p *serviceMap) View() string {
	st := p.Styles
	w := max(20, p.Width)
	head := "Service map · " + p.sourceText()
	lines := []string{st.Status.Render(component.FitLine(head, w))}
	switch {
	case p.err != nil:
		lines = append(lines, wrapStyled(st.Bad.Render, component.Safe(p.err.Error()), w)...)
	case !p.loaded:
		lines = append(lines, "reading the service graph…")
	case len(p.links) == 0:
		lines = append(lines, component.Wrap(p.noLinks(), w)...)
	default:
		pic, list, notes := p.graphLines(w)
		// The list repeats the picture in words: on a short screen it gives
		// up its last lines, never the notes or the keys.
		if room := p.Height - len(lines) - len(pic) - len(notes) - 1; p.Height > 0 && len(list) > room {
			cut := len(list) - max(0, room-1)
			list = append(list[:len(list)-cut], st.Dim.Render(component.FitLine(fmt.Sprintf("… %d more links (a taller terminal shows them)", cut), w)))
		}
		lines = append(append(append(lines, pic...), list...), notes...)
	}
	lines = append(lines, st.Dim.Render(component.FitLine(component.KeyHelp(component.Both(p.Keys.Cancel, p.Keys.ServiceMap, "closes"))+" · read again every second", w)))
	return strings.Join(lines, "\n")
}

// noLinks is what the map says while it has no links: how to make some.
func (p *serviceMap) noLinks() string {
	if p.Policy.Locked != "" { // the demo shop is off for an attendee
		return "No calls between services yet: the demo shop (" + component.KeyName(p.Keys.Shop) + ") that draws this map is not available here (" + p.Policy.Locked + ")."
	}
	return "No calls between services yet. H on a running CLIENT span calls the demo shop; its services' spans draw the map."
}

func (p *serviceMap) sourceText() string {
	s := p.source
	if s == "" {
		s = "the query API"
	}
	if p.loaded && !p.at.IsZero() {
		s += " · " + p.at.Format("15:04:05")
	}
	return s
}

// graphLines are the picture (with the blank line under it), the links in
// words and the notes on them, safe to print.
func (p *serviceMap) graphLines(w int) (pic, list, notes []string) {
	safeLinks := make([]receiver.DependencyLink, len(p.links))
	for i, l := range p.links {
		l.Parent, l.Child = component.Safe(l.Parent), component.Safe(l.Child)
		safeLinks[i] = l
	}
	pic, drawn := renderMap(safeLinks, w)
	if !drawn {
		pic = []string{p.Styles.Dim.Render(component.FitLine("(too wide to draw here: the links in words)", w))}
	}
	pic = append(pic, "")
	g := layoutMap(safeLinks)
	for i, l := range mapList(safeLinks) {
		if drawn {
			l += undrawnSuffix(g, g.links[i])
		}
		list = append(list, component.FitLine(l, w))
	}
	for _, n := range mapNotes(p.kind) {
		notes = append(notes, wrapStyled(p.Styles.Dim.Render, n, w)...)
	}
	return pic, list, notes
}

func wrapStyled(style func(...string) string, s string, w int) []string {
	var out []string
	for _, l := range component.Wrap(s, w) {
		out = append(out, style(l))
	}
	return out
}

// OpenMap opens a new map (M) and reads the graph for it.
func (d *Shop) OpenMap() tea.Cmd {
	d.mapGen++
	p := &serviceMap{PaneBase: component.PaneBase{Common: d.Common}, gen: d.mapGen}
	d.Open(p)
	d.Say("Service map: what the query API's dependency links say, read again every second.")
	return fetchServiceMap(p.gen, nil, d.Session.Config(), d.Session.Endpoint())
}

// shownMap is the open service map of generation gen, nil when it closed.
func (d *Shop) shownMap(gen int) *serviceMap {
	if p, ok := d.slot().(*serviceMap); ok && p.gen == gen && !p.closed {
		return p
	}
	return nil
}

// mapMsg shows what was read and asks again in a second, while open.
func (d *Shop) mapMsg(msg ShopMsg) tea.Cmd {
	switch msg := msg.(type) {
	case ServiceMapMsg:
		p := d.shownMap(msg.gen)
		if p == nil {
			return nil
		}
		p.loaded, p.err, p.links, p.at = true, msg.err, msg.links, msg.at
		if msg.api != nil {
			p.source = fmt.Sprintf("%s (%s)", msg.api.Masked(), msg.api.Kind())
			p.api, p.kind = msg.api, msg.api.Kind()
		}
		return serviceMapTick(msg.gen)
	case serviceMapTickMsg:
		if p := d.shownMap(msg.gen); p != nil {
			return fetchServiceMap(p.gen, p.api, d.Session.Config(), d.Session.Endpoint())
		}
	}
	return nil
}
