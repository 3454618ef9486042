package reconcile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"

	"github.com/logctl/logctl/diff"
)

// SavedPlanVersion is the version of the saved plan file format, counted
// apart from the plan JSON format of its plan member (diff.FormatVersion).
// Version 1 carried the desired resources and the safety settings, and
// apply trusted them as written; version 2 carries only what the plan was
// made from, and apply plans again from those files; version 3 records the
// target the plan was made against, and its plan is plan JSON format 2.
const SavedPlanVersion = "3"

// MaxSavedPlanBytes bounds what ReadSavedPlan reads: a plan of 100,000
// changes is some 100 MB.
const MaxSavedPlanBytes = 1 << 30

// SavedPlan is what `plan --out` writes and `apply --plan` reads: the plan
// as reviewed and the inputs it was made from. Nothing in it is trusted:
// apply plans again from the same files and today's live state, and refuses
// when that plan is not this one. It never holds a secret value (the plan
// masks them).
type SavedPlan struct {
	FormatVersion string      `json:"formatVersion"`
	Plan          *diff.Plan  `json:"plan"`
	Inputs        SavedInputs `json:"inputs"`
	Target        SavedTarget `json:"target"`
}

// SavedInputs names what the plan was made from.
type SavedInputs struct {
	// Paths and PolicyDirs are the arguments of `logctl plan`, as given.
	Paths      []string `json:"paths"`
	PolicyDirs []string `json:"policyDirs,omitempty"`
	// Files are the YAML files loaded, in load order, each with the SHA-256
	// of its bytes.
	Files []SavedFile `json:"files"`
}

// SavedFile is one input file and the hex SHA-256 of its bytes.
type SavedFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Write encodes the saved plan.
func (sp *SavedPlan) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // values read back as plan -o json prints them
	return enc.Encode(sp)
}

var hexDigest = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ReadSavedPlan decodes a saved plan and checks its version and inputs.
func ReadSavedPlan(r io.Reader) (*SavedPlan, error) {
	var sp SavedPlan
	// Unknown members (such as the desired resources and safety settings of
	// version 1) are ignored: nothing but the plan and its inputs is read.
	dec := json.NewDecoder(io.LimitReader(r, MaxSavedPlanBytes+1))
	if err := dec.Decode(&sp); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("read saved plan: truncated, or larger than %d bytes", MaxSavedPlanBytes)
		}
		return nil, fmt.Errorf("read saved plan: %w (re-run logctl plan --out)", err)
	}
	if sp.FormatVersion != SavedPlanVersion || sp.Plan == nil {
		return nil, fmt.Errorf("read saved plan: format version %q is not %q: it was saved by another logctl version (re-run logctl plan --out)", sp.FormatVersion, SavedPlanVersion)
	}
	if sp.Plan.FormatVersion != diff.FormatVersion {
		return nil, fmt.Errorf("read saved plan: its plan has format version %q, not %q (re-run logctl plan --out)", sp.Plan.FormatVersion, diff.FormatVersion)
	}
	if len(sp.Inputs.Paths) == 0 || len(sp.Inputs.Files) == 0 {
		return nil, fmt.Errorf("read saved plan: it does not name the files it was made from (re-run logctl plan --out)")
	}
	for _, f := range sp.Inputs.Files {
		if f.Path == "" || !hexDigest.MatchString(f.SHA256) {
			return nil, fmt.Errorf("read saved plan: input %q has no valid SHA-256 (re-run logctl plan --out)", f.Path)
		}
	}
	return &sp, nil
}
