package examples

import (
	"os"
	"strings"
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/sessiontest"
)

func TestEveryBuiltinParses(t *testing.T) {
	t.Parallel()
	names := Names()
	for _, want := range []string{"checkout", "debug", "demo", "messaging"} {
		if !strings.Contains(strings.Join(names, ","), want) {
			t.Errorf("Names() = %v, lacks %s", names, want)
		}
	}
	for _, n := range names {
		if _, err := Builtin(n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

// TestDemoShape: the demo is the trace send always built: a root, a CLIENT
// call, its SERVER side in payments sharing the span ID, and a child there
// with a tag and an error.
func TestDemoShape(t *testing.T) {
	t.Parallel()
	sc, err := Builtin(DemoName)
	if err != nil {
		t.Fatal(err)
	}
	cfg := tracing.DefaultConfig()
	cfg.Endpoint, cfg.Listen = "http://127.0.0.1:1/api/v2/spans", "127.0.0.1:0"
	s := sessiontest.Open(t, cfg)
	roots, err := s.Replay(sc)
	if err != nil || len(roots) != 1 {
		t.Fatalf("replay: %v %d", err, len(roots))
	}
	root := roots[0]
	if root.Name != "checkout" || root.Tags["http.method"] != "POST" || len(root.Children) != 1 {
		t.Fatalf("root: %+v", root)
	}
	client := root.Children[0]
	if client.Kind != model.Client || len(client.Children) != 1 {
		t.Fatalf("client: %+v", client)
	}
	server := client.Children[0]
	if server.Kind != model.Server || server.Service != "payments" || !server.Key.Shared || server.Context.ID != client.Context.ID {
		t.Errorf("server is not the client's shared span: %+v", server)
	}
	bank := server.Children[0]
	if bank.Name != "call bank" || bank.Tags["bank.id"] != "demo-bank" || bank.Tags["error"] != "card declined" {
		t.Errorf("bank: %+v", bank)
	}
	if want, have := 4, s.Outbox().Counts().Queued; want != have {
		t.Errorf("queued: want %d, have %d", want, have)
	}
}

// TestLoadFromAnyDirectory: a built-in is found by name from a directory
// without examples/, while a file on disk wins over the built-in.
func TestLoadFromAnyDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, name := range []string{"checkout", "checkout.json", "examples/checkout.json", "./examples/checkout.json"} {
		sc, err := Load(name)
		if err != nil || sc.Name != "checkout" {
			t.Errorf("%s: %v %q", name, err, sc.Name)
		}
	}
	own := `{"version": 1, "name": "mine", "traces": [{"name": "x"}]}`
	if err := os.WriteFile("checkout.json", []byte(own), 0o600); err != nil {
		t.Fatal(err)
	}
	if sc, err := Load("checkout.json"); err != nil || sc.Name != "mine" {
		t.Errorf("the file on disk must win: %v %q", err, sc.Name)
	}
	if _, err := Load("nope"); err == nil || !strings.Contains(err.Error(), "checkout") {
		t.Errorf("a missing name should list the built-ins: %v", err)
	}
	if _, err := Load("/elsewhere/checkout.json"); err == nil {
		t.Error("an absolute path elsewhere is not a built-in")
	}
}
