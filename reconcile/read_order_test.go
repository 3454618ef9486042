package reconcile

import (
	"slices"
	"testing"

	"github.com/logctl/logctl/spec"
)

func TestReadOrderInterleavesKinds(t *testing.T) {
	zone := func(id string) Target { return Target{Kind: spec.KindDeliveryTask, ZoneID: id} }
	topic := func(id string) Target { return Target{Kind: spec.KindExport, Region: "r", TopicID: id} }
	project := func(id string) Target { return Target{Kind: spec.KindDump, Region: "r", ProjectID: id} }
	tests := []struct {
		name    string
		targets []Target
		want    []int
	}{
		{name: "none"},
		{name: "one kind keeps its order", targets: []Target{zone("a"), zone("b"), zone("c")}, want: []int{0, 1, 2}},
		{
			name: "sorted targets: the biggest kind first, then one of each in turn",
			// As Targets sorts them: projects, then topics, then zones.
			targets: []Target{project("p"), topic("t1"), topic("t2"), zone("z1"), zone("z2"), zone("z3")},
			want:    []int{3, 1, 0, 4, 2, 5},
		},
		{
			name:    "equal counts keep the order of first appearance",
			targets: []Target{topic("t1"), zone("z1"), topic("t2"), zone("z2")},
			want:    []int{0, 1, 2, 3},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := readOrder(tc.targets)
			if !slices.Equal(got, tc.want) && len(got)+len(tc.want) > 0 {
				t.Errorf("readOrder = %v, want %v", got, tc.want)
			}
			sorted := slices.Sorted(slices.Values(got))
			for i, v := range sorted {
				if v != i {
					t.Fatalf("readOrder = %v is not a permutation of the targets", got)
				}
			}
		})
	}
}
