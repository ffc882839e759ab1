package answer

import "github.com/reedesk/reedesk/knowledge"

// Prepare reads a knowledge base's vocabulary for questions ahead of the first question, which
// would otherwise pay for it: a server calls it at start-up.
func Prepare(b *knowledge.Base) { lexiconFor(b) }
