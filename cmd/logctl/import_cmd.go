package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/diff"
	"github.com/logctl/logctl/internal/adopt"
	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/reconcile"
	"github.com/logctl/logctl/spec"
)

type importOptions struct {
	zones, topics, groups []string
	region                string
	project, huaweiRegion string
	out                   string
}

func newImportCmd(a *app) *cobra.Command {
	var o importOptions
	cmd := &cobra.Command{
		Use:   "import --zone ID... | --topic ID... | --log-group ID...",
		Short: "Write YAML for resources that already run, proven to plan with zero changes",
		Long: `Import reads the live delivery tasks of zones, the exports of CLS topics and
the dumps of LTS log groups, and writes them as logctl YAML: every field the
API returns, in a stable order, with a scope entry for each zone, topic and
log group so that the repository owns them from then on.

Task names are kept; exports are named export-<from time>-<id> and dumps
dump-<bucket>-<id>. Secrets (accessId, accessKey, and the value of every
custom header except the few known to be harmless:
` + strings.Join(spec.HarmlessHeaders(), ", ") + `)
are replaced by ${env:NAME} references named after the task and field, e.g.
SECURITY_TO_SIEM_CUSTOMENDPOINT_ACCESSKEY or SIEM_HEADER_X_AUTH, and marked
secret: true; the variables to set are listed on stderr. No secret value is
ever written. A live value that contains "${" is written with the escape
"$${", which reads back as "${".

Before writing anything, import plans the generated YAML against the live
state it was read from (secrets taken from the live values, in memory only)
and fails if that plan is not empty: imported YAML always round-trips.`,
		Example: `  # Adopt a zone's delivery tasks and a topic's exports into logs/:
  logctl import --zone zone-2z55fgysdtmc --topic ee20bb16-3025-4048-b81a-dd436373062e --out logs/

  # Print the YAML of an LTS log group's transfers:
  logctl import --log-group d9dba9f3-xxxx-48bd-xxxx-xxxxa24a8053 \
      --project 0123456789abcdef0123456789abcdef --huawei-region cn-north-4

  # Try it on the emulator:
  logctl import --emulator --zone zone-2z55fgysdtmc`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runImport(a, o) },
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.zones, "zone", nil, "import the delivery tasks of zone `ID` (repeatable)")
	f.StringArrayVar(&o.topics, "topic", nil, "import the exports of CLS topic `ID` (repeatable)")
	f.StringVar(&o.region, "region", "ap-guangzhou", "CLS `REGION` of the topics")
	f.StringArrayVar(&o.groups, "log-group", nil, "import the dumps of LTS log group `ID` (repeatable)")
	f.StringVar(&o.project, "project", "", "Huawei Cloud project `ID` of the log groups (default $HUAWEICLOUD_SDK_PROJECT_ID)")
	f.StringVar(&o.huaweiRegion, "huawei-region", "cn-north-4", "Huawei Cloud `REGION` of the log groups")
	f.StringVar(&o.out, "out", "", "write one file per zone, topic and log group into `DIR` (default: print to stdout)")
	return cmd
}

func (o importOptions) targets(getenv func(string) string) ([]reconcile.Target, error) {
	var ts []reconcile.Target
	for _, z := range o.zones {
		ts = append(ts, reconcile.Target{Kind: spec.KindDeliveryTask, ZoneID: z})
	}
	for _, t := range o.topics {
		ts = append(ts, reconcile.Target{Kind: spec.KindExport, Region: o.region, TopicID: t})
	}
	if len(o.groups) > 0 {
		project := o.project
		if project == "" {
			project = getenv("HUAWEICLOUD_SDK_PROJECT_ID")
		}
		if project == "" {
			return nil, fmt.Errorf("import: --log-group needs --project (or HUAWEICLOUD_SDK_PROJECT_ID)")
		}
		ts = append(ts, reconcile.Target{Kind: spec.KindDump, Region: o.huaweiRegion, ProjectID: project, LogGroups: o.groups})
	}
	if len(ts) == 0 {
		return nil, fmt.Errorf("import: name what to import with --zone, --topic or --log-group")
	}
	return ts, nil
}

