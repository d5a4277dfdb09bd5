package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"zipkin-playground/tracing/secret"
)

var (
	binary   string                // the program, built by TestMain
	built    = make(chan struct{}) // closed once the build has ended
	buildErr error
)

// TestMain builds the program beside the in-process tests: the tests that
// run it wait for the build (program). They are in this file, named to
// come after most others, so that they are not the first to take the
// parallel slots and wait there.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zp-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "zipkin-playground")
	go func() {
		defer close(built)
		if out, err := exec.Command("go", "build", "-o", binary, "zipkin-playground").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("%v\n%s", err, out)
		}
	}()
	code := m.Run()
	<-built
	os.RemoveAll(dir)
	os.Exit(code)
}

// program waits for the build and returns the program's path; a failed
// build fails t.
func program(t testing.TB) string {
	t.Helper()
	<-built
	if buildErr != nil {
		t.Fatalf("cannot build the binary: %v", buildErr)
	}
	return binary
}

// run executes the built binary with no terminal and a clean environment.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	o := runBinary(program(t), args)
	if o.err != nil {
		t.Fatal(o.err)
	}
	return o.code, o.stdout, o.stderr
}

// outcome is how one run of the binary ended; err is set when it could not
// run at all.
type outcome struct {
	code           int
	stdout, stderr string
	err            error
}

func runBinary(bin string, args []string) (o outcome) {
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir()}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		o.code = ee.ExitCode()
	} else if err != nil {
		o.err = err
	}
	o.stdout, o.stderr = out.String(), errb.String()
	return o
}

// runAll runs the binary once per args, all at once (most runs wait on the
// network or on send's retries, not on the CPU), then gives check each
// run's index and outcome on the test's goroutine.
func runAll(t *testing.T, runs [][]string, check func(i, code int, stdout, stderr string)) {
	t.Helper()
	bin := program(t)
	outs := make([]outcome, len(runs))
	var wg sync.WaitGroup
	for i, args := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i] = runBinary(bin, args)
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if o.err != nil {
			t.Fatalf("%v: %v", runs[i], o.err)
		}
		check(i, o.code, o.stdout, o.stderr)
	}
}

func TestBinarySendToEmbeddedReceiver(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := run(t, "send", "--json", "--listen", "127.0.0.1:0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep SendReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json does not parse: %v\n%s", err, stdout)
	}
	if rep.Spans != 4 || rep.Delivered != 4 || rep.Failed != 0 || len(rep.TraceIDs) != 1 || len(rep.Batches) != 1 || rep.Batches[0].Status != 202 {
		t.Errorf("report: %+v", rep)
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(rep.TraceIDs[0]) {
		t.Errorf("trace ID %q", rep.TraceIDs[0])
	}
	// The human report names the trace and the batch.
	code, stdout, _ = run(t, "send", "--listen", "127.0.0.1:0", "--trace-id-128")
	if code != 0 || !strings.Contains(stdout, "HTTP 202") || !regexp.MustCompile(`trace +[0-9a-f]{32}`).MatchString(stdout) ||
		!regexp.MustCompile(`curl -s http://127\.0\.0\.1:\d+/api/v2/trace/[0-9a-f]{32} `).MatchString(stdout) {
		t.Errorf("human report (exit %d):\n%s", code, stdout)
	}
}

func TestBinaryExitStatuses(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		code int
		err  string
	}{
		// No retries: the exit status after them is the same, and their backoff takes 2.6 s.
		{[]string{"send", "--retries", "0", "--endpoint", "http://" + closedPort(t) + "/api/v2/spans"}, 1, "nothing listens"},
		{[]string{"send", fifo}, 2, "not a regular file"},
		{[]string{"send", "--ip", "not an ip"}, 2, "--ip"},
		{[]string{"send", "--sampler", "counting:NaN"}, 2, "--sampler"},
		{[]string{"send", "--count", "2", "--rate", "1e-10"}, 2, "--rate"},
		{[]string{"check", "--count", "5"}, 2, "check does not take --count"},
		{[]string{"send", "--endpoint", "localhost:9411/api/v2/spans"}, 2, "http://"},
		{[]string{"send", "--batch", "0"}, 2, "batch"},
		{[]string{"send", "--sampler", "boundary:2"}, 2, "boundary"},
		{[]string{"send", "/no/such/scenario.json"}, 2, "scenario"},
		{[]string{"check", "--endpoint", "http://" + closedPort(t) + "/api/v2/spans"}, 1, "not healthy"},
		{[]string{"bogus"}, 2, "unknown command"},
		{[]string{"--no-such-flag"}, 2, "flag"},
	}
	runs := make([][]string, len(cases))
	for i, c := range cases {
		runs[i] = c.args
	}
	runAll(t, runs, func(i, code int, stdout, stderr string) {
		c := cases[i]
		if code != c.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", c.args, code, c.code, stderr)
		}
		if !strings.Contains(stderr, c.err) || !strings.HasPrefix(stderr, "zipkin-playground: ") {
			t.Errorf("%v: stderr %q lacks %q", c.args, stderr, c.err)
		}
		if strings.Contains(stdout+stderr, "goroutine ") || strings.Contains(stdout+stderr, "panic") {
			t.Errorf("%v: stack trace in output", c.args)
		}
	})
	if code, stdout, _ := run(t, "--version"); code != 0 || !strings.HasPrefix(stdout, "zipkin-playground ") {
		t.Errorf("--version: %d %q", code, stdout)
	}
	if code, stdout, _ := run(t, "--help"); code != 0 || !strings.Contains(stdout, "-endpoint") || !strings.Contains(stdout, "send") {
		t.Errorf("--help: %d", code)
	}
}

