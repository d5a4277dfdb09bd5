package pane

import (
	"fmt"
	"time"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/dialog"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/verify"
)

// recvSource is what the Received pane draws: what the embedded receiver got,
// or what another backend (Zipkin, Jaeger) stored, as verification read it
// back. A learner sending to Jaeger sees Jaeger's copy, rewrites included.
type recvSource int

const (
	sourceReceiver recvSource = iota
	sourceBackend
)

// backendTraces are the traces verification read back from a backend other
// than the embedded receiver, in the order first read back; a trace read
// again replaces its earlier copy. Kept from the verification's report, so
// drawing them costs no request of its own.
type backendTraces struct {
	kind, query string // the query API's kind and masked URL, of the last read-back
	traces      []receiver.ReceivedTrace
}

// keep takes the stored copy of each trace rep found (a trace not found adds
// nothing). at stands for the arrival time the pane's summary shows.
func (b *backendTraces) keep(rep verify.Report, at time.Time) {
	for _, t := range rep.Traces {
		if len(t.Stored) == 0 {
			continue
		}
		b.kind, b.query = rep.Kind, rep.Query
		rt := receiver.ReceivedTrace{TraceID: t.ID, Spans: t.Stored, First: at}
		if i := b.index(t.ID.String()); i >= 0 {
			rt.First = b.traces[i].First
			b.traces = append(b.traces[:i], b.traces[i+1:]...)
		}
		b.traces = append(b.traces, rt)
	}
	if over := len(b.traces) - maxBackendTraces; over > 0 {
		b.traces = append(b.traces[:0:0], b.traces[over:]...)
	}
}

// maxBackendTraces bounds what is kept of read-backs (the oldest go first),
// as the receiver bounds what it holds: V after a burst reads many.
const maxBackendTraces = 1000

// kindNames are the query APIs' kinds as a title says them.
var kindNames = map[string]string{verify.QueryKindZipkin: "Zipkin", verify.QueryKindJaeger: "Jaeger"}

func (b *backendTraces) index(id string) int {
	for i, t := range b.traces {
		if t.TraceID.String() == id {
			return i
		}
	}
	return -1
}

// stats counts the read-back traces as the title shows the receiver's.
func (b *backendTraces) stats() receiver.Stats {
	st := receiver.Stats{Traces: len(b.traces), Batches: len(b.traces)}
	for _, t := range b.traces {
		st.Spans += len(t.Spans)
	}
	return st
}

// firstLabel names a trace's time in the details: when it arrived at the
// receiver, or when verification first read it back.
func (v *Received) firstLabel() string {
	if v.showsBackend() {
		return "read back"
	}
	return "arrived"
}

// Available says whether the pane has anything to show: the receiver runs,
// or a backend's traces were read back.
func (v *Received) Available() bool {
	return v.Session.Receiver() != nil || len(v.backend.traces) > 0
}

// showsBackend says whether the pane draws the backend's traces: when chosen,
// or when no receiver runs.
func (v *Received) showsBackend() bool {
	return len(v.backend.traces) > 0 && (v.source == sourceBackend || v.Session.Receiver() == nil)
}

// current is the traces and counts of the source shown; ok is false when
// there is none.
func (v *Received) current() (traces []receiver.ReceivedTrace, stats receiver.Stats, ok bool) {
	if v.showsBackend() {
		return v.backend.traces, v.backend.stats(), true
	}
	r := v.Session.Receiver()
	if r == nil {
		return nil, receiver.Stats{}, false
	}
	return r.Traces(), r.Stats(), true
}

// backendTitle names the pane when it shows a backend's copy.
func (v *Received) backendTitle() string {
	counts := fmt.Sprintf(" · %s in %s", component.Plural(v.Stats.Spans, "span"), component.Plural(v.Stats.Traces, "trace"))
	kind := kindNames[v.backend.kind]
	if kind == "" {
		kind = component.Safe(v.backend.kind)
	}
	return component.FitTitle(v.Width, "Stored in the "+kind+" backend at "+component.Safe(v.backend.query)+counts,
		"Stored in the "+kind+" backend"+counts, "Stored in "+kind+counts, kind+counts, kind)
}

// ReadBack keeps what a verification read from another backend and lays
// the pane out again when it shows it. A read-back from the embedded
// receiver is what the receiver's own stream already shows.
func (v *Received) ReadBack(rep verify.Report, local bool, at time.Time) {
	if local {
		return
	}
	v.backend.keep(rep, at)
	if v.showsBackend() {
		v.refresh()
	}
}

// adopt takes the receiver a command started (E → local): the outbox sends
// to it, and the pane follows what arrives from now.
func (v *Received) adopt(msg component.ReceiverStartedMsg) tea.Cmd {
	if msg.Err != nil {
		v.SayError(fmt.Sprintf("the embedded receiver did not start: %v", msg.Err))
		return nil
	}
	if err := v.Session.UseReceiver(msg.Receiver); err != nil {
		v.SayError(err.Error())
		return nil
	}
	v.refresh()
	dialog.EndpointEditor{Common: v.Common}.Changed()
	return component.WaitReceived(v.Session.Receiver())
}

// HasBackendTraces says verification has read traces back from another
// backend, so the pane has a second source to show.
func (v *Received) HasBackendTraces() bool { return len(v.backend.traces) > 0 }

// SwitchSource toggles the pane between the embedded receiver and the
// backend, from the top, and says what it shows now.
func (v *Received) SwitchSource() string {
	v.source = 1 - v.source
	v.cursor, v.offset = 0, 0
	v.refresh()
	if v.showsBackend() {
		return fmt.Sprintf("Received pane: what the %s backend stored, as verification read it back from %s.", kindNames[v.backend.kind], component.Safe(v.backend.query))
	}
	return "Received pane: what the embedded receiver got."
}

// ShowOnly shows only the traces service took part in, from the top; ""
// shows every trace again.
func (v *Received) ShowOnly(service string) {
	v.only = serviceFilter(service)
	v.cursor, v.offset = 0, 0
	v.refresh()
}
