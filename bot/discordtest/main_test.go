package discordtest

import (
	"testing"

	"github.com/reedesk/reedesk/internal/testrun"
)

// TestMain runs more tests at once than there are cores: most wait on discordgo.
func TestMain(m *testing.M) { testrun.Main(m) }
