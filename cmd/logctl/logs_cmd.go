package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/logctl/logctl/internal/offlinelogs"
	"github.com/logctl/logctl/internal/provider/teo"
	"github.com/logctl/logctl/internal/ratelimit"
	"github.com/logctl/logctl/internal/render"
	"github.com/logctl/logctl/internal/tencent"
)

func newLogsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "logs",
		Short: "List and download EdgeOne offline log packages",
		Long: `List and download the hourly offline log packages of EdgeOne sites (L7,
per domain) and L4 proxies, through DownloadL7Logs and DownloadL4Logs.

Packages are hourly gzip files in UTC. They appear about 3 hours after their
hour, may keep growing for about 24 hours, and are kept 31 days by default.`,
	}
	cmd.AddCommand(newLogsListCmd(a), newLogsDownloadCmd(a))
	return cmd
}

// logsFlags are the selection flags list and download share.
type logsFlags struct {
	kind       string
	zones      []string
	domains    []string
	proxies    []string
	start, end string
	apiVersion string
}

const logsFlagsHelp = `Selecting packages:
  --type l7|l4      L7 packages (one per domain and hour) or L4 proxy packages
  --zone ID         zone id, e.g. zone-2z55fgysdtmc (repeatable; required)
  --domain D        only these domains (l7; repeatable); default all
  --proxy ID        only these L4 proxies (l4; repeatable); default all
  --start T, --end T  the window: RFC 3339 (2024-05-01T00:00:00Z,
                    2024-05-01T08:00:00+08:00), "now", or relative to now:
                    -24h, -90m, -7d, -1d12h. Start must be before end.
  --api-version 2022-09-01 (default) pages by 300 with Offset/Limit.
                    2022-01-06 is the legacy DownloadL7Logs form (l7 only):
                    there --zone takes site NAMES (example.com), not zone ids,
                    and may be left out for every site. The action left the
                    2022-01-06 API schema in 2023 and whether the service still
                    answers it is unconfirmed: prefer 2022-09-01.

Sizes: an L7 size counts the uncompressed log; an L4 size the .gz file.`

func (f *logsFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.kind, "type", "", "package type: l7 or l4 (required)")
	fs.StringSliceVar(&f.zones, "zone", nil, "zone `ID` (repeatable); a site name with --api-version 2022-01-06")
	fs.StringSliceVar(&f.domains, "domain", nil, "only packages of this `DOMAIN` (l7; repeatable)")
	fs.StringSliceVar(&f.proxies, "proxy", nil, "only packages of this L4 proxy `ID` (l4; repeatable)")
	fs.StringVar(&f.start, "start", "", "window start `T`: RFC 3339, now, or relative like -24h, -7d (required)")
	fs.StringVar(&f.end, "end", "now", "window end `T`: RFC 3339, now, or relative like -1h")
	fs.StringVar(&f.apiVersion, "api-version", teo.Version, "teo API version: "+teo.Version+" or "+teo.LegacyVersion+" (l7 only; zones by site name)")
}

// query checks the flags and builds the listing query.
func (f *logsFlags) query(now time.Time) (offlinelogs.Query, error) {
	kind, err := offlinelogs.ParseKind(f.kind)
	if f.kind == "" {
		err = errors.New("--type is required: l7 or l4")
	}
	if err != nil {
		return offlinelogs.Query{}, fmt.Errorf("--type: %w", err)
	}
	q := offlinelogs.Query{Kind: kind, Zones: f.zones, Subjects: f.domains}
	switch {
	case kind == offlinelogs.KindL4 && len(f.domains) > 0:
		return q, errors.New("--domain selects l7 packages; use --proxy with --type l4")
	case kind == offlinelogs.KindL7 && len(f.proxies) > 0:
		return q, errors.New("--proxy selects l4 packages; use --domain with --type l7")
	case kind == offlinelogs.KindL4:
		q.Subjects = f.proxies
	}
	switch f.apiVersion {
	case teo.Version:
		if len(f.zones) == 0 {
			return q, errors.New("--zone is required (a zone id such as zone-2z55fgysdtmc)")
		}
	case teo.LegacyVersion:
		if kind != offlinelogs.KindL7 {
			return q, fmt.Errorf("--api-version %s lists l7 packages only", teo.LegacyVersion)
		}
		q.Legacy = true
	default:
		return q, fmt.Errorf("--api-version %q: want %s or %s", f.apiVersion, teo.Version, teo.LegacyVersion)
	}
	if f.start == "" {
		return q, errors.New("--start is required, e.g. --start -24h")
	}
	if q.Start, q.End, err = offlinelogs.ParseWindow(f.start, f.end, now); err != nil {
		return q, err
	}
	return q, nil
}

