package workshop

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/ui"
)

// Why attendees cannot do what the presenter can.
const (
	lockedReason  = "set by the workshop"
	noFilesReason = "off in a workshop: the files would be on the presenter's machine"
)

// leftSentence is said to an attendee who leaves (q): the screen would
// otherwise just vanish, as if the connection had dropped.
const leftSentence = "You left the workshop; ssh again to come back."

// wrongCodeDelay is how long a wrong join code is answered after: it slows
// guessing (one connection may try a few times) and not a person who
// mistyped.
//
// A variable only so that the tests, which type wrong codes on purpose, can
// shorten it before any server starts.
var wrongCodeDelay = 500 * time.Millisecond

// defaultIdle is how long an attendee may press no key before their
// session is closed (a forgotten laptop holds a place and memory).
const defaultIdle = 30 * time.Minute

// Server is the workshop's SSH server: each attendee their own playground,
// delivering to the workshop's receiver or endpoint.
type Server struct {
	opts        Options
	presenter   *tracing.Session // owns the embedded receiver when the endpoint is local
	base        tracing.Config   // every attendee's configuration but the service name
	spanBudget  int              // spans per attendee
	roster      *roster
	ssh         *ssh.Server
	listener    net.Listener
	fingerprint string
	sessions    sync.Map // *gossh.ServerConn → true: its one session is open
	logf        func(format string, args ...any)
	// newModel builds an attendee's playground (a test puts a faulty one).
	newModel func(s *tracing.Session, sess ssh.Session) tea.Model
}

// attendeeKey holds the *attendee in the SSH session's context.
type attendeeKey struct{}

// Start validates o, starts the presenter's session (and with it the
// embedded receiver when the endpoint is local) and listens for SSH.
// logf receives one line per join, leave and crash.
func Start(cfg tracing.Config, o Options, logf func(format string, args ...any)) (*Server, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	pem, signer, err := hostKey(o.HostKey)
	if err != nil {
		return nil, err
	}
	presenter, err := tracing.NewSession(cfg)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: o, presenter: presenter, roster: newRoster(o.MaxAttendees, o.AllowDuplicates), logf: logf,
		fingerprint: gossh.FingerprintSHA256(signer.PublicKey()), base: attendeeConfig(presenter),
		spanBudget: max(1, cfg.MaxSpans/max(1, o.MaxAttendees))}
	s.newModel = s.playground
	if err := s.listen(pem); err != nil {
		presenter.Close()
		return nil, err
	}
	return s, nil
}

// attendeeConfig is the presenter's configuration for an attendee: the
// same endpoint (the embedded receiver's URL when local), read back from
// the same query API, secrets never revealed.
func attendeeConfig(presenter *tracing.Session) tracing.Config {
	cfg := presenter.Config()
	if r := presenter.Receiver(); r != nil && presenter.Endpoint().Local {
		cfg.Endpoint, cfg.Query = r.URL(), "http://"+r.Addr()
	}
	cfg.Verify = cfg.Verify || cfg.Query != ""
	cfg.RevealSecrets = false
	return cfg
}

func (s *Server) listen(pem []byte) error {
	srv, err := wish.NewServer(
		wish.WithHostKeyPEM(pem),
		// The playground closes an idle attendee with a sentence; the
		// connection's own timeout, a minute later, catches the rest (a
		// client that never authenticates or never asks for a shell).
		wish.WithIdleTimeout(s.opts.idle()+time.Minute),
		s.auth(),
		func(srv *ssh.Server) error {
			// Only the playground: no exec, no subsystem (SFTP). Port
			// forwarding has no handler (no direct-tcpip channel, no
			// tcpip-forward request), so it is refused as well.
			srv.SessionRequestCallback = func(_ ssh.Session, kind string) bool { return kind == "shell" }
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.sessionChannel}
			limit := &connLimit{max: int64(s.opts.MaxAttendees + connSlack)}
			srv.ConnCallback = limit.admit
			return nil
		},
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii),
			s.gate,
			s.recoverSession,
		),
	)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.opts.SSH)
	if err != nil {
		return fmt.Errorf("cannot listen for SSH on %s: %w", s.opts.SSH, err)
	}
	s.ssh, s.listener = srv, ln
	go func() { _ = srv.Serve(ln) }()
	return nil
}

// auth asks for the join code as the password (or by keyboard-interactive)
// when there is one, or lets a key in to type it on the join screen;
// without a code anyone reaching the address joins.
func (s *Server) auth() ssh.Option {
	code := s.opts.Code
	if code == "" {
		return func(*ssh.Server) error { return nil }
	}
	right := func(answer string) bool {
		if subtle.ConstantTimeCompare([]byte(answer), []byte(code)) == 1 {
			return true
		}
		time.Sleep(wrongCodeDelay) // guessing the code takes a while
		return false
	}
	return func(srv *ssh.Server) error {
		srv.PasswordHandler = func(_ ssh.Context, password string) bool { return right(password) }
		srv.KeyboardInteractiveHandler = func(ctx ssh.Context, ch gossh.KeyboardInteractiveChallenge) bool {
			answers, err := ch("", codeInstruction(ctx), []string{"Join code: "}, []bool{false})
			return err == nil && len(answers) == 1 && right(answers[0])
		}
		srv.PublicKeyHandler = acceptKeyOnly
		return nil
	}
}

// gate admits a session into the playground: a terminal, a place and a
// name it can have; otherwise one sentence and the session ends. A
// connection let in by a key alone types the join code first.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			wish.Fatalln(sess, "The workshop is a terminal app: connect with ssh -t so that it gets a terminal.")
			return
		}
		if keyOnly(sess.Context()) {
			s.joinByCode(sess, next)
			return
		}
		a, err := s.admit(sess)
		if err != nil {
			wish.Fatalln(sess, refusal(err))
			return
		}
		sess.Context().SetValue(attendeeKey{}, a)
		defer s.leave(a)
		next(sess)
		s.goodbye(sess, a)
	}
}