func runImport(a *app, o importOptions) error {
	cloud, err := a.openCloud(a.ctx)
	if err != nil {
		return withCode(exitError, err)
	}
	defer cloud.stop()
	targets, err := o.targets(cloud.getenv)
	if err != nil {
		return withCode(exitError, err)
	}
	providers, err := newProviders(cloud.getenv, providerOptions{})
	if err == nil {
		err = checkCredentials(providers, targets)
	}
	if err != nil {
		return withCode(exitError, err)
	}
	fmt.Fprintf(a.stderr, "Reading the live state of %s...\n", describeTargets(targets))
	live, err := (&reconcile.Reader{Providers: providers}).Read(a.ctx, targets)
	if err != nil {
		return withCode(exitError, explainAPIError(err))
	}
	res := adopt.Build(live)
	// The live secret values stay in memory for the zero-diff proof; should
	// an error quote one, the output writers redact it like any credential.
	for _, sec := range res.Secrets {
		if v, ok := res.Lookup(sec.Name); ok {
			a.secrets.Add(v)
		}
	}
	encoded, err := encodeFiles(res)
	if err != nil {
		return withCode(exitError, err)
	}
	if err := proveRoundTrip(encoded, res, live); err != nil {
		return withCode(exitError, err)
	}
	if err := a.writeImport(o.out, encoded); err != nil {
		return withCode(exitError, err)
	}
	n := len(live.DeliveryTasks) + len(live.Exports) + len(live.Dumps)
	fmt.Fprintf(a.stderr, "Imported %s; the generated YAML plans to no change.\n", render.Count(n, "resource"))
	if len(res.Secrets) > 0 {
		fmt.Fprintln(a.stderr, "Set these variables (from your secret store) before plan or apply:")
		for _, s := range res.Secrets {
			fmt.Fprintf(a.stderr, "  %s  (%s)\n", s.Name, s.Where)
		}
	}
	return nil
}

func encodeFiles(res *adopt.Result) (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, f := range res.Files {
		b, err := spec.Encode(f)
		if err != nil {
			return nil, err
		}
		out[name] = append([]byte("# Imported by logctl import.\n"), b...)
	}
	return out, nil
}

// proveRoundTrip loads the generated files exactly as plan would, resolves
// their references to the live values and diffs them against the live
// state: anything but an empty plan is a bug that must not reach the user's
// repository.
func proveRoundTrip(files map[string][]byte, res *adopt.Result, live *diff.Live) error {
	dir, err := os.MkdirTemp("", "logctl-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			return err
		}
	}
	if len(files) == 0 {
		return nil
	}
	raw, diags, err := spec.Load([]string{dir})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("import: the generated YAML does not load: %w", diags.Err())
	}
	resolved, rdiags := raw.Resolve(res.Lookup)
	if rdiags.HasErrors() {
		return fmt.Errorf("import: the generated YAML references unknown secrets: %w", rdiags.Err())
	}
	p := diff.Compute(resolved, raw, live)
	if p.HasChanges() || len(p.Unmanaged) > 0 {
		var buf bytes.Buffer
		_ = render.Plan(&buf, "text", p, render.PlanOptions{})
		return fmt.Errorf("import: the generated YAML would not plan to zero changes; nothing was written (please report this):\n%s", buf.String())
	}
	return nil
}

func (a *app) writeImport(out string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	if out == "" {
		for i, n := range names {
			if i > 0 {
				fmt.Fprintln(a.stdout, "---")
			}
			fmt.Fprintf(a.stdout, "# file: %s\n%s", n, files[n])
		}
		return nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, n := range names {
		path := filepath.Join(out, n)
		if _, err := os.Stat(path); err == nil {
			return fmt.Errorf("import: %s exists; refusing to overwrite it (choose another --out)", path)
		}
	}
	for _, n := range names {
		path := filepath.Join(out, n)
		if err := os.WriteFile(path, files[n], 0o644); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "Wrote %s\n", strings.TrimPrefix(path, "./"))
	}
	return nil
}
