package semantics

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     Semantics
		err      string
	}{
		{name: "empty is default", in: "", want: Semantics{}},
		{name: "flags", in: "mask-secrets, not-found-plain", want: Semantics{MaskSecrets: true, NotFoundPlain: true}},
		{name: "durations", in: "async-delete=3s,describe-lag=250ms", want: Semantics{AsyncDelete: 3 * time.Second, DescribeLag: 250 * time.Millisecond}},
		{name: "page", in: "lts-page=7", want: Semantics{LTSPage: 7}},
		{name: "all", in: "all", want: All()},
		{name: "later overrides all", in: "all,lts-page=5", want: func() Semantics { s := All(); s.LTSPage = 5; return s }()},
		{name: "unknown", in: "mask-secret", err: "unknown switch"},
		{name: "missing duration", in: "async-delete", err: "needs a duration"},
		{name: "bad duration", in: "describe-lag=-1s", err: "positive duration"},
		{name: "bad page", in: "lts-page=0", err: "positive page size"},
		{name: "value on flag", in: "strict-fields=1", err: "takes no value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Parse(%q) error = %v, want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestStringRoundTrips(t *testing.T) {
	for _, s := range []Semantics{{}, All(), {LTSPage: 3, MaskSecrets: true}} {
		back, err := Parse(s.String())
		if err != nil || back != s {
			t.Fatalf("Parse(%q) = %+v, %v; want %+v", s.String(), back, err, s)
		}
	}
}