// admit gives the session a place and a name on the roster.
func (s *Server) admit(sess ssh.Session) (*attendee, error) {
	a, err := s.roster.join(sess.User(), time.Now())
	if err != nil {
		// The presenter hears of it too: a full room may want a
		// larger --max-attendees.
		s.logf("%s turned away: %s", sess.User(), err)
		return nil, err
	}
	s.logf("%s joined from %s", a.name, sess.RemoteAddr())
	return a, nil
}

func (s *Server) leave(a *attendee) {
	s.roster.leave(a)
	s.logf("%s left", a.name)
}

// goodbye says the attendee's last sentence as their session ends.
func (s *Server) goodbye(sess ssh.Session, a *attendee) {
	bye := a.saying()
	if bye == "" { // nothing ended it but the attendee (q)
		bye = leftSentence
	}
	wish.Println(sess, bye+"\r")
	if why := a.crashReason(); why != "" {
		s.logf("%s's playground stopped on a bug: %s", a.name, secret.Sanitize(why))
	}
}

// refusal is a roster's refusal as the sentence the session ends with.
func refusal(err error) string { return capitalize(err.Error()) + "." }

// recoverSession keeps a panic while serving one session (outside the
// playground's own guard) from ending the server: that session ends.
func (s *Server) recoverSession(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				s.logf("a session of %s stopped on a bug: %s", secret.Sanitize(sess.User()), secret.Sanitize(fmt.Sprint(r)))
				wish.Fatalln(sess, "The playground hit a bug and stopped for you (the others carry on). Reconnect to start again.")
			}
		}()
		next(sess)
	}
}

// program builds the session's Bubble Tea program: the join screen for a
// connection that has still to type the code, else the attendee's own
// playground; nil (with a sentence) when their playground cannot start.
func (s *Server) program(sess ssh.Session) *tea.Program {
	if j, _ := sess.Context().Value(joinKey{}).(*joinScreen); j != nil {
		rendererFor(sess) // the terminal answers its questions before the join screen reads keys
		j.program = tea.NewProgram(j, programOptions(sess)...)
		return j.program
	}
	a, _ := sess.Context().Value(attendeeKey{}).(*attendee)
	if a == nil {
		return nil
	}
	m := s.attendeeModel(sess, a)
	if m == nil {
		return nil
	}
	p := tea.NewProgram(m, programOptions(sess)...)
	a.setProgram(p)
	return p
}

// attendeeModel is a's playground over their own tracing session; nil
// (with a sentence) when it cannot start.
func (s *Server) attendeeModel(sess ssh.Session, a *attendee) *attendeeModel {
	cfg := s.base
	cfg.Service = a.name
	ts, err := tracing.NewSession(cfg)
	if err != nil {
		a.say("Your playground could not start: " + s.presenter.Masker().Mask(err.Error()))
		return nil
	}
	go func() { <-sess.Context().Done(); ts.Close() }()
	return &attendeeModel{inner: s.newModel(ts, sess), who: a, idle: s.opts.idle(), now: time.Now}
}

func programOptions(sess ssh.Session) []tea.ProgramOption {
	// 120 frames a second (Bubble Tea's most): a key's frame waits for the
	// next tick, ~4ms on average instead of ~8ms at the default 60.
	return append(bm.MakeOptions(sess), tea.WithInput(newLimitedInput(sess)), tea.WithAltScreen(), tea.WithFPS(120))
}

// playground is the attendee's ui.Model: the workshop's policy, their own
// renderer (their terminal's colours).
func (s *Server) playground(ts *tracing.Session, sess ssh.Session) tea.Model {
	policy := ui.Policy{Locked: lockedReason, NoFiles: noFilesReason, MaxSpans: s.spanBudget}
	return ui.New(ts, ui.WithPolicy(policy), ui.WithRenderer(rendererFor(sess)))
}

// Addr is the SSH server's address.
func (s *Server) Addr() net.Addr { return s.listener.Addr() }

// Fingerprint is the host key's SHA256 fingerprint, as ssh shows it.
func (s *Server) Fingerprint() string { return s.fingerprint }

// Presenter is the presenter's own session (its receiver is the workshop's).
func (s *Server) Presenter() *tracing.Session { return s.presenter }

// Attendees is a snapshot of everyone connected.
func (s *Server) Attendees() []AttendeeView { return s.roster.Views() }

// Changed is closed at the next join or leave.
func (s *Server) Changed() <-chan struct{} { return s.roster.Changed() }

// MoveEveryone moves every attendee's tour to lesson n (1-based).
func (s *Server) MoveEveryone(n int) { s.roster.broadcast(lessonMsg{N: n}) }

// goodbyeWait is how long Close lets attendees read that the workshop
// ended before their connections are cut.
const goodbyeWait = 2 * time.Second

// Close tells every attendee the workshop has ended, waits (a moment at
// most) for their playgrounds to say so, then stops the SSH server and the
// receiver.
func (s *Server) Close() error {
	for _, a := range s.roster.attendees() {
		a.say("The workshop has ended: thank you for joining!")
		a.send(tea.Quit())
	}
	s.waitUntilEveryoneLeft(goodbyeWait)
	return errors.Join(s.ssh.Close(), s.presenter.Close())
}

func (s *Server) waitUntilEveryoneLeft(limit time.Duration) {
	deadline := time.After(limit)
	for {
		changed := s.roster.Changed()
		if len(s.roster.attendees()) == 0 {
			return
		}
		select {
		case <-changed:
		case <-deadline:
			return
		}
	}
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
