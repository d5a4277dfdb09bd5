//go:build e2e

package workshop

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing/testkit"
)

// tmuxServer is a tmux server of the test's own, one 80×24 window per
// terminal.
type tmuxServer struct{ *testkit.Tmux }

func newTmux(t *testing.T) *tmuxServer {
	ts := &tmuxServer{testkit.NewTmux(t, "zp-ws-e2e-")}
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Fatal("ssh is not installed (.ci/run installs openssh-client)")
	}
	return ts
}

// open starts command in a new 80×24 terminal called name.
func (ts *tmuxServer) open(name, command string) { ts.Open(name, 80, 24, command) }

func (ts *tmuxServer) screen(name string) string { return ts.Screen(name) }

func (ts *tmuxServer) waitFor(name, want string) string { return ts.WaitFor(name, want, waitLimit) }

func (ts *tmuxServer) keys(name string, keys ...string) { ts.Keys(name, keys...) }

func (ts *tmuxServer) typeText(name, text string) { ts.Type(name, text) }

// TestWorkshopWithOpenSSH: two real ssh clients each build a trace and
// flush it; the receiver holds both services, the board lists both, and
// each attendee sees only their own tree.
func TestWorkshopWithOpenSSH(t *testing.T) {
	ts := newTmux(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "zipkin-playground")
	if out, err := exec.Command("go", "build", "-o", bin, "zipkin-playground").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ts.open("board", "NO_COLOR=1 "+bin+" workshop --ssh 127.0.0.1:0 --listen 127.0.0.1:0 --host-key "+filepath.Join(dir, "host_key"))
	board := ts.waitFor("board", "Join: ssh -p")
	port := regexp.MustCompile(`ssh -p (\d+) NAME@127\.0\.0\.1`).FindStringSubmatch(board)
	rcv := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/api/v2/spans`).FindStringSubmatch(board)
	if port == nil || rcv == nil {
		t.Fatalf("no ssh port or receiver on the board:\n%s", board)
	}

	for _, name := range []string{"ann", "bob"} {
		ts.open(name, "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p "+port[1]+" "+name+"@127.0.0.1")
		ts.waitFor(name, "Welcome")
	}
	for _, name := range []string{"ann", "bob"} {
		ts.keys(name, "n")
		ts.waitFor(name, "span name")
		ts.typeText(name, "checkout-"+name)
		ts.keys(name, "Enter", "f", "F")
		ts.waitFor(name, "Verified")
	}

	services := getJSON[[]string](t, "http://"+rcv[1]+"/api/v2/services")
	if strings.Join(services, ",") != "ann,bob" {
		t.Errorf("the receiver's services: %v", services)
	}
	var traceIDs []string
	for _, name := range []string{"ann", "bob"} {
		traces := getJSON[[][]map[string]any](t, "http://"+rcv[1]+"/api/v2/traces?serviceName="+name)
		if len(traces) != 1 || len(traces[0]) != 1 || traces[0][0]["name"] != "checkout-"+name {
			t.Fatalf("%s's traces in the receiver: %v", name, traces)
		}
		traceIDs = append(traceIDs, fmt.Sprint(traces[0][0]["traceId"]))
	}
	// The board refreshes every second: wait for both rows to say 1 span
	// built, delivered and verified.
	rows := regexp.MustCompile(`(?s)ann\s+1\s+1\s+1 .*bob\s+1\s+1\s+1 `)
	deadline := time.Now().Add(waitLimit)
	for board = ts.screen("board"); !rows.MatchString(board) && time.Now().Before(deadline); board = ts.screen("board") {
		time.Sleep(200 * time.Millisecond)
	}
	// At 80×24 the Received pane opens the newest trace and lists the other
	// by its header row: both trace IDs are on the board.
	if !rows.MatchString(board) || !strings.Contains(board, "trace "+traceIDs[0]) || !strings.Contains(board, "trace "+traceIDs[1]) {
		t.Errorf("the board does not list ann and bob (1 span built, delivered, verified) and their traces:\n%s", board)
	}
	for _, pair := range [][2]string{{"ann", "bob"}, {"bob", "ann"}} {
		screen := ts.screen(pair[0])
		if !strings.Contains(screen, "checkout-"+pair[0]) || strings.Contains(screen, "checkout-"+pair[1]) {
			t.Errorf("%s's screen:\n%s", pair[0], screen)
		}
	}
}

func getJSON[T any](t *testing.T, url string) T {
	t.Helper()
	var v T
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return v
}