func TestBinaryCheck(t *testing.T) {
	t.Parallel()
	col := newCollector(202, "")
	srv := httptest.NewServer(col)
	defer srv.Close()
	code, stdout, stderr := run(t, "check", "--json", "--endpoint", srv.URL+"/api/v1/spans")
	var rep CheckReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("check --json: %v\n%s", err, stdout)
	}
	if code != 1 || rep.Healthy || rep.Status != 404 || !strings.Contains(strings.Join(rep.Warnings, " "), "v1") {
		t.Errorf("v1 path: exit %d, %+v, stderr %q", code, rep, stderr)
	}
	code, stdout, _ = run(t, "check", "--endpoint", srv.URL+secret.V2Path)
	if code != 0 || !strings.Contains(stdout, "verdict    healthy") || !strings.Contains(stdout, "HTTP 202") {
		t.Errorf("healthy check: exit %d\n%s", code, stdout)
	}
}

func TestBinaryReceive(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(program(t), "receive", "--json", "--listen", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stderr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url := regexp.MustCompile(`http://\S+/api/v2/spans`).FindString(line)
	if url == "" {
		t.Fatalf("receive did not say where it listens: %q", line)
	}
	code, out, errs := run(t, "send", "--json", "--endpoint", url)
	if code != 0 {
		t.Fatalf("send to receive: %d %s", code, errs)
	}
	var rep SendReport
	_ = json.Unmarshal([]byte(out), &rep)
	lines := bufio.NewScanner(stdout)
	for i := 0; i < 4; i++ {
		if !lines.Scan() {
			t.Fatalf("receive printed %d lines", i)
		}
		var span struct {
			TraceID string `json:"traceId"`
			Name    string `json:"name"`
		}
		if err := json.Unmarshal(lines.Bytes(), &span); err != nil || span.TraceID != rep.TraceIDs[0] {
			t.Errorf("line %d: %q (%v)", i, lines.Text(), err)
		}
	}
	if err := interrupt(t, cmd, 5*time.Second); err != nil {
		t.Errorf("receive after ctrl+c: %v", err)
	}
}

// interrupt sends cmd ctrl+c (SIGINT) and returns how it ended; one still
// running after limit is killed and fails t.
func interrupt(t *testing.T, cmd *exec.Cmd, limit time.Duration) error {
	t.Helper()
	_ = cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		t.Fatalf("%s did not stop on SIGINT", filepath.Base(cmd.Args[0])+" "+cmd.Args[1])
		return nil
	}
}

