package tracing

// Names the external tests (package tracing_test) need from inside.
var (
	ErrNotSampled   = errNotSampled
	ScenarioVersion = scenarioVersion
	MaxBatch        = maxBatch
	KindPtr         = kindPtr
)
