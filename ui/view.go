package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// layoutSizes are the inner sizes of the panes for the window.
type layoutSizes struct {
	compact               bool // no borders: small terminals
	wide                  bool // tree left, details right
	topH, logH, bodyH     int  // outer heights
	treeW, treeH          int  // inner
	rightW, inspH, hdrH   int  // inner
	logW, logInnerH       int  // inner
	rightOuterW, treeOutW int
	treeOutH, inspOutH    int // outer heights of the tree (narrow) and inspector (wide)
	lessonOutH            int // outer height of the lesson panel in learn mode, 0 otherwise
	lessonW, lessonH      int // inner
}

func (m *Model) layout() layoutSizes {
	w, h := m.width, m.height
	l := layoutSizes{compact: w < 80 || h < 24, wide: w >= 90}
	border := 2
	if l.compact {
		border = 0
	}
	l.topH = 2
	if w < 80 {
		l.topH = 1
	}
	rest := h - l.topH - 2 // status and help lines
	l.logH = max(2, rest/5)
	if !l.compact {
		l.logH = max(5, rest/4)
	}
	l.bodyH = rest - l.logH
	title := 1 // every pane has a title line inside
	l.logW, l.logInnerH = w-border, l.logH-border-title
	if l.wide {
		l.treeOutW = w * 11 / 20
		l.rightOuterW = w - l.treeOutW
		l.treeW, l.treeH = l.treeOutW-border, l.bodyH-border-title
		l.rightW = l.rightOuterW - border
		l.inspOutH = l.bodyH - min(9, l.bodyH*2/5) // B3 needs a few lines
		l.inspH = l.inspOutH - border - title
		l.hdrH = l.bodyH - l.inspOutH - border - title
	} else {
		l.treeOutW, l.rightOuterW = w, w
		l.treeOutH = max(2, l.bodyH/2)
		l.treeW, l.treeH = w-border, l.treeOutH-border-title
		l.rightW = w - border
		l.inspH = l.bodyH - l.treeOutH - border - title // details below the tree
		l.hdrH = 0
	}
	m.learnLayout(&l)
	return l
}

// placement is a component and its inner size in the layout.
type placement struct {
	c    component
	w, h int
}

// placements is the layout: every pane with its inner size. A new pane is one
// line here (and one in mainBody, where it is drawn).
func (m *Model) placements(l layoutSizes) []placement {
	return []placement{
		{m.tree, l.treeW, l.treeH},
		{m.inspector, l.rightW, l.inspH},
		{m.headers, l.rightW, l.hdrH},
		{m.log, l.logW, l.logInnerH},
		{m.received, l.rightW, l.inspH + l.hdrH},
		{m.helpView, l.logW, l.bodyH + l.logH},
		{m.lesson, l.lessonW, l.lessonH},
	}
}

// focusStop is a pane tab visits, and how the status names it.
type focusStop struct {
	c    component
	name string
}

// focusRing is the panes tab visits, in order. A focusable pane is one line
// here.
func (m *Model) focusRing() []focusStop {
	ring := []focusStop{{m.tree, "span tree"}, {m.log, "delivery log"}}
	if m.session.Receiver() != nil {
		ring = append(ring, focusStop{m.received, "received spans"})
	}
	return ring
}

// focusedPane is the pane that gets the keys no action takes.
func (m *Model) focusedPane() component {
	for _, stop := range m.focusRing() {
		if stop.c.Focused() {
			return stop.c
		}
	}
	return m.tree
}

// focus gives c the keys and takes them from every other component.
func (m *Model) focus(c component) {
	for _, p := range m.placements(m.layout()) {
		p.c.Blur()
	}
	c.Focus()
}

// setSize sizes every component in one loop, and the open dialog.
func (m *Model) setSize(w, h int) {
	m.width, m.height = w, h
	for _, p := range m.placements(m.layout()) {
		p.c.SetSize(p.w, p.h)
	}
	m.help.Width = w
	if m.dialog != nil {
		m.dialog.SetSize(min(w, 100), h)
	}
}

// View draws the screen.
func (m *Model) View() string {
	if m.quitting {
		return ""
	}
	if m.width == 0 {
		return "starting…"
	}
	if m.width < MinWidth || m.height < MinHeight {
		return fitBlock(fmt.Sprintf("terminal too small: %d×%d\nneed at least %d×%d", m.width, m.height, MinWidth, MinHeight), m.width, m.height)
	}
	l := m.layout()
	var body string
	switch m.mode {
	case modeHelp:
		body = fitBlock(m.styles.Status.Render(m.helpView.Title())+"\n\n"+m.helpView.View(), m.width, l.bodyH+l.logH)
	case modeDialog:
		body = m.overlay(m.mainBody(l), m.dialog.View())
	default:
		body = m.mainBody(l)
	}
	status := m.styles.Status.Render(m.status)
	if m.statusBad {
		status = m.styles.Bad.Render(m.status)
	}
	return m.clipboard + strings.Join([]string{m.topBar(l), body, fitLine(status, m.width), fitLine(m.helpLine(), m.width)}, "\n")
}

// box draws a component in a titled box (no border when compact).
func (m *Model) box(l layoutSizes, title, content string, outerW, outerH int, focused bool) string {
	if l.compact {
		t := m.styles.Title
		if focused {
			t = m.styles.FocusTitle
		}
		return fitBlock(t.Render(title)+"\n"+content, outerW, outerH)
	}
	return pane(m.styles, title, content, outerW, outerH, focused)
}

