package lts

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/logctl/logctl/internal/apierr"
)

var classes = []error{
	apierr.ErrNotFound, apierr.ErrThrottled, apierr.ErrAuth,
	apierr.ErrInvalid, apierr.ErrUnavailable, apierr.ErrOutcomeUnknown,
}

func TestClassify(t *testing.T) {
	tests := []struct {
		status int
		code   string
		want   error
	}{
		{400, "LTS.0405", apierr.ErrNotFound},
		{429, "APIGW.0308", apierr.ErrThrottled},
		{429, "", apierr.ErrThrottled},
		{401, "APIGW.0301", apierr.ErrAuth},
		{401, "APIGW.0303", apierr.ErrAuth},
		{403, "LTS.0003", apierr.ErrAuth},
		{403, "LTS.0011", apierr.ErrAuth},
		{403, "LTS.0001", apierr.ErrAuth},
		{400, "LTS.0001", apierr.ErrInvalid},
		{400, "LTS.0007", apierr.ErrInvalid},
		{400, "LTS.0009", apierr.ErrInvalid},
		{400, "LTS.0201", apierr.ErrInvalid},
		{400, "LTS.0207", apierr.ErrInvalid},
		{400, "LTS.0208", apierr.ErrInvalid},
		{400, "LTS.0416", apierr.ErrInvalid},
		{400, "LTS.1901", apierr.ErrInvalid},
		{400, "LTS.1902", apierr.ErrInvalid},
		{400, "LTS.0010", apierr.ErrUnavailable},
		{500, "LTS.0010", apierr.ErrUnavailable},
		{500, "LTS.0203", apierr.ErrUnavailable},
		{503, "", apierr.ErrUnavailable},
		{401, "", apierr.ErrAuth},
		{400, "LTS.9999", nil},
		{404, "", nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.status, tt.code), func(t *testing.T) {
			if got := Classify(tt.status, tt.code); got != tt.want {
				t.Fatalf("Classify = %v, want %v", got, tt.want)
			}
			assertClass(t, &APIError{Op: "lts X", Status: tt.status, Code: tt.code}, tt.want)
		})
	}
}

func TestCallErrors(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		want    error
		mention []string
	}{
		{"transfer not found", 400, `{"error_code":"LTS.0405","error_msg":"log transfer does not exist"}`,
			apierr.ErrNotFound, []string{"LTS.0405", "rid-1", "HTTP 400"}},
		{"gateway signature failure", 401, `{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}`,
			apierr.ErrAuth, []string{"APIGW.0301"}},
		{"bare 502 is not quoted", 502, `<html>SECRET-IN-BODY</html>`,
			apierr.ErrUnavailable, []string{"HTTP 502", "no error code"}},
		{"nested code is read", 400, `{"error":{"code":"LTS.0207","message":"stream already in a transfer"}}`,
			apierr.ErrInvalid, []string{"LTS.0207"}},
		{"200 with a body of the wrong shape", 200, `{"log_transfers":"SECRET-IN-BODY"}`,
			apierr.ErrOutcomeUnknown, []string{"HTTP 200", "decode response"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(&recorder{status: tt.status, body: tt.body})
			defer srv.Close()
			a := newTestAPI(t, srv.URL, time.Second)
			_, err := a.ListTransfers(context.Background(), nil)
			assertClass(t, err, tt.want)
			for _, s := range append(tt.mention, "lts ListTransfers") {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			assertNoSecrets(t, err)
		})
	}
}

func TestCallNetworkFailures(t *testing.T) {
	t.Run("refused is unavailable and names the host", func(t *testing.T) {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := ln.Addr().String()
		ln.Close()
		a := newTestAPI(t, "http://"+addr, time.Second)
		_, err := a.DeleteTransfer(context.Background(), "tr-1")
		assertClass(t, err, apierr.ErrUnavailable)
		if !strings.Contains(err.Error(), addr) {
			t.Errorf("error %q does not name %s", err, addr)
		}
		assertNoSecrets(t, err)
	})
	t.Run("dropped after the request is outcome unknown", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.ReadAll(r.Body)
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		}))
		defer srv.Close()
		a := newTestAPI(t, srv.URL, time.Second)
		_, err := a.CreateTransfer(context.Background(), nil)
		assertClass(t, err, apierr.ErrOutcomeUnknown)
	})
	t.Run("deadline after the write is outcome unknown", func(t *testing.T) {
		release := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.ReadAll(r.Body)
			<-release
		}))
		defer srv.Close()
		defer close(release)
		a := newTestAPI(t, srv.URL, 100*time.Millisecond)
		_, err := a.CreateLogDumpObs(context.Background(), nil)
		assertClass(t, err, apierr.ErrOutcomeUnknown)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
		}
	})
}

func TestResolveCredential(t *testing.T) {
	noFallback := func() (auth.ICredential, error) { return nil, errors.New("unable to get credential in providers") }
	tests := []struct {
		name        string
		cfg         Config
		env         map[string]string
		wantAK      string
		wantProject string
		wantErr     []string
	}{
		{name: "env keys and project", env: map[string]string{EnvAK: "AK", EnvSK: "topsecret", EnvProjectID: "p-env"},
			wantAK: "AK", wantProject: "p-env"},
		{name: "config project beats env", cfg: Config{ProjectID: "p-cfg"},
			env: map[string]string{EnvAK: "AK", EnvSK: "topsecret", EnvProjectID: "p-env"}, wantAK: "AK", wantProject: "p-cfg"},
		{name: "no project", env: map[string]string{EnvAK: "AK", EnvSK: "topsecret"},
			wantErr: []string{EnvProjectID, "projectId"}},
		{name: "only AK", env: map[string]string{EnvAK: "AK", EnvProjectID: "p"}, wantErr: []string{EnvSK + " is empty"}},
		{name: "only SK", env: map[string]string{EnvSK: "topsecret", EnvProjectID: "p"}, wantErr: []string{EnvAK + " is empty"}},
		{name: "nothing anywhere", env: map[string]string{EnvProjectID: "p"},
			wantErr: []string{EnvAK, EnvSK, EnvSecurityToken, "~/.huaweicloud/credentials"}},
		{name: "fallback credential gets the project", cfg: Config{ProjectID: "p", Fallback: func() (auth.ICredential, error) {
			return auth.NewBasicCredentialsBuilder().WithAk("AKFILE").WithSk("topsecret").SafeBuild()
		}}, wantAK: "AKFILE", wantProject: "p"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			cfg.Getenv = envOf(tt.env)
			if cfg.Fallback == nil {
				cfg.Fallback = noFallback
			}
			cred, err := cfg.resolveCredential()
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatal("want an error")
				}
				for _, s := range tt.wantErr {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not mention %q", err, s)
					}
				}
				if strings.Contains(err.Error(), "topsecret") {
					t.Errorf("error leaks the secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cred.AK != tt.wantAK || cred.ProjectId != tt.wantProject {
				t.Fatalf("got AK %q project %q", cred.AK, cred.ProjectId)
			}
		})
	}
}

func assertClass(t *testing.T, err, want error) {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error of class %v, got nil", want)
	}
	for _, c := range classes {
		if got := errors.Is(err, c); got != (c == want) {
			t.Errorf("errors.Is(%v, %v) = %v, want %v", err, c, got, c == want)
		}
	}
}

func assertNoSecrets(t *testing.T, err error) {
	t.Helper()
	for _, s := range []string{testSK, "SECRET-IN-BODY", "sts-token"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error leaks %q: %v", s, err)
		}
	}
}
