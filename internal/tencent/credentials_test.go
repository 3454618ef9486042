package tencent

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/logctl/logctl/internal/apierr"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

type providerFunc func() (common.CredentialIface, error)

func (f providerFunc) GetCredential() (common.CredentialIface, error) { return f() }

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestResolveCredential(t *testing.T) {
	noFallback := providerFunc(func() (common.CredentialIface, error) {
		return nil, errors.New("no credential found in every providers")
	})
	profileCred := common.NewCredential("AKIDPROFILE", "profile-key")
	tests := []struct {
		name      string
		env       map[string]string
		fallback  common.Provider
		wantID    string
		wantToken string
		wantErr   []string // substrings of the error
	}{
		{name: "env keys", env: map[string]string{EnvSecretID: "AKIDX", EnvSecretKey: "topsecret"},
			fallback: noFallback, wantID: "AKIDX"},
		{name: "env keys with session token",
			env:      map[string]string{EnvSecretID: "AKIDX", EnvSecretKey: "topsecret", EnvSessionToken: "tok"},
			fallback: noFallback, wantID: "AKIDX", wantToken: "tok"},
		{name: "only id", env: map[string]string{EnvSecretID: "AKIDX"}, fallback: noFallback,
			wantErr: []string{EnvSecretKey + " is empty"}},
		{name: "only key", env: map[string]string{EnvSecretKey: "topsecret"}, fallback: noFallback,
			wantErr: []string{EnvSecretID + " is empty"}},
		{name: "nothing anywhere", fallback: noFallback,
			wantErr: []string{EnvSecretID, EnvSecretKey, EnvSessionToken, "~/.tencentcloud/credentials"}},
		{name: "profile fallback", fallback: providerFunc(func() (common.CredentialIface, error) {
			return profileCred, nil
		}), wantID: "AKIDPROFILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cred, err := Config{Getenv: envOf(tt.env), Fallback: tt.fallback}.resolveCredential()
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatal("want an error")
				}
				if !errors.Is(err, apierr.ErrAuth) {
					t.Errorf("error %v is not ErrAuth", err)
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
			id, _, token := cred.GetCredential()
			if id != tt.wantID || token != tt.wantToken {
				t.Fatalf("got id %q token %q, want %q %q", id, token, tt.wantID, tt.wantToken)
			}
		})
	}
}

func TestBoundedCredentialGivesUp(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	hang := providerFunc(func() (common.CredentialIface, error) {
		<-release
		return nil, errors.New("late")
	})
	start := time.Now()
	_, err := boundedCredential(hang, 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "no answer") {
		t.Fatalf("err = %v, want a no-answer error", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("waited %s", d)
	}
}