// listPackages lists q's packages with clients built from getenv.
func listPackages(ctx context.Context, getenv func(string) string, q offlinelogs.Query) ([]offlinelogs.Package, error) {
	cfg := tencent.Config{Endpoint: strings.TrimSpace(getenv(envTencentEndpoint)), Getenv: getenv}
	l := &offlinelogs.Lister{Limits: ratelimit.NewSet(ratelimit.Vendor(), ratelimit.Clock{})}
	version := teo.Version
	if q.Legacy {
		version = teo.LegacyVersion
	}
	c, err := tencent.New(teo.Service, version, cfg)
	if err != nil {
		return nil, explainAPIError(err)
	}
	if q.Legacy {
		l.Legacy = teo.NewLegacyAPI(c)
	} else {
		l.API = teo.NewAPI(c)
	}
	pkgs, _, err := l.List(ctx, q)
	if err != nil {
		return nil, explainAPIError(err)
	}
	return pkgs, nil
}

// retentionNote warns when the window starts before the default 31-day
// retention (edgeone-logs.md §11): those hours list nothing.
func retentionNote(w io.Writer, q offlinelogs.Query, now time.Time) {
	if q.Start.Before(now.Add(-31 * 24 * time.Hour)) {
		fmt.Fprintln(w, "Note: offline logs are kept 31 days by default (183 days on some plans); older hours list no packages.")
	}
}

func newLogsListCmd(a *app) *cobra.Command {
	var (
		f      logsFlags
		output string
	)
	cmd := &cobra.Command{
		Use:     "list --type l7|l4 --zone ID... --start T [--end T] [-o text|json]",
		Short:   "List the offline log packages of a time window",
		Long:    logsListLong,
		Example: logsListExample,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			now := time.Now()
			q, err := f.query(now)
			if err != nil {
				return err
			}
			if output != "text" && output != "json" {
				return fmt.Errorf("-o %q: want %s", output, strings.Join(offlinelogs.Formats(), " or "))
			}
			cloud, err := a.openCloud(a.ctx)
			if err != nil {
				return err
			}
			defer cloud.stop()
			retentionNote(a.stderr, q, now)
			pkgs, err := listPackages(a.ctx, cloud.getenv, q)
			if err != nil {
				return err
			}
			return offlinelogs.WriteList(a.stdout, output, pkgs)
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: "+strings.Join(offlinelogs.Formats(), "|"))
	return cmd
}

func newLogsDownloadCmd(a *app) *cobra.Command {
	var (
		f        logsFlags
		dir      string
		parallel int
		timeout  time.Duration
	)
	cmd := &cobra.Command{
		Use:     "download --type l7|l4 --zone ID... --start T [--end T] --dir DIR [--parallelism N] [--timeout D]",
		Short:   "Download the offline log packages of a time window, resumably",
		Long:    logsDownloadLong,
		Example: logsDownloadExample,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			now := time.Now()
			q, err := f.query(now)
			if err != nil {
				return err
			}
			if dir == "" {
				return errors.New("--dir is required: the directory to download into")
			}
			if err := checkParallelism(parallel); err != nil {
				return err
			}
			if timeout < 0 {
				return fmt.Errorf("--timeout %s: want a positive duration, or 0 for none", timeout)
			}
			ctx := a.ctx
			if timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeoutCause(a.ctx, timeout, fmt.Errorf("--timeout %s reached", timeout))
				defer cancel()
			}
			cloud, err := a.openCloud(ctx)
			if err != nil {
				return err
			}
			defer cloud.stop()
			retentionNote(a.stderr, q, now)
			pkgs, err := listPackages(ctx, cloud.getenv, q)
			if err != nil {
				return err
			}
			d := &offlinelogs.Downloader{Dir: dir, Parallel: parallel, Progress: progressFor(a.stderr)}
			return a.reportDownload(ctx, d, pkgs, time.Now())
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().StringVar(&dir, "dir", "", "directory to download into, created if missing (required)")
	addParallelism(cmd.Flags(), &parallel, offlinelogs.DefaultParallel, "packages to download")
	cmd.Flags().DurationVar(&timeout, "timeout", 0, "deadline for the whole run, listing included, e.g. 30m (0: none)")
	return cmd
}

// progressFor draws a bar on a terminal and prints lines elsewhere.
func progressFor(w io.Writer) offlinelogs.Reporter {
	if f, ok := fileOf(w); ok && term.IsTerminal(int(f.Fd())) {
		return &offlinelogs.Bar{W: w}
	}
	return &offlinelogs.Lines{W: w}
}

// reportDownload runs d and prints the summary line on stdout.
func (a *app) reportDownload(ctx context.Context, d *offlinelogs.Downloader, pkgs []offlinelogs.Package, started time.Time) error {
	sum, err := d.Run(ctx, pkgs)
	interrupted := ""
	if sum.Interrupted > 0 {
		interrupted = fmt.Sprintf(", %d interrupted", sum.Interrupted)
	}
	fmt.Fprintf(a.stdout, "%d downloaded, %d skipped (already complete), %d failed%s; %s received in %s; manifest %s\n",
		sum.Downloaded, sum.Skipped, sum.Failed, interrupted, offlinelogs.HumanBytes(sum.Received),
		time.Since(started).Round(time.Millisecond), filepath.Join(d.Dir, offlinelogs.ManifestFile))
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%v: complete files and .part files are kept; run the same command again to resume", context.Cause(ctx))
	case errors.Is(err, context.Canceled):
		return errors.New("interrupted: complete files and .part files are kept; run the same command again to resume")
	case err != nil:
		return err
	case sum.Failed > 0:
		return fmt.Errorf("%d of %s failed (see above); run the same command again to retry them", sum.Failed, render.Count(len(pkgs), "package"))
	}
	return nil
}

