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
}

func (m Model) layout() layoutSizes {
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
	return l
}

// View draws the screen.
func (m Model) View() string {
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
	top := m.topBar(l)
	var body string
	switch {
	case m.showHelp:
		m.help.ShowAll = true
		body = fitBlock(m.styles.Status.Render("All keys (? or esc closes)")+"\n\n"+m.help.View(m.helpKeys), m.width, l.bodyH+l.logH)
	case m.prompt != nil || m.picker != nil:
		body = m.overlay(m.mainBody(l), l)
	default:
		body = m.mainBody(l)
	}
	status := m.styles.Status.Render(m.status)
	if m.statusBad {
		status = m.styles.Bad.Render(m.status)
	}
	m.help.ShowAll = false
	helpLine := m.help.ShortHelpView(m.shortHelp())
	return strings.Join([]string{top, body, fitLine(status, m.width), fitLine(helpLine, m.width)}, "\n")
}

// mainBody is the panes: tree and details, then the delivery log.
func (m Model) mainBody(l layoutSizes) string {
	sel := m.tree.Selected()
	box := func(title, content string, outerW, outerH int, focused bool) string {
		if l.compact {
			t := m.styles.Title
			if focused {
				t = m.styles.FocusTitle
			}
			return fitBlock(t.Render(title)+"\n"+content, outerW, outerH)
		}
		return pane(m.styles, title, content, outerW, outerH, focused)
	}
	treeTitle := fmt.Sprintf("Spans · %d", m.session.Tree().Len())
	var body string
	if l.wide {
		var right string
		tree := box(treeTitle, m.tree.View(), l.treeOutW, l.bodyH, m.focus == focusTree)
		if m.focus == focusReceived {
			right = box(m.received.Title(), m.received.View(), l.rightOuterW, l.bodyH, true)
		} else {
			right = lipgloss.JoinVertical(lipgloss.Left,
				box("Inspector", m.inspector.View(sel), l.rightOuterW, l.inspOutH, false),
				box(m.headers.Title(), m.headers.View(sel), l.rightOuterW, l.bodyH-l.inspOutH, false))
		}
		body = lipgloss.JoinHorizontal(lipgloss.Top, tree, right)
	} else {
		tree := box(treeTitle, m.tree.View(), m.width, l.treeOutH, m.focus == focusTree)
		detailTitle, detail := m.headers.Title(), m.headers.View(sel)+"\n"+m.inspector.View(sel)
		if m.focus == focusReceived {
			detailTitle, detail = m.received.Title(), m.received.View()
		}
		body = lipgloss.JoinVertical(lipgloss.Left, tree, box(detailTitle, detail, m.width, l.bodyH-l.treeOutH, m.focus == focusReceived))
	}
	logBox := box(m.log.Title(), m.log.View(), m.width, l.logH, m.focus == focusLog)
	return lipgloss.JoinVertical(lipgloss.Left, body, logBox)
}

// overlay puts the open prompt or picker over the lower part of the body.
func (m Model) overlay(body string, l layoutSizes) string {
	var dialog string
	if m.prompt != nil {
		dialog = m.prompt.View()
	} else {
		dialog = m.picker.View()
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
func (m Model) topBar(l layoutSizes) string {
	cfg := m.session.Config()
	ep := m.session.Endpoint().Display(cfg.RevealSecrets)
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
		kv("enc", string(cfg.Encoding)), kv("B3", m.headers.format.String()), kv("next kind", kindName(m.session.NextKind())),
		st.TopBar.Render(countText)}, sep)
	if l.topH == 1 {
		return st.TopBar.Render(fitLine(line1+sep+line2, m.width))
	}
	return st.TopBar.Render(fitLine(line1, m.width)) + "\n" + st.TopBar.Render(fitLine(line2, m.width))
}

// shortHelp is the help line for the current state.
func (m Model) shortHelp() []key.Binding {
	k := m.helpKeys
	switch {
	case m.confirmQuit:
		return []key.Binding{k.Yes, k.No}
	case m.prompt != nil:
		return []key.Binding{k.Accept, k.Cancel}
	case m.picker != nil:
		return []key.Binding{k.Up, k.Down, k.Accept, k.Cancel}
	case m.showHelp:
		return []key.Binding{k.Help, k.Quit}
	}
	if m.session.Tree().Len() == 0 {
		return []key.Binding{k.NewTrace, k.Debug, k.Continue, k.Load, k.Sampler, k.Endpoint, k.Help, k.Quit}
	}
	return append(k.ShortHelp(), k.Tab)
}
