package tracing

import "net"

// LoopbackAddr reports whether a listener on addr (host:port) is reachable
// from this machine only. An empty host, as in ":2222", listens on every
// interface, and a host name other than localhost may resolve anywhere.
func LoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