// mainBody is the panes: tree and details, then the delivery log.
func (m *Model) mainBody(l layoutSizes) string {
	show := func(c component, outerW, outerH int) string {
		return m.box(l, c.Title(), c.View(), outerW, outerH, c.Focused())
	}
	var body string
	if l.wide {
		right := lipgloss.JoinVertical(lipgloss.Left,
			show(m.inspector, l.rightOuterW, l.inspOutH),
			show(m.headers, l.rightOuterW, l.bodyH-l.inspOutH))
		if m.received.Focused() {
			right = show(m.received, l.rightOuterW, l.bodyH)
		}
		body = lipgloss.JoinHorizontal(lipgloss.Top, m.treeColumn(l, show), right)
	} else {
		detail := m.box(l, m.headers.Title(), m.headers.View()+"\n"+m.inspector.View(), m.width, l.bodyH-l.treeOutH, false)
		if m.received.Focused() {
			detail = show(m.received, m.width, l.bodyH-l.treeOutH)
		}
		if l.lessonOutH > 0 { // the lesson takes the details' place
			detail = show(m.lesson, m.width, l.bodyH-l.treeOutH)
		}
		body = lipgloss.JoinVertical(lipgloss.Left, show(m.tree, m.width, l.treeOutH), detail)
	}
	return lipgloss.JoinVertical(lipgloss.Left, body, show(m.log, m.width, l.logH))
}

// overlay puts a dialog over the lower part of the body.
func (m *Model) overlay(body, dialog string) string {
	if dialog == "" {
		return body
	}
	lines := strings.Split(body, "\n")
	dl := strings.Split(dialog, "\n")
	start := max(0, len(lines)-len(dl))
	for i, d := range dl {
		if start+i < len(lines) {
			lines[start+i] = fitLine(d, m.width)
		}
	}
	return strings.Join(lines, "\n")
}

// topBar: endpoint (masked), service, sampler, encoding, B3, next kind, counts.
func (m *Model) topBar(l layoutSizes) string {
	cfg := m.session.Config()
	ep := m.session.Endpoint().Display(m.reveal)
	if m.session.Endpoint().Local && m.session.Receiver() != nil {
		ep = "embedded receiver " + m.session.Receiver().URL()
	}
	st := m.styles
	kv := func(k, v string) string { return st.TopKey.Render(k+" ") + st.TopBar.Render(v) }
	sep := st.TopBar.Render("  ")
	counts := m.session.Outbox().Counts()
	countText := fmt.Sprintf("running %d · queued %d · delivered %d · failed %d",
		m.runningSpans(), counts.Queued+counts.Sending, counts.Delivered, counts.Failed)
	line1 := kv("endpoint", ep) + sep + kv("service", cfg.Service)
	line2 := strings.Join([]string{kv("sampler", cfg.Sampler.String()),
		kv("enc", string(m.session.Outbox().Encoding())), kv("B3", m.headers.format.String()), kv("next kind", kindName(m.nextKind)),
		st.TopBar.Render(countText)}, sep)
	if set := nonDefaultSettings(cfg); len(set) > 0 { // settings: what O changed
		line1 += sep + kv("set", strings.Join(set, " · "))
	}
	if l.topH == 1 {
		return st.TopBar.Render(fitLine(line1+sep+line2, m.width))
	}
	return st.TopBar.Render(fitLine(line1, m.width)) + "\n" + st.TopBar.Render(fitLine(line2, m.width))
}

// helpLine is the bottom line: the open dialog's keys, or the most useful
// enabled keys that fit, always ending with "? help".
func (m *Model) helpLine() string {
	k := m.keys
	switch m.mode {
	case modeDialog, modeConfirmQuit:
		return m.help.ShortHelpView(m.dialog.ShortHelp())
	case modeHelp:
		return m.help.ShortHelpView(m.helpView.ShortHelp())
	}
	useful := []key.Binding{k.NewTrace, k.Debug, k.Continue, k.Load, k.Sampler, k.Endpoint, k.Quit}
	if m.session.Tree().Len() > 0 {
		useful = []key.Binding{k.NewTrace, k.Child, k.Finish, k.Flush, k.Retry, k.StopFlush, k.Tag, k.Error,
			k.Annotate, k.Kind, k.B3, k.Tab, k.Endpoint, k.Sampler, k.Quit, k.Debug, k.Continue, k.Save,
			k.Export, k.Load, k.Reveal}
	}
	if m.mode == modeLearn { // the tour's own keys first
		useful = append([]key.Binding{k.NextLesson, k.PrevLesson, k.Learn}, useful...)
	}
	// Measure instead of rendering each candidate line: "key desc" items
	// joined by the separator, as bubbles/help draws them.
	itemW := func(b key.Binding) int { return lipgloss.Width(b.Help().Key) + 1 + lipgloss.Width(b.Help().Desc) }
	sepW := lipgloss.Width(m.help.ShortSeparator)
	used := itemW(k.Help)
	var chosen []key.Binding
	for _, b := range useful {
		if w := itemW(b) + sepW; b.Enabled() && used+w <= m.width {
			chosen, used = append(chosen, b), used+w
		}
	}
	return m.help.ShortHelpView(append(chosen, k.Help))
}
