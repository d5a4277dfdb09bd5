package ui

import (
	"context"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/secret"
	"zipkin-playground/ui/component"
)

// settle skips the commands that only wait by the name of their function:
// a renamed one would make settle wait for a timer or hang on the receiver,
// so each name in waitingCmds must still be the name its command has.
func TestWaitingCmdsAreNamedAsTheirCommands(t *testing.T) {
	t.Parallel()
	blink := cursor.New()
	blink.SetMode(cursor.CursorBlink)
	for what, c := range map[string]tea.Cmd{
		"tea.Tick":            tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil }),
		"the cursor's blink":  blink.BlinkCmd(),
		"the receiver's wait": component.WaitReceived(newSession(t).Receiver()),
	} {
		if !waitsOnly(c) {
			t.Errorf("%s (%s) is not in waitingCmds", what, cmdName(c))
		}
	}
	if flush := component.StartFlush(context.Background(), nil, 0, secret.Endpoint{}); waitsOnly(flush) {
		t.Error("a flush counts as a command that only waits")
	}
}
