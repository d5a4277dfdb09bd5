package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/ui/pane"
)

// BenchmarkKeyFrame measures one key (Update) plus one frame (View) at
// 120×40 with 100, 1,000, 10,000 and 100,000 spans in the tree.
func BenchmarkKeyFrame(b *testing.B) {
	for _, n := range []int{100, 1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			s := newSession(b)
			for i := 0; i < n/10; i++ {
				root, _ := s.NewTrace(fmt.Sprintf("trace %d", i))
				parent := root
				for j := 1; j < 10; j++ {
					c, _ := s.Child(parent, fmt.Sprintf("span %d", j))
					if j%3 == 0 {
						parent = c
					}
					_ = s.Finish(c)
				}
				_ = s.Finish(root)
			}
			var m tea.Model = New(s)
			m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			m, _ = m.Update(keyMsg("G"))
			m, _ = m.Update(keyMsg("g"))
			keys := []tea.KeyMsg{keyMsg("j"), keyMsg("k")}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m, _ = m.Update(keys[i%2])
				_ = m.View()
			}
		})
	}
}

// receivedBody is a v2 JSON list of n spans in traces of 10 (a root, nine
// children), trace IDs counted from first.
func receivedBody(first, n int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		trace, span := (first+i)/10+1, (first+i)%10+1
		parent := ""
		if span > 1 {
			parent = fmt.Sprintf(`"parentId":"%016x",`, trace<<8|1)
		}
		fmt.Fprintf(&b, `{"traceId":"%016x",%s"id":"%016x","name":"span %d","kind":"CLIENT","timestamp":%d,"duration":%d,`+
			`"localEndpoint":{"serviceName":"svc-%d"},"tags":{"error":"%v"}}`,
			trace, parent, trace<<8|span, span, 1700000000000000+span*10, 100-span, span%3, span == 7)
	}
	b.WriteByte(']')
	return b.String()
}

// BenchmarkReceivedKeyFrame measures one key (Update) plus one frame (View)
// at 120×40 with the Received pane focused, holding 100, 10,000 and 100,000
// received spans.
func BenchmarkReceivedKeyFrame(b *testing.B) {
	for _, n := range []int{100, 10_000, 100_000} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			m := newModel(b, 120, 40)
			for sent := 0; sent < n; sent += 5000 {
				postSpans(b, m, receivedBody(sent, min(5000, n-sent)))
			}
			m.Update(pane.ReceivedLayoutMsg{}) // arrivals may have been coalesced
			if got := m.received.Stats.Stored; got != n {
				b.Fatalf("the receiver holds %d spans", got)
			}
			var tm tea.Model = m
			tm, _ = tm.Update(keyMsg("tab"))
			tm, _ = tm.Update(keyMsg("G"))
			tm, _ = tm.Update(keyMsg("g"))
			keys := []tea.KeyMsg{keyMsg("j"), keyMsg("j"), keyMsg("k")}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tm, _ = tm.Update(keys[i%3])
				_ = tm.View()
			}
		})
	}
}

// BenchmarkReceivedRefresh measures laying the Received pane out again on an
// arrival (once per receiver update, never per frame).
func BenchmarkReceivedRefresh(b *testing.B) {
	for _, n := range []int{100, 10_000, 100_000} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			m := newModel(b, 120, 40)
			for sent := 0; sent < n; sent += 5000 {
				postSpans(b, m, receivedBody(sent, min(5000, n-sent)))
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m.Update(pane.ReceivedLayoutMsg{})
			}
		})
	}
}

// BenchmarkKeyFrameLearning is BenchmarkKeyFrame in learn mode, where every
// message also runs the current lesson's check (lesson 3 compares every
// span with the snapshot).
func BenchmarkKeyFrameLearning(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			s := newSession(b)
			for i := 0; i < n/10; i++ {
				root, _ := s.NewTrace(fmt.Sprintf("trace %d", i))
				for j := 1; j < 10; j++ {
					c, _ := s.Child(root, fmt.Sprintf("span %d", j))
					_ = s.Finish(c)
				}
			}
			var m tea.Model = New(s)
			m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			mm := m.(*Model)
			m, _ = m.Update(keyMsg("L"))
			mm.GotoLesson(3) // "finished": a pass over every span
			keys := []tea.KeyMsg{keyMsg("j"), keyMsg("k")}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m, _ = m.Update(keys[i%2])
				_ = m.View()
			}
		})
	}
}
