package emulator

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"

	"github.com/logctl/logctl/internal/emulator/huawei"
	"github.com/logctl/logctl/internal/emulator/tencent"
)

// World is a --world file (design §7): what exists besides the resources the
// APIs create, and live resources to pre-seed in the logctl YAML format.
type World struct {
	Tencent tencent.World `yaml:"tencent"`
	Huawei  huawei.World  `yaml:"huawei"`
	Live    Live          `yaml:"live"`
}

// Live holds resources that already run when a new state file is created.
type Live struct {
	DeliveryTasks []tencent.LiveTask   `yaml:"deliveryTasks"`
	Exports       []tencent.LiveExport `yaml:"exports"`
	Dumps         []huawei.LiveDump    `yaml:"dumps"`
}

// DefaultWorld holds every id of the vendor examples in shared/seeds.
func DefaultWorld() World {
	return World{Tencent: tencent.DefaultWorld(), Huawei: huawei.DefaultWorld()}
}

// ParseWorld reads a world file. Unknown keys are errors, so a typo does not
// silently leave a zone or topic out.
func ParseWorld(b []byte) (World, error) {
	var w World
	if len(bytes.TrimSpace(b)) == 0 {
		return w, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&w); err != nil && !errors.Is(err, io.EOF) {
		return w, fmt.Errorf("parse world: %w", err)
	}
	return w, nil
}

// merge adds o's resources to w; live entries are appended.
func (w *World) merge(o World) {
	w.Tencent.Merge(o.Tencent)
	w.Huawei.Merge(o.Huawei)
	w.Live.DeliveryTasks = append(w.Live.DeliveryTasks, o.Live.DeliveryTasks...)
	w.Live.Exports = append(w.Live.Exports, o.Live.Exports...)
	w.Live.Dumps = append(w.Live.Dumps, o.Live.Dumps...)
}

// Default credentials (design §7).
const (
	DefaultTencentSecretID  = "AKIDLOGCTLEMULATOR"
	DefaultTencentSecretKey = "logctl-emulator-secret"
	DefaultHuaweiAK         = "LOGCTLEMULATORAK"
	DefaultHuaweiSK         = "logctl-emulator-secret"
)

// Credentials is a --credentials file (YAML or JSON):
//
//	tencent: {AKIDEXAMPLE: secret-key}        # SecretId -> SecretKey
//	tencentTokens: {AKIDTEMP: session-token}  # temporary keys: required X-TC-Token
//	huawei: {MYAK: my-sk}                     # AK -> SK
//	huaweiTokens: {my-token: 0123...cdef}     # X-Auth-Token -> project id
//
// The defaults are always accepted as well.
type Credentials struct {
	Tencent       map[string]string `yaml:"tencent"`
	TencentTokens map[string]string `yaml:"tencentTokens"`
	Huawei        map[string]string `yaml:"huawei"`
	HuaweiTokens  map[string]string `yaml:"huaweiTokens"`
}

// parseCredentials merges a credentials file over the defaults.
func parseCredentials(b []byte) (Credentials, error) {
	c := Credentials{
		Tencent:       map[string]string{DefaultTencentSecretID: DefaultTencentSecretKey},
		TencentTokens: map[string]string{},
		Huawei:        map[string]string{DefaultHuaweiAK: DefaultHuaweiSK},
		HuaweiTokens:  map[string]string{},
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return c, nil
	}
	var f Credentials
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return c, fmt.Errorf("parse credentials: %w", err)
	}
	for dst, src := range map[*map[string]string]map[string]string{
		&c.Tencent: f.Tencent, &c.TencentTokens: f.TencentTokens, &c.Huawei: f.Huawei, &c.HuaweiTokens: f.HuaweiTokens,
	} {
		for k, v := range src {
			(*dst)[k] = v
		}
	}
	return c, nil
}
