package workshop

import (
	"cmp"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
)

// askedKey marks a connection that was asked for the join code already.
type askedKey struct{}

// codeInstruction is what ssh shows above the join code prompt: the second
// time on one connection, that the last answer was wrong (OpenSSH asks
// again, and the same words twice read as if nothing had been typed).
func codeInstruction(ctx ssh.Context) string {
	if ctx.Value(askedKey{}) != nil {
		return "That is not the join code: ask the presenter for it."
	}
	ctx.SetValue(askedKey{}, true)
	return "This workshop needs its join code."
}

// keyOnlyKey marks a connection let in by a public key alone: it has not
// given the join code yet.
type keyOnlyKey struct{}

// acceptKeyOnly lets any key in (a key proves nothing here: the workshop
// knows no one's key) and marks the connection, so that its playground
// starts with the join screen. A client that tries the code first as its
// password never gets here.
func acceptKeyOnly(ctx ssh.Context, _ ssh.PublicKey) bool {
	ctx.SetValue(keyOnlyKey{}, true)
	return true
}

// keyOnly reports whether the connection has still to type the join code.
func keyOnly(ctx ssh.Context) bool {
	v, _ := ctx.Value(keyOnlyKey{}).(bool)
	return v
}

// joinKey holds the *joinScreen of a connection that has still to type
// the join code.
type joinKey struct{}

// joinByCode serves a connection let in by a key alone: the join screen,
// which admits it (a place, a name, a playground) once the code is right.
// Until then it holds no place and no name, and is not on the board.
func (s *Server) joinByCode(sess ssh.Session, next ssh.Handler) {
	var a *attendee
	var j *joinScreen
	defer func() {
		if a != nil {
			s.leave(a)
		}
	}()
	j = newJoinScreen(s.opts.Code, func() tea.Model {
		joined, err := s.admit(sess)
		if err != nil {
			j.farewell = refusal(err)
			return nil
		}
		a = joined
		m := s.attendeeModel(sess, a)
		if m == nil {
			return nil
		}
		a.setProgram(j.program)
		return m
	})
	sess.Context().SetValue(joinKey{}, j)
	next(sess)
	if a != nil {
		s.goodbye(sess, a)
		return
	}
	wish.Println(sess, cmp.Or(j.farewell, leftSentence)+"\r")
}

// rendererKey holds the session's *lipgloss.Renderer.
type rendererKey struct{}

// rendererFor is the session's renderer (their terminal's colours), made
// once. Making it asks the terminal for its background and reads the
// answer from the session's input: that must happen before a program
// reads the input as keys, or the answer is taken for keys and the
// question waits out its timeout.
func rendererFor(sess ssh.Session) *lipgloss.Renderer {
	if r, ok := sess.Context().Value(rendererKey{}).(*lipgloss.Renderer); ok {
		return r
	}
	r := bm.MakeRenderer(sess)
	r.HasDarkBackground()
	sess.Context().SetValue(rendererKey{}, r)
	return r
}
