package tracing_test

import (
	"errors"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/sessiontest"
)

// Discard takes a subtree back: running spans end without a report, queued
// ones leave the outbox, and the tree closes up around the gap.
func TestDiscardTakesBackWhatWasNotSent(t *testing.T) {
	t.Parallel()
	s := sessiontest.New(t)
	start := func(parent *tracing.Node, name string) *tracing.Node {
		n, err := s.Start(parent, tracing.SpanOptions{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	first := start(nil, "first")
	root := start(nil, "root")
	keep := start(root, "keep")
	gone := start(root, "gone")
	leaf := start(gone, "leaf")
	last := start(nil, "last")
	if err := s.Finish(leaf); err != nil {
		t.Fatal(err)
	}
	if want, have := 1, s.Outbox().Counts().Queued; want != have {
		t.Fatalf("queued before: want %d, have %d", want, have)
	}

	n, err := s.Discard(gone)
	if err != nil || n != 2 {
		t.Fatalf("discard: want 2 spans and no error, have %d, %v", n, err)
	}
	if want, have := 0, s.Outbox().Counts().Queued; want != have {
		t.Errorf("queued after: want %d, have %d", want, have)
	}
	if want, have := 0, len(s.Outbox().PendingSpans()); want != have {
		t.Errorf("pending spans after: want %d, have %d", want, have)
	}
	if want, have := 4, s.Tree().Len(); want != have {
		t.Errorf("tree length: want %d, have %d", want, have)
	}
	if want, have := 4, s.Tree().Running(); want != have {
		t.Errorf("running: want %d, have %d", want, have)
	}
	if len(root.Children) != 1 || root.Children[0] != keep {
		t.Errorf("root's children: %v", root.Children)
	}
	if s.Tree().Index(gone) != -1 || s.Tree().Index(leaf) != -1 {
		t.Error("discarded spans are still listed")
	}

	// A whole trace: the traces after it move up.
	if n, err := s.Discard(root); err != nil || n != 2 {
		t.Fatalf("discard root: %d, %v", n, err)
	}
	for i, want := range []*tracing.Node{first, last} {
		if have := s.Tree().At(i); have != want {
			t.Errorf("row %d: want %q, have %v", i, want.Name, have)
		}
		if have := s.Tree().Index(want); have != i {
			t.Errorf("index of %q: want %d, have %d", want.Name, i, have)
		}
	}
	if want, have := 0, s.Outbox().Counts().Queued; want != have {
		t.Errorf("a running span discarded must not be queued: %d", have)
	}
	// The tree still grows after a delete.
	child := start(last, "child")
	if want, have := 2, s.Tree().Index(child); want != have {
		t.Errorf("a span started after a delete: want row %d, have %d", want, have)
	}
}

// A span a collector took cannot be taken back: nothing changes.
func TestDiscardRefusesWhatWasSent(t *testing.T) {
	t.Parallel()
	s := sessiontest.New(t) // the embedded receiver answers 202
	root, err := s.Start(nil, tracing.SpanOptions{Name: "root"})
	if err != nil {
		t.Fatal(err)
	}
	child, err := s.Start(root, tracing.SpanOptions{Name: "child"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Finish(child); err != nil {
		t.Fatal(err)
	}
	if _, sum := sessiontest.FlushAll(s); sum.Delivered != 1 {
		t.Fatalf("flush: %+v", sum)
	}
	if _, err := s.Discard(root); !errors.Is(err, outbox.ErrAlreadySent) {
		t.Fatalf("want ErrAlreadySent, have %v", err)
	}
	if want, have := 2, s.Tree().Len(); want != have || root.Finished {
		t.Errorf("a refused discard changed the tree: %d spans, root finished %v", have, root.Finished)
	}
	if want, have := 1, s.Outbox().Counts().Delivered; want != have {
		t.Errorf("delivered: want %d, have %d", want, have)
	}
}
