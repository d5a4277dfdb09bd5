package ui

import (
	"fmt"
	"time"

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
func (v *receivedPane) firstLabel() string {
	if v.showsBackend() {
		return "read back"
	}
	return "arrived"
}

// available says whether the pane has anything to show: the receiver runs,
// or a backend's traces were read back.
func (v *receivedPane) available() bool {
	return v.session.Receiver() != nil || len(v.backend.traces) > 0
}

// showsBackend says whether the pane draws the backend's traces: when chosen,
// or when no receiver runs.
func (v *receivedPane) showsBackend() bool {
	return len(v.backend.traces) > 0 && (v.source == sourceBackend || v.session.Receiver() == nil)
}

// current is the traces and counts of the source shown; ok is false when
// there is none.
func (v *receivedPane) current() (traces []receiver.ReceivedTrace, stats receiver.Stats, ok bool) {
	if v.showsBackend() {
		return v.backend.traces, v.backend.stats(), true
	}
	r := v.session.Receiver()
	if r == nil {
		return nil, receiver.Stats{}, false
	}
	return r.Traces(), r.Stats(), true
}

// backendTitle names the pane when it shows a backend's copy.
func (v *receivedPane) backendTitle() string {
	counts := fmt.Sprintf(" · %s in %s", plural(v.stats.Spans, "span"), plural(v.stats.Traces, "trace"))
	kind := kindNames[v.backend.kind]
	if kind == "" {
		kind = safe(v.backend.kind)
	}
	return fitTitle(v.width, "Stored in the "+kind+" backend at "+safe(v.backend.query)+counts,
		"Stored in the "+kind+" backend"+counts, "Stored in "+kind+counts, kind+counts, kind)
}

// readBack keeps what a verification read from another backend and lays
// the pane out again when it shows it. A read-back from the embedded
// receiver is what the receiver's own stream already shows.
func (v *receivedPane) readBack(rep verify.Report, local bool, at time.Time) {
	if local {
		return
	}
	v.backend.keep(rep, at)
	if v.showsBackend() {
		v.refresh()
	}
}

// sourceActions is the Received pane's source switch.
func sourceActions(k *KeyMap) []action {
	return []action{{&k.Source, canSwitchSource, (*Model).switchSource}}
}

func canSwitchSource(m *Model) string {
	switch {
	case len(m.received.backend.traces) == 0:
		return "no trace read back from another backend yet: with a query URL ({Options}), {Verify} reads what Zipkin or Jaeger stored"
	case m.session.Receiver() == nil:
		return "the embedded receiver does not run: the Received pane ({Tab}) shows the backend's traces"
	}
	return ""
}

// switchSource toggles the Received pane between the embedded receiver and
// the backend, and gives it the keys so it is in view.
func (m *Model) switchSource() tea.Cmd {
	v := m.received
	v.source = 1 - v.source
	v.cursor, v.offset = 0, 0
	v.refresh()
	m.screen.focus(v)
	m.screen.resize(m.status)
	if v.showsBackend() {
		m.status = fmt.Sprintf("Received pane: what the %s backend stored, as verification read it back from %s.", kindNames[v.backend.kind], safe(v.backend.query))
	} else {
		m.status = "Received pane: what the embedded receiver got."
	}
	m.statusBad = false
	return nil
}

// adopt takes the receiver a command started (E → local): the outbox sends
// to it, and the pane follows what arrives from now.
func (v *receivedPane) adopt(msg receiverStartedMsg) tea.Cmd {
	if msg.err != nil {
		v.sayError(fmt.Sprintf("the embedded receiver did not start: %v", msg.err))
		return nil
	}
	if err := v.session.UseReceiver(msg.receiver); err != nil {
		v.sayError(err.Error())
		return nil
	}
	v.refresh()
	endpointEditor{v.common}.changed()
	return waitReceived(v.session.Receiver())
}
