package workshop

import (
	"fmt"
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/ui"
)

// Input limits: a person types a few keys a second and pastes a B3 header
// now and then; more than this is a flood, slowed for that attendee alone.
const (
	maxPasteRunes  = 4096     // runes of one key message (a paste) kept
	inputPerSecond = 16 << 10 // bytes a second from one attendee
	inputBurst     = 16 << 10
	// A client says its window size; a frame is drawn that size. Past
	// these the frame is drawn at them (the terminal shows the rest blank).
	maxCols, maxRows = 400, 200
)

// lessonMsg moves an attendee's tour to lesson N (1-based): the presenter's
// "everyone to lesson N".
type lessonMsg struct{ N int }

// idleCheckMsg asks whether the attendee has been idle too long.
type idleCheckMsg time.Time

// cmdPanicMsg is a panic in one of the playground's commands, brought back
// to the attendee's model: it ends that attendee's playground only.
type cmdPanicMsg struct{ value any }

// progressReporter and lessonMover are what the board needs of the
// attendee's playground (ui.Model has both).
type progressReporter interface{ Progress() ui.Progress }
type lessonMover interface{ GotoLesson(n int) }

// attendeeModel runs one attendee's playground: it records their keys and
// progress for the board, ends the session after idle time, and keeps a
// panic inside it from going further than this attendee (the program ends
// with a sentence, the server and the others carry on).
type attendeeModel struct {
	inner tea.Model
	who   *attendee
	idle  time.Duration
	now   func() time.Time
	dead  bool
}

func (m *attendeeModel) Init() tea.Cmd {
	return tea.Batch(guardCmd(m.inner.Init()), m.idleCheck())
}

func (m *attendeeModel) idleCheck() tea.Cmd {
	if m.idle <= 0 {
		return nil
	}
	return tea.Tick(min(m.idle, time.Minute), func(t time.Time) tea.Msg { return idleCheckMsg(t) })
}

func (m *attendeeModel) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	if m.dead {
		return m, nil
	}
	defer func() {
		if r := recover(); r != nil {
			m.crash(r)
			next, cmd = m, tea.Quit
		}
	}()
	switch msg := msg.(type) {
	case tea.KeyMsg:
		m.who.touch(m.now())
		if len(msg.Runes) > maxPasteRunes {
			msg.Runes = msg.Runes[:maxPasteRunes]
		}
		return m, m.forward(msg)
	case tea.WindowSizeMsg:
		msg.Width, msg.Height = min(msg.Width, maxCols), min(msg.Height, maxRows)
		return m, m.forward(msg)
	case idleCheckMsg:
		if time.Time(msg).Sub(m.who.idleSince()) >= m.idle {
			m.who.say(fmt.Sprintf("No key for %s: the workshop closed your session (your spans already flushed are kept). Reconnect to play again.", m.idle))
			return m, tea.Quit
		}
		return m, m.idleCheck()
	case cmdPanicMsg:
		panic(msg.value) // recovered above, as a panic in Update is
	case lessonMsg:
		if mover, ok := m.inner.(lessonMover); ok {
			mover.GotoLesson(msg.N)
		}
		return m, nil
	}
	return m, m.forward(msg)
}

// forward gives msg to the playground and records its progress.
func (m *attendeeModel) forward(msg tea.Msg) tea.Cmd {
	inner, cmd := m.inner.Update(msg)
	m.inner = inner
	if p, ok := inner.(progressReporter); ok {
		m.who.setProgress(p.Progress())
	}
	return guardCmd(cmd)
}

// guardCmd runs cmd (and the commands of a batch it returns) with a
// recover: Bubble Tea would catch the panic too, but print its stack on
// the presenter's terminal and end the program without a word to the
// attendee.
func guardCmd(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = cmdPanicMsg{value: r}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			guarded := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				guarded[i] = guardCmd(c)
			}
			return guarded
		}
		return msg
	}
}

func (m *attendeeModel) crash(r any) {
	m.dead = true
	m.who.crash(r)
}

func (m *attendeeModel) View() (view string) {
	if m.dead {
		return ""
	}
	defer func() {
		if r := recover(); r != nil {
			m.crash(r)
			view = ""
		}
	}()
	return m.inner.View()
}

// limitedInput slows one attendee's input to inputPerSecond: the reader
// sleeps, the SSH window fills, their client waits; nobody else does.
type limitedInput struct {
	r      io.Reader
	tokens float64
	last   time.Time
	// now and sleep are the clock (a test's clock moves as it sleeps).
	now   func() time.Time
	sleep func(time.Duration)
}

func newLimitedInput(r io.Reader) *limitedInput {
	return &limitedInput{r: r, tokens: inputBurst, last: time.Now(), now: time.Now, sleep: time.Sleep}
}

func (l *limitedInput) Read(p []byte) (int, error) {
	if len(p) > inputBurst {
		p = p[:inputBurst]
	}
	n, err := l.r.Read(p)
	now := l.now()
	l.tokens = min(inputBurst, l.tokens+now.Sub(l.last).Seconds()*inputPerSecond) - float64(n)
	l.last = now
	if l.tokens < 0 {
		l.sleep(time.Duration(-l.tokens / inputPerSecond * float64(time.Second)))
	}
	return n, err
}
