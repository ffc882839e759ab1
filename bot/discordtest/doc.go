// Package discordtest is a fake Discord for tests that drive the real discordgo code: REST
// under /api/v9/ and the gateway websocket, on an httptest server, plus a validator for the
// payloads a bot sends.
//
// The fake serves GET /gateway and /gateway/bot, interaction callbacks (204, once per
// interaction, within 3 s), webhook edits of @original and followups (200 with a message),
// message deletes, and bulk command overwrites (echoed with ids); anything else gets a 404
// JSON error. Its gateway sends HELLO, answers IDENTIFY with READY, RESUME with the missed
// dispatches and RESUMED, and heartbeats with ACKs. Every REST request is recorded
// (Requests, Wait) and every payload checked: against Discord's OpenAPI spec when
// $DISCORD_OPENAPI_SPEC names it (see SpecEnv, ValidatorFromEnv), and always against the
// limits the spec misses (CheckLimits). Problems fail the test with t.Errorf.
//
// A request that uploads files (multipart/form-data, as Discord's "Uploading Files" has it)
// is recorded with its payload_json part as Body and its files[n] parts as Files; the payload
// is validated like any other, and CheckFiles checks that it lists every file in its
// attachments array and that every attachment:// image names one. Messages the fake returns
// carry an attachment for each file.
//
// Faults for reliability tests: FailNext (e.g. RateLimited, 502s, delays), Drop, Reconnect
// and InvalidSession. Each Server is independent and stopped by t.Cleanup, so tests may run
// in parallel.
//
// discordgo builds most endpoint URLs from package variables fixed at init, so point a
// session at the fake through its HTTP client rather than the variables; the fake's /gateway
// then hands out its own websocket URL:
//
//	srv := discordtest.New(t)
//	s, _ := discordgo.New("Bot test")
//	s.Client = srv.Client() // rewrites https://discord.com to the fake
//	s.Identify.Intents = discordgo.IntentsNone
//	s.AddHandler(handle)
//	if err := s.Open(); err != nil {
//		t.Fatal(err)
//	}
//	t.Cleanup(func() { s.Close() }) // takes 1 s: discordgo sleeps while closing
//	srv.WaitHeartbeat(ctx, 1)       // else Close may race discordgo into reconnecting
//
//	in := srv.SendInteraction(discordtest.Command("ask", map[string]any{"question": "Nd"}))
//	req, err := srv.Wait(ctx, discordtest.Match("POST", in.CallbackPath()))
//	// req.Body is the JSON discordgo sent; req.Status what the fake answered.
//
// Register the session's cleanup after New so it runs first. A bot that takes a base URL
// can use APIURL instead of Client. discordgo runs each event handler in its own goroutine,
// so interactions sent back to back may be handled in any order.
package discordtest
