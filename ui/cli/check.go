package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/verify"
)

// CheckReport is `check --json`'s output.
type CheckReport struct {
	Endpoint  string   `json:"endpoint"`
	Healthy   bool     `json:"healthy"`
	Reachable bool     `json:"reachable"`
	TLS       string   `json:"tls"`
	Status    int      `json:"status"`
	LatencyMs float64  `json:"latencyMs"`
	Message   string   `json:"message"`
	Error     string   `json:"error"`
	Class     string   `json:"class"`
	Hint      string   `json:"hint"`
	Warnings  []string `json:"warnings"`
	// With verification: whether the probe span was read back, and how.
	Stored     *bool               `json:"stored,omitempty"`
	ReadBackMs float64             `json:"readBackMs,omitempty"`
	Query      string              `json:"query,omitempty"`
	QueryAPI   string              `json:"queryApi,omitempty"`
	Verify     *verify.TraceReport `json:"verify,omitempty"`
	// Probe is the span verification wrote to the backend (it stays there).
	Probe string `json:"probe,omitempty"`
}

// Check POSTs an empty span list to the endpoint and diagnoses the answer.
func Check(opts Options, env Env) int {
	verify := opts.Config.Verify || secret.IsLocalSpec(opts.Config.Endpoint)
	if verify && opts.Config.Service == tracing.DefaultConfig().Service {
		opts.Config.Service = CheckService // a --service given names the probe span
	}
	s, err := tracing.NewSession(opts.Config)
	if err != nil {
		return fail(env, usagef("%v", err), "")
	}
	defer s.Close()
	ep := s.Endpoint()
	ctx, cancel := context.WithTimeout(context.Background(), opts.Config.Timeout+time.Second)
	defer cancel()
	r := withFlags(s.Outbox().Probe(ctx))

	rep := CheckReport{
		Endpoint: ep.Display(opts.Config.RevealSecrets), Healthy: r.OK(),
		Reachable: r.Status != 0, TLS: tlsState(ep, r), Status: r.Status,
		LatencyMs: millis(r.Latency), Message: r.Message, Hint: r.Hint,
		Warnings: append(append(append([]string{}, ep.Warnings...), schemeWarnings(ep)...), s.Outbox().Warnings()...),
	}
	if !r.OK() {
		rep.Class, rep.Error = string(r.Class), errorText(r)
	}
	if verify && rep.Healthy {
		checkStored(s, &rep)
	}
	if opts.JSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	} else {
		printCheck(env, rep)
	}
	if !rep.Healthy {
		return fail(env, fmt.Errorf("the endpoint is not healthy: %s", rep.Error), rep.Hint)
	}
	return ExitOK
}

// tlsState says what is known about TLS from one probe.
func tlsState(ep secret.Endpoint, r outbox.DeliveryResult) string {
	u := ep.URL()
	switch {
	case u == nil || u.Scheme != "https":
		if r.Class == outbox.ClassTLS {
			return "failed: the server expects https"
		}
		return "not used (http)"
	case r.Class == outbox.ClassTLS:
		return "failed"
	case r.Status != 0:
		return "ok"
	}
	return "unknown (no connection)"
}

func schemeWarnings(ep secret.Endpoint) []string {
	u := ep.URL()
	if u == nil || ep.Local || u.Scheme != "http" || !ep.HasSecrets() {
		return nil
	}
	if ip := net.ParseIP(u.Hostname()); (ip != nil && ip.IsLoopback()) || u.Hostname() == "localhost" {
		return nil
	}
	return []string{"the URL carries a token over plain http: anyone on the path can read it; use https if the server offers it"}
}

func printCheck(env Env, rep CheckReport) {
	w := env.Stdout
	verdict := "healthy"
	if !rep.Healthy {
		verdict = "NOT healthy"
	}
	fmt.Fprintf(w, "endpoint   %s\n", rep.Endpoint)
	fmt.Fprintf(w, "reachable  %s\n", yesNo(rep.Reachable))
	fmt.Fprintf(w, "tls        %s\n", rep.TLS)
	if rep.Status != 0 {
		fmt.Fprintf(w, "status     HTTP %d in %.1fms\n", rep.Status, rep.LatencyMs)
	}
	if rep.Message != "" {
		fmt.Fprintf(w, "message    %s\n", oneLine(rep.Message))
	}
	if rep.Error != "" {
		fmt.Fprintf(w, "error      %s\n", rep.Error)
	}
	if rep.Hint != "" {
		fmt.Fprintf(w, "hint       %s\n", rep.Hint)
	}
	if rep.Probe != "" {
		fmt.Fprintf(w, "wrote      %s\n", rep.Probe)
	}
	if line := storedLine(rep); line != "" {
		fmt.Fprintf(w, "stored     %s\n", line)
	}
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "warning    %s\n", warn)
	}
	fmt.Fprintf(w, "verdict    %s\n", verdict)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
