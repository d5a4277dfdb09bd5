package workshop

import (
	"crypto/subtle"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Join screen limits: a code is a word or two, and a third wrong try is
// not a typo.
const (
	maxCodeRunes = 128
	maxCodeTries = 3
)

// The join screen's words.
const (
	joinPrompt = "Type the workshop's join code:"
	wrongCode  = "That is not the join code: ask the presenter for it."
	// tooManyTries is said as the session closes after the last wrong try.
	tooManyTries = "Three wrong join codes: ask the presenter for the code, then ssh again."
)

// joinKeys are the join screen's keys.
type joinKeys struct {
	Check, Erase, Leave key.Binding
}

func defaultJoinKeys() joinKeys {
	return joinKeys{
		Check: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "join")),
		Erase: key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("backspace", "erase")),
		Leave: key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", "leave")),
	}
}

// checkedMsg answers a wrong code, a moment after it was typed.
type checkedMsg struct{}

// joinScreen asks a connection let in by a key alone (no code as its
// password) for the join code, and becomes the attendee's playground once
// it is typed: only then does the connection take a place and a name.
type joinScreen struct {
	code string
	// admit gives the connection its place and playground; nil when it
	// cannot have one (it has said why).
	admit    func() tea.Model
	program  *tea.Program       // this screen's program, the playground's after
	size     *tea.WindowSizeMsg // the last size, for the playground
	typed    []rune
	tries    int
	checking bool // a wrong code waits to be answered
	wrong    bool
	farewell string // said as the session closes, when it ends here
	keys     joinKeys
}

func newJoinScreen(code string, admit func() tea.Model) *joinScreen {
	return &joinScreen{code: code, admit: admit, keys: defaultJoinKeys()}
}

func (j *joinScreen) Init() tea.Cmd { return nil }

func (j *joinScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		j.size = &msg
	case checkedMsg:
		return j.answered()
	case tea.KeyMsg:
		return j.key(msg)
	}
	return j, nil
}

func (j *joinScreen) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, j.keys.Leave):
		return j, tea.Quit
	case j.checking:
	case key.Matches(msg, j.keys.Check):
		return j.check()
	case key.Matches(msg, j.keys.Erase):
		j.typed = j.typed[:max(0, len(j.typed)-1)]
	case msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace:
		room := maxCodeRunes - len(j.typed)
		j.typed = append(j.typed, msg.Runes[:min(room, len(msg.Runes))]...)
	}
	return j, nil
}

// check lets the right code in at once; a wrong one is answered after
// wrongCodeDelay, as the SSH password is, so that guessing takes a while.
func (j *joinScreen) check() (tea.Model, tea.Cmd) {
	typed := string(j.typed)
	j.typed = nil
	if subtle.ConstantTimeCompare([]byte(typed), []byte(j.code)) == 1 {
		return j.enter()
	}
	j.tries++
	j.checking = true
	return j, tea.Tick(wrongCodeDelay, func(time.Time) tea.Msg { return checkedMsg{} })
}

func (j *joinScreen) answered() (tea.Model, tea.Cmd) {
	j.checking, j.wrong = false, true
	if j.tries >= maxCodeTries {
		j.farewell = tooManyTries
		return j, tea.Quit
	}
	return j, nil
}

// enter hands over to the playground: its start and the terminal's size.
func (j *joinScreen) enter() (tea.Model, tea.Cmd) {
	next := j.admit()
	if next == nil {
		return j, tea.Quit
	}
	cmds := []tea.Cmd{next.Init()}
	if size := j.size; size != nil {
		cmds = append(cmds, func() tea.Msg { return *size })
	}
	return next, tea.Batch(cmds...)
}

func (j *joinScreen) View() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n  %s\n\n  > %s\n\n", joinPrompt, strings.Repeat("•", len(j.typed)))
	switch {
	case j.checking:
		b.WriteString("  Checking…\n")
	case j.wrong:
		left := maxCodeTries - j.tries
		fmt.Fprintf(&b, "  %s (%d %s left)\n", wrongCode, left, plural(left, "try", "tries"))
	default:
		b.WriteString("\n")
	}
	var help []string
	for _, k := range []key.Binding{j.keys.Check, j.keys.Leave} {
		help = append(help, k.Help().Key+" "+k.Help().Desc)
	}
	fmt.Fprintf(&b, "\n  %s\n", strings.Join(help, " · "))
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
