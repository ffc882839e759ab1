package answer

import (
	"testing"

	"github.com/reedesk/reedesk/internal/testrun"
)

func TestMain(m *testing.M) { testrun.Plain(m) }