// TestSecretsNeverPrinted greps every output channel of send and check, in
// both forms, for the token in an ARMS-style path, userinfo, a query value
// and an Authorization header — against a server that echoes the request
// back in its error message, as some do.
func TestSecretsNeverPrinted(t *testing.T) {
	t.Parallel()
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		bare := strings.TrimPrefix(auth, "Bearer ") // a server echoing the token without its scheme
		http.Error(w, "denied "+r.URL.String()+" auth="+auth+" token "+bare+" "+strings.Repeat("x", 490)+bare, http.StatusForbidden)
	}))
	defer echo.Close()
	host := strings.TrimPrefix(echo.URL, "http://")
	secrets := []string{"aokcdqnxyz", "123456ff_abcdef123", "pa55word", "qtok3nvalue", "s3cr3tbearer", "u5ername",
		"shorttok", "98765432", "s3cr3tb"}
	endpoints := []string{
		"http://" + host + "/adapt_aokcdqnxyz@123456ff_abcdef123@abcdef123/api/v2/spans",
		"http://user:pa55word@" + host + "/api/v2/spans",
		"http://" + host + "/api/v2/spans?token=qtok3nvalue",
		"http://" + closedPort(t) + "/adapt_aokcdqnxyz@123456ff_abcdef123@abcdef123/api/v2/spans",
		"foo://" + host + "/adapt_aokcdqnxyz@123456ff_abcdef123@abcdef123/api/v2/spans",
		"http://u5ername:pa55word@" + host + "/api/v2/spans",
		"http://" + host + "/shorttok/api/v2/spans",
		"http://" + host + "/98765432/api/v2/spans",
		"http://" + strings.Split(host, ":")[0] + ":99x/shorttok/api/v2/spans?token=qtok3nvalue",
	}
	var runs [][]string
	for _, ep := range endpoints {
		// send makes no retries: what it prints of a refused connection is the
		// same after them, and their backoff takes 2.6 s.
		for _, args := range [][]string{{"send", "--retries", "0"}, {"send", "--json", "--retries", "0"}, {"check"}, {"check", "--json"}} {
			runs = append(runs, append(append([]string{}, args...), "--endpoint", ep, "--listen", "127.0.0.1:0", "--header", "Authorization: Bearer s3cr3tbearer"))
		}
	}
	runAll(t, runs, func(i, code int, stdout, stderr string) {
		args := runs[i]
		if code == 0 {
			t.Errorf("%v: exit 0 against a 403", args)
		}
		for _, s := range secrets {
			if strings.Contains(stdout+stderr, s) {
				t.Errorf("%v: secret %q printed:\n%s\n%s", args, s, stdout, stderr)
			}
		}
	})
	// --reveal-secrets shows them: the masking above is not an accident of the output.
	_, stdout, _ := run(t, "send", "--json", "--reveal-secrets", "--endpoint", endpoints[0], "--listen", "127.0.0.1:0")
	if !strings.Contains(stdout, "aokcdqnxyz") {
		t.Error("--reveal-secrets does not reveal")
	}
}

func TestScenarioExamplesAndCorruptFiles(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../../examples/*.json")
	if len(files) < 3 {
		t.Fatalf("examples: %v", files)
	}
	for _, f := range files {
		code, stdout, stderr := run(t, "send", "--json", "--listen", "127.0.0.1:0", f)
		var rep SendReport
		_ = json.Unmarshal([]byte(stdout), &rep)
		if code != 0 || rep.Delivered == 0 || rep.Failed != 0 {
			t.Errorf("%s: exit %d, %+v, %s", f, code, rep, stderr)
		}
	}
	dir := t.TempDir()
	for name, body := range map[string]string{
		"truncated.json": `{"version": 1, "traces": [{"name": "a"`,
		"unknown.json":   `{"version": 1, "traces": [{"name": "a", "colour": "red"}]}`,
		"version.json":   `{"version": 9, "traces": [{"name": "a"}]}`,
		"kind.json":      `{"version": 1, "traces": [{"name": "a", "kind": "SIDEWAYS"}]}`,
		"empty.json":     ``,
		"binary.json":    "\x00\x01\x02",
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(body), 0o644)
		code, _, stderr := run(t, "send", "--listen", "127.0.0.1:0", path)
		if code != ExitUsage || !strings.Contains(stderr, "scenario") || strings.Contains(stderr, "panic") {
			t.Errorf("%s: exit %d, stderr %q", name, code, stderr)
		}
	}
}

// TestBinaryBurstInterrupt: a first ctrl+c stops a burst's building and
// delivers what was built (exit 0, nothing lost); the report says it was
// interrupted. The signal goes when the first batch reaches the collector,
// which shows the burst is under way with its ctrl+c handling in place.
func TestBinaryBurstInterrupt(t *testing.T) {
	t.Parallel()
	col := newCollector(http.StatusAccepted, "")
	first := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		col.ServeHTTP(w, r)
		once.Do(func() { close(first) })
	}))
	defer srv.Close()
	cmd := exec.Command(program(t), "send", "--json", "--endpoint", srv.URL+secret.V2Path, "--duration", "30s", "--rate", "200")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir()}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-first:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("no batch reached the collector: %s", errb.String())
	}
	if err := interrupt(t, cmd, 10*time.Second); err != nil {
		t.Fatalf("send after ctrl+c: %v: %s", err, errb.String())
	}
	var rep SendReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if !rep.Interrupted || rep.TraceCount < 1 || rep.TraceCount >= 6000 || rep.Delivered != 4*rep.TraceCount || rep.Failed != 0 {
		t.Errorf("interrupted %v, %d traces, %d delivered, %d failed", rep.Interrupted, rep.TraceCount, rep.Delivered, rep.Failed)
	}
	col.OnceEach(t, rep.Delivered)
}
