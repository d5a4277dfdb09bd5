package workshop

import (
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"zipkin-playground/ui"
)

// The playground under the roster keeps at least its own usable height;
// the roster takes what is left, its title, header and note lines included.
const (
	rosterChrome = 4 // title, how to join, column header, note
	minRosterRow = 1
)

var (
	boardTitle    = lipgloss.NewStyle().Bold(true).Reverse(true)
	boardSelected = lipgloss.NewStyle().Reverse(true)
	boardDim      = lipgloss.NewStyle().Faint(true)
)

// rosterRows is how many attendee rows fit above the playground.
func (b *board) rosterRows() int {
	room := b.height - ui.MinHeight - rosterChrome
	return max(minRosterRow, min(max(1, len(b.people)), room))
}

func (b *board) rosterHeight() int { return rosterChrome + b.rosterRows() }

func (b *board) View() string {
	if b.width == 0 {
		return ""
	}
	// How to join stays on screen: latecomers arrive after the first
	// join or leave has taken the note line.
	lines := []string{boardTitle.Render(b.fit(b.title())), b.fit(b.srv.joinLine())}
	lines = append(lines, boardDim.Render(b.fit(fmt.Sprintf("  %-22s %6s %9s %8s  %s", "attendee", "spans", "delivered", "verified", "last key"))))
	lines = append(lines, b.rows()...)
	note := b.note
	if b.asking {
		note = fmt.Sprintf("Everyone to lesson (1 to %d): %s▌ (enter moves, esc cancels)", ui.Lessons(), b.lesson)
	}
	lines = append(lines, b.fit(note))
	return strings.Join(lines, "\n") + "\n" + b.play.View()
}

func (b *board) title() string {
	return fmt.Sprintf(" Workshop · %d/%d connected · ctrl+n/p pick · ctrl+a all · ctrl+l lesson N",
		len(b.people), b.srv.opts.MaxAttendees)
}

// rows are the attendee rows that fit, the selected one kept in view; when
// not all fit, the last row says how many more there are.
func (b *board) rows() []string {
	n := b.rosterRows()
	if len(b.people) == 0 {
		// The whole fingerprint, which the join line may cut, for the
		// first attendees to compare with what their ssh shows.
		return padRows([]string{b.fit("  nobody yet · host key " + b.srv.Fingerprint())}, n)
	}
	show := n
	if len(b.people) > n && n > 1 {
		show = n - 1
	}
	first := 0
	for i, a := range b.people {
		if a.Name == b.selected && i >= show {
			first = i - show + 1
		}
	}
	var out []string
	now := time.Now()
	for _, a := range b.people[first:min(len(b.people), first+show)] {
		line := b.fit(fmt.Sprintf("  %-22s %6d %9d %8d  %s", ansi.Truncate(a.Name, 22, "…"),
			a.Progress.Spans, a.Progress.Delivered, a.Progress.Verified, ago(now, a.LastKey)))
		if a.Name == b.selected {
			line = boardSelected.Render(line)
		}
		out = append(out, line)
	}
	if hidden := len(b.people) - show; hidden > 0 && show < n {
		out = append(out, b.fit(fmt.Sprintf("  … and %d more (ctrl+n/ctrl+p scroll)", hidden)))
	}
	return padRows(out, n)
}

func padRows(rows []string, n int) []string {
	for len(rows) < n {
		rows = append(rows, "")
	}
	return rows[:n]
}

// fit cuts or pads a line to the board's width.
func (b *board) fit(s string) string {
	s = ansi.Truncate(s, b.width, "…")
	if w := ansi.StringWidth(s); w < b.width {
		s += strings.Repeat(" ", b.width-w)
	}
	return s
}

func ago(now, t time.Time) string {
	if t.IsZero() {
		return "no key yet"
	}
	return now.Sub(t).Truncate(time.Second).String() + " ago"
}

// sshCommand is what attendees type.
func (s *Server) sshCommand() string {
	host, port, _ := net.SplitHostPort(s.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = outboundHost()
	}
	return fmt.Sprintf("ssh -p %s NAME@%s", port, host)
}

// joinLine is the join block in one line, for the board.
func (s *Server) joinLine() string {
	line := "Join: " + s.sshCommand()
	if s.opts.Code != "" {
		line += " · join code " + s.opts.Code
	}
	return line + " · host key " + s.Fingerprint()
}