// Help texts of logs list and logs download.
const (
	logsListLong = `List the offline log packages of a time window, every page of them.

The text output is a table (package, subject, area, window, size) ending with
a count and total size line; -o json prints {"formatVersion": "2",
"packages": [...]}, the packages sorted by window start, subject, area and
name. Download URLs are shown by host only:
they may carry a signature. Use "logctl logs download" to fetch the files.

` + logsFlagsHelp

	logsListExample = `  # Yesterday's L7 packages of one zone
  logctl logs list --type l7 --zone zone-2z55fgysdtmc --start -24h

  # One domain over a fixed window, as JSON, total size with jq
  logctl logs list --type l7 --zone zone-2z55fgysdtmc --domain domain.example.com \
      --start 2024-05-01T00:00:00Z --end 2024-05-02T00:00:00Z -o json | jq '.packages | map(.size) | add'

  # L4 proxy packages of the last week
  logctl logs list --type l4 --zone zone-2z55fgysdtmc --proxy sid-2s69eb5wcms7 --start -7d

  # The legacy 2022-01-06 form: zones by site name
  logctl logs list --type l7 --api-version 2022-01-06 --zone example.com --start -24h

  # Try it without a cloud account
  logctl logs list --emulator --type l7 --zone zone-2z55fgysdtmc --start -12h`

	logsDownloadLong = `Download every offline log package of a time window into DIR.

Each package is saved as DIR/<package name>.log.gz. It is first written to
<file>.part and renamed only once verified: complete gzip (every member's
CRC and length checked) and the listed size (L7: uncompressed bytes; L4: the
.gz file). DIR/manifest.json, rewritten atomically, records each file's
package name, URL host (never the rest of the URL, which may carry a
signature), subject, area, window, size and SHA-256.

Run the same command again to resume: files the manifest lists with a
matching SHA-256 are skipped without a request, files without an entry are
verified and kept, and a .part file left by an interrupted run (Ctrl-C,
a dropped connection) is continued with an HTTP Range request. Connection
errors, HTTP 5xx/429 and stalls are retried with back-off; the listing calls
are paced at the API quota and retried on throttling. Package names that
could leave DIR (.., /, \, :, control characters) and URLs that are not
http(s) are refused.

Bounded work: a body is cut at a bound derived from the listed size (the
size plus 1/1024 and 64 KiB, which holds whichever way the size is counted)
and the package refused; a redirect to another host, or from https to http,
is refused; a package that fails for good, or is refused, leaves no .part
file. --timeout gives the whole run a deadline; .part files of packages it
interrupts are kept (each within its bound) for the next run to resume.

Progress goes to stderr: a bar on a terminal, otherwise one line per
package. The exit code is 1 if any package failed.

` + logsFlagsHelp

	logsDownloadExample = `  # Yesterday's L7 packages, 8 at a time
  logctl logs download --type l7 --zone zone-2z55fgysdtmc --start -24h --dir logs/l7 --parallelism 8

  # At most half an hour, listing included (resume later with the same command)
  logctl logs download --type l7 --zone zone-2z55fgysdtmc --start -24h --dir logs/l7 --timeout 30m

  # Interrupted? Run the same command: complete files are skipped, partial ones resumed
  logctl logs download --type l7 --zone zone-2z55fgysdtmc --start -24h --dir logs/l7

  # Check the files against the manifest yourself
  jq -r '.packages[] | "\(.sha256)  \(.file)"' logs/l7/manifest.json | (cd logs/l7 && sha256sum -c)

  # Against the emulator
  logctl logs download --emulator --type l4 --zone zone-2z55fgysdtmc --start -6h --dir l4`
)
