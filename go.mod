module zipkin-playground

go 1.24.2

require (
	github.com/openzipkin/zipkin-go v0.4.3
	google.golang.org/grpc v1.63.2
)

require (
	golang.org/x/sys v0.38.0 // indirect
	google.golang.org/protobuf v1.33.0 // indirect
)
