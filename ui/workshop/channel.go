package workshop

import (
	"net"
	"sync"
	"sync/atomic"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Bounds on what one connection may ask for before it is an attendee.
const (
	maxEnvRequests = 32 // LANG, TERM and friends; more is a flood
	// connSlack is how many connections beyond --max-attendees may be
	// between TCP accept and a place (authenticating, refused with a
	// sentence); past it a new connection is closed at once.
	connSlack = 16
)

// connLimit counts open connections.
type connLimit struct {
	max  int64
	open atomic.Int64
}

// admit wraps c so that closing it frees its place; nil (the server closes
// c) when every place is taken.
func (l *connLimit) admit(_ ssh.Context, c net.Conn) net.Conn {
	if l.open.Add(1) > l.max {
		l.open.Add(-1)
		return nil
	}
	return &countedConn{Conn: c, limit: l}
}

type countedConn struct {
	net.Conn
	limit *connLimit
	once  sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.limit.open.Add(-1) })
	return c.Conn.Close()
}

// sessionChannel opens the one session a connection may have (its
// playground), its requests filtered: agent and X11 forwarding are refused
// (nothing in the playground needs them), and env requests are bounded.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	if !s.firstSession(conn) {
		_ = nc.Reject(gossh.Prohibited, "one playground per connection")
		return
	}
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{nc}, ctx)
}

// firstSession reports whether conn opens its first session channel; the
// record goes when the connection closes.
func (s *Server) firstSession(conn *gossh.ServerConn) bool {
	if _, taken := s.sessions.LoadOrStore(conn, true); taken {
		return false
	}
	go func() {
		_ = conn.Wait()
		s.sessions.Delete(conn)
	}()
	return true
}

// filteredChannel hands the session handler the channel's requests minus
// those the playground refuses.
type filteredChannel struct{ gossh.NewChannel }

func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go filterRequests(reqs, out)
	return ch, out, nil
}

var refusedRequests = map[string]bool{"auth-agent-req@openssh.com": true, "x11-req": true}

func filterRequests(in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	env := 0
	for req := range in {
		if req.Type == "env" {
			env = min(env+1, maxEnvRequests+1)
		}
		if refusedRequests[req.Type] || req.Type == "env" && env > maxEnvRequests {
			_ = req.Reply(false, nil)
			continue
		}
		out <- req
	}
}
