package workshop

import (
	"fmt"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/ui"
)

// maxNameLen bounds a service name taken from an SSH user name.
const maxNameLen = 32

// serviceName is the SSH user name as a service name: lower case letters,
// digits, '.', '_' and '-' kept, anything else a '-', at most maxNameLen;
// "attendee" when nothing is left. The presenter tells whose trace is
// whose by it, so it must be plain text.
func serviceName(user string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(user) {
		if b.Len() >= maxNameLen {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-.")
	if name == "" {
		return "attendee"
	}
	return name
}

// attendee is one connected person: their name and what the board shows of
// them. The model's goroutine writes progress and lastKey; the board reads.
type attendee struct {
	name   string // service name, unique among those connected
	user   string // the SSH user name as typed: the same one twice is a duplicate
	joined time.Time

	mu       sync.Mutex
	progress ui.Progress
	lastKey  time.Time
	program  *tea.Program
	farewell string // said to the attendee when their program ends
	crashed  string // the panic that ended their playground, for the log
}

// AttendeeView is a snapshot of one attendee for the board.
type AttendeeView struct {
	Name     string
	Joined   time.Time
	LastKey  time.Time
	Progress ui.Progress
}

func (a *attendee) view() AttendeeView {
	a.mu.Lock()
	defer a.mu.Unlock()
	return AttendeeView{Name: a.name, Joined: a.joined, LastKey: a.lastKey, Progress: a.progress}
}

func (a *attendee) setProgress(p ui.Progress) {
	a.mu.Lock()
	a.progress = p
	a.mu.Unlock()
}

func (a *attendee) touch(t time.Time) {
	a.mu.Lock()
	a.lastKey = t
	a.mu.Unlock()
}

func (a *attendee) idleSince() time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.lastKey.IsZero() {
		return a.joined
	}
	return a.lastKey
}

func (a *attendee) setProgram(p *tea.Program) {
	a.mu.Lock()
	a.program = p
	a.mu.Unlock()
}

func (a *attendee) send(msg tea.Msg) {
	a.mu.Lock()
	p := a.program
	a.mu.Unlock()
	if p != nil {
		go p.Send(msg) // Send blocks until the program reads it
	}
}

func (a *attendee) say(s string) {
	a.mu.Lock()
	a.farewell = s
	a.mu.Unlock()
}

// crash records a panic that ended the attendee's playground.
func (a *attendee) crash(r any) {
	a.mu.Lock()
	a.farewell = "The playground hit a bug and stopped for you (the others carry on). Reconnect to start again."
	a.crashed = fmt.Sprint(r)
	a.mu.Unlock()
}

func (a *attendee) crashReason() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.crashed
}

func (a *attendee) saying() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.farewell
}

// roster is who is connected, within the workshop's limits.
type roster struct {
	capacity        int
	allowDuplicates bool

	mu      sync.Mutex
	list    []*attendee
	changed chan struct{} // closed on each join and leave, then replaced
}

func newRoster(capacity int, allowDuplicates bool) *roster {
	return &roster{capacity: capacity, allowDuplicates: allowDuplicates, changed: make(chan struct{})}
}

// join admits user, or says in one sentence why not. The same user name
// twice is a duplicate (refused unless allowed); two user names that come
// out as the same service name ("Ann", "ann") clash, and the second gets
// a suffix, as a duplicate that is allowed does.
func (r *roster) join(user string, now time.Time) (*attendee, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.list) >= r.capacity {
		return nil, fmt.Errorf("the workshop is full (%s): ask the presenter for a place", attendeeCount(r.capacity))
	}
	name := serviceName(user)
	if !r.allowDuplicates && r.connected(user) {
		return nil, fmt.Errorf("someone named %s is already connected: join with another name (ssh other-name@…)", name)
	}
	if r.taken(name) {
		name = r.free(name)
	}
	a := &attendee{name: name, user: user, joined: now}
	r.list = append(r.list, a)
	r.notify()
	return a, nil
}

// connected reports whether someone joined with this very user name.
func (r *roster) connected(user string) bool {
	for _, a := range r.list {
		if a.user == user {
			return true
		}
	}
	return false
}

func (r *roster) taken(name string) bool {
	for _, a := range r.list {
		if a.name == name {
			return true
		}
	}
	return false
}

// free is name with the first suffix -2, -3… nobody connected has.
func (r *roster) free(name string) string {
	for i := 2; ; i++ {
		if n := fmt.Sprintf("%s-%d", name, i); !r.taken(n) {
			return n
		}
	}
}

func (r *roster) leave(a *attendee) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, x := range r.list {
		if x == a {
			r.list = append(r.list[:i:i], r.list[i+1:]...)
			r.notify()
			return
		}
	}
}

func (r *roster) notify() {
	close(r.changed)
	r.changed = make(chan struct{})
}

// Changed is closed at the next join or leave.
func (r *roster) Changed() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.changed
}

// attendees is everyone connected, in order of arrival.
func (r *roster) attendees() []*attendee {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*attendee(nil), r.list...)
}

// Views is a snapshot of everyone connected.
func (r *roster) Views() []AttendeeView {
	list := r.attendees()
	out := make([]AttendeeView, len(list))
	for i, a := range list {
		out[i] = a.view()
	}
	return out
}

// broadcast sends msg to every attendee's program.
func (r *roster) broadcast(msg tea.Msg) {
	for _, a := range r.attendees() {
		a.send(msg)
	}
}

// attendeeCount is "1 attendee", "50 attendees".
func attendeeCount(n int) string {
	if n == 1 {
		return "1 attendee"
	}
	return fmt.Sprintf("%d attendees", n)
}
