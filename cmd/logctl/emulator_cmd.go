package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/logctl/logctl/internal/emulator"
	"github.com/logctl/logctl/internal/emulator/semantics"
)

func newEmulatorCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "Run the local cloud: EdgeOne, CLS and LTS on one HTTP endpoint",
	}
	cmd.AddCommand(newEmulatorServeCmd(a))
	return cmd
}

func newEmulatorServeCmd(a *app) *cobra.Command {
	var (
		addr, statePath, worldPath, credsPath string
		latency                               time.Duration
		faultRate, faultAfterCommit           float64
		seed                                  int64
		noRateLimits, allowUnknown            bool
		semanticsFlag                         string
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the emulated Tencent Cloud (teo, cls) and Huawei Cloud (LTS) APIs",
		Long: `Serve a local stand-in for the clouds logctl manages, faithful enough that
the vendors' SDKs cannot tell it from the real thing:

  POST /                       Tencent Cloud API 3.0: teo 2022-09-01 (real-time log
                               delivery tasks, DownloadL7Logs, DownloadL4Logs; also
                               DownloadL7Logs 2022-01-06) and cls 2020-10-16 exports
  /v2/{project_id}/...         Huawei Cloud LTS: log-dump/obs and transfers
  /v3/auth/projects            Huawei IAM KeystoneListAuthProjects (a project's
                               name is its region)
  /offline-logs/...            the gzip packages DownloadL7Logs/L4Logs point at
  /cls-exports/...             the files of completed CLS exports

Requests are signed as the SDKs sign them (TC3-HMAC-SHA256, SDK-HMAC-SHA256)
and checked. Default credentials:
  Tencent  SecretId AKIDLOGCTLEMULATOR  SecretKey logctl-emulator-secret
  Huawei   AK LOGCTLEMULATORAK          SK logctl-emulator-secret

An LTS call whose Host is a region's endpoint (lts.<region>.myhuaweicloud.com,
which logctl sends even to an endpoint override) is refused when its project
belongs to another region, as that endpoint would; a bare Host such as
127.0.0.1:8787 names no region and is not checked.

The first line of output is "listening on http://HOST:PORT". SIGINT or
SIGTERM shuts down cleanly and flushes the state file.

--world FILE adds zones, domains, L4 proxies, functions, CLS topics, LTS
projects, groups, streams and buckets to the default world (which holds
every id of the vendor examples), and pre-seeds live resources:

  tencent:
    zones:
      - {id: zone-abc, name: example.org, domains: [www.example.org], l4Proxies: [sid-1], functions: [fn-1]}
    cls:
      - region: ap-guangzhou
        logSets: [{id: 1a6efff1-..., topics: [0b3a07c0-...]}]
  huawei:
    projects:
      - id: 0123456789abcdef0123456789abcdef
        region: cn-north-4
        logGroups: [{id: d9dba9f3-..., streams: [45e7f609-...]}]
        buckets: [lts-test]
  live:                     # logctl YAML (deliveryTasks, exports, dumps);
    deliveryTasks: []       # created only when the state file is new
    exports: []
    dumps: []

--credentials FILE (YAML or JSON) adds keys to the defaults:

  tencent: {AKIDEXAMPLE: secret-key}
  tencentTokens: {AKIDTEMP: session-token}
  huawei: {MYAK: my-sk}
  huaweiTokens: {my-token: 0123456789abcdef0123456789abcdef}`,
		Example: `  # A local cloud on the default port, state kept across restarts
  logctl emulator serve --state .logctl/emulator.json

  # Point logctl (or any SDK) at it
  export LOGCTL_TENCENT_ENDPOINT=http://127.0.0.1:8787 LOGCTL_HUAWEI_ENDPOINT=http://127.0.0.1:8787
  export TENCENTCLOUD_SECRET_ID=AKIDLOGCTLEMULATOR TENCENTCLOUD_SECRET_KEY=logctl-emulator-secret

  # A free port, your own zones, and 20% injected faults (reproducible by seed)
  logctl emulator serve --addr 127.0.0.1:0 --world world.yaml \
      --latency 20ms --fault-rate 0.1 --fault-after-commit 0.1 --seed 42

  # The other reading of every undocumented behaviour (also for --emulator
  # runs: LOGCTL_EMULATOR_SEMANTICS=all logctl plan --emulator examples/)
  logctl emulator serve --semantics all
  logctl emulator serve --semantics modify-keeps-omitted,async-delete=5s`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts := emulator.Options{
				StatePath: statePath, Latency: latency, FaultRate: faultRate,
				FaultAfterCommit: faultAfterCommit, Seed: seed,
				NoRateLimits: noRateLimits, AllowUnknownParameters: allowUnknown,
			}
			var err error
			if opts.Semantics, err = semantics.Parse(semanticsFlag); err != nil {
				return fmt.Errorf("emulator: --semantics: %w", err)
			}
			if worldPath != "" {
				if opts.World, err = os.ReadFile(worldPath); err != nil {
					return fmt.Errorf("emulator: read world: %w", err)
				}
			}
			if credsPath != "" {
				if opts.Credentials, err = os.ReadFile(credsPath); err != nil {
					return fmt.Errorf("emulator: read credentials: %w", err)
				}
			}
			srv, err := emulator.New(opts)
			if err != nil {
				return err
			}
			return srv.Serve(a.ctx, addr, func(base string) {
				fmt.Fprintf(a.stdout, "listening on %s\n", base)
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8787", "address to listen on; port 0 picks a free port")
	f.StringVar(&statePath, "state", "", "JSON state file, written atomically after each change (default: in memory only)")
	f.StringVar(&worldPath, "world", "", "world YAML adding zones, topics, LTS projects and live resources")
	f.StringVar(&credsPath, "credentials", "", "credentials YAML/JSON adding Tencent and Huawei keys and tokens")
	f.DurationVar(&latency, "latency", 0, "latency added to every call, e.g. 20ms")
	f.Float64Var(&faultRate, "fault-rate", 0, "fraction 0..1 of calls failing before they are handled (5xx/InternalError, throttling, dropped connection)")
	f.Float64Var(&faultAfterCommit, "fault-after-commit", 0, "fraction 0..1 of mutating calls applied and persisted, then answered by a dropped connection")
	f.Int64Var(&seed, "seed", 0, "seed for faults and ids")
	f.BoolVar(&noRateLimits, "no-rate-limits", false, "turn off the per-action quotas")
	f.BoolVar(&allowUnknown, "allow-unknown-parameters", false, "ignore undefined Tencent parameters instead of answering UnknownParameter")
	f.StringVar(&semanticsFlag, "semantics", "", "comma-separated readings of undocumented vendor behaviour to switch on: "+strings.Join(semantics.Names(), ", "))
	return cmd
}
