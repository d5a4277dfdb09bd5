package workshop

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/secret"
	"zipkin-playground/ui"
)

// boardKeys are the board's own keys; every other key goes to the
// presenter's playground below it.
type boardKeys struct {
	Next, Prev, All, Lesson, Accept, Cancel key.Binding
}

func defaultBoardKeys() boardKeys {
	return boardKeys{
		Next:   key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "next attendee")),
		Prev:   key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "previous attendee")),
		All:    key.NewBinding(key.WithKeys("ctrl+a"), key.WithHelp("ctrl+a", "everyone's traces")),
		Lesson: key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l N enter", "everyone to lesson N")),
		Accept: key.NewBinding(key.WithKeys("enter")),
		Cancel: key.NewBinding(key.WithKeys("esc", "ctrl+c")),
	}
}

// rosterMsg is a new snapshot of who is connected.
type rosterMsg []AttendeeView

// boardTickMsg refreshes progress and last keys.
type boardTickMsg struct{}

// logLineMsg is one join, leave or crash line.
type logLineMsg string

// board is the presenter's screen: who is connected, and under it the
// presenter's own playground, whose Received pane shows every trace arriving
// in the workshop's receiver.
type board struct {
	srv      *Server
	play     *ui.Model
	keys     boardKeys
	lines    <-chan string
	people   []AttendeeView
	selected string // the attendee whose traces are shown; "" for everyone
	lesson   string // digits typed after ctrl+l
	asking   bool   // ctrl+l was pressed: digits and enter follow
	note     string // the last join, leave or board action
	width    int
	height   int
}

func newBoard(s *Server, lines <-chan string) *board {
	play := ui.New(s.Presenter())
	play.FocusReceived()
	play.AskBeforeQuit(func() string {
		n := len(s.Attendees())
		if n == 0 {
			return ""
		}
		return fmt.Sprintf("%d connected: quitting ends the workshop for them", n)
	})
	return &board{srv: s, play: play, keys: defaultBoardKeys(), lines: lines,
		note: "Attendees' traces appear in Received as they flush, newest first."}
}

// runBoard shows the board until ctx ends or the presenter quits.
func runBoard(ctx context.Context, s *Server, lines <-chan string) error {
	p := tea.NewProgram(newBoard(s, lines), tea.WithAltScreen(), tea.WithContext(ctx))
	_, err := p.Run()
	if err != nil && ctx.Err() != nil {
		return nil // interrupted: the workshop is over
	}
	return err
}

func (b *board) Init() tea.Cmd {
	return tea.Batch(b.play.Init(), b.watchRoster(), b.nextLine(), boardTick())
}

func (b *board) watchRoster() tea.Cmd {
	changed := b.srv.Changed()
	return func() tea.Msg {
		<-changed
		return rosterMsg(b.srv.Attendees())
	}
}

func (b *board) nextLine() tea.Cmd {
	return func() tea.Msg { return logLineMsg(<-b.lines) }
}

func boardTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return boardTickMsg{} })
}

func (b *board) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		b.width, b.height = msg.Width, msg.Height
		return b, b.sizePlayground()
	case rosterMsg:
		b.people = msg
		return b, tea.Batch(b.watchRoster(), b.sizePlayground())
	case boardTickMsg:
		b.people = b.srv.Attendees()
		return b, boardTick()
	case logLineMsg:
		b.note = secret.Sanitize(string(msg))
		return b, b.nextLine()
	case tea.KeyMsg:
		if cmd, ok := b.boardKey(msg); ok {
			return b, cmd
		}
	}
	_, cmd := b.play.Update(msg)
	return b, cmd
}

// boardKey handles the board's own keys; ok is false for the playground's.
func (b *board) boardKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	if b.asking {
		b.lessonKey(msg)
		return nil, true
	}
	switch {
	case key.Matches(msg, b.keys.Next):
		b.pick(+1)
	case key.Matches(msg, b.keys.Prev):
		b.pick(-1)
	case key.Matches(msg, b.keys.All):
		b.show("")
	case key.Matches(msg, b.keys.Lesson):
		b.asking, b.lesson = true, ""
	default:
		return nil, false
	}
	return nil, true
}

// lessonKey reads "N enter" after ctrl+l.
func (b *board) lessonKey(msg tea.KeyMsg) {
	switch {
	case key.Matches(msg, b.keys.Cancel):
		b.asking = false
	case key.Matches(msg, b.keys.Accept):
		b.asking = false
		b.moveEveryone()
	case msg.Type == tea.KeyBackspace && b.lesson != "":
		b.lesson = b.lesson[:len(b.lesson)-1]
	case msg.Type == tea.KeyRunes && len(msg.Runes) == 1 && msg.Runes[0] >= '0' && msg.Runes[0] <= '9' && len(b.lesson) < 3:
		b.lesson += string(msg.Runes)
	}
}

// moveEveryone moves every tour to the lesson typed, saying which when
// there is no such lesson.
func (b *board) moveEveryone() {
	n, err := strconv.Atoi(b.lesson)
	last := ui.Lessons()
	switch {
	case err != nil || last == 0:
		return
	case n < 1 || n > last:
		b.note = fmt.Sprintf("There is no lesson %d: the tour has lessons 1 to %d.", n, last)
	default:
		b.srv.MoveEveryone(n)
		b.note = fmt.Sprintf("Moved everyone's tour to lesson %d of %d.", n, last)
	}
}

// pick moves the selection through the attendees (and "everyone").
func (b *board) pick(step int) {
	i := -1 // everyone
	for j, a := range b.people {
		if a.Name == b.selected {
			i = j
		}
	}
	n := len(b.people) + 1
	i = ((i+1+step)%n+n)%n - 1
	if i < 0 {
		b.show("")
		return
	}
	b.show(b.people[i].Name)
}

func (b *board) show(name string) {
	b.selected = name
	b.play.ShowReceivedOf(name)
	if name == "" {
		b.note = "Showing everyone's traces."
	} else {
		b.note = "Showing " + name + "'s traces; ctrl+a shows everyone's."
	}
}

// sizePlayground gives the playground what the roster leaves.
func (b *board) sizePlayground() tea.Cmd {
	if b.width == 0 {
		return nil
	}
	_, cmd := b.play.Update(tea.WindowSizeMsg{Width: b.width, Height: max(1, b.height-b.rosterHeight())})
	return cmd
}
