package bot

import (
	"testing"

	"github.com/reedesk/reedesk/internal/testrun"
)

func TestMain(m *testing.M) { testrun.Main(m) }
