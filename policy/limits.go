package policy

import "fmt"

// MaxFindings is how many findings one evaluation keeps. Each costs its
// placement in the files (which may parse a resource again) and its
// rendering; 780,000 findings took 5.3 GB. Past it, one finding says how
// many more there were: the first ones are enough to start fixing.
const MaxFindings = 10_000

// capFindings keeps the first MaxFindings of raw and, when it drops any,
// returns the finding that counts them: an error when one of the dropped
// is an error, else a warning.
func capFindings(raw []rawFinding) ([]rawFinding, *Finding) {
	if len(raw) <= MaxFindings {
		return raw, nil
	}
	dropped := raw[MaxFindings:]
	sev := SeverityWarning
	for _, f := range dropped {
		if f.rule.severity == SeverityError {
			sev = SeverityError
			break
		}
	}
	return raw[:MaxFindings:MaxFindings], &Finding{
		Rule:     "policy.too-many-findings",
		Severity: sev,
		Message: fmt.Sprintf("%s not collected: logctl keeps the first %d to bound its memory\n"+
			"hint: fix the findings shown (often one mistake repeated across many resources) and lint again",
			moreFindings(len(dropped)), MaxFindings),
	}
}

// moreFindings is "1 more finding was" or "N more findings were" (the
// renderers' plural helper is above this package).
func moreFindings(n int) string {
	if n == 1 {
		return "1 more finding was"
	}
	return fmt.Sprintf("%d more findings were", n)
}
