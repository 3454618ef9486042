package prcomment

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// MaxStepSummaryBytes is GitHub's limit on one step's job summary
// ($GITHUB_STEP_SUMMARY): 1 MiB. Past it the summary is not uploaded at
// all and an error annotation is shown instead.
const MaxStepSummaryBytes = 1 << 20

// summaryNote ends a summary that was cut to stay within the limit.
const summaryNote = "\n_Summary truncated: GitHub keeps at most 1 MiB of job summary per step._\n"

// ErrStepSummaryFull means the step's summary file has no room left even
// for the truncation note.
var ErrStepSummaryFull = errors.New("job summary already at GitHub's 1 MiB limit for this step")

// WriteStepSummary appends markdown to the job summary file at path (the
// value of GITHUB_STEP_SUMMARY), keeping the file within
// MaxStepSummaryBytes: what does not fit is cut at a line end, open code
// fences and <details> are closed, and a note says so. An empty path (not
// in Actions) writes nothing.
func WriteStepSummary(path, markdown string) error {
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("open job summary: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open job summary: %w", err)
	}
	text, err := fitSummary(markdown, MaxStepSummaryBytes-int(st.Size()))
	if err == nil {
		_, err = f.WriteString(text)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write job summary: %w", err)
	}
	return nil
}

// fitSummary returns markdown, newline-terminated, cut to room bytes.
func fitSummary(markdown string, room int) (string, error) {
	if markdown != "" && !strings.HasSuffix(markdown, "\n") {
		markdown += "\n"
	}
	if len(markdown) <= room {
		return markdown, nil
	}
	out, ok := cutClosed(markdown, room-len(summaryNote), inBytes)
	if !ok {
		return "", ErrStepSummaryFull
	}
	return out + summaryNote, nil
}
